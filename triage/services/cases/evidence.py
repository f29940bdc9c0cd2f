"""The reporter's photos and voice notes for staff: found in the viewer's regions, audited, and
fetched from Telegram through the files port. The report keeps only Telegram file ids
(`report.evidence`: `{"kind": "photo" | "voice", "file_id": ...}`), never the bytes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from triage.services.cases.detail_model import EvidenceItem
from triage.services.cases.staff_common import scoped_case
from triage.services.common.deps import TriageDeps
from triage.services.common.events import audit
from triage.services.files.port import FetchedFile, FileUnavailable
from triage.services.staff.accounts import StaffIdentity

# Telegram sends photos as JPEG and voice notes as Ogg Opus.
MEDIA_TYPES = {"photo": ("image/jpeg", "jpg"), "voice": ("audio/ogg", "ogg")}
UNKNOWN_MEDIA = ("application/octet-stream", "bin")


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """One file to hand to a viewer allowed to see it: how to label it, and where it is."""

    reference: str
    number: int
    kind: str
    file_id: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES.get(self.kind, UNKNOWN_MEDIA)[0]

    @property
    def inline(self) -> bool:
        """Shown in the browser (a photo, a voice note); anything else is only downloaded."""
        return self.kind in MEDIA_TYPES

    @property
    def filename(self) -> str:
        return f"{self.reference}-{self.number}.{MEDIA_TYPES.get(self.kind, UNKNOWN_MEDIA)[1]}"


def evidence_items(evidence: Sequence[Mapping[str, str]]) -> tuple[EvidenceItem, ...]:
    return tuple(
        EvidenceItem(number, str(item.get("kind", ""))) for number, item in enumerate(evidence, 1)
    )


async def find_evidence(
    deps: TriageDeps, viewer: StaffIdentity, reference: str, number: int, now: datetime
) -> EvidenceFile | None:
    """The case's file number `number` (from 1), or None: unknown, or outside the viewer's
    regions. Every file handed out is audited (ids and kind only)."""
    async with deps.uow() as uow:
        report = await scoped_case(uow, viewer, reference, "view_evidence", now, lock=False)
        item = None
        if report is not None and 1 <= number <= len(report.evidence):
            item = report.evidence[number - 1]
        file_id = item.get("file_id") if item else None
        if report is None or item is None or not isinstance(file_id, str) or not file_id:
            await uow.commit()  # the refusal's audit line, if any
            return None
        kind = str(item.get("kind", ""))
        audit(
            uow.session, viewer.username, "view_evidence", now, report.id,
            staff_id=viewer.id, number=number, kind=kind,
        )  # fmt: skip
        found = EvidenceFile(report.reference, number, kind, file_id)
        await uow.commit()
    return found


def fetch_evidence(
    deps: TriageDeps, found: EvidenceFile
) -> AbstractAsyncContextManager[FetchedFile]:
    """The file's download; FileUnavailable when no bot is configured or Telegram refuses."""
    if deps.files is None:
        raise FileUnavailable("no_file_source")
    return deps.files.open(found.file_id)
