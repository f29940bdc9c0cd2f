"""One case's page (region-scoped, audited) and the form that overrides its urgency.

The page's other action forms are handled in `admin/views/case_actions.py`; they come back
here to be shown again with their problems (`show_case`).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web
from aiohttp_session import get_session

from admin.access import Access, allow
from admin.csrf import form_fields
from admin.presentation.case import CaseWords
from admin.presentation.reports import URGENCY_LABELS
from admin.render import render
from admin.state import ADMIN, LANG, STAFF
from admin.views.case_forms import DONE_FLASH, ActionForm, done_text
from triage.domain.case import Outcome, Referral
from triage.domain.model import Urgency
from triage.i18n import N_
from triage.services.cases.detail import case_detail, case_visible
from triage.services.cases.staff_common import (
    MESSAGE_MAX_CHARS,
    NOTE_MAX_CHARS,
)
from triage.services.cases.staff_common import REASON_MAX_CHARS as ACTION_REASON_MAX
from triage.services.sla.override import REASON_MAX_CHARS, OverrideStatus, override_urgency

FLASH = "case_flash"
NO_REASON = N_("Tuliskan alasan perubahan urgensi.")
TOO_LONG = N_("Alasannya terlalu panjang. Paling banyak {max} karakter.")
SAME_URGENCY = N_("Urgensi kasus ini sudah {urgency}. Pilih tingkat yang lain.")
ANONYMISED = N_(
    "Data pribadi kasus ini sudah dihapus sesuai aturan retensi, jadi kasus ini tidak bisa "
    "diubah lagi."
)
UNKNOWN_LEVEL = N_("Pilih salah satu dari empat tingkat urgensi.")
CHANGED = N_("Urgensi diubah ke {urgency}. Perubahan ini tercatat di riwayat kasus.")


@dataclass(frozen=True, slots=True)
class OverrideForm:
    """What the staff member typed, kept when the form comes back with a problem."""

    urgency: str = ""
    reason: str = ""
    error: str | None = None


async def _flash(request: web.Request, reference: str) -> str | None:
    """The success message left by the override or another action for this case, shown once."""
    session = await get_session(request)
    done = session.pop(DONE_FLASH, None)
    if isinstance(done, dict) and done.get("reference") == reference:
        return done_text(request.app[ADMIN].deps.translator, request[LANG], done)
    flash = session.pop(FLASH, None)
    if not isinstance(flash, dict) or flash.get("reference") != reference:
        return None
    urgency = str(flash.get("urgency"))
    translator = request.app[ADMIN].deps.translator
    label = translator.label(request[LANG], URGENCY_LABELS, urgency)
    return translator.text(request[LANG], CHANGED, urgency=label)


async def show_case(
    request: web.Request,
    form: OverrideForm | None = None,
    status: int = 200,
    action: ActionForm | None = None,
) -> web.Response:
    """The case page; `form` or `action` is shown again with what was typed and its problems."""
    context = request.app[ADMIN]
    reference = request.match_info["reference"]
    detail = await case_detail(context.deps, request[STAFF], reference, context.deps.clock())
    if detail is None:
        raise web.HTTPNotFound()
    words = CaseWords(
        request[LANG], context.deps.translator, context.display_zone, context.deps.regions.name
    )
    page = {
        "case": detail,
        "words": words,
        "form": form or OverrideForm(),
        "action": action or ActionForm(""),
        "empty_form": ActionForm(""),
        "outcome_codes": [outcome.value for outcome in Outcome],
        "referral_codes": [referral.value for referral in Referral],
        "flash": await _flash(request, reference),
        "urgency_labels": URGENCY_LABELS,
        "reason_max": REASON_MAX_CHARS,
        "limits": {
            "reason": ACTION_REASON_MAX, "note": NOTE_MAX_CHARS, "message": MESSAGE_MAX_CHARS,
        },
    }  # fmt: skip
    return await render(request, "case.html", page, status=status)


@allow(Access.STAFF)
async def case_page(request: web.Request) -> web.StreamResponse:
    """The case with its story, timeline and response times; 404 outside the viewer's regions."""
    return await show_case(request)


def _problem(urgency: str, reason: str) -> str | None:
    if urgency not in Urgency.__members__:
        return UNKNOWN_LEVEL
    if not reason:
        return NO_REASON
    return TOO_LONG if len(reason) > REASON_MAX_CHARS else None


@allow(Access.STAFF)
async def override(request: web.Request) -> web.StreamResponse:
    """Change the urgency with a reason (admin, or a supervisor over the case's region)."""
    form = await form_fields(request)
    context, staff = request.app[ADMIN], request[STAFF]
    reference = request.match_info["reference"]
    allowed = await case_visible(context.deps, staff, reference, context.deps.clock())
    if not allowed:
        raise web.HTTPNotFound()
    urgency, typed = form.get("urgency", ""), form.get("reason", "").replace("\r\n", "\n")
    problem = _problem(urgency, typed.strip())
    if problem is not None:
        return await show_case(request, OverrideForm(urgency, typed, problem), status=400)
    result = await override_urgency(
        context.deps, reference, Urgency(urgency), typed, f"staff:{staff.username}",
        context.deps.clock(),
    )  # fmt: skip
    if result.status is OverrideStatus.NOT_FOUND:
        raise web.HTTPNotFound()
    if result.status is OverrideStatus.UNCHANGED:
        return await show_case(request, OverrideForm(urgency, typed, SAME_URGENCY), status=400)
    if result.status is OverrideStatus.ANONYMISED:
        return await show_case(request, OverrideForm(urgency, typed, ANONYMISED), status=409)
    (await get_session(request))[FLASH] = {"reference": reference, "urgency": urgency}
    raise web.HTTPSeeOther(request.app.router["case"].url_for(reference=reference))
