"""Region directory: codes, names, fuzzy search and location pins, on the bundled data."""

import math

import pytest

from triage.domain.regions.directory import KabKota, Kecamatan, Province, RegionDirectory
from triage.storage.region_source import load_region_directory


@pytest.fixture(scope="module")
def regions() -> RegionDirectory:
    return load_region_directory()


def top_codes(regions: RegionDirectory, text: str, n: int) -> list[str]:
    return [m.kabkota.code for m in regions.search(text)][:n]


def test_counts(regions):
    counts = regions.counts()
    assert (counts.provinces, counts.kabkota) == (38, 514)
    assert counts.kecamatan > 7000
    assert 7000 < counts.kecamatan_with_centroid <= counts.kecamatan


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("31", "Daerah Khusus Ibukota Jakarta"),
        ("31.74", "Kota Administrasi Jakarta Selatan"),
        ("31.74.01", "Tebet"),
        ("96", "Papua Barat Daya"),
    ],
)
def test_lookup_by_code(regions, code, name):
    found = regions.province(code) or regions.kabkota(code) or regions.kecamatan(code)
    assert found is not None
    assert found.name == name
    assert regions.is_known(code)


@pytest.mark.parametrize("code", ["", "00", "31.99", "31.74.99", "3174", "Jakarta"])
def test_unknown_codes(regions, code):
    assert regions.province(code) is None
    assert regions.kabkota(code) is None
    assert regions.kecamatan(code) is None
    assert not regions.is_known(code)


def test_provinces_sorted_by_name(regions):
    names = [p.name for p in regions.provinces()]
    assert names == sorted(names)
    assert len(names) == 38


def test_kabkota_in_province(regions):
    jakarta = regions.kabkota_in("31")
    assert [k.base_name for k in jakarta] == [
        "Jakarta Barat",
        "Jakarta Pusat",
        "Jakarta Selatan",
        "Jakarta Timur",
        "Jakarta Utara",
        "Kepulauan Seribu",
    ]
    assert regions.kabkota_in("99") == []


@pytest.mark.parametrize(
    ("code", "province_code"),
    [
        ("31", "31"),
        ("31.74", "31"),
        ("31.74.01", "31"),
        ("91.71", "91"),
        ("99.01", None),
        ("", None),
    ],
)
def test_province_of(regions, code, province_code):
    province = regions.province_of(code)
    assert (province.code if province else None) == province_code


@pytest.mark.parametrize(
    ("worker_region", "code", "covered"),
    [
        ("31", "31.74", True),
        ("31", "31.01", True),
        ("31", "31.74.01", True),
        ("31.74", "31.74", True),
        ("31.74", "31.74.01", True),
        ("31.74", "31.71", False),
        ("31", "32.73", False),
        ("3", "31.74", False),
        ("31.7", "31.74", False),
        ("99", "99.01", False),
        ("31", "31.99", False),
        ("", "31.74", False),
    ],
)
def test_covers(regions, worker_region, code, covered):
    assert regions.covers(worker_region, code) is covered


@pytest.mark.parametrize(
    ("code", "short_name"),
    [
        ("31.74", "Kota Jakarta Selatan"),
        ("31.01", "Kab. Kepulauan Seribu"),
        ("32.04", "Kab. Bandung"),
        ("32.73", "Kota Bandung"),
        ("13.07", "Kab. Lima Puluh Kota"),
    ],
)
def test_short_name(regions, code, short_name):
    assert regions.kabkota(code).short_name == short_name


@pytest.mark.parametrize(
    ("code", "short_name"),
    [("31", "DKI Jakarta"), ("34", "DI Yogyakarta"), ("32", "Jawa Barat"), ("11", "Aceh")],
)
def test_province_short_name(regions, code, short_name):
    assert regions.province(code).short_name == short_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("jaksel", "31.74"),
        ("Jakpus", "31.71"),
        ("JAKBAR", "31.73"),
        ("jaktim", "31.75"),
        ("jakut", "31.72"),
        ("Kep. Seribu", "31.01"),
        ("kab. adm. kep. seribu", "31.01"),
        ("Kota Administrasi Jakarta Selatan", "31.74"),
        ("  jakarta   selatan!! ", "31.74"),
        ("jkt selatan", "31.74"),
        ("jkt", "31.71"),
        ("Jogja", "34.71"),
        ("yogya", "34.71"),
        ("Jogjakarta", "34.71"),
        ("sby", "35.78"),
        ("Kota Sby", "35.78"),
        ("mks", "73.71"),
        ("mdn", "12.71"),
        ("Tangsel", "36.74"),
        ("solo", "33.72"),
        ("Kabupaten Garut", "32.05"),
        ("Kab Garut", "32.05"),
        ("kab.garut", "32.05"),
        ("Toli-Toli", "72.04"),
        ("Lima Puluh Kota", "13.07"),
        ("kepulauan siau tagulandang biaro", "71.09"),
        ("surabya", "35.78"),
        ("makasar", "73.71"),
        ("jogjakarta", "34.71"),
        ("Surabáya", "35.78"),
    ],
)
def test_search_finds(regions, text, code):
    assert top_codes(regions, text, 1) == [code]


