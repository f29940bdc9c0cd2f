"""Rules 2026.7: concepts a seventh development writer showed missing, each said in several
voices (clinical, Indonesian chat, Javanese, Papuan Malay, English) that no corpus report
uses, and how the reader takes capitals, emoji and styled letters."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import NO, RULES, C, D, R, S, T, codes, facts, level
from triage.domain.model import Urgency
from triage.domain.scoring.assess import assess
from triage.domain.scoring.text_signals import find_signals
from triage.domain.scoring.words import stem, tokens

STORIES = [
    # struggling to breathe, as a nurse or a parent sees it
    ("bayi tetangga umur 8 bulan napasnya tersengal-sengal, ibunya belum mau ke bidan", D),
    ("balita di posko, bibirnya membiru dan nafas cepat sekali sejak subuh", D),
    ("pasien anak 3 th datang dengan sianosis dan retraksi dada, keluarga minta pulang", D),
    ("my neighbour's toddler is gasping for air and his lips are turning blue", D),
    # a venomous snake bite
    ("anak 10 taun dicokot ulo neng sawah, sikile abuh, mung digowo menyang dukun", D),
    ("bocah umur 8 digigit ular waktu cari kayu, sekarang kakinya bengkak biru", D),
    ("a boy of 11 on the plantation was bitten by a snake this morning, no clinic nearby", D),
    # reduced consciousness and fractures in clinical words
    ("An. S, 4 th, rujukan dengan penurunan kesadaran, riwayat dipukul ayah tiri", D),
    ("anak 7 tahun tampak letargi, dehidrasi berat, orang tua menolak rawat inap", D),
    ("siswa 13 th kesadaran menurun setelah dikeroyok kakak kelas di belakang sekolah", D),
    ("hasil rontgen: fraktur lengan kanan pada anak 6 tahun, ibu bilang jatuh dari tangga", D),
    # a limb swollen and bent, or that cannot be moved
    ("kaki kirinya bengkak sekali dan bengkok habis ditendang pamannya", D),
    ("after the beating his arm is swollen and he cannot move it", D),
    ("lengannya tidak bisa digerakkan setelah ditarik paksa bapaknya", D),
    # tied to a post or by the legs, padlocked, fed through a hole
    ("adik 5 th diikat di pohon pakai tambang karena nakal, dari pagi", D),
    ("bocah kuwi dicancang neng cagak omah dening mbahe", D),  # Javanese
    ("her parents tied her to the bed so she would not run off", D),
    ("dong kunci dia di gudang pakai gembok, makan lewat lubang di dinding", D),  # Papuan
    # a young child with no one after a disaster
    ("setelah gempa ada balita 3 tahun di tenda pengungsian tanpa pendamping", D),
    ("a toddler at the shelter is unaccompanied, her family has not been found", D),
    # a child not home for hours, named further off
    (
        "anak sulung saya yang kelas 4 tadi pamit main bola ke lapangan, sampai sekarang "
        "magrib sudah lewat belum pulang juga",
        D,
    ),
    ("our daughter left for school at seven and has been missing for hours", D),
    # sexual abuse with the abuser in the house, in Javanese krama
    ("lare estri menika dipun lecehke pakdhenipun, pakdhenipun taksih manggen setunggal griya", D),
    # a child kept as a maid
    ("anak 13 tahun dari desa dijadikan pembantu di rumah juragan, tidak digaji", T),
    ("they brought a 12-year-old girl from the village to work as a maid, she never goes out", T),
    # begging for donations, scavenging, quotas, and night told by the clock
    ("bocah-bocah umur 8 bawa kotak amal keliling warung sampai jam 11 malam", T),
    ("anak 9 tahun memulung botol plastik dari jam 9 malam, disuruh setor ke bapaknya", T),
    ("little kids go scavenging at the dump after 10 pm every night", T),
    # a child in a police cell with adults, or without counsel
    ("anak 16 tahun dimasukkan ke sel tahanan bersama tahanan dewasa", T),
    ("the 15-year-old is held in a police cell, no parent and no legal aid yet", T),
    # medical care refused for a sick or hurt child
    (
        "anak 9 tahun tangannya luka bernanah, bapaknya menolak bawa ke puskesmas",
        T,
    ),
    # a disabled child without care: deaf, mute, blind said in other words
    ("anak tuli 11 tahun tidak terurus sejak ibunya meninggal, makan tidak teratur", T),
    # what is no harm, or over
    ("anak saya 8 tahun habis nonton berita penculikan, takut ke sekolah, mau tanya konseling", R),
    ("waspada penculikan anak! ini pesan berantai, apakah benar? mohon konfirmasi", R),
    ("anak saya 10 th epilepsi, kejang sudah terkontrol, mau tanya bantuan obat gratis", R),
    ("kami pasangan menikah 6 tahun belum dikaruniai anak, mau tanya prosedur adopsi", R),
    ("saya dulu anak jalanan, sekarang ingin jadi relawan, bagaimana mendaftar?", R),
]


@pytest.mark.parametrize(("story", "expected"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "TOLONG!!! ANAK TETANGGA UMUR 6 DIPUKULI SAMPAI PINGSAN",
        "anak tetangga umur 6 😭😭dipukuli🙏 sampai pingsan😱",
        "𝗔𝗡𝗔𝗞 𝗧𝗘𝗧𝗔𝗡𝗚𝗚𝗔 𝗨𝗠𝗨𝗥 𝟲 𝗗𝗜𝗣𝗨𝗞𝗨𝗟𝗜 𝗦𝗔𝗠𝗣𝗔𝗜 𝗣𝗜𝗡𝗚𝗦𝗔𝗡",  # a forwarded message
        "ａｎａｋ tetangga umur ６ dipuku\u200bli sampai ｐｉｎｇｓａｎ",
    ],
)
def test_capitals_emoji_and_styled_letters_are_read_as_plain_text(story: str) -> None:
    assert level(story) is D, codes(story)
    assert "text_grave_harm" in codes(story)


def test_a_styled_letter_is_read_and_an_emoji_separates_words() -> None:
    assert tokens("𝗞𝗘𝗝𝗔𝗡𝗚²🤒dan") == ["kejang2", "dan"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("tirinipun", "tiri"), ("tanganipun", "tangan"), ("simbahipun", "simbah"),
     ("sekalipun", "sekali")],
)  # fmt: skip
def test_the_krama_suffix_is_read_like_nya(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_a_child_sent_home_by_the_police_is_not_held() -> None:
    """Guideline: a child held by the police without a parent or lawyer is TINGGI; a child in
    conflict with the law who is not detained is SEDANG."""
    held = "anak saya 15 tahun ditahan di polsek sejak kemarin, belum ada pengacara"
    sent_home = "anak saya 15 tahun sempat dibawa ke polsek, malamnya dipulangkan"
    assert level(held, C.BERHADAPAN_HUKUM) is T, codes(held, C.BERHADAPAN_HUKUM)
    assert level(sent_home, C.BERHADAPAN_HUKUM) is S, codes(sent_home, C.BERHADAPAN_HUKUM)


def test_the_abuser_held_is_not_a_child_held() -> None:
    story = "minggu lalu anak itu dipukul, bapaknya sudah ditahan polisi, mau tanya kabarnya"
    assert "text_detained" not in codes(story)


def test_a_parent_working_away_leaves_a_neglected_toddler_in_care_unless_alone() -> None:
    in_care = "balita 2 tahun gizi buruk, tinggal sama neneknya, ibunya merantau ke Malaysia"
    alone = "balita 2 tahun gizi buruk, ibunya merantau, sering sendirian di rumah"
    assert level(in_care, C.PENELANTARAN, age=2) is T, codes(in_care, C.PENELANTARAN, age=2)
    assert level(alone, C.PENELANTARAN, age=2) is D, codes(alone, C.PENELANTARAN, age=2)


def test_an_older_child_alone_at_home_is_neglect_not_an_emergency() -> None:
    story = "anak tetangga kelas 2 tiap siang sampai malam sendirian di rumah, ortunya kerja"
    assert level(story, age=8) is S, codes(story, age=8)
    assert level(story, age=3) is D, codes(story, age=3)  # a young child left alone


def test_out_of_school_is_a_worry_without_points() -> None:
    found = assess(facts("anak-anak di dusun kami tidak sekolah, gurunya jarang datang"), RULES)
    assert found.urgency is S
    assert [(r.code, r.points) for r in found.reasons if r.code == "text_worrying_signs"] == [
        ("text_worrying_signs", 0)
    ]


def test_images_sent_by_phone_by_an_abuser_who_was_dismissed_are_no_emergency() -> None:
    """Guideline: child pornography or grooming where the abuser's access has ended is
    TINGGI; sent by phone, it is not made in person."""
    story = "pelatih anak saya kirim video porno lewat WA, pelatihnya sudah diberhentikan"
    found = level(story, C.PORNOGRAFI, age=12, perpetrator_access=NO)
    assert found is T, codes(story, C.PORNOGRAFI, age=12, perpetrator_access=NO)


def test_a_pregnant_girl_who_will_not_name_the_father_is_no_abuse_in_contact() -> None:
    story = "siswi 15 tahun hamil, tidak mau menyebutkan siapa pelakunya, orang tua marah"
    assert level(story, age=15) is T, codes(story, age=15)


def signal_names(text: str) -> list[str]:
    return [hit.signal.name for hit in find_signals(text, RULES.scoring.text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anak-anak disuruh semprot racun hama di kebun", []),  # work, not poisoning
        ("anaknya minum racun hama", ["suicide_self_harm"]),  # still DARURAT
        ("kakinya lumpuh, tidak bisa jalan sejak lahir", []),
        ("habis dipukul dia tidak bisa jalan", ["physical_violence", "grave_harm"]),
        ("ada isu penculikan di grup sekolah", []),
        ("anak saya diculik", ["missing_child"]),
        ("dipukul pakai ikat pinggang di kakinya", ["physical_violence"]),  # a belt, not tied
    ],
)
def test_what_is_not_harm_and_what_still_is(text: str, expected: list[str]) -> None:
    assert signal_names(text) == expected
