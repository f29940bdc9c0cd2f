"""Rules 2026.18: emergencies two development writers told in the middle of adults' troubles
(custody, debts, a parent's anger, a mob) and by place and time (a terminal, a boarding
school, a guesthouse, a bus about to leave), and calm cases in the same words that must not be
raised. Each is said here in words no corpus report uses, with a neighbour of the same words
that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, T, codes, level
from triage.domain.model import Urgency
from triage.domain.scoring.words import chat_reader, tokens

EMERGENCIES = [
    # a parent taking a child abroad within days against the other parent's will
    ("mantan istri mau bawa anak kami ke singapura lusa tanpa izin saya, paspor ditahan dia", D),
    # a child taken as collateral for a debt
    ("anak 9 thn dibawa penagih utang sebagai jaminan sampai lunas, ibunya pingin lapor", D),
    # taken, and nobody knows where
    ("adik saya 8 thn dibawa pergi pamannya kemarin, sampai skrg gak tau dibawa kmn", D),
    # a hot iron pressed on a child's body
    ("kakinya anak 6 thn disetrikain bapaknya gara2 ngompol", D),
    # a teenager hiding from people gathered to kill him tonight
    (
        "keponakan 15 th kemarin nyenggol motor, rombongan orang mau bacok dia malam ini, dia sembunyi di masjid",
        D,
    ),
    # a beating planned tonight at an initiation
    (
        "anak saya 14 th di asrama, nanti malam ada perpeloncoan sama kakak kelas, mau dipukuli pakai sabuk",
        D,
    ),
    # an adult shuts a child in a room with him, now
    (
        "a man took a girl of about 8 into the back room and drew the curtains, happening now, please",
        D,
    ),
    # a newborn found in a box
    ("pagi ini warga nemu bayi di pos ronda, dibungkus sarung", D),
    # a weak cry beside a cold body
    ("bayi 2 bln di kos sebelah nangisnya lemah, badannya dingin, ibunya gak pulang2", D),
    # a child worker locked in at the employer's, fed once in days
    (
        "ponakan 15 th kerja di rumah majikan di jakarta, dikunci majikan, 3 hari cuma dikasih makan sekali",
        D,
    ),
    # a child with an adult the child says they do not know, leaving within the hour
    (
        "di pelabuhan ada anak 12 th sama bapak2, anaknya bilang bukan bapak saya, kapal berangkat sejam lagi",
        D,
    ),
    # picked up to meet an online acquaintance, the phone now dead
    ("anak sy 13 th dijemput mobil kenalan dari roblox, hpnya sekarang mati", D),
    # not home though the others are
    ("anak saya 8 th dari sore belum pulang, teman temannya sudah pulang semua", D),
    # digits typed for letters
    ("t0l0ng 4d1k gw 4 thn d1kurung d1 k4m4r m4nd1 s4m4 b4p4k t1r1", D),
    # Sundanese: a small child left at a market since the morning
    ("aya budak leutik 3 taun ditinggalkeun di pasar ti isuk, indungna teu balik deui", D),
]

HIGH = [
    # a child made to deliver small packages at night
    ("anak 12 thn tiap malam disuruh anter bungkusan kecil ke pangkalan ojek sama omnya", T),
    # a child brought to a hotel to meet different men
    ("siswi 14 th tiap minggu diantar ke hotel, ketemu om yang beda beda", T),
    # a child at sea at night without a life jacket
    ("anak 12 th ikut melaut sama pamannya sampai subuh tanpa pelampung", T),
    # girls recruited for work far away, the fare taken from their wages
    ("calo nawarin kerja di kalimantan buat anak 15 th, ongkos ditanggung, nanti potong gaji", T),
    # a young child at night work, exploitation chosen
    ("anak 9 th kerja cuci piring di warung tenda sampai jam 12 malam", T),
    # a disabled child rarely fed
    ("anak tunanetra 10 th dititip ke pamannya, jarang dikasih makan", T),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES)
def test_an_emergency_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(("story", "expected"), HIGH)
def test_a_high_concern_is_read_at_its_level(story: str, expected: Urgency) -> None:
    categories = (C.EKSPLOITASI,) if "kerja" in story else ()
    if "tunanetra" in story:
        categories = (C.DISABILITAS,)
    assert level(story, *categories) is expected, codes(story, *categories)


@pytest.mark.parametrize(
    "story",
    [
        # a holiday abroad, both parents agree
        "kami sekeluarga mau bawa anak liburan ke malaysia minggu depan, minta info paspor anak",
        # a debt collector, no child taken
        "saya dikejar debt collector pinjol, anak saya 10 thn butuh bantuan biaya sekolah",
        # a child who irons clothes as a chore
        "anak 12 thn rajin bantu nyetrika baju, mau minta info beasiswa",
        "anak 13 thn bisa nyetrika baju sendiri pakai tangan kiri, mau tanya les jahit",
        # a motorbike gang, nothing planned
        "keponakan saya 16 thn ikut geng motor, malam ini katanya mau nongkrong, saya khawatir",
        # an initiation remembered, tonight a party
        "anak saya 14 thn dulu waktu ospek dipukuli senior, sekarang sudah lulus, malam ini mau syukuran",
        # a man closes the door of a shop, nothing happening
        "a man at the shop closed the door at 9, my 10 year old son was already home",
        # a shop closed a moment ago, a child back from school
        "anak saya 10 thn barusan pulang sekolah, bapak tutup pintu toko jam 5, minta info beasiswa",
        # a school trip abroad, strangers feared
        "anak saya 15 th besok berangkat pertukaran pelajar ke jepang naik pesawat, takut orang asing",
        # a motorbike taken by a debt collector, not a child
        "motor saya dibawa debt collector pinjol sampai lunas, anak saya 8 thn butuh bantuan seragam",
        # a holiday abroad one parent disagrees with
        "ayahnya mau bawa anak kami liburan ke malaysia besok, saya tidak setuju, minta saran",
        # cakes delivered to a neighbour
        "anak 13 thn disuruh nganter bungkusan kue ke tetangga tiap sore, minta info lomba",
        # seniors at a practice tonight, a blow yesterday
        "anak 14 thn, nanti malam senior mau latihan silat, kemarin dipukul temannya di kelas",
        # a newborn's cord, a birth certificate
        "bayi saya 2 bln, tali pusarnya sudah lepas, mau bikin akta kelahiran",
        # a school trip leaving tomorrow
        "anak saya 15 thn besok berangkat naik bus study tour sama guru, minta info asuransi",
        # a child picked up by a parent
        "anak saya 13 thn dijemput ayahnya sepulang sekolah, minta info beasiswa",
        # fed once a day in hard times: a request
        "anak 10 thn di rumah kami makan sekali sehari saja karena susah, minta bansos",
        # a child who goes fishing by day with his father
        "anak 12 th suka ikut bapaknya cari ikan di sungai sore sore, minta info sekolah",
        # a class code, a reference number
        "anak saya 7 thn kelas 1a, p2tp2a minta fotokopi kk rt05, covid19 sudah vaksin",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_digits_typed_for_letters_are_read_as_letters() -> None:
    read = chat_reader({})
    assert [read(t) for t in tokens("d1kunc1 4d3k t0l0ng b4p4k")] == [
        "dikunci", "adek", "tolong", "bapak",
    ]  # fmt: skip


def test_numbers_codes_and_chat_forms_are_not_read_as_letters() -> None:
    read = chat_reader({})
    assert [read(t) for t in tokens("5m 3an kejang2 p2tp2a rt05 covid19 1bu 3a")] == [
        "5m", "3", "kejang", "p2tp2a", "rt05", "covid19", "1bu", "3a",
    ]  # fmt: skip


def test_the_others_home_is_no_child_found() -> None:
    story = "anak saya 6 th dari kemarin belum pulang, yang lain udah pulang semua"
    assert "combo_child_missing" in codes(story)
    back = "anak saya 6 th kemarin telat pulang, sekarang sudah pulang, aman"
    assert "combo_child_missing" not in codes(back)


def test_a_beating_at_an_initiation_needs_the_time_ahead() -> None:
    story = "anak saya 13 th di pondok, malam ini mau dilantik senior, diikat dan dipukuli"
    assert "immediate_danger_from_story" in codes(story)
    past = "anak saya 13 th tahun lalu dilantik senior, diikat dan dipukuli, sekarang sudah pindah"
    assert "immediate_danger_from_story" not in codes(past)


@pytest.mark.parametrize(
    "story",
    [
        # a hot iron on the body, told beside ironing clothes
        "anak 10 th disuruh nyetrika baju, salah sedikit tangannya disetrika ibu tirinya",
        # a child still missing, told beside the others who are back
        "anak 7 thn dari sore belum pulang, yang lain udah pulang, katanya dibonceng orang tak dikenal",
    ],
)
def test_the_real_emergency_stays_beside_the_harmless_word(story: str) -> None:
    assert level(story) is D, codes(story)


@pytest.mark.parametrize(
    ("story", "code"),
    [
        # a question how to report a missing child
        (
            "mau tanya cara melapor anak hilang, berapa jam setelah hilang baru boleh? cuma info",
            "combo_child_missing",
        ),
        # books and uniforms swept away by a flood
        (
            "banjir tadi malam, seragam hanyut dan buku anak hanyut, minta bantuan",
            "combo_child_missing",
        ),
        # a parent in jail is not a child held
        ("anak sy 9 thn butuh seragam, bapaknya masih di rutan, sy sendirian", "text_detained"),
    ],
)
def test_harmless_senses_are_not_raised(story: str, code: str) -> None:
    assert code not in codes(story), codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a child missing, told beside the question how to report one
        "anak saya 6 th hilang sejak pagi di pasar, prosedur lapor anak hilang gimana?",
        # a child swept away, told beside the books
        "banjir semalam, buku anak hanyut, adiknya yang 5 th ikut hanyut belum ditemukan",
    ],
)
def test_the_emergency_stays_beside_the_harmless_sense(story: str) -> None:
    assert level(story) is D, codes(story)


def test_a_child_in_a_cell_with_adults_stays_held_beside_a_parent_in_jail() -> None:
    story = "anak sy 15 thn ditahan di rutan bareng orang dewasa, ayahnya lg di rutan juga"
    assert "text_detained" in codes(story)
    assert level(story) is T
