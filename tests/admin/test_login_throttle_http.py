"""Login throttling over HTTP: it survives a new app instance, caps an address across
usernames, and believes X-Forwarded-For only from a trusted proxy."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from admin.client import parse_networks
from admin.state import AdminSecurity
from admin.web import create_admin_app
from tests.admin.conftest import SECRET_KEY
from tests.admin.seed import PASSWORD, csrf_from, seed_staff
from tests.support.deps import Clock, make_deps
from triage.storage.tables import AuditLog
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]


def _app(
    uow_factory: UnitOfWorkFactory, clock: Clock, proxies: tuple[str, ...] = ()
) -> web.Application:
    return create_admin_app(
        deps=make_deps(uow_factory, clock=clock),
        secret_key=SECRET_KEY,
        security=AdminSecurity(trusted_proxies=parse_networks(proxies)),
    )


async def _attempt(
    client: Client, username: str, password: str, forwarded: str | None = None
) -> tuple[int, str, str | None]:
    token = csrf_from(await (await client.get("/login")).text())
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    response = await client.post(
        "/login",
        data={"csrf_token": token, "username": username, "password": password},
        headers=headers,
        allow_redirects=False,
    )
    return response.status, await response.text(), response.headers.get("Retry-After")


async def test_the_throttle_survives_a_new_app_instance(uow_factory: UnitOfWorkFactory) -> None:
    await seed_staff(uow_factory)
    clock = Clock()
    async with TestClient(TestServer(_app(uow_factory, clock))) as first:
        for _ in range(3):
            assert (await _attempt(first, "admin", "wrong password"))[0] == 200

    async with TestClient(TestServer(_app(uow_factory, clock))) as restarted:
        status, html, retry_after = await _attempt(restarted, "admin", PASSWORD)

        assert status == 429
        assert "Tunggu 1 detik" in html
        assert retry_after == "1"
        clock.now += timedelta(seconds=1)
        assert (await _attempt(restarted, "admin", PASSWORD))[0] == 303


async def test_an_address_is_capped_across_usernames_but_a_known_account_is_not_locked(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await seed_staff(uow_factory)
    clock = Clock()
    app = _app(uow_factory, clock, proxies=("127.0.0.1",))
    async with TestClient(TestServer(app)) as client:
        attacker = "198.51.100.66"
        for n in range(20):
            assert (await _attempt(client, f"guess{n}", "wrong password", attacker))[0] == 200

        status, html, _ = await _attempt(client, "admin", PASSWORD, attacker)

        assert status == 429
        assert "dari jaringan ini" in html
        # the same account from the owner's own address is not locked out
        assert (await _attempt(client, "admin", PASSWORD, "203.0.113.10"))[0] == 303


async def test_x_forwarded_for_is_ignored_from_an_untrusted_peer(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await seed_staff(uow_factory)
    async with TestClient(TestServer(_app(uow_factory, Clock()))) as client:
        await _attempt(client, "admin", "wrong password", forwarded="198.51.100.1")

    assert await _audited_addresses(uow_factory) == ["127.0.0.1"]


async def test_x_forwarded_for_is_read_from_a_trusted_proxy(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await seed_staff(uow_factory)
    app = _app(uow_factory, Clock(), proxies=("127.0.0.1",))
    async with TestClient(TestServer(app)) as client:
        await _attempt(client, "admin", "wrong password", forwarded="6.6.6.6, 198.51.100.1")

    assert await _audited_addresses(uow_factory) == ["198.51.100.1"]


async def _audited_addresses(uow_factory: UnitOfWorkFactory) -> list[str | None]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    return [row.source_address for row in rows]


async def test_a_failed_login_is_audited_with_a_keyed_hash_and_the_address(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await seed_staff(uow_factory)
    typed = "kata-sandi-rahasia-di-kolom-nama"
    async with TestClient(TestServer(_app(uow_factory, Clock()))) as client:
        await _attempt(client, typed, "whatever password")
        await _attempt(client, "admin", "wrong password")

    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all()
    assert [row.actor.split(":")[0] for row in rows] == ["unknown", "admin"]
    assert [row.source_address for row in rows] == ["127.0.0.1", "127.0.0.1"]
    assert typed not in str([row.model_dump() for row in rows])
