"""Reading a delimited contact file row by row, whatever its format.

The file is streamed (a 50 MB export is never held as one string). Blank rows, short rows,
quoted line breaks and a missing final newline are all fine. Skipped with their reason: a
row with extra non-empty cells (its values have probably slid into the wrong columns) and a
row that runs over several lines with fewer cells than the header (a missing closing quote
swallowed the line breaks). If the csv module gives up part-way, the rows read so far are
kept and the rest is reported as one skipped entry.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from workbook.core.formats.detect import (
    HEADER_SEARCH_ROWS,
    Source,
    match_header,
    problem,
    skip_preamble,
)
from workbook.core.formats.fields import RowReader
from workbook.core.formats.records import ContactRecord, SkippedRecord

# A runaway quote can swallow the rest of a file into one cell; Python's default limit
# (128 KiB) would stop at the first large note, so allow more but not without bound.
# The limit is process-wide; it is only ever raised.
FIELD_LIMIT = 16 * 2**20


@dataclass
class Table:
    """The outcome of reading the rows of one file."""

    header: list[str]
    header_line: int
    records: list[ContactRecord] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)


def _rows(
    source: Source, delimiter: str, skipped: list[SkippedRecord]
) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) for every row, blank ones included.

    A csv error ends the rows, with one skipped entry saying where.
    """
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    with source.open() as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        line = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                skipped.append(SkippedRecord(line, f"the rest of the file cannot be read ({exc})"))
                return
            yield line, reader.line_num, row
            line = reader.line_num + 1


def read_table(
    source: Source,
    delimiter: str,
    format: str,
    make_reader: Callable[[list[str]], RowReader],
) -> Table:
    """Find the header for ``format`` and turn every row after it into a record."""
    skipped: list[SkippedRecord] = []
    rows = _rows(source, delimiter, skipped)
    head: list[tuple[int, int, list[str]]] = []
    for numbered in rows:
        head.append(numbered)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    start = _header_index([cells for _, _, cells in head], format)
    if start is None:
        raise problem(source.path, f"does not look like {LABELS.get(format, format)}")
    header_line, _, header = head[start]
    table = Table(header, header_line, skipped=skipped)
    read = make_reader(header)
    width = len(header)
    for line, last, cells in itertools.chain(head[start + 1 :], rows):
        if not "".join(cells).strip():
            continue
        if last > line and len(cells) < width:
            # Exporters write every column; a short row spanning lines is a runaway quote.
            reason = f"row runs on to line {last} (a closing quote is probably missing)"
            table.skipped.append(SkippedRecord(line, reason))
            continue
        if len(cells) <= width:
            cells.extend([""] * (width + 1 - len(cells)))
        elif "".join(cells[width:]).strip():
            reason = f"row has {len(cells)} columns, header has {width}"
            table.skipped.append(SkippedRecord(line, reason))
            continue
        result = read(line, cells)
        if isinstance(result, ContactRecord):
            table.records.append(result)
        else:
            table.skipped.append(result)
    return table


LABELS = {
    "linkedin": "a LinkedIn connections export",
    "google": "a Google Contacts export",
    "outlook": "an Outlook contacts export",
    "csv": "a table of contacts",
}


def _header_index(rows: list[list[str]], format: str) -> int | None:
    for index, cells in enumerate(rows):
        found = match_header(cells)
        if found and (found == format or format == "csv"):
            return index
    if format != "csv":
        return None
    index = skip_preamble(rows)
    return index if index < len(rows) else None
