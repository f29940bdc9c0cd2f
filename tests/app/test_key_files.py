"""Named keys in var/: made once with private modes, reused, and never two different ones."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.key_files import KeyFileError, load_or_create_key


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_key_is_made_private_once_and_read_afterwards(tmp_path: Path) -> None:
    folder = tmp_path / "var"

    key = load_or_create_key("secret_key", folder)

    assert len(key) >= 48
    assert mode(folder) == 0o700 and mode(folder / "secret_key") == 0o600
    assert load_or_create_key("secret_key", folder) == key
    assert [p.name for p in folder.iterdir()] == ["secret_key"]  # no temporary file left


def test_each_name_is_its_own_key(tmp_path: Path) -> None:
    assert load_or_create_key("secret_key", tmp_path) != load_or_create_key("data_key", tmp_path)


def test_a_folder_and_file_left_readable_by_others_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "var"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "secret_key").write_text("k" * 20 + "0123456789abcdefghij\n")
    (folder / "secret_key").chmod(0o644)

    key = load_or_create_key("secret_key", folder)

    assert key == "k" * 20 + "0123456789abcdefghij"
    assert mode(folder) == 0o700 and mode(folder / "secret_key") == 0o600


def test_a_damaged_key_file_is_reported_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("\n")

    with pytest.raises(KeyFileError, match="secret_key is empty or damaged"):
        load_or_create_key("secret_key", tmp_path)
    assert (tmp_path / "secret_key").read_text() == "\n"


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(lambda _i: load_or_create_key("secret_key", tmp_path), range(32)))
    assert len(keys) == 1
