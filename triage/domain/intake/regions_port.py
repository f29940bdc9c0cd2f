"""What the questionnaire needs to know about regions, as a protocol. Stdlib only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

RegionName = tuple[str, str]  # (Kemendagri code, display name)


class RegionLookup(Protocol):
    def search(self, text: str, limit: int) -> Sequence[RegionName]:
        """The kabupaten/kota a typed name may mean, best first."""
        ...

    def match(self, text: str) -> RegionName | None:
        """The one kabupaten/kota a typed name clearly means; None when the reporter must
        choose (nothing found, a weak match, or two alike such as Kab. and Kota Bandung)."""
        ...

    def nearest(self, latitude: float, longitude: float) -> RegionName | None: ...

    def provinces(self) -> Sequence[RegionName]: ...

    def kabkota_in(self, province_code: str) -> Sequence[RegionName]: ...

    def name(self, code: str) -> str | None: ...
