"""The agenda PDF: a list of the meetings in time order, then each one's prep sheet."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import create_meeting, list_meetings
from workbook.core.models import MeetingStatus
from workbook.core.people import add_person
from workbook.core.sample import build_sample
from workbook.reports.agenda import agenda_pdf, days_title
from workbook.reports.paper import Paper

TODAY = date(2026, 11, 23)
BUSY_DAY = date(2027, 2, 3)  # the hand-made busy day: no sample meeting is near it
BUSY = 60


def pdf_text(data: bytes, folder: Path, page: int | None = None) -> str:
    path = folder / "agenda.pdf"
    path.write_bytes(data)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(out.stdout.split())


def page_count(data: bytes, folder: Path) -> int:
    path = folder / "count.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware moment at the computer's local clock time (the agenda's days are local)."""
    return datetime.combine(day, time(hour, minute)).astimezone()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SessionFactory:
    path = tmp_path_factory.mktemp("agenda") / "sample.workbook"
    build_sample(path, today=TODAY)
    doc = document.open_document(path)
    sessions = doc.sessions
    # A busy day, created out of order, and meetings right at its edges.
    for n in reversed(range(BUSY)):
        person = add_person(sessions, f"Busy Person {n:02d} & Co <x>", organisation="R&D <NYSE>")
        create_meeting(
            sessions,
            person,
            status=MeetingStatus.SCHEDULED.value,
            scheduled_at=local(BUSY_DAY, 7) + timedelta(minutes=15 * n),
            place=f"Room {n}",
        )
    edge = add_person(sessions, "Edge Case")
    for moment, name in (
        (local(BUSY_DAY, 0, 0), "starts the day"),
        (local(BUSY_DAY, 23, 59), "ends the day"),
        (local(BUSY_DAY + timedelta(days=1), 0, 0), "next day"),
        (local(BUSY_DAY - timedelta(days=1), 23, 59), "day before"),
    ):
        create_meeting(
            sessions,
            edge,
            status=MeetingStatus.SCHEDULED.value,
            scheduled_at=moment,
            place=name,
        )
    declined = add_person(sessions, "Declined Person")
    create_meeting(
        sessions,
        declined,
        status=MeetingStatus.DECLINED.value,
        scheduled_at=local(BUSY_DAY, 12),
    )
    return sessions


def test_week_lists_meetings_in_order_then_their_sheets(
    sample: SessionFactory, tmp_path: Path, output_dir: Path
) -> None:
    first, last = date(2026, 11, 16), date(2026, 11, 30)
    expected = [
        m
        for m in list_meetings(sample)
        if m.scheduled_at is not None
        and first <= m.scheduled_at.astimezone().date() <= last
        and m.status not in (MeetingStatus.DECLINED, MeetingStatus.POSTPONED)
    ]
    assert len(expected) >= 4
    calls: list[tuple[int, int]] = []
    data = agenda_pdf(
        sample, first, last, paper=Paper.LETTER, progress=lambda d, t: calls.append((d, t))
    )
    path = output_dir / "week.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(output_dir / "week")], check=True
    )
    assert page_count(data, tmp_path) == 1 + len(expected)
    assert calls == [(n, len(expected)) for n in range(1, len(expected) + 1)]
    listing = pdf_text(data, tmp_path, 1)
    positions = [listing.index(m.person_name) for m in expected]
    assert positions == sorted(positions)
    assert "Isabella Costa" not in listing  # postponed: her time no longer holds
    for page, meeting in enumerate(expected, start=2):
        sheet = pdf_text(data, tmp_path, page)
        assert meeting.person_name in sheet
        assert f"page {page} of {1 + len(expected)}" in sheet


def test_busy_day_spills_over_several_list_pages(
    sample: SessionFactory, tmp_path: Path, output_dir: Path
) -> None:
    data = agenda_pdf(sample, BUSY_DAY, BUSY_DAY, paper=Paper.A4)
    path = output_dir / "busy-day.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-l", "3", str(path), str(output_dir / "busy")], check=True
    )
    meetings = BUSY + 2  # and the two at the day's very edges
    total = page_count(data, tmp_path)
    listing_pages = total - meetings
    assert listing_pages >= 2
    listed = " ".join(pdf_text(data, tmp_path, page) for page in range(1, listing_pages + 1))
    assert "Agenda (continued)" in pdf_text(data, tmp_path, 2).replace("AGENDA", "Agenda").replace(
        "(CONTINUED)", "(continued)"
    )
    names = [f"Busy Person {n:02d} & Co <x>" for n in range(BUSY)]
    positions = [listed.index(name) for name in names]
    assert positions == sorted(positions)
    assert "R&D <NYSE>" in listed
    assert listed.index("starts the day") < positions[0]
    assert listed.index("ends the day") > positions[-1]
    assert "next day" not in listed and "day before" not in listed
    assert "Declined Person" not in listed
    first_sheet = pdf_text(data, tmp_path, listing_pages + 1)
    assert "starts the day" in first_sheet
    assert "Busy Person 00 & Co <x>" in pdf_text(data, tmp_path, listing_pages + 2)


def test_empty_range_gives_one_page_that_says_so(sample: SessionFactory, tmp_path: Path) -> None:
    data = agenda_pdf(sample, date(2030, 1, 1), date(2030, 1, 1), paper=Paper.LETTER)
    assert page_count(data, tmp_path) == 1
    text = pdf_text(data, tmp_path)
    assert "No meetings on this day." in text and "Meetings page" in text
    week = agenda_pdf(sample, date(2030, 1, 1), date(2030, 1, 7), paper=Paper.A4)
    assert "No meetings on these days." in pdf_text(week, tmp_path)


def test_paper_deterministic_bytes_and_errors(sample: SessionFactory, tmp_path: Path) -> None:
    week = (date(2026, 11, 23), date(2026, 11, 29))
    letter = agenda_pdf(sample, *week, paper=Paper.LETTER)
    assert agenda_pdf(sample, *week, paper=Paper.LETTER) == letter
    a4 = agenda_pdf(sample, *week, paper=Paper.A4)
    for data, size in ((letter, "(letter)"), (a4, "(A4)")):
        path = tmp_path / "size.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", "-l", "99", str(path)], capture_output=True, text=True)
        sizes = [x for x in info.stdout.splitlines() if x.startswith("Page") and "size" in x]
        assert sizes and all(line.endswith(size) for line in sizes)
    with pytest.raises(WorkbookError, match="before it starts"):
        agenda_pdf(sample, date(2026, 11, 29), date(2026, 11, 23), paper=Paper.A4)


def test_days_title() -> None:
    assert days_title(date(2026, 11, 23), date(2026, 11, 23)) == "Monday 23 November 2026"
    assert days_title(date(2026, 11, 23), date(2026, 11, 29)) == "Mon 23 Nov – Sun 29 Nov 2026"
    assert days_title(date(2026, 12, 28), date(2027, 1, 3)) == "Mon 28 Dec 2026 – Sun 3 Jan 2027"
