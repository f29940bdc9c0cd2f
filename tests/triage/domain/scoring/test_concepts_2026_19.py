"""Rules 2026.19: emergencies two development writers told as people who work with children
and officials do (case notes, several children at once, formal letters) and as people unsure
of what they saw or who is talking (a child about themself, a confessing parent, a message
typed while it happens, regional words), and calm cases in the same words that must not be
raised. Each is said here in words no corpus report uses, with a neighbour of the same words
that is not the emergency."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # unresponsive, in a carer's or a nurse's words
    ("petugas panti: santri 13 th kami temukan tidak responsif di musala, ada bekas obat", D),
    # not moving or bleeding a lot, in Minang, Javanese, Sundanese and Manado words
    ("anak ketek urang sabalah dipakuak jo panggalan, kini ndak bagarak", D),
    ("bocah 8 th disabet bapake nganggo sabuk, saiki ora obah neng lantai", D),
    ("budak 9 taun diteunggeul ku bapana, sirahna getihan loba", D),
    ("tetangga dapa pukul dia pe anak 7 taong, skarang nda bagera", D),
    ("pakdhe nggebuki ponakane, getihe metu saka irunge akeh tenan", D),
    # held captive, tied or locked by someone named
    ("pacarnya nyekap siswi 15 th di kontrakan, hpnya disita", D),
    ("om itu ngiket anaknya yang hiperaktif ke kaki meja tiap ditinggal", D),
    ("mama tiri da ika tu anak di tiang dapur dari tadi pagi", D),
    # a parent who confesses the lock
    ("saya ngaku salah, anak saya 6 th kukunci dari luar di kamar belakang sejak subuh", D),
    # a parent who will die and take the children
    ("aku capek, malam ini aku mau ngajak anak-anak mati bareng aja", D),
    # a child at a lodging with a man, asking for help from there
    ("ponakan saya 14 th dibawa laki-laki ke losmen, dia barusan telpon minta dijemput", D),
    # a toddler not collected for hours, the parents out of reach
    ("murid TK kami 3 th belum dijemput sampai malam, hp bapak ibunya tidak aktif", D),
    # children on their own for days, their ages listed
    ("dua bocah (9 dan 4 th) hidup sendiri sejak ibunya dibawa ke rumah sakit 3 hari lalu", D),
    ("kakak beradik (11, 7 dan 6 th) tinggal sendirian sudah seminggu, ayahnya merantau", D),
    # a baby crying in a locked house
    ("bayi tetangga nangis terus dari subuh, rumahnya terkunci, ibunya tidak kelihatan", D),
    # children alone behind a door, their ages listed after a chat child word
    ("anak2nya (1 dan 3 th) ditinggal sendirian di kamar kos", D),
    # someone hiding from an adult who rages or holds a weapon, now
    ("aku lagi ngumpet di kolong kasur, om aku ngamuk bawa golok", D),
    # a toddler left alone, in Minang
    ("adiak ambo umua 2 ditinggalan surang di rumah dek amaknyo", D),
    # a smell of gas where children are shut in
    ("kecium bau gas dari rumah pojok, anak-anaknya masih di dalam tidak bisa keluar", D),
]


HIGH = [
    # a street child whose one parent died and the other is unknown
    ("anak 12 th tidur di emperan toko, ayahnya sudah meninggal, ibunya tidak jelas", T),
    # caught by the police, said in chat words
    ("adek gue 15 th ketangkap polisi tadi pagi, sampe skrg belum boleh ditemuin", T),
    # offered on a chat app, or recruited as a karaoke hostess
    ("siswi 16 th dijajakan di michat oleh kakak kelasnya", T),
    ("anak tetangga 15 th mau dibawa jadi purel di tempat hiburan", T),
    # a young child working until dawn
    ("anak umur 8 disuruh ngamen di perempatan hingga subuh", T),
    # messages of a sexual tone to a pupil: grooming
    ("pelatih band kirim pesan berbau seksual ke anak didiknya 13 th tiap malam", T),
    # a Sundanese girl to be married off
    ("budak awewe 14 taun bade dikawinkeun ka juragan taun payun", T),
]


WORRIES = [
    # a child passed from carer to carer
    ("anak 6 th dititip titipkan ke saudara, tiap minggu pindah tempat", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_a_concept_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        # a child who responds to therapy
        "anak kami 5 th sudah mulai responsif waktu terapi wicara, mohon info jadwal terapi",
        # a parent's saying about a family, a child asking what it means
        "bapak bilang keluarga itu hidup dan mati bersama, anak saya 9 th tanya artinya",
        # an internship at a hotel, help asked for a uniform
        "anak saya 16 th magang di hotel, minta tolong info bantuan seragam kerja",
        # a pupil not yet collected, the mother a little late
        "murid TK 4 th belum dijemput, ternyata ibunya telat 15 menit, sudah pulang",
        # an old woman who lives alone, her grandchild visits
        "nenek umur 75 tinggal sendiri sejak 3 hari, cucunya 8 th suka mampir",
        # a house locked for a holiday
        "rumahnya dikunci karena sekeluarga mudik, mau tanya cara daftar bansos",
        # the gate locked at night
        "saya kunci dari luar pagar tiap malam, mau tanya soal KIA anak",
        # a gas leak that was mended, the children safe
        "minggu lalu selang gas bocor di dapur, sudah diganti, anak-anak aman di dalam",
        # a knife hidden from a toddler, a game of hiding
        "gunting dan pisau saya sembunyikan dari anak 2 th biar tidak dimainin",
        "anak-anak main petak umpet, yang jaga pura-pura ngamuk kayak monster",
        # two ages listed as a span of time
        "kejadiannya antara 2 dan 4 tahun lalu, anak saya sekarang SMA, mau tanya beasiswa",
    ],
)
def test_neighbours_are_not_emergencies(story: str) -> None:
    assert level(story) is not D, codes(story)


def test_a_parent_who_was_caught_is_no_child_held() -> None:
    story = "pelakunya ketangkap polisi semalam, anak saya sudah aman di rumah"
    assert "text_detained" not in codes(story)


def test_selling_papers_until_a_morning_hour_is_no_night_work() -> None:
    story = "kakak adik 10 dan 13 th jualan koran dari jam 6 sampai jam 9 pagi, lalu sekolah"
    assert "combo_work_at_night" not in codes(story, C.ANAK_JALANAN)


def test_a_request_about_a_young_child_named_by_age_stays_a_request() -> None:
    # the age names who the child is; it describes no harm
    story = "sahabat saya wafat, ninggalin anak umur 2 sama istrinya. mau tanya santunan yatim"
    assert level(story, C.PENELANTARAN) is Urgency.RENDAH, codes(story, C.PENELANTARAN)


@pytest.mark.parametrize(
    "story",
    [
        # a role in a drill
        "latihan siaga bencana besok, ada murid yang memerankan korban pingsan, mohon pendamping",
        # what a child lacks for school
        "anak saya 8 th belum punya seragam dan tidak punya sepatu, mohon bantuan",
    ],
)
def test_harmless_senses_are_requests(story: str) -> None:
    assert level(story) is Urgency.RENDAH, codes(story)


def test_figures_asked_for_are_a_request_whatever_the_category() -> None:
    story = "untuk laporan desa kami minta data rekap kawin muda tahun lalu"
    assert level(story, C.PERKAWINAN_ANAK) is Urgency.RENDAH, codes(story, C.PERKAWINAN_ANAK)


@pytest.mark.parametrize(
    "story",
    [
        # a real faint beside a role in a play
        "anak saya memerankan raja di drama, tadi habis latihan dia pingsan beneran dan kejang",
        # a child tied up beside the hair tied for a contest
        "rambutnya diikat buat lomba, tapi sekarang ibunya ngiket anaknya di tiang jemuran",
        # a child locked in beside a gate locked
        "pagar saya kunci tiap malam. tetangga ngaku: anaknya saya kunci dari luar di gudang sejak pagi",
    ],
)
def test_the_real_emergency_stays_beside_the_harmless_word(story: str) -> None:
    assert level(story) is D, codes(story)


def test_a_teacher_suspended_from_duty_no_longer_reaches_the_child() -> None:
    story = "ustaz itu kirim pesan mesum ke tiga santri 12 th, sekarang sudah dibebastugaskan"
    assert level(story, C.KEKERASAN_SEKSUAL) is T, codes(story, C.KEKERASAN_SEKSUAL)


def test_teaching_material_about_a_harm_is_a_request() -> None:
    story = "saya guru BK, mohon materi soal pesan mesum di medsos untuk kelas 8"
    assert level(story) is Urgency.RENDAH, codes(story)


def test_a_girl_who_lives_with_her_own_parents_is_no_abuser_in_reach() -> None:
    story = (
        "siswi 16 th hamil oleh pacarnya yang kuliah di luar kota, dia tinggal sama orang tuanya"
    )
    assert level(story, C.KEKERASAN_SEKSUAL) is T, codes(story, C.KEKERASAN_SEKSUAL)


def test_a_stepfather_in_reach_stays_an_emergency_beside_her_own_parents() -> None:
    story = "siswi 13 th hamil oleh bapak tirinya, dia masih tinggal sama orang tuanya"
    assert level(story, C.KEKERASAN_SEKSUAL) is D, codes(story, C.KEKERASAN_SEKSUAL)
