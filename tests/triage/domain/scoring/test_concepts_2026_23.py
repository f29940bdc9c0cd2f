"""Rules 2026.23: emergencies and serious harm that two development writers (big cities;
children and teenagers writing for themselves and their friends in chat) told in words the
rules did not read, each said here in words no corpus report uses, with neighbours in the same
words that are no emergency and must not be raised."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import YES, C, D, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # a "massage" forced by a teacher who still teaches the children
    ("murid2 kelas 5 dipaksa mijitin pak guru olahraga di gudang, dia masih ngajar di sana", D),
    # someone in the child's room at night, the child afraid, holding the door
    ("keponakanku sms: aku takut, bapak tiri masuk ke kamar lagi, aku nahan pintu", D),
    # a head knocked against a wall, then drowsy and vomiting
    (
        "bocah 6 th dijedotin ke lantai sama ibunya, kepalanya benjol, sekarang ngantuk dan muntah",
        D,
    ),
    # a child's plea heard from a room
    ("dari rumah sebelah terdengar anak menjerit 'ampun pak ampun' sejak tadi", D),
    # a threat to burn the house with the children in it, tonight
    ("suaminya mabuk bilang mau bakar rumahnya nanti malam, anak2 masih di dalam", D),
    # a threat to "finish off" a child with a weapon tonight
    ("om nya bilang malam ini mau habisin anaknya pakai parang, anaknya 12 tahun", D),
    # a kiss forced on a child by someone she must see again tomorrow
    ("pelatih renang dicium paksa adik saya (11 th), besok latihan lagi sama dia", D),
    # a child handed to a creditor tonight so that the debt is paid
    ("anak gadisnya 14 th mau diserahkan ke rentenir malam ini supaya lunas utangnya", D),
    # someone met online waits outside now to take the child to a hotel
    (
        "adikku 13 th ditungguin cowok kenalan tiktok di depan sekolah, dia nunggu di depan, ngajak ikut ke hotel",
        D,
    ),
    # a wedding tomorrow, in chat
    ("bsok sepupuku yg 14 thn dinikahin sama juragan", D),
    # a whole pack of medicine swallowed
    ("anak 15 th nelen obat tidur satu bungkus, sekarang susah dibangunin", D),
    # wheezing after pills given
    ("anak 16 th dikasih pil sama temennya, sekarang nafasnya ngik ngik", D),
    # a shed locked on a child, in chat
    ("adek gue dikunciin di gudang belakang sama pamannya dari pagi", D),
]


HIGH = [
    # grooming: gifts sent and secrecy, a paid trip
    ("om2 di ig ngirimin hadiah ke anak saya 13 th, bilang tidak usah kasih tahu mamanya", T),
    ("ada cowok dewasa ngajak jadi model ke jakarta anak tetangga 15 th, tiketnya dibayarin", T),
    # betrothal gifts accepted for a child's wedding at the holidays
    ("anak perempuan 14 th sudah terima seserahan, nikahnya pas liburan sekolah", T),
    # pictures of a child's breasts spread
    ("foto payudara siswi kelas 8 disebarin ke grup angkatan", T),
    # pictures asked for under a threat, or for game currency
    ("anak saya 12 th dipaksa kirim foto, kalau tidak mau katanya akunnya dihack", T),
    ("ada akun nyuruh aku kirim foto, nanti dikasih skin gratis, aku 11 tahun", T),
    # a video held over a child to keep her in a relationship
    ("anak saya 15 th diancam pacarnya, video berdua mau disebar kalau diputusin", T),
    # a child sleeping in an internet cafe, told never to come back home
    ("anak 15 th tidur di warnet, ayahnya bilang jangan pulang lagi", T),
]


WORRIES = [
    # children not seen for weeks
    ("sudah sebulan tidak pernah lihat anak tetangga depan, rumahnya sepi", S),
    # things thrown and a child crying heard from a house
    ("tiap malam kedengeran barang dibanting di rumah ujung gang", S),
    # nobody at home cares
    ("aku 13 th, di rumah tidak ada yang peduli sama aku", S),
    # often out of school
    ("keponakan saya 12 th sering tidak masuk, disuruh jaga warung", S),
    # a child told over and over to hate a parent
    ("anak saya 7 th dihasut neneknya untuk membenci ibunya", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_the_story_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_a_child_pregnant_by_her_stepfather_in_the_house_is_an_emergency() -> None:
    story = "saya 15 tahun dan hamil, pelakunya ayah tiri saya"
    answers = {"perpetrator_access": YES}
    assert level(story, age=15, **answers) is D, codes(story, age=15, **answers)


@pytest.mark.parametrize(
    "story",
    [
        # a parent who bangs the table, no child struck
        "bapaknya suka mukul meja kalau marah, anaknya tidak pernah dipukul",
        # an insult shouted, not a child who wants to die
        "tetangga teriak 'mati aja kau' ke anjingnya",
        # a film about a kidnapping
        "anak saya ikut drama tentang penculikan di sekolah, minta izin latihan malam",
        # a pack of medicine bought
        "mau tanya, saya beli sebungkus obat batuk buat anak 5 th, dosisnya berapa",
        # a grown-up's pregnancy, the stepfather named for something else
        "saya lagi hamil tujuh bulan, suami saya juga ayah tiri buat anak pertama saya, mau tanya bpjs",
        # a table struck in an argument, a calm house
        "tetangga kos dengar mas-nya mukulin meja waktu main game",
        # a room entered to fix something, no fear
        "teknisi masuk kamar anak saya buat benerin AC, saya temani",
        # homework that "tortures"
        "anakku bilang disiksa tugas sekolah, wkwk, mau tanya les gratis",
        # a teacher who has retired
        "dulu waktu SD saya dipukul guru, gurunya sudah pensiun, cuma mau cerita",
    ],
)
def test_harmless_senses_are_not_raised_to_an_emergency(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    ("story", "categories"),
    [
        # a sponsor sought for a children's tournament
        ("turnamen futsal anak minggu depan, kami cari sponsor dari pemda", ()),
        # a child sent home by the police, an appointment asked for
        ("anak saya sudah dipulangin polisi, mau tanya jadwal konseling", (C.BERHADAPAN_HUKUM,)),
    ],
)
def test_requests_in_scary_words_stay_calm(story: str, categories: tuple[C, ...]) -> None:
    assert level(story, *categories) in (Urgency.RENDAH, S), codes(story, *categories)
