"""Rules 2026.21: a child in a high place who says they will jump, and a goodbye that says
the child will vanish with belongings handed out; said in words no corpus report uses, with
neighbours in the same words that are no emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import D, codes, level


@pytest.mark.parametrize(
    "story",
    [
        "keponakan saya 13 th naik ke genteng masjid, teriak2 mau lompat kalau dimarahi lagi",
        "anak smp duduk di pagar jembatan dari tadi, bilang ke orang2 mau terjun",
        "my 15 year old is on the roof of our building and says she will jump",
        "siswi kami di lantai 4 gedung sekolah, ngancam loncat, gurunya lagi bujuk",
        "adek gw bilang mau ngilang aja, hpnya udah dikasih ke aku, barang2nya dibagi2in ke temen",
    ],
)
def test_a_threat_to_jump_or_to_vanish_is_an_emergency(story: str) -> None:
    assert level(story) is D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "anak saya suka lompat tali di atap rumah yang datar, aman gak ya",
        "adik saya mau ikut lomba loncat indah di kolam, gimana daftarnya",
        "anak2 mau lompat jauh di lapangan dekat jembatan, perlu izin gak",
    ],
)
def test_games_of_jumping_are_no_threat(story: str) -> None:
    assert level(story) is not D, codes(story)
