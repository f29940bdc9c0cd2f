"""SQL filters that mirror domain rules, so queries select what the rule accepts. SQLAlchemy only.

`region_filter` is `triage.domain.roster.codes_cover` as SQL: a kabupaten/kota code is
covered by itself or by its province. Prefixes are compared with `substr`, not `LIKE`: no
wildcard (`%`, `_`) in a code can widen the match, and the comparison is case-sensitive on
SQLite too (its `LIKE` is not).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, String, false, func, or_
from sqlalchemy.orm import Mapped


def region_filter(
    column: Mapped[str | None] | ColumnElement[str | None], codes: Iterable[str]
) -> ColumnElement[bool]:
    """Rows whose region code is one of `codes` or lies in a province among `codes`.

    Province codes are the dotless ones: "32" covers "32.73", which starts with "32.".
    A code with a dot covers exactly itself. NULL is covered by nothing.
    """
    wanted = sorted(set(codes))
    if not wanted:
        return false()
    prefixes = [f"{code}." for code in wanted if "." not in code]
    return or_(
        column.in_(wanted),
        *(func.substr(column, 1, len(prefix), type_=String) == prefix for prefix in prefixes),
    )
