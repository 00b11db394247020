"""Advice tags: who could give which kind of advice, with an optional short note.

Every change returns a ``TagChange`` holding the state before and after of each (person, kind)
it touched, so ``revert`` and ``reapply`` undo and redo it exactly, whatever it was (one
click in the matrix, a bulk tag of 500 people, a note). Re-exported by ``workbook.core.advice``:
import from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import AdviceKind, Person, PersonAdvice


@dataclass(frozen=True)
class Tag:
    """One tag: this person could give this kind of advice (the note may be empty)."""

    person_id: int
    kind_id: int
    note: str


@dataclass(frozen=True)
class TagState:
    """One (person, kind) at a moment: ``note`` None means not tagged."""

    person_id: int
    kind_id: int
    note: str | None


@dataclass(frozen=True)
class TagChange:
    """What a tag call changed: the state before and after of each (person, kind) whose tag
    or note actually changed. ``revert`` undoes it exactly, ``reapply`` redoes it."""

    before: tuple[TagState, ...]
    after: tuple[TagState, ...]

    @property
    def changed(self) -> bool:
        return bool(self.before)

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(state.person_id for state in self.before))


_ALL_TAGS_SQL = (
    "SELECT a.person_id, a.kind_id, a.note FROM person_advice a"
    " JOIN person p ON p.id = a.person_id WHERE p.deleted_at IS NULL"
)
_LIVE_PEOPLE_SQL = "SELECT id FROM person WHERE deleted_at IS NULL"
_SOME_TAGS_SQL = "SELECT person_id, kind_id, note FROM person_advice WHERE person_id IN ({})"
_CHUNK = 500  # ids per IN (...): well under SQLite's limit on bound variables


def tags_for(
    sessions: SessionFactory, person_ids: Sequence[int] | None = None
) -> dict[int, dict[int, str]]:
    """person id -> {kind id: note}, retired kinds included (the UI greys them out).

    ``None``: everyone on the list (people without tags map to an empty dict). Given ids:
    each of them, deleted or not, so history views can show a deleted person's tags.
    """
    with sessions() as session:
        db = dbapi(session)
        if person_ids is None:
            found: dict[int, dict[int, str]] = {pid: {} for (pid,) in db.execute(_LIVE_PEOPLE_SQL)}
            for pid, kind_id, note in db.execute(_ALL_TAGS_SQL):
                found[pid][kind_id] = note or ""
            return found
        wanted = list(dict.fromkeys(person_ids))
        found = {pid: {} for pid in wanted}
        for chunk in _chunks(wanted):
            sql = _SOME_TAGS_SQL.format(",".join("?" * len(chunk)))
            for pid, kind_id, note in db.execute(sql, chunk):
                found[pid][kind_id] = note or ""
        return found


def set_tag(
    sessions: SessionFactory, person_id: int, kind_id: int, on: bool, note: str | None = None
) -> TagChange:
    """Tag or untag one person. Tagging keeps an existing note unless ``note`` is given."""
    if not on:
        return _change(sessions, [person_id], kind_id, lambda _old: None)
    new_note = None if note is None else note.strip()
    return _change(
        sessions,
        [person_id],
        kind_id,
        lambda old: (old or "") if new_note is None else new_note,
    )


def set_tags(
    sessions: SessionFactory, person_ids: Sequence[int], kind_id: int, on: bool
) -> TagChange:
    """Tag (keeping existing notes) or untag many people at once, in one transaction."""
    if on:
        return _change(sessions, person_ids, kind_id, lambda old: old or "")
    return _change(sessions, person_ids, kind_id, lambda _old: None)


def set_tag_note(sessions: SessionFactory, person_id: int, kind_id: int, note: str) -> TagChange:
    """Write the note of a tag; a person not tagged yet gets the tag with it."""
    cleaned = note.strip()
    return _change(sessions, [person_id], kind_id, lambda _old: cleaned)


def revert(sessions: SessionFactory, change: TagChange) -> None:
    """Undo a TagChange exactly: every (person, kind) it touched goes back as it was."""
    with sessions.begin() as session:
        _write(session, change.before)


def reapply(sessions: SessionFactory, change: TagChange) -> None:
    """Redo a TagChange after ``revert``."""
    with sessions.begin() as session:
        _write(session, change.after)


def _change(
    sessions: SessionFactory,
    person_ids: Sequence[int],
    kind_id: int,
    new_note: Callable[[str | None], str | None],  # the new state from the old one
) -> TagChange:
    wanted = list(dict.fromkeys(person_ids))
    with sessions.begin() as session:
        kind = session.get(AdviceKind, kind_id)
        if kind is None:
            raise WorkbookError("that kind of advice is no longer on the list")
        _check_people(session, wanted)
        current = _current(session, wanted, kind_id)
        before: list[TagState] = []
        after: list[TagState] = []
        for pid in wanted:
            old = current.get(pid)
            new = new_note(old)
            if old is None and new is not None and kind.retired:  # its notes may still change
                raise WorkbookError(f"“{kind.name}” is retired: bring it back to tag people")
            if new != old:
                before.append(TagState(pid, kind_id, old))
                after.append(TagState(pid, kind_id, new))
        _write(session, after)
    return TagChange(tuple(before), tuple(after))


def _check_people(session: Session, ids: list[int]) -> None:
    present: set[int] = set()
    for chunk in _chunks(ids):
        query = select(Person.id).where(Person.id.in_(chunk), Person.deleted_at.is_(None))
        present.update(session.scalars(query))
    missing = [pid for pid in ids if pid not in present]
    if missing:
        raise WorkbookError(f"person {missing[0]} is not on the list")


def _current(session: Session, ids: list[int], kind_id: int) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        query = select(PersonAdvice.person_id, PersonAdvice.note).where(
            PersonAdvice.kind_id == kind_id, PersonAdvice.person_id.in_(chunk)
        )
        found.update((pid, note or "") for pid, note in session.execute(query))
    return found


def _write(session: Session, states: Iterable[TagState]) -> None:
    """Make each (person, kind) as the state says: absent, or tagged with that note."""
    by_kind: dict[int, list[TagState]] = {}
    for state in states:
        by_kind.setdefault(state.kind_id, []).append(state)
    for kind_id, group in by_kind.items():
        ids = [state.person_id for state in group]
        for chunk in _chunks(ids):
            session.execute(
                delete(PersonAdvice).where(
                    PersonAdvice.kind_id == kind_id, PersonAdvice.person_id.in_(chunk)
                )
            )
        tagged = [
            {"person_id": s.person_id, "kind_id": kind_id, "note": s.note}
            for s in group
            if s.note is not None
        ]
        if tagged:
            session.execute(insert(PersonAdvice), tagged)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def dbapi(session: Session) -> Any:
    """The DB-API connection: plain tuples, no SQLAlchemy row objects (10x faster here)."""
    db = session.connection().connection.driver_connection
    assert db is not None
    return db
