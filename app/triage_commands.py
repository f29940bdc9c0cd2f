"""Bodies of the `lapor-sosial triage` subcommands: assess, compare, override."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from app.bootstrap import load_configured_rules, wire
from app.commands import CommandError
from app.settings import Settings
from triage.domain.model import ReportFacts, Urgency
from triage.domain.references import normalise_reference
from triage.domain.rules.loading import RulesFileError
from triage.domain.scoring.assess import compare_rules
from triage.services.assessment.batch import comparison_to_dict, run_assess, run_compare
from triage.services.assessment.replay import stored_facts
from triage.services.regions.lookup import DirectoryLookup
from triage.services.sla.override import OverrideStatus, override_urgency
from triage.storage.region_source import load_region_directory
from triage.storage.rules_source import load_rules


def assess(settings: Settings, source: str, rules_file: str | None, lang: str) -> int:
    try:
        rules = load_rules(rules_file) if rules_file else load_configured_rules(settings)
    except RulesFileError as exc:
        raise CommandError(str(exc)) from exc
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
    wiring = wire(settings)
    try:
        return await stored_facts(wiring.deps)
    finally:
        await wiring.engine.dispose()


@contextlib.contextmanager
def _input_lines(source: str) -> Iterator[TextIO]:
    """Standard input for "-", else the named file; a missing file is a CommandError."""
    if source == "-":
        yield sys.stdin
        return
    path = Path(source)
    if not path.is_file():
        raise CommandError(f"no such file: {source}")
    with path.open(encoding="utf-8") as handle:
        yield handle


async def override(
    settings: Settings, reference: str, urgency: str, reason: str, actor: str
) -> int:
    wiring = wire(settings)
    try:
        result = await override_urgency(
            wiring.deps,
            normalise_reference(reference) or reference,
            Urgency(urgency),
            reason,
            f"staff:{actor}",
            datetime.now(UTC),
        )
    finally:
        await wiring.engine.dispose()
    if result.status is OverrideStatus.NOT_FOUND:
        raise CommandError(f"no case {reference}")
    if result.status is OverrideStatus.UNCHANGED:
        print(f"{reference} is already {urgency}; nothing changed.")
        return 0
    print(
        f"{reference}: {result.old_urgency} -> {result.new_urgency} ({result.rescheduled} timers rescheduled)"
    )
    return 0
