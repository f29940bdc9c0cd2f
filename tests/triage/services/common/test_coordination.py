"""Several processes on one PostgreSQL: one sender at a time, taken over when the holder's
connection goes; one chat's updates never at once in two processes; claims of a dead process
told from a live one's. Each "process" here is a coordination on an engine of its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.harness import eventually
from tests.support.deps import TEST_KEYRING
from triage.services.common.coordination import (
    LocalCoordination,
    PostgresCoordination,
    owner_token,
)
from triage.storage.advisory import int32_key
from triage.storage.db import create_engine, is_sqlite


@pytest.fixture
async def engines(database_url: str) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    if is_sqlite(database_url):
        pytest.skip("advisory locks are PostgreSQL's")
    first, second = (
        create_engine(database_url, keyring=TEST_KEYRING),
        create_engine(database_url, keyring=TEST_KEYRING),
    )
    try:
        yield first, second
    finally:
        await first.dispose()
        await second.dispose()


@pytest.fixture
async def pair(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> AsyncIterator[tuple[PostgresCoordination, PostgresCoordination]]:
    one, two = PostgresCoordination(engines[0]), PostgresCoordination(engines[1])
    await one.start()
    await two.start()
    try:
        yield one, two
    finally:
        await one.close()
        await two.close()


async def test_one_process_holds_the_sender_role_and_the_other_takes_it_when_it_goes(
    pair: tuple[PostgresCoordination, PostgresCoordination],
) -> None:
    one, two = pair
    assert await one.try_become_sender()
    assert not await two.try_become_sender()
    assert await one.still_sender() and not await two.still_sender()
    assert await two.sender_elsewhere() and not await one.sender_elsewhere()

    await one.close()  # its connection closes, as when the process dies

    assert await two.try_become_sender()
    assert not await one.still_sender()


async def test_a_sender_whose_lock_connection_broke_knows_it_is_no_longer_the_sender(
    pair: tuple[PostgresCoordination, PostgresCoordination],
) -> None:
    one, two = pair
    assert await one.try_become_sender()
    await one.locks._drop()  # the server side of the connection is gone

    assert not await one.still_sender()
    assert await two.try_become_sender()
    assert not await one.try_become_sender()  # a new connection, and the role is taken


async def test_a_chat_is_processed_by_one_process_at_a_time(
    pair: tuple[PostgresCoordination, PostgresCoordination],
) -> None:
    one, two = pair
    inside: list[str] = []
    first_in = asyncio.Event()
    let_go = asyncio.Event()

    async def first() -> None:
        async with one.chat_lock(-100123456789):
            inside.append("one in")
            first_in.set()
            await let_go.wait()
            inside.append("one out")

    async def second() -> None:
        await first_in.wait()
        async with two.chat_lock(-100123456789):
            inside.append("two in")

    async def other_chat() -> None:
        await first_in.wait()
        async with two.chat_lock(42):
            inside.append("other chat")

    tasks = [asyncio.create_task(t()) for t in (first, second, other_chat)]

    async def other_chat_done() -> bool:
        return "other chat" in inside

    await eventually(other_chat_done)  # another chat is not held up
    assert "two in" not in inside
    let_go.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert inside.index("one out") < inside.index("two in")


async def test_claims_of_a_process_that_died_are_told_from_a_live_ones(
    pair: tuple[PostgresCoordination, PostgresCoordination],
) -> None:
    one, two = pair
    tokens = {one.token, two.token, 12345}
    assert await one.alive(tokens) == {one.token, two.token}

    await two.close()

    assert await one.alive(tokens) == {one.token}
    assert owner_token(two.owner) == two.token


async def test_on_sqlite_the_one_process_is_the_sender_and_earlier_claims_are_dead() -> None:
    local = LocalCoordination()
    assert await local.try_become_sender() and await local.still_sender()
    assert not await local.sender_elsewhere()
    assert await local.alive({local.token, 7}) == {local.token}


def test_chat_ids_fold_into_signed_32_bit_keys() -> None:
    for chat in (0, 1, -1, 2**31, -100123456789, 2**52 + 5, -(2**52)):
        assert -(2**31) <= int32_key(chat) < 2**31
    assert int32_key(7) == 7
    assert owner_token("older-host:12") is None and owner_token(None) is None
