"""Typed access to parsed TOML tables; errors name the key's line. Stdlib and model.py only.

`triage.domain.rules.loading` builds `Rules` with it and re-exports `RulesFileError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, NoReturn

from triage.domain.model import Urgency

Table = Mapping[str, Any]
KeyPath = tuple[str, ...]
Kind = type | tuple[type, ...]

_DURATION = re.compile(r"(\d+)\s*([mhd])")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_KINDS: dict[Kind, str] = {
    str: "text in quotes", int: "a whole number", (int, float): "a number",
    bool: "true or false", list: "a list", dict: "a table",
}  # fmt: skip
_HEADER = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""\s*([\w\-."' ]+?)\s*=""")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')


class RulesFileError(ValueError):
    """An invalid rules file. The message reads "<file>, line <n>: <reason>"."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}, line {line}: {reason}")
        self.source, self.line, self.reason = source, line, reason


def syntax_error(message: str, text: str, source: str) -> RulesFileError:
    """The error for a tomllib message, at the line it names (else the last line)."""
    found = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    line = int(found[1]) if found else max(1, len(text.splitlines()))
    reason = message.replace(found[0], "") if found else message
    return RulesFileError(source, line, f"TOML syntax error: {reason}")


class Reader:
    """Typed access to parsed TOML tables that fails with the offending key's line."""

    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source

    def fail(self, path: KeyPath, reason: str, needle: str | None = None) -> NoReturn:
        """Raise for the line of `path`, or the first line from there containing `needle`."""
        line = line_of(self.text, path)
        if needle is not None:
            lines = self.text.lower().splitlines()
            line = next((n for n in range(line, len(lines) + 1) if needle in lines[n - 1]), line)
        raise RulesFileError(self.source, line, reason)

    def only(self, table: Table, path: KeyPath, allowed: Iterable[str]) -> None:
        """Fail on the first key of `table` not in `allowed` (a typo must not pass)."""
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                known = f" (known: {', '.join(sorted(allowed))})" if len(allowed) <= 20 else ""
                self.fail((*path, key), f"unknown key {_name(path, key)}{known}")

    def value(self, table: Table, path: KeyPath, key: str, kind: Kind, default: Any) -> Any:
        """The value of `key`, of type `kind`; `default` None makes the key required."""
        if key not in table:
            if default is None:
                self.fail((*path, key), f"missing {_name(path, key)}")
            return default
        value = table[key]
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
            self.fail((*path, key), f"{_name(path, key)} must be {_KINDS.get(kind, kind)}")
        return value

    def table(self, table: Table, path: KeyPath, key: str) -> Table:
        return dict(self.value(table, path, key, dict, None))

    def string(self, table: Table, path: KeyPath, key: str, default: str | None = None) -> str:
        value = str(self.value(table, path, key, str, default)).strip()
        if not value:
            self.fail((*path, key), f"{_name(path, key)} must not be empty")
        return value

    def strings(self, table: Table, path: KeyPath, key: str) -> tuple[str, ...]:
        values = self.value(table, path, key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.fail((*path, key), f"{_name(path, key)} must be a list of non-empty strings")
        return tuple(dict.fromkeys(v.strip().lower() for v in values))

    def count(
        self, table: Table, path: KeyPath, key: str, default: int | None = None,
        low: int = 0, high: int = 10_000,
    ) -> int:  # fmt: skip
        value = int(self.value(table, path, key, int, default))
        if not low <= value <= high:
            limit = f"must be {low} to {high}"
            if low == 0 and value < 0:
                limit = "must not be negative"
            self.fail((*path, key), f"{_name(path, key)} {limit} (got {value})")
        return value

    def fraction(self, table: Table, path: KeyPath, key: str, default: float) -> float:
        value = float(self.value(table, path, key, (int, float), default))
        if not 0 < value <= 1:
            self.fail((*path, key), f"{_name(path, key)} must be above 0 and at most 1")
        return value

    def duration(
        self, table: Table, path: KeyPath, key: str, default: timedelta | None = None
    ) -> timedelta:
        if key not in table and default is not None:
            return default
        found = _DURATION.fullmatch(str(self.value(table, path, key, str, None)).strip())
        if not found or int(found[1]) == 0:
            self.fail((*path, key), f'{_name(path, key)} must be a duration like "15m" or "3d"')
        return timedelta(**{_UNITS[found[2]]: int(found[1])})

    def urgency(self, name: str, path: KeyPath) -> Urgency:
        if name not in Urgency.__members__:
            levels = ", ".join(Urgency.__members__)
            self.fail(path, f"unknown urgency {name!r} in {_name(path[:-1])} (use {levels})")
        return Urgency(name)

    def levels(self, table: Table, path: KeyPath) -> list[Urgency]:
        """The keys of a table that must name every urgency level, and nothing else."""
        found = [self.urgency(key, (*path, key)) for key in table]
        if missing := [u.value for u in Urgency if u not in found]:
            self.fail(path, f"{_name(path)} is missing {', '.join(missing)}")
        return found


def _name(path: KeyPath, key: str | None = None) -> str:
    return repr(".".join(path if key is None else (*path, key)))


def line_of(text: str, path: KeyPath) -> int:
    """The line of the key or table `path` in TOML text, else of its nearest ancestor.
    Lines inside a multi-line array are values, never headers: `  ["a", "b"],`."""
    best_line, best_depth, table, open_brackets = 1, 0, KeyPath(), 0
    for number, line in enumerate(text.splitlines(), 1):
        if open_brackets:
            open_brackets += _brackets(line)
            continue
        if header := _HEADER.match(line):
            table = _dotted(header[1])
            found = table
        elif key := _KEY.match(line):
            found = (*table, *_dotted(key[1]))
            open_brackets = max(0, _brackets(line[key.end() :]))
        else:
            continue
        depth = _depth(found, path, line)
        if depth > best_depth:
            best_line, best_depth = number, depth
    return best_line


def _brackets(line: str) -> int:
    """Opening minus closing brackets outside strings and comments."""
    code = _STRING.sub("", line).split("#", 1)[0]
    return code.count("[") - code.count("]")


def _dotted(key: str) -> KeyPath:
    return tuple(part.strip().strip("\"'") for part in key.split("."))


def _depth(found: KeyPath, path: KeyPath, line: str) -> int:
    """How much of `path` this line names (0 when it names something else)."""
    if found[: len(path)] == path:
        return len(path)
    if found != path[: len(found)]:
        return 0
    rest = path[len(found) :]
    inline = rest and re.search(rf"[{{,]\s*{re.escape(rest[0])}\s*=", line)
    return len(found) + (1 if inline else 0)
