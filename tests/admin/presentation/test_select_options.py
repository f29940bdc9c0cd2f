"""The kept option lists give exactly the HTML of option-by-option rendering, whatever is
chosen, on every view."""

from __future__ import annotations

from markupsafe import escape

from admin.presentation.select_options import grouped_options, options, province_options
from triage.services.cases.queue_choices import Choice, ProvinceChoice

CHOICES = (Choice("1", "Ani"), Choice("2", 'Budi "B" <x>'), Choice("3", "Cici & Co"))
GROUPS = (
    ProvinceChoice("31", "DKI <Jakarta>", (Choice("31.71", "Kota A"), Choice("31.74", "Kota B"))),
    ProvinceChoice("32", "Jawa Barat", (Choice("32.73", "Kota Bandung"),)),
)


def _option(choice: Choice, selected: str) -> str:
    mark = " selected" if choice.value == selected else ""
    return f'<option value="{escape(choice.value)}"{mark}>{escape(choice.name)}</option>'


def _reference(choices: tuple[Choice, ...], selected: str) -> str:
    return "".join(_option(choice, selected) for choice in choices)


def _grouped_reference(groups: tuple[ProvinceChoice, ...], selected: str) -> str:
    return "".join(
        f'<optgroup label="{escape(group.name)}">{_reference(group.kabkota, selected)}</optgroup>'
        for group in groups
    )


def test_options_match_one_by_one_rendering_for_every_choice_and_none() -> None:
    for selected in ("", "1", "2", "3", "4", '"'):
        for _ in range(2):  # built, then kept
            assert str(options(CHOICES, selected)) == _reference(CHOICES, selected)
            assert str(options(list(CHOICES), selected)) == _reference(CHOICES, selected)


def test_grouped_and_province_options_match_one_by_one_rendering() -> None:
    provinces = tuple(Choice(group.code, group.name) for group in GROUPS)
    for selected in ("", "31", "31.74", "32.73", "99"):
        for _ in range(2):
            assert str(grouped_options(GROUPS, selected)) == _grouped_reference(GROUPS, selected)
            assert str(grouped_options([GROUPS[1]], selected)) == _grouped_reference(
                GROUPS[1:], selected
            )
            assert str(province_options(GROUPS, selected)) == _reference(provinces, selected)


def test_a_value_listed_twice_is_marked_twice_as_before() -> None:
    twice = (Choice("7", "A"), Choice("8", "B"), Choice("7", "C"))
    assert str(options(twice, "7")) == _reference(twice, "7")


def test_an_equal_list_built_anew_gives_the_same_html() -> None:
    again = tuple(Choice(c.value, c.name) for c in CHOICES)
    assert str(options(again, "2")) == str(options(CHOICES, "2")) == _reference(CHOICES, "2")
    changed = (*CHOICES[:2], Choice("3", "Dedi"))
    assert str(options(changed, "3")) == _reference(changed, "3")
