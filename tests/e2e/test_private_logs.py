"""`lapor-sosial run` at LOG_LEVEL=DEBUG, as an operator starts it: a whole report through the
bot, by long polling and by webhook, and not one log line carries the story, the reporter's
name or phone, what was typed about the child, the bot token, the webhook's secret or the
secret key."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import stat
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.conversation import tap, tap_keyboard
from tests.e2e.harness import WEBHOOK, WEBHOOK_SECRET, add_worker, free_port
from tests.support.botapi_stub import BotApiStub
from tests.support.deps import TEST_KEYRING
from tests.support.dump import database_dump
from triage.storage.db import create_engine, create_session_factory
from triage.storage.uow import UnitOfWorkFactory

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7712345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"  # shaped like a real one
CHILD_TYPED = "laki-laki 9 tahun"
CHILD_NAME = "Bagas Wicaksono"
LANDMARK = "gang Kenari dekat musala Al-Ikhlas"
STORY = (
    f"{CHILD_NAME} sering dipukuli ayah tirinya sampai memar, rumahnya di {LANDMARK}, "
    "tiap malam terdengar menangis."
)
PHONE = "+6281398765432"
REPORTER_NAME = ("Kartika", "Wijayakusuma")
WORKER_NAME = "Sulistyowati"
NOTE = "Ibu korban bersedia ditemui di warung Pak Darmo"
PRIVATE = {
    "story": STORY,
    "words of the story": "dipukuli ayah tirinya",
    "child's name": CHILD_NAME,
    "landmark": LANDMARK,
    "child as typed": CHILD_TYPED,
    "phone": PHONE.removeprefix("+"),
    "phone, local form": PHONE.removeprefix("+62"),
    "reporter's first name": REPORTER_NAME[0],
    "reporter's last name": REPORTER_NAME[1],
    "worker's name": WORKER_NAME,
    "worker's note": NOTE,
    "bot token": TOKEN,
    "bot token's secret part": TOKEN.split(":")[1],
}

# What the report stores (encrypted): the story and its words, the place, the child as typed,
# the phone. The names of reporters are never stored; workers' names are staff data.
STORED_PRIVATE = (
    "story", "words of the story", "child's name", "landmark", "child as typed", "phone",
    "phone, local form", "worker's note",
)  # fmt: skip


def app_environment(stub: BotApiStub, database_url: str, port: int) -> dict[str, str]:
    """Development with no SECRET_KEY and no .env: the way `make run` starts on a fresh clone."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ENVIRONMENT")}
    return {
        **inherited,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "DEBUG",
        "TELEGRAM_BOT_TOKEN": stub.token,
        "TELEGRAM_API_BASE_URL": stub.base_url,
        "TELEGRAM_API_FILE_URL": stub.base_file_url,
        "DATABASE_URL": database_url,
        "ADMIN_PORT": str(port),
        "OUTBOX_INTERVAL_SECONDS": "0.2",
    }


def last_lines(log: Path) -> str:
    return "\n".join(log.read_text(encoding="utf-8").splitlines()[-30:])


async def wait_until_serving(url: str, process: asyncio.subprocess.Process, log: Path) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(600):
            if process.returncode is not None:
                raise AssertionError(f"the application stopped:\n{last_lines(log)}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{url}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise AssertionError("the application did not start")


WEBHOOK_ENVIRONMENT = {
    "TELEGRAM_MODE": "webhook",
    "WEBHOOK_URL": str(WEBHOOK["webhook_url"]),
    "WEBHOOK_SECRET": WEBHOOK_SECRET,
}


@contextlib.asynccontextmanager
async def lapor_sosial_run(
    stub: BotApiStub, database_url: str, folder: Path, **env: str
) -> AsyncIterator[None]:
    """The real command in its own process, everything it logs written to `folder/run.log`;
    `env` adds settings (WEBHOOK_ENVIRONMENT: the stand-in posts to its webhook)."""
    log = folder / "run.log"
    port = free_port()
    if env.get("TELEGRAM_MODE") == "webhook":
        stub.forward_webhook_to(f"http://127.0.0.1:{port}/telegram/webhook")
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app.cli",
            "run",
            cwd=folder,
            env=app_environment(stub, database_url, port) | env,
            stdout=output,
            stderr=output,
        )
    try:
        await wait_until_serving(f"http://127.0.0.1:{port}", process, log)
        yield
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout=20)
            except TimeoutError:
                process.kill()
                await process.wait()


