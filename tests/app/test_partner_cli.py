"""`lapor-sosial partners add|list|revoke|webhook` at a console (a real subprocess); the token
it prints opens the API, and only its hash is stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.app.test_cli import run
from triage.services.partners.tokens import token_hash


def _printed_secret(stdout: str) -> str:
    return stdout.strip().splitlines()[-1]


def test_add_list_webhook_revoke(tmp_path: Path) -> None:
    added = run(["partners", "add", "Dinsos Jabar", "--regions", "32,31.74", "--scope",
                 "cases,pii", "--expires", "90d"], tmp_path)  # fmt: skip
    assert added.returncode == 0, added.stderr
    token = _printed_secret(added.stdout)
    assert token.startswith("lsp_") and len(token) > 40

    hooked = run(["partners", "webhook", "Dinsos Jabar", "https://partner.example/hook"], tmp_path)
    assert hooked.returncode == 0, hooked.stderr
    secret = _printed_secret(hooked.stdout)
    listed = run(["partners", "list"], tmp_path)
    revoked = run(["partners", "revoke", "Dinsos Jabar"], tmp_path)
    after = run(["partners", "list"], tmp_path)

    assert listed.stdout.startswith("Dinsos Jabar\tcases,pii\t31.74;32\tactive until ")
    assert "webhook https://partner.example/hook" in listed.stdout
    assert token not in listed.stdout and secret not in listed.stdout
    assert revoked.returncode == 0
    assert "\trevoked " in after.stdout
    with sqlite3.connect(tmp_path / "cli.db") as db:
        stored = db.execute("SELECT token_hash, webhook_secret FROM partner").fetchall()
        audited = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert stored[0][0] == token_hash(token)
    assert secret not in str(stored)  # sealed at rest
    assert audited == ["partner_added", "partner_webhook_set", "partner_revoked"]


def test_partner_commands_explain_mistakes(tmp_path: Path) -> None:
    cases = {
        ("add", "x", "--regions", "32", "--scope", "pii"): "only with the cases scope",
        ("add", "x", "--regions", "99.99", "--scope", "stats"): "unknown region codes: 99.99",
        ("add", "x", "--regions", "jabar", "--scope", "stats"): "not a province",
        ("add", "x", "--regions", "32", "--scope", "stats", "--expires", "1y"): "h, d or w",
        ("revoke", "nobody"): "no partner of that name",
        ("webhook", "nobody"): "give the URL, or --remove",
    }
    for args, words in cases.items():
        result = run(["partners", *args], tmp_path)
        assert result.returncode != 0, args
        assert words in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr

    run(["partners", "add", "counts", "--regions", "32", "--scope", "stats"], tmp_path)
    again = run(["partners", "add", "counts", "--regions", "32", "--scope", "stats"], tmp_path)
    webhook = run(["partners", "webhook", "counts", "https://partner.example/h"], tmp_path)
    assert "exists" in again.stderr
    assert "needs the cases scope" in webhook.stderr
