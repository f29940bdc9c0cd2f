"""Test support: a Telegram Bot API stand-in over real HTTP and fixtures for it."""
