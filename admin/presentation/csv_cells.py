"""CSV cells that a spreadsheet cannot run: a cell starting with = + - @ (or a tab or carriage
return) is read as a formula by Excel and LibreOffice, so it gets a leading apostrophe."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
