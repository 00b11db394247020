"""Format, encoding and delimiter detection; awkward tables; files that are not contacts."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from workbook.core.errors import WorkbookError
from workbook.core.formats.contacts import read_contacts, suggest_mapping
from workbook.core.formats.fields import parse_date

HEADERS = {
    "linkedin": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "linkedin-old": "First Name,Last Name,Email Address,Company,Position,Connected On",
    "google": "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Notes",
    "google-old": "Name,Given Name,Additional Name,Family Name,E-mail 1 - Type,"
    "E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title",
    "outlook": "First Name,Middle Name,Last Name,Title,Company,Job Title,E-mail Address,"
    "Business Phone,Mobile Phone,Notes",
    "outlook-de": "Anrede,Vorname,Nachname,Firma,Position,E-Mail-Adresse,Mobiltelefon,Notizen",
    "outlook-fr": "Titre,Prénom,Nom,Société,Fonction,Adresse de messagerie,Téléphone mobile",
    "csv": "Name,Email,Phone,Company",
}
ROWS = {
    "linkedin": "Zoë,Ångström,https://x/zoe,,Nordlys AB,Researcher,24 Aug 2023",
    "linkedin-old": "Zoë,Ångström,,Nordlys AB,Researcher,24 Aug 2023",
    "google": "Zoë,,Ångström,Nordlys AB,Researcher,,zoe@x.example,,,",
    "google-old": "Zoë Ångström,Zoë,,Ångström,,zoe@x.example,Nordlys AB,Researcher",
    "outlook": "Zoë,,Ångström,,Nordlys AB,Researcher,zoe@x.example,,,",
    "outlook-de": ",Zoë,Ångström,Nordlys AB,Researcher,zoe@x.example,,",
    "outlook-fr": ",Zoë,Ångström,Nordlys AB,Researcher,zoe@x.example,",
    "csv": "Zoë Ångström,zoe@x.example,,Nordlys AB",
}
ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-16-le-no-bom": ("utf-16-le", b""),
    "cp1252": ("cp1252", b""),
}
REPORTED = {"utf-8": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "cp1252": "cp1252"}


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("kind", list(HEADERS))
def test_detection_table(tmp_path: Path, kind: str, encoding: str, delimiter: str) -> None:
    codec, bom = ENCODINGS[encoding]
    preamble = 'Notes:\n"Some emails, maybe, are missing."\n\n' if kind == "linkedin" else ""
    text = f"{preamble}{HEADERS[kind]}\r\n{ROWS[kind]}\r\n".replace(",", delimiter)
    path = tmp_path / "contacts.txt"  # the name says nothing: content decides
    path.write_bytes(bom + text.encode(codec))
    contacts = read_contacts(path)
    assert contacts.format == kind.split("-")[0]
    assert contacts.encoding == REPORTED[codec]
    [record] = contacts.records
    assert record.name == "Zoë Ångström"
    assert record.organisation == "Nordlys AB"


def test_vcard_is_detected_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        codecs.BOM_UTF16_LE + "\r\nBEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16-le")
    )
    contacts = read_contacts(path)
    assert (contacts.format, contacts.encoding, contacts.records[0].name) == (
        "vcard",
        "utf-16",
        "Zoë",
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # ragged rows: short rows padded, a missing final newline, trailing blank lines
        (
            b"Name,Email,Phone\nZo\xc3\xab,z@x\nBob,b@x,1\n\n\n",
            [(2, "Zoë", "z@x"), (3, "Bob", "b@x")],
        ),
        (b"Name,Email\r\nAnn,a@x\r\nBob,b@x", [(2, "Ann", "a@x"), (3, "Bob", "b@x")]),
        # a quoted line break in a name is collapsed; the next row keeps its real line
        (b'Name,Email\n"Ann\nLee",a@x\nBob,b@x\n', [(2, "Ann Lee", "a@x"), (4, "Bob", "b@x")]),
        # empty trailing cells beyond the header are harmless
        (b"Name,Email\nAnn,a@x,,,\n", [(2, "Ann", "a@x")]),
        # blank lines before the header
        (b"\n\nName,Email\nAnn,a@x\n", [(4, "Ann", "a@x")]),
    ],
)
def test_awkward_but_fine_tables(
    tmp_path: Path, content: bytes, expected: list[tuple[int, str, str]]
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    contacts = read_contacts(path)
    assert [(r.line, r.name, r.email) for r in contacts.records] == expected
    assert contacts.skipped == []


def test_rows_with_hundreds_of_columns_and_runaway_quotes_are_skipped(tmp_path: Path) -> None:
    wide = "Ann,a@x," + ",".join(["junk"] * 300)
    path = tmp_path / "people.csv"
    path.write_text(f'Name,Email\n{wide}\nBob,b@x\n"Cy,c@x\nDee,d@x\n', encoding="utf-8")
    contacts = read_contacts(path)
    assert [r.name for r in contacts.records] == ["Bob"]
    assert [(s.line, s.reason) for s in contacts.skipped] == [
        (2, "row has 302 columns, header has 2"),
        (4, "row runs on to line 5 (a closing quote is probably missing)"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \r\n\n\t", "is empty"),
        (codecs.BOM_UTF8, "is empty"),
        (HEADERS["linkedin"].encode() + b"\n\n", "has a header but no contacts"),
        (b"Name,Email\n", "has a header but no contacts"),
        (b"\x00\x01\x02binary\x00" * 50, "is not a contact file (it looks like binary data)"),
        (bytes(range(256)) * 40, "is not a contact file (it looks like binary data)"),
        (b"PK\x03\x04 zip", "is not a contact file (it is a ZIP archive or an Excel workbook"),
        (b"%PDF-1.7\n", "is not a contact file (it is a PDF document)"),
        (b"Dear diary,\nToday I met nobody.\n", "is not a contact file (no column holds"),
        (b"BEGIN:VCARD\nno end and nothing else", "no name, email or phone"),
    ],
)
def test_files_that_cannot_be_read_say_why(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    try:
        contacts = read_contacts(path)
    except WorkbookError as error:
        assert str(error).startswith(f"{path}: {message}")
    else:  # a vCard without END is read as far as it goes; its problem is per card
        assert [s.reason for s in contacts.skipped] == [message]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="no such file"):
        read_contacts(tmp_path / "nope.csv")
    with pytest.raises(WorkbookError, match="is a folder"):
        read_contacts(tmp_path)


def test_windows_1252_is_chosen_for_the_whole_file(tmp_path: Path) -> None:
    # The only non-UTF-8 byte is far past the sample: the whole file must still be cp1252.
    rows = "".join(f"Person {i},p{i}@x\n" for i in range(5000))
    path = tmp_path / "people.csv"
    path.write_bytes(("Name,Email\n" + rows + "Jürgen Groß,j@x\n").encode("cp1252"))
    contacts = read_contacts(path)
    assert contacts.encoding == "cp1252"
    assert contacts.records[-1].name == "Jürgen Groß"


@pytest.mark.slow
def test_a_50_mb_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    note = "Met at a conference; " * 100
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("Name,Email,Notes\n")
        for i in range(25_000):
            handle.write(f'Person {i},p{i}@x.example,"{note}"\n')
    assert path.stat().st_size > 50 * 2**20
    contacts = read_contacts(path)
    assert len(contacts.records) == 25_000
    assert contacts.records[-1].notes == note.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 Aug 2023", date(2023, 8, 24)),
        ("4 aug 2023", date(2023, 8, 4)),
        ("01 May 2019", date(2019, 5, 1)),
        ("3 Sept 2021", date(2021, 9, 3)),
        ("12 December 2020", date(2020, 12, 12)),
        ("Aug 24, 2023", date(2023, 8, 24)),
        ("August 24 2023", date(2023, 8, 24)),
        ("2023-08-24", date(2023, 8, 24)),
        ("31 Feb 2023", None),
        ("24 Août 2023", None),  # the month table is English, whatever the locale
        ("24/08/2023", None),  # ambiguous day/month order: not guessed
        ("", None),
        ("yesterday", None),
    ],
)
def test_linkedin_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["Name", "Email", "Phone"], {"name": "Name", "email": "Email", "phone": "Phone"}),
        (
            ["first_name", "Last-Name", "E-Mail", "Company", "Job Title", "Connected On"],
            {
                "first_name": "first_name",
                "last_name": "Last-Name",
                "email": "E-Mail",
                "organisation": "Company",
                "title": "Job Title",
                "connected_on": "Connected On",
            },
        ),
        (
            ["Vorname", "Nachname", "Firma", "Notizen"],
            {
                "first_name": "Vorname",
                "last_name": "Nachname",
                "organisation": "Firma",
                "notes": "Notizen",
            },
        ),
        (
            ["Prénom", "Nom", "Courriel", "Société"],
            {
                "first_name": "Prénom",
                "last_name": "Nom",
                "email": "Courriel",
                "organisation": "Société",
            },
        ),
        (
            ["Home e-mail", "LinkedIn profile", "Cell"],
            {"email": "Home e-mail", "profile_url": "LinkedIn profile", "phone": "Cell"},
        ),
        (["Favourite colour", "Shoe size"], {}),
    ],
)
def test_suggest_mapping(columns: list[str], expected: dict[str, str]) -> None:
    assert suggest_mapping(columns) == expected
