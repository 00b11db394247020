"""What the user learned in a meeting, one note per TIARA letter.

A note is kept as typed; saving an empty (or blank) note removes it. ``set_tiara_note``
returns the text before and after, so the UI can undo a note (``revert_note``) and redo it
(``reapply_note``). ``chosen_questions`` reads the questions picked for the meeting, per
letter, to remind the user what they meant to ask while they write.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Meeting, MeetingQuestion, TiaraLetter, TiaraNote

# The letters in meeting order, their names and what each note is for.
LETTERS: tuple[str, ...] = tuple(letter.value for letter in TiaraLetter)
LETTER_NAMES: dict[str, str] = {
    TiaraLetter.TRENDS: "Trends",
    TiaraLetter.INSIGHTS: "Insights",
    TiaraLetter.ADVICE: "Advice",
    TiaraLetter.RESOURCES: "Resources",
    TiaraLetter.ASSIGNMENTS: "Assignments",
}
LETTER_HINTS: dict[str, str] = {
    TiaraLetter.TRENDS: "What is changing in their field, and what they expect next.",
    TiaraLetter.INSIGHTS: "What surprised them, and what they wish they had known sooner.",
    TiaraLetter.ADVICE: "What they would do in your place.",
    TiaraLetter.RESOURCES: "People, organisations, events, groups and reading they mentioned.",
    TiaraLetter.ASSIGNMENTS: "The projects and problems their work is really about.",
}
# Generous: a page of notes per letter is fine; a pasted book is not.
MAX_NOTE = 50_000


@dataclass(frozen=True)
class NoteChange:
    """One TIARA note before and after a save ("" = no note)."""

    meeting_id: int
    letter: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def letter_label(letter: str) -> str:
    """ "A2" -> "A — Assignments" (the second A shows as an A too)."""
    return f"{letter[0]} — {LETTER_NAMES[letter]}"


def tiara_notes(sessions: SessionFactory, meeting_id: int) -> dict[str, str]:
    """The meeting's notes, letter -> text, in TIARA order (letters without a note left out)."""
    with sessions() as session:
        _meeting(session, meeting_id)
        rows = dict(
            session.execute(
                select(TiaraNote.letter, TiaraNote.text).where(TiaraNote.meeting_id == meeting_id)
            )
            .tuples()
            .all()
        )
    return {letter: rows[letter] for letter in LETTERS if rows.get(letter)}


def chosen_questions(sessions: SessionFactory, meeting_id: int) -> dict[str, tuple[str, ...]]:
    """The questions picked for the meeting, letter -> texts in agenda order."""
    query = (
        select(MeetingQuestion.letter, MeetingQuestion.text)
        .where(MeetingQuestion.meeting_id == meeting_id)
        .order_by(MeetingQuestion.position, MeetingQuestion.id)
    )
    found: dict[str, list[str]] = {}
    with sessions() as session:
        for letter, text in session.execute(query).tuples():
            found.setdefault(letter, []).append(text)
    return {letter: tuple(found[letter]) for letter in LETTERS if letter in found}


def set_tiara_note(sessions: SessionFactory, meeting_id: int, letter: str, text: str) -> NoteChange:
    """Save one note as typed; blank text removes it. Returns before/after for undo."""
    letter = _letter(letter)
    if not isinstance(text, str):
        raise TypeError(f"a note is text, not {type(text).__name__}")
    if len(text) > MAX_NOTE:
        raise WorkbookError(
            f"that note is {len(text):,} characters long; keep each note under {MAX_NOTE:,}"
        )
    after = text if text.strip() else ""
    with sessions.begin() as session:
        _meeting(session, meeting_id)
        return NoteChange(meeting_id, letter, _put(session, meeting_id, letter, after), after)


def revert_note(sessions: SessionFactory, change: NoteChange) -> None:
    """Undo ``change``: the note goes back to what it was."""
    with sessions.begin() as session:
        _meeting(session, change.meeting_id)
        _put(session, change.meeting_id, change.letter, change.before)


def reapply_note(sessions: SessionFactory, change: NoteChange) -> None:
    """Redo ``change``."""
    with sessions.begin() as session:
        _meeting(session, change.meeting_id)
        _put(session, change.meeting_id, change.letter, change.after)


def _put(session: Session, meeting_id: int, letter: str, text: str) -> str:
    """Write the note (inside the caller's transaction); returns the text it had."""
    note = session.get(TiaraNote, (meeting_id, letter))
    before = note.text if note is not None else ""
    if not text:
        if note is not None:
            session.delete(note)
    elif note is None:
        session.add(TiaraNote(meeting_id=meeting_id, letter=letter, text=text))
    else:
        note.text = text
    return before


def _letter(letter: str) -> str:
    try:
        return TiaraLetter(letter).value
    except ValueError:
        raise WorkbookError(
            f"{letter!r} is not a TIARA letter: use one of {', '.join(LETTERS)}"
        ) from None


def _meeting(session: Session, meeting_id: int) -> None:
    if session.get(Meeting, meeting_id) is None:
        raise WorkbookError(f"there is no meeting {meeting_id}")


__all__ = [
    "LETTERS", "LETTER_HINTS", "LETTER_NAMES", "MAX_NOTE", "NoteChange", "chosen_questions",
    "letter_label", "reapply_note", "revert_note", "set_tiara_note", "tiara_notes",
]  # fmt: skip
