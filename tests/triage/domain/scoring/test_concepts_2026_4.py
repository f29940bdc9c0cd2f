"""Rules 2026.4: concepts a third development writer showed missing, in several voices."""

from __future__ import annotations

import pytest

from triage.domain.model import Category, ReportFacts, Urgency
from triage.domain.scoring.assess import assess
from triage.storage.rules_source import load_default_rules

RULES = load_default_rules()
D, T, S, R = Urgency.DARURAT, Urgency.TINGGI, Urgency.SEDANG, Urgency.RENDAH

STORIES = [
    ("girl 14 taken to the ship by an agent, ship leaves 4 pm today", D),  # sale within hours
    ("my cousin 13 will be smuggled to Sabah tonight by a calo", D),
    ("adik kelas chat 'aku mau ngakhirin aja, udah ga kuat'", D),  # suicide talk
    ("anak 15 th nulis di status mau ngakhirin hidup", D),
    ("she is 15 and doesn't want to live anymore, she wrote goodbye", D),
    ("anak gadis 15 th diajak ngerorod, pawiwahan minggu ini", D),  # Balinese: marriage in days
    ("nona 14 tahun pung kaweng besok", D),  # Manado: marriage tomorrow
    ("anak tetangga 13 th sudah dilamar, rencana nikah habis panen", T),  # marriage arranged
    ("orangtuanya bilang biar ga jadi beban, anak 14 th mau dinikahkan tahun depan", T),
    ("my niece 16 will be married next year to an old man", T),
    ("anak 7 taon jual permen di lampu merah sampe jam 10 malam", T),  # young child at night
    ("anak cacat 10 th lumpuh ditinggal seharian tanpa ada yg ngurus", T),  # disabled, no care
    ("siswi SMP diintip pas mandi, videonya udah nyebar di grup", T),  # images spread
    ("her ex boyfriend posted her naked photos, now it is circulating at school", T),
    ("akun tiktok DM anak saya 12 th, kirim video porno dan ngajak vc", T),  # grooming online
    ("anak 14 th sering dibawa om2 ke diskotik sampe subuh", T),
    ("anak 14 taon berenti sekolah bantu bapaknya di sawah", S),  # older child out of school
    ("anak saya 13 ketahuan nonton porn di hp sendiri, gimana cara ngasih tahu dia", R),
    ("mau tanya syarat akta kelahiran, anak saya 6 th, akta perkawinan kami hilang", R),
]


@pytest.mark.parametrize(("story", "level"), STORIES)
def test_a_new_voice_is_read_at_its_level(story: str, level: Urgency) -> None:
    assessment = assess(ReportFacts(categories=(Category.LAINNYA,), description=story), RULES)
    assert assessment.urgency is level, [r.code for r in assessment.reasons]
