"""Adapts the region directory to the questionnaire's RegionLookup port."""

from __future__ import annotations

from collections.abc import Sequence

from triage.domain.intake.regions_port import RegionName
from triage.domain.regions.directory import RegionDirectory


class DirectoryLookup:
    """RegionLookup over a RegionDirectory, naming kabupaten/kota with their province."""

    def __init__(self, directory: RegionDirectory) -> None:
        self.directory = directory

    def search(self, text: str, limit: int) -> Sequence[RegionName]:
        return [
            (m.kabkota.code, self.label(m.kabkota.code)) for m in self.directory.search(text, limit)
        ]

    def nearest(self, latitude: float, longitude: float) -> RegionName | None:
        found = self.directory.nearest_kabkota(latitude, longitude)
        return None if found is None else (found.code, self.label(found.code))

    def provinces(self) -> Sequence[RegionName]:
        return [(p.code, p.short_name) for p in self.directory.provinces()]

    def kabkota_in(self, province_code: str) -> Sequence[RegionName]:
        return [(k.code, k.short_name) for k in self.directory.kabkota_in(province_code)]

    def name(self, code: str) -> str | None:
        if self.directory.kabkota(code) is not None:
            return self.label(code)
        province = self.directory.province(code)
        return None if province is None else province.short_name

    def label(self, kabkota_code: str) -> str:
        """ "Kota Bandung, Jawa Barat"."""
        kabkota = self.directory.kabkota(kabkota_code)
        if kabkota is None:
            return kabkota_code
        province = self.directory.province(kabkota.province_code)
        return f"{kabkota.short_name}, {province.short_name}" if province else kabkota.short_name
