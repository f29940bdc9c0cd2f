"""The signature a partner checks (docs/partners.md shows the same computation)."""

from __future__ import annotations

import hashlib
import hmac

from triage.domain.partners.signing import signature, signature_valid

SECRET = "lsw_example-secret"
BODY = b'{"event":"case.created"}'


def test_the_signature_is_hmac_sha256_over_the_timestamp_and_the_body() -> None:
    expected = hmac.new(SECRET.encode(), b"1764400000." + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, 1764400000, BODY) == f"sha256={expected}"


def test_any_change_breaks_it() -> None:
    sent = signature(SECRET, 1764400000, BODY)
    assert signature_valid(SECRET, 1764400000, BODY, sent)
    assert not signature_valid(SECRET, 1764400001, BODY, sent)
    assert not signature_valid(SECRET, 1764400000, BODY + b" ", sent)
    assert not signature_valid(SECRET + "x", 1764400000, BODY, sent)
    assert not signature_valid(SECRET, 1764400000, BODY, sent.upper())
