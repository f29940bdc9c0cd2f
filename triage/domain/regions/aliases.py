"""The words people write around and instead of region names: kinds ("Kab.", "Kota"), province
words, short forms ("jaksel", "jogja"), provinces' everyday names. Data only."""

from __future__ import annotations

from typing import Literal

KabKotaKind = Literal["kabupaten", "kota"]

# Longest first: "kota madya" before "kota".
KIND_WORDS: dict[tuple[str, ...], KabKotaKind] = {
    ("kabupaten", "administrasi"): "kabupaten",
    ("kab", "administrasi"): "kabupaten",
    ("kab", "adm"): "kabupaten",
    ("kota", "administrasi"): "kota",
    ("kota", "adm"): "kota",
    ("kota", "madya"): "kota",
    ("kabupaten",): "kabupaten",
    ("kab",): "kabupaten",
    ("kota",): "kota",
    ("kotamadya",): "kota",
    ("kodya",): "kota",
}
PROVINCE_WORDS = frozenset({"provinsi", "propinsi", "prov", "prop"})
# Everyday short forms, replaced word by word before matching (in queries and in names).
WORD_ALIASES = {
    "kep": "kepulauan",
    "jkt": "jakarta",
    "jaksel": "jakarta selatan",
    "jakpus": "jakarta pusat",
    "jakbar": "jakarta barat",
    "jaktim": "jakarta timur",
    "jakut": "jakarta utara",
    "jogja": "yogyakarta",
    "jogya": "yogyakarta",
    "yogya": "yogyakarta",
    "jogjakarta": "yogyakarta",
    "djogja": "yogyakarta",
    "solo": "surakarta",
    "bdg": "bandung",
    "sby": "surabaya",
    "smg": "semarang",
    "mks": "makassar",
    "mdn": "medan",
    "plg": "palembang",
    "dps": "denpasar",
    "tangsel": "tangerang selatan",
}
# Whole-query names of provinces by code, besides their official names.
PROVINCE_ALIASES = {
    "11": ("nad", "nanggroe aceh darussalam"),
    "12": ("sumut",),
    "13": ("sumbar",),
    "16": ("sumsel",),
    "19": ("babel", "bangka belitung"),
    "21": ("kepri",),
    "31": ("dki", "dki jakarta", "jakarta"),
    "32": ("jabar",),
    "33": ("jateng",),
    "34": ("diy", "di yogyakarta", "yogyakarta"),
    "35": ("jatim",),
    "52": ("ntb",),
    "53": ("ntt",),
    "61": ("kalbar",),
    "62": ("kalteng",),
    "63": ("kalsel",),
    "64": ("kaltim",),
    "65": ("kaltara",),
    "71": ("sulut",),
    "72": ("sulteng",),
    "73": ("sulsel",),
    "74": ("sultra",),
    "76": ("sulbar",),
    "82": ("malut",),
    "92": ("pabar", "papbar"),
    "93": ("papsel",),
    "94": ("papteng",),
    "95": ("pappeg",),
    "96": ("pbd",),
}
# Words before a place name that are not part of it: "di Bekasi", "daerah Garut".
LEADING_WORDS = frozenset({"di", "daerah", "wilayah", "kawasan", "sekitar"})
