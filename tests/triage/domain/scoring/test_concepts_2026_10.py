"""Rules 2026.10: concepts an eleventh and a twelfth development writer showed missing (what
lay people see in accidents, medical emergencies, kidnappings, disasters and harmful
treatments; regional voices and migrant workers abroad), each said in voices that no corpus
report uses, with neighbours of the situations the corpus shows."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency

GRAVE_HARM = [
    # near-drowning in several voices
    ("cucu saya 3 th kelelep di bak mandi, sekarang lemes", D),
    ("bocah 5 taun klelep nang kali, wis digowo metu", D),
    ("budak 6 taun palid di walungan, karek kapendak", D),
    ("my 4 yo nephew was pulled from the pool, coughing and pale", D),
    ("anak tetangga 7 th ditarik dari kolam renang tdk napas", D),
    # limp, not responding, not come round; dehydration; foaming
    ("bayi 5 bln diare dr kemarin, matanya cekung dan gak pipis seharian", D),
    ("anak 9 th jatuh dari sepeda, sampai sekarang belum siuman", D),
    ("adik bayi terkulai lemas habis muntah terus", D),
    ("the toddler went limp in her arms and does not react", D),
    ("anak 2 th mulutnya berbusa abis main di gudang", D),
    # poison, objects swallowed, choking
    ("ponakan 4 th ketelen koin, mukanya biru", D),
    ("bocah 3 th keminum minyak tanah dari botol sirup", D),
    ("anak 1,5 th keselek anggur, susah napas", D),
    ("my daughter (6) swallowed a button battery an hour ago", D),
    # falls, crushed, vehicles (a child, not a cat)
    ("murid SD terjatuh dari lantai 3 sekolah saat istirahat", D),
    ("anak 8 th tertimpa lemari waktu gempa kecil tadi", D),
    ("anak 10 th ketabrak motor di depan sekolah, kakinya gak bisa digerakin", D),
    # burns, shocks, bites, dengue
    ("anak 6 th kena kompor meledak di warung, kulitnya mlocot", D),
    ("bocah 9 th kesamber petir pas main bola di sawah", D),
    ("anak 7 th diserang anjing liar, betisnya robek", D),
    ("anak 11 th DBD, trombositnya turun terus dan muntah darah", D),
    # a baby drugged to keep it quiet
    ("pengamen bawa bayi yg dikasih obat biar tidur seharian", D),
]

DANGER_NOW = [
    # a small child left or locked in a car
    ("ada balita sendirian di mobil yg terkunci di parkiran pasar, panas sekali", D),
    ("a toddler left in a locked car outside the mall, sweating and crying", D),
    # a crowd beating a child
    ("anak 13 th dihakimi massa krn dikira maling, dipukuli rame2", D),
    # a child held or about to be taken for a debt
    ("anak gadis 14 th mau dibawa rentenir buat jaminan utang bapaknya", D),
    # gone with a stranger, missing in a disaster, gone to meet someone online
    ("anak 6 th diajak orang asing naik mobil depan sekolah, belum ketemu sampai sekarang", D),
    ("habis longsor, anak 5 th tetangga belum ketemu", D),
    ("siswi 14 th janjian ketemuan sama kenalan dari discord, sudah dua hari belum pulang", D),
    # trapped in a flood or an armed clash
    ("air terus naik, ada anak2 kejebak di lantai dua rumah", D),
    # a lone child offered a stranger's bed
    ("ada anak 11 th sendirian di stasiun, bapak2 nawarin dia nginep di rumahnya", D),
    # a child's virginity sold tonight; papers falsified to leave tomorrow
    ("mucikari bilang siswi 15 th itu mau dijual keperawanannya malam ini", D),
    ("anak 15 th besok diberangkatkan ke arab, paspornya umurnya dituakan", D),
    # wanting to die in regional words
    ("adik kelas sy 13 th bilang mo mati saja, sudah tidak ada gunanya hidup", D),
]

SEXUAL_ABUSE = [
    ("anak 9 th sering diajak tidur sama pamannya, disuruh diam sama pamannya", D),
    ("putri saya 5 th bilang om kos sebelah pegang anunya, om itu masih tinggal di situ", D),
    ("remaja 15 th digilir 3 pemuda satu kampung, pelakunya masih berkeliaran", D),
]

TINGGI_CONCEPTS = [
    # bruises by their colour, by someone with access
    ("anak 8 th dipukul ayahnya yg masih serumah, punggungnya ada bilur bekas sabuk", T),
    # grooming by gifts and a ride to his room, dating an adult
    ("guru les anak sy 11 th sering kasih hadiah dan ngajak ke kosnya, minta dirahasiain", T),
    ("anak 12 th pacaran sama cowok umur 25, sering dikasih pulsa", T),
    # sextortion for money
    ("foto bugil siswi 15 th mau disebar kalau tidak transfer 1 juta", T),
    # a wasted child; untreated mental illness
    ("balita 3 th kurus banget tulang rusuk kelihatan, ibunya ada di rumah", T),
    ("anak 16 th gangguan jiwa, ngomong sendiri, tidak pernah diobati", T),
    # made to sell at night; work at height; a job ad for girls
    ("anak 9 th disuruh jual kue keliling sampai jam 11 malam", T),
    ("keponakan 15 th ikut kuli bangunan, manjat besi tanpa pengaman", T),
    # marrying a child off in Javanese
    ("anak wedok umur 15 taun arep dirabekake wulan ngarep", T),
]

SEDANG_CONCEPTS = [
    ("anak saya 13 th sudah sebulan tidak mau sekolah sejak pindah rumah", S),
    ("remaja 15 th sering nginep di rumah pacar, orang tuanya tidak pernah nyari", S),
]


@pytest.mark.parametrize(
    ("story", "expected"),
    GRAVE_HARM + DANGER_NOW + SEXUAL_ABUSE + TINGGI_CONCEPTS + SEDANG_CONCEPTS,
)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a cat hit by a motorbike; documents lost in a flood or a fire; work until dawn
        "anak saya 7 th sedih, kucingnya ketabrak motor tadi pagi, ada tips?",
        "habis banjir akta anak hilang, cara bikin ulangnya gimana?",
        "ijazah anak saya hilang waktu rumah kebakaran tahun lalu, mau urus lagi",
    ],
)
def test_harmless_senses_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_debt_bondage_at_recruited_work_stays_trafficking() -> None:
    story = "anak 16 th direkrut kerja ke batam, ktp ditahan agen, tidak boleh pulang sebelum utangnya lunas"
    assert level(story) is T, codes(story)


def test_a_past_bruise_whose_abuser_is_gone_is_no_injury_now() -> None:
    story = "dulu ayahnya pernah mukul sampai pipinya biru, sekarang sudah cerai dan tidak tinggal bersama"
    assert "injured_from_story" not in codes(story, C.KEKERASAN_FISIK, age=8)


def test_sexual_abuse_in_a_room_at_night_names_the_category_and_the_access() -> None:
    story = "kakak kandungnya sering masuk kamar adiknya 10 th tengah malam, adiknya menangis"
    found = codes(story)
    assert "category_kekerasan_seksual_from_story" in found, found
    assert level(story) is D


def test_a_reporter_who_chose_sexual_abuse_keeps_darurat_with_access() -> None:
    story = "pelakunya tetangga satu gang, masih sering lewat depan rumah korban"
    assert level(story, C.KEKERASAN_SEKSUAL, age=12, perpetrator_access=YES) is D


def test_a_question_with_no_harm_stays_a_request() -> None:
    story = "mau tanya syarat bikin KIA untuk anak umur 4 tahun"
    assert level(story) is R


def test_a_proposal_next_week_with_the_wedding_months_off_is_arranged_not_imminent() -> None:
    story = "siswi 15 th dijodohkan sama duda, lamaran minggu depan, akadnya tiga bulan lagi"
    assert level(story) is T, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "mau minta data angka putus sekolah di kecamatan ini untuk penelitian",
        "anak saya 6 th takut setelah lihat adegan penculikan di sinetron, ada saran?",
        "anak saya sempat hilang di pasar malam tapi ketemu lima menit kemudian, cuma mau usul",
    ],
)
def test_figures_scenes_and_a_child_found_at_once_are_not_harm(story: str) -> None:
    assert level(story) in (R, S), codes(story)
