"""Rules 2026.15: concepts a seventeenth and an eighteenth development writer showed missing
(answers and story that disagree, "Lainnya" chosen; how the danger is said) and calm cases in
the same words that must not be raised. Each is said here in words no corpus report uses,
with a neighbour of the same words that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency
from triage.domain.scoring.text_signals import read_text
from triage.storage.rules_source import load_default_rules

TEXT_RULES = load_default_rules().scoring.text

EMERGENCIES = [
    # a baby's age in months, the baby alone
    ("saya lewat, ada anak usia 7 bulan ditinggal tidur di ayunan, rumahnya kosong", D),
    ("my neighbour's 9 months old is alone in the flat, I can hear him", D),
    # a child shut in a car
    ("anak umur 6 tahun ditinggal di dalam mobil di parkiran, mesin mati, sudah setengah jam", D),
    ("a kid has been left in the car in the supermarket car park for an hour", D),
    # shut out of the house in rain or cold, still outside now
    ("adik 8 thn diusir dari rumah sama bapaknya, sekarang masih di luar kehujanan", D),
    # blood that will not stop, said further off
    ("anak saya jatuh dari motor, lututnya sobek, darah masih mengucur dan tidak mau berhenti", D),
    ("my son cut his leg on glass and the blood keeps coming, it won't stop", D),
    # a belly swollen and hard after a blow
    ("keponakan 6 th habis ditendang om nya, perutnya bengkak dan keras, mukanya pucat", D),
    # a child left alone for days, older than 5
    ("anak 8 tahun ditinggal sendirian di kontrakan sudah 4 hari, ibunya tidak bisa dihubungi", D),
    # children sold and to be delivered to a hotel within hours
    (
        "ada dua cewek umur 14 di kos itu, kata temannya sudah ditawarin lewat aplikasi, nanti malam dianter ke hotel",
        D,
    ),
    # school staff who still see the child
    ("murid kelas 2 dicabuli satpam sekolah, laporan ke kepala sekolah belum ditanggapi", D),
    # Banjar: not fed for days
    ("anak kecil di sebelah kada dibari makan sudah dua hari, menangis terus", D),
]

HIGH = [
    # glue sniffed, said as a verb
    ("bocah 11 th tiap sore ngisep aibon di gorong2", T),
    # a threat to post images, in English
    ("a man threatens to post my 15 year old daughter's nudes online", T),
    # parents whose whereabouts nobody knows, a child sleeping rough
    ("bocah 9 tahun tidur di emperan toko, orang tuanya tidak jelas di mana", T),
    # loading at a port
    ("anak 12 tahun jadi kuli pelabuhan angkat barang sampai malam", T),
    # pictures of pupils in their underwear kept by an adult
    ("penjaga asrama ketahuan menyimpan foto santri pakai celana dalam di hpnya", T),
    # Minang: a young child made to busk until midnight
    ("anak 8 tahun disuruah mangamen sampai tangah malam", T),
]

WORRIES = [
    # screams or crying heard from a house, nothing grave
    ("tiap malam kedengeran teriak dari rumah itu, ada anak kecil di sana", S),
    ("saya sering denger suara barang pecah dari rumah sebelah, ada anak SD", S),
    # a child reported to the police, not held
    ("anak saya 16 th dilaporin ke polisi sama tetangga gara2 berantem", S),
    # a shaming punishment
    ("guru olahraga menjemur anak saya di lapangan sambil disorakin teman2nya", S),
    # Javanese mockery
    ("bocah kuwi saben dina dipoyoki kancane nganti ora gelem sekolah", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # pretending and a drill
        "di TK ada latihan evakuasi, anak2 pura-pura pingsan terus ditandu",
        # a nosebleed from sport: an injury, not grave harm
        "anak saya mimisan waktu main bola, sekarang sudah berhenti",
        # locking up threatened
        "pengasuhnya bilang nanti dikurung di kamar mandi kalau nakal, belum pernah dilakukan",
        # a kidnapping mission in a game
        "anak saya main game yang ada misi culik sandera, aman gak ya",
        # a car, with a parent inside
        "anak saya tidur di mobil, saya duduk di sebelahnya, mau tanya kursi bayi",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a paper the child lacks is the paper asked for
        "anak saya 3 tahun belum punya akta, lahir di rumah, mau urus",
        # the parents' own unregistered marriage
        "orang tuanya nikah siri, anak mau dimasukkan ke KK gimana syaratnya",
        # the reporter married off as a child long ago
        "saya dulu dinikahkan umur 16, sekarang anak saya mau kuliah, ada beasiswa?",
        # poison learnt about at school
        "anak saya tanya tanaman apa yang beracun buat tugas sekolah, ada bukunya?",
        # a small burn healed
        "dulu anak saya luka bakar ringan kena setrika, sudah sembuh, mau tanya bpjs",
    ],
)
def test_requests_in_the_same_words_stay_requests(story: str) -> None:
    assert level(story) is R, codes(story)


def test_no_wound_seen_is_no_injury() -> None:
    assert "injured_from_story" not in codes("anaknya sering dimarahi, tapi tidak kelihatan luka")


def test_javanese_never_hit_is_no_beating() -> None:
    story = "bapake galak, bengok2 terus, nanging ora tau mukul"
    assert "text_physical_violence" not in codes(story, C.KEKERASAN_PSIKIS)


def test_taken_for_work_with_papers_held_is_trafficking_not_a_sale() -> None:
    story = "anak 15 th dibawa orang ke kalimantan kerja di sawit, ktp ditahan, gaji tidak dibayar"
    assert level(story, C.PERDAGANGAN, age=15) is T, codes(story, C.PERDAGANGAN, age=15)


def test_taken_and_sold_said_together_stays_an_emergency() -> None:
    assert level("adiknya dibawa orang mau dijual ke luar pulau") is D


def test_a_starved_childs_swelling_is_neglect_not_injury() -> None:
    story = "balita 2 tahun badannya bengkak dan rambut merah, ibunya ada tapi tidak ada makanan"
    assert level(story, C.PENELANTARAN, age=2, perpetrator_access=YES) is T


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("umur 5 bln", {"baby", "under_5", "young", "under_12"}),  # months after an age word
        ("a 10 months old", {"baby", "under_5", "young", "under_12"}),  # months with a mark
        ("usia 30 bulan", {"baby", "under_5", "young", "under_12"}),  # 30 months: 2 years
        ("usia 40 bulan", {"under_5", "young", "under_12"}),  # 40 months: 3 years
        ("anak saya 2 bulan lalu", set()),  # months after a child word: a time, not an age
        ("bocah kecil kira2 3 thn", {"under_5", "young", "under_12"}),  # two-word child word
    ],
)
def test_ages_in_months_and_after_a_longer_child_word(text: str, lists: set[str]) -> None:
    found = read_text(text, TEXT_RULES).found
    assert {name for name in ("baby", "under_5", "young", "under_12") if name in found} == lists
