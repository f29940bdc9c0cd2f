"""The summary of a draft shown before sending: one labelled line per answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage.domain.child_sex import WORDS, child_sex
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Option
from triage.domain.intake.regions_port import RegionLookup

DESCRIPTION_PREVIEW_CHARS = 160


@dataclass(frozen=True, slots=True)
class Line:
    """`label` is a msgid; `value` is a msgid when `translate`, else literal text."""

    label: str
    value: str
    translate: bool = True


def _label_of(options: tuple[Option, ...], value: object) -> str:
    return next((o.label for o in options if o.value == value), N_("Tidak tahu"))


def _joined(options: tuple[Option, ...], values: list[str]) -> list[str]:
    return [_label_of(options, v) for v in values]


def summary_lines(answers: Mapping[str, Any], regions: RegionLookup) -> tuple[Line, ...]:
    lines = [
        Line(N_("Bahaya saat ini"), _label_of(c.YES_NO_UNSURE, answers.get("immediate_danger"))),
        Line(N_("Waktu"), _label_of(c.WHEN_OPTIONS, answers.get("when"))),
        *[Line(N_("Jenis"), label) for label in _joined(c.CATEGORY_OPTIONS, _cats(answers))],
        Line(N_("Umur anak"), *_age(answers)),
        Line(N_("Jenis kelamin"), _sex(answers)),
        *[Line(N_("Tanda bahaya"), label) for label in _risk_labels(answers)],
        Line(N_("Tempat"), _place(answers, regions), translate=False),
    ]
    if answers.get("address"):
        lines.append(Line(N_("Alamat"), str(answers["address"]), translate=False))
    lines.append(Line(N_("Cerita"), preview(str(answers.get("description", ""))), translate=False))
    if answers.get("evidence"):
        lines.append(Line(N_("Foto/suara"), str(len(answers["evidence"])), translate=False))
    lines += [
        Line(N_("Hubungan"), _label_of(c.RELATION_OPTIONS, answers.get("relation"))),
        _contact_line(answers),
    ]
    return tuple(lines)


def _cats(answers: Mapping[str, Any]) -> list[str]:
    return list(answers.get("categories", ()))


def _age(answers: Mapping[str, Any]) -> tuple[str, bool]:
    if isinstance(answers.get("child_age"), int) and not answers.get("age_band"):
        return f"{answers['child_age']}", False
    return _label_of(c.AGE_OPTIONS, answers.get("age_band", "unknown")), True


def _sex(answers: Mapping[str, Any]) -> str:
    sex = child_sex(answers.get("child_sex"))
    return N_("Tidak tahu") if sex is None else WORDS[sex]


def _risk_labels(answers: Mapping[str, Any]) -> list[str]:
    risks = [r for r in answers.get("_risks", ()) if isinstance(r, str)]
    if not risks:
        return [N_("Tidak ada") if answers.get("risks_answer") == "none" else N_("Tidak tahu")]
    return _joined(c.RISK_OPTIONS, risks)


def _place(answers: Mapping[str, Any], regions: RegionLookup) -> str:
    code = answers.get("region_code")
    return (regions.name(code) or code) if isinstance(code, str) else "-"


def preview(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_PREVIEW_CHARS:
        return text
    return text[: DESCRIPTION_PREVIEW_CHARS - 1].rstrip() + "…"


def _contact_line(answers: Mapping[str, Any]) -> Line:
    phone = answers.get("contact_phone")
    if phone:
        return Line(N_("Kontak"), str(phone), translate=False)
    return Line(N_("Kontak"), N_("Anonim"))
