"""Importing a whole-workbook JSON file: a new workbook, an empty one, or a merge.

``import_workbook_json`` decides from the destination:

- it does not exist: the workbook is built beside it under a temporary name (every row with
  its own id, in one transaction) and renamed into place, so a failure leaves nothing;
- it holds nothing but the built-ins of a new workbook: the file's rows replace them, in one
  transaction;
- it holds people: refused unless ``merge`` is asked for; then ``workbook_json_merge`` merges
  (people matched by the People step's duplicate rules, never doubled);
- it holds other things but no people: merged (no one can be doubled).

Rows go in through the DB-API cursor (SQLAlchemy's per-row processing would take most of
the 2 s budget for 10,000 people), stored exactly as SQLAlchemy stores them.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from workbook.core.db import Base, SessionFactory
from workbook.core.errors import DocumentError, WorkbookError
from workbook.core.formats.workbook_json import TABLES, kind_of, table
from workbook.core.formats.workbook_json_read import WorkbookData
from workbook.core.models import (
    AdviceKind,
    BankQuestion,
    Person,
    Setting,
    Target,
)

# Tables a new workbook leaves empty; a row in any of them is the user's.
USER_TABLES: tuple[type[Base], ...] = tuple(
    model for _, model in TABLES if model not in (AdviceKind, BankQuestion)
)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (``workbook import json --json`` prints it)."""

    workbook: Path
    created: bool
    merged: bool
    counts: dict[str, int]  # JSON table key -> rows added
    people_added: int
    people_matched: int
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "workbook": str(self.workbook),
            "created": self.created,
            "merged": self.merged,
            "counts": dict(self.counts),
            "people": {"added": self.people_added, "matched": self.people_matched},
        }


def _datetime_in(value: datetime) -> str:
    # As SQLAlchemy's SQLite DateTime writes it: naive UTC with microseconds.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _date_in(value: date) -> str:
    return value.isoformat()


def _json_in(value: Any) -> str:
    return json.dumps(value)  # SQLAlchemy's JSON type uses json.dumps as it is


_IN: dict[str, Callable[[Any], Any]] = {
    "datetime": _datetime_in,
    "date": _date_in,
    "json": _json_in,
    "bool": int,
}


def insert_rows(db: Any, model: type[Base], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows (Python values, every column) with one executemany; how many."""
    columns = list(table(model).columns)
    names = [column.name for column in columns]
    typed = [(i, out) for i, c in enumerate(columns) if (out := _IN.get(kind_of(c))) is not None]
    # JSON null is stored as the text "null" (SQLAlchemy's JSON type does the same).
    always = {i for i, c in enumerate(columns) if kind_of(c) == "json"}
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f"INSERT INTO {table(model).name} ({quoted}) VALUES ({', '.join('?' * len(names))})"
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for index, out in typed:
            if value[index] is not None or index in always:
                value[index] = out(value[index])
        values.append(value)
    db.executemany(sql, values)
    return len(values)


def driver(session: Session) -> Any:
    """The DB-API connection under the session, inside its transaction."""
    db = session.connection().connection.driver_connection
    assert db is not None
    return db


def replace_all(session: Session, data: WorkbookData) -> dict[str, int]:
    """Make the workbook hold exactly the file's rows (ids kept), in the caller's transaction."""
    db = driver(session)
    for _, model in reversed(TABLES):
        db.execute(f"DELETE FROM {table(model).name}")
    db.execute("DELETE FROM target")
    db.execute("DELETE FROM setting")
    # Checked at commit: people introduce each other in any order, and target organisations
    # point at meetings.
    db.execute("PRAGMA defer_foreign_keys = ON")
    db.execute("PRAGMA cache_size = -131072")  # 128 MB: index updates stay in memory
    counts = {}
    if data.target is not None:
        insert_rows(db, Target, [data.target])
    for key, model in TABLES:
        counts[key] = insert_rows(db, model, data.tables[key])
    settings = [{"key": key, "value": value} for key, value in sorted(data.settings.items())]
    insert_rows(db, Setting, settings)
    return counts | {"target": 0 if data.target is None else 1, "settings": len(settings)}


def is_pristine(session: Session) -> bool:
    """Nothing in it but what a new workbook is made with (built-ins, a blank target)."""
    models: tuple[type[Base], ...] = (*USER_TABLES, Setting)
    for model in models:
        if session.scalar(select(func.count()).select_from(table(model))):
            return False
    for key in (AdviceKind.key, BankQuestion.key):
        if session.scalar(select(func.count()).where(key.is_(None))):
            return False
    targets = session.scalars(select(Target)).all()
    return all(target_is_blank(target) for target in targets)


def target_is_blank(target: Target) -> bool:
    texts = (target.role, target.level, target.organisation_size, target.culture,
             target.value_statement, target.ask_text)  # fmt: skip
    lists = (target.skills, target.industries, target.organisation_types, target.environment,
             target.places)  # fmt: skip
    return not any(t.strip() for t in texts) and not any(lists)


def people_count(session: Session) -> int:
    query = select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
    return int(session.scalar(query) or 0)


def import_workbook_json(data: WorkbookData, path: Path, *, merge: bool = False) -> ImportSummary:
    """Import a checked file into the workbook at ``path`` (see the module docstring)."""
    from workbook.core import document

    path = Path(path).expanduser().absolute()
    if not path.exists():
        return _create(data, path)
    with document.open_document(path) as doc:
        return import_into(doc.sessions, data, path, merge=merge)


def import_into(
    sessions: SessionFactory, data: WorkbookData, path: Path, *, merge: bool = False
) -> ImportSummary:
    """Import into an open workbook (the app's own document): fill it when it is empty, else
    merge when asked; one transaction, nothing changed on any error."""
    try:
        with sessions.begin() as session:
            if is_pristine(session):
                counts = replace_all(session, data)
                return ImportSummary(path, False, False, counts, counts["people"], 0)
            existing = people_count(session)
            if existing and not merge:
                noun = "person" if existing == 1 else "people"
                raise WorkbookError(
                    f"{path}: already has {existing} {noun}; add --merge to merge the file "
                    "into it (people already there are matched, not doubled)"
                )
            from workbook.core.formats.workbook_json_merge import merge_into

            return merge_into(session, data, path)
    except SQLAlchemyError as exc:
        raise WorkbookError(f"{path}: the import failed, nothing was changed ({exc})") from None


def _create(data: WorkbookData, path: Path) -> ImportSummary:
    from workbook.core import document

    if not path.parent.is_dir():
        raise DocumentError(f"{path}: the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part{document.FILE_SUFFIX}")
    try:
        with document.create(tmp) as doc:
            try:
                with doc.sessions.begin() as session:
                    counts = replace_all(session, data)
            except SQLAlchemyError as exc:
                raise WorkbookError(f"{data.source}: cannot be imported ({exc})") from None
        try:
            os.link(tmp, path)  # never replaces a file made meanwhile
        except FileExistsError:
            raise DocumentError(f"{path}: already exists; choose another name") from None
        except OSError:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return ImportSummary(path, True, False, counts, counts["people"], 0)
