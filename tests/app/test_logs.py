"""Logging at any level: libraries stay at warnings, and no record carries the bot token."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from app.logs import OWN_LOGGERS, QUIET_LIBRARIES, REDACTED, configure_logging

TOKEN = "7712345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"
OTHER_TOKEN = "5550001112:BBFfxT1y2u3i4o5p6a7s8d9f0g1h2j3k4l5"


class Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        formatter = logging.Formatter("%(message)s")
        return "\n".join(formatter.format(r) for r in self.records)


@pytest.fixture
def kept() -> Iterator[Keep]:
    """A handler on the root logger; the logging set-up is put back afterwards."""
    root = logging.getLogger()
    names = [*OWN_LOGGERS, *QUIET_LIBRARIES]
    levels = {name: logging.getLogger(name).level for name in names}
    saved = (logging.getLogRecordFactory(), root.level, list(root.handlers))
    handler = Keep()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        factory, level, handlers = saved
        logging.setLogRecordFactory(factory)
        root.setLevel(level)
        root.handlers[:] = handlers
        for name, old in levels.items():
            logging.getLogger(name).setLevel(old)


def test_debug_is_for_our_packages_only(kept: Keep) -> None:
    configure_logging("DEBUG", secrets=[TOKEN])

    logging.getLogger("bot.sender").debug("ours")
    logging.getLogger("telegram.Bot").debug("Entering: get_updates")
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot.../getMe")
    logging.getLogger("aiosqlite").debug("executing functools.partial(...)")
    logging.getLogger("sqlalchemy.engine.Engine").info("[generated] ('Budi', '0812...')")
    logging.getLogger("some.new.library").info("anything")
    logging.getLogger("telegram.ext.Updater").warning("a warning still shows")

    said = [r.getMessage() for r in kept.records if r.name != "app.logs"]  # it says what it did
    assert said == ["ours", "a warning still shows"]


def test_a_higher_level_quiets_our_packages_too(kept: Keep) -> None:
    configure_logging("ERROR")

    logging.getLogger("app.runtime").warning("hidden")
    logging.getLogger("telegram").warning("hidden")
    logging.getLogger("app.runtime").error("shown")

    assert [r.getMessage() for r in kept.records] == ["shown"]


def test_the_token_and_anything_shaped_like_one_is_blanked_everywhere(kept: Keep) -> None:
    configure_logging("DEBUG", secrets=[TOKEN])
    log = logging.getLogger("telegram.ext.Updater")

    log.error("url %s/bot%s/getUpdates failed", "https://api.telegram.org", TOKEN)
    log.error(f"The token `{TOKEN}` was rejected by the server.")
    log.error("%r", {"other": OTHER_TOKEN})
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage")
    except RuntimeError:
        log.exception("request failed")

    text = kept.text()
    assert TOKEN not in text and OTHER_TOKEN not in text
    assert TOKEN.split(":")[1] not in text  # not even the part after the id
    assert text.count(REDACTED) == 4
    assert "https://api.telegram.org/bot[redacted]/getUpdates" in text
    assert "RuntimeError" in text  # the traceback itself is kept


def test_a_message_with_bad_arguments_does_not_break_the_caller(kept: Keep) -> None:
    configure_logging("INFO", secrets=[TOKEN])

    logging.getLogger("app").error("two %s %s", TOKEN)

    assert kept.records and TOKEN not in kept.text()


def test_ordinary_text_is_left_alone(kept: Keep) -> None:
    configure_logging("INFO", secrets=[TOKEN, "short"])

    logging.getLogger("app").info("outbox message %s sent at 12:30:05; short", 42)

    assert kept.text() == "outbox message 42 sent at 12:30:05; short"
