"""An admin app on a real test server, over the migrated database of `uow_factory`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher

from admin.web import create_admin_app
from tests.admin.browser import screenshot_folder_in_use, use_screenshot_folder
from tests.admin.seed import seed_staff
from tests.support.deps import make_deps
from triage.services.staff import accounts as staff
from triage.storage.uow import UnitOfWorkFactory

SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def screenshot_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser tests' screenshots, under this test run's temporary folder."""
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    use_screenshot_folder(folder)
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    folder = screenshot_folder_in_use()
    if folder is not None and any(folder.iterdir()):
        terminalreporter.write_line(f"Admin screenshots: {folder}")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2id, with tiny costs: the services' own tests check the real parameters."""
    monkeypatch.setattr(staff, "_hasher", lambda: CHEAP_HASHER)
    monkeypatch.setattr(staff, "_dummy_hash", lambda: CHEAP_HASHER.hash("dummy-password"))


@pytest.fixture
def admin_app(uow_factory: UnitOfWorkFactory) -> web.Application:
    return create_admin_app(deps=make_deps(uow_factory), secret_key=SECRET_KEY)


@pytest.fixture
async def client(
    admin_app: web.Application, uow_factory: UnitOfWorkFactory
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    await seed_staff(uow_factory)
    async with TestClient(TestServer(admin_app)) as test_client:
        yield test_client
