"""Rules 2026.22: emergencies and serious harm that three development writers (rural and
eastern Indonesia, a provincial hotline, a broad mix) told in words the rules did not read,
each said here in words no corpus report uses, with neighbours in the same words that are no
emergency and must not be raised."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import C, D, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # a blow to the temple or the forehead, then vomiting or dizziness
    ("adik kelas dilempar batu sama kakak kelas kena jidat, sekarang muntah dan pusing", D),
    # a missing child's notice: last seen somewhere
    ("mohon dibantu, anak hilang usia 6 tahun, terakhir kelihatan di terminal pakai kaos biru", D),
    ("our 12 year old son has been gone since friday, his phone is off", D),
    # a beating still going on, heard by the neighbours (eastern Malay: pukul as a verb)
    ("de pukul terus itu anak pakai rotan, semua dengar dari luar", D),
    # a wedding this week, the week misspelt
    ("mingu ini akad nikah, anak perempuannya baru 15", D),
    # given unknown medicine or something to make them sleep, and its effects
    ("bocah 4 thn lemas sekali habis dikasih obat tidur sama pengasuhnya biar gak rewel", D),
    ("anak 7 th disuruh minum obat yang tidak jelas oleh pamannya, sekarang muntah2", D),
    # a child with an adult the child says they do not know, on the way now
    (
        "di kapal ada anak 10 tahun sama om2, anaknya bilang tidak kenal orang itu, kapal lagi jalan sekarang",
        D,
    ),
    # hiding from someone who says they will kill
    ("aku sembunyi di kebun, om mabuk ancam bunuh aku", D),
    # krama Javanese: locked in a room, not given food since yesterday
    ("lare alit dipun kunci wonten kamar saking wingi, mboten dipun paringi nedha", D),
    # a child sold for sex who is with the buyer now
    ("sy barusan nganter siswi SMP ke hotel melati, yg booking om2, anaknya masih di dalam", D),
    # someone who says they will carry a child off tonight
    ("mantan suaminya ngancam mau bawa kabur anak mereka (3 th) nanti malam", D),
    # a newborn who does not cry or move after a birth
    ("tetangga baru melahirkan sendirian di rumah, bayinya tidak nangis sama sekali", D),
]


HIGH = [
    # images used to blackmail, said in English
    ("a 14 year old girl is being blackmailed with nude pictures by someone from a game", T),
    # pictures of naked children kept
    ("teman kantor saya nyimpan video anak-anak telanjang di laptopnya", T),
    # a street child whose family will not take him back
    ("anak 13 th tidur di terminal, keluarganya tidak mau nerima dia lagi", T),
    # a child made to dance sexily on a live stream for tips
    ("anak 11 th disuruh goyang seksi di live tiktok biar dapat gift", T),
    # injuries found each time a child comes back from someone's house
    ("setiap pulang dari rumah pamannya anak saya ada memar di paha", T),
    # a disabled child whose medicine is withheld
    ("anak autis umur 9 tidak diberi obat dan tidak diurus sama neneknya", T),
    # grooming, said in English in the present
    ("a man on instagram keeps messaging my 13 yo daughter, asks for photos and wants to meet", T),
    # recruiters looking for girls for work far off, asking for their papers
    ("ada calo cari anak gadis 15-17 th buat kerja di luar pulau, minta akta dan KK", T),
    # taken out at night and home in the morning
    ("anak tetangga 14 th sering dijemput om2 malam2, baru pulang pagi", T),
    # a porter at a port
    ("anak 10 th tiap hari kerja di pelabuhan ngangkut barang penumpang", T),
]


WORRIES = [
    # a house in uproar, a child who cannot bear home, a sense that something is wrong
    ("rumah ujung gang sering ribut sampai malam", S),
    ("anak kelas 8 saya bilang tidak betah di rumah, orang tuanya bertengkar terus", S),
    ("saya merasa ada yang tidak beres di rumah sebelah, anaknya murung", S),
    ("anak tetangga nangis lama tiap sore, tidak tahu kenapa", S),
    # a family at a loss how to watch over a child with a disability
    ("anak tuna rungu 12 th suka pergi sendiri, ibunya bingung gimana jaganya", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_the_story_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_sexual_abuse_with_the_two_alone_under_one_roof_is_an_emergency() -> None:
    story = (
        "pamannya sendiri yang 'ngerjain' keponakannya 9 th, mereka cuma tinggal berdua di pondok"
    )
    assert level(story, C.KEKERASAN_SEKSUAL) is D, codes(story, C.KEKERASAN_SEKSUAL)


@pytest.mark.parametrize(
    "story",
    [
        # a swollen temple alone is an injury, not a head injury
        "anak 10 th dipukul bapaknya pakai sandal, keningnya bengkak",
        # a father who strikes the mother: the children see it, they are not beaten
        "anak2 sering lihat bapa pukul mamanya, anaknya sendiri tidak pernah dipukul",
        # carrying sacks at a market by day, home at night: ordinary child labour
        "anak 13 th bantu angkat karung di pasar pagi sampai siang, sore pulang ke rumah",
    ],
)
def test_neighbours_in_the_same_words_are_no_emergency(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    ("story", "categories"),
    [
        # kept at home while ill, in scare quotes
        ("anak saya 'dikurung' di rumah karena lagi cacar, minta surat izin sekolah", ()),
        # a child with poor sight cannot see the blackboard
        ("anak minus 3 papan tulis gak keliatan, mau minta bantuan kacamata", ()),
        # a schedule asked for, a careless category chosen
        ("mau minta jadwal imunisasi di desa kami", (C.KEKERASAN_FISIK,)),
    ],
)
def test_requests_in_scary_words_stay_requests(story: str, categories: tuple[C, ...]) -> None:
    assert level(story, *categories) is Urgency.RENDAH, codes(story, *categories)


@pytest.mark.parametrize(
    "story",
    [
        # hiding a knife from a toddler, someone raging: no one is hiding
        "suami ngamuk, aku sembunyikan pisaunya di lemari",
        # the ill will of a threat to take a child, with the plan called off
        "dulu mantannya pernah ngancam mau bawa kabur anaknya malam itu, sudah selesai",
        # a sexy dance a child copies at home, no camera and no money
        "anak saya 8 th suka niru goyang seksi artis di rumah, gimana cara ngajarinnya",
        # a calm birth: the baby does not cry all the time
        "istri saya baru melahirkan, bayinya sehat tidak nangis terus, mau tanya akta",
    ],
)
def test_harmless_senses_are_not_raised_to_an_emergency(story: str) -> None:
    assert level(story) is not D, codes(story)
