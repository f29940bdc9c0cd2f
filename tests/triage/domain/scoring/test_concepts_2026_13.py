"""Rules 2026.13: concepts a fifteenth development writer showed missing (emergencies buried in
long messages, children writing for themselves, harm known from outside, time, Sundanese,
Javanese and Malay words) and contrasts that must not be raised. Each is said here in words no
corpus report uses, with a neighbour of the same words that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import NO, C, D, R, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # does not wake after a push or a fall
    ("ponakan saya 6 th ditendang omnya sampai jatuh dari teras, sekarang gak bangun2", D),
    ("my nephew fell off the bunk bed after his stepdad shoved him and he won't wake", D),
    # tied to a bed; rope marks
    ("anak tetangga 8 th tiap siang diikat ke ranjang sama ayahnya biar gak main", D),
    ("di kaki bocah itu ada bekas ikatan, katanya sering diiket di dapur", D),
    # someone who comes into the room at night and touches
    ("paman tiri aku masuk ke kamar tengah malam terus pegang2 badan aku", D),
    # "still in the same house" whoever else died
    ("cucu saya 13 th dicabuli kakeknya, neneknya sudah meninggal, mereka masih serumah", D),
    # taken off by someone known online, out of reach
    ("adik aku 14 th diajak kenalan dari game ke luar kota, hp nya mati sejak tadi", D),
    # not home since a prayer time, the child named further off than the near window
    ("anak saya 7 tahun sejak ashar tidak ada kabar, hpnya juga tidak dibawa", D),
    # a threat to kill with a time within hours
    ("suami kakak saya bilang nanti sore mau bunuh anaknya yang 9 tahun", D),
    # a wedding this week, said further off
    ("anak kami kelas 9 dinikahkan sama juragan sapi, akadnya sabtu ini di balai desa", D),
    # a goodbye, then silence
    ("sahabatku 16 th nulis status 'aku pamit ya semuanya', pesan gak dibalas dari tadi", D),
    # breathing hard and fast in a sick small child
    ("balita tetangga demam tinggi, nafasnya ngos ngosan dan bibirnya kering", D),
    # no food, said plainly, for days, two children alone
    ("dua bocah 3 th dan 6 th ditinggal bapaknya 4 hari, gak ada makan di rumah", D),
    # Sundanese: a small child left alone; Javanese: abuse by a relative in the same house
    ("orok umurna 2 taun ti isuk ditinggalkeun nyalira, indungna indit ka pasar", D),
    ("bocah wedok 9 taun diperkosa paklike sing manggon seomah", D),
    # Javanese and Sundanese: a threat to kill tonight; not waking after a push
    ("mengko bengi bapake arep mateni anake sing umur 9", D),
    ("engke peuting bapana rek maehan budakna nu umur 8", D),
    ("bocah 7 th didorong bapake nganti tiba, ora tangi tangi", D),
]

HIGH = [
    # a child meeting men, someone else arranging it or taking the money
    ("ada siswi SMA tiap sabtu ketemu om om di hotel, temannya yang terima uang", T),
    # images shared in a chat group
    ("foto bugil keponakan saya 13 th di-share di grup angkatan sama mantannya", T),
    # an adult asking a child for nudes
    ("a man in my son's gaming group keeps asking him for nudes, he is 11", T),
    # past abuse whose abuser's access is not stated
    ("dua tahun lalu anak saya 9 th dilecehin sepupunya waktu acara keluarga", T),
    # sexual abuse said in chat forms, the abuser moved away
    ("guru ngaji yang dulu nyabuli murid2 sudah pindah ke luar kota", T),
    # Sundanese: a marriage next month; Javanese: a young child begging at night
    ("budak awewe 14 taun rek dikawinkeun bulan hareup", T),
    ("bocah umur 6 dikon ngamen nganti wengi neng terminal", T),
]

WORRIES = [
    ("bocah itu sering kena maki bapaknya di depan tetangga", S),
    ("anak sebelah jarang sekali terlihat di luar sejak pindah", S),
    ("anak 13 th itu ngamen di lampu merah tiap siang, sore pulang ke rumah", S),
]


# a missing child "taken by a ghost" is missing: a ghost is no scene of a story (not a negator)
FOLK_BELIEF = [("kata warga bocah itu dibawa hantu, dicari sejak sore belum ketemu", D)]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES + FOLK_BELIEF)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_still_near_keeps_past_abuse_ongoing() -> None:
    story = "tahun lalu anak saya 8 th dicabuli tetangga, orangnya masih tinggal di gang kami"
    assert level(story, C.KEKERASAN_SEKSUAL) is D, codes(story, C.KEKERASAN_SEKSUAL)


def test_the_story_raises_a_no_answered_for_access() -> None:
    story = "om tiri aku suka masuk kamar malem2 terus grepe aku, dia tinggal disini"
    assert level(story, perpetrator_access=NO) is D


@pytest.mark.parametrize(
    "story",
    [
        # a fall with a child who got up; sleeping in
        "anak saya jatuh dari sepeda tadi, langsung bangun dan main lagi",
        "anak saya susah bangun pagi, minta tips biar semangat sekolah",
        # a threat in jest, or with no time
        "anak saya dibilang temannya 'nanti malam gw bunuh lo' pas main game, cuma becanda",
        # cutting hair or slaughtering a goat this afternoon is no threat to kill
        "nanti sore bapak mau potong rambut anak saya yang 5 tahun",
        "nanti sore mau nyembelih kambing, anak anak mau nonton",
        # a scene of a film, a short story, a study
        "anak saya takut habis nonton adegan orang dikurung di film, minta saran",
        "bocah saya bikin cerpen tentang penculik anak, ada lomba cerpen?",
        "saya menyusun skripsi tentang pasung, boleh minta data?",
        # locked out, not locked in
        "masa kecil saya, kakak dan saya dikunci di luar kalau ayah mabuk; kami baik baik saja",
        # the abuser gone back far away, the bruise gone
        "tahun lalu adik saya dipukul om, sempat memar, omnya sudah kembali ke Sumatra",
        # "every day" is no days without food
        "anak tetangga 4 th tiap hari minta makan ke warung, ibunya di rumah",
        # the police let the child go
        "anak saya 16 th sempat dibawa ke polsek karena balap liar lalu dilepas malam itu",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "Decades ago, when I was a child, my uncle abused me; I'd like to know about therapists",
        "Kula sakniki umur 60, biyen pas cilik kula dipukuli bapak, pengin takon konseling",
    ],
)
def test_the_reporters_own_childhood_with_a_question_is_a_request(story: str) -> None:
    assert level(story) is R, codes(story)


def test_one_man_who_takes_money_is_no_child_offered_to_men() -> None:
    story = "om saya datang ke rumah, dia yang terima uang sewa, anak saya 8 th"
    assert level(story) in (S, R), codes(story)
    assert level("om om datang ke kos tiap malam, temannya yang terima uang, anak 15 th") is T
