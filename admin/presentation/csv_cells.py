"""CSV cells that a spreadsheet cannot run, for every CSV the admin writes.

A cell that starts with = + - @ (or their full-width forms), a tab, a carriage return or a
line feed could be read as a formula by Excel or LibreOffice ("CSV injection"); such a cell
gets a leading apostrophe, which those programs show as text. Quotes, commas and line breaks
inside a cell are the csv module's job.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would evaluate as a formula, made plain text."""
    return f"'{cell}" if cell[:1] in FORMULA_STARTS else cell
