"""The queue filter's long option lists (every kabupaten/kota, every worker) as HTML.

Rendered by Jinja they cost more than the page's queries (some 1,400 options, each escaped
and looked up on every view); here each list is escaped once per process and reused, and the
chosen option is marked as the template marked it. Names and codes only: nothing personal.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup, escape

from triage.services.cases.queue_choices import Choice, ProvinceChoice

_CACHED_LISTS = 64  # a few lists per viewer kind: plenty for every supervisor's regions


@lru_cache(maxsize=_CACHED_LISTS)
def _escaped(choices: tuple[Choice, ...]) -> tuple[tuple[str, str, str], ...]:
    """Each option's value, escaped value and escaped name."""
    return tuple((c.value, str(escape(c.value)), str(escape(c.name))) for c in choices)


def _options(choices: Sequence[Choice], selected: str) -> str:
    return "".join(
        f'<option value="{value}" selected>{name}</option>'
        if raw == selected
        else f'<option value="{value}">{name}</option>'
        for raw, value, name in _escaped(tuple(choices))
    )


def options(choices: Sequence[Choice], selected: str) -> Markup:
    """`<option>`s of the choices, the one whose value is `selected` marked so."""
    return Markup(_options(choices, selected))  # noqa: S704 - every part escaped above


@lru_cache(maxsize=_CACHED_LISTS)
def _group_label(name: str) -> str:
    return str(escape(name))


def grouped_options(groups: Sequence[ProvinceChoice], selected: str) -> Markup:
    """An `<optgroup>` per province with its kabupaten/kota as options."""
    html = "".join(
        f'<optgroup label="{_group_label(group.name)}">{_options(group.kabkota, selected)}</optgroup>'
        for group in groups
    )
    return Markup(html)  # noqa: S704 - every part escaped above
