"""The regions as values: provinsi, kabupaten/kota, kecamatan, and search matches. Stdlib only."""

from __future__ import annotations

from dataclasses import dataclass

from triage.domain.regions.names import KabKotaKind, kabkota_base_name, province_short_name


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
