"""Reads the rules files: one named by RULES_FILE, or the default packaged in `triage/rules/`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from triage.domain.rules.loading import RulesFileError, parse_rules
from triage.domain.rules.model import Rules


def load_rules(path: str | Path) -> Rules:
    """Read and parse a rules file from disk."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesFileError(str(path), 1, f"cannot read the file ({error})") from None
    return parse_rules(text, str(path))


@cache
def load_default_rules() -> Rules:
    """The rules packaged with the application (`triage/rules/default.toml`), read once."""
    text = resources.files("triage.rules").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_rules(text, "triage/rules/default.toml")
