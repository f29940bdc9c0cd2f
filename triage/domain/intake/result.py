"""What a questionnaire step decides: new answers and the next step, or a polite refusal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from triage.domain.intake.catalog import N_, Step
from triage.domain.intake.inputs import Input, Media


@dataclass(frozen=True, slots=True)
class Notice:
    """A message shown before the next prompt (an error, a confirmation, emergency numbers)."""

    msgid: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StepResult:
    answers: Mapping[str, Any] = field(default_factory=dict)
    next_step: Step | None = None
    notices: tuple[Notice, ...] = ()
    error: Notice | None = None
    submit: bool = False
    cancelled: bool = False


def refuse(msgid: str, **values: str) -> StepResult:
    return StepResult(error=Notice(msgid, values))


def stay(step: Step, answers: Mapping[str, Any], *notices: Notice) -> StepResult:
    return StepResult(answers=answers, next_step=step, notices=notices)


PLEASE_USE_BUTTONS = N_("Mohon pilih salah satu tombol di bawah pesan ini.")
EMERGENCY_NUMBERS = N_(
    "🚨 Jika anak dalam bahaya sekarang, segera telepon 112 (darurat) atau SAPA 129 "
    "(telepon 129, WhatsApp 08111-129-129). Setelah itu, lanjutkan laporan ini."
)
MEDIA_LATER = N_("Foto atau pesan suara bisa dikirim saat Anda menceritakan kejadiannya.")


def unexpected(given: Input) -> StepResult:
    """A refusal for input the step does not take: media now, or typing instead of a button."""
    return refuse(MEDIA_LATER if isinstance(given, Media) else PLEASE_USE_BUTTONS)
