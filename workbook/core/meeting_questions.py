"""The questions chosen for one meeting, kept in TIARA order.

A meeting's question is a copy of its text (and letter): rewording or retiring a bank question
later leaves every meeting's history as it was. ``bank_question_id`` remembers where it came
from, so the picker can show which bank questions a meeting already has. Within a meeting
questions are ordered by letter (Trends first, Assignments last), then by ``position``; moving
a question only changes its place among the questions of its own letter.

Every mutation is one transaction and returns what an undo needs. Re-exported by
``workbook.core.question_bank``: import from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import BankQuestion, Meeting, MeetingQuestion
from workbook.core.question_texts import LETTER_ORDER, check_letter

MAX_QUESTION_CHARS = 400


@dataclass(frozen=True)
class MeetingQuestionRow:
    """One question chosen for a meeting (its text is the meeting's own copy)."""

    id: int
    meeting_id: int
    letter: str  # TiaraLetter value
    text: str
    position: int
    bank_question_id: int | None


@dataclass(frozen=True)
class QuestionTextChange:
    """A question's text before and after an edit (a bank question or a meeting's)."""

    id: int
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def clean_question(text: str) -> str:
    """The text as stored: one line, single spaces; WorkbookError when blank or too long."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise WorkbookError("a question needs some words")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise WorkbookError(
            f"a question works best short: keep it under {MAX_QUESTION_CHARS} characters"
        )
    return cleaned


def tiara_key(letter: str, position: int, row_id: int) -> tuple[int, int, int]:
    """How questions sort: TIARA letter, then place, then age."""
    return (LETTER_ORDER.get(letter, len(LETTER_ORDER)), position, row_id)


# -- reading ---------------------------------------------------------------------------------


def meeting_questions(sessions: SessionFactory, meeting_id: int) -> list[MeetingQuestionRow]:
    """A meeting's questions in TIARA order (WorkbookError if there is no such meeting)."""
    with sessions() as session:
        _meeting(session, meeting_id)
        return [_row(q) for q in _questions(session, meeting_id)]


# -- writing ---------------------------------------------------------------------------------


def add_meeting_question(
    sessions: SessionFactory,
    meeting_id: int,
    letter: str,
    text: str,
    bank_question_id: int | None = None,
) -> int:
    """Add a question at the end of its letter's questions; returns its id."""
    checked, cleaned = check_letter(letter), clean_question(text)
    with sessions.begin() as session:
        return add_in_session(session, meeting_id, checked, cleaned, bank_question_id)


def add_in_session(
    session: Session, meeting_id: int, letter: str, text: str, bank_question_id: int | None
) -> int:
    """``add_meeting_question`` inside the caller's transaction (values already checked)."""
    _meeting(session, meeting_id)
    if bank_question_id is not None and session.get(BankQuestion, bank_question_id) is None:
        raise WorkbookError("that question is no longer in the bank")
    same_letter = [q.position for q in _questions(session, meeting_id) if q.letter == letter]
    question = MeetingQuestion(
        meeting_id=meeting_id,
        letter=letter,
        text=text,
        position=max(same_letter, default=-1) + 1,
        bank_question_id=bank_question_id,
    )
    session.add(question)
    session.flush()
    return question.id


def remove_meeting_question(sessions: SessionFactory, question_id: int) -> MeetingQuestionRow:
    """Take a question off its meeting; the row returned is all ``restore`` needs."""
    return remove_meeting_questions(sessions, [question_id])[0]


def remove_meeting_questions(
    sessions: SessionFactory, question_ids: Sequence[int]
) -> tuple[MeetingQuestionRow, ...]:
    """Take several questions off (one transaction); returns them for ``restore``."""
    with sessions.begin() as session:
        removed = []
        for question_id in dict.fromkeys(question_ids):
            question = _question(session, question_id)
            removed.append(_row(question))
            session.delete(question)
    return tuple(removed)


def restore_meeting_question(sessions: SessionFactory, removed: MeetingQuestionRow) -> int:
    """Put a removed question back with its id, letter, text and place."""
    restore_meeting_questions(sessions, [removed])
    return removed.id


def restore_meeting_questions(
    sessions: SessionFactory, removed: Sequence[MeetingQuestionRow]
) -> None:
    with sessions.begin() as session:
        restore_in_session(session, removed)


def restore_in_session(session: Session, removed: Sequence[MeetingQuestionRow]) -> None:
    """``restore_meeting_questions`` inside the caller's transaction."""
    for row in removed:
        _meeting(session, row.meeting_id)
        bank_id = row.bank_question_id
        if bank_id is not None and session.get(BankQuestion, bank_id) is None:
            bank_id = None  # the bank question went meanwhile: keep the copy
        session.add(
            MeetingQuestion(
                id=row.id,
                meeting_id=row.meeting_id,
                letter=row.letter,
                text=row.text,
                position=row.position,
                bank_question_id=bank_id,
            )
        )


def set_meeting_question_text(
    sessions: SessionFactory, question_id: int, text: str
) -> QuestionTextChange:
    """Reword a meeting's question (the bank keeps its own wording)."""
    cleaned = clean_question(text)
    with sessions.begin() as session:
        question = _question(session, question_id)
        before = question.text
        question.text = cleaned
        return QuestionTextChange(question_id, before, cleaned)


def move_meeting_question(sessions: SessionFactory, question_id: int, step: int) -> list[int]:
    """Move a question ``step`` places up (negative) or down among its letter's questions
    (clamped). Returns the meeting's previous order of ids, for ``set_meeting_question_order``."""
    with sessions.begin() as session:
        question = _question(session, question_id)
        questions = _questions(session, question.meeting_id)
        before = [q.id for q in questions]
        group = [q for q in questions if q.letter == question.letter]
        index = group.index(question)
        group.pop(index)
        group.insert(max(0, min(index + step, len(group))), question)
        _renumber(group)
        return before


def set_meeting_question_order(
    sessions: SessionFactory, meeting_id: int, ids: Sequence[int]
) -> None:
    """Put a meeting's questions in this order within each letter (undo of a move). Ids that
    are no longer there are skipped; questions not listed keep their place after the others."""
    with sessions.begin() as session:
        questions = _questions(session, meeting_id)
        rank = {question_id: index for index, question_id in enumerate(ids)}
        for letter in LETTER_ORDER:
            group = [q for q in questions if q.letter == letter]
            group.sort(key=lambda q: (rank.get(q.id, len(rank)), q.position, q.id))
            _renumber(group)


# -- helpers ---------------------------------------------------------------------------------


def _row(question: MeetingQuestion) -> MeetingQuestionRow:
    return MeetingQuestionRow(
        question.id,
        question.meeting_id,
        question.letter,
        question.text,
        question.position,
        question.bank_question_id,
    )


def _questions(session: Session, meeting_id: int) -> list[MeetingQuestion]:
    query = select(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting_id)
    found = list(session.scalars(query))
    found.sort(key=lambda q: tiara_key(q.letter, q.position, q.id))
    return found


def _renumber(group: list[MeetingQuestion]) -> None:
    for position, question in enumerate(group):
        if question.position != position:
            question.position = position


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise WorkbookError(f"there is no meeting {meeting_id}")
    return meeting


def _question(session: Session, question_id: int) -> MeetingQuestion:
    question = session.get(MeetingQuestion, question_id)
    if question is None:
        raise WorkbookError("that question is no longer on the meeting's list")
    return question


__all__ = [
    "MAX_QUESTION_CHARS", "MeetingQuestionRow", "QuestionTextChange", "add_in_session",
    "add_meeting_question", "clean_question", "meeting_questions", "move_meeting_question",
    "remove_meeting_question", "remove_meeting_questions", "restore_in_session",
    "restore_meeting_question",
    "restore_meeting_questions", "set_meeting_question_order", "set_meeting_question_text",
    "tiara_key",
]  # fmt: skip
