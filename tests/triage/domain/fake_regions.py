"""A tiny region lookup for questionnaire tests."""

from __future__ import annotations

from collections.abc import Sequence

KABKOTA = {
    "31.71": "Kota Jakarta Pusat",
    "31.74": "Kota Jakarta Selatan",
    "32.04": "Kabupaten Bandung",
    "32.73": "Kota Bandung",
}
PROVINCES = {"31": "DKI Jakarta", "32": "Jawa Barat"}
UNSURE = frozenset({"jkt pusat"})  # one match, but not sure enough to take without asking


class FakeRegions:
    def search(self, text: str, limit: int) -> Sequence[tuple[str, str]]:
        words = text.lower().replace("jaksel", "jakarta selatan").replace("jkt", "jakarta").split()
        found = [(c, n) for c, n in KABKOTA.items() if all(w in n.lower() for w in words)]
        return found[:limit]

    def match(self, text: str) -> tuple[str, str] | None:
        found = self.search(text, 2)
        return found[0] if len(found) == 1 and text.lower() not in UNSURE else None

    def nearest(self, latitude: float, longitude: float) -> tuple[str, str] | None:
        return ("31.71", KABKOTA["31.71"]) if -7 < latitude < -6 else None

    def provinces(self) -> Sequence[tuple[str, str]]:
        return sorted(PROVINCES.items(), key=lambda item: item[1])

    def kabkota_in(self, province_code: str) -> Sequence[tuple[str, str]]:
        return [(c, n) for c, n in KABKOTA.items() if c.startswith(province_code + ".")]

    def name(self, code: str) -> str | None:
        return KABKOTA.get(code) or PROVINCES.get(code)
