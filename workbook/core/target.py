"""Step 1, the target: its answers, the one-sentence ask and the readiness check.

Functions take the workbook's session factory and return plain frozen dataclasses; each call
is one short unit of work. Mutations return what changed (before and after), which is all an
undo command needs. The pure parts (answers, composing the ask, readiness) live in
``workbook.core.ask`` and are re-exported here; target organisations are in
``workbook.core.organisations``.

The ask: while ``ask_edited`` is false the ask is the composed sentence (``ask_text`` keeps a
copy for readers of the file). Once the user writes their own, ``ask_text`` is theirs and is
never replaced without a call to ``reset_ask``; the composed sentence it was written against
is kept (setting ``target.ask_basis``) so the page can say "your answers changed".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.core.ask import (
    FIELDS,
    QUESTION,
    QUESTIONS,
    AskResult,
    FieldValue,
    ReadinessItem,
    TargetAnswers,
    compose_ask,
    normalise_list,
    normalise_value,
    readiness,
)
from workbook.core.db import SessionFactory
from workbook.core.models import Setting, Target, TargetOrganisation, utcnow

__all__ = [
    "FIELDS",
    "QUESTION",
    "QUESTIONS",
    "AskChange",
    "AskResult",
    "AskState",
    "ReadinessItem",
    "TargetAnswers",
    "TargetChange",
    "TargetView",
    "compose_ask",
    "get_ask_state",
    "get_target",
    "keep_ask",
    "normalise_list",
    "readiness",
    "reset_ask",
    "restore_ask",
    "set_ask",
    "update_field",
]

ASK_BASIS_KEY = "target.ask_basis"


@dataclass(frozen=True)
class AskState:
    """The stored ask: the text, whether the user wrote it, and the sentence it replaced."""

    text: str
    edited: bool
    basis: str | None


@dataclass(frozen=True)
class TargetView:
    """The target as the page and the command line show it."""

    answers: TargetAnswers
    composed: AskResult
    ask_state: AskState
    organisation_count: int

    @property
    def ask(self) -> str | None:
        """What to say: the user's own sentence, else the composed one (None if incomplete)."""
        return self.ask_state.text if self.ask_state.edited else self.composed.sentence

    @property
    def ask_edited(self) -> bool:
        return self.ask_state.edited

    @property
    def ask_outdated(self) -> bool:
        """Hand-written, and the answers now compose a different sentence than back then."""
        new = self.composed.sentence
        return self.ask_state.edited and new is not None and new != self.ask_state.basis

    @property
    def readiness(self) -> tuple[ReadinessItem, ...]:
        return readiness(self.answers, self.organisation_count, self.ask)


@dataclass(frozen=True)
class TargetChange:
    """One answer before and after a change."""

    field: str
    before: FieldValue
    after: FieldValue

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class AskChange:
    """The stored ask before and after a change."""

    before: AskState
    after: AskState

    @property
    def changed(self) -> bool:
        return self.before != self.after


# ---------------------------------------------------------------- the target row


def get_target(sessions: SessionFactory) -> TargetView:
    with sessions() as session:
        row = session.get(Target, 1)
        answers = TargetAnswers() if row is None else _answers(row)
        count = session.scalar(select(func.count()).select_from(TargetOrganisation)) or 0
        state = _ask_state(session, row)
    return TargetView(answers, compose_ask(answers), state, count)


def update_field(sessions: SessionFactory, field: str, value: object) -> TargetChange:
    """Store one answer (lists normalised, text as typed); keeps a composed ask in step."""
    new = normalise_value(field, value)
    with sessions.begin() as session:
        row = _target_row(session)
        answers = _answers(row)
        before = answers.value(field)
        if new != before:
            setattr(row, field, list(new) if isinstance(new, tuple) else new)
            row.updated_at = utcnow()
            if not row.ask_edited:
                row.ask_text = compose_ask(answers.with_value(field, new)).sentence or ""
    return TargetChange(field, before, new)


def get_ask_state(sessions: SessionFactory) -> AskState:
    with sessions() as session:
        return _ask_state(session, session.get(Target, 1))


def set_ask(sessions: SessionFactory, text: str) -> AskChange:
    """The user's own ask, kept as typed. Blank text goes back to the composed sentence."""
    if not text.strip():
        return reset_ask(sessions)

    def change(state: AskState, composed: str | None) -> AskState:
        basis = state.basis if state.edited else composed
        return AskState(text, True, basis)

    return _change_ask(sessions, change)


def reset_ask(sessions: SessionFactory) -> AskChange:
    """Use the composed sentence again (the user's own text is replaced)."""
    return _change_ask(sessions, lambda _state, composed: AskState(composed or "", False, None))


def keep_ask(sessions: SessionFactory) -> AskChange:
    """Keep the user's own ask after the answers changed: stop offering the new sentence."""
    return _change_ask(
        sessions,
        lambda state, composed: (
            AskState(state.text, state.edited, composed) if state.edited else state
        ),
    )


def restore_ask(sessions: SessionFactory, state: AskState) -> AskChange:
    """Put back an earlier ask state exactly (undo)."""
    return _change_ask(sessions, lambda _state, _composed: state)


def _change_ask(
    sessions: SessionFactory, change: Callable[[AskState, str | None], AskState]
) -> AskChange:
    with sessions.begin() as session:
        row = _target_row(session)
        before = _ask_state(session, row)
        after: AskState = change(before, compose_ask(_answers(row)).sentence)
        if after != before:
            row.ask_text, row.ask_edited = after.text, after.edited
            row.updated_at = utcnow()
            session.merge(Setting(key=ASK_BASIS_KEY, value=after.basis))
    return AskChange(before, after)


def _target_row(session: Session) -> Target:
    row = session.get(Target, 1)
    if row is None:  # a workbook always has it; be forgiving with hand-made files
        row = Target(id=1)
        session.add(row)
        session.flush()
    return row


def _answers(row: Target) -> TargetAnswers:
    def texts(value: object) -> tuple[str, ...]:
        items = value if isinstance(value, list) else []
        return normalise_list(item if isinstance(item, str) else str(item) for item in items)

    return TargetAnswers(
        role=row.role or "",
        level=row.level or "",
        skills=texts(row.skills),
        industries=texts(row.industries),
        organisation_types=texts(row.organisation_types),
        organisation_size=row.organisation_size or "",
        environment=texts(row.environment),
        culture=row.culture or "",
        places=texts(row.places),
        open_to_remote=bool(row.open_to_remote),
        willing_to_relocate=bool(row.willing_to_relocate),
        value_statement=row.value_statement or "",
    )


def _ask_state(session: Session, row: Target | None) -> AskState:
    if row is None:
        return AskState("", False, None)
    basis = session.get(Setting, ASK_BASIS_KEY)
    value = basis.value if basis is not None else None
    return AskState(
        row.ask_text or "", bool(row.ask_edited), value if isinstance(value, str) else None
    )
