"""Case references like LS-7KQ2-M9XD: random, not sequential, easy to read aloud. Stdlib only."""

from __future__ import annotations

import re

# Crockford's base32 without I, L, O, U: no letters that pass for digits or spell words.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PATTERN = re.compile(rf"^LS-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
RANDOM_BYTES = 5  # 40 bits: eight base32 characters


def format_reference(random_bytes: bytes) -> str:
    """Turn 5 random bytes into LS-XXXX-XXXX."""
    if len(random_bytes) != RANDOM_BYTES:
        raise ValueError(f"need {RANDOM_BYTES} random bytes")
    number = int.from_bytes(random_bytes, "big")
    chars = [ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5)]
    return f"LS-{''.join(chars[:4])}-{''.join(chars[4:])}"


def normalise_reference(text: str) -> str | None:
    """Accept what people type ("ls 7kq2m9xd", "LS-7KQ2-M9XD") and return the canonical form."""
    compact = re.sub(r"[\s\-_.]", "", text.upper().replace("O", "0").replace("I", "1"))
    compact = compact.replace("L", "1")
    if compact.startswith("15") or compact.startswith(
        "LS"
    ):  # "LS" became "15" through the look-alike mapping
        compact = compact[2:]
    candidate = f"LS-{compact[:4]}-{compact[4:]}"
    return candidate if _PATTERN.match(candidate) else None
