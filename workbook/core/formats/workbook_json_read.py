"""Reading a whole-workbook JSON file: every check before anything is written.

In order: the size, JSON syntax (line and column), the top-level shape and ``format_version``
(a newer one is refused, an older one upgraded), the JSON Schema (the shipped
resources/schema file), then what a schema cannot say: duplicate ids and unique values,
references to rows that do not exist, dates that do not exist (2026-02-30). The first problem
is reported as one line with its JSON path: ``IN.json: people[41].strength: expected one of
'10', '100', '1000', 'lost'``. The result holds Python values (aware datetimes, dates) ready
to insert.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from workbook.core.errors import WorkbookError
from workbook.core.formats.workbook_json import (
    FORMAT_VERSION,
    KEY_OF_TABLE,
    SETTINGS_KEY,
    TABLES,
    TARGET_KEY,
    kind_of,
    primary_key,
    table,
)
from workbook.core.formats.workbook_json_check import SchemaProblem, show, workbook_checker
from workbook.core.models import Target

# 10,000 people with every table filled make about 15 MB; a file many times that is not a
# workbook export (and would take minutes and gigabytes to read).
MAX_BYTES = 64 * 1024 * 1024
SINGULAR = {"people": "person", "advice_kinds": "advice kind", "meetings": "meeting",
            "target_organisations": "target organisation",
            "bank_questions": "bank question"}  # fmt: skip
# An escaped UTF-16 surrogate: only then can the text hold one that is not part of a pair.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
# Upgrades of older format versions, each to the next one (none yet: 1 is the first).
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class WorkbookData:
    """A checked whole-workbook file, as Python values (datetimes aware, in UTC)."""

    source: Path
    target: dict[str, Any] | None
    tables: dict[str, list[dict[str, Any]]]  # JSON key -> rows, as in TABLES
    settings: dict[str, Any]

    def counts(self) -> dict[str, int]:
        found = {key: len(rows) for key, rows in self.tables.items()}
        found[TARGET_KEY] = 0 if self.target is None else 1
        found[SETTINGS_KEY] = len(self.settings)
        return found


class _Problem(Exception):
    """The first problem found, at a JSON path."""

    def __init__(self, path: Sequence[str | int], message: str) -> None:
        super().__init__(message)
        self.path = tuple(path)
        self.message = message


def json_path(path: Sequence[str | int]) -> str:
    """``("people", 41, "strength")`` -> ``people[41].strength``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def read_workbook_json(path: Path) -> WorkbookData:
    """Read and check ``path``; WorkbookError with the first problem's JSON path."""
    path = Path(path)
    try:
        return parse(path, load(path))
    except _Problem as problem:
        where = json_path(problem.path)
        raise WorkbookError(f"{path}: {where + ': ' if where else ''}{problem.message}") from None


