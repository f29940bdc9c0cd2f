"""Rules 2026.20: a description the rules cannot read keeps what the reporter chose can be at
its worst ("situasi darurat": an emergency) until a person has read it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.triage.domain.scoring.stories import RULES, C, D, T, codes, facts, level
from triage.domain.model import Urgency
from triage.domain.scoring.assess import assess
from triage.domain.scoring.reasons import NO_HARM_WORDS, UNREAD_GRAVE

# Words no signal knows: another language, a euphemism, emoji.
UNREAD = [
    "tulung, bocah cilik ing ngisor reruntuhan omah, isih keprungu swarane",
    "🙏🙏😭😭 cepat ke sini",
    "wa ode lo ana ngaji ta katingka, inaa lo nau",
]


@pytest.mark.parametrize("story", UNREAD)
def test_an_emergency_situation_told_in_words_the_rules_cannot_read_is_an_emergency(
    story: str,
) -> None:
    assert level(story, C.SITUASI_DARURAT) is D
    assert {NO_HARM_WORDS, UNREAD_GRAVE} <= set(codes(story, C.SITUASI_DARURAT))


@pytest.mark.parametrize("story", UNREAD)
def test_other_concerns_told_so_keep_their_own_level(story: str) -> None:
    assert UNREAD_GRAVE not in codes(story, C.KEKERASAN_FISIK)
    assert level(story, C.KEKERASAN_SEKSUAL) is T  # its own floor, not raised by this


def test_a_story_the_rules_can_read_is_judged_by_what_it_says() -> None:
    story = "gempa tadi, rumah roboh, anak 5 tahun luka di kepala, sudah dibawa ke puskesmas"
    assert NO_HARM_WORDS not in codes(story, C.SITUASI_DARURAT)
    assert UNREAD_GRAVE not in codes(story, C.SITUASI_DARURAT)


def test_the_gravest_unread_floor_of_the_chosen_categories_holds() -> None:
    assert RULES.scoring.unread_floors == {C.SITUASI_DARURAT: Urgency.DARURAT}
    floors = {C.EKSPLOITASI: Urgency.TINGGI, C.KEKERASAN_PSIKIS: Urgency.DARURAT}
    rules = replace(RULES, scoring=replace(RULES.scoring, unread_floors=floors))
    found = assess(facts(UNREAD[1], C.EKSPLOITASI, C.KEKERASAN_PSIKIS), rules)
    assert found.urgency is D  # by rank, not by name ("TINGGI" sorts after "DARURAT")
    assert UNREAD_GRAVE in [reason.code for reason in found.reasons]
