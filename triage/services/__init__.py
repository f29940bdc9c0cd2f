"""Use cases, in feature packages. A public use case takes the one dependencies object
(`common.deps.TriageDeps`) and runs in one unit of work; helpers take the unit of work or its
session. Services return plain data and never build Telegram markup: messages for the outbox
come from the `outbox.port.OutboxMessages` port, which bot/messages implements.
"""