def load(path: Path) -> Any:
    """The file's JSON value (size, encoding and syntax checked)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise WorkbookError(
                f"{path}: is {size / 1e6:.1f} MB; a workbook file is at most "
                f"{MAX_BYTES // (1024 * 1024)} MB, so this is not one"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkbookError(f"{path}: does not exist") from None
    except IsADirectoryError:
        raise WorkbookError(f"{path}: is a folder, not a JSON file") from None
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise WorkbookError(f"{path}: is empty, not a workbook JSON file")
    try:
        value = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise WorkbookError(
            f"{path}: is not JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    except UnicodeDecodeError:
        raise WorkbookError(f"{path}: is not JSON (not UTF-8 text)") from None
    except (ValueError, RecursionError) as exc:
        raise WorkbookError(f"{path}: is not JSON the app can read ({exc})") from None
    if _SURROGATE_ESCAPE.search(raw):
        _check_text(value, [])
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_text(value: Any, path: list[str | int]) -> None:
    # Lone surrogates (``"\ud800"``) are valid JSON but cannot be stored as UTF-8.
    try:
        if isinstance(value, str):
            value.encode("utf-8")
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, path)
                _check_text(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                _check_text(item, [*path, index])
    except UnicodeEncodeError:
        raise _Problem(path, "holds a lone UTF-16 surrogate (\\ud800-\\udfff), not text") from None


def parse(path: Path, data: Any) -> WorkbookData:
    if not isinstance(data, dict):
        raise _Problem([], f"expected a JSON object with format_version at the top, not "
                           f"{show(data)}")  # fmt: skip
    data = _upgrade(data)
    _check_schema(data)
    tables = {key: data[key] for key, _ in TABLES}
    _check_ids(data[TARGET_KEY], tables)
    target = None
    if data[TARGET_KEY] is not None:
        target = _converter(Target)([TARGET_KEY], data[TARGET_KEY])
    converted = {}
    for key, model in TABLES:
        convert = _converter(model)
        converted[key] = [convert([key, index], row) for index, row in enumerate(tables[key])]
    return WorkbookData(path, target, converted, dict(data[SETTINGS_KEY]))


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    if "format_version" not in data:
        raise _Problem(["format_version"], "missing: is this a whole-workbook JSON export?")
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Problem(["format_version"], f"expected an integer, not {show(version)}")
    if version > FORMAT_VERSION:
        raise _Problem([], f"format_version {version} is newer than this app reads "
                           f"({FORMAT_VERSION}); update the app")  # fmt: skip
    if version < 1:
        raise _Problem(["format_version"], f"unknown version {version} (1 is the first)")
    while version < FORMAT_VERSION:
        data = UPGRADES[version](data)
        version += 1
    return data


# ---------------------------------------------------------------- the schema


def _check_schema(data: dict[str, Any]) -> None:
    try:
        workbook_checker()(data, [])
    except SchemaProblem as problem:
        raise _Problem(problem.path, problem.message) from None


# ---------------------------------------------------------------- beyond the schema


def _check_ids(target: dict[str, Any] | None, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Primary keys and unique columns are unique; every reference names a row."""
    ids: dict[str, set[Any]] = {TARGET_KEY: set() if target is None else {target["id"]}}
    for key, model in TABLES:
        pk = primary_key(model)
        uniques = [c.name for c in table(model).columns if c.unique and not c.primary_key]
        seen: dict[Any, int] = {}
        seen_unique: dict[tuple[str, Any], int] = {}
        for index, row in enumerate(tables[key]):
            value = row[pk[0]] if len(pk) == 1 else tuple(row[name] for name in pk)
            if value in seen:
                what = pk[0] if len(pk) == 1 else "(" + ", ".join(pk) + ")"
                raise _Problem([key, index, pk[0]] if len(pk) == 1 else [key, index],
                               f"{what} {_key_text(value)} is already used by "
                               f"{key}[{seen[value]}]")  # fmt: skip
            seen[value] = index
            for name in uniques:
                if row[name] is None:
                    continue
                if (name, row[name]) in seen_unique:
                    raise _Problem([key, index, name], f"{show(row[name])} is already used by "
                                   f"{key}[{seen_unique[name, row[name]]}]")  # fmt: skip
                seen_unique[name, row[name]] = index
        if len(pk) == 1:
            ids[key] = set(seen)
    for key, model in TABLES:
        references = [
            (column.name, KEY_OF_TABLE[next(iter(column.foreign_keys)).column.table.name])
            for column in table(model).columns
            if column.foreign_keys
        ]
        for index, row in enumerate(tables[key]):
            for name, other in references:
                value = row[name]
                if value is not None and value not in ids[other]:
                    what = SINGULAR.get(other, other)
                    raise _Problem([key, index, name], f"no {what} with id {value} "
                                   f"(in {other})")  # fmt: skip


def _key_text(value: Any) -> str:
    return "(" + ", ".join(map(show, value)) + ")" if isinstance(value, tuple) else show(value)


def _converter(model: Any) -> Callable[[list[str | int], dict[str, Any]], dict[str, Any]]:
    """A function giving a row with Python values for datetimes, dates and integers."""
    typed = [
        (column.name, kind)
        for column in table(model).columns
        if (kind := kind_of(column)) in ("datetime", "date", "int")
    ]

    def convert(path: list[str | int], row: dict[str, Any]) -> dict[str, Any]:
        out = dict(row)
        for name, kind in typed:
            value = row[name]
            if value is None:
                continue
            if kind == "datetime":
                out[name] = _datetime(value, [*path, name])
            elif kind == "date":
                try:
                    out[name] = date.fromisoformat(value)
                except ValueError:
                    raise _Problem(
                        [*path, name], f"{show(value)} is not a date that exists"
                    ) from None
            elif type(value) is not int:
                out[name] = int(value)  # 3.0 passes the schema as an integer
        return out

    return convert


def _datetime(value: str, path: list[str | int]) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Problem(path, f"{show(value)} is not a date and time that exists") from None
    if parsed.tzinfo is None:  # the pattern asks for one; kept as a guard
        raise _Problem(path, f"{show(value)} has no offset (add +00:00)")
    return parsed.astimezone(UTC)
