"""Rules 2026.6: concepts a sixth development writer showed missing, each said in several
voices (Indonesian chat, regional, English) that no corpus report uses."""

from __future__ import annotations

import pytest

from tests.triage.domain.scoring.stories import RULES, YES, C, D, R, S, T, codes, level
from triage.domain.model import Urgency
from triage.domain.scoring.text_signals import find_signals

STORIES = [
    # cigarette burns
    ("ada bekas sundutan rokok di lengan anak tetangga umur 7, masih merah", D),
    ("lengen bocah kuwi diselomot rokok karo bapake, isih ana tatune", D),  # Javanese
    ("the boy (8) next door has cigarette burns on his back, his uncle did it", D),
    ("ponakan saya 6 th tangannya ditempel puntung rokok sama pamannya", D),
    # a blow to the head, then vomiting, dizziness or drowsiness
    ("anak 10 th kepalanya dipukul pakai kayu sama bapaknya, sekarang pusing dan muntah", D),
    ("bocah 8 taun sirahe digebuk bapake nganggo kayu, saiki muntah-muntah lan mumet", D),
    ("my nephew (9) was hit on the head by his stepdad yesterday and keeps throwing up", D),
    # an eye hurt so that it cannot open or see
    ("matanya bengkak sampai tidak bisa melek habis ditonjok kakaknya", D),
    ("her eye is swollen shut after her mum's boyfriend punched her last night", D),
    # missing for hours
    ("anakku 5 taun ilang neng pasar wis 3 jam durung ketemu", D),  # Javanese
    ("tulung, anak ulun umur 5 hilang di pasar, sudah sejam kada ketemu", D),  # Banjar
    ("my son (7) got lost at the mall two hours ago", D),
    # someone raging or chasing with a weapon where children are
    ("bapaknya lagi ngamuk bawa golok, anak-anaknya sembunyi di kamar", D),
    ("her dad is raging with a knife in the house, the kids are hiding in the bathroom", D),
    ("pamannya kalap ngacungin celurit ke ponakannya yang umur 12", D),
    # taken by force: out of reach, towards a port or abroad, or to be sold
    ("mantan istri saya bawa kabur anak kami 4 th, nomornya tidak aktif sejak kemarin", D),
    ("anak 6 taun diambil paksa om-nya tadi pagi, katanya dibawa naik kapal ke Batam", D),
    ("my ex snatched our son (3) from daycare and is heading to the airport", D),
    ("anaknya dibawa paksa untuk dijual", D),
    # selling sex, the child named or known by the answered age (see below)
    ("ponakan 16 taun dijak om-om neng hotel melati, jarene kerja", T),  # Javanese
    ("keponakan saya 15 tahun ketahuan dibooking lewat aplikasi", T),
    # pictures asked for undressed
    ("adik 12 th diminta pap pakai baju dalam sama akun game", T),
    ("someone on roblox asked my 10yo daughter for pics in her underwear", T),
    ("budak awewe 11 taun dimintain foto tanpa baju ku batur di fb", T),  # Sundanese
    # a child's papers kept by a recruiter
    ("KK sama akta kelahiran para remaja dikumpulin calo, dijanjiin kerja di kebun", T),
    ("the agent kept the girls' birth certificates and promised them jobs in the city", T),
    # dangerous work at sea and in pits
    ("bocah 12 taun melu kerja neng bagang nganti bengi", T),  # Javanese
    ("anak-anak umur 11 ikut mendulang emas di lubang galian, bahaya kalau longsor", T),
    ("boys around 13 work on a fishing platform for weeks", T),
    ("budak umur 12 jadi gurandil di tambang emas", T),  # Sundanese
    # recruited for work far from home is trafficking, not an emergency
    ("anak 14 th dibawa orang jadi pembantu di kota, tidak digaji, tidak boleh pulang", T),
    ("a girl (14) was taken to the city to work as a maid, unpaid and not allowed to go home", T),
    (
        "anak 15 th kerja di kapal dari subuh sampai malam, tidak boleh pulang sampai kontrak habis",
        T,
    ),
    # a split lip is an injury; bleeding a lot is still grave
    ("pipinya lebam dan bibirnya berdarah habis ditampar ayahnya", T),
    ("hidungnya berdarah terus tidak berhenti habis dipukul", D),
    # mockery, name-calling, a beating threatened: psychological violence
    ("anak saya sering diketawain dan diledekin teman sekelas karena gagap", S),
    ("kids at school keep laughing at him and calling him names because he stutters", S),
    ("gurunya bilang dia bodoh di depan kelas, sekarang dia tidak mau sekolah", S),
    ("adik kelas sering dipalak, diancam nanti dipukulin kalau ngadu ke guru", S),
    ("he threatened to beat her if she told anyone about the money", S),
    # children working by day at a market go home at night: child labour, not dangerous work
    ("anak 13 th tiap pagi bantu angkat karung di pasar, sore pulang ke rumah", S),
    ("anak 13 th jadi kuli panggul di pasar dari subuh, sore pulang", S),
    ("anak saya autis umur 9 sering ngamuk kalau capek, saya kewalahan", S),  # no weapon
    # no harm: a chat group, a traffic stop, the adults' own marriage
    ("anak saya dibuang dari grup WA kelas, mau tanya cara lapor ke sekolah", R),
    ("anak saya 16 th kena tilang, motornya ditahan karena tidak ada STNK, mau tanya caranya", R),
    ("kami suami istri belum punya anak, mau tanya cara adopsi anak", R),
    ("my husband and i have been married 8 years, how to adopt a child legally?", R),
    ("when i was a kid i was a street child, how can i volunteer to help?", R),
]


