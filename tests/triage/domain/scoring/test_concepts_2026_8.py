"""Rules 2026.8: concepts an eighth development writer showed missing, each said in several
voices (Jakarta slang, gamers, code-mixing, parents' groups, English as a second language)
that no corpus report uses, and the ages the reader now takes from English and chat."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, R, S, T, codes, level
from triage.domain.model import Urgency
from triage.domain.scoring.words import tokens

STORIES = [
    # bleeding that will not stop; a child who does not wake though woken
    ("adik sepupu 8 th jatuh dr motor, kepalanya darahnya gak mau berhenti", D),
    ("my son cut his hand on glass and the bleeding won't stop", D),
    ("bocah 6 thn abis minum sirup batuk sebotol, tidur gak bangun2 walo udh digoyang2", D),
    # a plan or a last goodbye in chat words, self-harm abbreviated
    ("temen sekelas gw (15) story ig: 'makasih semua, besok aku udah gak ada'", D),
    ("adek gw nyiapin tali di kamarnya, dia bilang capek", D),
    ("my 14 yo said she wants to unalive herself tonight", D),
    ("ponakan 13 th relapse sh lagi semalem, tangannya penuh luka", D),
    # a call for help with the harm now after it
    ("tolongin bang, bocil sebelah digebukin bapaknya sekarang", D),
    # a brawl with weapons within hours or days
    ("anak2 STM mau tubir nanti malam, bawa sajam semua, adik saya ikut", D),
    ("my nephew (16) and his school gang plan a brawl tomorrow, they have machetes", D),
    # a child going to meet someone known online within hours
    ("anak sy 13 th diam2 janjian kopdar sama om2 kenalan dr discord nanti sore", D),
    ("our daughter is meeting a guy from roblox tonight, she is 12", D),
    # children trapped by a flood, fire or collapse
    ("kebakaran di gang 5, ada 2 anak kecil masih terjebak di lantai atas", D),
    ("the flood is rising and three kids are trapped on the roof next door", D),
    # a child under 5 for whom nobody has come
    ("ibunya dibawa ambulans tadi siang, balitanya di kontrakan belum ada yang datang", D),
    ("neighbour arrested last night, her 3yo is in the flat and nobody has come", D),
    # a child's pregnancy; a marriage months away
    ("anak tetangga 13 th udah telat haid 3 bulan, katanya sering main ke kos cowo", T),
    ("bokapnya mau nikahin anaknya yg 14 th sama juragan sapi, 2 bulan lagi", T),
    # a young child filmed late at night; live-stream begging
    ("bocil 7 tahun tiap hari bikin konten sampai jam 11 malam disuruh omnya", T),
    ("anak 10 th disuruh live ngemis minta gift di tiktok sampai tengah malam", T),
    # a child held by the police, in chat
    ("adek gw 16 th ditangkep polisi semalem, blm ada pengacara", T),
    # online gambling, loan sharks, disordered eating: worries
    ("anakku 15 th ketagihan judi online, tabungannya habis", S),
    ("my 13 yo keeps betting on football with her phone credit", S),
    ("anak sy 16 th diet ekstrem, sengaja muntah tiap habis makan", S),
    # what is no harm, or over
    ("ada anak kucing dijual murah di grup wkwk. btw mau tanya jam layanan kantor", R),
    ("quick question: is there free speech therapy for a 4 year old?", R),
]


@pytest.mark.parametrize(("story", "expected"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "a 2-year-old left alone in the car at the mall",
        "my 3yo was left alone at home all afternoon",
        "ada anak usia sekitar 4 tahun sendirian di terminal",
        "adeknya 2 th ditinggal sendirian di kamar",
    ],
)
def test_an_age_said_in_english_glued_or_hedged_is_read(story: str) -> None:
    assert level(story) is D, codes(story)


def test_a_number_glued_to_an_age_unit_is_two_words() -> None:
    assert tokens("my 14yo, 5thn, 3an") == ["my", "14", "yo", ",", "5", "thn", ",", "3an"]


def test_an_ordinal_or_a_number_of_years_is_no_age() -> None:
    assert level("we lived on the 14th floor for 2 years, now need school info") is R


def test_the_adults_own_marriage_is_no_child_marriage() -> None:
    story = "my husband slapped our 12 yo once, no mark, he promised never again"
    assert "combo_marriage_arranged" not in codes(story, C.KEKERASAN_FISIK)


def test_a_photo_sent_to_a_chat_group_is_no_trafficking() -> None:
    story = "anak sy dihukum guru, difoto lalu dikirim ke grup wali murid"
    assert "text_trafficking" not in codes(story, C.KEKERASAN_PSIKIS, age=9)


def test_a_transferred_abuser_has_no_access() -> None:
    story = "anak sy dulu dilecehkan pelatih, pelatihnya sudah dimutasi ke kota lain"
    assert "perpetrator_access_from_story" not in codes(story, C.KEKERASAN_SEKSUAL, age=10)


def test_a_brawl_without_weapons_or_a_time_ahead_is_a_worry() -> None:
    assert level("anak saya 15 th dulu pernah ikut tawuran, sekarang sudah tobat") is not D
    assert level("adik saya 14 th ikut tawuran minggu lalu, tidak ada yang luka") is S
