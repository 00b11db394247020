"""LinkedIn's Connections.csv export.

It starts with a "Notes:" preamble and a blank line before the header
"First Name,Last Name,URL,Email Address,Company,Position,Connected On" (older exports have
no URL column). Most emails are empty: people choose whether their connections see it.
"""

from __future__ import annotations

from workbook.core.formats.fields import (
    Columns,
    RowReader,
    join_name,
    make_record,
    parse_date,
)
from workbook.core.formats.records import ContactRecord, SkippedRecord


def matches(keys: frozenset[str]) -> bool:
    return {"first name", "last name", "connected on"} <= keys or {
        "first name",
        "last name",
        "email address",
        "company",
        "position",
    } <= keys


def row_reader(header: list[str]) -> RowReader:
    columns = Columns(header)
    first, last = columns.find("first name"), columns.find("last name")
    url, email = columns.find("url", "profile url"), columns.find("email address")
    company, position = columns.find("company"), columns.find("position")
    connected = columns.find("connected on")

    def read(line: int, cells: list[str]) -> ContactRecord | SkippedRecord:
        return make_record(
            line,
            join_name(cells[first], cells[last]),
            [cells[email]],
            profile_url=cells[url],
            organisation=cells[company],
            title=cells[position],
            connected_on=parse_date(cells[connected]),
        )

    return read