@pytest.mark.parametrize(("story", "expected"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    "story",
    [
        "temen sekelasku ikut open BO katanya buat beli hp",
        "dia dibooking om-om lewat aplikasi, sudah beberapa kali",
        "my classmate is selling herself on an app to pay her boyfriend's debts",
    ],
)
def test_selling_sex_about_a_child_of_the_answered_age_is_exploitation(story: str) -> None:
    """Guideline: sexual exploitation of a child is TINGGI; the answered age says the story
    is about a child even when no child word stands near the words of selling sex."""
    assert level(story, age=15) is T, codes(story, age=15)
    assert "combo_sold_for_sex" in codes(story, age=15)


def test_a_child_taken_by_force_with_no_sign_of_leaving_is_no_emergency_by_the_words() -> None:
    """A custody quarrel is not an abduction: only out of reach, on the way out or to be
    sold makes it DARURAT."""
    assert (
        level("anak kami diambil paksa keluarga bapaknya, sekarang tinggal di rumah neneknya")
        is not D
    )


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("tahun lalu anak saya (sekarang 13) dilecehkan guru les, gurunya sudah dipecat", T),
        ("dulu anaknya (masih 8 tahun) dicabuli tetangga, pelakunya sudah dipenjara", T),
        ("anak saya sekarang dipukuli bapaknya di rumah", D),  # now, as the reporter writes
    ],
)
def test_now_followed_by_a_number_is_an_age(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (
            "anak 10 th disuruh jualan sampai jam 11 malam, besoknya tetap sekolah, kalau belum "
            "laku tidak boleh pulang",
            T,
        ),
        ("anak saya mau dijual besok pagi ke orang kota", D),
    ],
)
def test_the_next_morning_of_a_story_is_no_time_ahead(story: str, expected: Urgency) -> None:
    assert level(story) is expected, codes(story)


def test_a_threatened_beating_does_not_hide_one_that_happened() -> None:
    story = "anak 10 th dipukul pakai sabuk, diancam nanti dipukul lagi kalau ngadu"
    assert "text_physical_violence" in codes(story)
    assert "text_physical_violence" not in codes("diancam nanti dipukul kalau ngadu")


def test_the_reporter_at_their_wits_end_is_no_sign_of_a_head_injury() -> None:
    story = "anak saya sering dipukul kepalanya sama gurunya, saya pusing harus gimana"
    assert "combo_head_injury" not in codes(story)
    assert "combo_head_injury" in codes("anak saya dipukul kepalanya sama gurunya, dia pusing")


def signal_names(text: str) -> list[str]:
    return [hit.signal.name for hit in find_signals(text, RULES.scoring.text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("motornya ditahan polisi waktu razia", []),  # property, not the child
        ("anak saya ditahan polisi", ["detained"]),
        ("anaknya dibuang dari grup kelas", []),  # a chat group, not abandoned
        ("bayinya dibuang di selokan", ["neglect", "young_child_alone"]),
        ("bibirnya berdarah", ["injury"]),  # a split lip, not bleeding a lot
        ("kakinya berdarah banyak", ["grave_harm"]),
        ("tangannya disundutin rokok", ["grave_harm"]),
        ("diancam kalau lapor nanti dihajar", ["psychological_violence"]),  # a threat
        ("dia ditertawakan satu kelas", ["psychological_violence"]),
    ],
)
def test_what_is_not_harm_and_what_still_is(text: str, expected: list[str]) -> None:
    assert signal_names(text) == expected


def test_the_answers_still_decide_when_the_words_say_nothing_grave() -> None:
    """Words of the story never lower what the answers give (principle 2)."""
    story = "motornya ditahan waktu razia, mau tanya caranya"
    assert level(story, C.BERHADAPAN_HUKUM, age=16, immediate_danger=YES) is D
