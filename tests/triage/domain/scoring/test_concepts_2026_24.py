"""Rules 2026.24: emergencies and serious harm that two development writers (professionals who
meet children through their work and families in crisis; regional languages mixed into
Indonesian) told in words the rules did not read, each said here in words no corpus report
uses, with neighbours in the same words that are no emergency and must not be raised."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import YES, C, D, S, T, codes, level
from triage.domain.model import Urgency

EMERGENCIES = [
    # the zinc sheet of a roof or fence ("seng"), never read as Ambon's "no"
    ("anak dipukul pakai seng sampai kepalanya berdarah", D),
    ("pagar seng roboh menimpa anak kecil umur 4 tahun, dia tidak sadar", D),
    # Ambon and Manado: tied to a tree with a rope, the child put between
    ("tadi beta lia om ika dia di pohon pake tali, anak umur 9", D),
    # Javanese: fallen into a pond and not breathing
    ("adhiku kecemplung blumbang, saiki ora ambegan", D),
    # Minang: a child shackled by a relative
    ("anak ketek umua 10 dipasuang dek apaknyo di balakang rumah", D),
    # Manado: a child screaming for help, the father drunk and beating now
    ("anak kacil bataria minta tolong, papanya mabo", D),
    # Madurese: beaten until unconscious
    ("ana' tatangghâ umur 8 è pokol emma'na sampe' ta' sadar", D),
    # Betawi: no food for days
    ("bocah umur 7 udeh dua ari kagak makan, emaknye kabur", D),
    # Minang: taken away by a stranger, three days not home
    ("adiak ambo umua 14 dilarikan urang, alah tigo hari indak pulang", D),
    # Javanese: forced to sleep with a grown relative who lives in the house
    ("keponakanku 12 taun saben bengi dipeksa turu karo om-e, om-e manggon seomah", D),
    # Ambon: a small child lost in a crowded place
    ("ade kacil ilang di terminal Mardika, ibunya cari dari tadi", D),
    # papers held and the ship leaving within the hour
    (
        "dua remaja 16 th ikut seorang calo, paspor mereka dipegang calo itu, kapal berangkat sejam lagi",
        D,
    ),
    # a man who gave a child money taking him to his room tonight
    ("a tourist gave her money and is taking the girl, 11, to his villa tonight", D),
    # a child held by an employer and not let out
    ("anak 13 th ditahan majikannya di toko, tidak boleh keluar sama sekali", D),
    # Madurese: a wedding on Friday
    ("ana' bine' umur 14 èkabinè hari Jum'at", D),
]


HIGH = [
    # sold online
    ("anak perempuan 14 th dijual lewat medsos sama kenalannya", T),
    # Batak and English: a methamphetamine courier
    ("my neighbour's son, 14, is a sabu courier for the men at the port", T),
    # selling from a tray on the night boat, a young child
    ("anak 9 th disuruh jual asongan di kapal malam sama pamannya", T),
    # Manado: caught by the police and still at the station, no lawyer
    ("ade umur 15 ta tangkap polisi, masih di polres, nyanda ada pengacara", T),
    # a disabled child left all day with nobody to look after him
    ("the boy, 10, has cerebral palsy and is left at home all day, nobody to take care of him", T),
    # a young child getting thinner without milk
    ("anak saya 1 th tidak dapat susu, makin kurus, kami tinggal di pengungsian", T),
    # a teacher who made videos of children bathing, his place closed down
    ("pelatih renang membuat video murid-murid saat mandi, tempatnya sudah ditutup", T),
    # Papuan: papers held by the one who took the child for work
    ("de pu ijazah dong tahan, de dibawa kerja di Sorong, umur 15", T),
    # Javanese: a wedding next month
    ("anakku wedok umur 15 arep dirabekke sasi ngarep", T),
]


WORRIES = [
    # Sundanese: children rarely seen, shouting heard
    ("budak tatangga jarang katémbong, sok aya nu gorowok peuting", S),
]


@pytest.mark.parametrize(("story", "expected"), EMERGENCIES + HIGH + WORRIES)
def test_the_story_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_a_child_taken_to_a_room_tonight_by_a_man_who_paid_him_is_an_emergency() -> None:
    story = "tamu asing kasih uang ke anak 12 th, malam ini mau bawa ke kamarnya"
    assert level(story, C.EKSPLOITASI) is D, codes(story, C.EKSPLOITASI)


@pytest.mark.parametrize(
    "story",
    [
        # a house that burnt down weeks ago, a request
        "setelah rumah terbakar bulan lalu kami numpang di saudara, mau tanya bantuan seragam",
        # abuse in words, not sexual
        "tetangga sering pelecehan verbal ke anaknya, dibilang bodoh",
        # papers held by an employer, the child free to come and go
        "anak 17 th kerja di toko, KTP-nya ditahan majikan, tiap sore pulang ke rumah",
        # a guest's room cleaned, no child taken
        "anak saya 16 th kerja bantu bersih-bersih ke kamarnya tamu hotel tiap pagi",
        # a boat that leaves tonight, a family trip
        "kami sekeluarga naik kapal malam ini ke Ambon, anak-anak senang",
        # Manado "seng": no wound
        "anak umur 10 jatuh dari sepeda, seng ada luka, cuma mau tanya posyandu",
    ],
)
def test_harmless_senses_are_not_raised_to_an_emergency(story: str) -> None:
    assert level(story) is not D, codes(story)


@pytest.mark.parametrize(
    ("story", "categories", "answers"),
    [
        # an abuser in custody with no access, the child helped
        (
            "pelaku sudah di rutan dan tidak memiliki akses ke korban, mohon pendampingan",
            (C.KEKERASAN_SEKSUAL,),
            {},
        ),
        # Javanese: never beaten, only scolded
        ("bocahe mung diseneni bapake, ora tau digebuki", (C.KEKERASAN_PSIKIS,), {"repeated": YES}),
        # no hitting seen
        ("the kid is shouted at but I haven't seen any hitting", (C.KEKERASAN_PSIKIS,), {}),
    ],
)
def test_harm_said_not_to_reach_the_child_is_not_raised(
    story: str, categories: tuple[C, ...], answers: dict[str, object]
) -> None:
    assert level(story, *categories, **answers) in (T, S, Urgency.RENDAH), codes(
        story, *categories, **answers
    )
