"""The audit log for admins: filters in the URL, pages by id, and the CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from admin.access import Access, allow
from admin.presentation.audit import ACTION_LABELS, CSV_HEADER, audit_row, csv_cells
from admin.presentation.retention import retention_note
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from triage.i18n import N_
from triage.services.audit.entries import AuditFilter, audit_actions, audit_page, export_entries
from triage.services.retention.status import last_run

BAD_DATE = N_("Tulis tanggal seperti 2026-11-23.")
OUT_OF_RANGE = N_("Pilih tanggal antara tahun 2000 dan 2100.")
WRONG_WAY = N_("Tanggal akhir tidak boleh sebelum tanggal awal.")
TOO_LONG = N_("Paling banyak {max} karakter.")
FIELD_MAX = 64
FIELDS = ("user", "action", "from", "to", "reference")


@dataclass(frozen=True, slots=True)
class AuditForm:
    """What the admin typed (shown again) and a message beside each field that is wrong."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def filtered(self) -> bool:
        return any(self.values.values())


def _day(text: str) -> tuple[date | None, str | None]:
    if not text:
        return None, None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, BAD_DATE
    return (day, None) if 2000 <= day.year <= 2100 else (None, OUT_OF_RANGE)


def _start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def read_filters(query: Mapping[str, str], zone: ZoneInfo) -> tuple[AuditForm, AuditFilter]:
    """The form as typed and the filter it means; with errors, the filter is not to be used."""
    values = {name: query.get(name, "").strip() for name in FIELDS}
    errors = {name: TOO_LONG for name, value in values.items() if len(value) > FIELD_MAX}
    since, problem = _day(values["from"])
    if problem:
        errors["from"] = problem
    until, problem = _day(values["to"])
    if problem:
        errors["to"] = problem
    if since and until and until < since:
        errors["to"] = WRONG_WAY
    filters = AuditFilter(
        actor=values["user"] or None,
        action=values["action"] or None,
        since=_start(since, zone) if since else None,
        until=_start(until + timedelta(days=1), zone) if until else None,
        reference=values["reference"] or None,
    )
    return AuditForm(values, errors), filters


def _older_than(query: Mapping[str, str]) -> int | None:
    text = query.get("before", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


@allow(Access.ADMIN)
async def audit_log(request: web.Request) -> web.StreamResponse:
    """Every view, change, export and login, newest first; 400 with the errors beside the fields.
    Above them, when retention last ran and what it did."""
    context, viewer = request.app[ADMIN], request[STAFF]
    form, filters = read_filters(request.query, context.display_zone)
    actions = await audit_actions(context.deps, viewer)
    retention = await last_run(context.deps, viewer)
    page: dict[str, Any] = {
        "retention": retention_note(retention, context.display_zone, request[LANG]),
        "form": form,
        "actions": [(code, ACTION_LABELS.get(code)) for code in actions],
        "rows": [],
        "field_max": FIELD_MAX,
        "older_url": None,
        "newest_url": None,
        "csv_url": request.app.router["audit_csv"].url_for().with_query(request.query),
    }
    if form.errors:
        return await render(request, "audit.html", page, status=400)
    older_than = _older_than(request.query)
    result = await audit_page(context.deps, viewer, filters, older_than)
    base = request.app.router["audit"].url_for()
    kept = {name: value for name, value in form.values.items() if value}
    page["rows"] = [
        audit_row(entry, context.deps.translator, request[LANG], context.display_zone)
        for entry in result.entries
    ]
    if result.older_than is not None:
        page["older_url"] = base.with_query({**kept, "before": result.older_than})
    if older_than is not None:
        page["newest_url"] = base.with_query(kept)
    return await render(request, "audit.html", page)


@allow(Access.ADMIN)
async def audit_csv(request: web.Request) -> web.StreamResponse:
    """The matching entries as CSV (formula cells neutralised); the export is audited."""
    context, viewer = request.app[ADMIN], request[STAFF]
    form, filters = read_filters(request.query, context.display_zone)
    if form.errors:
        raise web.HTTPSeeOther(request.app.router["audit"].url_for().with_query(request.query))
    now = context.deps.clock()
    stamp = now.astimezone(context.display_zone).strftime("%Y%m%d-%H%M")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="audit-{stamp}.csv"',
        }
    )
    await response.prepare(request)
    await response.write(_csv_line(CSV_HEADER, bom=True))
    async for batch in export_entries(context.deps, viewer, filters, now):
        for entry in batch:
            await response.write(_csv_line(csv_cells(entry, context.display_zone)))
    await response.write_eof()
    return response


def _csv_line(cells: tuple[str, ...] | list[str], *, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
