"""The questionnaire's questions and answer options as data. Stdlib and domain values only.

Texts are message ids (Indonesian) for the translation catalogue; `N_` only marks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from triage.domain.age import ChildAge
from triage.domain.child_sex import ChildSex
from triage.domain.model import Category


def N_(msgid: str) -> str:
    return msgid


class Step(StrEnum):
    CONSENT = "consent"
    DANGER = "danger"
    CATEGORY = "category"
    AGE = "age"
    RISKS = "risks"
    LOCATION = "location"
    LOCATION_PICK = "location_pick"
    ADDRESS = "address"  # asked only from the summary's edit menu
    WHEN = "when"  # retired (now part of DANGER); drafts saved at it go on at DESCRIPTION
    DESCRIPTION = "description"
    RELATION = "relation"
    CONTACT = "contact"
    SUMMARY = "summary"
    CANCEL_CONFIRM = "cancel_confirm"


@dataclass(frozen=True, slots=True)
class Option:
    """A button: `value` goes into callback data; `label` is a msgid unless `literal`."""

    value: str
    label: str
    literal: bool = False


YES_NO_UNSURE = (
    Option("yes", N_("Ya")),
    Option("no", N_("Tidak")),
    Option("unknown", N_("Tidak yakin")),
)

CONSENT_OPTIONS = (
    Option("id", "Setuju, lanjut (Bahasa Indonesia)", literal=True),
    Option("en", "I agree (English)", literal=True),
    Option("decline", "Tidak jadi / No thanks", literal=True),
)

CATEGORY_OPTIONS = (
    Option(Category.KEKERASAN_FISIK, N_("Kekerasan fisik (dipukul, dianiaya)")),
    Option(Category.KEKERASAN_SEKSUAL, N_("Kekerasan seksual")),
    Option(Category.KEKERASAN_PSIKIS, N_("Dihina, diancam, dirundung")),
    Option(Category.PENELANTARAN, N_("Ditelantarkan, tidak diurus")),
    Option(Category.EKSPLOITASI, N_("Dipekerjakan / dieksploitasi")),
    Option(Category.PERDAGANGAN, N_("Dijual / diperdagangkan")),
    Option(Category.PERKAWINAN_ANAK, N_("Perkawinan anak")),
    Option(Category.ANAK_JALANAN, N_("Anak jalanan")),
    Option(Category.DISABILITAS, N_("Disabilitas tanpa pengasuhan")),
    Option(Category.BERHADAPAN_HUKUM, N_("Berurusan dengan hukum")),
    Option(Category.NAPZA, N_("Narkoba / ngelem")),
    Option(Category.LAINNYA, N_("Lainnya")),
)
CATEGORY_MULTI = "multi"
CATEGORY_DONE = "done"

# "Is the child in danger right now?" answered together with when it happened.
DANGER_OPTIONS = (
    Option("now", N_("Ya, sekarang")),
    Option("today", N_("Baru saja / hari ini")),
    Option("week", N_("Minggu ini")),
    Option("earlier", N_("Sudah lama")),
    Option("unknown", N_("Tidak tahu")),
)
# What each answer records: (immediate_danger, when), in the values of the two questions it
# replaced. "yes"/"no" are the buttons (and typed "ya"/"tidak") of the earlier yes/no question.
DANGER_ANSWERS = {
    "now": ("yes", "now"),
    "today": ("no", "today"),
    "week": ("no", "week"),
    "earlier": ("no", "earlier"),
    "unknown": ("unknown", "unknown"),
    "yes": ("yes", "now"),
    "no": ("no", "unknown"),
}

SEX_PREFIX = "sex-"
SEX_OPTIONS = (  # on the age question's message: a tap marks it, the age moves on
    Option(SEX_PREFIX + ChildSex.FEMALE, N_("👧 Perempuan")),
    Option(SEX_PREFIX + ChildSex.MALE, N_("👦 Laki-laki")),
)

AGE_OPTIONS = (
    Option("0-5", N_("0–5 tahun")),
    Option("6-12", N_("6–12 tahun")),
    Option("13-17", N_("13–17 tahun")),
    Option("unknown", N_("Tidak tahu")),
)
AGE_BANDS = {
    "0-5": ChildAge.band(0, 5),
    "6-12": ChildAge.band(6, 12),
    "13-17": ChildAge.band(13, 17),
}  # kept as chosen: a band, never one of its ages

RISK_OPTIONS = (
    Option("perpetrator_access", N_("Pelaku bisa menemui anak (24 jam ke depan)")),
    Option("injured", N_("Anak terluka, perlu ke dokter")),
    Option("repeated", N_("Sudah pernah terjadi sebelumnya")),
    Option("disability", N_("Anak penyandang disabilitas")),
    Option("several_children", N_("Lebih dari satu anak")),
)
RISKS_NONE = "none"
RISKS_UNKNOWN = "unknown"
RISKS_DONE = "done"

WHEN_OPTIONS = (  # how the summary says `when`
    Option("now", N_("Sedang terjadi")),
    Option("today", N_("Hari ini")),
    Option("week", N_("Minggu ini")),
    Option("earlier", N_("Lebih dari seminggu")),
    Option("unknown", N_("Tidak tahu")),
)

RELATION_OPTIONS = (
    Option("family", N_("Keluarga")),
    Option("neighbour", N_("Tetangga")),
    Option("school", N_("Guru / sekolah")),
    Option("self", N_("Saya anak itu")),
    Option("other", N_("Lainnya")),
)

CONTACT_ANONYMOUS = "anonymous"
PLACE_WRONG = "not-place"
STORY_AS_TOLD = "as-told"  # the story is what was typed at an earlier question
LOCATION_BROWSE = "browse"
LOCATION_AGAIN = "again"
ADDRESS_SKIP = "skip"
SUBMIT = "submit"
NOTIFY_TOGGLE = "notify"
EDIT_PREFIX = "edit-"
CANCEL = "cancel"
CANCEL_YES = "yes"
CANCEL_NO = "no"
PAGE_PREFIX = "page-"
PROVINCE_PREFIX = "prov-"
REGION_PREFIX = "kk-"

# The questions in the order they are asked, after consent and before the summary: the one
# definition of the order (flow.STEP_ORDER adds consent and the summary around it).
QUESTION_ORDER = (
    Step.DANGER,
    Step.CATEGORY,
    Step.AGE,
    Step.RISKS,
    Step.LOCATION,
    Step.DESCRIPTION,
    Step.RELATION,
    Step.CONTACT,
)
# Every question can be changed from the summary, and an address (besides the landmark the
# story prompt asks for) can be added there.
EDITABLE_STEPS = (
    Step.DANGER,
    Step.CATEGORY,
    Step.AGE,
    Step.RISKS,
    Step.LOCATION,
    Step.ADDRESS,
    Step.DESCRIPTION,
    Step.RELATION,
    Step.CONTACT,
)

LIMITS = {
    "description_min_letters": 10,
    "caption_story_min_words": 4,  # a photo's caption this long is taken as the story
    # typed at a button question, this long is kept for the story ("cewek dan cowok",
    # "ok kirim aja" are tries at an answer)
    "typed_story_min_words": 4,
    "description_max_chars": 3000,
    "address_max_chars": 300,
    "evidence_max": 5,
    "region_page_size": 10,
}
