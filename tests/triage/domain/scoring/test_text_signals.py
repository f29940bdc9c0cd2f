"""Text signals in Indonesian descriptions: slang, stems, negation, nearness to a child."""

from __future__ import annotations

import pytest

from triage.domain.scoring.text_signals import find_signals, read_text, stem, tokens
from triage.storage.rules_source import load_default_rules

TEXT_RULES = load_default_rules().scoring.text


def signals(text: str) -> list[tuple[str, str]]:
    return [(hit.signal.name, hit.term) for hit in find_signals(text, TEXT_RULES)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # colloquial -in forms, which the stemmer leaves alone, are in the lexicon as written
        ("anak tetangga sering dipukulin bapaknya", [("physical_violence", "dipukulin")]),
        ("adiknya digebukin sama pamannya", [("physical_violence", "digebukin")]),
        ("dia nyabulin keponakannya", [("sexual_violence", "nyabulin")]),
        ("katanya mau bundir", [("suicide_self_harm", "bundir")]),
        ("bocah itu ngelem tiap malam", [("substance_use", "ngelem")]),
        # stems: one lexicon entry covers the affixed forms
        ("ibunya menyiksa dia", [("physical_violence", "menyiksa")]),
        ("ada penyiksaan di rumah itu", [("physical_violence", "penyiksaan")]),
        ("dia mencabuli muridnya", [("sexual_violence", "mencabuli")]),
        ("korban pemerkosaan", [("sexual_violence", "pemerkosaan")]),
        ("anak itu dirudapaksa", [("sexual_violence", "dirudapaksa")]),
        ("anak itu disetubuhi pamannya", [("sexual_violence", "disetubuhi")]),
        ("dia dirundung teman sekelas", [("psychological_violence", "dirundung")]),
        ("anaknya ditelantarkan", [("neglect", "ditelantarkan")]),
        # multi-word terms, capitals and punctuation
        ("Dia pernah mencoba BUNUH DIRI.", [("suicide_self_harm", "bunuh diri")]),
        ("anak saya takut pulang", [("afraid_to_go_home", "takut pulang")]),
        ("nge-lem di pinggir jalan", [("substance_use", "nge lem")]),
        ("dinikahkan secara nikah siri umur 14", [("child_marriage", "dinikahkan")]),
        # reduplication
        ("dia dimaki-maki setiap hari", [("psychological_violence", "dimaki maki")]),
    ],
)
def test_harm_words_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert signals(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "anak itu tidak dipukul",
        "nggak pernah dipukul",
        "bukan diperkosa, tapi diganggu",
        "dia tak pernah disiksa",
        "gak dipukulin kok",
        "ga dihajar",
        "enggak sampai",  # a negator with nothing after it
        "belum pernah dicabuli",
        "jangan dipukul",
    ],
)
def test_negated_terms_do_not_count(text: str) -> None:
    assert signals(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a breaker between the negator and the term keeps the term
        ("tidak hanya dipukul tapi juga disiksa", ["physical_violence"]),
        ("saya tidak tahu dia dipukul atau bukan", ["physical_violence"]),
        # negation stops at a comma and does not reach past three words
        ("tidak, dia dipukul", ["physical_violence"]),
        ("tidak ada yang tahu kalau dia dipukul", ["physical_violence"]),
        # an unnegated second mention still counts
        ("kemarin tidak dipukul, hari ini dipukul lagi", ["physical_violence"]),
    ],
)
def test_negation_has_limits(text: str, expected: list[str]) -> None:
    assert [name for name, _ in signals(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("adiknya mau dijual", ["trafficking"]),
        ("motornya dijual", []),
        ("Motornya dijual. Anak saya sedih.", []),  # the child word is in another sentence
        ("open BO anak umur 15", ["sexual_exploitation"]),
        ("dia open BO, umurnya 14", ["sexual_exploitation"]),  # "umur 14" counts as a child
        ("tante itu open BO", []),
        ("anak saya kabur", ["afraid_to_go_home"]),
        ("pandangannya kabur", []),
        ("siswi SMP itu hamil", ["sexual_violence"]),
        ("istrinya hamil tua", []),
        ("ditelantarkan, balita sendirian di rumah", ["neglect", "young_child_alone"]),
        ("bayinya dibuang di tempat sampah", ["neglect", "young_child_alone"]),
        ("remaja itu tinggal sendirian", []),  # sendirian needs a young child
    ],
)
def test_ambiguous_words_need_a_child_nearby(text: str, expected: list[str]) -> None:
    assert [name for name, _ in signals(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "pukul 10 malam anaknya belum pulang",  # pukul = o'clock
        "Siti Hajar anaknya sakit",  # a name, not dihajar
        "tubuh anak itu kurus",  # disetubuhi stems to tubuh; tubuh is not in the lexicon
        "ibunya berjualan kue, anaknya membantu",
        "dipukuul",  # misspelling: never fuzzy-corrected
        "",
    ],
)
def test_everyday_words_are_not_signals(text: str) -> None:
    assert signals(text) == []


def test_one_hit_per_signal_in_lexicon_order() -> None:
    found = signals("dia dipukul, ditampar, lalu bilang mau bunuh diri")
    assert found == [("physical_violence", "dipukul"), ("suicide_self_harm", "bunuh diri")]


def test_tokens_keep_clause_marks_and_stem_is_cached() -> None:
    assert tokens("Dia dipukul, lalu kabur!") == ["dia", "dipukul", ",", "lalu", "kabur", "!"]
    assert stem("dipukul") == "pukul"
    assert stem("dipukulin") == "dipukulin"
    assert stem("balitanya") == "balita"
    assert stem.cache_info().hits > 0 or stem("dipukul") == "pukul"


def test_chat_forms_and_aliases_are_read_as_words_and_shown_as_written() -> None:
    reading = read_text("anak umur 3an kejang2, gk sadar skrg", TEXT_RULES)
    assert reading.words == ["anak", "umur", "3", "kejang", ",", "tidak", "sadar", "sekarang"]
    assert reading.written[2:4] == ["3an", "kejang2"]
    assert signals("anak umur 3an kejang2, gk sadar") == [("grave_harm", "kejang2")]
    assert [(hit.signal.name, hit.term) for hit in find_signals("dia gk sadar", TEXT_RULES)] == [
        ("grave_harm", "gk sadar")
    ]


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("anak 4 tahun ditinggal", {"under_5", "young", "under_12"}),  # child word, number, unit
        ("umur 2", {"baby", "under_5", "young", "under_12"}),
        ("sudah 2 tahun", set()),  # a number of years is not an age by itself
        ("umur 15", set()),
    ],
)
def test_ages_in_the_text(text: str, lists: set[str]) -> None:
    found = read_text(text, TEXT_RULES).found
    assert {name for name in ("baby", "under_5", "young", "under_12") if name in found} == lists


def test_a_negator_that_begins_a_term_negates_nothing_after_it() -> None:
    found = read_text("anak itu tidak dikasih makan berhari-hari", TEXT_RULES).found
    assert "days" in found and "no_food" in found
    assert "days" not in read_text("tidak berhari-hari", TEXT_RULES).found
