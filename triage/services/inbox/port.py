"""The port through which the web adapter hands a posted update over, and its answers.

The bot implements it (`bot/webhook.py`); the admin's webhook view only calls it, so neither
imports the other.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol


class UnreadableUpdate(ValueError):
    """The body is JSON but no Telegram update: nothing is stored."""


class Receipt(Enum):
    STORED = "stored"  # written to the inbox; it is processed next
    DUPLICATE = "duplicate"  # this update_id was taken before: not processed again


class UpdateReceiver(Protocol):
    @property
    def accepting(self) -> bool:
        """False before the bot is ready and once it is stopping: Telegram retries later."""
        ...

    async def receive(self, payload: dict[str, Any]) -> Receipt:
        """Store the update, then have it processed. Raises UnreadableUpdate."""
        ...
