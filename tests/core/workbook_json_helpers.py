"""Shared pieces of the whole-workbook JSON tests: a sample export, and a hypothesis strategy
that builds random valid export dicts from the models (every table and column)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import Column

from workbook.core.formats.workbook_json import (
    FORMAT_VERSION,
    KEY_OF_TABLE,
    SCHEMA_FILE,
    TABLES,
    generator,
    kind_of,
    table,
)
from workbook.core.models import Target
from workbook.paths import resource

SCHEMA = json.loads(resource("schema", SCHEMA_FILE).read_text(encoding="utf-8"))
SAMPLE_TODAY = date(2026, 3, 2)
# Every script the app meets, with astral characters, emoji with joiners, right-to-left text,
# combining marks, and characters JSON must escape.
SCRIPTS = ["Zoë Ångström", "李小龙", "Олег", "محمد", "עברית", "हिन्दी", "ภาษาไทย", "한국어",
           "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎", "👩‍👩‍👧 🏳️‍🌈", "e\u0301\u0308", "O'Brien \"Smith & Sons <NYSE>\"",
           "tab\there\nnew line\\ back", "\u202eRTL override", ""]  # fmt: skip
LONG = ["x" * 10_000, "李" * 10_000, ("Ångström 👩‍👩‍👧 " * 700)[:10_000]]

texts = st.one_of(
    st.sampled_from(SCRIPTS),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(LONG),
)
_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
datetimes = st.builds(
    lambda seconds, micro: _EPOCH + timedelta(seconds=seconds, microseconds=micro),
    st.integers(0, 10 * 365 * 86400),
    st.sampled_from([0, 0, 1, 500_000, 999_999]),
).map(lambda value: value.isoformat())
dates = st.dates(date(1950, 1, 1), date(2040, 12, 31)).map(date.isoformat)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def defs(key: str) -> dict[str, Any]:
    return SCHEMA["$defs"][key]  # type: ignore[no-any-return]


def _value(draw: Any, key: str, column: Column[Any], ids: dict[str, list[int]]) -> Any:
    prop = defs(key)["properties"][column.name]
    nullable = isinstance(prop["type"], list)
    if column.foreign_keys:
        other = ids[KEY_OF_TABLE[next(iter(column.foreign_keys)).column.table.name]]
        choices = [*other, *([None] if nullable else [])]
        return draw(st.sampled_from(choices))
    if nullable and draw(st.booleans()):
        return None
    if "enum" in prop:
        return draw(st.sampled_from([v for v in prop["enum"] if v is not None]))
    kind = kind_of(column)
    if kind == "datetime":
        return draw(datetimes)
    if kind == "date":
        return draw(dates)
    if kind == "json":
        return draw(st.lists(texts, max_size=3))
    if kind == "bool":
        return draw(st.booleans())
    if kind == "int":
        low = prop.get("minimum", prop.get("exclusiveMinimum", -(2**31) - 1) + 1)
        return draw(st.integers(low, prop.get("maximum", 2**31)))
    return draw(texts)


@st.composite
def workbooks(draw: Any) -> dict[str, Any]:
    """A random valid export dict (references point at rows that exist)."""
    ids: dict[str, list[int]] = {"target": [1]}
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, "generator": generator()}
    target = None
    if draw(st.booleans()):
        target = {c.name: _value(draw, "target", c, ids) for c in table(Target).columns}
        target["id"] = 1
    data["target"] = target
    # Ids first: references may point forward (an introducer added later, an organisation
    # found in a meeting).
    for key, model in TABLES:
        if "id" in table(model).c:
            ids[key] = sorted(draw(st.sets(st.integers(1, 60), max_size=4)))
    for key, model in TABLES:
        columns = list(table(model).columns)
        if "id" in table(model).c:
            parents = [c for c in columns if c.foreign_keys and not c.nullable]
            if any(not ids[KEY_OF_TABLE[next(iter(c.foreign_keys)).column.table.name]]
                   for c in parents):  # fmt: skip
                ids[key] = []
            rows = []
            for row_id in ids[key]:
                row = {c.name: _value(draw, key, c, ids) for c in columns if c.name != "id"}
                rows.append({"id": row_id, **row})
        else:  # composite keys: advice tags, TIARA notes
            rows = []
            seen = set()
            for _ in range(draw(st.integers(0, 4))):
                if any(c.foreign_keys and not ids[KEY_OF_TABLE[next(iter(c.foreign_keys)).column
                       .table.name]] for c in columns):  # fmt: skip
                    break
                row = {c.name: _value(draw, key, c, ids) for c in columns}
                pk = tuple(row[c.name] for c in columns if c.primary_key)
                if pk not in seen:
                    seen.add(pk)
                    rows.append(row)
            rows.sort(key=lambda r: tuple(r[c.name] for c in columns if c.primary_key))
        for name in [c.name for c in columns if c.unique and not c.primary_key]:
            values = [row[name] for row in rows]
            unique = draw(st.lists(texts, min_size=len(rows), max_size=len(rows), unique=True))
            for row, value, old in zip(rows, unique, values, strict=True):
                row[name] = None if old is None and name == "key" else value
        data[key] = rows
    data["settings"] = draw(st.dictionaries(texts, json_values, max_size=3))
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
