"""The language switcher of a logged-in person: the choice is kept on their account, so
every browser they log in from shows it, and in this browser's cookie for the login page."""

from __future__ import annotations

from aiohttp import web

from admin.access import Access, allow
from admin.auth import safe_next
from admin.csrf import form_fields
from admin.language import remember_in_cookie
from admin.middlewares import error_page
from admin.state import ADMIN, STAFF
from triage.i18n import N_
from triage.services.staff.preferences import UnknownLanguage, set_language

UNKNOWN_TITLE = N_("Bahasa tidak tersedia")
UNKNOWN_TEXT = N_("Pilih salah satu bahasa yang ada di bagian atas halaman.")


@allow(Access.STAFF)
async def choose_language(request: web.Request) -> web.StreamResponse:
    """Remember the chosen language and go back to the page it was chosen on."""
    form = await form_fields(request)
    language = form.get("lang", "")
    try:
        await set_language(request.app[ADMIN].deps, request[STAFF], language)
    except UnknownLanguage:
        return await error_page(request, 400, (UNKNOWN_TITLE, UNKNOWN_TEXT))
    back = safe_next(form.get("next"), request.app.router["reports"].url_for())
    response = web.HTTPSeeOther(back)
    remember_in_cookie(request, response, language)
    raise response
