"""The case page's action forms: reassign, note, status, close, duplicate mark, message to the
reporter. Each reads its fields, calls one use case (which scopes the case to the viewer's
regions), and either shows the page again with the problems beside the fields (nothing saved)
or goes back to the case with a success message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.csrf import form_fields
from admin.state import ADMIN, STAFF
from admin.views.case import show_case
from admin.views.case_forms import (
    DONE_FLASH,
    FORM,
    MISSING_MESSAGE,
    MISSING_NOTE,
    MISSING_REASON,
    ActionForm,
    Problem,
    Reading,
)
from triage.i18n import N_
from triage.services.cases.duplicate_marks import (
    REFERENCE_MAX_CHARS,
    mark_duplicate,
    unmark_duplicate,
)
from triage.services.cases.reassign import reassign_case
from triage.services.cases.reporter_message import message_reporter
from triage.services.cases.staff_common import (
    MESSAGE_MAX_CHARS,
    NOTE_MAX_CHARS,
    REASON_MAX_CHARS,
    StaffOutcome,
    StaffResult,
)
from triage.services.cases.staff_note import add_staff_note
from triage.services.cases.staff_status import change_status, close_by_staff
from triage.services.common.deps import TriageDeps
from triage.services.staff.accounts import StaffIdentity

CLOSED = N_("Kasus ini sudah ditutup, jadi tidak bisa diubah lagi.")
STALE = N_(
    "Kasus ini sudah berubah sejak halaman dibuka. Periksa keadaannya yang sekarang, lalu coba lagi."
)
NOT_ALLOWED = N_("Status itu tidak bisa dipilih dari status kasus yang sekarang.")
SAME_HOLDER = N_("Petugas itu sudah memegang kasus ini. Pilih petugas lain.")
UNKNOWN_WORKER = N_("Pilih petugas dari daftar.")
NO_HOLDER = N_(
    "Belum ada petugas dengan Telegram yang memegang kasus ini. Hapus centang untuk menyimpan "
    "catatan saja."
)
UNKNOWN_CASE = N_("Tidak ada kasus dengan nomor {other}.")
SAME_CASE = N_("Kasus tidak bisa ditandai sama dengan dirinya sendiri.")
CYCLE = N_("Kasus {other} sudah ditandai sama dengan kasus ini. Hapus tanda di sana dulu.")
ALREADY = N_("Kasus ini sudah ditandai sama dengan kasus {other}.")
NOT_MARKED = N_("Kasus ini tidak ditandai sebagai duplikat.")
NOT_INFORMED = N_("Pelapor tidak meminta kabar perkembangan, jadi pesan tidak bisa dikirim.")
ANONYMISED = N_(
    "Data pribadi kasus ini sudah dihapus sesuai aturan retensi, jadi kasus ini tidak bisa "
    "diubah lagi."
)

# Where each refusal is shown: beside a field, or above the whole form ("").
REFUSALS: Mapping[StaffOutcome, tuple[str, str]] = {
    StaffOutcome.CLOSED: (FORM, CLOSED),
    StaffOutcome.STALE: (FORM, STALE),
    StaffOutcome.NOT_ALLOWED: ("status", NOT_ALLOWED),
    StaffOutcome.SAME_HOLDER: ("worker", SAME_HOLDER),
    StaffOutcome.UNKNOWN_WORKER: ("worker", UNKNOWN_WORKER),
    StaffOutcome.NO_HOLDER: (FORM, NO_HOLDER),  # the box is gone once nobody can be told
    StaffOutcome.UNKNOWN_CASE: ("other", UNKNOWN_CASE),
    StaffOutcome.SAME_CASE: ("other", SAME_CASE),
    StaffOutcome.CYCLE: ("other", CYCLE),
    StaffOutcome.ALREADY: ("other", ALREADY),
    StaffOutcome.NOT_MARKED: (FORM, NOT_MARKED),
    StaffOutcome.NOT_INFORMED: (FORM, NOT_INFORMED),
    StaffOutcome.ANONYMISED: (FORM, ANONYMISED),
}
# Answered 409, the rest 400.
CONFLICTS = (StaffOutcome.CLOSED, StaffOutcome.STALE, StaffOutcome.ANONYMISED)

Run = Callable[[TriageDeps, StaffIdentity, str], Awaitable[StaffResult]]


async def _act(
    request: web.Request,
    reading: Reading,
    form: ActionForm,
    run: Run,
    flash: Callable[[StaffResult], tuple[str, dict[str, str]]],
) -> web.StreamResponse:
    """Show the problems (nothing saved), or run the use case and go back to the case."""
    if reading.problems:
        return await show_case(request, status=400, action=form)
    reference = request.match_info["reference"]
    result = await run(request.app[ADMIN].deps, request[STAFF], reference)
    if result.outcome is StaffOutcome.NOT_FOUND:
        raise web.HTTPNotFound()
    if not result.done:
        where, msgid = REFUSALS[result.outcome]
        problem = Problem(msgid, {"other": result.detail or form.value("other")})
        again = ActionForm(form.name, form.values, {where: problem})
        status = 409 if result.outcome in CONFLICTS else 400
        return await show_case(request, status=status, action=again)
    action, values = flash(result)
    (await get_session(request))[DONE_FLASH] = {
        "reference": reference,
        "action": action,
        "values": values,
    }
    # To the success message (which takes the focus), not to the form the browser came from.
    page = request.app.router["case"].url_for(reference=reference)
    raise web.HTTPSeeOther(page.with_fragment("done"))


@allow(Access.STAFF)
async def reassign(request: web.Request) -> web.StreamResponse:
    """Hand the case to another worker, with a reason."""
    reading = Reading(await form_fields(request))
    worker = reading.worker("worker")
    reason = reading.text("reason", REASON_MAX_CHARS, MISSING_REASON)
    seen = reading.holder("holder")
    form = reading.filled("reassign", ("worker", "reason"))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return reassign_case(deps, staff, reference, worker, reason, seen)

    return await _act(
        request, reading, form, run, lambda result: ("reassign", {"name": result.detail})
    )


@allow(Access.STAFF)
async def note(request: web.Request) -> web.StreamResponse:
    """A note on the timeline; optionally sent to the holder in Telegram."""
    reading = Reading(await form_fields(request))
    text = reading.text("text", NOTE_MAX_CHARS, MISSING_NOTE)
    tell = reading.checked("tell_holder")
    form = reading.filled("note", ("text", "tell_holder"))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return add_staff_note(deps, staff, reference, text, tell)

    def flash(_: StaffResult) -> tuple[str, dict[str, str]]:
        return ("note_told" if tell else "note"), {}

    return await _act(request, reading, form, run, flash)


@allow(Access.STAFF)
async def status(request: web.Request) -> web.StreamResponse:
    """Move the status forward, as the domain allows, with a reason."""
    reading = Reading(await form_fields(request))
    target, referral = reading.status("status")
    reason = reading.text("reason", REASON_MAX_CHARS, MISSING_REASON)
    seen = reading.form.get("seen_status", "")
    form = reading.filled("status", ("status", "reason"))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return change_status(deps, staff, reference, target, reason, seen, referral)

    return await _act(request, reading, form, run, lambda _: ("status", {}))


@allow(Access.STAFF)
async def close(request: web.Request) -> web.StreamResponse:
    """Close the case with an outcome and a reason."""
    reading = Reading(await form_fields(request))
    outcome = reading.outcome("outcome")
    reason = reading.text("reason", REASON_MAX_CHARS, MISSING_REASON)
    seen = reading.form.get("seen_status", "")
    form = reading.filled("close", ("outcome", "reason"))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return close_by_staff(deps, staff, reference, outcome, reason, seen)

    return await _act(request, reading, form, run, lambda _: ("close", {}))


@allow(Access.STAFF)
async def duplicate(request: web.Request) -> web.StreamResponse:
    """Mark the case as the same as another case, named by its reference."""
    reading = Reading(await form_fields(request))
    other = reading.reference("other", REFERENCE_MAX_CHARS * 2)
    reason = reading.text("reason", REASON_MAX_CHARS, MISSING_REASON)
    form = reading.filled("duplicate", ("other", "reason"))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return mark_duplicate(deps, staff, reference, other, reason)

    return await _act(
        request, reading, form, run, lambda result: ("duplicate", {"other": result.detail})
    )


@allow(Access.STAFF)
async def unduplicate(request: web.Request) -> web.StreamResponse:
    """Remove the case's duplicate mark, with a reason."""
    reading = Reading(await form_fields(request))
    reason = reading.text("reason", REASON_MAX_CHARS, MISSING_REASON)
    form = reading.filled("unduplicate", ("reason",))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return unmark_duplicate(deps, staff, reference, reason)

    return await _act(request, reading, form, run, lambda _: ("unduplicate", {}))


@allow(Access.STAFF)
async def message(request: web.Request) -> web.StreamResponse:
    """Send the reporter a message through the bot (when they asked to be kept informed)."""
    reading = Reading(await form_fields(request))
    text = reading.text("text", MESSAGE_MAX_CHARS, MISSING_MESSAGE)
    form = reading.filled("message", ("text",))

    def run(deps: TriageDeps, staff: StaffIdentity, reference: str) -> Awaitable[StaffResult]:
        return message_reporter(deps, staff, reference, text)

    return await _act(request, reading, form, run, lambda _: ("message", {}))
