"""Merging duplicates into one person, keeping every field and every link, with exact undo.

The rule for fields: the kept person's values win; a blank (or the "other" circle) is filled
from the first merged person that has a value; a differing value that did not fill a blank is
not lost but written into the kept person's notes, under "Merged from <name>:" with a label
per field ("Email: …"). The earliest ``connected_on`` and ``created_at`` are kept,
``knows_people_at`` is the union, and the advice tags are the union (notes of a tag both
had are joined). Every link moves to the kept person: meetings, interactions, give-backs,
referrals (made by them or naming them) and the people they introduced. The merged people are
soft-deleted. ``MergeResult.undo`` holds the rows as they were, so ``unmerge`` restores them
exactly, timestamps included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Column, ColumnElement, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from workbook.core.circles import circle_label, strength_label
from workbook.core.db import SessionFactory
from workbook.core.dupes import email_key, name_key, org_key, phone_key, profile_url_key
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    Circle,
    GiveBack,
    Interaction,
    Meeting,
    Person,
    PersonAdvice,
    Referral,
)

Values = dict[str, Any]
PERSON = cast(Table, Person.__table__)
ADVICE = cast(Table, PersonAdvice.__table__)
# Fields copied into a blank, else noted: (column, label in notes, "is it the same?" key).
MERGED_TEXT: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("email", "Email", email_key),
    ("phone", "Phone", lambda v: phone_key(v) or v.strip()),
    ("profile_url", "Profile", profile_url_key),
    ("organisation", "Organisation", lambda v: org_key(v) or v.strip().casefold()),
    ("title", "Title", lambda v: " ".join(v.casefold().split())),
    ("location", "Location", lambda v: " ".join(v.casefold().split())),
    ("circle_detail", "Circle detail", lambda v: " ".join(v.casefold().split())),
    ("how_we_know", "How we know each other", lambda v: " ".join(v.casefold().split())),
    ("source", "Source", lambda v: " ".join(v.casefold().split())),
)
# Links that point at a person: (table, column). Moving one never touches updated_at.
LINKS: tuple[tuple[Table, str], ...] = (
    (cast(Table, Meeting.__table__), "person_id"),
    (cast(Table, Interaction.__table__), "person_id"),
    (cast(Table, GiveBack.__table__), "person_id"),
    (cast(Table, Referral.__table__), "from_person_id"),
    (cast(Table, Referral.__table__), "person_id"),
    (PERSON, "introduced_by_id"),
)


@dataclass(frozen=True)
class MergeUndo:
    """The rows a merge changed, as they were before it (opaque to callers)."""

    people: tuple[Values, ...]  # every column of the kept and the merged people
    advice: tuple[Values, ...]  # their advice tags
    moved: tuple[tuple[str, str, int, int], ...]  # (table, column, row id, old person id)


@dataclass(frozen=True)
class MergeResult:
    """What merge_people did; hand it to unmerge to take the merge back."""

    kept_id: int
    merged_ids: tuple[int, ...]
    undo: MergeUndo


def merge_people(sessions: SessionFactory, keep_id: int, other_ids: Sequence[int]) -> MergeResult:
    """Merge ``other_ids`` into ``keep_id`` (see the module docstring for the rules)."""
    others = list(dict.fromkeys(other_ids))
    if not others:
        raise WorkbookError("choose at least one other person to merge")
    if keep_id in others:
        raise WorkbookError("a person cannot be merged into themselves")
    involved = [keep_id, *others]
    with sessions.begin() as session:
        rows = {
            row["id"]: dict(row)
            for row in session.execute(select(PERSON).where(PERSON.c.id.in_(involved))).mappings()
        }
        for pid in involved:
            if pid not in rows or rows[pid]["deleted_at"] is not None:
                raise WorkbookError(f"person {pid} is not on the list")
        advice = [
            dict(row)
            for row in session.execute(
                select(ADVICE).where(ADVICE.c.person_id.in_(involved))
            ).mappings()
        ]
        undo = MergeUndo(
            people=tuple(_copy(rows[pid]) for pid in involved),
            advice=tuple(advice),
            moved=_move_links(session, keep_id, others),
        )
        now = datetime.now(UTC)
        intros = {row["introduced_by_id"] for row in rows.values()} - {None}
        names = dict(
            session.execute(select(PERSON.c.id, PERSON.c.name).where(PERSON.c.id.in_(intros)))
            .tuples()
            .all()
        )
        kept = merged_values(rows[keep_id], [rows[pid] for pid in others], names)
        session.execute(update(PERSON).where(PERSON.c.id == keep_id).values(**kept, updated_at=now))
        session.execute(
            update(PERSON)
            .where(PERSON.c.id.in_(others))
            .values(deleted_at=now, updated_at=PERSON.c.updated_at)
        )
        _merge_advice(session, keep_id, advice)
    return MergeResult(keep_id, tuple(others), undo)


def unmerge(sessions: SessionFactory, result: MergeResult) -> None:
    """Undo a merge exactly: every person, tag and link as it was before."""
    undo = result.undo
    ids = [row["id"] for row in undo.people]
    with sessions.begin() as session:
        found = set(session.scalars(select(PERSON.c.id).where(PERSON.c.id.in_(ids))))
        if found != set(ids):
            raise WorkbookError("the merged people no longer exist; the merge cannot be undone")
        tables = {table.name: table for table, _ in LINKS}
        for table_name, column, row_id, old in undo.moved:
            table = tables[table_name]
            values: Values = {column: old}
            if "updated_at" in table.c:
                values["updated_at"] = table.c.updated_at
            session.execute(update(table).where(table.c.id == row_id).values(**values))
        session.execute(delete(ADVICE).where(ADVICE.c.person_id.in_(ids)))
        if undo.advice:
            session.execute(insert(ADVICE), [dict(row) for row in undo.advice])
        for row in undo.people:
            values = _copy(row)
            del values["id"]
            session.execute(update(PERSON).where(PERSON.c.id == row["id"]).values(**values))


def merged_values(
    keep: Mapping[str, Any],
    others: Sequence[Mapping[str, Any]],
    names: Mapping[int, str] | None = None,
) -> Values:
    """The kept person's new column values (only those that change); ``names`` gives the
    introducers' names for the notes."""
    names = names or {}
    new: Values = {}

    def current(column: str) -> Any:
        return new.get(column, keep[column])

    leftovers: list[tuple[Mapping[str, Any], list[tuple[str, str]]]] = []
    invalid = {keep["id"], *(other["id"] for other in others)}  # no one introduces themselves
    if keep["introduced_by_id"] in invalid:
        new["introduced_by_id"] = None
    for other in others:
        notes: list[tuple[str, str]] = []
        if name_key(other["name"]) != name_key(keep["name"]):
            notes.append(("Name", other["name"]))
        for column, label, key in MERGED_TEXT:
            value = other[column]
            if not value.strip():
                continue
            if not current(column).strip():
                new[column] = value
            elif key(value) != key(current(column)):
                notes.append((label, value))
        if current("circle") == Circle.OTHER and other["circle"] != Circle.OTHER:
            new["circle"] = other["circle"]
        elif other["circle"] not in (Circle.OTHER, current("circle")):
            notes.append(("Circle", circle_label(other["circle"])))
        if other["strength"] != current("strength"):
            notes.append(("Strength", strength_label(other["strength"])))
        intro = other["introduced_by_id"]
        if intro is not None and intro not in invalid:
            if current("introduced_by_id") is None:
                new["introduced_by_id"] = intro
            elif intro != current("introduced_by_id"):
                notes.append(("Introduced by", names.get(intro, f"person {intro}")))
        known = {org_key(org) or org for org in current("knows_people_at")}
        extra = [org for org in other["knows_people_at"] if (org_key(org) or org) not in known]
        if extra:
            new["knows_people_at"] = [*current("knows_people_at"), *extra]
        for column in ("connected_on", "created_at"):
            if other[column] is not None and (
                current(column) is None or other[column] < current(column)
            ):
                new[column] = other[column]
        if current("rank_pin") == 0 and other["rank_pin"]:
            new["rank_pin"] = other["rank_pin"]
        if other["notes"].strip() and other["notes"].strip() not in current("notes"):
            notes.append(("Notes", other["notes"].strip()))
        leftovers.append((other, notes))
    blocks = [_notes_block(other["name"], notes) for other, notes in leftovers if notes]
    if blocks:
        new["notes"] = "\n\n".join([keep["notes"].rstrip(), *blocks]).lstrip("\n")
    return {column: value for column, value in new.items() if value != keep[column]}


