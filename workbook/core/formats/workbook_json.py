"""The whole workbook as one JSON file (format 1): the tables, how columns map, the export.

Every column of every table goes out (the models are read through SQLAlchemy, so a column
added later cannot be forgotten), rows sorted by their primary key, keys sorted, UTF-8,
datetimes as ISO 8601 with their offset (stored as UTC: always ``+00:00``), dates as
``YYYY-MM-DD``. No timestamp of the export itself: two exports of the same workbook are
byte-identical. ``workbook_json_read`` checks and reads such a file back,
``workbook_json_write`` builds a workbook from it, ``workbook_json_merge`` merges one in.
The format is described in docs/workbook-json.md and resources/schema/workbook-1.schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import JSON, Boolean, Column, Date, Integer, Table

from workbook import __version__
from workbook.core.db import Base, SessionFactory, UTCDateTime
from workbook.core.files import write_bytes
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

FORMAT_VERSION = 1
SCHEMA_FILE = f"workbook-{FORMAT_VERSION}.schema.json"
# JSON key -> model, in the order rows must be inserted (a row's references come first;
# target_organisation.from_meeting_id is the one reference that points forward).
TABLES: tuple[tuple[str, type[Base]], ...] = (
    ("people", Person),
    ("advice_kinds", AdviceKind),
    ("advice_tags", PersonAdvice),
    ("meetings", Meeting),
    ("target_organisations", TargetOrganisation),
    ("bank_questions", BankQuestion),
    ("meeting_questions", MeetingQuestion),
    ("tiara_notes", TiaraNote),
    ("interactions", Interaction),
    ("referrals", Referral),
    ("give_backs", GiveBack),
)
TARGET_KEY = "target"  # the one Target row, an object (or null)
SETTINGS_KEY = "settings"  # {key: value}
TOP_KEYS = ("format_version", "generator", TARGET_KEY, SETTINGS_KEY, *(k for k, _ in TABLES))
# SQL table name -> JSON key (for references: person.id -> "people").
KEY_OF_TABLE = {cast(Table, m.__table__).name: key for key, m in TABLES} | {"target": TARGET_KEY}


def table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def kind_of(column: Column[Any]) -> str:
    """How a column's values look in JSON: datetime, date, json, bool, int or str."""
    if isinstance(column.type, UTCDateTime):
        return "datetime"
    if isinstance(column.type, Date):
        return "date"
    if isinstance(column.type, JSON):
        return "json"
    if isinstance(column.type, Boolean):
        return "bool"
    if isinstance(column.type, Integer):
        return "int"
    return "str"


def primary_key(model: type[Base]) -> tuple[str, ...]:
    return tuple(column.name for column in table(model).primary_key.columns)


def generator() -> str:
    return f"workbook {__version__}"


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: the file and how many rows of each table."""

    path: Path
    counts: dict[str, int]

    @property
    def people(self) -> int:
        return self.counts["people"]


def _datetime_out(stored: str) -> str:
    """A stored UTC datetime ("2026-11-23 09:00:00.000000", as SQLAlchemy writes it) in ISO
    8601 with its offset, exactly as ``datetime.isoformat`` gives it, without parsing it."""
    if len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        end = 19 if stored.endswith(".000000") else 26
        return f"{stored[:10]}T{stored[11:end]}+00:00"
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat()


def _date_out(stored: str) -> str:
    return date.fromisoformat(stored).isoformat()


def _json_out(stored: str | float) -> Any:
    # The JSON columns have NUMERIC affinity: SQLite keeps the text "5" as the number 5.
    return json.loads(stored) if isinstance(stored, str) else stored


# Read with the DB-API cursor: SQLAlchemy's per-value result processing took most of the
# export's time. These turn the stored text into the JSON value.
_OUT: dict[str, Callable[[Any], Any]] = {
    "datetime": _datetime_out,
    "date": _date_out,
    "json": _json_out,
    "bool": bool,
}


def _rows(db: Any, model: type[Base]) -> list[dict[str, Any]]:
    tbl = table(model)
    names = [column.name for column in tbl.columns]
    convert = [(c.name, out) for c in tbl.columns if (out := _OUT.get(kind_of(c))) is not None]
    columns = ", ".join(f'"{name}"' for name in names)
    query = f"SELECT {columns} FROM {tbl.name} ORDER BY {', '.join(primary_key(model))}"
    rows = []
    for values in db.execute(query):
        row = dict(zip(names, values, strict=True))
        for name, out in convert:
            if row[name] is not None:
                row[name] = out(row[name])
        rows.append(row)
    return rows


def workbook_dict(sessions: SessionFactory) -> dict[str, Any]:
    """Every row of the workbook as plain JSON values (one read transaction)."""
    with sessions() as session:
        db = session.connection().connection.driver_connection
        assert db is not None
        data: dict[str, Any] = {"format_version": FORMAT_VERSION, "generator": generator()}
        targets = _rows(db, Target)
        data[TARGET_KEY] = targets[0] if targets else None
        for key, model in TABLES:
            data[key] = _rows(db, model)
        settings = _rows(db, Setting)
        data[SETTINGS_KEY] = {row["key"]: row["value"] for row in settings}
    return data


def dumps(data: dict[str, Any]) -> bytes:
    """The canonical bytes of an export: exactly ``json.dumps(data, sort_keys=True,
    ensure_ascii=False, indent=2)`` and a final newline, in UTF-8.

    Python 3.11's indenting encoder is pure Python (about 1 s for 10,000 people); a row whose
    values hold no non-empty list or object is written by the C encoder with the indent as
    its item separator instead, the same bytes in a fifth of the time (a test compares both).
    """
    parts = ["{"]
    for number, key in enumerate(sorted(data)):
        value = data[key]
        head = f"{',' if number else ''}\n  {_ROW.encode(key)}: "
        if isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
            rows = ",\n    ".join(_row_text(row) for row in value)
            parts.append(f"{head}[\n    {rows}\n  ]")
        else:
            parts.append(head + _indented(value, 1))
    parts.append("\n}\n" if data else "}\n")
    return "".join(parts).encode("utf-8")


# Separators that put each key of a row on its own line at the depth of a row in a table.
_ROW = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",\n      ", ": ")
)


def _row_text(row: dict[str, Any]) -> str:
    if not row or any(isinstance(v, list | dict) and v for v in row.values()):
        return _indented(row, 2)
    return "{\n      " + _ROW.encode(row)[1:-1] + "\n    }"


def _indented(value: Any, level: int) -> str:
    # Strings are escaped ("\n"), so every newline in the text is one the indent made.
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=2)
    return text.replace("\n", "\n" + "  " * level)


def counts(data: dict[str, Any]) -> dict[str, int]:
    """Rows per table of an export dict (settings counted as entries)."""
    found = {key: len(data[key]) for key, _ in TABLES}
    found[TARGET_KEY] = 0 if data[TARGET_KEY] is None else 1
    found[SETTINGS_KEY] = len(data[SETTINGS_KEY])
    return found


def export_workbook(sessions: SessionFactory, output: Path) -> ExportSummary:
    """Write the whole workbook to ``output`` atomically (mode 0600: personal data)."""
    data = workbook_dict(sessions)
    write_bytes(output, dumps(data))
    return ExportSummary(output, counts(data))
