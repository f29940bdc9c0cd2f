"""The `lapor-sosial` command as a person at a console uses it (a real subprocess)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.deps import TEST_DATA_KEYS, TEST_KEYRING

ROOT = Path(__file__).resolve().parents[2]


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "TELEGRAM_BOT_TOKEN": "",
        "DATA_KEYS": TEST_DATA_KEYS,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )


def test_regions_search_tolerates_abbreviations(tmp_path: Path) -> None:
    result = run(["regions", "search", "jaksel"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("31.74\t")


def test_regions_search_says_when_nothing_matches(tmp_path: Path) -> None:
    result = run(["regions", "search", "🙂🙂"], tmp_path)
    assert result.returncode == 1
    assert "No kabupaten/kota" in result.stdout


def test_triage_assess_reads_json_lines_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "categories": ["kekerasan_seksual"], "child_age": 4, "region_text": "jaksel"},
        "not json",
        {
            "id": "c",
            "categories": ["penelantaran"],
            "description": "anak tidak dipukul",
            "region_code": "32.73",
        },
    ]
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    result = run(["triage", "assess", "-"], tmp_path, stdin=text + "\n")
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert outputs[0]["id"] == "a" and outputs[0]["urgency"] in ("DARURAT", "TINGGI")
    assert outputs[0]["region_code"] == "31.74"
    assert outputs[1]["line"] == 2 and "error" in outputs[1]
    assert outputs[2]["region_name"] == "Kota Bandung"


def test_an_invalid_rules_file_names_file_line_and_reason(tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    rules.write_text('version = "x"\n[sla.DARURAT\naccept = "15m"\n', encoding="utf-8")
    result = run(["triage", "assess", "--rules", str(rules), "-"], tmp_path, stdin="")
    assert result.returncode == 1
    assert "broken.toml" in result.stderr and "line" in result.stderr
    started = run(["run"], tmp_path, RULES_FILE=str(rules))
    assert started.returncode == 1
    assert "cannot start" in started.stderr and "broken.toml" in started.stderr


def test_production_refuses_the_placeholder_secret(tmp_path: Path) -> None:
    result = run(["migrate"], tmp_path, ENVIRONMENT="production", SECRET_KEY="change-me")
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_development_refuses_the_placeholder_secret_and_says_what_to_do(tmp_path: Path) -> None:
    result = run(["run"], tmp_path, ENVIRONMENT="development", SECRET_KEY="change-me")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "SECRET_KEY is a placeholder" in result.stderr
    assert "var/secret_key" in result.stderr and "token_urlsafe" in result.stderr
    assert not (tmp_path / "var").exists()


def test_create_admin_then_workers_import_all_or_nothing(tmp_path: Path) -> None:
    created = run(["create-admin", "admin"], tmp_path, stdin="correct horse battery\n")
    assert created.returncode == 0, created.stderr
    again = run(["create-admin", "admin"], tmp_path, stdin="another long password\n")
    assert again.returncode == 1 and "Traceback" not in again.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,telegram_user_id,role,region_codes,on_duty,phone\n"
        "Sari,123,worker,31.74,true,081234567890\n"
        "Budi,,boss,99,maybe,abc\n",
        encoding="utf-8",
    )
    refused = run(["workers", "import", str(bad)], tmp_path)
    assert refused.returncode == 1
    assert "bad.csv:3:" in refused.stderr and "Nothing was imported" in refused.stderr
    good = tmp_path / "good.csv"
    good.write_text(
        "name,telegram_user_id,role,region_codes,on_duty,phone\n"
        "Sari,123,worker,31.74,true,081234567890\n"
        "Budi,,supervisor,31,true,\n",
        encoding="utf-8",
    )
    imported = run(["workers", "import", str(good)], tmp_path)
    assert imported.returncode == 0 and "2 new" in imported.stdout
    invite = run(["workers", "invite", "Budi"], tmp_path, TELEGRAM_BOT_USERNAME="lapor_bot")
    assert invite.returncode == 0
    assert "https://t.me/lapor_bot?start=w-" in invite.stdout
    assert "valid until " in invite.stdout


@pytest.mark.parametrize(
    "args", [["workers", "import", "missing.csv"], ["triage", "assess", "missing.jsonl"]]
)
def test_a_missing_file_is_a_plain_message(tmp_path: Path, args: list[str]) -> None:
    result = run(args, tmp_path)
    assert result.returncode == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_block_and_unblock_a_reporter(tmp_path: Path) -> None:
    blocked = run(["reporters", "block", "1001"], tmp_path)
    assert blocked.returncode == 0 and "blocked" in blocked.stdout
    allowed = run(["reporters", "unblock", "1001"], tmp_path)
    assert allowed.returncode == 0 and "allowed again" in allowed.stdout


def test_override_of_an_unknown_case_says_so(tmp_path: Path) -> None:
    run(["migrate"], tmp_path)
    result = run(
        ["triage", "override", "LS-AAAA-BBBB", "DARURAT", "--reason", "ditelepon ulang"], tmp_path
    )
    assert result.returncode == 1
    assert "no case LS-AAAA-BBBB" in result.stderr


def test_triage_compare_reads_json_lines(tmp_path: Path) -> None:
    stricter = tmp_path / "stricter.toml"
    default = (ROOT / "triage" / "rules" / "default.toml").read_text(encoding="utf-8")
    stricter.write_text(default.replace('version = "', 'version = "stricter-', 1), encoding="utf-8")
    lines = [
        json.dumps({"id": "a", "categories": ["kekerasan_fisik"], "description": "dipukul"}),
        "not json",
    ]
    result = run(["triage", "compare", "--rules", str(stricter), "-"], tmp_path, "\n".join(lines))
    error, summary = (json.loads(line) for line in result.stdout.splitlines())
    assert result.returncode == 1
    assert error["line"] == 2 and "JSON" in error["error"]
    assert summary["total"] == 1 and summary["new_version"].startswith("stricter-")


def corpus_line(report_id: str, expected: str, danger: bool) -> str:
    """A report whose level the guideline fixes: danger now is DARURAT, nothing is RENDAH."""
    report = {"categories": ["lainnya"], "immediate_danger": "yes" if danger else "no"}
    data = {"id": report_id, "expected": expected, "rationale": "rule", "input": report}
    return json.dumps(data)


HITS = [corpus_line("d-1", "DARURAT", True), corpus_line("r-1", "RENDAH", False)]
UNDER = corpus_line("d-2", "DARURAT", False)  # labelled DARURAT, assessed RENDAH


@pytest.mark.parametrize(
    ("lines", "gates", "status"),
    [
        (HITS, ["--fail-under-recall", "DARURAT=1.0", "--max-under-triage", "0.03"], 0),
        ([*HITS, UNDER], [], 0),  # no gate, no failure
        ([*HITS, UNDER], ["--fail-under-recall", "DARURAT=1.0"], 1),
        ([*HITS, UNDER], ["--fail-under-recall", "RENDAH=1,DARURAT=0.5"], 0),
        ([*HITS, UNDER], ["--max-under-triage", "0.03"], 1),
        ([*HITS, UNDER], ["--max-under-triage", "1/3"], 0),
        ([*HITS, "not json"], ["--fail-under-recall", "DARURAT=1.0"], 2),  # unreadable wins
        ([*HITS, UNDER], ["--fail-under-recall", "DARURAT"], 2),  # a usage error
    ],
)
def test_triage_evaluate_gates_set_the_exit_status(
    tmp_path: Path, lines: list[str], gates: list[str], status: int
) -> None:
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["triage", "evaluate", str(corpus), *gates], tmp_path)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    if status != 2 or "not json" in lines:
        assert "confusion matrix (rows expected, columns got):" in result.stdout


def test_triage_evaluate_prints_json_reads_stdin_and_several_files(tmp_path: Path) -> None:
    (tmp_path / "holdout.jsonl").write_text(UNDER + "\n", encoding="utf-8")
    args = ["triage", "evaluate", "-", "holdout.jsonl", "--json", "--lang", "en"]
    result = run([*args, "--fail-under-recall", "DARURAT=1"], tmp_path, stdin="\n".join(HITS))
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["total"] == 3 and data["matrix"]["DARURAT"]["RENDAH"] == 1
    assert [m["id"] for m in data["misses"]] == ["d-2"]
    assert data["misses"][0]["reasons"][0]["text"] == "Reported: other concern"
    assert data["gates"][0]["gate"] == "recall DARURAT" and data["gates"][0]["passed"] is False


@pytest.mark.parametrize(
    "args",
    [
        ["missing.jsonl"],
        ["--rules", "missing.toml", "-"],
        ["--from-overrides", "dev.jsonl"],
        [],
    ],
)
def test_triage_evaluate_cannot_read_its_input(tmp_path: Path, args: list[str]) -> None:
    result = run(["triage", "evaluate", *args], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lapor-sosial: ") and "Traceback" not in result.stderr


def test_triage_evaluate_from_overrides_with_no_override_measures_nothing(
    tmp_path: Path,
) -> None:
    run(["migrate"], tmp_path)
    plain = run(["triage", "evaluate", "--from-overrides"], tmp_path)
    assert plain.returncode == 0 and "0 overridden cases" in plain.stdout
    gated = run(["triage", "evaluate", "--from-overrides", "--max-under-triage", "0"], tmp_path)
    assert gated.returncode == 1  # nothing measured cannot pass a gate
    assert "FAIL under-triage" in gated.stdout


def _in_cli_database(tmp_path: Path, work: Any) -> Any:
    """Run `work(deps)` over the CLI's database, in this process."""
    from tests.support.deps import make_deps
    from triage.storage.db import create_engine, create_session_factory
    from triage.storage.uow import UnitOfWorkFactory

    async def go() -> Any:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", keyring=TEST_KEYRING)
        try:
            return await work(make_deps(UnitOfWorkFactory(create_session_factory(engine))))
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _workers(tmp_path: Path) -> dict[int, Any]:
    from sqlmodel import select

    from triage.storage.tables import Worker

    async def read(deps: Any) -> dict[int, Any]:
        async with deps.uow() as uow:
            rows = (await uow.session.exec(select(Worker))).all()
            return {row.id: row for row in rows}

    return _in_cli_database(tmp_path, read)


