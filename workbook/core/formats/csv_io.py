"""Plain CSV: reading with a column mapping, and the formula-safe export of the people list.

Import: ``suggest_mapping`` guesses which column holds which field from the header words
(English, German, French, Spanish); the UI shows the guess in its mapping step.

Export: UTF-8 with a byte-order mark (Excel otherwise reads UTF-8 as the local code page)
and CRLF line ends. A cell that starts with = + - @ tab or CR gets a leading apostrophe,
so a spreadsheet shows it as text instead of running it as a formula. The rule is applied
to every such cell, plain negative numbers and "+44 20 ..." phone numbers included: it is
predictable, and Excel shows those as text without the apostrophe. A value that already
starts with an apostrophe followed by one of those characters gets one more, and every
reader here drops exactly one, so export -> import gives back what was exported.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from workbook.core.errors import WorkbookError
from workbook.core.files import atomic_path
from workbook.core.formats.fields import (
    RowReader,
    header_key,
    is_formula_like,
    join_name,
    make_record,
    parse_date,
)
from workbook.core.formats.records import (
    ColumnMapping,
    ContactRecord,
    PersonLike,
    SkippedRecord,
)

# The keys a ColumnMapping may use: ContactRecord fields plus first/last name parts.
MAPPING_FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "title",
    "location",
    "notes",
    "profile_url",
    "connected_on",
    "other_emails",
    "other_phones",
)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "full name", "fullname", "display name", "contact", "contact name", "person",
        "nom complet", "vollständiger name", "nombre completo",
    ),
    "first_name": (
        "first name", "firstname", "first", "given name", "forename", "vorname", "prénom",
        "prenom", "nombre",
    ),
    "last_name": (
        "last name", "lastname", "last", "surname", "family name", "nachname", "nom",
        "nom de famille", "apellido", "apellidos",
    ),
    "email": (
        "email", "e mail", "email address", "e mail address", "mail", "courriel",
        "adresse e mail", "e mail adresse", "correo", "correo electrónico",
    ),
    "phone": (
        "phone", "telephone", "tel", "phone number", "mobile", "mobile phone", "cell",
        "cell phone", "telefon", "téléphone", "handy", "teléfono", "móvil",
    ),
    "organisation": (
        "organisation", "organization", "company", "company name", "employer", "org",
        "organisation name", "organization name", "firma", "unternehmen", "société",
        "entreprise", "empresa",
    ),
    "title": (
        "title", "job title", "position", "role", "job", "occupation", "fonction", "poste",
        "cargo", "puesto",
    ),
    "location": ("location", "city", "town", "place", "address", "ort", "stadt", "ville", "ciudad"),
    "notes": (
        "notes", "note", "comments", "comment", "remarks", "notizen", "bemerkungen",
        "remarques", "notas",
    ),
    "profile_url": (
        "profile url", "url", "profile", "linkedin", "linkedin url", "linkedin profile",
        "website", "web page", "webpage", "homepage", "web",
    ),
    "connected_on": ("connected on", "connected", "connection date", "date connected"),
}  # fmt: skip
# Second pass, for headers such as "Work Email" or "Mobile number": words inside the header.
_WORDS = (
    ("email", ("email", "e mail", "mail")),
    ("phone", ("phone", "mobile", "telefon")),
    ("organisation", ("company", "organisation", "organization")),
    ("profile_url", ("linkedin", "url")),
    ("notes", ("note",)),
)
_LIST_SPLIT = re.compile(r"\s*[;,]\s*")


def _words(header: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", header_key(header)).split())


def suggest_mapping(columns: list[str]) -> ColumnMapping:
    """Guess which column holds which field, from the header names."""
    words = [_words(column) for column in columns]
    mapping: ColumnMapping = {}
    used: set[int] = set()
    for field, synonyms in _SYNONYMS.items():
        for index, word in enumerate(words):
            if index not in used and word in synonyms:
                mapping[field] = columns[index]
                used.add(index)
                break
    for field, parts in _WORDS:
        if field in mapping:
            continue
        for index, word in enumerate(words):
            if index not in used and any(part in f" {word} " for part in parts):
                mapping[field] = columns[index]
                used.add(index)
                break
    return mapping


def has_identity(mapping: ColumnMapping) -> bool:
    """Whether the mapping names a column that can tell people apart."""
    return any(mapping.get(key) for key in ("name", "first_name", "last_name", "email", "phone"))


def mapped_reader(path: Path, header: list[str], mapping: ColumnMapping) -> RowReader:
    """A row reader for a plain CSV; ``mapping`` must name columns of ``header``."""
    unknown = sorted(set(mapping) - set(MAPPING_FIELDS))
    if unknown:
        raise WorkbookError(f"{path}: cannot map columns to {', '.join(unknown)}")
    position: dict[str, int] = {}
    for field in MAPPING_FIELDS:
        column = mapping.get(field, "")
        position[field] = len(header)  # the padding cell: always empty
        if column:
            matches = [i for i, h in enumerate(header) if h == column]
            matches = matches or [
                i for i, h in enumerate(header) if header_key(h) == header_key(column)
            ]
            if not matches:
                raise WorkbookError(f"{path}: has no column named {column!r}")
            position[field] = matches[0]

    def get(cells: list[str], field: str) -> str:
        return cells[position[field]]

    def read(line: int, cells: list[str]) -> ContactRecord | SkippedRecord:
        name = get(cells, "name") or join_name(get(cells, "first_name"), get(cells, "last_name"))
        return make_record(
            line,
            name,
            [get(cells, "email"), *_LIST_SPLIT.split(get(cells, "other_emails"))],
            [get(cells, "phone"), *_LIST_SPLIT.split(get(cells, "other_phones"))],
            profile_url=get(cells, "profile_url"),
            organisation=get(cells, "organisation"),
            title=get(cells, "title"),
            location=get(cells, "location"),
            notes=get(cells, "notes"),
            connected_on=parse_date(get(cells, "connected_on")),
        )

    return read


EXPORT_COLUMNS = (
    "Name", "Email", "Phone", "Organisation", "Title", "Location", "Profile URL", "Circle",
    "Circle detail", "Strength", "How we know", "Introduced by", "Advice", "Knows people at",
    "Notes", "Connected on", "Last contact", "Status",
)  # fmt: skip


def formula_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (see the module docstring)."""
    return "'" + value if is_formula_like(value) else value


def _row(person: PersonLike) -> list[str]:
    last = person.last_contact
    return [
        person.name,
        person.email,
        person.phone,
        person.organisation,
        person.title,
        person.location,
        person.profile_url,
        person.circle,
        person.circle_detail,
        person.strength,
        person.how_we_know,
        person.introduced_by,
        "; ".join(person.advice),
        "; ".join(person.knows_people_at),
        person.notes,
        person.connected_on.isoformat() if person.connected_on else "",
        last.isoformat(timespec="minutes") if last else "",
        person.status,
    ]


def write_csv(path: Path, people: Sequence[PersonLike]) -> None:
    """Write the people list as formula-safe CSV (UTF-8 with BOM, CRLF), atomically."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for person in people:
            writer.writerow([formula_safe(value) for value in _row(person)])
