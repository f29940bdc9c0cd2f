"""The TOML rules file: the default loads; a broken file names the file, the line, the reason."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from triage.domain.model import Category, Urgency
from triage.domain.rules.loading import RulesFileError, parse_rules
from triage.domain.rules.model import FACTOR_CODES
from triage.domain.scoring.reasons import SIGNAL_NAMES
from triage.storage.rules_source import load_default_rules, load_rules

DEFAULT = resources.files("triage.rules").joinpath("default.toml").read_text(encoding="utf-8")


def test_default_rules_load_with_the_agreed_targets() -> None:
    rules = load_default_rules()
    assert rules.version
    assert rules.sla[Urgency.DARURAT].accept == timedelta(minutes=15)
    assert rules.sla[Urgency.DARURAT].first_contact == timedelta(hours=1)
    assert rules.sla[Urgency.TINGGI].accept == timedelta(hours=1)
    assert rules.sla[Urgency.TINGGI].first_contact == timedelta(hours=24)
    assert rules.sla[Urgency.SEDANG].accept == timedelta(hours=4)
    assert rules.sla[Urgency.SEDANG].first_contact == timedelta(days=3)
    assert rules.sla[Urgency.RENDAH].accept == timedelta(hours=24)
    assert rules.sla[Urgency.RENDAH].first_contact == timedelta(days=7)
    assert [rules.caseload_weights[u] for u in Urgency] == [8, 4, 2, 1]
    assert (rules.reminder_fraction, rules.stale_after, rules.digest_hour) == (
        0.5,
        timedelta(days=14),
        7,
    )


def test_default_rules_cover_every_factor_category_and_signal() -> None:
    scoring = load_default_rules().scoring
    assert set(scoring.factor_points) == set(FACTOR_CODES)
    assert set(scoring.category_points) == set(Category)
    assert {s.name for s in scoring.text.signals} == SIGNAL_NAMES
    for code in ("immediate_danger", "child_alone", "text_suicide_self_harm"):
        assert scoring.floors[code] is Urgency.DARURAT
    for code in ("category_kekerasan_seksual", "category_perdagangan"):
        assert scoring.floors[code].rank >= Urgency.TINGGI.rank


def test_load_rules_reads_an_alternative_file(tmp_path: Path) -> None:
    path = tmp_path / "alt.toml"
    version = f'version = "{load_default_rules().version}"'
    path.write_text(DEFAULT.replace(version, 'version = "alt-1"'), encoding="utf-8")
    assert load_rules(path).version == "alt-1"


def test_a_missing_file_is_a_rules_file_error(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError, match=r"nope\.toml, line 1: cannot read"):
        load_rules(tmp_path / "nope.toml")


BROKEN = [  # (name, old text, new text, words of the reason, the line it names)
    ("syntax error", "DARURAT = 8", "DARURAT = = 8", "TOML syntax error", "DARURAT = = 8"),
    ("unknown urgency key", "[sla.RENDAH]", "[sla.URGENT]", "'URGENT'", "[sla.URGENT]"),
    ("bad urgency", 'child_alone = "DARURAT"', 'child_alone = "X"', "'X'", 'child_alone = "X"'),
    ("negative weight", "injured = 20", "injured = -5", "must not be negative", "injured = -5"),
    ("unknown category", "lainnya = 0", "kekerasan = 0", "unknown key", "kekerasan = 0"),
    ("bad duration", 'accept = "4h"', 'accept = "4 jam"', "a duration", 'accept = "4 jam"'),
    ("wrong type", "repeated = 5", "repeated = true", "a whole number", "repeated = true"),
    ("thresholds out of order", "TINGGI = 35", "TINGGI = 70", "above TINGGI", "DARURAT = 65"),
    ("unknown signal", ".pornography]", ".porn]", "no reason text", "signals.porn]"),
    ("bad term", '"minggat",', '"min.ggat",', "words only", '"min.ggat",'),
    (
        "unread floor of no category",
        'situasi_darurat = "DARURAT"\n',
        'darurat = "DARURAT"\n',
        "unknown key",
        'darurat = "DARURAT"',
    ),
    (
        "bad unread floor",
        'situasi_darurat = "DARURAT"\n',
        'situasi_darurat = "SEGERA"\n',
        "'SEGERA'",
        'situasi_darurat = "SEGERA"',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "reason", "line"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_broken_file_names_the_file_and_the_offending_line(
    old: str, new: str, reason: str, line: str
) -> None:
    assert old in DEFAULT
    text = DEFAULT.replace(old, new, 1)
    with pytest.raises(RulesFileError) as caught:
        parse_rules(text, "custom.toml")
    error = caught.value
    assert str(error) == f"custom.toml, line {error.line}: {error.reason}"
    assert reason in error.reason
    assert line in text.splitlines()[error.line - 1]


def test_a_missing_sla_level_points_at_the_sla_tables() -> None:
    rendah = '[sla.RENDAH]\naccept = "24h"\nfirst_contact = "7d"\nclosure = "60d"\n'
    assert rendah in DEFAULT
    text = DEFAULT.replace(rendah, "")
    with pytest.raises(RulesFileError, match=r"custom\.toml, line \d+: 'sla' is missing RENDAH"):
        parse_rules(text, "custom.toml")


def test_a_missing_sla_target_names_its_table() -> None:
    text = DEFAULT.replace('first_contact = "3d"\n', "")
    with pytest.raises(RulesFileError) as caught:
        parse_rules(text, "custom.toml")
    assert "missing 'sla.SEDANG.first_contact'" in str(caught.value)
    assert text.splitlines()[caught.value.line - 1] == "[sla.SEDANG]"


def test_a_syntax_error_at_the_end_names_the_last_line() -> None:
    text = DEFAULT + "\n[unclosed\n"
    with pytest.raises(RulesFileError) as caught:
        parse_rules(text, "custom.toml")
    assert caught.value.line == len(text.splitlines())
