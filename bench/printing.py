"""Printing figures, in milliseconds: one prep sheet, and a week's agenda of 100 meetings.

Prints the median and best of several runs for:

- registering the fonts, once a process (the app should do it early, off the UI thread);
- one prep sheet (the issue's budget: under 100 ms, so the preview feels instant): the
  process's first (nothing measured yet), then runs with every text measured afresh (the
  fit caches cleared: what a changed meeting costs), then repeats;
- gathering the data of 100 sheets (the bulk reads behind an agenda);
- the agenda of a week with 100 meetings on a sample workbook of 1,000 people (budget:
  under 3 s), measured afresh each run, on Letter and on A4.

``--screenshot PATH`` also writes the sample's prep sheet as a 100 dpi PNG (for the README).

    python bench/printing.py [--runs N] [--people N] [--meetings N] [--screenshot PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from workbook.core import document  # noqa: E402
from workbook.core.db import SessionFactory  # noqa: E402
from workbook.core.meeting_questions import add_in_session  # noqa: E402
from workbook.core.meetings import create_meeting, list_meetings  # noqa: E402
from workbook.core.models import BankQuestion, MeetingStatus, Person  # noqa: E402
from workbook.core.sample import build_sample  # noqa: E402
from workbook.reports import fit, fonts  # noqa: E402
from workbook.reports.agenda import agenda_pdf  # noqa: E402
from workbook.reports.paper import Paper  # noqa: E402
from workbook.reports.prep_data import sheet_data  # noqa: E402
from workbook.reports.prep_sheet import prep_sheet_pdf  # noqa: E402

T = TypeVar("T")
TODAY = date(2026, 11, 23)  # a Monday: the week of meetings is the 30th to 6 December
WEEK = (date(2026, 11, 30), date(2026, 12, 6))


def timed(function: Callable[[], T], runs: int = 1, before: Callable[[], None] | None = None
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


def forget_measurements() -> None:
    fit._fit.cache_clear()
    fit.measure.cache_clear()


def add_week(sessions: SessionFactory, count: int) -> list[int]:
    """``count`` scheduled meetings spread over the bench week, four questions each."""
    rng = random.Random(7)
    with sessions() as session:
        people = list(session.scalars(select(Person.id).where(Person.deleted_at.is_(None))))
        bank = list(
            session.execute(select(BankQuestion.id, BankQuestion.letter, BankQuestion.text))
        )
    start = datetime(WEEK[0].year, WEEK[0].month, WEEK[0].day, 8, tzinfo=UTC)
    ids = []
    for n in range(count):
        when = start + timedelta(days=n % 7, minutes=30 * (n // 7))
        ids.append(
            create_meeting(
                sessions,
                rng.choice(people),
                status=MeetingStatus.SCHEDULED.value,
                scheduled_at=when,
                timezone="America/New_York",
                place="The café on the corner",
            )
        )
    with sessions.begin() as session:  # one transaction: the bench's set-up, not its figure
        for meeting in ids:
            for question_id, letter, text in rng.sample(bank, 4):
                add_in_session(session, meeting, letter, text, question_id)
    return ids


def figures(folder: Path, people: int, meetings: int, runs: int) -> None:
    calibration()
    workbook = folder / "bench.workbook"
    start = time.perf_counter()
    build_sample(workbook, people=people, today=TODAY)
    print(f"sample workbook with {people:,} people built in {time.perf_counter() - start:.1f} s")
    with document.open_document(workbook) as doc:
        sessions = doc.sessions
        ids = add_week(sessions, meetings)
        one = [ids[0]]
        _, fonts_ms = timed(fonts.register_fonts)
        report("register the fonts (once a process: warm up early)", fonts_ms)
        _, first = timed(lambda: prep_sheet_pdf(sessions, one, paper=Paper.LETTER))
        report("one prep sheet, the process's first", first, 100)
        _, times = timed(
            lambda: prep_sheet_pdf(sessions, one, paper=Paper.LETTER), runs, forget_measurements
        )
        report("one prep sheet, measured afresh", times, 100)
        _, times = timed(lambda: prep_sheet_pdf(sessions, one, paper=Paper.LETTER), runs)
        report("one prep sheet, again (texts measured before)", times, 100)
        sheets, times = timed(lambda: sheet_data(sessions, ids), runs)
        report(f"gather the data of {len(sheets)} sheets", times)
        for paper in Paper:
            pdf, times = timed(
                lambda p=paper: agenda_pdf(sessions, *WEEK, paper=p),  # type: ignore[misc]
                max(3, runs // 2),
                forget_measurements,
            )
            pages = count_pages(pdf)
            report(f"agenda, {meetings} meetings, {pages} pages, {paper.label}", times, 3000)
            print(f"  {'':<52} {len(pdf) / 1024:,.0f} KB, {1000 * len(pdf) / 1024 / pages:,.0f} "
                  "bytes a page")  # fmt: skip


def count_pages(pdf: bytes) -> int:
    import pypdfium2  # type: ignore[import-untyped]

    document_ = pypdfium2.PdfDocument(pdf)
    try:
        return len(document_)
    finally:
        document_.close()


def screenshot(path: Path) -> None:
    """The sample's prep sheet for today's meeting as a 100 dpi PNG, as a user in the
    sample's own time zone sees it."""
    if hasattr(time, "tzset"):
        os.environ["TZ"] = "America/New_York"
        time.tzset()
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "sample.workbook"
        build_sample(workbook, today=TODAY)
        with document.open_document(workbook) as doc:
            today = next(
                m.id
                for m in list_meetings(doc.sessions, statuses=[MeetingStatus.SCHEDULED])
                if m.scheduled_at is not None and m.scheduled_at.date() == TODAY
            )
            pdf = prep_sheet_pdf(doc.sessions, [today], paper=Paper.LETTER)
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(source),
                        str(Path(folder) / "sheet")], check=True)  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(folder) / "sheet.png", path)
    print(f"screenshot: {path} ({path.stat().st_size / 1024:.0f} KB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--screenshot", type=Path, help="also write the sample's sheet as PNG")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures(Path(folder), args.people, args.meetings, args.runs)
    if args.screenshot:
        screenshot(args.screenshot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
