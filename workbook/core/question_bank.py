"""The TIARA question bank, and the questions chosen for each meeting.

The bank holds the built-in questions (``BUILTIN_QUESTIONS``, at least six per letter, each
with a stable key) and the user's own. Every workbook gets the built-in ones when it is
created, and any added by a later version of the app when it is opened for writing
(``seed_question_bank``, which writes nothing when none is missing; it lives with the texts
in ``question_texts`` so opening a workbook stays quick). The user can reword any
question, retire one (hidden from the picker, kept for history) and delete their own; built-in
questions are retired instead, so they do not come back on the next open.

Per meeting (``meeting_questions``), suggestions tailored to the person and the target
(``question_suggest``) and the TIARA letters (``question_texts``) live in their own modules
and are re-exported here: import everything about questions from this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meeting_questions import (
    MAX_QUESTION_CHARS,
    MeetingQuestionRow,
    QuestionTextChange,
    add_in_session,
    add_meeting_question,
    clean_question,
    meeting_questions,
    move_meeting_question,
    remove_meeting_question,
    remove_meeting_questions,
    restore_in_session,
    restore_meeting_question,
    restore_meeting_questions,
    set_meeting_question_order,
    set_meeting_question_text,
    tiara_key,
)
from workbook.core.models import BankQuestion, MeetingQuestion
from workbook.core.question_suggest import (
    PersonFacts,
    Suggestion,
    add_default_questions,
    default_questions,
    suggest_questions,
    tailored_questions,
)
from workbook.core.question_texts import (
    BUILTIN_KEYS,
    BUILTIN_QUESTIONS,
    LETTER_HINTS,
    LETTER_NAMES,
    LETTERS,
    BuiltinQuestion,
    check_letter,
    ensure_builtin_questions,
    letter_label,
    seed_question_bank,
)

__all__ = [  # noqa: RUF022  (grouped: constants, types, the bank, per meeting, suggestions)
    "BUILTIN_KEYS", "BUILTIN_QUESTIONS", "LETTERS", "LETTER_HINTS",
    "LETTER_NAMES", "MAX_QUESTION_CHARS",
    "BankQuestionRow", "BuiltinQuestion", "DeletedBankQuestion", "MeetingQuestionRow",
    "OwnQuestion", "PersonFacts", "QuestionTextChange", "Suggestion",
    "add_question", "check_letter", "clean_question", "delete_question", "edit_question",
    "ensure_builtin_questions", "letter_label", "list_bank", "restore_question", "retire_question",
    "seed_question_bank",
    "add_meeting_question", "add_own_question", "meeting_questions", "move_meeting_question",
    "remove_meeting_question", "remove_meeting_questions", "remove_own_question",
    "restore_meeting_question", "restore_meeting_questions", "restore_own_question",
    "set_meeting_question_order", "set_meeting_question_text", "tiara_key",
    "add_default_questions", "default_questions", "suggest_questions", "tailored_questions",
]  # fmt: skip


@dataclass(frozen=True)
class BankQuestionRow:
    """A question in the bank, as the picker lists it."""

    id: int
    key: str | None  # the built-in key, None for the user's own
    letter: str  # TiaraLetter value
    text: str
    position: int
    retired: bool
    builtin: bool


@dataclass(frozen=True)
class DeletedBankQuestion:
    """Everything needed to put a deleted question of the user's own back (undo)."""

    id: int
    letter: str
    text: str
    position: int
    retired: bool
    # Meetings' questions that came from it (their link is cleared, their text stays).
    meeting_question_ids: tuple[int, ...]


@dataclass(frozen=True)
class OwnQuestion:
    """What "Add my own question" did: the bank question (new or already there) and the
    meeting's copy of it."""

    bank_question_id: int
    created: bool  # False: the bank already held this question, it was reused
    meeting_question_id: int


# -- the bank --------------------------------------------------------------------------------


def list_bank(sessions: SessionFactory, include_retired: bool = False) -> list[BankQuestionRow]:
    """The bank in TIARA order, then by place within each letter."""
    query = select(BankQuestion)
    if not include_retired:
        query = query.where(BankQuestion.retired.is_(False))
    with sessions() as session:
        rows = [_row(q) for q in session.scalars(query)]
    rows.sort(key=lambda r: tiara_key(r.letter, r.position, r.id))
    return rows


def add_question(sessions: SessionFactory, letter: str, text: str) -> int:
    """Add a question of the user's own at the end of its letter; returns its id."""
    checked, cleaned = check_letter(letter), clean_question(text)
    with sessions.begin() as session:
        _check_new(session, checked, cleaned, None)
        return _add(session, checked, cleaned)


def edit_question(sessions: SessionFactory, question_id: int, text: str) -> QuestionTextChange:
    """Reword a bank question (built-in ones keep their key); meetings keep their copies."""
    cleaned = clean_question(text)
    with sessions.begin() as session:
        question = _question(session, question_id)
        _check_new(session, question.letter, cleaned, question_id)
        before = question.text
        question.text = cleaned
        return QuestionTextChange(question_id, before, cleaned)


