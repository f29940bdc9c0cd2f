"""Every code has its words: each enum member has a label in the bot's and the admin's tables.

The tables are keyed by the enum members themselves; each label is a message id with English
in `en/messages.po` and an entry in `id/messages.po`. The bot and the admin keep their own
tables (their readers differ: "Lainnya (tulis)" asks a worker to type). The bot shows an
urgency as its code (the Indonesian word itself), so it has no urgency labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from admin.presentation import labels as admin_labels
from admin.presentation.reports import STATUS_LABELS, URGENCY_LABELS
from bot import texts as reporter_texts
from bot.messages.parts import CATEGORY_NAMES
from bot.worker import render as worker_render
from triage.domain.case import CaseStatus, DeclineReason, Outcome, Referral
from triage.domain.model import Category, Urgency
from triage.domain.referrals import ReferralStatus, ServiceType
from triage.i18n import load_translator

LOCALES = Path(__file__).resolve().parents[1] / "triage" / "i18n" / "locales"
Table = Mapping[Any, str] | Iterable[tuple[Any, str]]  # code -> msgid, or (code, msgid) pairs

# (enum, the bot's tables, the admin's tables), each table by name
TABLES: list[tuple[type[StrEnum], dict[str, Table], dict[str, Table]]] = [
    (
        CaseStatus,
        {
            "worker STATUS": worker_render.STATUS,
            "reporter STATUS_WORDS": reporter_texts.STATUS_WORDS,
        },
        {"STATUS_LABELS": STATUS_LABELS},
    ),
    (Urgency, {}, {"URGENCY_LABELS": URGENCY_LABELS}),
    (
        Category,
        {"CATEGORY_NAMES": CATEGORY_NAMES},
        {"CATEGORY_LABELS": admin_labels.CATEGORY_LABELS},
    ),
    (
        DeclineReason,
        {"DECLINE_CHOICES": worker_render.DECLINE_CHOICES},
        {"DECLINE_LABELS": admin_labels.DECLINE_LABELS},
    ),
    (
        Referral,
        {"REFER_CHOICES": worker_render.REFER_CHOICES},
        {"REFERRAL_LABELS": admin_labels.REFERRAL_LABELS},
    ),
    (
        ServiceType,
        {"TYPE_CHOICES": worker_render.TYPE_CHOICES},
        {"SERVICE_TYPE_LABELS": admin_labels.SERVICE_TYPE_LABELS},
    ),
    (
        ReferralStatus,
        {"REFERRAL_STATUS": worker_render.REFERRAL_STATUS},
        {"REFERRAL_STATUS_LABELS": admin_labels.REFERRAL_STATUS_LABELS},
    ),
    (
        Outcome,
        {"CLOSE_CHOICES": worker_render.CLOSE_CHOICES},
        {"OUTCOME_LABELS": admin_labels.OUTCOME_LABELS},
    ),
]
CASES = [
    pytest.param(enum, side, name, table, id=f"{enum.__name__}-{side}-{name}")
    for enum, bot, admin in TABLES
    for side, tables in (("bot", bot), ("admin", admin))
    for name, table in tables.items()
]


@cache
def catalogue(lang: str) -> Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)


def pairs(table: Table) -> list[tuple[str, str]]:
    return list(table.items()) if isinstance(table, Mapping) else list(table)


def test_every_enum_is_checked_on_both_sides() -> None:
    assert [enum for enum, _, _ in TABLES] == [
        CaseStatus, Urgency, Category, DeclineReason, Referral, ServiceType, ReferralStatus,
        Outcome,
    ]  # fmt: skip
    assert all(admin for _, _, admin in TABLES)
    assert [enum for enum, bot, _ in TABLES if not bot] == [Urgency]  # see the docstring


@pytest.mark.parametrize(("enum", "side", "name", "table"), CASES)
def test_every_member_has_exactly_one_label(
    enum: type[StrEnum], side: str, name: str, table: Table
) -> None:
    codes = [code for code, _ in pairs(table)]
    assert all(type(code) is enum for code in codes), f"{side} {name}: keys are not {enum}"
    assert sorted(codes) == sorted(enum), f"{side} {name}: not one label per {enum.__name__}"


@pytest.mark.parametrize(("enum", "side", "name", "table"), CASES)
def test_every_label_is_translated(enum: type[StrEnum], side: str, name: str, table: Table) -> None:
    en, id_ = catalogue("en"), catalogue("id")
    for code, msgid in pairs(table):
        english = en.get(msgid)
        assert english is not None and english.string, f"{side} {name}[{code}]: no English"
        assert id_.get(msgid) is not None, f"{side} {name}[{code}]: not in id.po"


@pytest.mark.parametrize(
    ("lang", "code", "shown"),
    [
        ("id", "closed", "Ditutup"),  # a stored string finds its member's label
        ("en", CaseStatus.CLOSED, "Closed"),
        ("en", "duplicate", "duplicate"),  # an unknown code is shown as it is
    ],
)
def test_the_translator_labels_stored_codes(lang: str, code: str, shown: str) -> None:
    assert load_translator().label(lang, STATUS_LABELS, code) == shown
