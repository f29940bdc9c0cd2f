"""Test data for the admin app: staff accounts, workers and reports written straight to tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import col, select

from tests.support.deps import make_deps
from triage.services.staff.accounts import create_staff_user
from triage.storage.tables import OutboxMessage, Report, Worker
from triage.storage.uow import UnitOfWorkFactory

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 08:00 WIB
PASSWORD = "kata sandi yang panjang"
SECRET_DESCRIPTION = "<script>alert('rahasia')</script> anak dipukul"
REGIONS = {"31.74": "Kota Jakarta Selatan", "32.73": "Kota Bandung"}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def region_name(code: str) -> str | None:
    return REGIONS.get(code)


async def seed_staff(uow_factory: UnitOfWorkFactory) -> None:
    deps = make_deps(uow_factory)
    await create_staff_user(deps, "admin", PASSWORD)
    await create_staff_user(deps, "spv.bandung", PASSWORD, "supervisor", ["32.73"])


async def seed_reports(
    uow_factory: UnitOfWorkFactory, rows: Sequence[tuple[str, str, str, str | None]]
) -> None:
    """rows: (reference, kabkota code, urgency, worker name or None), oldest first."""
    async with uow_factory() as uow:
        workers: dict[str, Worker] = {}
        for hours, (reference, kabkota, urgency, worker_name) in enumerate(rows):
            worker = None
            if worker_name is not None:
                worker = workers.get(worker_name) or Worker(
                    name=worker_name, created_at=T0, updated_at=T0
                )
                workers[worker_name] = worker
                uow.session.add(worker)
                await uow.session.flush()
            uow.session.add(_report(reference, hours, kabkota, urgency, worker))
        await uow.commit()


def _report(
    reference: str, hours: int, kabkota: str, urgency: str, worker: Worker | None
) -> Report:
    return Report(
        reference=reference,
        received_at=T0 + timedelta(hours=hours),
        reporter_chat_id=5_000_000_000 + hours,
        description=SECRET_DESCRIPTION,
        address="Jl. Melati 7",
        contact_phone="+6281234567890",
        kabkota_code=kabkota,
        urgency=urgency,
        status="accepted" if worker else "new",
        assigned_worker_id=worker.id if worker else None,
    )


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


async def log_in(
    client: TestClient[web.Request, web.Application],
    username: str = "admin",
    password: str = PASSWORD,
    next_path: str = "",
) -> str:
    """Log in through the form; returns the redirect target."""
    token = csrf_from(await (await client.get("/login")).text())
    data = {"csrf_token": token, "username": username, "password": password, "next": next_path}
    response = await client.post("/login", data=data, allow_redirects=False)
    assert response.status == 303, await response.text()
    return response.headers["Location"]


async def seed_undelivered(uow_factory: UnitOfWorkFactory, reference: str, at: datetime) -> None:
    """Telegram messages about the case that did not arrive (its reporter blocked the bot; one
    to someone off the roster is being retried), and one given up about no case."""
    async with uow_factory() as uow:
        query = select(Report).where(col(Report.reference) == reference)
        report = (await uow.session.exec(query)).one()
        rows = [
            ("blocked", report.id, report.reporter_chat_id, "undeliverable", 1, "blocked"),
            ("retrying", report.id, 999, "pending", 2, None),
            ("digest", None, 998, "undeliverable", 12, "too_many_attempts"),
        ]
        for key, report_id, chat, status, attempts, failure in rows:
            uow.session.add(
                OutboxMessage(
                    dedup_key=f"{reference}:{key}", created_at=at, chat_id=chat, text="",
                    report_id=report_id, status=status, attempts=attempts,
                    next_attempt_at=at + timedelta(minutes=5), last_error=failure or "network",
                    failure=failure, failed_at=at if failure else None,
                )
            )  # fmt: skip
        await uow.commit()