def test_workers_deactivate_and_unbind_end_access_at_once(tmp_path: Path) -> None:
    from tests.bot.cases import file_case

    staff = tmp_path / "staff.csv"
    staff.write_text(
        "name,telegram_user_id,role,region_codes,on_duty,phone\n"
        "Sari Dewi,123,worker,31.74,true,\n"
        "Budi,124,worker,31.71,true,\n"
        "budi,,worker,32.73,true,\n"
        "Rina,125,supervisor,31,true,\n",
        encoding="utf-8",
    )
    assert run(["workers", "import", str(staff)], tmp_path).returncode == 0
    ids = {(w.name, w.telegram_user_id): w.id for w in _workers(tmp_path).values()}
    sari, budi = ids[("Sari Dewi", 123)], ids[("Budi", 124)]
    other_budi, rina = ids[("budi", None)], ids[("Rina", 125)]
    reference = _in_cli_database(tmp_path, lambda deps: file_case(deps, 9001))

    shared = run(["workers", "unbind", "BUDI"], tmp_path)
    assert shared.returncode == 1 and "several workers are named 'BUDI'" in shared.stderr
    assert f"  {budi}\tBudi\tworker\t31.71" in shared.stderr
    assert f"  {other_budi}\tbudi\tworker\t32.73" in shared.stderr
    guess = run(["workers", "deactivate", "sari", "--reason", "x"], tmp_path)
    assert guess.returncode == 1 and "Did you mean" in guess.stderr
    assert f"  {sari}\tSari Dewi\tworker\t31.74" in guess.stderr
    assert _workers(tmp_path)[sari].active  # nothing was done on a guess

    unbound = run(["workers", "unbind", str(budi)], tmp_path)
    assert unbound.returncode == 0, unbound.stderr
    assert "Budi (worker" in unbound.stdout and "stay active" in unbound.stdout
    row = _workers(tmp_path)[budi]
    assert row.active and row.telegram_user_id is None and row.ended_telegram_user_id == 124
    again = run(["workers", "unbind", f"#{budi}"], tmp_path)
    assert again.returncode == 1 and "no Telegram account" in again.stderr

    blank = run(["workers", "deactivate", "Sari Dewi", "--reason", "  "], tmp_path)
    assert blank.returncode == 1 and "--reason" in blank.stderr
    off = run(["workers", "deactivate", "sari dewi", "--reason", "pindah tugas"], tmp_path)
    assert off.returncode == 0, off.stderr
    assert "their Telegram access has ended" in off.stdout
    assert f"  {reference}\tRina (worker {rina}), province supervisor" in off.stdout
    row = _workers(tmp_path)[sari]
    assert not row.active and row.telegram_user_id is None and row.ended_telegram_user_id == 123
    assert row.deactivation_reason == "pindah tugas"
    twice = run(["workers", "deactivate", str(sari), "--reason", "lagi"], tmp_path)
    assert twice.returncode == 1 and "already deactivated" in twice.stderr
    nobody = run(["workers", "unbind", "999"], tmp_path)
    assert nobody.returncode == 1 and "no worker is named or numbered '999'" in nobody.stderr
    outputs = shared.stderr + guess.stderr + again.stderr + twice.stderr + nobody.stderr
    assert "Traceback" not in outputs


