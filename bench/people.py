"""People step figures: the list of 10,000 people and a 30,000-row LinkedIn import.

Prints the median and best of several runs (milliseconds). Targets from the issue:
list_people on 10,000 people under 150 ms (what the People page loads), and importing a
30,000-row LinkedIn export under 3 s including duplicate detection. The export is generated
here with a seeded RNG: employers follow a long tail (the biggest has ~3,000 rows, so the
near-miss check meets big organisation blocks), 1% of rows are people already in the
workbook, 3% are repeats further down the file, 1% are near-miss spellings and a few rows
have no name at all. It is imported into the 10,000-person sample, then undone.

    python bench/people.py [--runs N] [--rows N] [--people N]

UI figures (filter per keystroke, sort, opening the page) belong to the People page:
the People page's figures are printed by bench/people_ui.py.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbook.core import document  # noqa: E402
from workbook.core.db import SessionFactory  # noqa: E402
from workbook.core.formats.contacts import read_contacts  # noqa: E402
from workbook.core.people import (  # noqa: E402
    PersonRow,
    apply_import,
    find_duplicates,
    list_people,
    plan_import,
    undo_import,
)
from workbook.core.sample import build_sample  # noqa: E402

T = TypeVar("T")


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = words(
    "Ada Alan Amara Ana Anders Ayesha Bao Beatriz Ben Chen Chloé Dmitri Efe Elena Emil "
    "Fatima Finn Grace Hana Hugo Ines Ivan Jamal Jin João José Julia Kai Kofi Lars Leila "
    "Li Lucas Maya Mei Mohammed Nadia Noah Nora Olga Omar Priya Rafael Rosa Sakura Sam "
    "Sofia Tariq Thomas Uma Victor Wei Yara Yusuf Zoë Zanele Marta Pablo Ingrid Kenji "
    "Aylin Bruno Camille Dara Erik Freya Gustav Hamid Irene Jonas Kamala Luca Mateo Nils "
    "Oskar Paula Quinn Ravi Selma Tobias Ulla Vera Wanda Xavier Yuki Zeynep"
)
SYLLABLES = words(
    "an ber cal do en fa gar han is jo ka lin mor nak ol pe quin ros sen ta ur vik wal "
    "xi yam zor bel cor dun el fin gus hal ir jen kov lu mas nor ost pal rik sto tan "
    "vel win"
)
WORDS = words(
    "Nordic Summit Cobalt Harbor Evergreen Pioneer Atlas Beacon Crescent Delta Ember "
    "Falcon Granite Horizon Iris Juniper Keystone Lumen Meridian Nimbus Orchid Polar "
    "Quarry Radiant Sable Tidal Union Vertex Willow Zenith"
)
KINDS = words("Software Labs Health Energy Logistics Bank Studio Foods Systems Partners")
FORMS = ("", "", "Inc.", "Ltd", "GmbH", "AB", "LLC", "S.A.")
TITLES = words(
    "Engineer Designer Manager Director Analyst Consultant Nurse Teacher Recruiter "
    "Founder Researcher Accountant"
)
MONTHS = words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")


def timed(function: Callable[[], T], runs: int = 1) -> tuple[T, list[float]]:
    """The last result and each run's time in milliseconds."""
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return result, times


def report(label: str, times: list[float], target: float | None = None) -> None:
    median, best = statistics.median(times), min(times)
    goal = f"  (target < {target:.0f} ms: {'ok' if median < target else 'SLOW'})" if target else ""
    print(f"  {label:<44} median {median:8.1f} ms   best {best:8.1f} ms{goal}")


def linkedin_export(path: Path, rows: int, existing: list[PersonRow], seed: int = 11) -> None:
    """A LinkedIn Connections.csv of ``rows`` rows, with the duplicates described above."""
    rng = random.Random(seed)
    companies = [
        f"{rng.choice(WORDS)} {rng.choice(KINDS)} {rng.choice(FORMS)}".strip() for _ in range(5000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(companies))]  # a long tail (Zipf)
    out = io.StringIO()
    out.write("Notes:\n\"When exporting your connection data, you may notice that some of the "
              "email addresses are missing.\"\n\n")  # fmt: skip
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])  # fmt: skip
    written: list[list[str]] = []
    known = [p for p in existing if p.email][:1000]
    for n in range(rows):
        luck = rng.random()
        if luck < 0.01 and known:  # someone already in the workbook
            person = rng.choice(known)
            first, _, last = person.name.partition(" ")
            title = f"Head of {person.title or 'research'}"  # new to the workbook: a merge
            row = [first, last, "", person.email.upper(), person.organisation, title, ""]
        elif luck < 0.04 and written:  # the same connection twice
            row = list(rng.choice(written))
        elif luck < 0.05 and written:  # a near miss: one letter dropped from the first name
            row = list(rng.choice(written))
            cut = rng.randrange(1, max(2, len(row[0])))
            row[0], row[2], row[3] = row[0][:cut] + row[0][cut + 1 :], "", ""
        elif luck < 0.052:
            row = ["", "", "", "", rng.choice(companies), rng.choice(TITLES), ""]
        else:
            first = rng.choice(FIRST)
            last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            slug = f"{first}-{last}-{n}".lower()
            email = f"{first}.{last}{n}@mail.example".lower() if rng.random() < 0.2 else ""
            day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2025)}"
            company = rng.choices(companies, weights)[0]
            row = [first, last, f"https://www.linkedin.com/in/{slug}", email, company,
                   rng.choice(TITLES), day]  # fmt: skip
        written.append(row)
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")


def calibration() -> None:
    """How fast this machine runs allocation-heavy Python (a quiet 2020s laptop: ~150 ms)."""
    start = time.perf_counter()
    for text in ["John Smith"] * 1_000_000:
        text.split()
    print(f"machine: 1,000,000 str.split() calls in {(time.perf_counter() - start) * 1000:.0f} ms")


def core_figures(folder: Path, people: int, rows: int, runs: int) -> None:
    calibration()
    workbook = folder / "bench.workbook"
    start = time.perf_counter()
    build_sample(workbook, people=people)
    print(f"sample workbook with {people:,} people built in {time.perf_counter() - start:.1f} s")
    with document.open_document(workbook) as doc:
        sessions: SessionFactory = doc.sessions
        listed, times = timed(lambda: list_people(sessions), runs)
        report(f"list_people ({len(listed):,} people)", times, 150)
        someone = listed[len(listed) // 2]
        _, times = timed(
            lambda: find_duplicates(sessions, someone.name, organisation=someone.organisation),
            runs,
        )
        report("find_duplicates (one name typed in)", times)

        export = folder / "Connections.csv"
        linkedin_export(export, rows, listed)
        totals: list[float] = []
        for _ in range(max(1, runs // 2)):
            contacts, read_ms = timed(partial(read_contacts, export))
            plan, plan_ms = timed(partial(plan_import, sessions, contacts))
            result, apply_ms = timed(partial(apply_import, sessions, plan))
            _, undo_ms = timed(partial(undo_import, sessions, result))
            totals.append(read_ms[0] + plan_ms[0] + apply_ms[0])
        print(f"import of {rows:,} LinkedIn rows: {plan.counts} (last run, in ms)")
        print(f"    read {read_ms[0]:.0f} · plan with duplicate detection {plan_ms[0]:.0f}"
              f" · apply {apply_ms[0]:.0f} · undo {undo_ms[0]:.0f}")  # fmt: skip
        report(f"import {rows:,} rows (read + plan + apply)", totals, 3000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        core_figures(Path(folder), args.people, args.rows, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
