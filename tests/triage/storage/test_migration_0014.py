"""Revision 0014 on existing rows: every sensitive value is sealed (none left in plain text)
and reads back as it was through the tables; without the data keys the upgrade is refused;
downgrade opens them again."""

from __future__ import annotations

import asyncio
import json

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import select

from tests.support.deps import TEST_KEYRING
from tests.triage.storage.test_migration_0002 import _run
from triage.storage.db import create_engine, create_session_factory
from triage.storage.migrate import alembic_config, upgrade_database_async
from triage.storage.tables import CaseEvent, Draft, OutboxMessage, Report
from triage.storage.uow import UnitOfWorkFactory

STORY = "Tetangga memukul anaknya setiap malam di Gang Melati"
ADDRESS = "Jl. Kenanga No. 7, RT 03"
PHONE = "+6281234567890"
NOTE = "Sudah bicara dengan ibunya di rumah"
DRAFT_TEXT = "Anak tidak sekolah sejak bulan lalu"
OUTBOX_TEXT = "Laporan baru di Kabupaten Bogor"
PLAIN_ROWS = (
    text(
        "INSERT INTO report (id, reference, received_at, reporter_chat_id, language, categories,"
        " immediate_danger, perpetrator_access, injured, repeated, description, evidence,"
        " contact_consent, notify_reporter, status, urgency, address, contact_phone, latitude,"
        " longitude, rating_comment)"
        " VALUES (1, 'LS-ENC-0001', '2026-11-01 00:00:00+00:00', 1, 'id', '[]', 'unknown',"
        " 'unknown', 'unknown', 'unknown', :story, '[{\"kind\": \"photo\", \"file_id\": \"photo.F1\"}]',"
        " true, true, 'new', 'SEDANG', :address, :phone, -6.59501, 106.79702, NULL)"
    ),
    text(
        "INSERT INTO case_event (report_id, at, kind, actor, data)"
        " VALUES (1, '2026-11-01 01:00:00+00:00', 'note', 'worker:1', :event)"
    ),
    text(
        "INSERT INTO draft (chat_id, user_id, step, answers, version, created_at, updated_at,"
        " prompt_has_reply_keyboard)"
        " VALUES (77, 77, 'story', :answers, 1, '2026-11-01 00:00:00+00:00',"
        " '2026-11-01 00:00:00+00:00', false)"
    ),
    text(
        "INSERT INTO outbox_message (dedup_key, created_at, chat_id, text, status, attempts,"
        " next_attempt_at) VALUES ('k1', '2026-11-01 00:00:00+00:00', 5, :outbox, 'pending', 0,"
        " '2026-11-01 00:00:00+00:00')"
    ),
)
PARAMS = {
    "story": STORY,
    "address": ADDRESS,
    "phone": PHONE,
    "event": json.dumps({"assignment_id": 1, "text": NOTE}),
    "answers": json.dumps({"description": DRAFT_TEXT}),
    "outbox": OUTBOX_TEXT,
}
RAW = text(
    "SELECT r.description, r.address, r.contact_phone, r.latitude, r.evidence, e.data,"
    " d.answers, o.text FROM report r, case_event e, draft d, outbox_message o"
)


async def _plain_database(url: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(url, TEST_KEYRING), "0013")
    for statement in PLAIN_ROWS:
        await _run(url, statement, params=[PARAMS])


async def test_existing_values_are_sealed_readable_and_opened_again_by_downgrade(
    database_url: str,
) -> None:
    await _plain_database(database_url)

    await upgrade_database_async(database_url, TEST_KEYRING)

    (stored,) = await _run(database_url, RAW)
    assert all(str(value).startswith("v1:test1:") for value in stored), stored
    everything = " ".join(str(value) for value in stored)
    # each with a "." or a space, which sealed text (base64url after "v1:key:") never holds,
    # so a match cannot be chance
    for plain in (STORY, ADDRESS, PHONE, NOTE, DRAFT_TEXT, OUTBOX_TEXT, "106.79", "photo.F1"):
        assert plain not in everything
    engine = create_engine(database_url, keyring=TEST_KEYRING)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            report = (await uow.session.exec(select(Report))).one()
            event = (await uow.session.exec(select(CaseEvent))).one()
            draft = (await uow.session.exec(select(Draft))).one()
            outbox = (await uow.session.exec(select(OutboxMessage))).one()
    finally:
        await engine.dispose()
    assert (report.description, report.address, report.contact_phone) == (STORY, ADDRESS, PHONE)
    assert (report.latitude, report.longitude, report.rating_comment) == (-6.59501, 106.79702, None)
    assert report.evidence == [{"kind": "photo", "file_id": "photo.F1"}]
    assert (event.data, draft.answers["description"], outbox.text) == (
        {"assignment_id": 1, "text": NOTE}, DRAFT_TEXT, OUTBOX_TEXT
    )  # fmt: skip

    await asyncio.to_thread(command.downgrade, alembic_config(database_url, TEST_KEYRING), "0013")
    (opened,) = await _run(database_url, RAW)
    assert opened[:3] == (STORY, ADDRESS, PHONE) and float(opened[3]) == -6.59501
    assert NOTE in str(opened[5]) and opened[7] == OUTBOX_TEXT


async def test_sealing_existing_values_needs_the_data_keys(database_url: str) -> None:
    await _plain_database(database_url)
    with pytest.raises(RuntimeError, match="DATA_KEYS"):
        await asyncio.to_thread(command.upgrade, alembic_config(database_url), "head")
    (stored,) = await _run(database_url, RAW)
    assert stored[0] == STORY  # nothing changed
