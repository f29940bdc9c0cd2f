"""The text rules of the rules file: word lists, combinations, aliases and the plain-request
exception load from the default, and a broken one names the file, the line and the reason."""

from __future__ import annotations

import pytest

from tests.triage.domain.rules.test_loading import DEFAULT
from triage.domain.model import Category, Urgency
from triage.domain.rules.loading import RulesFileError, parse_rules
from triage.domain.scoring.reasons import COMBO_NAMES
from triage.storage.rules_source import load_default_rules

TEXT = load_default_rules().scoring.text


def test_the_default_has_lists_combinations_aliases_and_the_plain_request() -> None:
    combos = {combo.name: combo for combo in TEXT.combos}
    assert combos["harm_again"].groups == (
        ("physical_violence", "sexual_violence", "confinement"),
        ("again",),
    )
    assert (combos["harm_again"].window, combos["harm_again"].sets) == (4, "repeated")
    assert combos["starved"].category is Category.PENELANTARAN
    assert combos["harm_now"].ordered
    assert "no_access" in combos["harm_with_access"].unless
    assert "sering" in TEXT.lists["again"].terms
    assert TEXT.lists["baby"].answered_age_below == 3
    assert (TEXT.aliases["gk"], TEXT.aliases["skrg"]) == ("tidak", "sekarang")
    assert TEXT.plain_request is not None and TEXT.plain_request.words == "request"


def test_the_default_has_except_terms_and_a_clearing_combination() -> None:
    signals = {signal.name: signal for signal in TEXT.signals}
    assert "barang dibanting" in signals["physical_violence"].except_terms
    assert "seharian" in TEXT.lists["days"].except_terms
    combos = {combo.name: combo for combo in TEXT.combos}
    assert combos["young_in_care"].clears == "child_alone"
    assert "alone" in combos["young_in_care"].unless


def test_a_combination_floor_with_a_text_is_a_floor_of_its_reason() -> None:
    floors = load_default_rules().scoring.floors
    assert floors["combo_starved"] is Urgency.DARURAT
    assert floors["combo_sextortion"] is Urgency.TINGGI
    combos = {combo.name: combo for combo in TEXT.combos}
    no_text = combos["sexual_abuse_in_contact"]
    assert no_text.name not in COMBO_NAMES and no_text.floor is Urgency.DARURAT
    assert no_text.code not in floors  # shown through the reasons it joins instead


BROKEN = [  # (name, old text, new text, words of the reason, the line it names)
    (
        "typo in a combination key",
        'window = 4\nsets = "repeated"',
        'windw = 4\nsets = "repeated"',
        "unknown key 'scoring.text.combos.harm_again.windw'",
        "windw = 4",
    ),
    (
        "a group names an unknown signal",
        '"sexual_violence", "confinement"], ["again"]]',
        '"sexual_violense", "confinement"], ["again"]]',
        "unknown signal, word list or reason 'sexual_violense'",
        '"sexual_violense", "confinement"], ["again"]]',
    ),
    (
        "a group names an unknown word list",
        'groups = [["no_food"], ["days"]]',
        'groups = [["no_food"], ["dayz"]]',
        "unknown signal, word list or reason 'dayz'",
        'groups = [["no_food"], ["dayz"]]',
    ),
    (
        "a floor that is not a level",
        'near = "child"\nfloor = "DARURAT"\ncategory = "penelantaran"',
        'near = "child"\nfloor = "URGENT"\ncategory = "penelantaran"',
        "unknown urgency 'URGENT'",
        'floor = "URGENT"',
    ),
    (
        "sets an unknown factor",
        'window = 4\nsets = "repeated"',
        'window = 4\nsets = "repeat"',
        "unknown factor 'repeat'",
        'sets = "repeat"',
    ),
    (
        "an unknown category",
        'floor = "DARURAT"\ncategory = "penelantaran"',
        'floor = "DARURAT"\ncategory = "neglect"',
        "unknown category 'neglect'",
        'category = "neglect"',
    ),
    (
        "points need a reason text",
        'window = 4\nsets = "repeated"',
        'window = 4\npoints = 5\nsets = "repeated"',
        "no reason text for combination 'harm_again'",
        "[scoring.text.combos.harm_again]",
    ),
    (
        "a floor without a text cannot show through a word list",
        '  ["perpetrator_access"],\n]\nfloor = "DARURAT"',
        '  ["perpetrator_access", "access"],\n]\nfloor = "DARURAT"',
        "not word list 'access'",
        'floor = "DARURAT"',
    ),
    (
        "a combination that does nothing",
        'window = 4\nsets = "repeated"',
        "window = 4",
        "does nothing",
        "[scoring.text.combos.harm_again]",
    ),
    (
        "an alias of two words",
        'gk = "tidak"',
        'gk = "tidak ada"',
        "must be one word each",
        'gk = "tidak ada"',
    ),
    (
        "the plain request names an unknown list",
        'words = "request"',
        'words = "requests"',
        "no word list scoring.text.lists.requests",
        'words = "requests"',
    ),
    (
        "the plain request names an unknown signal",
        '"injury", "afraid_to_go_home"',
        '"injuri", "afraid_to_go_home"',
        "unknown signal, word list or reason 'injuri'",
        '"injuri", "afraid_to_go_home"',
    ),
    (
        "a combination clears an answered factor",
        'clears = "child_alone"',
        'clears = "injured"',
        "only an inferred factor can be cleared (child_alone), not 'injured'",
        'clears = "injured"',
    ),
    (
        "an except term that is not words",
        '"barang dibanting", "barang barang dibanting"',
        '"barang dibanting!", "barang barang dibanting"',
        "term 'barang dibanting!' must be words only",
        '"barang dibanting!"',
    ),
    (
        "a word list named like a signal",
        "[scoring.text.lists.again]",
        "[scoring.text.lists.neglect]",
        "has the name of a signal or a reason",
        "[scoring.text.lists.neglect]",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "reason", "line"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_broken_text_rule_names_the_file_and_the_offending_line(
    old: str, new: str, reason: str, line: str
) -> None:
    assert DEFAULT.count(old) == 1, old
    text = DEFAULT.replace(old, new)
    with pytest.raises(RulesFileError) as caught:
        parse_rules(text, "custom.toml")
    error = caught.value
    assert str(error) == f"custom.toml, line {error.line}: {error.reason}"
    assert reason in error.reason
    assert line in text.splitlines()[error.line - 1]
