"""Rules 2026.3: the guideline's concepts in other voices, regional words and English."""

from __future__ import annotations

import pytest

from triage.domain.model import Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()
D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH

STORIES = [
    ("bocah itu ga gerak2 dari tadi, dipanggil ga nyaut", D),  # not responding
    ("budak leutik eta teu eling sanggeus digebugan", D),  # Sundanese: unconscious
    ("anaknya lemas tak bergerak di lantai", D),
    ("adek gw ga napas, tolong", D),  # breathing
    ("anak 2 tahun kena air panas, kulit dadanya kelupas", D),  # scalding
    ("anak saya ketumpahan minyak panas", D),
    ("kepala anak bocor dipukul botol", D),  # head injury
    ("anak tetangga minum obat nyamuk cair tadi, muntah2 terus", D),  # poisoned
    ("anak saya sayat sayat tangannya pakai silet", D),  # self-harm
    ("ini lagi dipukulin pake gagang sapu sama bapaknya", D),  # being beaten now
    ("dua anak kecil di rumah ujung gang udah 3 hari ga makan", D),  # no food for days
    ("anak umur 5 hanyut terpisah dari ortunya, sampe sekarang belum ketemu", D),  # missing
    ("anak tetangga hilang dari kemarin, sampe sekarang belum ditemukan", D),
    ("bapaknya mau nyembelih anaknya malam ini, udah ngasah golok", D),  # weapon ready
    ("ibu itu nawarin bayinya buat diadopsi bayar 15 juta, nanti malem ketemuan", D),  # sale
    ("keponakan 15 tahun malam ini mau diberangkatkan, paspornya dipegang agen", D),
    ("anak saya dipaksa begituan sama bapak tirinya, masih serumah", D),
    ("anak dipegang pegang kemaluannya sama ustadznya, masih ngaji di situ", D),
    ("my stepdad rapes my sister, he still lives with us", D),
    ("anak 12 th sering disuruh mijit om2 di warung remang2", T),  # sexual exploitation
    ("adik kelas 15 th kerja di jermal", T),  # dangerous work
    ("nona 13 tahun su dibayar maskawin, tahun depan dikasih ke laki-laki itu", T),
    ("ponakan 16 th jadi kurir tembakau sintetis", T),  # a child selling drugs
    ("bocah 10 th sering ngisap lem", T),
    ("akun random ngirim foto kelamin ke anak saya 10 th, terus ngajak video call", T),
    ("anak laki2 tidur di emperan stasiun, kabur dari panti, ga punya keluarga", T),
    ("anak laki2 12 th sering bolos, ortunya ga peduli", S),  # older child neglected
    ("anake Bu Sri wis sewulan ora katon", S),  # Javanese: rarely seen
    ("rencana nikah anak kami sudah dibatalkan, kami butuh info beasiswa", R),
    ("dulu anak saya pernah dipukul teman, sudah diselesaikan, mau tanya KIA", R),
    ("motornya dijual buat bayar sekolah, mau tanya beasiswa", R),
]


@pytest.mark.parametrize(("story", "level"), STORIES)
def test_a_concept_is_read_in_other_words(story: str, level: Urgency) -> None:
    assessment = assess(ReportFacts(categories=(Category.LAINNYA,), description=story), RULES)
    assert assessment.urgency is level, [r.code for r in assessment.reasons]
