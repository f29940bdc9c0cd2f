"""The bot implements the services' outbox port completely, with the Protocol's signatures."""

from __future__ import annotations

import inspect

from bot.messages import TelegramMessages
from tests.bot.messages.support import messages
from triage.services.outbox.port import OutboxMessages


def _members(cls: type) -> set[str]:
    return {name for name, value in vars(cls).items() if inspect.isfunction(value)}


def test_every_port_method_is_implemented_with_the_same_signature() -> None:
    wanted = _members(OutboxMessages) - {"__init__"}
    assert wanted, "the port declares its methods"
    assert wanted <= _members(TelegramMessages)
    for name in wanted:
        port, bot = getattr(OutboxMessages, name), getattr(TelegramMessages, name)
        assert inspect.signature(port) == inspect.signature(bot), name


def test_the_bot_class_names_the_port_as_its_base() -> None:
    """So mypy refuses to build it while a port method is missing (app/bootstrap.py wires it)."""
    built: OutboxMessages = messages()
    assert OutboxMessages in type(built).__mro__
