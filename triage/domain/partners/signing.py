"""The signature on each webhook delivery, as a partner verifies it. Pure.

The signed text is `<timestamp>.<body>`: the Unix time in whole seconds when the delivery
was sent, a dot, and the raw body's bytes. The signature is HMAC-SHA256 under the partner's
webhook secret, in lower-case hex, sent as `X-Lapor-Signature: sha256=<hex>` with the time
in `X-Lapor-Timestamp`. A receiver recomputes it, compares in constant time, and refuses a
timestamp older than a few minutes (a replayed delivery).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Lapor-Signature"
TIMESTAMP_HEADER = "X-Lapor-Timestamp"
EVENT_HEADER = "X-Lapor-Event"
DELIVERY_HEADER = "X-Lapor-Delivery"  # the same on every retry of one delivery
PREFIX = "sha256="


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return PREFIX + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_valid(secret: str, timestamp: int, body: bytes, sent: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body).encode(), sent.encode())