async def file_and_accept_a_report(stub: BotApiStub, uow: UnitOfWorkFactory) -> None:
    await add_worker(uow, f"Bu {WORKER_NAME}", 2001, ["31.74"])
    worker = stub.private_user(user_id=2001, first_name=WORKER_NAME, started=True)
    first, last = REPORTER_NAME
    reporter = stub.private_user(user_id=1001, first_name=first, last_name=last)

    await reporter.command("/start")
    await tap(reporter, "Setuju, lanjut (Bahasa Indonesia)")
    await tap(reporter, "Baru saja / hari ini")
    await tap(reporter, "Kekerasan fisik (dipukul, dianiaya)")
    await reporter.wait_for("Berapa umurnya")
    await reporter.send(CHILD_TYPED)
    await tap(reporter, "Tidak ada")
    await reporter.wait_for("Di mana anak itu")
    await reporter.send("jaksel")
    await reporter.wait_for("Ceritakan")
    await reporter.send(STORY)
    await tap(reporter, "Tetangga")
    await tap_keyboard(reporter, "📱 Bagikan nomor saya", phone_number=PHONE)
    summary = await reporter.wait_for("Periksa laporan")
    assert PHONE in summary.text and "• Umur anak: 9" in summary.text
    await tap(reporter, "✅ Kirim laporan")
    await reporter.wait_for("Nomor laporan")

    await worker.wait_for(CHILD_NAME, timeout=15)  # the story reached the worker
    await worker.press("✅ Terima")
    await worker.wait_for("Anda menerima kasus ini")
    await reporter.wait_for("sudah menerima kasus ini", timeout=15)
    await worker.press("📝 Catatan")
    await worker.wait_for("Tulis catatan Anda")
    await worker.send(NOTE)
    await worker.wait_for("Catatan disimpan")


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_debug_logs_of_a_whole_report_hold_nothing_personal_or_secret(
    database_url: str, tmp_path: Path, mode: str
) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    env = WEBHOOK_ENVIRONMENT if mode == "webhook" else {}
    async with (
        BotApiStub(token=TOKEN) as stub,
        lapor_sosial_run(stub, database_url, folder, **env),
    ):
        engine = create_engine(database_url, keyring=TEST_KEYRING)
        try:
            await file_and_accept_a_report(stub, UnitOfWorkFactory(create_session_factory(engine)))
        finally:
            await engine.dispose()
    logged = (folder / "run.log").read_text(encoding="utf-8")

    on = {"polling": "long polling", "webhook": "webhook"}[mode]
    assert " DEBUG " in logged and f"is on ({on})" in logged  # the app's own log, at DEBUG
    private = PRIVATE | {"webhook's secret": WEBHOOK_SECRET}
    found = [what for what, text in private.items() if text in logged]
    assert not found, f"the log holds: {found}"
    for name in ("secret_key", "data_key"):  # made on this first start, being unset
        key_file = folder / "var" / name
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert key_file.read_text().strip() not in logged
    await _database_holds_nothing_personal_in_plain_text(database_url)


async def _database_holds_nothing_personal_in_plain_text(database_url: str) -> None:
    """The story, the place, the phone and the worker's note are stored encrypted: a copy of
    the database (its file, or pg_dump) shows none of them."""
    dump = await database_dump(database_url)
    assert "report" in dump and "v1:local:" in dump  # a real dump, of sealed values
    private = {what: PRIVATE[what] for what in STORED_PRIVATE}
    found = [what for what, text in private.items() if text in dump]
    assert not found, f"the database dump holds in plain text: {found}"
