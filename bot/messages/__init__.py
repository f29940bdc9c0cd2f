"""Every text and keyboard the system sends on its own through the outbox.

`TelegramMessages` implements the services' port (`triage.services.outbox.port`).
"""

from bot.messages.outbox import TelegramMessages

__all__ = ["TelegramMessages"]