def _notes_block(name: str, notes: list[tuple[str, str]]) -> str:
    lines = [f"Merged from {name}:"]
    lines += [f"{label}: {value}" for label, value in notes]
    return "\n".join(lines)


def _move_links(
    session: Session, keep_id: int, others: list[int]
) -> tuple[tuple[str, str, int, int], ...]:
    moved: list[tuple[str, str, int, int]] = []
    for table, name in LINKS:
        column: Column[Any] = table.c[name]
        where: ColumnElement[bool] = column.in_(others)
        if table is PERSON:  # the merged people's own links are restored from their rows
            where = where & PERSON.c.id.not_in([keep_id, *others])
        found = session.execute(select(table.c.id, column).where(where)).all()
        moved += [(table.name, name, row_id, old) for row_id, old in found]
        if found:
            values: Values = {name: keep_id}
            if "updated_at" in table.c:  # a moved link is not an edit of that row
                values["updated_at"] = table.c.updated_at
            session.execute(update(table).where(where).values(**values))
    return tuple(moved)


def _merge_advice(session: Session, keep_id: int, advice: list[Values]) -> None:
    """The union of the tags on the kept person; a tag both had keeps both notes."""
    notes = {row["kind_id"]: row["note"] for row in advice if row["person_id"] == keep_id}
    for row in advice:
        kind, note = row["kind_id"], row["note"].strip()
        if row["person_id"] == keep_id:
            continue
        if kind not in notes:
            notes[kind] = row["note"]
            session.execute(
                update(ADVICE)
                .where(ADVICE.c.person_id == row["person_id"], ADVICE.c.kind_id == kind)
                .values(person_id=keep_id)
            )
        elif note and note not in notes[kind]:
            notes[kind] = f"{notes[kind].rstrip()}; {note}" if notes[kind].strip() else note
            session.execute(
                update(ADVICE)
                .where(ADVICE.c.person_id == keep_id, ADVICE.c.kind_id == kind)
                .values(note=notes[kind])
            )
    others = {row["person_id"] for row in advice} - {keep_id}
    if others:
        session.execute(delete(ADVICE).where(ADVICE.c.person_id.in_(others)))


def _copy(row: Mapping[str, Any]) -> Values:
    values = dict(row)
    values["knows_people_at"] = list(values["knows_people_at"] or [])
    return values
