"""People on the list of 100: rows for every table and export, adding, editing, deleting.

Every mutating call is one transaction and returns what changed, so the UI can undo it:
``update_person`` returns the exact before/after of the changed fields, ``delete_people`` the
ids it took off the list (``restore_people`` puts them back; the history stays in between).
Duplicates (``dupes``), merging (``merge``) and importing (``importing``) live in their own
modules and are re-exported here, so the UI and the CLI import from one place.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.dupes import DuplicateIndex, DuplicateMatch, find_duplicates, paused_gc
from workbook.core.errors import WorkbookError
from workbook.core.importing import (
    ImportItem,
    ImportPlan,
    ImportResult,
    apply_import,
    plan_import,
    plan_imports,
    undo_import,
)
from workbook.core.merge import MergeResult, MergeUndo, merge_people, unmerge
from workbook.core.models import (
    Circle,
    MeetingStatus,
    Person,
    Strength,
)

__all__ = [  # noqa: RUF022  (grouped: constants, types, functions)
    "EDITABLE_FIELDS", "GOAL", "STATUS_LABELS",
    "DuplicateIndex", "DuplicateMatch", "ImportItem", "ImportPlan", "ImportResult",
    "MergeResult", "MergeUndo", "PersonChange", "PersonRow",
    "add_person", "appropriate_ask", "apply_import", "count_people", "delete_people",
    "find_duplicates", "get_person", "list_people", "merge_people", "plan_import",
    "plan_imports", "restore_people", "undo_import", "unmerge", "update_person",
]  # fmt: skip

GOAL = 100


@dataclass(frozen=True)
class PersonRow:
    """A person as every list, table and export shows them (plain data, no ORM object)."""

    id: int
    name: str
    circle: str  # Circle value
    circle_detail: str
    strength: str  # Strength value
    how_we_know: str
    email: str
    phone: str
    profile_url: str
    organisation: str
    title: str
    location: str
    notes: str
    knows_people_at: tuple[str, ...]
    introduced_by_id: int | None
    introduced_by: str  # the introducer's name, "" if none (kept when they were deleted)
    advice: tuple[str, ...]  # advice kind names, in kind order
    last_contact: datetime | None  # latest Interaction.occurred_at (aware UTC)
    status: str  # the latest meeting's status in plain words, "" if no meeting
    connected_on: date | None
    source: str
    created_at: datetime


@dataclass(frozen=True)
class PersonChange:
    """What ``update_person`` changed: only the fields whose value changed, as PersonRow has
    them. Undo is ``update_person(sessions, change.id, **change.before)``."""

    id: int
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def changed(self) -> bool:
        return bool(self.after)


TEXT_FIELDS = ("name", "circle_detail", "how_we_know", "email", "phone", "profile_url",
               "organisation", "title", "location", "notes", "source")  # fmt: skip
EDITABLE_FIELDS: frozenset[str] = frozenset(
    {*TEXT_FIELDS, "circle", "strength", "knows_people_at", "introduced_by_id", "connected_on"}
)
STATUS_LABELS: dict[str, str] = {
    MeetingStatus.IDEA: "Idea", MeetingStatus.REQUESTED: "Requested",
    MeetingStatus.NO_ANSWER: "No answer yet", MeetingStatus.SCHEDULED: "Scheduled",
    MeetingStatus.POSTPONED: "Postponed", MeetingStatus.DECLINED: "Declined",
    MeetingStatus.MET: "Met", MeetingStatus.THANKED: "Thanked",
    MeetingStatus.REPORTED_BACK: "Reported back",
}  # fmt: skip
_ASKS: dict[str, str] = {
    Strength.TEN: (
        "Their own experience: a 15-minute chat about how their work and field look from "
        "the inside. Easy to give at any closeness."
    ),
    Strength.HUNDRED: (
        "Their advice and a few names: people to talk to, organisations to look at, an "
        "honest read of your résumé or profile."
    ),
    Strength.THOUSAND: (
        "Besides advice, the bigger favours fit here: an introduction to someone they know, "
        "or a word of recommendation."
    ),
    Strength.LOST_TOUCH: (
        "Reconnect first: say hello and share your news, with no request. Ask for advice "
        "once you are back in touch."
    ),
}
_NEVER = " Never ask for a job or about openings."
# list_people reads through the DB-API cursor and builds rows by hand: SQLAlchemy's result
# rows and a frozen dataclass's __init__ each cost more than the query for 10,000 people.
_PERSON_SQL = (
    "SELECT id, name, circle, circle_detail, strength, how_we_know, email, phone, profile_url,"
    " organisation, title, location, notes, knows_people_at, introduced_by_id, connected_on,"
    " source, created_at FROM person WHERE {where} ORDER BY id"
)
_ADVICE_SQL = "SELECT person_id, kind_id FROM person_advice{where}"
_KINDS_SQL = "SELECT id, name FROM advice_kind ORDER BY position, id"
_LAST_SQL = (
    "SELECT person_id, max(occurred_at) FROM interaction"
    " WHERE occurred_at IS NOT NULL{where} GROUP BY person_id"
)
_STATUS_SQL = "SELECT person_id, status FROM meeting{where} ORDER BY created_at, id"
_ROW_FIELDS = tuple(field.name for field in dataclasses.fields(PersonRow))


def appropriate_ask(strength: str) -> str:
    """What is fair to ask someone at this strength ($10 / $100 / $1000 / lost touch)."""
    try:
        text = _ASKS[Strength(strength)]
    except ValueError:
        raise ValueError(f"unknown strength {strength!r}") from None
    return text if strength == Strength.LOST_TOUCH else text + _NEVER


# -- reading ---------------------------------------------------------------------------------


def list_people(sessions: SessionFactory) -> list[PersonRow]:
    """Everyone on the list (not deleted), by id. Five queries, whatever the size."""
    with sessions() as session, paused_gc():
        return _rows(session, None, include_deleted=False)


def get_person(
    sessions: SessionFactory, person_id: int, *, include_deleted: bool = False
) -> PersonRow:
    """One person; WorkbookError when there is no such person (or they were deleted)."""
    with sessions() as session:
        rows = _rows(session, person_id, include_deleted)
    if not rows:
        raise WorkbookError(f"person {person_id} is not on the list")
    return rows[0]


def count_people(sessions: SessionFactory) -> int:
    with sessions() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
            )
            or 0
        )


def _rows(session: Session, person_id: int | None, include_deleted: bool) -> list[PersonRow]:
    db = session.connection().connection.driver_connection
    assert db is not None
    where, args = ("id = ?", (person_id,)) if person_id is not None else ("1", ())
    if not include_deleted:
        where += " AND deleted_at IS NULL"
    people = db.execute(_PERSON_SQL.format(where=where), args).fetchall()
    if not people:
        return []
    one, args = (" AND person_id = ?", (person_id,)) if person_id is not None else ("", ())
    names = {p[0]: p[1] for p in people}
    missing = {p[14] for p in people} - set(names) - {None}
    if missing:  # introducers who were deleted: their name still tells the story
        query = select(Person.id, Person.name).where(Person.id.in_(missing))
        names.update(session.execute(query).tuples().all())
    kinds = db.execute(_KINDS_SQL).fetchall()
    order = {kind_id: position for position, (kind_id, _) in enumerate(kinds)}
    kind_names = dict(kinds)
    tags: dict[int, list[int]] = {}
    for pid, kind_id in db.execute(_ADVICE_SQL.format(where=one.replace("AND", "WHERE")), args):
        tags.setdefault(pid, []).append(kind_id)
    advice = {
        pid: tuple(kind_names[k] for k in sorted(ids, key=order.__getitem__))
        for pid, ids in tags.items()
    }
    last = dict(db.execute(_LAST_SQL.format(where=one), args).fetchall())
    status = {  # oldest first: the latest meeting wins
        pid: STATUS_LABELS.get(value, value)
        for pid, value in db.execute(_STATUS_SQL.format(where=one.replace("AND", "WHERE")), args)
    }
    rows = []
    new = object.__new__
    for p in people:
        intro = p[14]
        values = (
            *p[:13],
            () if p[13] in (None, "[]") else tuple(json.loads(p[13])),
            intro,
            "" if intro is None else names.get(intro, ""),
            advice.get(p[0], ()),
            _utc(last.get(p[0])),
            status.get(p[0], ""),
            None if p[15] is None else date.fromisoformat(p[15]),
            p[16],
            _utc(p[17]),
        )
        row = new(PersonRow)
        row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))  # what __init__ would do
        rows.append(row)
    return rows


def _utc(text: str | None) -> Any:
    """A stored UTCDateTime ("2024-05-01 09:30:00.000000") as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")


