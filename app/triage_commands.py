"""Bodies of the `lapor-sosial triage` subcommands: assess, compare, evaluate, override."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from app.bootstrap import load_configured_rules, wired
from app.commands import CommandError
from app.settings import Settings
from triage.domain.model import ReportFacts, Urgency
from triage.domain.references import normalise_reference
from triage.domain.rules.loading import RulesFileError
from triage.domain.rules.model import Rules
from triage.domain.scoring.assess import compare_rules
from triage.domain.scoring.evaluation import Gates, check_gates
from triage.services.assessment.batch import comparison_to_dict, run_assess, run_compare
from triage.services.assessment.evaluate import CorpusEvaluation, evaluate_corpus
from triage.services.assessment.evaluation_report import (
    corpus_json,
    corpus_text,
    overrides_json,
    overrides_text,
)
from triage.services.assessment.overrides import OverrideEvaluation, evaluate_overrides
from triage.services.assessment.replay import stored_facts
from triage.services.regions.lookup import DirectoryLookup
from triage.services.sla.override import OverrideStatus, override_urgency
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_rules

UNREADABLE = 2  # `triage evaluate`: the input or the rules could not be read


@dataclass(frozen=True, slots=True)
class EvaluateOptions:
    """The arguments of `triage evaluate`."""

    sources: list[str] = field(default_factory=list)
    rules_file: str | None = None
    lang: str = "id"
    as_json: bool = False
    gates: Gates = field(default_factory=lambda: Gates({}))
    from_overrides: bool = False


def _rules(settings: Settings, rules_file: str | None, status: int = 1) -> Rules:
    """The named rules file, else the configured rules; an invalid file is a CommandError."""
    try:
        return load_rules(rules_file) if rules_file else load_configured_rules(settings)
    except RulesFileError as exc:
        raise CommandError(str(exc), status) from exc


def assess(settings: Settings, source: str, rules_file: str | None, lang: str) -> int:
    rules = _rules(settings, rules_file)
    resolver = DirectoryLookup(load_region_directory())
    with _input_lines(source) as lines:
        return run_assess(lines, sys.stdout, rules, resolver, lang)


def compare(settings: Settings, rules_file: str, source: str | None) -> int:
    """Stored reports (no `source`), or JSON lines, assessed under both rules versions."""
    try:
        new_rules = load_rules(rules_file)
        old_rules = load_configured_rules(settings)
    except RulesFileError as exc:
        raise CommandError(str(exc)) from exc
    if source is not None:
        resolver = DirectoryLookup(load_region_directory())
        with _input_lines(source) as lines:
            return run_compare(lines, sys.stdout, old_rules, new_rules, resolver)
    reports = asyncio.run(_stored_reports(settings))
    comparison = compare_rules(reports, old_rules, new_rules)
    print(json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2))
    return 0


async def _stored_reports(settings: Settings) -> list[tuple[str, ReportFacts]]:
    async with wired(settings) as wiring:
        return await stored_facts(wiring.deps)


def evaluate(settings: Settings, options: EvaluateOptions) -> int:
    """A labelled corpus (or the overridden cases) measured; 2 unreadable, 1 a gate failed."""
    rules = _rules(settings, options.rules_file, UNREADABLE)
    if options.from_overrides:
        if options.sources:
            raise CommandError("give corpus files or --from-overrides, not both", UNREADABLE)
        found = asyncio.run(_overrides(settings, rules))
        gates = check_gates(found.evaluation, options.gates)
        _print(options, overrides_json(found, gates), overrides_text(found, gates))
        return 0 if all(g.passed for g in gates) else 1
    result = _evaluate_corpus(options, rules)
    gates = check_gates(result.evaluation, options.gates)
    _print(options, corpus_json(result, gates), corpus_text(result, gates))
    if result.bad_lines:
        return UNREADABLE
    return 0 if all(g.passed for g in gates) else 1


def _evaluate_corpus(options: EvaluateOptions, rules: Rules) -> CorpusEvaluation:
    if not options.sources:
        raise CommandError("name a corpus file (or - for standard input)", UNREADABLE)
    if options.sources.count("-") > 1:
        raise CommandError("standard input (-) can be read once only", UNREADABLE)
    resolver = DirectoryLookup(load_region_directory())
    with contextlib.ExitStack() as stack:
        opened = [
            (name, stack.enter_context(_input_lines(name, UNREADABLE))) for name in options.sources
        ]
        try:
            return evaluate_corpus(opened, rules, resolver, options.lang)
        except UnicodeDecodeError as exc:
            raise CommandError("a corpus file is not UTF-8 text", UNREADABLE) from exc


def _print(options: EvaluateOptions, as_json: dict[str, Any], as_text: Iterable[str]) -> None:
    if options.as_json:
        print(json.dumps(as_json, ensure_ascii=False, indent=2))
    else:
        print("\n".join(as_text))


async def _overrides(settings: Settings, rules: Rules) -> OverrideEvaluation:
    async with wired(settings) as wiring:
        return await evaluate_overrides(wiring.deps, rules)


@contextlib.contextmanager
def _input_lines(source: str, missing_status: int = 1) -> Iterator[TextIO]:
    """Standard input for "-", else the named file; a missing file is a CommandError."""
    if source == "-":
        yield sys.stdin
        return
    path = Path(source)
    if not path.is_file():
        raise CommandError(f"no such file: {source}", missing_status)
    with path.open(encoding="utf-8") as handle:
        yield handle


async def override(
    settings: Settings, reference: str, urgency: str, reason: str, actor: str
) -> int:
    async with wired(settings) as wiring:
        result = await override_urgency(
            wiring.deps,
            normalise_reference(reference) or reference,
            Urgency(urgency),
            reason,
            f"staff:{actor}",
            datetime.now(UTC),
        )
    if result.status is OverrideStatus.NOT_FOUND:
        raise CommandError(f"no case {reference}")
    if result.status is OverrideStatus.ANONYMISED:
        raise CommandError(
            f"{reference} has been anonymised under the retention rules; it is not changed"
        )
    if result.status is OverrideStatus.UNCHANGED:
        print(f"{reference} is already {urgency}; nothing changed.")
        return 0
    print(
        f"{reference}: {result.old_urgency} -> {result.new_urgency} ({result.rescheduled} timers rescheduled)"
    )
    return 0
