"""The one adapter over the region directory: the questionnaire's RegionLookup port and the
batch assessor's RegionResolver port (official names, for `triage assess`).

The directory does not change while the process runs, so the name lists and labels the
admin pages ask for on every view are built once, on first use."""

from __future__ import annotations

from collections.abc import Sequence

from triage.domain.intake.regions_port import RegionName
from triage.domain.regions.directory import RegionDirectory


class DirectoryLookup:
    """Both ports over one RegionDirectory; the questionnaire's names carry the province."""

    def __init__(self, directory: RegionDirectory) -> None:
        self.directory = directory
        self._provinces: tuple[RegionName, ...] | None = None
        self._kabkota_in: dict[str, tuple[RegionName, ...]] = {}
        self._names: dict[str, str | None] = {}

    def search(self, text: str, limit: int) -> Sequence[RegionName]:
        return [
            (m.kabkota.code, self.label(m.kabkota.code)) for m in self.directory.search(text, limit)
        ]

    def match(self, text: str) -> RegionName | None:
        found = self.directory.match(text)
        return None if found is None else (found.code, self.label(found.code))

    def nearest(self, latitude: float, longitude: float) -> RegionName | None:
        found = self.directory.nearest_kabkota(latitude, longitude)
        return None if found is None else (found.code, self.label(found.code))

    def provinces(self) -> Sequence[RegionName]:
        if self._provinces is None:
            self._provinces = tuple((p.code, p.short_name) for p in self.directory.provinces())
        return self._provinces

    def kabkota_in(self, province_code: str) -> Sequence[RegionName]:
        found = self._kabkota_in.get(province_code)
        if found is None:
            places = self.directory.kabkota_in(province_code)
            found = tuple((k.code, k.short_name) for k in places)
            if self.directory.province(province_code) is not None:  # only known codes are kept
                self._kabkota_in[province_code] = found
        return found

    def name(self, code: str) -> str | None:
        """A known code's name is kept (the codes are the directory's, a few hundred)."""
        if code in self._names:
            return self._names[code]
        name = self._name(code)
        if name is not None:
            self._names[code] = name
        return name

    def _name(self, code: str) -> str | None:
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

    def by_code(self, code: str) -> RegionName | None:
        found = self.directory.kabkota(code.strip())
        return None if found is None else (found.code, found.name)

    def by_text(self, text: str) -> RegionName | None:
        matches = self.directory.search(text, limit=1)
        return None if not matches else (matches[0].kabkota.code, matches[0].kabkota.name)

    def by_point(self, lat: float, lng: float) -> RegionName | None:
        found = self.directory.nearest_kabkota(lat, lng)
        return None if found is None else (found.code, found.name)
