"""The files port over the Bot API, against the stand-in: getFile, then the download in chunks;
every failure is FileUnavailable with a short code, and the token never reaches a log or an
error."""

from __future__ import annotations

import logging
import traceback
from collections.abc import AsyncIterator

import pytest

from app.telegram_files import CHUNK_BYTES, BotApiFiles
from tests.support.botapi_stub import BotApiStub
from tests.support.stub_methods import MAX_DOWNLOAD_BYTES
from triage.services.files.port import FileUnavailable

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 700  # a bit over two chunks


@pytest.fixture
async def stub() -> AsyncIterator[BotApiStub]:
    async with BotApiStub() as started:
        yield started


@pytest.fixture
async def files(stub: BotApiStub) -> AsyncIterator[BotApiFiles]:
    source = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
    yield source
    await source.close()


async def _read(files: BotApiFiles, file_id: str) -> tuple[int | None, bytes, int]:
    async with files.open(file_id) as fetched:
        chunks = [chunk async for chunk in fetched.chunks]
    return fetched.size, b"".join(chunks), len(chunks)


async def test_a_file_the_reporter_sent_is_fetched_by_its_file_id(
    stub: BotApiStub, files: BotApiFiles
) -> None:
    reporter = stub.private_user(9001)
    await reporter.send_photo("AgACAgPhoto-1", content=PHOTO)
    await reporter.send_voice("AwACAgVoice-2")

    size, body, chunks = await _read(files, "AgACAgPhoto-1")
    voice = await _read(files, "AwACAgVoice-2")

    assert (size, body) == (len(PHOTO), PHOTO)
    assert chunks >= len(PHOTO) // CHUNK_BYTES
    assert voice[1] == b"OggS-stub"
    assert [call["file_id"] for call in stub.calls_to("getFile")] == [
        "AgACAgPhoto-1",
        "AwACAgVoice-2",
    ]


@pytest.mark.parametrize(
    ("arrange", "reason"),
    [
        (lambda stub: None, "getfile_refused_400"),  # an id Telegram does not know
        (lambda stub: stub.fail_next("getFile", error_code=502), "getfile_refused_502"),
        (lambda stub: stub.fail_next("getFile", retry_after=3), "getfile_refused_429"),
        (
            lambda stub: stub.register_file("AgAC-big", b"x" * (MAX_DOWNLOAD_BYTES + 1)),
            "getfile_refused_400",
        ),
    ],
    ids=["unknown", "bad-gateway", "flood", "too-big"],
)
async def test_what_telegram_refuses_is_unavailable(
    stub: BotApiStub, files: BotApiFiles, arrange, reason: str
) -> None:
    arrange(stub)
    file_id = "AgAC-big" if stub.files else "AgAC-unknown"
    with pytest.raises(FileUnavailable) as refused:
        await _read(files, file_id)
    assert refused.value.reason == reason


async def test_a_wrong_token_or_a_stopped_api_is_unavailable_without_the_token(
    stub: BotApiStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    stub.register_file("AgAC-1", b"bytes")
    wrong = BotApiFiles("999:WRONG-TOKEN-SECRET", stub.base_url, stub.base_file_url)
    right = BotApiFiles(stub.token, stub.base_url, stub.base_file_url)
    try:
        with pytest.raises(FileUnavailable) as refused:
            await _read(wrong, "AgAC-1")
        assert refused.value.reason == "getfile_refused_401"
        await stub.stop()
        with pytest.raises(FileUnavailable) as down:
            await _read(right, "AgAC-1")
        assert down.value.reason == "getfile_ClientConnectorError"
    finally:
        await wrong.close()
        await right.close()
    for failure in (refused.value, down.value):
        printed = "".join(traceback.format_exception(failure))  # as a log would print it
        assert stub.token not in printed and "WRONG-TOKEN" not in printed
        assert "127.0.0.1" not in printed  # no URL at all
    assert stub.token not in caplog.text and "WRONG-TOKEN" not in caplog.text
