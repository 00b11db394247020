"""Importing contact files: a read-only plan (the preview), then one transaction, one undo.

``plan_import`` decides for each record of a ContactFile, without writing anything:

- **skip** what the reader could not use (its reason kept), a second copy of a record further
  down the file ("also on line 12"), and a duplicate that brings nothing new;
- **merge** a certain duplicate of someone on the list (``dupes``): the record fills that
  person's blank fields (never overwriting one) and its other values go into their notes under
  "From <file> line <n>:", each only once, so importing a file twice changes nothing;
- **add** everyone else. An add that resembles someone (a near miss) says so in its reason and
  lists the candidates in ``similar_to``: the preview asks, and ``ImportPlan.choose`` records
  the user's decision.

``apply_import`` writes the plan in one transaction (adds as one bulk insert); ``undo_import``
takes it back in one transaction: the added people are removed and the merged ones get their
fields and ``updated_at`` back, so the workbook is as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from workbook.core.db import SessionFactory
from workbook.core.dupes import (
    DuplicateIndex,
    DuplicateMatch,
    describe,
    email_key,
    name_key,
    paused_gc,
    phone_key,
)
from workbook.core.errors import WorkbookError
from workbook.core.formats.records import ContactFile, ContactRecord
from workbook.core.merge import MERGED_TEXT
from workbook.core.models import Circle, Person, Strength

if TYPE_CHECKING:
    from workbook.core.people import PersonChange

ACTIONS = ("add", "merge", "skip")
FORMAT_LABELS = {"linkedin": "LinkedIn", "google": "Google Contacts", "outlook": "Outlook",
                 "vcard": "vCard", "csv": "CSV"}  # fmt: skip
NO_NAME = "no name, email or phone"
PERSON = cast(Table, Person.__table__)
# Record fields that fill a blank, with their label in notes and how values compare.
_FILLED = {column: (label, key) for column, label, key in MERGED_TEXT if column in
           ("email", "phone", "profile_url", "organisation", "title", "location")}  # fmt: skip
_READ = (
    Person.id,
    Person.name,
    Person.email,
    Person.phone,
    Person.profile_url,
    Person.organisation,
    Person.title,
    Person.location,
    Person.notes,
    Person.connected_on,
)
_INSERT_COLUMNS = ("id", "name", "circle", "circle_detail", "how_we_know", "strength", "email",
                   "phone", "profile_url", "organisation", "title", "location", "notes",
                   "knows_people_at", "introduced_by_id", "connected_on", "source", "rank_pin",
                   "deleted_at", "created_at", "updated_at")  # fmt: skip
_INSERT = (
    f"INSERT INTO person ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})"
)
_CHUNK = 5000  # ids per IN (...): well under SQLite's variable limit


@dataclass(frozen=True)
class ImportItem:
    """What the import does with one record (or one line the reader skipped)."""

    line: int
    action: str  # "add" | "merge" | "skip"
    name: str
    reason: str  # why merge/skip, or the near miss to check; "" for a plain add
    person_id: int | None  # merge target
    record: ContactRecord | None
    similar_to: tuple[DuplicateMatch, ...] = ()  # near misses (adds only)
    fills: tuple[str, ...] = ()  # for a merge: the fields it fills or notes it adds to


@dataclass(frozen=True)
class ImportPlan:
    """The preview: every record's fate, with counts and the near misses to check."""

    source: ContactFile
    items: list[ImportItem]
    counts: dict[str, int]  # {"add": n, "merge": n, "skip": n}
    near_misses: list[ImportItem]  # adds that resemble someone (default: add)
    circle: str = Circle.OTHER.value  # given to everyone added

    def choose(self, line: int, action: str, person_id: int | None = None) -> ImportPlan:
        """This plan with the user's decision for the record on ``line`` ("merge" needs the
        person to merge into, e.g. one of its ``similar_to``)."""
        if action not in ACTIONS or (action == "merge") != (person_id is not None):
            raise ValueError(f"cannot {action} with person_id={person_id}")
        items = []
        for item in self.items:
            if item.line == line and item.record is not None:
                reason = "chosen" if action != "add" else ""
                item = dataclasses.replace(item, action=action, person_id=person_id, reason=reason)
            items.append(item)
        return _make_plan(self.source, items, self.circle)


@dataclass(frozen=True)
class ImportResult:
    """What ``apply_import`` wrote, enough for ``undo_import`` to take it back."""

    added_ids: tuple[int, ...]
    merged: tuple[PersonChange, ...]  # field changes applied to existing people
    counts: dict[str, int]
    previous_updated_at: tuple[datetime, ...] = ()  # one per ``merged`` change


