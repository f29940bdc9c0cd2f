"""The queue filter's long option lists (every kabupaten/kota, every worker) as HTML.

Rendered by Jinja they cost more than the page's queries (some 1,400 options, each escaped
and looked up on every view); here each list is escaped and joined once per process and
reused, and only the chosen option is marked on each view, as the template marked it. A list
is found again by the object it was built from (the region choices are the same objects on
every view), else by its content. Names and codes only: nothing personal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from triage.services.cases.queue_choices import Choice, ProvinceChoice

_CACHED_LISTS = 64  # a few lists per viewer kind: plenty for every supervisor's regions
_SELECTED = " selected"


@dataclass(frozen=True, slots=True)
class _OptionList:
    """The options' HTML with none selected, and where each value's mark goes."""

    html: str
    marks: dict[str, tuple[int, ...]]  # a value: the offsets of " selected" in its options

    def marked(self, selected: str) -> Markup:
        offsets = self.marks.get(selected, ())
        parts, start = [], 0
        for offset in offsets:
            parts += [self.html[start:offset], _SELECTED]
            start = offset
        parts.append(self.html[start:])
        return Markup("".join(parts))  # noqa: S704 - every part escaped when built


class _Builder:
    """Appends options and group tags, remembering where each value's mark goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.marks: dict[str, list[int]] = {}

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def option(self, choice: Choice) -> None:
        self.add(f'<option value="{escape(choice.value)}')
        self.add('"')
        self.marks.setdefault(choice.value, []).append(self.length)
        self.add(f">{escape(choice.name)}</option>")

    def built(self) -> _OptionList:
        marks = {value: tuple(offsets) for value, offsets in self.marks.items()}
        return _OptionList("".join(self.parts), marks)


@lru_cache(maxsize=_CACHED_LISTS)
def _plain(choices: tuple[Choice, ...]) -> _OptionList:
    builder = _Builder()
    for choice in choices:
        builder.option(choice)
    return builder.built()


@lru_cache(maxsize=_CACHED_LISTS)
def _grouped(groups: tuple[ProvinceChoice, ...]) -> _OptionList:
    builder = _Builder()
    for group in groups:
        builder.add(f'<optgroup label="{escape(group.name)}">')
        for choice in group.kabkota:
            builder.option(choice)
        builder.add("</optgroup>")
    return builder.built()


@lru_cache(maxsize=_CACHED_LISTS)
def _provinces(groups: tuple[ProvinceChoice, ...]) -> _OptionList:
    return _plain(tuple(Choice(group.code, group.name) for group in groups))


_BY_SOURCE: dict[tuple[str, int], tuple[object, _OptionList]] = {}


def _kept(kind: str, source: Sequence[object], build: Callable[[], _OptionList]) -> _OptionList:
    """The list built from this very tuple (held, so its id is not reused while kept), else
    built (by content, from the caches above); the least recently used is dropped first. Only
    a tuple is kept by identity: a list could change after."""
    if not isinstance(source, tuple):
        return build()
    key = (kind, id(source))
    entry = _BY_SOURCE.pop(key, None)
    if entry is None or entry[0] is not source:
        entry = (source, build())
        if len(_BY_SOURCE) >= _CACHED_LISTS:
            del _BY_SOURCE[next(iter(_BY_SOURCE))]
    _BY_SOURCE[key] = entry
    return entry[1]


def options(choices: Sequence[Choice], selected: str) -> Markup:
    """`<option>`s of the choices, the one whose value is `selected` marked so."""
    return _kept("options", choices, lambda: _plain(tuple(choices))).marked(selected)


def province_options(groups: Sequence[ProvinceChoice], selected: str) -> Markup:
    """`<option>`s of the provinces themselves (code and name), `selected` marked."""
    return _kept("provinces", groups, lambda: _provinces(tuple(groups))).marked(selected)


def grouped_options(groups: Sequence[ProvinceChoice], selected: str) -> Markup:
    """An `<optgroup>` per province with its kabupaten/kota as options."""
    return _kept("grouped", groups, lambda: _grouped(tuple(groups))).marked(selected)
