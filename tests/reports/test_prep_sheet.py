"""The one-page prep sheet: its text read back with pdftotext, one page whatever the data, looks.

The sample workbook gives realistic sheets; a hand-made person carries the awkward data (a
10,000-character note, 40 advice tags, 15 questions, markup characters in every field, names
in every script the shipped fonts cover).
"""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from workbook.core import document
from workbook.core.advice import add_kind, list_kinds, set_tag
from workbook.core.agenda import GIVE_BACK_QUESTION, agenda_for_meeting
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import create_meeting, list_meetings
from workbook.core.models import Circle, MeetingStatus, Strength
from workbook.core.people import add_person
from workbook.core.question_bank import add_meeting_question, meeting_questions
from workbook.core.sample import build_sample
from workbook.core.target import get_target
from workbook.reports import fit, styles
from workbook.reports.paper import Paper
from workbook.reports.prep_data import sheet_data
from workbook.reports.prep_sheet import prep_sheet_pdf

TODAY = date(2026, 11, 23)
TRICKY_NAMES = (
    "Zoë Ångström", "李小龙", "Олег Петров", "محمد الأحمد", "שרה כהן",
    "Ελένη Παπαδοπούλου", "Seán O'Brien", "Smith & Sons <NYSE>",
)  # fmt: skip
MARKUP = ("R&D <NYSE>", "x<y", "&amp;")
LETTERS = ("T", "I", "A", "R", "A2")


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes, tmp_path: Path, *, layout: bool = True) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-layout", str(path), "-"] if layout else ["pdftotext", str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pages(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def render(data: bytes, folder: Path, name: str) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(folder / name)], check=True)
    return path


def printed(name: str, text: str) -> bool:
    """Whether ``name`` is in ``text``: Arabic prints as presentation forms (NFKC folds them
    back), and right-to-left words may be read back in either order."""
    flat = squash(unicodedata.normalize("NFKC", text))
    return squash(name) in flat or " ".join(reversed(name.split())) in flat or (name[::-1] in flat)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SessionFactory:
    path = tmp_path_factory.mktemp("prep") / "sample.workbook"
    build_sample(path, today=TODAY)
    doc = document.open_document(path)
    tricky(doc.sessions)
    return doc.sessions


def tricky(sessions: SessionFactory) -> None:
    """A person per awkward name, each with a scheduled meeting; the first with huge data."""
    own = [add_kind(sessions, f"R&D <NYSE> {n} x<y") for n in range(30)]
    kinds = [k.id for k in list_kinds(sessions)][:40]
    assert len(kinds) == 40 and own[0] in kinds
    introducer = add_person(sessions, "Олег Петров-Водкин", organisation="&amp;")
    for index, name in enumerate(TRICKY_NAMES):
        big = index == 0
        person = add_person(
            sessions,
            name,
            Circle.WORK,
            Strength.HUNDRED,
            organisation="R&D <NYSE>",
            title="x<y &amp; more",
            how_we_know=("We met at R&D <NYSE>. " * 40) if big else "Neighbours.",
            notes=("A note that goes on and on " * 400)[:10_000] if big else "",
            introduced_by_id=introducer,
            circle_detail="Acme & Co <2019>",
        )
        for kind_id in kinds if big else kinds[:2]:
            set_tag(sessions, person, kind_id, True, note="R&D <NYSE> and x<y" if big else "")
        when = datetime(2026, 12, 1 + index, 15, 0, tzinfo=UTC)
        meeting = create_meeting(
            sessions,
            person,
            status=MeetingStatus.SCHEDULED.value,
            scheduled_at=when,
            timezone="Europe/Berlin",
            place="Café <Zur Post> & Bäckerei " * (20 if big else 1),
            agenda_notes="Remember R&D <NYSE>. " * (300 if big else 1),
        )
        for number in range(15 if big else 3):
            letter = LETTERS[number % 5]
            text = f"Question {number + 1} about R&D <NYSE> and x<y for {name}?"
            if number == 14:
                text = "A long question " + "that keeps going " * 22 + "?"
            add_meeting_question(sessions, meeting, letter, text)


def meeting_of(sessions: SessionFactory, name: str) -> int:
    return next(
        m.id
        for m in list_meetings(sessions)
        if m.person_name == name and m.person_organisation == "R&D <NYSE>"
    )


def test_sample_sheet_shows_the_person_the_ask_and_the_questions(
    sample: SessionFactory, tmp_path: Path, output_dir: Path
) -> None:
    meeting = next(m for m in list_meetings(sample) if m.person_name == "Zoë Ångström")
    data = prep_sheet_pdf(sample, [meeting.id], paper=Paper.LETTER)
    render(data, output_dir, "sample-letter")
    assert pages(data, tmp_path) == 1
    text = pdf_text(data, tmp_path, layout=False)
    flat = squash(text)
    assert "Zoë Ångström" in flat
    assert squash(get_target(sample).ask or "") in flat
    for question in meeting_questions(sample, meeting.id):
        assert question.text in flat
    assert GIVE_BACK_QUESTION in flat
    assert "Monday 23 November 2026" in flat
    assert "16:00–16:20 New York time (EST)" in flat
    assert "Thank-you by Tue 24 Nov" in flat
    assert "Report back by Mon 30 Nov" in flat
    assert "Keep in touch from" in flat
    assert "What is fair to ask" in text.replace("WHAT IS FAIR TO ASK", "What is fair to ask")
    assert "…" not in flat  # the sample fits without trimming anything


