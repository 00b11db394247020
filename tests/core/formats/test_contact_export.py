"""Export of the people list to CSV and vCard 3.0, and the round trip back through import."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core.formats.contacts import (
    ContactRecord,
    read_contacts,
    write_people_csv,
    write_people_vcard,
)
from workbook.core.formats.csv_io import EXPORT_COLUMNS, formula_safe
from workbook.core.people import PersonRow

TRICKY = [
    "Zoë Ångström", "李小龙", "Олег Петров", "محمد الأحمد", "Seán O'Brien", "Smith & Sons <NYSE>",
    "Ana 🌻 Lima", 'Jean-Luc, Jr. "Picard"', "=1+1", "-Minus", "@handle", "+Plus", "'=quoted",
]  # fmt: skip
COMPARED = ("name", "email", "phone", "profile_url", "organisation", "title", "location", "notes")


def person(**fields: Any) -> PersonRow:
    values: dict[str, Any] = {
        "id": 1, "name": "", "circle": "other", "circle_detail": "", "strength": "10",
        "how_we_know": "", "email": "", "phone": "", "profile_url": "", "organisation": "",
        "title": "", "location": "", "notes": "", "knows_people_at": (), "introduced_by_id": None,
        "introduced_by": "", "advice": (), "last_contact": None, "status": "",
        "connected_on": None, "source": "", "created_at": datetime(2024, 1, 1, tzinfo=UTC),
    }  # fmt: skip
    values.update(fields)
    return PersonRow(**values)


def same(record: ContactRecord, row: PersonRow) -> None:
    assert {f: getattr(record, f) for f in COMPARED} == {f: getattr(row, f) for f in COMPARED}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),  # plain negative numbers too: one predictable rule
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("'=already", "''=already"),  # so that import, which drops one, gives it back
        ("'quoted", "'quoted"),
        ("Zoë", "Zoë"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_safe(value: str, expected: str) -> None:
    assert formula_safe(value) == expected


def test_csv_export_is_excel_friendly_and_formula_safe(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    rows = [
        person(
            name='=HYPERLINK("http://evil")',
            phone="+1 555 0100",
            notes="line one\nline two",
            advice=("Introductions", "Interview practice"),
            knows_people_at=("Acme", "Nordlys AB"),
            connected_on=date(2023, 8, 24),
            last_contact=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        )
    ]
    write_people_csv(path, rows)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert path.stat().st_mode & 0o777 == 0o600  # personal data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == list(EXPORT_COLUMNS)
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://evil")'
    assert row["Phone"] == "'+1 555 0100"
    assert row["Notes"] == "line one\nline two"
    assert row["Advice"] == "Introductions; Interview practice"
    assert row["Knows people at"] == "Acme; Nordlys AB"
    assert (row["Connected on"], row["Last contact"]) == ("2023-08-24", "2024-05-01T09:30+00:00")
    assert b"\r\n" in data


def test_vcard_export(tmp_path: Path) -> None:
    path = tmp_path / "people.vcf"
    write_people_vcard(
        path,
        [
            person(
                name="Dr. Zoë Ångström",
                email="zoe@x.example",
                organisation="Nordlys AB",
                location="Stockholm",
            )
        ],
    )
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Dr. Zoë Ångström\r\n" in text
    assert "N:Ångström;Zoë;;Dr.;\r\n" in text
    assert "EMAIL;TYPE=INTERNET:zoe@x.example\r\n" in text
    assert "ORG:Nordlys AB\r\n" in text


@pytest.mark.parametrize("writer", [write_people_csv, write_people_vcard])
def test_tricky_names_round_trip(tmp_path: Path, writer: Any) -> None:
    rows = [
        person(
            id=i, name=name, organisation=name, title=name, location=name, notes=f"{name}\n{name}"
        )
        for i, name in enumerate(TRICKY)
    ]
    path = tmp_path / "out"
    writer(path, rows)
    contacts = read_contacts(path)
    assert contacts.skipped == []
    assert len(contacts.records) == len(rows)
    for record, row in zip(contacts.records, rows, strict=True):
        same(record, row)


# Single-line text in every script: letters, marks, symbols, emoji, punctuation that CSV and
# vCard treat specially. Control characters and lone surrogates are not text a person types.
_chars = st.characters(exclude_categories=("Cs", "Cc"))
_special = st.sampled_from(list("<>&\"',;:\\=+-@ "))
one_line = st.text(st.one_of(_chars, _special), max_size=25).map(lambda s: " ".join(s.split()))
notes = st.lists(one_line, max_size=4).map(lambda lines: "\n".join(lines).strip())
people_rows = st.lists(
    st.builds(
        person,
        name=one_line.filter(bool),
        email=st.one_of(st.just(""), st.emails()),
        phone=st.from_regex(r"(\+?[0-9][0-9 ()-]{2,16}[0-9])?", fullmatch=True),
        profile_url=st.sampled_from(
            ["", "https://www.linkedin.com/in/x-y", "https://example.org/?a=1&b=2"]
        ),
        organisation=one_line,
        title=one_line,
        location=one_line,
        notes=notes,
        connected_on=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2100, 12, 31))),
    ),
    min_size=1,
    max_size=8,
)
_settings = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_settings
@given(rows=people_rows)
def test_csv_round_trip_is_identity(tmp_path: Path, rows: list[PersonRow]) -> None:
    path = tmp_path / "people.csv"
    write_people_csv(path, rows)
    contacts = read_contacts(path)
    assert contacts.format == "csv"
    assert contacts.skipped == []
    assert len(contacts.records) == len(rows)
    for record, row in zip(contacts.records, rows, strict=True):
        same(record, row)
        assert record.connected_on == row.connected_on


@_settings
@given(rows=people_rows)
def test_vcard_round_trip_is_identity(tmp_path: Path, rows: list[PersonRow]) -> None:
    path = tmp_path / "people.vcf"
    write_people_vcard(path, rows)
    contacts = read_contacts(path)
    assert (contacts.format, contacts.skipped) == ("vcard", [])
    assert len(contacts.records) == len(rows)
    for record, row in zip(contacts.records, rows, strict=True):
        same(record, row)
