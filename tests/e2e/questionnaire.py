"""The reporter's questionnaire as the fault tests walk it: one step a row, what the reporter
does and the bot's answer that lets the next step go."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor

PHONE = "+6281234567890"
Action = Callable[[ChatActor], Awaitable[object]]
Ready = Callable[[SentMessage], bool]


def _press(label: str) -> Action:
    async def press(user: ChatActor) -> object:
        return await user.press(label)

    return press


def _send(text: str) -> Action:
    async def send(user: ChatActor) -> object:
        return await user.send(text)

    return send


def _button(label: str) -> Ready:
    return lambda m: label in m.button_texts()


def _says(words: str) -> Ready:
    return lambda m: words in m.text


async def _start(user: ChatActor) -> object:
    return await user.command("/start")


async def _share_phone(user: ChatActor) -> object:
    """The contact button; once pressed it is hidden, and a second try shares the contact
    from the attachment menu."""
    if user.messages and user.messages[-1].reply_keyboard:
        return await user.reply_keyboard_press("📱 Bagikan nomor saya", phone_number=PHONE)
    return await user.send_contact(PHONE, own=True)


CONSENT, WHEN, WHAT = (
    "Setuju, lanjut (Bahasa Indonesia)",
    "Baru saja / hari ini",
    "Kekerasan fisik (dipukul, dianiaya)",
)
STEPS: list[tuple[Action, Ready]] = [
    (_start, _button(CONSENT)),
    (_press(CONSENT), _button(WHEN)),
    (_press(WHEN), _button(WHAT)),
    (_press(WHAT), _says("Berapa umurnya")),
    (_send("laki-laki 9 tahun"), _button("Tidak ada")),
    (_press("Tidak ada"), _says("Di mana anak itu")),
    (_send("jaksel"), _says("Ceritakan")),
    (_send("Anak tetangga sering dipukuli ayahnya sampai memar."), _button("Tetangga")),
    (_press("Tetangga"), lambda m: bool(m.reply_keyboard)),
    (_share_phone, _says("Periksa laporan")),
    (_press("✅ Kirim laporan"), _says("Nomor laporan")),
]
