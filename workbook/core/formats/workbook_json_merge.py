"""Merging a whole-workbook JSON file into a workbook that already has data.

Nothing is doubled, so merging the same file twice changes nothing the second time:

- people on the list are matched by the People step's certain duplicate rules (``dupes``:
  same email, profile URL, name and organisation, phone under the same name); a match takes
  the file's values into its blank fields and notes the differing ones, as merging two people
  does (``merge.merged_values``). Near misses are added (the People page offers them for
  merging). Everyone else is added under a new id; people deleted in the file come along as
  deleted (their meetings need them);
- advice kinds match by built-in key, else by name (case ignored); bank questions by key,
  else by text; target organisations by organisation name (``orgmatch``); meetings by their
  calendar uid; interactions, referrals and give-backs when every field matches;
- every reference is remapped to the ids in this workbook; tags on a matched person join
  their notes;
- the target is kept unless it is blank; settings already set are kept.

It runs in the caller's transaction: any error leaves the workbook untouched. There is no undo
(the caller says so): a merge is as large as a workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from workbook.core.db import Base
from workbook.core.dupes import (
    DuplicateIndex,
    email_key,
    name_key,
    org_key,
    phone_key,
    profile_url_key,
)
from workbook.core.formats.workbook_json import TABLES, table
from workbook.core.formats.workbook_json_read import WorkbookData
from workbook.core.formats.workbook_json_write import (
    ImportSummary,
    driver,
    insert_rows,
    target_is_blank,
)
from workbook.core.merge import merged_values
from workbook.core.models import (
    AdviceKind,
    BankQuestion,
    GiveBack,
    Interaction,
    Meeting,
    MeetingQuestion,
    Person,
    PersonAdvice,
    Referral,
    Setting,
    Target,
    TargetOrganisation,
    TiaraNote,
)
from workbook.core.orgmatch import organisation_key

PERSON = cast(Table, Person.__table__)
ADVICE = cast(Table, PersonAdvice.__table__)
Row = dict[str, Any]
Ids = dict[int, int]  # id in the file -> id in the workbook


def _existing(session: Session, model: type[Base]) -> list[Row]:
    return [dict(row) for row in session.execute(select(table(model))).mappings()]


def _kind_keys(row: Row) -> list[Any]:
    return [("key", row["key"]), ("name", row["name"].strip().casefold())]


def _question_keys(row: Row) -> list[Any]:
    return [("key", row["key"]), ("text", row["text"].strip())]


def _usable(key: Any) -> bool:
    """A blank key (no built-in key, an empty name) matches nothing."""
    value = (
        key[1]
        if isinstance(key, tuple) and len(key) == 2 and key[0] in ("key", "name", "text")
        else key
    )
    return value is not None and value != ""


def _next_id(rows: list[Row]) -> int:
    return max((row["id"] for row in rows), default=0) + 1


def _remap(row: Row, maps: dict[str, Ids]) -> Row:
    out = dict(row)
    for column, ids in maps.items():
        if out.get(column) is not None:
            out[column] = ids[out[column]]
    return out


class _Merge:
    def __init__(self, session: Session, data: WorkbookData) -> None:
        self.session, self.data, self.db = session, data, driver(session)
        self.ids: dict[str, Ids] = {}
        self.added: dict[str, int] = {}
        self.matched_people = 0
        self.new_ids: dict[str, set[int]] = {}  # file ids of the rows added, per table

    def run(self) -> None:
        self.db.execute("PRAGMA defer_foreign_keys = ON")  # people introduce each other
        self.people()
        self.by_key(
            "advice_kinds",
            AdviceKind,
            lambda r: [("key", r["key"]), ("name", r["name"].strip().casefold())],
        )
        self.tags()
        self.meetings()
        self.by_key(
            "target_organisations",
            TargetOrganisation,
            lambda r: [organisation_key(r["name"]) or r["name"].strip().casefold()],
            {"from_meeting_id": "meetings"},
        )
        self.by_key(
            "bank_questions",
            BankQuestion,
            lambda r: [("key", r["key"]), ("text", r["text"].strip())],
        )
        added_meetings = self.new_ids["meetings"]
        for key, model in (("meeting_questions", MeetingQuestion), ("tiara_notes", TiaraNote)):
            # Only a meeting new here brings its questions and notes; a matched one has its own.
            rows = [r for r in self.data.tables[key] if r["meeting_id"] in added_meetings]
            self.add_plain(key, model, rows, {"meeting_id": "meetings",
                                              "bank_question_id": "bank_questions"})  # fmt: skip
        people_refs = {"person_id": "people", "meeting_id": "meetings"}
        self.by_fields("interactions", Interaction, people_refs)
        referral_refs = {"from_person_id": "people", "organisation_id": "target_organisations"}
        self.by_fields("referrals", Referral, people_refs | referral_refs)
        self.by_fields("give_backs", GiveBack, people_refs)
        self.target_and_settings()

    # -- people ----------------------------------------------------------------------------

    def people(self) -> None:
        existing = _existing(self.session, Person)
        live = {row["id"]: row for row in existing if row["deleted_at"] is None}
        index = DuplicateIndex(_PersonKey(row) for row in live.values())
        next_id = _next_id(existing)
        ids: Ids = {}
        matches: list[tuple[Row, int]] = []
        new: list[Row] = []
        for row in self.data.tables["people"]:
            found = []
            if row["deleted_at"] is None:
                candidates = index.match(row["name"], row["email"], row["profile_url"],
                                      row["organisation"], phone=row["phone"])  # fmt: skip
                found = [m for m in candidates if m.line is None and m.certain]
                # A near miss that is the very same entry (e.g. a name and nothing else) is
                # the same person too: merging a file twice must not double them.
                found = found or [
                    m for m in candidates if m.line is None and _same(live[m.person_id], row)
                ]
            if found:
                ids[row["id"]] = found[0].person_id
                matches.append((row, found[0].person_id))
            else:
                ids[row["id"]] = next_id
                new.append(row)
                next_id += 1
        self.ids["people"] = ids
        refs = {"introduced_by_id": ids}
        insert_rows(self.db, Person, [_remap(row, refs) | {"id": ids[row["id"]]} for row in new])
        self.added["people"] = len(new)
        self.matched_people = len(matches)
        now = datetime.now(UTC)
        names = {row["id"]: row["name"] for row in existing}
        for row, keep_id in matches:
            other = _remap(row, refs) | {"id": -1}  # an id no one has
            changes = merged_values(live[keep_id], [other], names)
            notes = live[keep_id]["notes"]
            if "notes" in changes and changes["notes"][len(notes.rstrip()) :].strip() in notes:
                del changes["notes"]  # merged before: the same "Merged from" block is there
            if changes:
                self.session.execute(
                    update(PERSON).where(PERSON.c.id == keep_id).values(**changes, updated_at=now)
                )
                live[keep_id] = live[keep_id] | changes

    def tags(self) -> None:
        people, kinds = self.ids["people"], self.ids["advice_kinds"]
        rows = _existing(self.session, PersonAdvice)
        existing = {(r["person_id"], r["kind_id"]): r["note"] for r in rows}
        new: dict[tuple[int, int], Row] = {}
        for row in self.data.tables["advice_tags"]:
            key = (people[row["person_id"]], kinds[row["kind_id"]])
            note = row["note"].strip()
            if key in new:  # two people of the file matched the same person here
                if note and note not in new[key]["note"]:
                    joined = new[key]["note"].rstrip()
                    new[key]["note"] = f"{joined}; {note}" if joined else note
                continue
            if key in existing:
                if note and note not in existing[key]:
                    joined = f"{existing[key].rstrip()}; {note}" if existing[key].strip() else note
                    existing[key] = joined
                    self.session.execute(
                        update(ADVICE)
                        .where(ADVICE.c.person_id == key[0], ADVICE.c.kind_id == key[1])
                        .values(note=joined)
                    )
                continue
            existing[key] = row["note"]
            new[key] = {"person_id": key[0], "kind_id": key[1], "note": row["note"]}
        self.added["advice_tags"] = insert_rows(self.db, PersonAdvice, new.values())

    # -- rows matched by a key, or by all their fields -------------------------------------

    def meetings(self) -> None:
        self.by_key("meetings", Meeting, lambda r: [r["uid"]], {"person_id": "people"})

    def by_key(
        self,
        key: str,
        model: type[Base],
        keys: Callable[[Row], list[Any]],
        refs: dict[str, str] | None = None,
    ) -> None:
        """Rows matched by the first of their ``keys`` that an existing row has, else added
        (positions after the existing ones)."""
        existing = _existing(self.session, model)
        index: dict[Any, int] = {}
        for row in existing:
            for found in keys(row):
                if _usable(found):
                    index.setdefault(found, row["id"])
        self._add(key, model, existing, index, keys, refs or {})

    def by_fields(self, key: str, model: type[Base], refs: dict[str, str]) -> None:
        """Rows matched when every field but the id and created_at is the same."""
        existing = _existing(self.session, model)

        def keys(row: Row) -> list[Any]:
            return [tuple(sorted((k, repr(v)) for k, v in row.items()
                                 if k not in ("id", "created_at")))]  # fmt: skip

        index = {keys(row)[0]: row["id"] for row in existing}
        self._add(key, model, existing, index, keys, refs, remap_first=True)

    def _add(
        self,
        key: str,
        model: type[Base],
        existing: list[Row],
        index: dict[Any, int],
        keys: Callable[[Row], list[Any]],
        refs: dict[str, str],
        *,
        remap_first: bool = False,
    ) -> None:
        maps = {column: self.ids[other] for column, other in refs.items()}
        next_id = _next_id(existing)
        position = max((row.get("position", 0) for row in existing), default=-1) + 1
        ids: Ids = {}
        added: list[int] = []
        new: list[Row] = []
        taken_keys = {row.get("key") for row in existing} - {None}
        for row in self.data.tables[key]:
            mapped = _remap(row, maps)
            match = None
            for found in keys(mapped if remap_first else row):
                if _usable(found) and found in index:
                    match = index[found]
                    break
            if match is not None:
                ids[row["id"]] = match
                continue
            ids[row["id"]] = next_id
            added.append(row["id"])
            mapped["id"] = next_id
            next_id += 1
            if "position" in mapped:
                mapped["position"] = position
                position += 1
            if mapped.get("key") in taken_keys:
                mapped["key"] = None
            for found in keys(mapped if remap_first else row):
                if _usable(found):
                    index.setdefault(found, mapped["id"])
            new.append(mapped)
        self.ids[key] = ids
        self.new_ids[key] = set(added)
        self.added[key] = insert_rows(self.db, model, new)

    def add_plain(self, key: str, model: type[Base], rows: list[Row], refs: dict[str, str]) -> None:
        maps = {column: self.ids[other] for column, other in refs.items()}
        next_id = _next_id(_existing(self.session, model)) if "id" in table(model).c else 0
        new = []
        for row in rows:
            mapped = _remap(row, maps)
            if next_id:
                mapped["id"] = next_id
                next_id += 1
            new.append(mapped)
        self.added[key] = insert_rows(self.db, model, new)

    # -- the target and settings -----------------------------------------------------------

    def target_and_settings(self) -> None:
        target = self.session.get(Target, 1) or self.session.scalars(select(Target)).first()
        self.added["target"] = 0
        if self.data.target is not None and (target is None or target_is_blank(target)):
            values = {k: v for k, v in self.data.target.items() if k != "id"}
            if target is None:
                insert_rows(self.db, Target, [self.data.target | {"id": 1}])
            else:
                for name, value in values.items():
                    setattr(target, name, value)
                self.session.flush()
            self.added["target"] = 1
        have = set(self.session.scalars(select(Setting.key)))
        new = [{"key": k, "value": v} for k, v in sorted(self.data.settings.items())
               if k not in have]  # fmt: skip
        self.added["settings"] = insert_rows(self.db, Setting, new)


def _same(a: Row, b: Row) -> bool:
    return all(key(a[name]) == key(b[name]) for name, key in _IDENTITY)


_IDENTITY = (("name", name_key), ("email", email_key), ("phone", phone_key),
             ("profile_url", profile_url_key), ("organisation", org_key))  # fmt: skip


class _PersonKey:
    """A person row as ``DuplicateIndex`` reads it (attributes, not keys)."""

    def __init__(self, row: Row) -> None:
        self.id, self.name, self.email = row["id"], row["name"], row["email"]
        self.profile_url, self.organisation = row["profile_url"], row["organisation"]
        self.phone = row["phone"]


def merge_into(session: Session, data: WorkbookData, path: Path) -> ImportSummary:
    """Merge the file into the workbook in the caller's transaction."""
    merge = _Merge(session, data)
    merge.run()
    counts = {key: merge.added.get(key, 0) for key, _ in TABLES}
    counts |= {"target": merge.added["target"], "settings": merge.added["settings"]}
    return ImportSummary(path, False, True, counts, merge.added["people"], merge.matched_people)
