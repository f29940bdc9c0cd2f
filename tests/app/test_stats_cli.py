"""`lapor-sosial stats` as an operator uses it (a real subprocess on SQLite): CSV and JSON,
small counts hidden, bad options answered plainly."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from tests.app.test_cli import run
from tests.triage.storage.test_migration_0003 import INSERT

PLACED = (
    str(INSERT)
    .replace(":reference", "?")
    .replace("categories,", "categories, kabkota_code,")
    .replace("'[]', 'unknown'", "?, ?, 'unknown'", 1)
)


def _add_reports(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    assert run(["migrate"], tmp_path).returncode == 0
    connection = sqlite3.connect(tmp_path / "cli.db")
    with connection:
        for row in rows:
            connection.execute(PLACED, row)
    connection.close()


def _seed(tmp_path: Path) -> None:
    bandung = [(f"LS-CLI-B{n}", '["kekerasan_fisik"]', "32.73") for n in range(6)]
    jakarta = [(f"LS-CLI-J{n}", '["perdagangan"]', "31.74") for n in range(2)]
    _add_reports(tmp_path, bandung + jakarta)


def test_csv_by_province_and_harm(tmp_path: Path) -> None:
    _seed(tmp_path)
    args = ["stats", "--by", "province,harm", "--period", "month"]
    result = run([*args, "--from", "2026-11-01", "--to", "2026-11-30"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = list(csv.DictReader(io.StringIO(result.stdout)))
    counts = {
        (line["row"], line["column"]): (line["value"], line["hidden"])
        for line in lines
        if line["table"] == "counts"
    }
    assert counts[("31", "tppo")] == ("< 5", "small")
    assert counts[("31", "total")] == ("< 5", "small")
    # Jakarta's total is the grand total less Bandung's: Bandung's is hidden with it, and so
    # on round one cycle, while the grand total stays.
    assert counts[("32", "total")] == ("x", "complement")
    assert counts[("32", "fisik")] == ("x", "complement")
    assert counts[("total", "fisik")] == ("x", "complement")
    assert counts[("total", "total")] == ("8", "")
    assert {line["counted"] for line in lines if line["table"] == "counts"} == {"reports"}
    assert {line["period"] for line in lines if line["table"] == "counts"} == {"2026-11"}
    assert not any(line["value"] in {"1", "2", "3", "4"} for line in lines)


def test_json_counts_children_and_says_so(tmp_path: Path) -> None:
    _seed(tmp_path)
    args = ["stats", "--by", "harm,urgency", "--unit", "children", "--format", "json"]
    result = run([*args, "--from", "2026-01-01", "--to", "2026-12-31"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (table,) = data["counts"]
    assert table["counted"] == "children" and table["period"] == "2026"
    assert table["rows"][0] == "tppo" and table["columns"][2] == "SEDANG"
    assert table["cells"][0][2] == {"value": None, "hidden": "small"}
    assert table["total"] == {"value": 8, "hidden": None}
    assert [t["table"] for t in data["handling"]] == ["closure", "first_contact", "deadlines"]


def test_bad_options_are_plain_messages(tmp_path: Path) -> None:
    for args in (["--by", "province"], ["--by", "sex,sex"], ["--from", "29-11-2026"]):
        result = run(["stats", *args], tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    backwards = run(["stats", "--from", "2026-11-02", "--to", "2026-11-01"], tmp_path)
    assert backwards.returncode == 1 and "--to comes before --from" in backwards.stderr
