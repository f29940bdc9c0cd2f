"""Regions by Kemendagri code: lookup, fuzzy name search, nearest kab/kota. Stdlib + rapidfuzz."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from triage.domain.regions.aliases import PROVINCE_WORDS
from triage.domain.regions.geo import PointGrid
from triage.domain.regions.names import MAX_QUERY_CHARS as MAX_QUERY_CHARS
from triage.domain.regions.names import KabKotaKind as KabKotaKind
from triage.domain.regions.names import (
    NameIndex,
    kabkota_query,
    name_key,
    place_words,
    province_keys,
    province_query,
    ranked,
)
from triage.domain.regions.places import KabKota as KabKota
from triage.domain.regions.places import Kecamatan as Kecamatan
from triage.domain.regions.places import Province as Province
from triage.domain.regions.places import ProvinceMatch as ProvinceMatch
from triage.domain.regions.places import RegionCounts as RegionCounts
from triage.domain.regions.places import RegionMatch as RegionMatch

NEAREST_MAX_KM = 60.0  # a pin farther than this from every kecamatan centroid is not in Indonesia
_NEAREST_LIMIT_KM = 500.0  # the grid search is meant for short reaches
_WRONG_KIND_PENALTY = 10
CLEAR_SCORE = 90  # a match at least this good ...
CLEAR_LEAD = 5  # ... and this many points ahead of the next one is what the text means


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
        province, words = self._province_after(place_words(text))
        kind, query = kabkota_query(" ".join(words), self._kabkota_names.__contains__)
        if not query or limit < 1:
            return []
        scores = self._kabkota_names.scores(query)
        if kind is not None:
            for code, score in scores.items():
                if self._kabkota[code].kind != kind:
                    scores[code] = score - _WRONG_KIND_PENALTY
        inside = {c: s for c, s in scores.items() if province and c.startswith(province + ".")}
        return [RegionMatch(self._kabkota[c], s) for c, s in ranked(inside or scores, limit)]

    def _province_after(self, words: list[str]) -> tuple[str | None, list[str]]:
        """A province written after the place ("Banjar, Kalsel", "kab bandung prov jawa
        barat") and the words before it; none when those words name no place by themselves."""
        for size in (3, 2, 1):
            codes = self._province_names.exact(" ".join(words[-size:]))
            rest = words[:-size]
            if rest and rest[-1] in PROVINCE_WORDS:
                rest = rest[:-1]
            if codes and rest and kabkota_query(" ".join(rest))[1]:
                return codes[0], rest
        return None, words

    def match(self, text: str) -> KabKota | None:
        """The one kabupaten/kota the text clearly means, or None when a person must choose:
        nothing found, only a weak match, or two alike ("Bandung": Kab. and Kota Bandung)."""
        found = self.search(text, limit=2)
        if not found or found[0].score < CLEAR_SCORE:
            return None
        if len(found) > 1 and found[0].score - found[1].score < CLEAR_LEAD:
            return None
        return found[0].kabkota

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
