"""AES-256-GCM for single values, under a keyring of named data keys. No database here.

A sealed value is text: `v1:<key id>:<base64url(nonce + ciphertext + tag)>`, with a fresh
96-bit random nonce per value. The associated data names the column (`report.description`),
so a value copied into another column does not open. The key id travels with each value:
the current key seals, every key in the ring opens, and rotation re-seals what an older key
sealed.

A data key is given as text (at least 32 random characters, as SECRET_KEY); the AES key is
derived from it with HKDF-SHA256, so the text never meets the cipher directly.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = "v1"
PREFIX = VERSION + ":"
NONCE_BYTES = 12
KEY_ID_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,16}")
MIN_KEY_TEXT = 32
HKDF_INFO = b"lapor-sosial data key v1"


class DataKeyError(ValueError):
    """A data key is missing, malformed or too weak; the message says what to set (never the
    key itself)."""


class SealedValueError(ValueError):
    """A stored value cannot be opened: not sealed, an unknown key id, or tampered with."""


def derive_key(key_text: str) -> bytes:
    """The 256-bit AES key for a data key's text."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO)
    return hkdf.derive(key_text.encode("utf-8"))


@dataclass(frozen=True)
class Keyring:
    """The current key id (it seals) and every key that may open (id → AES key).

    `repr` never shows the keys."""

    current: str
    keys: Mapping[str, bytes] = field(repr=False)

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise DataKeyError(f"the current data key {self.current!r} is not in the keyring")
        for key_id in self.keys:
            if not KEY_ID_SHAPE.fullmatch(key_id):
                raise DataKeyError(f"data key id {key_id!r}: use 1 to 16 of A-Z, a-z, 0-9, _ and -")

    @classmethod
    def of(cls, current: str, texts: Mapping[str, str]) -> Keyring:
        """A keyring from key texts by id."""
        return cls(current, {key_id: derive_key(text) for key_id, text in texts.items()})

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.keys)

    def seal(self, plaintext: str, context: str) -> str:
        """`plaintext` sealed under the current key, bound to `context` (the column)."""
        nonce = os.urandom(NONCE_BYTES)
        box = AESGCM(self.keys[self.current])
        sealed = box.encrypt(nonce, plaintext.encode("utf-8"), _aad(self.current, context))
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
        return f"{PREFIX}{self.current}:{body}"

    def open(self, value: str, context: str) -> str:
        """The plaintext of a sealed value. Raises SealedValueError."""
        if not is_sealed(value):
            raise SealedValueError(f"a value in {context} is not encrypted")
        key_id, body = _parts(value)
        key = self.keys.get(key_id)
        if key is None:
            raise SealedValueError(
                f"a value in {context} was sealed with data key {key_id!r}, which is not in "
                "DATA_KEYS: add it back (as an older key) until `lapor-sosial keys rotate` "
                "has re-sealed every value"
            )
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except ValueError as exc:
            raise SealedValueError(f"a value in {context} is damaged") from exc
        try:
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(key_id, context))
        except InvalidTag as exc:
            raise SealedValueError(
                f"a value in {context} does not open: damaged, or moved from another column"
            ) from exc
        return plain.decode("utf-8")


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX) and value.count(":") >= 2


def key_id_of(value: str) -> str:
    """The id of the key that sealed `value`. Raises SealedValueError."""
    return _parts(value)[0]


def _parts(value: str) -> tuple[str, str]:
    if not is_sealed(value):
        raise SealedValueError("the stored value is not sealed")
    _, key_id, body = value.split(":", 2)
    return key_id, body


def _aad(key_id: str, context: str) -> bytes:
    return f"{VERSION}|{key_id}|{context}".encode()


def parse_data_keys(text: str) -> dict[str, str]:
    """`DATA_KEYS` as `id:key,id:key` (the first one seals) → key texts by id, in order.

    Raises DataKeyError naming the entry, never showing a key."""
    keys: dict[str, str] = {}
    for number, entry in enumerate((e.strip() for e in text.split(",")), start=1):
        if not entry:
            continue
        key_id, colon, key_text = entry.partition(":")
        key_id, key_text = key_id.strip(), key_text.strip()
        if not colon or not KEY_ID_SHAPE.fullmatch(key_id):
            raise DataKeyError(
                f"DATA_KEYS entry {number} is not `id:key` with an id of 1 to 16 of A-Z, a-z, "
                "0-9, _ and -"
            )
        if key_id in keys:
            raise DataKeyError(f"DATA_KEYS names the key id {key_id!r} twice")
        keys[key_id] = key_text
    if not keys:
        raise DataKeyError("DATA_KEYS holds no key")
    return keys
