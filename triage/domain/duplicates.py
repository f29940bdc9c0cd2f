"""Find the open case a new report likely repeats: place, time, text or reporter. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from triage.domain.timezones import require_aware

DUPLICATE_WINDOW = timedelta(hours=72)
SIMILARITY_THRESHOLD = 85.0  # rapidfuzz token_set_ratio, 0-100
MIN_TOKENS = 3  # token_set_ratio scores 100 when one text's words are a subset of the other's

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class IncomingReport:
    """The new report, reduced to what duplicate detection needs."""

    kabkota_code: str
    reporter_key: str | None
    description: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class OpenCase:
    """An open case that a new report might repeat."""

    case_id: int
    kabkota_code: str
    reporter_key: str | None
    description: str
    received_at: datetime
    assigned_worker_id: int | None


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """The best matching open case and why. The explanation never quotes report text."""

    case_id: int
    assigned_worker_id: int | None
    similarity: float
    similar_text: bool
    same_reporter: bool
    hours_apart: float
    reason_code: str
    explanation: str


def normalise(text: str) -> str:
    """Unicode-normalised, case-folded words separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def similarity(a: str, b: str, min_tokens: int = MIN_TOKENS) -> float:
    """token_set_ratio of two normalised texts; 0 when either has fewer than `min_tokens`."""
    if min(len(a.split()), len(b.split())) < min_tokens:
        return 0.0
    return float(fuzz.token_set_ratio(a, b))


def find_duplicate(
    report: IncomingReport,
    open_cases: Iterable[OpenCase],
    *,
    window: timedelta = DUPLICATE_WINDOW,
    threshold: float = SIMILARITY_THRESHOLD,
    min_tokens: int = MIN_TOKENS,
) -> DuplicateMatch | None:
    """The best open case in the same kabupaten/kota within `window` that has similar text
    or the same reporter; None if there is none.

    Best means: both criteria before one, then higher similarity, then closer in time,
    then the lower case id.
    """
    received = require_aware(report.received_at, "received_at")
    text = normalise(report.description)
    matches: list[DuplicateMatch] = []
    for case in open_cases:
        if case.kabkota_code != report.kabkota_code:
            continue
        if abs(case.received_at - received) > window:
            continue
        match = _match(report, text, case, threshold, min_tokens)
        if match is not None:
            matches.append(match)
    return max(matches, key=_rank, default=None)


def _match(
    report: IncomingReport, text: str, case: OpenCase, threshold: float, min_tokens: int
) -> DuplicateMatch | None:
    score = similarity(text, normalise(case.description), min_tokens)
    similar = score >= threshold
    same = bool(report.reporter_key) and report.reporter_key == case.reporter_key
    if not (similar or same):
        return None
    hours = abs(case.received_at - report.received_at).total_seconds() / 3600
    if similar and same:
        code, why = (
            "duplicate.similar_text_same_reporter",
            f"similar text ({score:.0f}/100), same reporter",
        )
    elif similar:
        code, why = "duplicate.similar_text", f"similar text ({score:.0f}/100)"
    else:
        code, why = "duplicate.same_reporter", "same reporter"
    text_out = (
        f"likely repeats case {case.case_id}: {why}, {hours:.1f} h apart in {case.kabkota_code}"
    )
    worker = case.assigned_worker_id
    return DuplicateMatch(case.case_id, worker, score, similar, same, hours, code, text_out)


def _rank(match: DuplicateMatch) -> tuple[int, float, float, int]:
    criteria = int(match.similar_text) + int(match.same_reporter)
    return (criteria, match.similarity, -match.hours_apart, -match.case_id)
