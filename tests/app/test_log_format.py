"""LOG_FORMAT=json: one JSON object per line with the same fields every time."""

from __future__ import annotations

import json
import logging
import sys

from app.log_format import JsonFormatter, formatter


def record(message: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord(
        "bot.sender",
        logging.WARNING,
        "sender.py",
        1,
        message,
        args,
        exc_info,  # type: ignore[arg-type]
    )


def test_a_record_is_one_line_of_json_with_fixed_fields() -> None:
    line = JsonFormatter().format(record("outbox message %s undeliverable:\n%s", 7, "blocked"))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry.keys() == {"time", "level", "logger", "message"}
    assert (entry["level"], entry["logger"]) == ("WARNING", "bot.sender")
    assert entry["message"] == "outbox message 7 undeliverable:\nblocked"
    assert entry["time"].endswith("+00:00")


def test_an_exception_is_kept_in_its_own_field() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        line = JsonFormatter().format(record("failed", exc_info=sys.exc_info()))

    entry = json.loads(line)
    assert entry["message"] == "failed"
    assert entry["exception"].startswith("Traceback") and "RuntimeError" in entry["exception"]


def test_text_stays_the_default_shape() -> None:
    line = formatter("text").format(record("sent %s", 3))

    assert line.endswith(" WARNING bot.sender: sent 3")
    assert isinstance(formatter("json"), JsonFormatter)
