"""Bearer tokens: 256 random bits, shown once; only their SHA-256 hash is stored."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "lsp_"  # noqa: S105 - a prefix, recognisable in a leaked config file or a secret scanner
MAX_TOKEN_CHARS = 128


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """A token has 256 random bits: a plain hash cannot be guessed back, no slow hash needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_webhook_secret() -> str:
    return "lsw_" + secrets.token_urlsafe(32)
