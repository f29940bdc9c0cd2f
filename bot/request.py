"""AiohttpRequest, PTB's HTTP transport over one aiohttp session; imports no app code."""

from __future__ import annotations

import asyncio
import re

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_TOKEN_IN_URL = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_POOL_TIMEOUT = (
    "Pool timeout: all connections in the pool are busy. The request was not sent to Telegram."
)


def redact(text: str) -> str:
    """Hide a bot token that appears in a URL inside `text`."""
    return _TOKEN_IN_URL.sub("bot<token>", text)


class AiohttpRequest(BaseRequest):
    """A BaseRequest over aiohttp with PTB's four timeouts and a connection limit.

    aiohttp has no write timeout of its own: the write timeout bounds the whole request
    together with the connect and read timeouts (total = connect + write + read when all are
    set). The pool timeout bounds waiting for one of `connection_pool_size` slots.
    Proxy environment variables are not read: pass `proxy` explicitly. Nothing is logged,
    and errors never carry the URL's bot token.
    """

    __slots__ = ("_pool_size", "_proxy", "_session", "_slots", "_timeouts")

    def __init__(
        self,
        *,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._proxy = proxy
        self._timeouts: dict[str, float | None] = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
            "media_write": media_write_timeout,
        }
        self._session: aiohttp.ClientSession | None = None
        self._slots: asyncio.Semaphore | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (PTB adds the long-polling timeout to it for getUpdates)."""
        return self._timeouts["read"]

    async def initialize(self) -> None:
        """Open the session (idempotent)."""
        if self._session is not None and not self._session.closed:
            return
        connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=self._pool_size)
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": self.USER_AGENT}, proxy=self._proxy
        )
        self._slots = asyncio.Semaphore(self._pool_size)

    async def shutdown(self) -> None:
        """Close the session and its connections (idempotent)."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; map aiohttp's failures to TimedOut and NetworkError."""
        if self._session is None or self._slots is None:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        has_files = bool(request_data and request_data.contains_files)
        write_default = self._timeouts["media_write" if has_files else "write"]
        read = self._pick(read_timeout, self._timeouts["read"])
        write = self._pick(write_timeout, write_default)
        connect = self._pick(connect_timeout, self._timeouts["connect"])
        await self._acquire(self._pick(pool_timeout, self._timeouts["pool"]))
        try:
            timeout = _client_timeout(read, write, connect)
            return await self._send(self._session, url, method, request_data, timeout)
        finally:
            self._slots.release()

    @staticmethod
    def _pick(value: ODVInput[float], default: float | None) -> float | None:
        return default if isinstance(value, DefaultValue) else value

    async def _acquire(self, pool_timeout: float | None) -> None:
        assert self._slots is not None
        try:
            async with asyncio.timeout(pool_timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise TimedOut(_POOL_TIMEOUT) from None

    @staticmethod
    async def _send(
        session: aiohttp.ClientSession,
        url: str,
        method: str,
        request_data: RequestData | None,
        client_timeout: aiohttp.ClientTimeout,
    ) -> tuple[int, bytes]:
        try:
            async with session.request(
                method,
                url,
                data=_body(request_data),
                timeout=client_timeout,
                allow_redirects=False,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut(f"Timed out ({type(exc).__name__})") from exc
        except aiohttp.ClientError as exc:
            error = _network_error(exc)
            # Chain the cause only when its text carries no token.
            raise error from (exc if redact(str(exc)) == str(exc) else None)


def _client_timeout(
    read: float | None, write: float | None, connect: float | None
) -> aiohttp.ClientTimeout:
    parts = (read, write, connect)
    total = None if None in parts else sum(p for p in parts if p is not None)
    return aiohttp.ClientTimeout(total=total, connect=connect, sock_connect=connect, sock_read=read)


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Urlencoded parameters, or multipart form data when files are uploaded."""
    if request_data is None:
        return None
    if not request_data.contains_files:
        return request_data.json_parameters or None
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _network_error(exc: aiohttp.ClientError) -> NetworkError:
    """A NetworkError naming the aiohttp failure, with any bot token removed."""
    return NetworkError(f"aiohttp.{type(exc).__name__}: {redact(str(exc))}")
