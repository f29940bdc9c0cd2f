"""Plain-word texts of reason codes, Indonesian and English. Stdlib only.

Texts are short, for a social worker to read at a glance. A text signal's matched words
(`Reason.detail`) are appended in quotes. These strings are the source for the catalogue.
Reasons read from the story (`<code>_from_story`) say "Dari cerita: ..." / "From the story".
"""

from __future__ import annotations

from collections.abc import Mapping

from triage.domain.model import Category, Reason
from triage.domain.rules.model import category_code, combo_code, signal_code, story_code

_FACTORS: Mapping[str, tuple[str, str]] = {
    "immediate_danger": ("Anak dalam bahaya saat ini", "Child in danger right now"),
    "young_child": ("Anak berusia 0-5 tahun", "Child aged 0-5"),
    "injured": ("Anak terluka dan perlu perawatan", "Child injured, needs medical care"),
    "perpetrator_access": (
        "Pelaku bisa menemui anak dalam sehari ini",
        "The person who harms the child can reach them within a day",
    ),
    "repeated": ("Kejadian berulang", "Harm has happened before"),
    "disability": ("Anak dengan disabilitas", "Child has a disability"),
    "several_children": ("Lebih dari satu anak terdampak", "More than one child affected"),
    "child_alone": ("Balita ditelantarkan atau sendirian", "Child under 5 neglected or alone"),
}

_STORY_FACTORS: Mapping[str, tuple[str, str]] = {
    "immediate_danger": ("anak dalam bahaya saat ini", "the child is in danger right now"),
    "young_child": ("anak berusia 0-5 tahun", "the child is aged 0-5"),
    "injured": ("anak terluka", "the child is injured"),
    "perpetrator_access": (
        "pelaku masih bisa menemui anak",
        "the person who harms the child can still reach them",
    ),
    "repeated": ("kejadian berulang", "the harm happens again and again"),
    "disability": ("anak dengan disabilitas", "the child has a disability"),
    "several_children": ("lebih dari satu anak terdampak", "more than one child affected"),
    "child_alone": ("balita ditelantarkan atau sendirian", "a child under 5 neglected or alone"),
}

_CATEGORIES: Mapping[Category, tuple[str, str]] = {
    Category.KEKERASAN_FISIK: ("kekerasan fisik", "physical violence"),
    Category.KEKERASAN_PSIKIS: ("kekerasan psikis", "psychological violence"),
    Category.KEKERASAN_SEKSUAL: ("kekerasan seksual", "sexual violence"),
    Category.EKSPLOITASI: ("eksploitasi", "exploitation"),
    Category.PERDAGANGAN: ("perdagangan anak", "child trafficking"),
    Category.PENELANTARAN: ("penelantaran", "neglect"),
    Category.PERKAWINAN_ANAK: ("perkawinan anak", "child marriage"),
    Category.ANAK_JALANAN: ("anak jalanan", "street child"),
    Category.BERHADAPAN_HUKUM: (
        "anak berhadapan dengan hukum",
        "child in conflict with the law",
    ),
    Category.DISABILITAS: (
        "anak disabilitas tanpa pengasuhan",
        "child with a disability without care",
    ),
    Category.NAPZA: ("narkoba atau zat adiktif", "drugs or solvents"),
    Category.PORNOGRAFI: ("pornografi", "pornography"),
    Category.SITUASI_DARURAT: ("situasi darurat", "emergency situation"),
    Category.LAINNYA: ("masalah lain", "other concern"),
}

_SIGNALS: Mapping[str, tuple[str, str]] = {
    "physical_violence": ("kekerasan fisik", "physical violence"),
    "psychological_violence": ("perundungan atau ancaman", "bullying or threats"),
    "sexual_violence": ("kekerasan seksual", "sexual violence"),
    "sexual_exploitation": ("eksploitasi seksual", "sexual exploitation"),
    "trafficking": ("penjualan atau penculikan anak", "sale or abduction of a child"),
    "suicide_self_harm": ("bunuh diri atau melukai diri", "suicide or self-harm"),
    "neglect": ("penelantaran", "neglect"),
    "young_child_alone": ("balita ditinggal sendirian", "a small child left alone"),
    "confinement": (
        "anak dikurung, diikat atau dipasung",
        "a child locked up, tied up or shackled",
    ),
    "child_marriage": ("perkawinan anak", "child marriage"),
    "child_labour": ("anak dipaksa bekerja atau mengemis", "a child forced to work or beg"),
    "street_child": ("anak hidup di jalan", "a child living on the street"),
    "substance_use": ("narkoba atau ngelem", "drugs or glue sniffing"),
    "pornography": ("konten porno", "pornographic content"),
    "afraid_to_go_home": ("anak takut pulang atau kabur", "a child afraid to go home or run away"),
    "grave_harm": ("luka berat atau kondisi gawat", "grave harm or a medical emergency"),
    "injury": ("luka", "an injury"),
    "missing_child": ("anak diculik atau dibawa pergi", "a child abducted or taken away"),
    "detained": ("anak ditahan polisi", "a child held by the police"),
    "worrying_signs": (
        "tanda yang perlu dicek dengan kunjungan",
        "signs that need a visit to understand",
    ),
}

