"""The default rules against the guideline in docs/triage.md: one row per rule of the
guideline, in the words reporters use (slang, misspellings, regional forms, English), and
plain requests for a service that nothing may lift above RENDAH."""

from __future__ import annotations

import pytest

from triage.domain.age import ChildAge
from triage.domain.model import Answer, Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()
D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH
YES = Answer.YES
C = Category


def level(description: str, *categories: Category, **answers: object) -> Urgency:
    facts = ReportFacts(categories=categories, description=description, **answers)  # type: ignore[arg-type]
    return assess(facts, RULES).urgency


GRAVE_HARM = [
    "anak SD pingsan setelah dipukul ayahnya",  # the guideline's example
    "adiknya pinsan abis dihajar",
    "bocah itu dihajar sampe gak sadar",
    "anaknya kagak sadar2 dari tadi",
    "anak itu tidak sadarkan diri di kamar",
    "kepalanya berdarah habis dilempar batu",
    "anak tetangga keluar darah dari hidung dan telinga",
    "ponakan saya patah tulang dipukul pamannya",
    "tangannya bengkok kayaknya patah, habis ditarik bapaknya",
    "bayi tetangga 1 thn ada luka bakar di tangan",  # the guideline's example
    "anak itu kesiram air panas sama ibunya",
    "kulitnya melepuh disetrika",
    "anak 4 thn kejang2 habis dipukul",
    "anaknya step habis ditampar",
    "adiknya sesak napas habis dicekik",
    "anaknya ga bisa napas",
    "anak itu diracun ibu tirinya",
    "kepalanya dibenturin ke tembok, sekarang muntah",
    "anak itu hampir mati dipukuli",
    "getihen akeh, saiki ora iso mlaku",  # Javanese: bleeding a lot, cannot walk now
    "the boy is unconscious after his father hit him",
    "my niece is bleeding and her arm looks broken",
    "the baby got burned with an iron",
    "he had a seizure after being beaten",
    "the child can't breathe",
]
DANGER_NOW = [
    "ada anak dikurung di gudang, sudah 2 hari gak dikasih makan",  # the guideline's example
    "anak tetangga dikurung di kamar mandi",
    "anaknya diikat di tiang",
    "anak itu dipasung di belakang rumah",
    "denger anak jerit2 minta tolong dari rumah sebelah",
    "anak itu teriak minta ampun",
    "anak tetangga sedang dipukuli bapaknya",
    "anak itu ga dikasih makan berhari-hari",
    "anak sy ilang dr kemarin sore, hp nya gk aktif",
    "anak 6 tahun diculik orang tidak dikenal",
    "adiknya mau dijual",
    "dia bilang mau bundir",
    "anak saya nyilet tangannya",
    "temannya ingin mengakhiri hidup",
    "a child is locked up in the shed",
    "the kid next door was kidnapped",
    "my sister says she wants to kill herself",
    "this is happening right now, the man next door is hitting his son",
]
YOUNG_CHILD = [
    ("ditelantarkan, balita sendirian di rumah", {}),
    ("bayinya dibuang di tempat sampah", {}),
    ("bayi 8 bulan ada memar di pipi", {}),
    ("ditinggal ibunya di terminal dari pagi", {"child_age": ChildAge.exact(3)}),
    ("ada luka di tangannya", {"child_age": ChildAge.exact(1)}),
    ("the toddler was left alone all night", {}),
]
SEXUAL_ABUSE_IN_CONTACT = [
    ("keponakan saya dicabuli ayah tirinya, masih serumah", ()),  # the guideline's example
    ("anak itu dilecehkan gurunya, masih diajar tiap hari", ()),
    ("digituin sama pamannya yang numpang di rumahnya", ()),
    ("om nya tinggal bareng, suka pegang2 kemaluan ponakannya", ()),
    ("", (C.KEKERASAN_SEKSUAL,)),  # with perpetrator_access answered yes below
]
MARRIAGE_WITHIN_DAYS = [
    "anak 14 tahun besok dinikahkan",
    "minggu ini akad, anaknya baru 15",
    "a 15-year-old girl is being married off this Saturday",
]


@pytest.mark.parametrize("story", GRAVE_HARM + DANGER_NOW + MARRIAGE_WITHIN_DAYS)
def test_darurat_from_the_story(story: str) -> None:
    assert level(story) is D
    assert level(story, C.LAINNYA) is D  # "Lainnya" chosen changes nothing


@pytest.mark.parametrize(("story", "answers"), YOUNG_CHILD)
def test_darurat_a_baby_injured_or_a_small_child_alone(story: str, answers: dict) -> None:
    assert level(story, **answers) is D


@pytest.mark.parametrize(("story", "categories"), SEXUAL_ABUSE_IN_CONTACT)
def test_darurat_sexual_abuse_with_the_abuser_in_contact(
    story: str, categories: tuple[Category, ...]
) -> None:
    access = {"perpetrator_access": YES} if not story else {}
    assert level(story, *categories, **access) is D


def test_darurat_when_the_reporter_said_danger_now() -> None:
    assert level("anaknya aman kok sekarang", immediate_danger=YES) is D  # never lowered