@pytest.mark.parametrize(
    ("text", "first_two"),
    [
        ("bandung", {"32.04", "32.73"}),
        ("bdg", {"32.04", "32.73"}),
        ("bandng", {"32.04", "32.73"}),
        ("bogor", {"32.01", "32.71"}),
        ("malang", {"35.07", "35.73"}),
        ("smg", {"33.22", "33.74"}),
    ],
)
def test_search_returns_kabupaten_and_kota_of_one_name(regions, text, first_two):
    assert set(top_codes(regions, text, 2)) == first_two


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("kota bandung", "32.73", "32.04"),
        ("Kab. Bandung", "32.04", "32.73"),
        ("kabupaten bandung", "32.04", "32.73"),
        ("kota bdg", "32.73", "32.04"),
        ("kota malang", "35.73", "35.07"),
        ("kab bogor", "32.01", "32.71"),
        ("kotamadya bogor", "32.71", "32.01"),
    ],
)
def test_search_prefers_the_kind_asked_for(regions, text, first, second):
    matches = regions.search(text)
    assert [m.kabkota.code for m in matches[:2]] == [first, second]
    assert matches[0].score > matches[1].score


def test_exact_match_scores_above_fuzzy(regions):
    exact = regions.search("surabaya")[0]
    fuzzy = regions.search("surabya")[0]
    assert exact.kabkota == fuzzy.kabkota
    assert exact.score == 100
    assert 0 < fuzzy.score < exact.score


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!!",
        "😀😀😀",
        "🙏🏽 🚨",
        "asdfghjkl",
        "qwertyuiop zxcvbnm",
        "saya mau lapor",
        "anak",
        "halo",
        "tidak tahu",
        "1234567",
        "kota",
        "kab.",
        "x" * 10_000,
        "🙂" * 10_000,
        "qz" * 5_000 + " bandung",
    ],
)
def test_search_garbage_finds_nothing(regions, text):
    assert regions.search(text) == []


def test_search_limit(regions):
    assert len(regions.search("jakarta", limit=5)) == 5
    assert regions.search("jakarta", limit=0) == []
    assert all(0 <= m.score <= 100 for m in regions.search("jakarta", limit=10))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("jabar", "32"),
        ("Jateng", "33"),
        ("jatim", "35"),
        ("Sumut", "12"),
        ("sulsel", "73"),
        ("Kaltim", "64"),
        ("NTT", "53"),
        ("ntb", "52"),
        ("DKI", "31"),
        ("DKI Jakarta", "31"),
        ("jakarta", "31"),
        ("jkt", "31"),
        ("DIY", "34"),
        ("jogja", "34"),
        ("Yogyakarta", "34"),
        ("Prov. Jawa Tengah", "33"),
        ("Provinsi Papua Barat Daya", "96"),
        ("sumatra utara", "12"),
        ("Bali", "51"),
    ],
)
def test_search_provinces(regions, text, code):
    assert [m.province.code for m in regions.search_provinces(text)][:1] == [code]


@pytest.mark.parametrize("text", ["", "😀", "asdfghjkl", "x" * 10_000])
def test_search_provinces_garbage(regions, text):
    assert regions.search_provinces(text) == []


@pytest.mark.parametrize(
    ("lat", "lng", "code"),
    [
        (-6.1754, 106.8272, "31.71"),  # Monas
        (-6.2444, 106.8000, "31.74"),  # Blok M
        (-7.2458, 112.7378, "35.78"),  # Tugu Pahlawan, Surabaya
        (-5.1436, 119.4070, "73.71"),  # Pantai Losari, Makassar
        (-2.5337, 140.7181, "91.71"),  # Jayapura
        (-7.8053, 110.3642, "34.71"),  # Kraton Yogyakarta
        (3.5952, 98.6722, "12.71"),  # Medan
    ],
)
def test_nearest_kabkota(regions, lat, lng, code):
    found = regions.nearest_kabkota(lat, lng)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize(
    ("lat", "lng"),
    [
        (-12.0, 100.0),  # Indian Ocean
        (-9.8, 110.4),  # 180 km south of Yogyakarta
        (-12.46, 130.84),  # Darwin
        (3.139, 101.6869),  # Kuala Lumpur
        (999.0, 0.0),
        (-6.2, 999.0),
        (89.9, 106.0),
        (math.nan, 106.8),
        (-6.2, math.inf),
    ],
)
def test_nearest_kabkota_outside_indonesia(regions, lat, lng):
    assert regions.nearest_kabkota(lat, lng) is None


def small_directory(kecamatan: list[Kecamatan]) -> RegionDirectory:
    province = Province("31", "DKI Jakarta")
    kabkota = [
        KabKota("31.71", "Kota Administrasi Jakarta Pusat", "31", "kota"),
        KabKota("31.74", "Kota Administrasi Jakarta Selatan", "31", "kota"),
    ]
    return RegionDirectory([province], kabkota, kecamatan)


def test_nearest_skips_kecamatan_without_centroid():
    directory = small_directory(
        [
            Kecamatan("31.71.01", "Gambir", "31.71"),
            Kecamatan("31.74.01", "Tebet", "31.74", -6.226, 106.858),
        ]
    )
    found = directory.nearest_kabkota(-6.1754, 106.8272)
    assert found is not None
    assert found.code == "31.74"
    assert directory.counts().kecamatan_with_centroid == 1


@pytest.mark.parametrize(
    "kecamatan",
    [
        Kecamatan("31.79.01", "Nowhere", "31.79"),
        Kecamatan("32.74.01", "Misfiled", "31.74"),
        Kecamatan("31.74.01.02", "Not a kab/kota parent", "31.74.01"),
    ],
)
def test_directory_refuses_orphans(kecamatan):
    with pytest.raises(ValueError, match=kecamatan.code.replace(".", r"\.")):
        small_directory([kecamatan])


@pytest.mark.parametrize("max_km", [0.0, -1.0, 501.0, math.nan])
def test_nearest_refuses_unreasonable_reach(regions, max_km):
    with pytest.raises(ValueError, match="max_km"):
        regions.nearest_kabkota(-6.2, 106.8, max_km=max_km)
