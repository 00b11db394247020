"""Contact files in and out: the one entry point the people service and the UI use.

``read_contacts`` detects the format from the content (never the file name) and hands the
decoded text to the reader for that format; the writers export the people list as
formula-safe CSV or vCard 3.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.core.errors import WorkbookError
from workbook.core.formats import csv_io, detect, google, linkedin, outlook, vcard, vcard_out
from workbook.core.formats.csv_io import MAPPING_FIELDS, suggest_mapping
from workbook.core.formats.fields import RowReader
from workbook.core.formats.records import (
    FORMATS,
    ColumnMapping,
    ContactFile,
    ContactRecord,
    SkippedRecord,
)
from workbook.core.formats.table import Table, read_table

if TYPE_CHECKING:
    # The people service's PersonRow; any object with these attributes will do.
    from workbook.core.formats.records import PersonLike as PersonRow

__all__ = [
    "FORMATS",
    "MAPPING_FIELDS",
    "ColumnMapping",
    "ContactFile",
    "ContactRecord",
    "SkippedRecord",
    "read_contacts",
    "suggest_mapping",
    "write_people_csv",
    "write_people_vcard",
]


def read_contacts(
    path: Path, format: str = "auto", mapping: ColumnMapping | None = None
) -> ContactFile:
    """Read a contact file; raises WorkbookError("<path>: <problem>") if it cannot be read.

    ``format`` "auto" decides from the content, never the file name. For plain CSV without a
    ``mapping`` the mapping is guessed with ``suggest_mapping``; when the guess names no
    column for a name, email or phone, the file comes back with no records, its columns and
    one skipped entry asking for the mapping (the UI's mapping step starts from there).
    """
    path = Path(path)
    if format != "auto" and format not in FORMATS:
        raise WorkbookError(f"{path}: unknown format {format!r} (use {', '.join(FORMATS)})")
    source = detect.open_source(path)
    if format == "vcard" or (format == "auto" and detect.is_vcard(source.sample)):
        return _read_vcard(source)
    guess = detect.guess_table(source.sample)
    chosen = guess.format if format == "auto" else format
    if chosen == "csv":
        return _read_plain(source, guess.delimiter, mapping)
    table = read_table(source, guess.delimiter, chosen, _READERS[chosen])
    return _finish(source, chosen, table)


_READERS = {
    "linkedin": linkedin.row_reader,
    "google": google.row_reader,
    "outlook": outlook.row_reader,
}


def _read_vcard(source: detect.Source) -> ContactFile:
    reader = vcard.VCardReader(source)
    reader.read()
    if not reader.records and not reader.skipped:
        raise detect.problem(source.path, "has no contacts (no BEGIN:VCARD ... END:VCARD card)")
    return ContactFile(source.path, "vcard", reader.records, reader.skipped, [], reader.encoding)


def _read_plain(
    source: detect.Source, delimiter: str, mapping: ColumnMapping | None
) -> ContactFile:
    chosen: ColumnMapping = {}

    def make(header: list[str]) -> RowReader:
        nonlocal chosen
        chosen = dict(mapping) if mapping is not None else csv_io.suggest_mapping(header)
        reader = csv_io.mapped_reader(source.path, header, chosen)  # checks the mapping
        return reader if csv_io.has_identity(chosen) else _ask_for_mapping

    table = read_table(source, delimiter, "csv", make)
    if not table.records and not table.skipped:
        raise detect.problem(source.path, "has a header but no contacts")
    if not csv_io.has_identity(chosen):
        if len([c for c in table.header if c.strip()]) < 2 and mapping is None:
            raise detect.problem(
                source.path, "is not a contact file (no column holds a name, email or phone)"
            )
        reason = "choose which columns hold the name, email or phone"
        table.records, table.skipped = [], [SkippedRecord(table.header_line, reason)]
    return _finish(source, "csv", table)


def _ask_for_mapping(line: int, cells: list[str]) -> ContactRecord | SkippedRecord:
    return SkippedRecord(line, "no column mapping")


def _finish(source: detect.Source, format: str, table: Table) -> ContactFile:
    if not table.records and not table.skipped:
        raise detect.problem(source.path, "has a header but no contacts")
    return ContactFile(
        source.path, format, table.records, table.skipped, table.header, source.encoding
    )


def write_people_csv(path: Path, people: Sequence[PersonRow]) -> None:
    """Write the people list as formula-safe CSV (UTF-8 with BOM), atomically."""
    csv_io.write_csv(Path(path), people)


def write_people_vcard(path: Path, people: Sequence[PersonRow]) -> None:
    """Write the people list as vCard 3.0 (UTF-8), atomically."""
    vcard_out.write_vcard(Path(path), people)
