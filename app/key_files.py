"""Named keys kept as private files in the local state folder `var/`: made once, then reused.

Development's SECRET_KEY lives here when the environment sets none; another key (say, one
for data encryption) is one more name. Files are 0600 in a 0700 folder, created atomically,
so two processes starting at once end up with the same key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

VAR_DIR = Path("var")
KEY_BYTES = 48  # 64 URL-safe characters
MIN_KEY_LENGTH = 32
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


class KeyFileError(Exception):
    """A key file cannot be made or read; the message names the file and what to do."""


def load_or_create_key(name: str, directory: Path = VAR_DIR) -> str:
    """The key stored as `directory/name`, made with a fresh random value if missing."""
    path = private_folder(directory) / name
    try:
        if not path.exists():
            _create(path)
        make_private(path, PRIVATE_FILE)
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeError) as exc:
        raise KeyFileError(f"cannot read or create the key file {path}: {exc}") from exc
    if len(key) < MIN_KEY_LENGTH:
        raise KeyFileError(
            f"the key file {path} is empty or damaged. If nothing was ever protected with it, "
            "delete it and start again to make a new one; otherwise restore it from a backup."
        )
    return key


def private_folder(directory: Path) -> Path:
    """`directory`, made if missing, readable by this user only."""
    try:
        directory.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        make_private(directory, PRIVATE_FOLDER)
    except OSError as exc:
        raise KeyFileError(f"cannot make the folder {directory} private: {exc}") from exc
    return directory


def make_private(path: Path, mode: int) -> None:
    """Take away group and other access (an older start may have left it readable)."""
    if path.stat().st_mode & 0o077:
        path.chmod(mode)


def _create(path: Path) -> None:
    """Write a new key beside `path`, then link it into place: never replaces one that a
    process starting at the same moment made first, and is never seen half written."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(KEY_BYTES) + "\n")
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # another process won: its key is the one
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
