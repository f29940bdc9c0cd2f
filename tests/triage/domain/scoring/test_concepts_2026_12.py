"""Rules 2026.12: ways of telling a fourteenth development writer showed missing (harm shown
by what it leaves, euphemisms, relatives' titles, a place for a person, "since yesterday",
misspellings). Each is said here in words no corpus report uses, with a neighbour of the same
words that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import D, R, S, T, codes, level
from triage.domain.model import Urgency

TOLD_BY_CONSEQUENCES = [
    # blood on the pants, a teacher the child still sees
    ("cucu saya 9 th kolornya ada noda darah, dia takut kalau les sama pak guru ngaji", D),
    # cannot sit, cries when peeing, a man next door
    ("keponakan 5 th susah duduk dan perih kalau pipis, katanya diajak main sama om tetangga", D),
    # an order to undress, a tutor who comes every week
    ("guru les anak saya nyuruh dia lepas celana waktu belajar, minggu depan datang lagi", D),
    # touching with an order to keep quiet, the abuser a relative by title
    ("ponakan 10 th diraba paklek di kamar, disuruh diem jangan ngomong ibunya", D),
    # a euphemism at night, a step-grandfather in the house
    ("anak gadis 12 th di rumah kami sering diapa2in kakek sambungnya tengah malam", D),
]

SAID_OTHERWISE = [
    # "since yesterday" is still going on
    ("anak 10 th disandera juragan sejak kemarin malam karena utang bapaknya", D),
    # a baby dropped
    ("bayi 6 bulan terjatuh dari kasur pagi ini, nangis terus", D),
    # gasping, seizures misspelt
    ("anak 6 th nafasnya tinggal satu satu setelah main di debu", D),
    ("adik 3 th kejng di kasur, badannya panas", D),
    # gone with an acquaintance from a social network, out of reach since
    ("siswi 14 tahun kabur sama kenalan tiktok sejak kemarin sore, hpnya mati", D),
    # a beating by euphemism, marks on the body
    ("tetangga bilang anaknya didisiplinkan bapaknya, betisnya ungu semua", T),
    # digging sand from a river bank
    ("bocah umur 10 ikut ngeruk pasir di sungai tiap hari buat jual", T),
    # worries that need a visit
    ("dari rumah depan kedengeran bentakan tiap malam, anak-anaknya kelihatan takut", S),
]


@pytest.mark.parametrize(("story", "expected"), TOLD_BY_CONSEQUENCES + SAID_OTHERWISE)
def test_a_way_of_telling_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a child with a disability who cannot sit up, a man nearby
        "anak CP 7 th tidak bisa duduk sendiri, bapaknya kerja di samping rumah",
        # undressing for a bath or a doctor
        "bidan minta anak saya buka baju buat diperiksa di puskesmas",
        "ibunya nyuruh bocah itu buka baju mau mandi di sungai",
        # "dulu" keeps a fall that is over in the past
        "bayi saya dulu pernah jatuh dari kasur, sekarang sudah sehat, mau tanya imunisasi",
        # drowning as an idiom
        "anak saya tenggelam dalam game terus, ada info les gratis?",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_a_request_stays_a_request() -> None:
    assert level("mau tanya syarat bikin KIA buat anak umur 3") is R