def plan_import(
    sessions: SessionFactory, contacts: ContactFile, circle: Circle | str = Circle.OTHER
) -> ImportPlan:
    """The preview of importing one file (reads the workbook, writes nothing)."""
    return plan_imports(sessions, [contacts], circle)[0]


def plan_imports(
    sessions: SessionFactory, files: Sequence[ContactFile], circle: Circle | str = Circle.OTHER
) -> list[ImportPlan]:
    """Plans for several files at once: a record in a later file that is already in an earlier
    one is skipped ("also in a.csv line 12")."""
    circle_value = Circle(circle).value
    with paused_gc():
        with sessions() as session:
            rows = session.execute(
                select(*_READ).where(Person.deleted_at.is_(None)).order_by(Person.id)
            ).all()
        index = DuplicateIndex(rows)
        people = {row.id: cast(Mapping[str, Any], row._mapping) for row in rows}
        return [_plan(index, people, contacts, circle_value) for contacts in files]


def _plan(
    index: DuplicateIndex,
    people: dict[int, Mapping[str, Any]],
    contacts: ContactFile,
    circle: str,
) -> ImportPlan:
    here = contacts.path.name
    items = [ImportItem(s.line, "skip", "", s.reason, None, None) for s in contacts.skipped]
    for record in contacts.records:
        name = display_name(record)
        if not name:
            items.append(ImportItem(record.line, "skip", "", NO_NAME, None, record))
            continue
        matches = index.match(
            record.name,
            record.email,
            record.profile_url,
            record.organisation,
            phone=record.phone,
            other_emails=record.other_emails,
        )
        certain = [m for m in matches if m.certain]
        earlier = [m for m in certain if m.line is not None]
        if earlier:
            items.append(
                ImportItem(record.line, "skip", name, describe(earlier[0], here=here), None, record)
            )
            continue
        index.add(record, line=record.line, source=here)
        if certain:
            target = certain[0].person_id
            changes = merge_fields(people[target], record, f"{here} line {record.line}")
            reason = describe(certain[0])
            if not changes:
                items.append(
                    ImportItem(record.line, "skip", name, f"nothing new: {reason}", target, record)
                )
                continue
            people[target] = {**people[target], **changes}  # a later record sees the fill
            items.append(
                ImportItem(record.line, "merge", name, reason, target, record, fills=tuple(changes))
            )
        else:
            near = tuple(m for m in matches if not m.certain)
            reason = describe(near[0], here=here) if near else ""
            items.append(ImportItem(record.line, "add", name, reason, None, record, near))
    items.sort(key=lambda item: item.line)
    return _make_plan(contacts, items, circle)


def _make_plan(contacts: ContactFile, items: list[ImportItem], circle: str) -> ImportPlan:
    counts = dict.fromkeys(ACTIONS, 0)
    for item in items:
        counts[item.action] += 1
    near = [item for item in items if item.action == "add" and item.similar_to]
    return ImportPlan(contacts, items, counts, near, circle)


def display_name(record: ContactRecord) -> str:
    """The name to list someone under: a record without a name goes by its email or phone."""
    return record.name.strip() or record.email.strip() or record.phone.strip()


def merge_fields(current: Mapping[str, Any], record: ContactRecord, label: str) -> dict[str, Any]:
    """What merging ``record`` into a person changes: blank fields filled, the record's other
    values appended to the notes under "From <label>:" (each value only once)."""
    new: dict[str, Any] = {}
    notes = current["notes"]
    extra: list[str] = []

    def note(label_: str, value: str) -> None:
        if value and value not in notes and all(value not in line for line in extra):
            extra.append(f"{label_}: {value}")

    for column, (field_label, key) in _FILLED.items():
        value = getattr(record, column).strip()
        if not value:
            continue
        if not current[column].strip():
            new[column] = value
        elif key(value) != key(current[column]):
            note(field_label, value)
    if record.connected_on is not None:
        if current["connected_on"] is None:
            new["connected_on"] = record.connected_on
        elif record.connected_on != current["connected_on"]:
            note("Connected on", record.connected_on.isoformat())
    emails = {email_key(new.get("email", current["email"]))}
    for other in record.other_emails:
        if email_key(other) not in emails:
            emails.add(email_key(other))
            note("Other email", other.strip())
    phones = {phone_key(new.get("phone", current["phone"]))}
    for other in record.other_phones:
        if (phone_key(other) or other) not in phones:
            phones.add(phone_key(other) or other)
            note("Other phone", other.strip())
    if name_key(record.name) not in ("", name_key(current["name"])):  # not just accents
        note("Name", record.name.strip())
    if record.notes.strip():
        note("Notes", record.notes.strip())
    if extra:
        head = f"From {label}:"
        new["notes"] = "\n\n".join(t for t in (notes.rstrip(), "\n".join([head, *extra])) if t)
    return new


