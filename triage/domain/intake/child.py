"""The question about the child: girl or boy (a tap marks it and the question stays), and the
age (a tap or a typed number answers it and moves on). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage.domain.child_sex import child_sex
from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Step
from triage.domain.intake.inputs import Input, Press, Text
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import PLEASE_USE_BUTTONS, StepResult, refuse, stay, unexpected
from triage.domain.intake.text import parse_child

Answers = Mapping[str, Any]
TYPE_AN_AGE = N_("Ketik umur dengan angka (misalnya 7), atau pilih salah satu tombol.")
UNDER_18 = N_("Layanan ini untuk anak di bawah 18 tahun. Ketik umur 0–17, atau pilih Tidak tahu.")


def child(answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if isinstance(given, Press):
        return _pressed(answers, given.value)
    if not isinstance(given, Text):
        return unexpected(given)
    parsed = parse_child(given.text)
    if parsed is None:
        return refuse(TYPE_AN_AGE)
    sex, age = parsed
    if age is None:
        return stay(Step.AGE, {"child_sex": sex})
    if age > 17:
        return refuse(UNDER_18)
    said: dict[str, Any] = {"age_band": None, "child_age": age}
    return StepResult(answers=said | ({"child_sex": sex} if sex else {}))


def _pressed(answers: Answers, value: str) -> StepResult:
    sex = child_sex(value.removeprefix(c.SEX_PREFIX)) if value.startswith(c.SEX_PREFIX) else None
    if sex is not None:
        same = answers.get("child_sex") == sex  # a second tap takes the choice back
        return stay(Step.AGE, {"child_sex": None if same else sex.value})
    if any(o.value == value for o in c.AGE_OPTIONS):
        return StepResult(answers={"age_band": value, "child_age": None})
    return refuse(PLEASE_USE_BUTTONS)
