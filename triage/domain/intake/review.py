"""The summary before sending: send, edit an answer, the progress-news switch, or cancel. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triage.domain.intake import catalog as c
from triage.domain.intake.catalog import N_, Step
from triage.domain.intake.inputs import Input, Press
from triage.domain.intake.regions_port import RegionLookup
from triage.domain.intake.result import (
    PLEASE_USE_BUTTONS,
    Notice,
    StepResult,
    refuse,
    stay,
    unexpected,
)

Answers = Mapping[str, Any]


def summary(answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    if not isinstance(given, Press):
        return unexpected(given)
    value = given.value
    if value == c.SUBMIT:
        return _submit(answers)
    if value == "edit":
        return stay(Step.SUMMARY, {"_edit_menu": True})
    if value == c.NOTIFY_TOGGLE:
        return stay(Step.SUMMARY, {"notify": not answers.get("notify", True)})
    if value == c.CANCEL:
        return StepResult(answers={"_return_step": Step.SUMMARY}, next_step=Step.CANCEL_CONFIRM)
    if value.startswith(c.EDIT_PREFIX) and value[len(c.EDIT_PREFIX) :] in c.EDITABLE_STEPS:
        step = Step(value[len(c.EDIT_PREFIX) :])
        return StepResult(answers={"_editing": True, "_edit_menu": False}, next_step=step)
    return refuse(PLEASE_USE_BUTTONS)


REQUIRED = (
    ("immediate_danger", Step.DANGER),
    ("categories", Step.CATEGORY),
    ("region_code", Step.LOCATION),
    ("description", Step.DESCRIPTION),
)


def _submit(answers: Answers) -> StepResult:
    for key, step in REQUIRED:
        if not answers.get(key):
            notice = Notice(N_("Satu jawaban masih kosong. Mohon isi dulu."))
            return StepResult(answers={"_editing": True}, next_step=step, notices=(notice,))
    return StepResult(submit=True)


def cancel_confirm(answers: Answers, given: Input, _regions: RegionLookup) -> StepResult:
    value = given.value if isinstance(given, Press) else None
    if value == c.CANCEL_YES:
        notice = Notice(
            N_("Laporan dibatalkan dan jawaban Anda dihapus. Ketik /start untuk mulai lagi.")
        )
        return StepResult(cancelled=True, notices=(notice,))
    if value == c.CANCEL_NO:
        return StepResult(next_step=Step(answers.get("_return_step", c.QUESTION_ORDER[0])))
    return refuse(PLEASE_USE_BUTTONS)