def apply_import(sessions: SessionFactory, plan: ImportPlan) -> ImportResult:
    """Write the plan in one transaction; a merge target deleted since the plan is added."""
    # Imported here: people.py re-exports this module, so a top-level import would be circular.
    from workbook.core.people import PersonChange

    now = datetime.now(UTC)
    path = plan.source.path
    source = f"{FORMAT_LABELS.get(plan.source.format, plan.source.format)} import: {path.name}"
    merged: list[PersonChange] = []
    previous: list[datetime] = []
    adds: list[ContactRecord] = []
    with sessions.begin() as session:
        for item in plan.items:
            if item.record is None or item.action == "skip":
                continue
            row = None
            if item.action == "merge":
                query = select(PERSON).where(PERSON.c.id == item.person_id)
                row = session.execute(query.where(PERSON.c.deleted_at.is_(None))).mappings().first()
            if row is None:
                adds.append(item.record)
                continue
            changes = merge_fields(dict(row), item.record, f"{path.name} line {item.record.line}")
            if changes:
                session.execute(
                    update(PERSON).where(PERSON.c.id == row["id"]).values(**changes, updated_at=now)
                )
                merged.append(PersonChange(row["id"], {k: row[k] for k in changes}, changes))
                previous.append(row["updated_at"])
        first = (session.scalar(select(func.max(Person.id))) or 0) + 1
        added = tuple(range(first, first + len(adds)))
        if adds:
            # The DB-API cursor, inside the same transaction: SQLAlchemy's per-row parameter
            # processing would take longer than the whole duplicate check for 30,000 rows.
            db = session.connection().connection.driver_connection
            assert db is not None
            stamp = now.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
            db.executemany(
                _INSERT,
                [
                    _new_person(record, pid, plan.circle, source, stamp)
                    for pid, record in zip(added, adds, strict=True)
                ],
            )
    total = sum(plan.counts.values())
    counts = {"add": len(added), "merge": len(merged), "skip": total - len(added) - len(merged)}
    return ImportResult(added, tuple(merged), counts, tuple(previous))


def undo_import(sessions: SessionFactory, result: ImportResult) -> None:
    """Take an import back in one transaction (its people must have no meetings etc. yet)."""
    if len(result.previous_updated_at) != len(result.merged):
        raise ValueError("an ImportResult from apply_import is needed")
    try:
        with sessions.begin() as session:
            ids = list(result.added_ids)
            for start in range(0, len(ids), _CHUNK):
                session.execute(delete(PERSON).where(PERSON.c.id.in_(ids[start : start + _CHUNK])))
            # Newest first: a person merged twice gets the first "before" last.
            for change, updated in zip(
                reversed(result.merged), reversed(result.previous_updated_at), strict=True
            ):
                session.execute(
                    update(PERSON)
                    .where(PERSON.c.id == change.id)
                    .values(**change.before, updated_at=updated)
                )
    except IntegrityError:
        raise WorkbookError(
            "the import cannot be undone: people it added have meetings or notes now"
        ) from None


def _new_person(
    record: ContactRecord, person_id: int, circle: str, source: str, stamp: str
) -> tuple[Any, ...]:
    """The values of ``_INSERT_COLUMNS`` for a record (dates as SQLAlchemy stores them)."""
    extra = [f"Other email: {e.strip()}" for e in record.other_emails if e.strip()]
    extra += [f"Other phone: {p.strip()}" for p in record.other_phones if p.strip()]
    notes = "\n".join(t for t in (record.notes.strip(), *extra) if t)
    connected = None if record.connected_on is None else record.connected_on.isoformat()
    return (
        person_id, display_name(record), circle, "", "", Strength.TEN.value,
        record.email.strip(), record.phone.strip(), record.profile_url.strip(),
        record.organisation.strip(), record.title.strip(), record.location.strip(), notes,
        "[]", None, connected, source, 0, None, stamp, stamp,
    )  # fmt: skip
