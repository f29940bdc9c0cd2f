"""Regions by Kemendagri code: lookup, fuzzy name search, nearest kab/kota. Stdlib + rapidfuzz."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from triage.domain.regions.geo import PointGrid
from triage.domain.regions.names import MAX_QUERY_CHARS as MAX_QUERY_CHARS
from triage.domain.regions.names import KabKotaKind as KabKotaKind
from triage.domain.regions.names import (
    NameIndex,
    kabkota_base_name,
    kabkota_query,
    name_key,
    province_keys,
    province_query,
    province_short_name,
    ranked,
)

NEAREST_MAX_KM = 60.0  # a pin farther than this from every kecamatan centroid is not in Indonesia
_NEAREST_LIMIT_KM = 500.0  # the grid search is meant for short reaches
_WRONG_KIND_PENALTY = 10


@dataclass(frozen=True, slots=True)
class Province:
    """A provinsi: two-digit code ("31") and official name."""

    code: str
    name: str

    @property
    def short_name(self) -> str:
        """The name as people write it: "DKI Jakarta", "DI Yogyakarta", "Jawa Barat"."""
        return province_short_name(self.name)


@dataclass(frozen=True, slots=True)
class KabKota:
    """A kabupaten or kota, the routing unit: code "31.74", official name, province code."""

    code: str
    name: str
    province_code: str
    kind: KabKotaKind

    @property
    def base_name(self) -> str:
        """The name without "Kabupaten"/"Kota" (Administrasi): "Jakarta Selatan"."""
        return kabkota_base_name(self.name)

    @property
    def short_name(self) -> str:
        """A short name that keeps kabupaten and kota apart: "Kab. Bandung", "Kota Bandung"."""
        return f"{'Kota' if self.kind == 'kota' else 'Kab.'} {self.base_name}"


@dataclass(frozen=True, slots=True)
class Kecamatan:
    """A kecamatan (distrik in Papua): code "31.74.01", name, and its centroid if known."""

    code: str
    name: str
    kabkota_code: str
    lat: float | None = None
    lng: float | None = None


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """A kabupaten/kota found by name, with a score from 0 to 100 (100: exact)."""

    kabkota: KabKota
    score: int


@dataclass(frozen=True, slots=True)
class ProvinceMatch:
    """A province found by name, with a score from 0 to 100 (100: exact)."""

    province: Province
    score: int


@dataclass(frozen=True, slots=True)
class RegionCounts:
    """How many regions a directory holds, and how many kecamatan have a centroid."""

    provinces: int
    kabkota: int
    kecamatan: int
    kecamatan_with_centroid: int


class RegionDirectory:
    """All provinces, kabupaten/kota and kecamatan, indexed for lookup, search and pins."""

    def __init__(
        self,
        provinces: Sequence[Province],
        kabkota: Sequence[KabKota],
        kecamatan: Sequence[Kecamatan],
    ) -> None:
        self._provinces = {p.code: p for p in provinces}
        self._kabkota = {k.code: k for k in kabkota}
        self._kecamatan = {k.code: k for k in kecamatan}
        self._check_parents()
        self._by_province: defaultdict[str, list[KabKota]] = defaultdict(list)
        for k in sorted(kabkota, key=lambda k: (k.base_name, k.kind)):
            self._by_province[k.province_code].append(k)
        self._kabkota_names = NameIndex((name_key(k.base_name), k.code) for k in kabkota)
        self._province_names = NameIndex(
            (key, p.code) for p in self._provinces.values() for key in province_keys(p.code, p.name)
        )
        self._grid = PointGrid(
            (k.lat, k.lng, k.kabkota_code)
            for k in kecamatan
            if k.lat is not None and k.lng is not None
        )

    def _check_parents(self) -> None:
        """Every region's parent is known and its code starts with the parent's code."""
        pairs: list[tuple[str, str, Mapping[str, object]]]
        pairs = [(k.code, k.province_code, self._provinces) for k in self._kabkota.values()]
        pairs += [(c.code, c.kabkota_code, self._kabkota) for c in self._kecamatan.values()]
        for code, parent, parents in pairs:
            if parent not in parents or not code.startswith(parent + "."):
                raise ValueError(f"region {code} has an unknown or mismatched parent {parent}")

    def province(self, code: str) -> Province | None:
        """The province with this code ("31"), or None."""
        return self._provinces.get(code)

    def kabkota(self, code: str) -> KabKota | None:
        """The kabupaten/kota with this code ("31.74"), or None."""
        return self._kabkota.get(code)

    def kecamatan(self, code: str) -> Kecamatan | None:
        """The kecamatan with this code ("31.74.01"), or None."""
        return self._kecamatan.get(code)

    def provinces(self) -> list[Province]:
        """All provinces sorted by name."""
        return sorted(self._provinces.values(), key=lambda p: p.name)

    def kabkota_in(self, province_code: str) -> list[KabKota]:
        """The kabupaten/kota of a province, sorted by name without the Kabupaten/Kota prefix."""
        return list(self._by_province.get(province_code, ()))

    def province_of(self, code: str) -> Province | None:
        """The province a code of any level lies in ("31.74.01" -> DKI Jakarta), or None."""
        return self._provinces.get(code.split(".", 1)[0])

    def is_known(self, code: str) -> bool:
        """Whether the code is a known province, kabupaten/kota or kecamatan."""
        return code in self._provinces or code in self._kabkota or code in self._kecamatan

    def covers(self, region_code: str, code: str) -> bool:
        """Whether a worker's region (province or kab/kota code) includes a known region code."""
        if not (self.is_known(region_code) and self.is_known(code)):
            return False
        return code == region_code or code.startswith(region_code + ".")

    def counts(self) -> RegionCounts:
        """How many regions this directory holds."""
        located = sum(1 for k in self._kecamatan.values() if k.lat is not None)
        return RegionCounts(len(self._provinces), len(self._kabkota), len(self._kecamatan), located)

    def search(self, text: str, limit: int = 3) -> list[RegionMatch]:
        """Kabupaten/kota whose name matches free text, best first ("kab bdg", "jaksel")."""
        kind, query = kabkota_query(text)
        if not query or limit < 1:
            return []
        scores = self._kabkota_names.scores(query)
        if kind is not None:
            for code, score in scores.items():
                if self._kabkota[code].kind != kind:
                    scores[code] = score - _WRONG_KIND_PENALTY
        return [RegionMatch(self._kabkota[c], s) for c, s in ranked(scores, limit)]

    def search_provinces(self, text: str, limit: int = 3) -> list[ProvinceMatch]:
        """Provinces whose name or short form matches free text, best first ("jabar", "DIY")."""
        query = province_query(text)
        if not query or limit < 1:
            return []
        return [
            ProvinceMatch(self._provinces[c], s)
            for c, s in ranked(self._province_names.scores(query), limit)
        ]

    def nearest_kabkota(
        self, lat: float, lng: float, max_km: float = NEAREST_MAX_KM
    ) -> KabKota | None:
        """The kab/kota of the nearest kecamatan centroid within max_km of a pin, or None."""
        if not 0 < max_km <= _NEAREST_LIMIT_KM:
            raise ValueError(f"max_km must be in (0, {_NEAREST_LIMIT_KM:.0f}]")
        if not (math.isfinite(lat) and math.isfinite(lng)):
            return None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None
        code = self._grid.nearest(lat, lng, max_km)
        return None if code is None else self._kabkota[code]
