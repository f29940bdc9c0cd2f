"""Rules 2026.5: concepts a fourth and a fifth development writer showed missing, each said
in several voices (Indonesian chat, regional, English) that no corpus report uses."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import RULES, YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency
from triage.domain.scoring.text_signals import find_signals

STORIES = [
    # a child who cannot be woken
    ("the boy (6) next door won't wake up since this morning, his dad hit him last night", D),
    ("anake tanggaku umur 5 ora tangi-tangi wiwit esuk, bapake mabuk", D),  # Javanese
    ("budak leutik teu hudang-hudang ti isuk, bapana mabok", D),  # Sundanese
    # too many pills, or pills and drugs with their effects
    ("adik kelas saya 14 th minum obat sakit kepala banyak banget, sekarang muntah-muntah", D),
    ("a 16 year old girl took a whole bottle of paracetamol after fighting with her mum", D),
    ("my son (15) was given pills by older boys and now he is vomiting and confused", D),
    # taken away and out of reach; a stranger to pick a child up within hours
    ("keponakan saya 13 th dijemput paksa orang tak dikenal tadi siang, tidak bisa dihubungi", D),
    ("anak gadis 15 taon dong bawa pigi ke Jayapura, hp su tra aktif", D),  # Papuan
    ("my sister's kid (8) was taken away by her dad who has no custody, we can't reach him", D),
    ("adikku 11 th janjian sama om2 dari game, mau dijemput nanti malam", D),
    # missing: not where they should be, separated, searched for
    ("bocah lanang 10 taun ilang wiwit bengi, durung mulih, wis digoleki", D),  # Javanese
    ("siswa kelas 4 tidak ada di kelas sejak istirahat, sudah dicari ke mana-mana", D),
    ("anak umur 7 tahun kesasar pas banjir, terpisah dari keluarganya sejak kemarin", D),
    # locked in; food withheld for days
    ("aku dikunciin di kamar mandi sama ibu tiri dari kemarin, laper banget", D),
    ("my stepdad locked me in the storeroom since yesterday", D),
    ("anak usia 6 tahun disuruh puasa tidak boleh makan sama sekali sudah 3 hari", D),
    # a small child alone in a public place, or crying behind a door nobody opens
    ("ada anak kecil umur 2an nangis di pinggir jalan sendirian, tidak ada orang tuanya", D),
    ("toddler alone at the bus terminal, no parent around for hours", D),
    ("bayi tetangga nangis terus dari pagi, diketok tidak ada yang buka", D),
    # a farewell message
    ("temenku nulis 'makasih buat semuanya, maaf ya selama ini, titip adikku' terus hp mati", D),
    ("she (13) texted me thank you for being my friend and asked me to take care of her cat", D),
    # signs of sexual abuse on the body
    ("ponakan 6 th ngeluh perih, celana dalamnya ada bercak darah, tinggal sama ayah tirinya", D),
    # dangerous work
    ("anak umur 10 tahun kerja di penggergajian kayu tiap hari", T),
    ("anak 11 taun tiap ari nyelam nyari kerang pake kompresor", T),
    ("kids around 12 work at the brick kiln carrying hot bricks", T),
    ("anak 13 th ikut ngaduk semen di proyek gedung, naik perancah", T),
    # taken out at night and back at dawn; shut out at night
    ("girl (12) picked up every night by an older man on a motorbike, back at dawn", T),
    ("anak 8 tahun sering diusir keluar rumah malam-malam sama bapaknya kalau mabuk", T),
    # sleeping rough with no family
    ("anak 12 tahun tidur di stasiun, orang tuanya sudah meninggal, tidak sekolah", T),
    # online strangers, gifts and secrecy
    ("my 14yo daughter gets DMs from an agency asking for bikini photos", T),
    ("om2 di game ngasih diamond ke adik 11 th, minta foto, nyuruh hapus chat", T),
    # a marriage planned; a child held by the police without a lawyer
    ("anak 15 tahun sudah dilamar, rencananya nikah bulan depan", T),
    ("anak saya 16 th ditangkap waktu demo, sudah 2 hari, belum ada pengacara", T),
    # worries that need a visit
    ("bapaknya sering banting pintu dan marah-marah, anak-anaknya ketakutan", S),
    ("anak 14 th tiga hari nggak pulang, nginep di rumah temennya, ortunya tahu tempatnya", S),
    # no harm: education, papers held by a school, property sold, over and resolved
    ("mau mengajukan edukasi bahaya bullying untuk wali murid, caranya gimana?", R),
    ("ijazahnya anak saya masih ditahan pihak sekolah karena belum lunas, ada bantuan?", R),
    ("motor kami dijual buat bayar SPP anak, ada bantuan sepeda?", R),
    ("tahun lalu anak saya pernah hilang sebentar di pasar, sudah ketemu, mau tanya parenting", R),
    ("anak saya susah bangun pagi, telat sekolah terus, ada tips?", R),
    ("balita saya tidurnya sendiri di kamar, normal gak? mau tanya psikolog", R),
    ("anak saya main game online sampai malam, gimana cara membatasinya?", R),
]


@pytest.mark.parametrize(("story", "expected"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("", D),  # nothing says anyone is there: the higher level (principle 1)
        ("balita ditinggal di rumah, ibunya pergi dari pagi", D),  # left alone
        ("the toddler has been left alone in the house since yesterday", D),
        ("balita kurus kering, tinggal sama neneknya yang sakit, jarang dikasih makan", T),
        ("ibunya bilang tidak ada uang buat ke puskesmas, anaknya demam terus", T),
        ("the toddler lives with her grandma who cannot afford food, she is very thin", T),
        ("mau tanya cara daftar KIS untuk anak saya, kemarin sakit", R),  # a plain request
    ],
)
def test_neglect_of_a_child_under_5_is_darurat_only_when_alone(
    story: str, expected: Urgency
) -> None:
    """Guideline: a child under 5 left alone is DARURAT; neglect of one who is not alone
    (no food, malnourished, sick without care) is TINGGI."""
    assert level(story, C.PENELANTARAN, age=3) is expected, codes(story, C.PENELANTARAN, age=3)


def test_a_carer_in_the_story_clears_child_alone_but_never_an_answer() -> None:
    story = "balita kurus kering, tinggal sama neneknya"
    assert "child_alone" not in codes(story, C.PENELANTARAN, age=3)
    assert level(story, C.PENELANTARAN, age=3, immediate_danger=YES) is D


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("dia dichat akun palsu di instagram, diminta foto tanpa baju", T),  # online
        ("mantannya ngancam mau nyebar foto bugilnya", T),  # a threat to spread
        ("ayah tirinya merekam dia mandi, mereka serumah", D),  # in the house
    ],
)
def test_sexual_images_are_abuse_in_contact_only_in_person(story: str, expected: Urgency) -> None:
    assert level(story, C.PORNOGRAFI, age=14) is expected, codes(story, C.PORNOGRAFI, age=14)


@pytest.mark.parametrize(
    "story",
    [
        "",
        "dia dichat akun palsu di instagram, diminta foto tanpa baju",
        "mantannya ngancam mau nyebar foto bugilnya",
        "dia cerita ke sepupunya lewat DM IG, takut bilang ibunya",
    ],
)
def test_images_with_the_maker_able_to_reach_the_child_stay_darurat(story: str) -> None:
    """The reporter answered that the maker can still reach the child: DARURAT from the
    answers alone, and words in the story (online, spread) never lower it."""
    answered = level(story, C.PORNOGRAFI, age=14, perpetrator_access=YES)
    assert answered is D, codes(story, C.PORNOGRAFI, age=14)


def test_a_child_who_watched_porn_is_no_image_of_a_child() -> None:
    story = "anak saya 11 th ketahuan nonton bokep di hp pamannya"
    assert level(story, C.PORNOGRAFI, age=11) is S


def signal_names(text: str) -> list[str]:
    return [hit.signal.name for hit in find_signals(text, RULES.scoring.text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bapaknya marah, barang dibanting", []),  # except_terms: objects, not a child
        ("anaknya dibanting ke lantai", ["physical_violence"]),
        ("anak itu dikunci di luar rumah", []),  # locked out is not locked up
        ("anak itu dikunci di kamar", ["confinement"]),
        ("ijazah anak saya ditahan sekolah", []),  # papers held by a school
        ("anak saya ditahan di polsek", ["detained"]),
        ("mau minta penyuluhan bahaya narkoba", []),  # education: a one-word negator term
        ("ponakanku mau dijual", ["trafficking"]),  # an alias read on the stem
        ("kepala sekolah bilang tangannya bengkak", ["injury"]),  # a head teacher: no head
    ],
)
def test_what_is_not_harm_and_what_still_is(text: str, expected: list[str]) -> None:
    assert signal_names(text) == expected


def test_a_day_without_food_is_not_days() -> None:
    assert "combo_starved" not in codes("anak 4 th tidak dikasih makan seharian")
    assert "combo_starved" in codes("anak 4 th tidak dikasih makan 3 hari")
