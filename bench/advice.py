"""Advice step figures on a 10,000-person sample workbook, in milliseconds.

Prints the median and best of several runs for:

- ``rank_people`` on 10,000 people (the issue's budget: under 200 ms): the first run of the
  process (every text's words worked out afresh), runs with the scores worked out again each
  time (the scorer's caches cleared, the module-level ones kept), runs with nothing changed
  (the last result is reused) and runs after one person's title changed (the page ranks
  again after every change: everyone else is kept from the last ranking);
- ``tags_for`` for everyone (what the tag matrix loads), for one person, and ``coverage``;
- a bulk tag of everyone with one kind and its undo (one transaction each).

The matrix's repaint after a toggle is a UI figure: bench/advice_ui.py prints it.

    python bench/advice.py [--runs N] [--people N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbook.core import document  # noqa: E402
from workbook.core.advice import list_kinds, revert, set_tags, tags_for  # noqa: E402
from workbook.core.db import SessionFactory  # noqa: E402
from workbook.core.gaps import coverage  # noqa: E402
from workbook.core.people import update_person  # noqa: E402
from workbook.core.ranking import rank_people  # noqa: E402
from workbook.core.ranking_scorer import forget_scores as forget_all  # noqa: E402
from workbook.core.sample import build_sample  # noqa: E402
from workbook.core.wordmatch import found_words  # noqa: E402

T = TypeVar("T")


def timed(function: Callable[[], T], runs: int = 1, before: Callable[[], object] | None = None
          ) -> tuple[T, list[float]]:  # fmt: skip
    """The last result and each run's time in milliseconds (``before`` runs untimed)."""
    times: list[float] = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return result, times


def report(label: str, times: list[float], target: float | None = None) -> None:
    median, best = statistics.median(times), min(times)
    goal = f"  (target < {target:.0f} ms: {'ok' if median < target else 'SLOW'})" if target else ""
    print(f"  {label:<52} median {median:8.1f} ms   best {best:8.1f} ms{goal}")


def calibration() -> None:
    """How fast this machine runs allocation-heavy Python (a quiet 2020s laptop: ~150 ms)."""
    start = time.perf_counter()
    for text in ["John Smith"] * 1_000_000:
        text.split()
    print(f"machine: 1,000,000 str.split() calls in {(time.perf_counter() - start) * 1000:.0f} ms")


def forget_scores() -> None:
    forget_all()  # only the bench asks for this: the page never needs to


def core_figures(folder: Path, people: int, runs: int) -> None:
    calibration()
    workbook = folder / "bench.workbook"
    start = time.perf_counter()
    build_sample(workbook, people=people)
    print(f"sample workbook with {people:,} people built in {time.perf_counter() - start:.1f} s")
    first_runs(workbook, runs)
    with document.open_document(workbook) as doc:
        sessions: SessionFactory = doc.sessions
        ranked, first = timed(lambda: rank_people(sessions))
        report(f"rank_people ({len(ranked):,} people), first run here", first, 200)
        _, times = timed(lambda: rank_people(sessions), runs, before=forget_scores)
        report("rank_people, scores worked out again", times, 200)
        _, times = timed(lambda: rank_people(sessions), runs)
        report("rank_people, again with nothing changed", times, 200)
        someone_id = ranked[len(ranked) // 3].person_id
        titles = iter(f"Energy analyst {n}" for n in range(runs))
        _, times = timed(
            lambda: rank_people(sessions), runs,
            before=lambda: update_person(sessions, someone_id, title=next(titles)),
        )  # fmt: skip
        report("rank_people, again after one person changed", times, 200)
        forget_scores()
        found_words.cache_clear()

        tags, times = timed(lambda: tags_for(sessions), runs)
        tagged = sum(len(kinds) for kinds in tags.values())
        report(f"tags_for everyone ({len(tags):,} people, {tagged:,} tags)", times)
        someone = [ranked[len(ranked) // 2].person_id]
        _, times = timed(lambda: tags_for(sessions, someone), runs)
        report("tags_for one person", times)
        report_, times = timed(lambda: coverage(sessions), runs)
        report(f"coverage ({len(report_.kinds)} kinds)", times)

        kind = next(k for k in list_kinds(sessions) if k.key == "interview")
        everyone = list(tags)
        bulk: list[float] = []
        undo: list[float] = []
        for _ in range(max(1, runs // 2)):
            change, on_ms = timed(lambda: set_tags(sessions, everyone, kind.id, True))
            _, undo_ms = timed(lambda: revert(sessions, change))  # noqa: B023  (called at once)
            bulk += on_ms
            undo += undo_ms
        report(f"set_tags: tag {len(everyone):,} people at once", bulk)
        report("revert that bulk tag (undo)", undo)


_FIRST_RUN = """
import sys, time
sys.path.insert(0, sys.argv[2])
from workbook.core import document
from workbook.core.ranking import rank_people
with document.open_document(sys.argv[1]) as doc:
    wall, cpu = time.perf_counter(), time.process_time()
    rank_people(doc.sessions)
    print((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
"""


def first_runs(workbook: Path, runs: int) -> None:
    """The first ranking of a process, in ``runs`` fresh processes (one sample each, so a
    median needs several). CPU time is printed too: on a shared machine it varies less."""
    import subprocess

    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_RUN, str(workbook), str(REPO)],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        wall.append(float(out[0]))
        cpu.append(float(out[1]))
    report(f"rank_people, first run of a process ({runs} processes)", wall, 200)
    report("  … its CPU time", cpu, 200)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        core_figures(Path(folder), args.people, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