_COMBOS: Mapping[str, tuple[str, str]] = {
    "baby_harmed": ("Bayi atau batita terluka", "A baby or toddler is injured"),
    "young_neglected": ("Balita ditelantarkan", "A child under 5 neglected"),
    "broken_bone": ("Tulang patah atau retak", "A broken or cracked bone"),
    "head_injury": ("Luka atau benturan di kepala", "An injury or blow to the head"),
    "starved": (
        "Anak tanpa makan atau minum berhari-hari",
        "A child without food or water for days",
    ),
    "child_missing": ("Anak hilang atau tidak pulang", "A child is missing or has not come home"),
    "sale_imminent": (
        "Anak akan dijual atau dibawa pergi",
        "A child about to be sold or taken away",
    ),
    "marriage_arranged": (
        "Perkawinan anak sedang direncanakan",
        "A child's marriage being arranged",
    ),
    "marriage_imminent": (
        "Anak akan dinikahkan dalam beberapa hari",
        "A child to be married within days",
    ),
    "cry_for_help": ("Terdengar teriakan minta tolong", "Screams or cries for help heard"),
    "sold_for_sex": (
        "Anak diduga dijual untuk seks (open BO, hotel, tamu)",
        "A child suspected of being sold for sex",
    ),
    "sextortion": (
        "Foto atau video anak disebar atau dipakai mengancam",
        "Images of a child spread around or used for threats",
    ),
    "grooming": (
        "Tanda grooming: bujukan, hadiah, ajakan bertemu atau omongan seksual",
        "Signs of grooming: lures, gifts, invitations to meet or sexual talk",
    ),
    "work_at_night": (
        "Anak kecil disuruh bekerja atau mengemis sampai malam",
        "A young child made to work or beg late at night",
    ),
    "dangerous_work": ("Anak bekerja di tempat berbahaya", "A child in dangerous work"),
    "images_kept": (
        "Foto atau video anak tanpa busana atau berpakaian dalam dibuat atau disimpan",
        "Pictures of children undressed or in underwear taken or kept",
    ),
    "fgm_planned": (
        "Sunat perempuan (P2GP) direncanakan untuk anak",
        "Female genital cutting planned for a child",
    ),
    "child_domestic_work": (
        "Anak dipekerjakan sebagai pembantu rumah tangga",
        "A child kept working as a domestic helper",
    ),
    "disabled_without_care": (
        "Anak disabilitas tanpa pengasuhan atau dipasung",
        "A child with a disability left without care or shackled",
    ),
    "street_no_family": (
        "Anak hidup di jalan tanpa keluarga dan tidak sekolah",
        "A child living on the street with no family to go back to, out of school",
    ),
    "images_in_household": (
        "Gambar seksual anak oleh orang serumah atau yang masih menemuinya",
        "Sexual images of a child by someone who lives with or still sees them",
    ),
    "farewell_message": (
        "Pesan perpisahan dari anak: tanda ingin bunuh diri",
        "A farewell message from a child: a warning sign of suicide",
    ),
    "threat_to_jump": (
        "Anak di tempat tinggi mengatakan akan melompat",
        "A child in a high place says they will jump",
    ),
    "sexual_show": (
        "Anak disuruh tampil seksi di depan kamera atau untuk uang: eksploitasi seksual",
        "A child made to perform sexily on camera or for money: sexual exploitation",
    ),
    "newborn_still": (
        "Bayi baru lahir tidak menangis atau tidak bergerak",
        "A newborn who does not cry or move",
    ),
    "drugged": (
        "Anak menelan atau diberi obat, pil atau narkoba secara berbahaya",
        "A child swallowed or was given pills, medicine or drugs dangerously",
    ),
    "burnt": (
        "Anak dibakar atau disakiti dengan benda panas (setrika, bau gosong dan jeritan)",
        "A child burnt or hurt with something hot (an iron, a burning smell and screams)",
    ),
    "hypothermia": (
        "Anak kedinginan: badan dingin, menggigil, pucat atau lemas",
        "A child chilled through: cold to the touch, shivering, pale or listless",
    ),
    "nearly_drowned": (
        "Anak tercebur atau tenggelam dan tidak sadar atau lemas",
        "A child fell into water or nearly drowned and is limp or unresponsive",
    ),
    "shut_in": (
        "Anak dikurung: terdengar minta dikeluarkan dari rumah yang ditutup",
        "A child shut in, heard asking to be let out of a closed-up house",
    ),
    "lured_tonight": (
        "Anak diancam dengan foto atau video dan disuruh datang dalam beberapa jam",
        "A child threatened with images and told to come to a meeting within hours",
    ),
    "swallowed": (
        "Anak menelan benda atau zat berbahaya (baterai, magnet, koin, racun)",
        "A child swallowed a dangerous object or substance (a battery, a magnet, a coin, poison)",
    ),
    "baby_danger_signs": (
        "Bayi lemas, muntah terus atau tidak mau menyusu",
        "A baby who is limp, keeps vomiting or will not feed",
    ),
    "taken_out_at_night": (
        "Anak sering dibawa keluar malam dan baru pulang dini hari",
        "A child often taken out at night, brought back in the small hours",
    ),
    "drug_courier": (
        "Anak disuruh mengantar bungkusan kecil (diduga kurir narkoba)",
        "A child made to deliver small packages (a suspected drug courier)",
    ),
    "shut_out_at_night": (
        "Anak dikunci atau diusir di luar rumah pada malam hari",
        "A child locked or put out of the house at night",
    ),
}