def test_every_tricky_name_prints_as_typed(
    sample: SessionFactory, tmp_path: Path, output_dir: Path
) -> None:
    ids = [meeting_of(sample, name) for name in TRICKY_NAMES]
    data = prep_sheet_pdf(sample, ids, paper=Paper.A4)
    render(data, output_dir, "tricky-a4")
    assert pages(data, tmp_path) == len(TRICKY_NAMES)
    text = pdf_text(data, tmp_path, layout=False)
    for name in TRICKY_NAMES:
        assert printed(name, text), name
    flat = squash(text)
    for typed in MARKUP:
        assert typed in flat, typed
    assert "R&D <NYSE>" in flat and "R&D;" not in flat
    assert "Олег Петров-Водкин" in flat


@pytest.mark.parametrize("paper", list(Paper))
def test_huge_data_still_gives_exactly_one_page(
    sample: SessionFactory, tmp_path: Path, output_dir: Path, paper: Paper
) -> None:
    meeting = meeting_of(sample, TRICKY_NAMES[0])
    data = prep_sheet_pdf(sample, [meeting], paper=paper)
    render(data, output_dir, f"huge-{paper.value}")
    assert pages(data, tmp_path) == 1
    flat = squash(pdf_text(data, tmp_path, layout=False))
    assert "…" in flat  # the long note and tags were cut visibly
    assert "A note that goes on and on" in flat
    assert "Question 1 about R&D <NYSE> and x<y" in flat
    assert GIVE_BACK_QUESTION in flat


def test_paper_sizes(sample: SessionFactory, tmp_path: Path) -> None:
    meeting = meeting_of(sample, TRICKY_NAMES[1])
    for paper, size in ((Paper.LETTER, "612 x 792 pts (letter)"), (Paper.A4, "(A4)")):
        path = tmp_path / f"{paper.value}.pdf"
        path.write_bytes(prep_sheet_pdf(sample, [meeting], paper=paper))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        page = next(line for line in info.splitlines() if line.startswith("Page size:"))
        assert page.endswith(size)


def test_same_data_gives_the_same_bytes(sample: SessionFactory) -> None:
    ids = [meeting_of(sample, name) for name in TRICKY_NAMES[:3]]
    first = prep_sheet_pdf(sample, ids, paper=Paper.LETTER)
    fit._fit.cache_clear()  # measured afresh, still the same bytes
    fit.measure.cache_clear()
    assert prep_sheet_pdf(sample, ids, paper=Paper.LETTER) == first


def test_progress_and_errors(sample: SessionFactory) -> None:
    ids = [meeting_of(sample, name) for name in TRICKY_NAMES[:3]]
    calls: list[tuple[int, int]] = []
    prep_sheet_pdf(sample, ids, paper=Paper.A4, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(WorkbookError, match="there is no meeting 999999"):
        prep_sheet_pdf(sample, [ids[0], 999_999], paper=Paper.A4)
    with pytest.raises(WorkbookError, match="choose a meeting"):
        prep_sheet_pdf(sample, [], paper=Paper.A4)


def test_unscheduled_meeting_says_so(sample: SessionFactory, tmp_path: Path) -> None:
    idea = next(m for m in list_meetings(sample) if m.scheduled_at is None)
    flat = squash(pdf_text(prep_sheet_pdf(sample, [idea.id], paper=Paper.A4), tmp_path))
    assert "Not scheduled yet" in flat
    assert "Thank-you within a day" in flat.replace("Thank-you  within", "Thank-you within")


def test_bulk_agenda_matches_the_meetings_page(sample: SessionFactory) -> None:
    meetings = list_meetings(sample)
    sheets = sheet_data(sample, [m.id for m in meetings])
    for meeting, sheet in zip(meetings, sheets, strict=True):
        assert sheet.meeting == meeting
        assert sheet.agenda == agenda_for_meeting(sample, meeting.id)


def test_fit_cuts_by_words_with_a_visible_ellipsis() -> None:
    style, width = styles.BODY, 200.0
    long = fit.fit("word " * 2_000, style, width, 3)
    assert long.trimmed and long.lines <= 3 and long.markup.endswith("word…")
    short = fit.fit("R&D <NYSE>", style, width, 3)
    assert not short.trimmed and short.markup == "R&amp;D &lt;NYSE&gt;"
    chinese = fit.fit("李小龙" * 500, style, width, 2)
    assert chinese.trimmed and chinese.lines <= 2 and "李" in chinese.markup
    url = fit.fit("https://example.com/" + "x" * 400, style, width, 1)
    assert url.lines == 1 and url.markup.endswith("x…")
    mixed = fit.fit((("Introduced by ", False), ("Ana & Bo", True)), style, width, 1)
    assert mixed.markup == "Introduced by <b>Ana &amp; Bo</b>"
    assert fit.fit("   ", style, width, 3) is fit.EMPTY
