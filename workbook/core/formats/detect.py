"""Decide how to read a contact file: its text encoding, its delimiter and its format.

Everything is decided from the bytes, never from the file name. The order follows what
exports in the wild look like: a byte-order mark wins (UTF-8, UTF-16 LE/BE); otherwise the
file is UTF-8 if all of it decodes as UTF-8, else Windows-1252 (Outlook desktop's choice).
Binary files (NUL bytes, control characters, well-known signatures) are refused with one
clear message instead of being read as a one-column table of garbage.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbook.core.errors import WorkbookError
from workbook.core.formats import google, linkedin, outlook
from workbook.core.formats.fields import header_key

SAMPLE_BYTES = 64 * 1024
# Far beyond any real address book (a 30,000-row LinkedIn export is ~4 MB).
MAX_BYTES = 256 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 30

# Checked in this order: Google's "E-mail 1 - Value" columns are the most specific.
MATCHERS: tuple[tuple[str, Callable[[frozenset[str]], bool]], ...] = (
    ("google", google.matches),
    ("linkedin", linkedin.matches),
    ("outlook", outlook.matches),
)

_SIGNATURES = (
    (b"PK\x03\x04", "it is a ZIP archive or an Excel workbook; save it as CSV first"),
    (b"\xd0\xcf\x11\xe0", "it is an old Office document; save it as CSV first"),
    (b"%PDF", "it is a PDF document"),
    (b"SQLite format 3\x00", "it is a database file"),
    (b"\x89PNG", "it is an image"),
    (b"\xff\xd8\xff", "it is an image"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """A readable text file: how to decode it and what its start looks like."""

    path: Path
    codec: str  # what to open it with
    encoding: str  # what to tell the user
    sample: str  # the decoded start of the file

    def open(self) -> io.TextIOWrapper:
        # newline="" lets the csv module see quoted line breaks as they are.
        return open(self.path, encoding=self.codec, errors="replace", newline="")


def problem(path: Path, text: str) -> WorkbookError:
    return WorkbookError(f"{path}: {text}")


def open_source(path: Path) -> Source:
    """Check the file can be read as text and choose its encoding."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(SAMPLE_BYTES)
    except FileNotFoundError:
        raise problem(path, "no such file") from None
    except IsADirectoryError:
        raise problem(path, "is a folder, not a contact file") from None
    except OSError as exc:
        raise problem(path, f"cannot be read ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise problem(path, f"is too large for a contact file ({size // 2**20} MB)")
    if not head.strip():
        raise problem(path, "is empty")
    for signature, why in _SIGNATURES:
        if head.startswith(signature):
            raise problem(path, f"is not a contact file ({why})")
    codec, encoding = _choose_codec(path, head)
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    sample = decoder.decode(head, final=size <= len(head))
    if _looks_binary(sample, strict_utf8=codec in ("utf-8", "utf-8-sig")):
        raise problem(path, "is not a contact file (it looks like binary data)")
    if not sample.strip():
        raise problem(path, "is empty")
    return Source(path, codec, encoding, sample)


def _choose_codec(path: Path, head: bytes) -> tuple[str, str]:
    for bom, codec, encoding in _BOMS:
        if head.startswith(bom):
            return codec, encoding
    # UTF-16 without a mark: every other byte of plain text is NUL.
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > 0.4 * len(odd) and not even.count(0):
        return "utf-16-le", "utf-16"
    if len(head) >= 4 and even.count(0) > 0.4 * len(even) and not odd.count(0):
        return "utf-16-be", "utf-16"
    return ("utf-8", "utf-8") if _is_utf8(path) else ("cp1252", "cp1252")


def _is_utf8(path: Path) -> bool:
    # Streams the whole file: one bad byte at the end decides the encoding of all of it.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(sample: str, strict_utf8: bool) -> bool:
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n") or ch == "\x7f")
    # In valid UTF-8 a U+FFFD is a real character; elsewhere it marks an undecodable byte.
    replaced = 0 if strict_utf8 else sample.count("\ufffd")
    return controls + replaced > max(2, len(sample) // 100)


def is_vcard(sample: str) -> bool:
    """Whether a card begins within the first few non-blank lines."""
    lines = [line.strip().upper() for line in sample.lstrip("\ufeff").splitlines()[:50]]
    return any(line.startswith("BEGIN:VCARD") for line in [ln for ln in lines if ln][:5])


def match_header(cells: list[str]) -> str | None:
    """The contact format whose header this row is, or None."""
    keys = frozenset(header_key(cell) for cell in cells)
    for name, matches in MATCHERS:
        if matches(keys):
            return name
    return None


@dataclass(frozen=True)
class TableGuess:
    """What a delimited file looks like from its first rows."""

    format: str  # "linkedin" | "google" | "outlook" | "csv"
    delimiter: str


def guess_table(sample: str) -> TableGuess:
    """Pick the delimiter that turns the sample into a known header, else the widest one."""
    best = TableGuess("csv", ",")
    best_width = 0
    for delimiter in DELIMITERS:
        rows = _sample_rows(sample, delimiter)
        for row in rows:
            found = match_header(row)
            if found:
                return TableGuess(found, delimiter)
        header = plain_header(rows)
        width = sum(1 for cell in header if cell.strip())
        if width > best_width:
            best, best_width = TableGuess("csv", delimiter), width
    return best


def _sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass  # a sample may end inside a quoted field; what was read is enough
    return rows


def plain_header(rows: list[list[str]]) -> list[str]:
    """The first non-blank row, after a LinkedIn-style "Notes:" preamble if there is one."""
    index = skip_preamble(rows)
    return rows[index] if index < len(rows) else []


def skip_preamble(rows: list[list[str]]) -> int:
    """Index of the first row that can be a header (blank rows and a preamble skipped)."""
    index = 0
    while index < len(rows) and not any(cell.strip() for cell in rows[index]):
        index += 1
    if index < len(rows) and rows[index] and rows[index][0].strip().lower() == "notes:":
        while index < len(rows) and any(cell.strip() for cell in rows[index]):
            index += 1
        while index < len(rows) and not any(cell.strip() for cell in rows[index]):
            index += 1
    return index
