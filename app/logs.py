"""Logging for the process: at any LOG_LEVEL, logs carry no message text, names, phone
numbers or the bot token.

Two guards. Only our own packages follow LOG_LEVEL: libraries log warnings and errors only,
because at DEBUG python-telegram-bot logs every update (the reporter's words, name and phone)
and the token, httpx logs URLs that contain the token, and the database drivers log query
parameters. And every log record, from any logger and for any handler, has the bot token,
and anything shaped like a bot token, replaced while it is made.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from app.log_format import formatter

OWN_LOGGERS = ("app", "bot", "triage", "admin", "alembic")
QUIET_LIBRARIES = (
    "telegram",
    "httpx",
    "httpcore",
    "aiohttp",
    "aiosqlite",
    "sqlalchemy",
    "asyncpg",
    "apscheduler",
)
REDACTED = "[redacted]"
# A bot token: the bot's numeric id, a colon, 35 URL-safe characters (also inside ".../bot<token>/").
BOT_TOKEN_SHAPE = re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}")
SHORTEST_SECRET = 8  # shorter "secrets" would blank out ordinary words

RecordFactory = Callable[..., logging.LogRecord]


def configure_logging(level: str, secrets: Iterable[str] = (), log_format: str = "text") -> None:
    """Log to stderr at `level` for our packages, warnings up for libraries, as text lines or
    JSON objects (LOG_FORMAT); redact `secrets`."""
    wanted = logging.getLevelName(level.upper())
    if not isinstance(wanted, int):
        wanted = logging.INFO
    quiet = max(wanted, logging.WARNING)
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(log_format))
    logging.basicConfig(level=quiet, handlers=[handler])
    logging.getLogger().setLevel(quiet)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(wanted)
    for name in QUIET_LIBRARIES:  # even when a root logger is set lower elsewhere
        logging.getLogger(name).setLevel(quiet)
    redact_records(secrets)
    logging.getLogger(__name__).debug(
        "%s for %s; libraries log warnings and errors only; bot tokens are redacted",
        logging.getLevelName(wanted),
        ", ".join(OWN_LOGGERS),
    )


def redact_records(secrets: Iterable[str]) -> None:
    """From now on every log record is made with `secrets` and bot tokens taken out."""
    current = logging.getLogRecordFactory()
    base = current.base if isinstance(current, RedactingFactory) else current
    logging.setLogRecordFactory(RedactingFactory(base, secrets))


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return BOT_TOKEN_SHAPE.sub(REDACTED, text)


class RedactingFactory:
    """A log record factory that redacts the message, its arguments and any traceback."""

    def __init__(self, base: RecordFactory, secrets: Iterable[str]) -> None:
        self.base = base
        self.secrets = tuple(s for s in secrets if len(s) >= SHORTEST_SECRET)

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.base(*args, **kwargs)
        self._redact_message(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
            record.exc_info = None  # formatters print exc_text; none may print the raw one
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return record

    def _redact_message(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not break the caller
            message = f"{record.msg} (unformattable arguments dropped)"
        record.msg, record.args = redact(message, self.secrets), None
