"""Place names as reporters type them: the kind (kabupaten or kota) before or after the name
picks the right one; a name a kabupaten and a kota share, with nothing saying which, is left
for the reporter to choose; a name that clearly means one place is taken."""

from __future__ import annotations

import pytest

from triage.domain.regions.directory import RegionDirectory
from triage.domain.regions.names import kabkota_query
from triage.storage.region_source import load_region_directory

# Every name a kabupaten and a kota share: (name, kabupaten code, kota code).
PAIRS = [
    ("Bandung", "32.04", "32.73"),
    ("Banjar", "63.03", "32.79"),  # Kab. Banjar in Kalimantan Selatan, Kota Banjar in Jawa Barat
    ("Bekasi", "32.16", "32.75"),
    ("Bima", "52.06", "52.72"),
    ("Blitar", "35.05", "35.72"),
    ("Bogor", "32.01", "32.71"),
    ("Cirebon", "32.09", "32.74"),
    ("Gorontalo", "75.01", "75.71"),
    ("Jayapura", "91.03", "91.71"),
    ("Kediri", "35.06", "35.71"),
    ("Kupang", "53.01", "53.71"),
    ("Madiun", "35.19", "35.77"),
    ("Magelang", "33.08", "33.71"),
    ("Malang", "35.07", "35.73"),
    ("Mojokerto", "35.16", "35.76"),
    ("Pasuruan", "35.14", "35.75"),
    ("Pekalongan", "33.26", "33.75"),
    ("Probolinggo", "35.13", "35.74"),
    ("Semarang", "33.22", "33.74"),
    ("Serang", "36.04", "36.73"),
    ("Solok", "13.02", "13.72"),
    ("Sorong", "96.01", "96.71"),
    ("Sukabumi", "32.02", "32.72"),
    ("Tangerang", "36.03", "36.71"),
    ("Tasikmalaya", "32.06", "32.78"),
    ("Tegal", "33.28", "33.76"),
]
KABUPATEN = [
    "Kabupaten {}", "Kab. {}", "kab {}", "{} kab", "{}, Kab.", "{} kabupaten", "KAB {}",
    "di Kab. {}", "{} kab, prov. {province}", "Kabupaten {} ({province})",
]  # fmt: skip
KOTA = [
    "Kota {}", "kota {}", "{} kota", "{} Kota", "Kotamadya {}", "kota madya {}", "{} kodya",
    "di kota {}", "Kota {}, {province}",
]  # fmt: skip
ALONE = ["{}", " {} ", "{}!", "di {}", "daerah {}"]


@pytest.fixture(scope="module")
def regions() -> RegionDirectory:
    return load_region_directory()


def province_of(regions: RegionDirectory, code: str) -> str:
    province = regions.province_of(code)
    assert province is not None
    return province.short_name


def test_the_table_holds_every_shared_name(regions: RegionDirectory) -> None:
    by_name: dict[str, set[str]] = {}
    for province in regions.provinces():
        for place in regions.kabkota_in(province.code):
            by_name.setdefault(place.base_name, set()).add(place.code)
    shared = {name for name, codes in by_name.items() if len(codes) > 1}
    assert shared == {name for name, _kab, _kota in PAIRS}


@pytest.mark.parametrize(("name", "kabupaten", "kota"), PAIRS)
@pytest.mark.parametrize("form", KABUPATEN)
def test_the_kabupaten_is_taken_when_the_text_says_so(
    regions: RegionDirectory, name: str, kabupaten: str, kota: str, form: str
) -> None:
    found = regions.match(form.format(name, province=province_of(regions, kabupaten)))
    assert found is not None and found.code == kabupaten


@pytest.mark.parametrize(("name", "kabupaten", "kota"), PAIRS)
@pytest.mark.parametrize("form", KOTA)
def test_the_kota_is_taken_when_the_text_says_so(
    regions: RegionDirectory, name: str, kabupaten: str, kota: str, form: str
) -> None:
    found = regions.match(form.format(name, province=province_of(regions, kota)))
    assert found is not None and found.code == kota