SIGNAL_NAMES = frozenset(_SIGNALS)
"""Text signals that have texts; a rules file may only define these."""

COMBO_NAMES = frozenset(_COMBOS)
"""Combination rules that have texts; only these may add points or set a floor."""

NO_HARM_WORDS = "no_harm_words"
"""The reason given when a description names no word of any signal, not even negated."""

UNREAD_GRAVE = "unread_grave"
"""The reason given when a description names no known sign and the reporter chose a category
that can be an emergency (`ScoringRules.unread_floors`): its floor holds until a person reads."""

PLAIN_REQUEST = "plain_request"
"""The reason given when a description is a plain request for a service (RENDAH)."""

_TEXTS: Mapping[str, tuple[str, str]] = {
    **_FACTORS,
    **{
        story_code(code): (f"Dari cerita: {id_}", f"From the story: {en}")
        for code, (id_, en) in _STORY_FACTORS.items()
    },
    **{
        category_code(c): (f"Dilaporkan: {id_}", f"Reported: {en}")
        for c, (id_, en) in _CATEGORIES.items()
    },
    **{
        story_code(category_code(c)): (f"Dari cerita: {id_}", f"From the story: {en}")
        for c, (id_, en) in _CATEGORIES.items()
    },
    **{
        signal_code(name): (f"Teks menyebut {id_}", f"The description mentions {en}")
        for name, (id_, en) in _SIGNALS.items()
    },
    **{combo_code(name): texts for name, texts in _COMBOS.items()},
    PLAIN_REQUEST: (
        "Permintaan layanan atau informasi, tanpa bahaya yang disebut",
        "A request for a service or information, with no harm described",
    ),
    NO_HARM_WORDS: (
        "Cerita tidak menyebut tanda bahaya yang dikenal; mohon dibaca",
        "The description names no known sign of harm; please read it",
    ),
    UNREAD_GRAVE: (
        "Jenis yang dipilih bisa darurat dan ceritanya belum terbaca sistem; "
        "dianggap darurat sampai dibaca petugas",
        "The concern chosen can be an emergency and the description could not be read "
        "by the rules; treated as one until a person reads it",
    ),
}

LANGUAGES = ("id", "en")


def reason_text(reason: Reason, lang: str = "id") -> str:
    """The plain-word text of a reason in `lang` ("id" or "en"), with its detail quoted."""
    texts = _TEXTS.get(reason.code)
    text = reason.code if texts is None else texts[1 if lang == "en" else 0]
    return f'{text} ("{reason.detail}")' if reason.detail else text
