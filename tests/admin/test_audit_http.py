"""The audit log page and its CSV: what admins see, filters with errors beside the fields,
formula-safe cells, escaped text; and the existing views and changes audited with an address."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import col, select

from tests.admin.seed import csrf_from, log_in, seed_reports
from tests.support.deps import make_deps
from triage.domain.retention import RetentionPolicy
from triage.services.retention.run import run_retention
from triage.storage.tables import AuditLog
from triage.storage.uow import UnitOfWorkFactory

Client = TestClient[web.Request, web.Application]
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
CASE_IN_BANDUNG = "LS-AUDT-0101"


async def _add(uow_factory: UnitOfWorkFactory, *rows: AuditLog) -> None:
    async with uow_factory() as uow:
        uow.session.add_all(rows)
        await uow.commit()


async def _rows(uow_factory: UnitOfWorkFactory) -> list[AuditLog]:
    async with uow_factory() as uow:
        return list((await uow.session.exec(select(AuditLog).order_by(col(AuditLog.id)))).all())


async def test_views_changes_and_refusals_are_audited_with_the_source_address(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, [(CASE_IN_BANDUNG, "32.73", "SEDANG", None)])
    await log_in(client, "spv.bandung")
    page = await (await client.get(f"/reports/{CASE_IN_BANDUNG}")).text()
    await client.post(
        f"/reports/{CASE_IN_BANDUNG}/urgency",
        data={"csrf_token": csrf_from(page), "urgency": "TINGGI", "reason": "Anak sendirian"},
    )
    await log_in(client, "admin")

    rows = await _rows(uow_factory)

    actions = [row.action for row in rows]
    assert actions[:4] == ["login", "view_case", "urgency_override", "view_case"]
    assert {row.source_address for row in rows} == {"127.0.0.1"}


async def test_the_admin_sees_who_did_what_when_and_from_where(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await seed_reports(uow_factory, [(CASE_IN_BANDUNG, "32.73", "SEDANG", None)])
    await log_in(client, "spv.bandung")
    await client.get(f"/reports/{CASE_IN_BANDUNG}")
    await log_in(client)

    html = await (await client.get("/audit")).text()

    assert "Log audit" in html
    assert "Membuka kasus" in html and "spv.bandung" in html
    assert f'href="/reports/{CASE_IN_BANDUNG}"' in html
    assert "127.0.0.1" in html
    assert "Masuk" in html


async def test_filters_by_user_action_dates_and_reference(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _add(
        uow_factory,
        AuditLog(at=T0 - timedelta(days=3), actor="budi", action="login", detail={"n": "old"}),
        AuditLog(at=T0, actor="budi", action="logout", detail={"n": "today"}),
    )
    await log_in(client)

    by_user = await (await client.get("/audit?user=budi")).text()
    by_date = await (await client.get("/audit?user=budi&from=2026-11-22&to=2026-11-23")).text()
    by_action = await (await client.get("/audit?action=logout")).text()

    assert "n=old" in by_user and "n=today" in by_user
    assert "n=today" in by_date and "n=old" not in by_date
    assert "n=today" in by_action and "n=old" not in by_action
    assert 'value="2026-11-22"' in by_date  # the filters stay in the form (and the URL)


async def test_a_date_range_the_wrong_way_round_is_explained_beside_the_field(
    client: Client,
) -> None:
    await log_in(client)

    response = await client.get("/audit?from=2026-11-23&to=2026-11-01")

    html = await response.text()
    assert response.status == 400
    assert 'id="audit-to-error"' in html
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in html
    assert 'aria-invalid="true" aria-describedby="audit-to-error"' in html


async def test_a_malformed_date_is_explained_not_a_500(client: Client) -> None:
    await log_in(client)

    for query in ("from=23/11/2026", "to=9999-01-01", "from=<script>", "user=" + "x" * 200):
        response = await client.get(f"/audit?{query}")
        assert response.status == 400, query
        assert "<script>" not in await response.text()


async def test_pages_go_older_and_back_to_the_newest(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _add(
        uow_factory,
        *(AuditLog(at=T0, actor="budi", action="logout", detail={"n": n}) for n in range(55)),
    )
    await log_in(client)

    first = await (await client.get("/audit?user=budi")).text()
    older = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = await (await client.get(older.replace("&amp;", "&"))).text()

    assert "n=54" in first and "n=4<" not in first
    assert "n=4<" in second and "n=54" not in second
    assert "user=budi" in older
    assert 'rel="first"' in second


async def test_text_in_an_entry_is_shown_as_text(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _add(
        uow_factory,
        AuditLog(at=T0, actor="<img src=x onerror=alert(1)>", action="<script>x</script>",
                 detail={"note": "<script>alert(1)</script>"}),
    )  # fmt: skip
    await log_in(client)

    html = await (await client.get("/audit")).text()

    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


async def test_the_csv_export_neutralises_formulas_and_is_audited(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await _add(
        uow_factory,
        AuditLog(at=T0, actor="=HYPERLINK(\"http://evil\")", action="login_failed",
                 detail={"reason": "unknown_user"}, source_address="-1+1"),
        AuditLog(at=T0, actor="@SUM(A1)", action="+login", detail={}),
    )  # fmt: skip
    await log_in(client)

    response = await client.get("/audit.csv?action=login_failed")

    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-')
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
    assert rows[0] == ["time", "user", "action", "case", "source_address", "detail"]
    assert rows[1][1:5] == ['\'=HYPERLINK("http://evil")', "login_failed", "", "'-1+1"]
    assert len(rows) == 2
    everything = await (await client.get("/audit.csv")).text()
    assert "'@SUM(A1)" in everything and "'+login" in everything
    exports = [row for row in await _rows(uow_factory) if row.action == "audit_export"]
    assert [(row.actor, row.detail) for row in exports] == [
        ("admin", {"staff_id": exports[0].detail["staff_id"], "filter_action": "login_failed"}),
        ("admin", {"staff_id": exports[0].detail["staff_id"]}),
    ]


async def test_the_csv_with_bad_filters_goes_back_to_the_page(client: Client) -> None:
    await log_in(client)

    response = await client.get("/audit.csv?from=2026-11-23&to=2026-11-01", allow_redirects=False)

    assert response.status == 303
    assert response.headers["Location"].startswith("/audit?")


async def test_a_supervisor_may_not_read_the_audit_log(client: Client) -> None:
    await log_in(client, "spv.bandung")

    assert (await client.get("/audit")).status == 403
    assert (await client.get("/audit.csv")).status == 403
    assert 'href="/audit"' not in await (await client.get("/reports")).text()


async def test_the_audit_page_says_when_retention_last_ran_and_what_it_did(
    client: Client, uow_factory: UnitOfWorkFactory
) -> None:
    await log_in(client)
    before = await (await client.get("/audit")).text()
    assert "Retensi data belum pernah dijalankan" in before
    await run_retention(make_deps(uow_factory, clock=lambda: T0), RetentionPolicy(14, 180, 7, 400))

    html = await (await client.get("/audit")).text()
    english = await (await client.get("/audit?lang=en")).text()

    assert "Terakhir dijalankan" in html and "belum pernah" not in html
    assert "0 kasus dianonimkan" in html
    assert "dihapus 14 hari setelah kasus ditutup" in html and "dianonimkan 180 hari" in html
    assert "entri audit setelah 400 hari" in html
    assert "Retensi data dijalankan" in html  # the run's own row, labelled
    assert "anonymised 180 days after closure" in english


async def test_supervisors_do_not_see_retention(client: Client) -> None:
    await log_in(client, "spv.bandung")
    response = await client.get("/audit")
    assert response.status == 403
    assert "Retensi" not in await response.text()