@pytest.mark.parametrize(("name", "kabupaten", "kota"), PAIRS)
@pytest.mark.parametrize("form", ALONE)
def test_a_shared_name_alone_is_left_to_choose_between_the_two(
    regions: RegionDirectory, name: str, kabupaten: str, kota: str, form: str
) -> None:
    text = form.format(name.upper() if form == "{}!" else name)
    assert regions.match(text) is None
    assert {m.kabkota.code for m in regions.search(text, limit=3)} == {kabupaten, kota}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("jaksel", "31.74"),
        ("Garut", "32.05"),
        ("surabya", "35.78"),  # a typo with nothing close to it
        ("Surabáya", "35.78"),
        ("Lima Puluh Kota", "13.07"),  # a name ending in "Kota" is a kabupaten
        ("Kab. Lima Puluh Kota", "13.07"),
        ("lima puluh kota kab", "13.07"),
        ("Bandung Barat", "32.17"),
        ("bandung barat kab", "32.17"),
        ("tangerang selatn", "36.74"),
        ("Tangsel", "36.74"),
        ("Gunung Kidul", "34.03"),
        ("di jaksel", "31.74"),
        ("Banjar, Kalsel", "63.03"),  # the province tells the two Banjars apart
        ("banjar jawa barat", "32.79"),
        ("Kab. Bandung, Jawa Barat", "32.04"),  # not Kab. Bandung Barat
        ("Bandung Barat, Jawa Barat", "32.17"),
        ("kota jambi", "15.71"),  # "Jambi" is a province too
        ("Kota Gorontalo, Gorontalo", "75.71"),
        ("Sleman DI Yogyakarta", "34.04"),
    ],
)
def test_a_name_that_clearly_means_one_place_is_taken(
    regions: RegionDirectory, text: str, code: str
) -> None:
    found = regions.match(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    "text",
    [
        "jakarta",  # five kota and a kabupaten
        "aceh",
        "lampung",
        "bandng",  # a typo close to both Bandungs
        "tasik",
        "grut",  # a weak match: asked, not taken
        "kota",
        "kab.",
        "Atlantis",
        "",
        "Bekasi, Jawa Barat",  # both Bekasis are in Jawa Barat
        "bekasi jawa tengah",  # a province with no Bekasi says nothing
        "di",
    ],
)
def test_what_is_not_clear_is_not_taken(regions: RegionDirectory, text: str) -> None:
    assert regions.match(text) is None


@pytest.mark.parametrize(
    ("text", "kind", "query"),
    [
        ("Kota Bekasi", "kota", "bekasi"),
        ("Bekasi kota", "kota", "bekasi"),
        ("bekasi kab", "kabupaten", "bekasi"),
        ("Bandung kabupaten", "kabupaten", "bandung"),
        ("kab. bandung", "kabupaten", "bandung"),
        ("Bogor kota madya", "kota", "bogor"),
        ("kab adm kep seribu", "kabupaten", "kepulauan seribu"),
        ("kep seribu kab adm", "kabupaten", "kepulauan seribu"),
        ("Bekasi", None, "bekasi"),
        ("kota", "kota", ""),
        ("Kota Kotabaru", "kota", "kotabaru"),
    ],
)
def test_the_kind_is_read_before_or_after_the_name(text: str, kind: str | None, query: str):
    assert kabkota_query(text) == (kind, query)


def test_a_whole_name_ending_in_a_kind_word_is_kept_whole() -> None:
    def is_name(key: str) -> bool:
        return key == "lima puluh kota"

    assert kabkota_query("Lima Puluh Kota", is_name) == (None, "lima puluh kota")
    assert kabkota_query("Kab. Lima Puluh Kota", is_name) == ("kabupaten", "lima puluh kota")
