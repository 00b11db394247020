"""Google Contacts CSV, in both shapes Google has written.

Current: "First Name, Middle Name, Last Name, ..., Organization Name, Organization Title,
E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Value, ..." with several values in one cell
joined by " ::: ". Older: "Name, Given Name, Additional Name, Family Name, ...,
E-mail 1 - Value, Organization 1 - Name, Organization 1 - Title" (often UTF-16).
"""

from __future__ import annotations

from workbook.core.formats.fields import (
    Columns,
    RowReader,
    join_name,
    make_record,
    pick_profile,
    split_multi,
)
from workbook.core.formats.records import ContactRecord, SkippedRecord


def matches(keys: frozenset[str]) -> bool:
    if "e-mail 1 - value" not in keys and "phone 1 - value" not in keys:
        return False
    current = {"first name", "last name"} <= keys and "organization name" in keys
    older = {"given name", "family name"} <= keys or "organization 1 - name" in keys
    return current or older


def row_reader(header: list[str]) -> RowReader:
    columns = Columns(header)
    full = columns.find("name")
    parts = [
        columns.find("name prefix"),
        columns.find("first name", "given name"),
        columns.find("middle name", "additional name"),
        columns.find("last name", "family name"),
        columns.find("name suffix"),
    ]
    fallbacks = [columns.find("nickname"), columns.find("file as")]
    org = columns.find("organization name", "organization 1 - name")
    title = columns.find("organization title", "organization 1 - title")
    emails = columns.numbered("e-mail {n} - value")
    phones = columns.numbered("phone {n} - value")
    sites = columns.numbered("website {n} - value")
    place = [columns.find(f"address 1 - {part}") for part in ("city", "region", "country")]
    location = columns.find("location")
    notes = columns.find("notes")

    def read(line: int, cells: list[str]) -> ContactRecord | SkippedRecord:
        name = cells[full] or join_name(*(cells[part] for part in parts))
        for fallback in fallbacks:
            name = name.strip() or cells[fallback]
        where = ", ".join(v for v in (cells[p].strip() for p in place) if v)
        return make_record(
            line,
            name,
            [value for p in emails for value in split_multi(cells[p])],
            [value for p in phones for value in split_multi(cells[p])],
            profile_url=pick_profile(v for p in sites for v in split_multi(cells[p])),
            organisation=first_value(cells[org]),
            title=first_value(cells[title]),
            location=where or cells[location],
            notes=cells[notes],
        )

    return read


def first_value(value: str) -> str:
    values = split_multi(value)
    return values[0] if values else ""
