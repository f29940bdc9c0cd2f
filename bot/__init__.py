"""The Telegram adapter (python-telegram-bot): application (handlers), reporter/ and worker/
(what each side's handlers answer), messages/ (the outbox's words and buttons), callbacks (the
one codec for callback data), sender (drains the outbox), request (the aiohttp transport),
update_processor (chats in parallel, each in order). Calls triage.services, never the tables.
"""
