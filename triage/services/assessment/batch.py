"""Bodies of `triage assess` and `triage compare`: JSON lines of report facts in, JSON out.

Imports the domain and `report_input` (which reads each object) only. Never logs or echoes a
description; errors name fields, not text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from triage.domain.model import ReportFacts
from triage.domain.rules.model import Rules
from triage.domain.scoring.assess import Comparison, assess, compare_rules
from triage.domain.scoring.reasons import reason_text
from triage.services.assessment.input import InputError as InputError
from triage.services.assessment.input import Region as Region
from triage.services.assessment.input import RegionResolver as RegionResolver
from triage.services.assessment.input import parse_report as parse_report

Output = dict[str, Any]


class _Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


def assess_lines(
    lines: Iterable[str], rules: Rules, resolver: RegionResolver, lang: str = "id"
) -> Iterator[tuple[Output | None, Output | None]]:
    """For each non-blank line, (assessment output, None) or (None, error output)."""
    for number, data, error in read_json_lines(lines):
        if error is not None:
            yield None, error
            continue
        try:
            facts, region = parse_report(data, resolver)
        except InputError as problem:
            yield None, line_error(number, data, str(problem))
            continue
        yield _output(data["id"], facts, region, rules, lang), None


def run_assess(
    input_stream: Iterable[str],
    output_stream: _Writer,
    rules: Rules,
    resolve_region: RegionResolver,
    lang: str = "id",
) -> int:
    """Write one JSON line per input line; return 1 if any line failed, else 0."""
    status = 0
    for output, error in assess_lines(input_stream, rules, resolve_region, lang):
        status |= error is not None
        output_stream.write(json.dumps(output or error, ensure_ascii=False) + "\n")
    return status


def run_compare(
    input_stream: Iterable[str],
    output_stream: _Writer,
    old_rules: Rules,
    new_rules: Rules,
    resolve_region: RegionResolver,
) -> int:
    """Write one JSON line per bad input line, then the comparison; 1 if any line failed."""
    reports, status = [], 0
    for number, data, error in read_json_lines(input_stream):
        try:
            if error is None:
                reports.append((str(data["id"]), parse_report(data, resolve_region)[0]))
        except InputError as problem:
            error = line_error(number, data, str(problem))
        if error is not None:
            status = 1
            output_stream.write(json.dumps(error, ensure_ascii=False) + "\n")
    comparison = compare_rules(reports, old_rules, new_rules)
    output_stream.write(json.dumps(comparison_to_dict(comparison)) + "\n")
    return status


def comparison_to_dict(comparison: Comparison) -> Output:
    """A Comparison as plain JSON-ready data."""
    moves = {
        direction: [{"id": m.report_id, "old": m.old.value, "new": m.new.value} for m in found]
        for direction, found in (("up", comparison.up), ("down", comparison.down))
    }
    return {
        "old_version": comparison.old_version,
        "new_version": comparison.new_version,
        "total": comparison.total,
        "moved_up": len(comparison.up),
        "moved_down": len(comparison.down),
        "unchanged": comparison.unchanged,
        **moves,
    }


def read_json_lines(lines: Iterable[str]) -> Iterator[tuple[int, Mapping[str, Any], Output | None]]:
    """(line number, parsed object, None) or (line number, {}, error) per non-blank line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as problem:
            yield number, {}, line_error(number, {}, f"not valid JSON ({problem.msg})")
            continue
        if not isinstance(data, dict):
            yield number, {}, line_error(number, {}, "a line must be a JSON object")
            continue
        yield number, data, None


def line_error(number: int, data: Mapping[str, Any], message: str) -> Output:
    """`line`, `id` when the object has a usable one, and `error`: never any other field."""
    report_id = data.get("id")
    known = isinstance(report_id, str | int) and not isinstance(report_id, bool)
    return {"line": number, **({"id": report_id} if known else {}), "error": message}


def _output(
    report_id: str | int, facts: ReportFacts, region: Region | None, rules: Rules, lang: str
) -> Output:
    assessment = assess(facts, rules)
    return {
        "id": report_id,
        "urgency": assessment.urgency.value,
        "score": assessment.score,
        "reasons": [{"code": r.code, "text": reason_text(r, lang)} for r in assessment.reasons],
        "region_code": region[0] if region else None,
        "region_name": region[1] if region else None,
        "rules_version": assessment.rules_version,
    }