def _open_session_for(tmp_path: Path, username: str) -> str:
    """A logged-in browser's session for the account, written to the CLI's database."""
    from datetime import UTC, datetime

    from sqlmodel import select

    from tests.support.deps import make_deps
    from triage.services.staff.sessions import ClientInfo, SessionPolicy, open_session
    from triage.storage.db import create_engine, create_session_factory
    from triage.storage.tables import StaffUser
    from triage.storage.uow import UnitOfWorkFactory

    async def go() -> str:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", keyring=TEST_KEYRING)
        try:
            deps = make_deps(UnitOfWorkFactory(create_session_factory(engine)))
            async with deps.uow() as uow:
                user = (
                    await uow.session.exec(select(StaffUser).where(StaffUser.username == username))
                ).one()
            now = datetime.now(UTC)
            return await open_session(deps, user.id or 0, {}, ClientInfo(), now, SessionPolicy())
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _session_alive(tmp_path: Path, token: str) -> bool:
    from datetime import UTC, datetime

    from tests.support.deps import make_deps
    from triage.services.staff.sessions import SessionPolicy, resume_session
    from triage.storage.db import create_engine, create_session_factory
    from triage.storage.uow import UnitOfWorkFactory

    async def go() -> bool:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", keyring=TEST_KEYRING)
        try:
            deps = make_deps(UnitOfWorkFactory(create_session_factory(engine)))
            found = await resume_session(deps, token, datetime.now(UTC), SessionPolicy())
            return found is not None
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_staff_add_set_password_deactivate_list(tmp_path: Path) -> None:
    added = run(
        ["staff", "add", "sari.bandung", "--regions", "32.73"],
        tmp_path,
        stdin="kata sandi panjang\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Created supervisor 'sari.bandung'" in added.stdout
    again = run(
        ["staff", "add", "Sari.Bandung", "--regions", "32"], tmp_path, stdin="kata sandi panjang\n"
    )
    assert again.returncode == 1
    assert "lapor-sosial staff set-password sari.bandung" in again.stderr
    hint = again.stderr.split("lapor-sosial staff ")[-1].split()[0]
    assert hint in run(["staff", "--help"], tmp_path).stdout  # the command it names exists

    token = _open_session_for(tmp_path, "sari.bandung")
    changed = run(
        ["staff", "set-password", "sari.bandung", "--forget-2fa"],
        tmp_path,
        stdin="sandi baru yang panjang\n",
    )
    assert changed.returncode == 0, changed.stderr
    assert not _session_alive(tmp_path, token)  # the new password ends every session

    token = _open_session_for(tmp_path, "sari.bandung")
    off = run(["staff", "deactivate", "sari.bandung"], tmp_path)
    assert off.returncode == 0 and "deactivated" in off.stdout
    assert not _session_alive(tmp_path, token)
    listed = run(["staff", "list"], tmp_path)
    assert "sari.bandung\tsupervisor\t32.73\tdeactivated" in listed.stdout
    assert run(["staff", "activate", "sari.bandung"], tmp_path).returncode == 0
    assert "sari.bandung\tsupervisor\t32.73\tactive" in run(["staff", "list"], tmp_path).stdout


def test_staff_commands_explain_mistakes(tmp_path: Path) -> None:
    short = run(["staff", "add", "budi", "--role", "admin"], tmp_path, stdin="short\n")
    assert short.returncode == 1 and "at least 10" in short.stderr
    missing = run(["staff", "set-password", "nobody"], tmp_path, stdin="long enough password\n")
    assert missing.returncode == 1 and "no staff user named 'nobody'" in missing.stderr
    unknown_region = run(
        ["staff", "add", "eko", "--regions", "99.99"], tmp_path, stdin="long enough password\n"
    )
    assert unknown_region.returncode == 1 and "99.99" in unknown_region.stderr
    assert run(["create-admin", "root"], tmp_path, stdin="long enough password\n").returncode == 0
    last = run(["staff", "deactivate", "root"], tmp_path)
    assert last.returncode == 1 and "last active admin" in last.stderr
    assert "Traceback" not in short.stderr + missing.stderr + last.stderr


def test_output_read_only_in_part_ends_quietly(tmp_path: Path) -> None:
    """`lapor-sosial triage assess … | head -1`: the reader goes, no traceback follows (the
    output is larger than a pipe holds, so the writer meets the closed pipe)."""
    corpus = ROOT / "tests" / "data" / "triage" / "dev.jsonl"
    reports = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps({"id": r["id"], **r["input"]}) for r in reports]
    (tmp_path / "reports.jsonl").write_text("\n".join(lines * 4) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "triage", "assess", "reports.jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": ""},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b'{"id": "dev-0001"')
    process.stdout.close()
    assert process.wait(timeout=120) == 141
    assert b"Traceback" not in process.stderr.read()
