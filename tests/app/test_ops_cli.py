"""`lapor-sosial backup` and `lapor-sosial retention` as an operator uses them (a real
subprocess on SQLite): plain messages, exit statuses, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from admin.auth import second_factor_box
from tests.app.test_cli import run
from tests.support.deps import TEST_DATA_KEYS, TEST_KEYRING
from tests.triage.storage.test_migration_0003 import INSERT
from triage.storage.encryption.cipher import Keyring


def _add_reports(tmp_path: Path, *references: str) -> None:
    assert run(["migrate"], tmp_path).returncode == 0
    connection = sqlite3.connect(tmp_path / "cli.db")
    with connection:
        for reference in references:
            connection.execute(str(INSERT).replace(":reference", "?"), (reference,))
    connection.close()


def test_backup_wipe_restore_and_a_refusal_to_overwrite(tmp_path: Path) -> None:
    _add_reports(tmp_path, "LS-CLI-0001", "LS-CLI-0002")
    created = run(["backup", "create", "backups/today.backup"], tmp_path)
    assert created.returncode == 0, created.stderr
    assert "held 2 reports" in created.stdout
    (tmp_path / "cli.db").unlink()
    restored = run(["backup", "restore", "backups/today.backup"], tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "holds 2 reports" in restored.stdout
    again = run(["backup", "restore", "backups/today.backup"], tmp_path)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "already holds 2 reports" in again.stderr and "--replace" in again.stderr
    replaced = run(["backup", "restore", "--replace", "backups/today.backup"], tmp_path)
    assert replaced.returncode == 0 and "holds 2 reports" in replaced.stdout


def test_a_wrong_file_is_a_plain_message(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    result = run(["backup", "restore", "notes.txt"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not a SQLite backup" in result.stderr


def test_retention_run_and_status(tmp_path: Path) -> None:
    _add_reports(tmp_path, "LS-CLI-0003")
    done = run(["retention", "run"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "closed cases anonymised: 0" in done.stdout
    status = run(["retention", "status"], tmp_path, RETENTION_DAYS="400")
    assert status.returncode == 0, status.stderr
    assert "RETENTION_DAYS=400" in status.stdout and "Last run" in status.stdout


def test_a_retention_limit_below_its_floor_is_refused(tmp_path: Path) -> None:
    result = run(["retention", "run"], tmp_path, RETENTION_DAYS="5")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "RETENTION_DAYS" in result.stderr


OLD_KEY = "old-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW_KEY = "new-secret-key-9876543210-zyxwvutsrqponmlkjihgfedcba"


def test_staff_rekey_2fa_moves_authenticators_to_the_new_key(tmp_path: Path) -> None:
    created = run(["create-admin", "admin"], tmp_path, stdin="correct horse battery\n")
    assert created.returncode == 0, created.stderr
    connection = sqlite3.connect(tmp_path / "cli.db")
    with connection:
        secret = second_factor_box(OLD_KEY).encrypt(b"JBSWY3DPEHPK3PXP").decode()
        connection.execute("UPDATE staff_user SET totp_secret = ?", (secret,))
    missing = run(["staff", "rekey-2fa"], tmp_path, SECRET_KEY=NEW_KEY)
    assert missing.returncode == 1 and "OLD_SECRET_KEY" in missing.stderr
    done = run(["staff", "rekey-2fa"], tmp_path, SECRET_KEY=NEW_KEY, OLD_SECRET_KEY=OLD_KEY)
    assert done.returncode == 0, done.stderr
    assert "re-encrypted for the new key: 1" in done.stdout
    stored = connection.execute("SELECT totp_secret FROM staff_user").fetchone()[0]
    connection.close()
    assert second_factor_box(NEW_KEY).decrypt(stored.encode()) == b"JBSWY3DPEHPK3PXP"
    lost = run(["staff", "rekey-2fa"], tmp_path, SECRET_KEY=NEW_KEY + "x", OLD_SECRET_KEY=OLD_KEY)
    assert lost.returncode == 1 and "admin" in lost.stdout and "--forget-2fa" in lost.stdout


NEW_DATA_KEY = "new-data-key-9876543210-zyxwvutsrqponmlkjihgfedcba"


def test_keys_rotate_moves_every_value_to_the_first_key_and_status_shows_it(
    tmp_path: Path,
) -> None:
    assert run(["migrate"], tmp_path).returncode == 0
    _add_reports(tmp_path, "LS-CLI-0004")
    connection = sqlite3.connect(tmp_path / "cli.db")
    with connection:
        sealed = TEST_KEYRING.seal("cerita rahasia", "report.description")
        files = TEST_KEYRING.seal("[]", "report.evidence")
        connection.execute("UPDATE report SET description = ?, evidence = ?", (sealed, files))
    both = f"k2:{NEW_DATA_KEY},{TEST_DATA_KEYS}"
    before = run(["keys", "status"], tmp_path, DATA_KEYS=both)
    assert before.returncode == 0, before.stderr
    assert "Current data key: k2 (keys that can decrypt: k2, test1)" in before.stdout
    assert "report.description: 1 under an older key" in before.stdout
    rotated = run(["keys", "rotate", "--batch", "1"], tmp_path, DATA_KEYS=both)
    assert rotated.returncode == 0, rotated.stderr
    assert "Re-encrypted 2 values (audited); still under an older key: 0." in rotated.stdout
    stored = connection.execute("SELECT description FROM report").fetchone()[0]
    action = connection.execute("SELECT action FROM audit_log").fetchone()[0]
    connection.close()
    assert stored.startswith("v1:k2:") and action == "data_keys_rotated"
    new_only = Keyring.of("k2", {"k2": NEW_DATA_KEY})
    assert new_only.open(stored, "report.description") == "cerita rahasia"
