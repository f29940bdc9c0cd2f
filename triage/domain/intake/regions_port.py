"""What the questionnaire needs to know about regions, as a protocol. Stdlib only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

RegionName = tuple[str, str]  # (Kemendagri code, display name)


class RegionLookup(Protocol):
    def search(self, text: str, limit: int) -> Sequence[RegionName]: ...

    def nearest(self, latitude: float, longitude: float) -> RegionName | None: ...

    def provinces(self) -> Sequence[RegionName]: ...

    def kabkota_in(self, province_code: str) -> Sequence[RegionName]: ...

    def name(self, code: str) -> str | None: ...
