"""Assessments per second on one core, for a realistic mix of reports; asserts nothing.

Run: python -m bench.bench_assess [--reports 2000] [--rounds 5]; `--quick` for 300 reports, 2 rounds.

Goal: at least 5,000 assessments a second. Each rate is printed from wall time and from the
process's CPU time (the same on an idle core; on a shared machine the CPU figure is the one
core's worth) with its ratio to the goal (≥ 1 meets it). Cold: a fresh process loads the
rules and assesses its first report; then a first pass over the reports (the stemmer's cache
meets every word for the first time) and warm passes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from triage.domain.age import ChildAge
from triage.domain.intake.catalog import AGE_BANDS
from triage.domain.model import Answer, Category, ReportFacts
from triage.domain.scoring.assess import assess
from triage.services.assessment.batch import assess_lines
from triage.storage.rules_source import load_default_rules

GOAL_PER_SECOND = 5_000

FILLER_TEXT = (
    "saya mau melaporkan anak tetangga yang tinggal di gang sebelah rumah kami dekat masjid "
    "sudah beberapa kali kejadian ini terjadi biasanya malam hari waktu bapaknya pulang kerja "
    "ibunya jarang di rumah karena bekerja di pasar dari pagi sampai sore anaknya masih kecil "
    "kelas tiga sd kadang tidak masuk sekolah warga sekitar sering dengar suara teriakan dan "
    "tangisan tapi tidak ada yang berani menegur karena takut ribut dengan keluarganya "
    "kemarin saya lihat sendiri di depan warung dia kelihatan sedih dan badannya kurus "
    "rumahnya kontrakan kecil di belakang pabrik kakaknya sudah lama merantau ke kota lain "
    "neneknya sudah tua dan sakit sakitan pak rt sudah tahu tapi belum ada tindakan apa apa "
    "mohon segera ditindaklanjuti karena kasihan sekali anak itu terima kasih atas bantuannya "
    "kejadiannya di kelurahan dekat terminal lokasi tepatnya di rt 04 rw 02 jalan mawar nomor "
    "menurut cerita teman sekolahnya dia sering datang terlambat dan tidak membawa bekal "
    "gurunya juga sudah memanggil orang tuanya tapi mereka tidak pernah datang ke sekolah"
)
FILLER = FILLER_TEXT.split(" ")
HARM = [
    "sering dipukulin bapaknya",
    "pernah ditampar di depan umum",
    "tidak dipukul tapi sering dimaki-maki",
    "katanya mau dijual ke orang lain",
    "motornya dijual buat judi",
    "dia bilang mau bundir",
    "diduga dicabuli pamannya",
    "nggak pernah dikasih makan",
    "balita sendirian di rumah",
    "dikurung di kamar mandi",
    "disuruh ngemis di lampu merah",
    "ketahuan ngelem bareng anjal",
    "takut pulang ke rumah",
    "dibully teman sekelas",
    "mau dinikahkan dengan juragan",
]


def long_tail(rng: random.Random, size: int) -> list[str]:
    """Rarer affixed words (from Sastrawi's root list), so the stem cache meets new words."""
    roots = rng.sample([w for w in StemmerFactory().get_words() if w.isalpha()], size)
    affixes = [("di", ""), ("me", "kan"), ("ke", "an"), ("", "nya"), ("ber", ""), ("", "")]
    return [f"{p}{root}{s}" for root in roots for p, s in [rng.choice(affixes)]]


def description(rng: random.Random, rare: list[str]) -> str:
    count = rng.randint(20, 200)
    words = [rng.choice(rare) if rng.random() < 0.15 else rng.choice(FILLER) for _ in range(count)]
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(HARM))
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words) + 1), ".")
    return " ".join(words)