TINGGI = [
    ("foto bugil siswi disebar, dia diancam kalau gak kirim lagi", ()),  # the guideline's
    ("anak umur 7 disuruh ngemis sampai jam 12 malam", ()),  # two examples
    ("anak itu diperkosa tetangganya", ()),
    ("open BO anak umur 15", ()),
    ("siswi SMP itu dichat om om, dikasih pulsa, diajak ketemuan", ()),
    ("keponakan 16 thn direkrut kerja ke luar kota, ijazah ditahan agen", ()),
    ("anak tetangga sering dipukulin bapaknya", ()),
    ("anaknya dipukul sampai memar", ()),
    ("anaknya mau dijodohkan habis lebaran", ()),
    ("balita itu gizi buruk, tidak dibawa berobat", ()),
    ("anak down syndrome tidak diurus, dibiarkan di kamar", ()),
    ("anak jalanan tidur di kolong jembatan, tidak punya keluarga, tidak sekolah", ()),
    ("anak 15 tahun ditahan di polsek tanpa orang tua", ()),
    ("anak SMP ketahuan ngelem", ()),
    ("anak 14 tahun kerja di kapal ikan", ()),
    ("my 15 yo son is using meth", (C.NAPZA,)),
    ("a man keeps sending my daughter sexual messages", ()),
]
SEDANG = [
    ("anak tetangga sering dibentak dan dikatain bodoh", ()),  # the guideline's examples
    ("bukan dipukul, cuma dimarahi", ()),
    ("dicubit sekali, tidak sampai memar", ()),
    ("dulu dipukul ayahnya, sekarang sudah cerai dan tidak pernah datang", ()),
    ("sering terdengar teriakan dari rumah itu", ()),
    ("anaknya jarang terlihat", ()),
    ("anak 13 tahun putus sekolah", ()),
    ("anak jalanan ngamen siang hari, malamnya pulang ke rumah", (C.ANAK_JALANAN,)),
    ("anak sy dituduh nyuri, dipanggil polisi tapi tidak ditahan", (C.BERHADAPAN_HUKUM,)),
    ("ortunya kewalahan ngurus anak autis", (C.DISABILITAS,)),
    ("I often hear yelling from the flat upstairs, there are kids there", ()),
]


@pytest.mark.parametrize(("story", "categories"), TINGGI)
def test_tinggi(story: str, categories: tuple[Category, ...]) -> None:
    assert level(story, *categories) is T


@pytest.mark.parametrize(("story", "categories"), SEDANG)
def test_sedang(story: str, categories: tuple[Category, ...]) -> None:
    assert level(story, *categories) is S


SERVICE_REQUESTS = [
    "anak saya butuh bantuan bikin akta kelahiran",  # the guideline's example
    "mau tanya cara ngurus KIA buat anak umur 3 thn",
    "KK kami hilang, gimana bikin lagi biar anak bisa daftar sekolah",
    "ada bantuan biaya sekolah buat anak saya?",
    "seragam anak saya sudah kekecilan, ada bantuan seragam gk",
    "anak sy minus 4, ada bantuan kacamata dari dinsos",
    "keluarga kami gak dapet PKH lagi, gmn cara ngajuinnya",
    "gimana daftar KIP buat anak SD",
    "mau tanya syarat bansos untuk keluarga dengan 4 anak",
    "no abuse or anything, just need to know how to get a KIA for my baby",
    "KAK TOLONG BGT 😭😭 akta anak sy ilang kebakar, mau bikin ulang gmn",
]
# What the buttons may say around a plain request; none of it is harm.
AROUND = [
    {},
    {"categories": (C.LAINNYA,)},
    {"categories": (C.PENELANTARAN,), "child_age": ChildAge.exact(2)},
    {"categories": (C.DISABILITAS,), "disability": True, "children_count": 3},
    {"categories": (C.SITUASI_DARURAT,), "child_age": ChildAge.band(0, 5)},
    {"categories": (C.KEKERASAN_SEKSUAL,), "repeated": Answer.NO, "injured": Answer.NO},
]


@pytest.mark.parametrize("around", AROUND)
@pytest.mark.parametrize("story", SERVICE_REQUESTS)
def test_a_plain_request_for_a_service_stays_rendah(story: str, around: dict) -> None:
    facts = ReportFacts(description=story, **around)
    assessment = assess(facts, RULES)
    assert assessment.urgency is R
    assert assessment.reasons[0].code == "plain_request"


@pytest.mark.parametrize(
    "story",
    [
        "anak saya butuh bantuan bikin akta kelahiran, tapi bapaknya sering mukulin dia",
        "mau tanya cara ngurus KIA, anaknya ditinggal sendirian di rumah, umur 2",
        "ada bantuan biaya sekolah? anak saya dibully tiap hari sampai tidak mau sekolah",
    ],
)
def test_a_request_that_describes_harm_is_not_plain(story: str) -> None:
    assert level(story) is not R


def test_a_request_with_a_harm_answer_is_not_plain() -> None:
    story = "mau tanya cara ngurus akta kelahiran"
    assert level(story, C.KEKERASAN_FISIK, injured=YES) is not R
    assert level(story, immediate_danger=YES) is D