def retire_question(sessions: SessionFactory, question_id: int, retired: bool = True) -> None:
    """Hide a question from the picker (meetings keep it), or bring it back."""
    with sessions.begin() as session:
        _question(session, question_id).retired = retired


def delete_question(sessions: SessionFactory, question_id: int) -> DeletedBankQuestion:
    """Delete a question of the user's own (built-in ones are retired instead)."""
    with sessions.begin() as session:
        question = _question(session, question_id)
        if question.key is not None:
            raise WorkbookError("that question is built in: retire it instead")
        linked = session.scalars(
            select(MeetingQuestion.id).where(MeetingQuestion.bank_question_id == question_id)
        )
        deleted = DeletedBankQuestion(
            question.id,
            question.letter,
            question.text,
            question.position,
            bool(question.retired),
            tuple(sorted(linked)),
        )
        session.delete(question)
    return deleted


def restore_question(sessions: SessionFactory, deleted: DeletedBankQuestion) -> int:
    """Put a deleted question back with its id and place, linked to its meetings again."""
    with sessions.begin() as session:
        _restore(session, deleted)
    return deleted.id


# -- "Add my own question" -------------------------------------------------------------------


def add_own_question(
    sessions: SessionFactory, meeting_id: int, letter: str, text: str
) -> OwnQuestion:
    """Save a question to the bank (or reuse the same one already there) and add it to the
    meeting, in one transaction."""
    checked, cleaned = check_letter(letter), clean_question(text)
    with sessions.begin() as session:
        same = _same_text(session, checked, cleaned)
        created = same is None
        # The same words already in the bank (perhaps retired): link to them.
        bank_id = _add(session, checked, cleaned) if same is None else same.id
        meeting_question_id = add_in_session(session, meeting_id, checked, cleaned, bank_id)
    return OwnQuestion(bank_id, created, meeting_question_id)


def remove_own_question(
    sessions: SessionFactory, own: OwnQuestion
) -> tuple[MeetingQuestionRow, DeletedBankQuestion | None]:
    """Undo ``add_own_question``: the meeting's copy goes, and the bank question if it was new."""
    with sessions.begin() as session:
        question = session.get(MeetingQuestion, own.meeting_question_id)
        if question is None:
            raise WorkbookError("that question is no longer on the meeting's list")
        removed = MeetingQuestionRow(
            question.id,
            question.meeting_id,
            question.letter,
            question.text,
            question.position,
            question.bank_question_id,
        )
        session.delete(question)
        deleted = None
        bank = session.get(BankQuestion, own.bank_question_id) if own.created else None
        if bank is not None:
            deleted = DeletedBankQuestion(
                bank.id, bank.letter, bank.text, bank.position, bool(bank.retired), ()
            )
            session.delete(bank)
    return removed, deleted


def restore_own_question(
    sessions: SessionFactory, removed: MeetingQuestionRow, deleted: DeletedBankQuestion | None
) -> None:
    """Redo ``add_own_question`` after ``remove_own_question``: same ids as before."""
    with sessions.begin() as session:
        if deleted is not None:
            _restore(session, deleted)
        restore_in_session(session, [removed])


# -- helpers ---------------------------------------------------------------------------------


def _row(question: BankQuestion) -> BankQuestionRow:
    return BankQuestionRow(
        question.id,
        question.key,
        question.letter,
        question.text,
        question.position,
        bool(question.retired),
        question.key is not None,
    )


def _add(session: Session, letter: str, text: str) -> int:
    last = session.scalar(
        select(func.max(BankQuestion.position)).where(BankQuestion.letter == letter)
    )
    question = BankQuestion(letter=letter, text=text, position=0 if last is None else last + 1)
    session.add(question)
    session.flush()
    return question.id


def _restore(session: Session, deleted: DeletedBankQuestion) -> None:
    session.add(
        BankQuestion(
            id=deleted.id,
            letter=deleted.letter,
            text=deleted.text,
            position=deleted.position,
            retired=deleted.retired,
        )
    )
    session.flush()
    for question_id in deleted.meeting_question_ids:
        question = session.get(MeetingQuestion, question_id)
        if question is not None and question.bank_question_id is None:
            question.bank_question_id = deleted.id


def _same_text(session: Session, letter: str, text: str) -> BankQuestion | None:
    """The bank question of this letter with the same words (case aside), if any."""
    folded = text.casefold()
    query = select(BankQuestion).where(BankQuestion.letter == letter)
    return next((q for q in session.scalars(query) if q.text.casefold() == folded), None)


def _check_new(session: Session, letter: str, text: str, question_id: int | None) -> None:
    same = _same_text(session, letter, text)
    if same is None or same.id == question_id:
        return
    if same.retired:
        raise WorkbookError(f"“{same.text}” is in the bank already, retired: bring it back")
    raise WorkbookError(f"“{same.text}” is already in the bank")


def _question(session: Session, question_id: int) -> BankQuestion:
    question = session.get(BankQuestion, question_id)
    if question is None:
        raise WorkbookError("that question is no longer in the bank")
    return question