# -- writing ---------------------------------------------------------------------------------


def add_person(
    sessions: SessionFactory,
    name: str,
    circle: Circle = Circle.OTHER,
    strength: Strength = Strength.TEN,
    **fields: Any,
) -> int:
    """Add someone to the list; returns their id. Text is kept exactly as typed.

    ``fields`` are any of EDITABLE_FIELDS (as PersonRow has them).
    """
    values = _columns({"name": name, "circle": circle, "strength": strength, **fields})
    with sessions.begin() as session:
        _check_introducer(session, values.get("introduced_by_id"), None)
        person = Person(**values)
        session.add(person)
        session.flush()
        return person.id


def update_person(sessions: SessionFactory, person_id: int, **fields: Any) -> PersonChange:
    """Change some fields of someone on the list; returns exactly what changed."""
    values = _columns(fields)
    with sessions.begin() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise WorkbookError(f"person {person_id} is not on the list")
        if "introduced_by_id" in values:
            _check_introducer(session, values["introduced_by_id"], person_id)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for field, value in values.items():
            old = getattr(person, field)
            if old != value:
                before[field], after[field] = _row_value(field, old), _row_value(field, value)
                setattr(person, field, value)
        return PersonChange(person_id, before, after)


def delete_people(sessions: SessionFactory, ids: Sequence[int]) -> list[int]:
    """Take people off the list (soft delete: meetings and notes stay); returns the ids that
    were on it, for ``restore_people``."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    with sessions.begin() as session:
        present = set(
            session.scalars(
                select(Person.id).where(Person.id.in_(wanted), Person.deleted_at.is_(None))
            )
        )
        deleted = [pid for pid in wanted if pid in present]
        if deleted:  # updated_at stays: restoring gives back the row exactly
            session.execute(
                update(Person)
                .where(Person.id.in_(deleted))
                .values(deleted_at=datetime.now(UTC), updated_at=Person.updated_at)
            )
    return deleted


def restore_people(sessions: SessionFactory, ids: Sequence[int]) -> None:
    """Put deleted people back on the list (the undo of ``delete_people``)."""
    wanted = set(ids)
    with sessions.begin() as session:
        found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
        if wanted - found:
            raise WorkbookError(f"person {min(wanted - found)} no longer exists")
        session.execute(
            update(Person)
            .where(Person.id.in_(wanted))
            .values(deleted_at=None, updated_at=Person.updated_at)
        )


def _columns(fields: dict[str, Any]) -> dict[str, Any]:
    """Check field names and values; returns them as the Person columns store them."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for field, value in fields.items():
        if field in TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValueError(f"{field} must be text, not {type(value).__name__}")
            if field == "name" and not value.strip():
                raise WorkbookError("a person needs a name")
        elif field == "circle":
            value = _enum(Circle, value, "circle")
        elif field == "strength":
            value = _enum(Strength, value, "strength")
        elif field == "knows_people_at":
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise ValueError("knows_people_at must be a sequence of names")
            value = list(value)
        elif field == "introduced_by_id":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError("introduced_by_id must be a person id or None")
        elif field == "connected_on" and not (
            value is None or (isinstance(value, date) and not isinstance(value, datetime))
        ):
            raise ValueError("connected_on must be a date or None")
        values[field] = value
    return values


def _enum(kind: type[Circle] | type[Strength], value: Any, what: str) -> str:
    try:
        return kind(value).value
    except ValueError:
        raise ValueError(f"unknown {what} {value!r}") from None


def _row_value(field: str, value: Any) -> Any:
    return tuple(value) if field == "knows_people_at" else value


def _check_introducer(session: Session, introducer: int | None, person_id: int | None) -> None:
    if introducer is None:
        return
    if introducer == person_id:
        raise WorkbookError("someone cannot have introduced themselves")
    found = session.scalar(
        select(Person.id).where(Person.id == introducer, Person.deleted_at.is_(None))
    )
    if found is None:
        raise WorkbookError(f"the introducer (person {introducer}) is not on the list")