def report(rng: random.Random, rare: list[str]) -> ReportFacts:
    def answer() -> Answer:
        return rng.choice(list(Answer))

    return ReportFacts(
        categories=tuple(rng.sample(list(Category), k=rng.randint(1, 2))),
        child_age=rng.choice([ChildAge(), *map(ChildAge.exact, range(18)), *AGE_BANDS.values()]),
        children_count=rng.choice([None, 1, 1, 1, 2, 3]),
        immediate_danger=answer(),
        perpetrator_access=answer(),
        injured=answer(),
        repeated=answer(),
        disability=rng.choice([None, False, True]),
        description=description(rng, rare),
    )


def as_line(number: int, facts: ReportFacts) -> str:
    return json.dumps(
        {
            "id": number,
            "categories": [c.value for c in facts.categories],
            "child_age": facts.child_age.years,
            "age_band": "{}-{}".format(*facts.child_age.band_bounds)
            if facts.child_age.is_band
            else None,
            "immediate_danger": facts.immediate_danger.value,
            "injured": facts.injured.value,
            "description": facts.description,
        }
    )


class NoRegions:
    def by_code(self, code: str) -> None:
        return None

    def by_text(self, text: str) -> None:
        return None

    def by_point(self, lat: float, lng: float) -> None:
        return None


def report_rate(label: str, work: int, start: float, cpu_start: float) -> None:
    wall = work / (time.perf_counter() - start)
    cpu = work / max(time.process_time() - cpu_start, 1e-9)
    print(
        f"{label + ':':<30} {wall:>8,.0f}/s  (x{wall / GOAL_PER_SECOND:.2f} of the"
        f" {GOAL_PER_SECOND:,}/s goal); cpu {cpu:>8,.0f}/s (x{cpu / GOAL_PER_SECOND:.2f})"
    )


def cold_start() -> None:
    """In a fresh process: load the rules, then assess one report (printed as JSON)."""
    start = time.perf_counter()
    rules = load_default_rules()
    loaded = time.perf_counter()
    facts = report(random.Random(1), ["dipukuli", "ditelantarkan"])
    before = time.perf_counter()
    assess(facts, rules)
    done = time.perf_counter()
    print(json.dumps({"rules_ms": (loaded - start) * 1e3, "first_ms": (done - before) * 1e3}))


def cold_figures() -> None:
    command = [sys.executable, "-m", "bench.bench_assess", "--cold-start"]
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    whole = (time.perf_counter() - started) * 1e3
    figures = json.loads(out.strip().splitlines()[-1])
    print(
        f"{'cold, a fresh process:':<30} rules loaded in {figures['rules_ms']:,.0f} ms, first"
        f" assessment in {figures['first_ms']:,.1f} ms (process start to exit {whole:,.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--rare-words", type=int, default=8000)
    parser.add_argument("--quick", action="store_true", help="300 reports, 2 rounds")
    parser.add_argument("--cold-start", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_start:
        cold_start()
        return
    count = args.reports or (300 if args.quick else 2000)
    rounds = args.rounds or (2 if args.quick else 5)
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    cold_figures()
    rules = load_default_rules()
    rng = random.Random(20260301)
    rare = long_tail(rng, args.rare_words)
    reports = [report(rng, rare) for _ in range(count)]
    words = sum(len(r.description.split()) for r in reports) / len(reports)
    print(f"{len(reports)} reports, {words:.0f} words per description on average,")
    print(f"15% of words drawn from {len(rare):,} rarer affixed words")

    start, cpu = time.perf_counter(), time.process_time()
    for facts in reports:
        assess(facts, rules)
    report_rate("first pass (cold stem cache)", len(reports), start, cpu)

    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for facts in reports:
            assess(facts, rules)
    report_rate("assess(), warm", len(reports) * rounds, start, cpu)

    lines = [as_line(n, facts) for n, facts in enumerate(reports)]
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for _output in assess_lines(lines, rules, NoRegions()):
            pass
    report_rate("JSON lines in and out, warm", len(lines) * rounds, start, cpu)


if __name__ == "__main__":
    main()
