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


_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_reference(typed: str) -> str | None:
    """Accept what people type ("ls 7kq2m9xd", "LS-7KQ2-M9XD") and return LS-XXXX-XXXX."""
    compact = "".join(ch for ch in typed.upper() if ch not in " -_.")
    if len(compact) == 10 and compact[0] in "L1I" and compact[1] in "S5":
        compact = compact[2:]
    body = compact.translate(_LOOK_ALIKES)
    if len(body) != 8 or any(ch not in ALPHABET for ch in body):
        return None
    return f"LS-{body[:4]}-{body[4:]}"
