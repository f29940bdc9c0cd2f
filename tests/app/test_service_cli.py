"""`lapor-sosial services import`: every bad line with its number and nothing imported, then
the shipped template and a good file."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_cli import run

TEMPLATE = Path(__file__).parents[2] / "triage" / "data" / "services" / "services-template.csv"


def test_services_import_reports_each_bad_line_then_imports(tmp_path: Path) -> None:
    header = TEMPLATE.read_text(encoding="utf-8").strip()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"{header}\n"
        "UPTD PPA Jakarta Selatan,uptd_ppa,31.74,,,,,,\n"
        "UPTD PPA Jakarta Selatan,uptd_ppa,31.71,,,,,,\n"
        "Polres X,unit_ppa_polres,31.99,,,,,,\n"
        "Puskesmas Y,puskesmas,31.74,,not a phone,,,,\n"
        ",lksa,31.74,,,,,,\n",
        encoding="utf-8",
    )
    refused = run(["services", "import", str(bad)], tmp_path)
    assert refused.returncode == 1, refused.stderr
    for line in (3, 4, 5, 6):
        assert f"bad.csv:{line}:" in refused.stderr
    assert "bad.csv:2:" not in refused.stderr and "Nothing was imported" in refused.stderr

    assert run(["services", "import", str(TEMPLATE)], tmp_path).stdout.startswith(
        "Imported services: 0 new"
    )
    good = tmp_path / "good.csv"
    good.write_text(f"{header}\nUPTD PPA Jakarta Selatan,uptd_ppa,31.74,,021-555-0101,,,,\n")
    imported = run(["services", "import", str(good)], tmp_path)
    assert imported.returncode == 0 and "1 new, 0 updated" in imported.stdout
    missing = run(["services", "import", "missing.csv"], tmp_path)
    assert missing.returncode == 1 and "no such file" in missing.stderr
