"""Adapts the region directory to the batch assessor's RegionResolver protocol."""

from __future__ import annotations

from triage.domain.regions.directory import RegionDirectory


class DirectoryResolver:
    def __init__(self, directory: RegionDirectory) -> None:
        self.directory = directory

    def by_code(self, code: str) -> tuple[str, str] | None:
        found = self.directory.kabkota(code.strip())
        return None if found is None else (found.code, found.name)

    def by_text(self, text: str) -> tuple[str, str] | None:
        matches = self.directory.search(text, limit=1)
        return None if not matches else (matches[0].kabkota.code, matches[0].kabkota.name)

    def by_point(self, lat: float, lng: float) -> tuple[str, str] | None:
        found = self.directory.nearest_kabkota(lat, lng)
        return None if found is None else (found.code, found.name)
