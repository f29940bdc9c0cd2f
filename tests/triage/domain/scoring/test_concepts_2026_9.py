"""Rules 2026.9: concepts a ninth and a tenth development writer showed missing (regional
words, SMS abbreviations, formal staff, euphemisms, buried concerns), each said in voices
that no corpus report uses."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency

STORIES = [
    # poison drunk; scalding; eyes that will not open
    ("adik sy 4 thn td minum racun rumput di gudang, skrg lemes", D),
    ("my 6 yo drank weedkiller from a soda bottle in the shed", D),
    ("bocah 3 th tersiram kuah bakso mendidih, kulitnya terkelupas", D),
    ("anak 7 thn demam, dipanggil tidak mau buka mata", D),
    # a belly hard after a blow; a fall on the head, then drowsy
    ("keponakan 6 th ditendang ayah tirinya, sekarang perutnya keras dan pucat", D),
    ("murid kami jatuh dari tangga sekolah, kepalanya terbentur, sekarang tidur terus", D),
    # locked in by someone named; behind a locked door with a drunk adult; tied to a chair
    ("kakak tirinya ngunci adik di gudang dari pagi", D),
    ("pintu rumah dikunci, bapaknya mabuk berat di dalam sama anak 6 th", D),
    ("balita di penitipan itu diikat ke kursi biar diam", D),
    # a child crying, then silent; a small child by a road, nobody looking for them
    ("dari rumah sebelah balita nangis kencang lalu diam, tidak ada yang buka pintu", D),
    ("ada bocah kecil duduk di pinggir jalan tol, nangis, tidak ada yang mencari", D),
    # a marriage some days away; taken by a stranger; taken to a man's lodging, not given back
    ("anak dara umu 14 thon, akad nikahnya dua hari lagi", D),
    ("budak umur 6 taun dibawa ku lelaki teu dipikawanoh, ti isuk teu balik", D),
    (
        "gadis 14 th dibawa ke kos seorang sopir sejak semalam, keluarganya tidak berani menjemput",
        D,
    ),
    # a farewell note
    ("sepupu sy 15 th ninggalin surat: 'jangan cari aku, makasih selama ini'", D),
    # sexual abuse by euphemism or an order to undress, the abuser in the house
    ("ponakan 8 th katanya dibikin begitu sama om yang serumah", D),
    ("pelatih renang menyuruh buka baju anak-anak di ruang ganti, masih melatih tiap minggu", D),
    # trafficking: work promised far away, tickets bought, papers kept
    ("keponakan 16 th dijanjikan kerja di Batam, tiket sudah dibelikan orang yang baru dikenal", T),
    ("the agent keeps my 15 yo cousin's id card and she cannot go home", T),
    # made to sell late at night; detention with adults
    ("anak 8 th disuruh keliling jual kacang sampai jam 12 malam", T),
    ("adik 15 th ditahan di rutan bersama orang dewasa, belum ada pendamping", T),
    # a nude video spread around
    ("siswi SMP direkam waktu tidak pakai baju, videonya disebar di grup", T),
    # a child in conflict with the law who is not held; an older child not going to school
    ("anak 14 th ketahuan mencuri hp, sudah dipulangkan, minta pendampingan", S),
    ("my 13 yo nephew is not going to school since his mother left", S),
]


@pytest.mark.parametrize(("story", "expected"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_a_man_who_gives_money_and_shuts_the_door_names_sexual_violence() -> None:
    story = "om tetangga sering kasih uang ke anak 9 th itu lalu menutup pintu rumahnya"
    assert "category_kekerasan_seksual_from_story" in codes(story)
    assert level(story, perpetrator_access=YES) is D


def test_regional_words_are_read_as_their_meaning() -> None:
    assert level("aneuk mit umu 2 thon ditinggai di pasar") is D
    assert level("kanak dedare umurne 15 taun kanikahang bulan ngajeng") is T


def test_healing_by_itself_is_no_child_left_alone() -> None:
    story = "anak 4 th diare, ibunya bilang nanti sembuh sendiri, makin kurus"
    assert level(story, C.PENELANTARAN, age=4) is T, codes(story, C.PENELANTARAN, age=4)


def test_children_who_lock_their_own_door_are_not_locked_in() -> None:
    story = "pintu dikunci dari dalam sama kakaknya yang 13 th, mereka masak mi sendiri"
    assert "text_confinement" not in codes(story, C.PENELANTARAN, age=9)


def test_a_request_about_a_past_diversion_stays_a_request() -> None:
    story = "kasus anak saya sudah selesai diversi tahun lalu, mau minta surat keterangan"
    assert level(story, C.BERHADAPAN_HUKUM, age=16) is R
