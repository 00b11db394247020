"""Undo for multi-row actions: record what one transaction inserted, updated and deleted.

A pipeline move or a completed follow-up touches several rows (the meeting, a logged
contact, follow-ups planned or withdrawn). Rather than each service hand-writing its own
inverse, the service runs inside ``track(session)``: the session's flushes are watched and
every row's before/after column values are kept in a ``ChangeLog``. ``undo_changes`` and
``redo_changes`` replay it in a new transaction. Rows are handled at column level, so the log
is plain data and outlives the session.

Only changes made through the ORM are seen: services that use this must not rely on
SQLite's ON DELETE cascades for rows they delete (delete children explicitly).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from workbook.core.db import Base, SessionFactory

Values = dict[str, Any]


@dataclass
class ChangeLog:
    """Rows one action changed: (model class, primary key, column values)."""

    inserted: list[tuple[type[Base], Any, Values]] = field(default_factory=list)
    updated: list[tuple[type[Base], Any, Values, Values]] = field(default_factory=list)
    deleted: list[tuple[type[Base], Any, Values]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.inserted or self.updated or self.deleted)

    def inserted_of(self, model: type[Base]) -> list[Values]:
        return [values for cls, _key, values in self.inserted if cls is model]


def _columns(obj: Base) -> Values:
    mapper = inspect(type(obj))
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}


def _key(obj: Base) -> Any:
    identity = inspect(obj).identity
    assert identity is not None
    return identity[0] if len(identity) == 1 else identity


@contextmanager
def track(session: Session) -> Iterator[ChangeLog]:
    """Record the row changes the session flushes inside this block (call ``flush`` is
    done on exit, so nothing pending is missed)."""
    log = ChangeLog()
    new: list[Base] = []

    def before_flush(sess: Session, _context: Any, _instances: Any) -> None:
        for obj in sess.new:
            new.append(obj)
        for obj in sess.dirty:
            if not sess.is_modified(obj, include_collections=False):
                continue
            state = inspect(obj)
            before: Values = {}
            after: Values = {}
            for attr in inspect(type(obj)).column_attrs:
                history = state.attrs[attr.key].history
                if history.has_changes():
                    before[attr.key] = history.deleted[0] if history.deleted else None
                    after[attr.key] = history.added[0] if history.added else None
            if before != after:
                log.updated.append((type(obj), _key(obj), before, after))
        for obj in sess.deleted:
            log.deleted.append((type(obj), _key(obj), _columns(obj)))

    event.listen(session, "before_flush", before_flush)
    try:
        yield log
        session.flush()
    finally:
        event.remove(session, "before_flush", before_flush)
    for obj in new:
        log.inserted.append((type(obj), _key(obj), _columns(obj)))


def undo_changes(sessions: SessionFactory, log: ChangeLog) -> None:
    """Put every row back as it was before the logged action."""
    with sessions.begin() as session:
        for cls, key, _values in reversed(log.inserted):
            obj = session.get(cls, key)
            if obj is not None:
                session.delete(obj)
        session.flush()
        for cls, key, before, _after in reversed(log.updated):
            _set(session, cls, key, before)
        for cls, _, values in log.deleted:
            session.add(cls(**values))


def redo_changes(sessions: SessionFactory, log: ChangeLog) -> None:
    """Apply the logged action again after ``undo_changes``. Deletions go first: SQLite may
    have given a new row the id of a row the action deleted."""
    with sessions.begin() as session:
        for cls, key, _values in log.deleted:
            obj = session.get(cls, key)
            if obj is not None:
                session.delete(obj)
        session.flush()
        for cls, _, values in log.inserted:
            session.add(cls(**values))
        session.flush()
        for cls, key, _before, after in log.updated:
            _set(session, cls, key, after)


def _set(session: Session, cls: type[Base], key: Any, values: Values) -> None:
    obj = session.get(cls, key)
    if obj is None:
        return
    values = dict(values)
    # A calendar's SEQUENCE only ever rises: an undone change is a new version too.
    if "sequence" in values and hasattr(obj, "sequence"):
        values["sequence"] = obj.sequence + 1
    for name, value in values.items():
        setattr(obj, name, value)
