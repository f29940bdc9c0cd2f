"""How long a typical report takes, and whether each bot message fits a small phone screen.

Runs the real application against the Bot API stand-in, files a typical report (typed place
name that needs no choosing, the child's sex and age band, no risk ticked, anonymous) twice
from one chat: first as a first-time reporter, then as a returning one who gave consent
before. Counts the reporter's taps and messages from /start to the reference, then lays every
bot message out in Chromium as a Telegram-like bubble 360 px wide and reports which need
scrolling before their buttons. Prints figures; asserts nothing.

    .venv/bin/python -m bench.bench_conversation
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import tempfile
from pathlib import Path

from bot.flood import FloodLimit
from tests.e2e.conversation import tap, tap_keyboard
from tests.e2e.harness import running_app
from tests.support.deps import TEST_KEYRING
from tests.support.stub_types import SentMessage
from tests.support.stub_users import ChatActor
from triage.storage.migrate import upgrade_database_async

PHONE_WIDTH = 360
# A 360x640 screen less Telegram's header (56 px) and input bar (48 px).
VISIBLE_HEIGHT = 640 - 56 - 48
CHROMIUM = "/usr/bin/chromium"


async def typical_report(user: ChatActor, *, first_time: bool, timeout: float = 10.0) -> int:  # noqa: ASYNC109
    """The reporter's side of a typical report; returns the number of taps and messages.
    `timeout`: how long to wait for each answer of the bot."""
    actions = 0

    async def press(label: str) -> None:
        nonlocal actions
        await tap(user, label, timeout)
        actions += 1

    await user.command("/start")
    actions += 1
    if first_time:
        await press("Setuju, lanjut (Bahasa Indonesia)")
    for label in (
        "Baru saja / hari ini",
        "Kekerasan fisik (dipukul, dianiaya)",
        "👦 Laki-laki",  # the sex: marked on the age question's message, which stays
        "6–12 tahun",
        "Tidak ada",
    ):
        await press(label)
    await user.wait_for("Ketik nama", timeout)
    await user.send("jaksel")  # clearly one place: taken at once, no choosing
    actions += 1
    await user.wait_for("Ceritakan", timeout)
    await user.send(
        "Anak tetangga sering dipukulin bapaknya sampai menangis tiap malam, tolong dibantu. "
        "Rumahnya di gang belakang masjid Al-Ikhlas."
    )
    actions += 1
    await press("Tetangga")
    await tap_keyboard(user, "Tetap anonim", timeout)
    actions += 1
    await press("✅ Kirim laporan")
    await user.wait_for("Nomor laporan", timeout)
    return actions


def bubble(message: SentMessage) -> str:
    rows = message.inline_buttons
    buttons = "".join(
        "<div class=row>" + "".join(f"<span>{html.escape(b.text)}</span>" for b in row) + "</div>"
        for row in rows
    )
    keyboard = message.reply_keyboard or []
    reply = "".join(
        "<div class=row>" + "".join(f"<span>{html.escape(b.text)}</span>" for b in row) + "</div>"
        for row in keyboard
    )
    text = html.escape(message.text).replace("\n", "<br>")
    return (
        f"<section><div class=bubble>{text}</div>{buttons}<div class=reply>{reply}</div></section>"
    )


PAGE = """<!doctype html><meta charset=utf-8><style>
body{{margin:0;width:{w}px;font:16px/1.35 Roboto,'DejaVu Sans',sans-serif}}
section{{padding:6px 8px}} .bubble{{background:#fff;border:1px solid #ddd;border-radius:12px;padding:8px 10px;max-width:300px}}
.row{{display:flex;gap:4px;margin-top:4px;max-width:316px}} .row span{{flex:1;text-align:center;background:#e8eef5;
border-radius:8px;padding:9px 4px;font-size:14px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
</style>{body}"""


async def measure(messages: list[SentMessage]) -> list[tuple[int, int, str]]:
    from playwright.async_api import async_playwright

    page_html = PAGE.format(w=PHONE_WIDTH, body="".join(bubble(m) for m in messages))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "messages.html"
        path.write_text(page_html, encoding="utf-8")
        async with async_playwright() as p:
            browser = await p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = await browser.new_page(viewport={"width": PHONE_WIDTH, "height": 640})
            await page.goto(path.as_uri())
            heights = await page.eval_on_selector_all(
                "section", "els => els.map(e => e.offsetHeight)"
            )
            await browser.close()
    return [
        (m.message_id, h, m.text[:40].replace("\n", " "))
        for m, h in zip(messages, heights, strict=True)
    ]


def chromium_installed() -> bool:
    return os.path.exists(CHROMIUM)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the screen-fit measurement")
    quick = parser.parse_args().quick
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/bench.db"
        await upgrade_database_async(url, TEST_KEYRING)
        async with running_app(url) as app:
            user = app.stub.private_user(user_id=4242, first_name="Warga")
            first = await typical_report(user, first_time=True)
            sent = [m for m in user.messages if m.text]
            await asyncio.sleep(FloodLimit().seconds)  # back later, not within the flood window
            returning = await typical_report(user, first_time=False)
    print(f"typical first report: {first} taps and messages (goal: at most 12)")
    print(f"the same report from a returning reporter: {returning} (goal: at most 11)")
    print("  each counts one tap for the child's sex, which a reporter may leave out")
    if quick or not chromium_installed():
        print("screen-fit measurement skipped (--quick, or Chromium not found)")
        return
    sized = await measure(sent)
    tallest = max(sized, key=lambda item: item[1])
    print(f"bot messages: {len(sized)}; longest text: {max(len(m.text) for m in sent)} characters")
    print(
        f"tallest message with its buttons: {tallest[1]} px of {VISIBLE_HEIGHT} px visible ({tallest[2]!r}…)"
    )
    over = [s for s in sized if s[1] > VISIBLE_HEIGHT]
    print(f"messages that need scrolling before their buttons: {len(over)}")


if __name__ == "__main__":
    asyncio.run(main())
