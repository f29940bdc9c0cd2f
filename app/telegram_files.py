"""The files port over the Bot API: getFile, then the download, streamed in chunks.

The bot token is in the URLs, so nothing here logs a URL or lets an aiohttp error (whose text
names the URL) escape: every failure becomes FileUnavailable with a short code, raised
`from None`. The session is opened on first use and closed by the runtime.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

from triage.services.files.port import FetchedFile, FileUnavailable, TelegramFiles

CHUNK_BYTES = 64 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024  # the most the Bot API lets a bot download
TIMEOUT = aiohttp.ClientTimeout(total=60, connect=10, sock_read=20)
_FAILURES = (aiohttp.ClientError, TimeoutError, ValueError)


class BotApiFiles(TelegramFiles):
    """Fetches files from the Bot API at `api_base_url` and `file_base_url` (which end in
    "/bot", as in TELEGRAM_API_BASE_URL and TELEGRAM_API_FILE_URL)."""

    def __init__(self, token: str, api_base_url: str, file_base_url: str) -> None:
        self._token = token
        self._api = api_base_url
        self._files = file_base_url
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
        return self._session

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    @contextlib.asynccontextmanager
    async def open(self, file_id: str) -> AsyncIterator[FetchedFile]:
        path = await self._file_path(file_id)
        url = f"{self._files}{self._token}/{path}"
        try:
            response = await self._client().get(url, allow_redirects=False)
        except _FAILURES as exc:
            raise FileUnavailable(f"download_{type(exc).__name__}") from None
        try:
            if response.status != 200:
                raise FileUnavailable(f"download_status_{response.status}")
            size = response.content_length
            if size is not None and size > MAX_FILE_BYTES:
                raise FileUnavailable("too_big")
            yield FetchedFile(size, _chunks(response))
        finally:
            response.release()

    async def _file_path(self, file_id: str) -> str:
        """Where the Bot API keeps the file (getFile); refused ids and errors are unavailable."""
        try:
            async with self._client().post(
                f"{self._api}{self._token}/getFile", json={"file_id": file_id}
            ) as response:
                body: Any = await response.json(content_type=None)
        except _FAILURES as exc:
            raise FileUnavailable(f"getfile_{type(exc).__name__}") from None
        result = body.get("result") if isinstance(body, dict) and body.get("ok") else None
        path = result.get("file_path") if isinstance(result, dict) else None
        if not isinstance(path, str) or not path or ".." in path or path.startswith("/"):
            code = body.get("error_code") if isinstance(body, dict) else None
            raise FileUnavailable(f"getfile_refused_{code}" if code else "getfile_refused")
        return path


async def _chunks(response: aiohttp.ClientResponse) -> AsyncIterator[bytes]:
    """The body in chunks, stopped past the Bot API's size limit; errors become FileUnavailable."""
    total = 0
    try:
        async for chunk in response.content.iter_chunked(CHUNK_BYTES):
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise FileUnavailable("too_big")
            yield chunk
    except _FAILURES as exc:
        raise FileUnavailable(f"download_{type(exc).__name__}") from None
