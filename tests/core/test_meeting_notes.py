"""TIARA notes: saved as typed, blank removes, undo/redo, the questions chosen per letter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meeting_notes import (
    LETTERS,
    MAX_NOTE,
    chosen_questions,
    letter_label,
    reapply_note,
    revert_note,
    set_tiara_note,
    tiara_notes,
)
from workbook.core.meetings import create_meeting
from workbook.core.models import MeetingQuestion, TiaraNote
from workbook.core.people import add_person


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


@pytest.fixture
def meeting(sessions: SessionFactory) -> int:
    return create_meeting(sessions, add_person(sessions, "Ana Lima"))


def _rows(sessions: SessionFactory) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(TiaraNote)) or 0


def test_notes_are_kept_as_typed_in_tiara_order(sessions: SessionFactory, meeting: int) -> None:
    text = "Storage is growing.\n  Solar alone is flattening — ça change. 李"
    set_tiara_note(sessions, meeting, "R", "Read the yearly report.")
    change = set_tiara_note(sessions, meeting, "T", text)
    assert (change.before, change.after, change.changed) == ("", text, True)
    notes = tiara_notes(sessions, meeting)
    assert list(notes) == ["T", "R"] and notes["T"] == text


def test_blank_text_removes_the_note_and_undo_puts_it_back(
    sessions: SessionFactory, meeting: int
) -> None:
    set_tiara_note(sessions, meeting, "A2", "Rebuilding the dashboard.")
    change = set_tiara_note(sessions, meeting, "A2", "  \n ")
    assert (change.before, change.after) == ("Rebuilding the dashboard.", "")
    assert tiara_notes(sessions, meeting) == {} and _rows(sessions) == 0
    revert_note(sessions, change)
    assert tiara_notes(sessions, meeting) == {"A2": "Rebuilding the dashboard."}
    reapply_note(sessions, change)
    assert _rows(sessions) == 0


def test_undo_and_redo_an_edit(sessions: SessionFactory, meeting: int) -> None:
    set_tiara_note(sessions, meeting, "I", "First thought")
    change = set_tiara_note(sessions, meeting, "I", "Second thought")
    revert_note(sessions, change)
    assert tiara_notes(sessions, meeting) == {"I": "First thought"}
    reapply_note(sessions, change)
    assert tiara_notes(sessions, meeting) == {"I": "Second thought"}
    same = set_tiara_note(sessions, meeting, "I", "Second thought")
    assert not same.changed


def test_bad_input_is_refused(sessions: SessionFactory, meeting: int) -> None:
    with pytest.raises(WorkbookError, match="not a TIARA letter"):
        set_tiara_note(sessions, meeting, "X", "hello")
    with pytest.raises(WorkbookError, match="no meeting 999"):
        set_tiara_note(sessions, 999, "T", "hello")
    with pytest.raises(WorkbookError, match="no meeting 999"):
        tiara_notes(sessions, 999)
    with pytest.raises(WorkbookError, match="under 50,000"):
        set_tiara_note(sessions, meeting, "T", "x" * (MAX_NOTE + 1))
    long = "A long note. " * 3000  # about 39,000 characters: fine
    set_tiara_note(sessions, meeting, "T", long)
    assert tiara_notes(sessions, meeting)["T"] == long


def test_chosen_questions_by_letter_in_agenda_order(sessions: SessionFactory, meeting: int) -> None:
    with sessions.begin() as session:
        for position, (letter, text) in enumerate(
            [("A", "What would you do first?"), ("T", "Where is it going?"),
             ("A", "What would you avoid?")]
        ):  # fmt: skip
            session.add(
                MeetingQuestion(meeting_id=meeting, letter=letter, text=text, position=position)
            )
    assert chosen_questions(sessions, meeting) == {
        "T": ("Where is it going?",),
        "A": ("What would you do first?", "What would you avoid?"),
    }


def test_labels() -> None:
    assert LETTERS == ("T", "I", "A", "R", "A2")
    assert letter_label("A2") == "A — Assignments"
    assert letter_label("T") == "T — Trends"
