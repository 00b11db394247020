"""Small text helpers shared by the contact readers: names, multi-values, dates.

Dates are parsed with an explicit English month table so that "24 Aug 2023" reads the same
whatever the process locale is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from datetime import date

from workbook.core.formats.records import ContactRecord, SkippedRecord

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ \-/.]+([A-Za-z]+)\.?,?[ \-/.]+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?[ \-/.]+(\d{1,2}),?[ \-/.]+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

# What an exporter (ours included) puts before a cell to stop spreadsheets running it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = frozenset(FORMULA_STARTS)
_CONTROLS = dict.fromkeys([*range(9), 11, 12, *range(14, 32), 127])


def clean(value: str) -> str:
    """Trim a field and drop the apostrophe a formula-safe export put before = + - @ tab CR."""
    value = value.strip()
    if value[:1] == "'" and is_formula_like(value[1:]):
        value = value[1:].strip()
    return value


def is_formula_like(value: str) -> bool:
    """Whether a spreadsheet could run this cell, also after apostrophes a guard added.

    Counting earlier guards makes the guard reversible: "'=x" is written "''=x" and read
    back as "'=x".
    """
    return value.lstrip("'")[:1] in _GUARDED


def clean_line(value: str, table: bool = True) -> str:
    """A one-line field (name, organisation, title, place): trimmed, runs of whitespace made
    one space, control characters dropped; every script and symbol is kept as it is.

    ``table`` says the value comes from a spreadsheet-like file, where a formula guard may
    have been added (and is therefore dropped); vCard values are taken as they are.
    """
    if table and value[:1] == "'":
        value = clean(value)
    return drop_controls(" ".join(value.split()))


def drop_controls(value: str) -> str:
    """Remove control characters (NUL and friends) but keep tabs and line breaks."""
    return value if value.isprintable() else value.translate(_CONTROLS)


def join_name(*parts: str) -> str:
    """Name parts joined by single spaces; empty parts leave no gap."""
    return " ".join(" ".join(parts).split())


def split_multi(value: str, separator: str = ":::") -> list[str]:
    """Split a Google-style multi-value ("a@x ::: b@y") into its non-empty parts."""
    return [part.strip() for part in value.split(separator) if part.strip()]


def unique(values: Iterable[str], table: bool = True) -> list[str]:
    """Cleaned non-empty values in order, each once (case-insensitive)."""
    result: list[str] = []
    keys: list[str] = []  # lists of one to three: a set would cost more than it saves
    for value in values:
        value = drop_controls(clean(value) if table else value.strip())
        if value:
            key = value.casefold()
            if key not in keys:
                keys.append(key)
                result.append(value)
    return result


@functools.lru_cache(maxsize=8192)  # exports repeat the same few thousand dates
def parse_date(value: str) -> date | None:
    """Read "24 Aug 2023", "Aug 24, 2023" or "2023-08-24"; None for anything else."""
    value = value.strip()
    if not value:
        return None
    try:
        if match := _ISO.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_MONTH_YEAR.fullmatch(value):
            month = MONTHS.get(match[2].lower())
            return date(int(match[3]), month, int(match[1])) if month else None
        if match := _MONTH_DAY_YEAR.fullmatch(value):
            month = MONTHS.get(match[1].lower())
            return date(int(match[3]), month, int(match[2])) if month else None
    except ValueError:  # 31 Feb and friends
        return None
    return None


def pick_profile(urls: Iterable[str]) -> str:
    """The LinkedIn URL if there is one, else the first URL."""
    urls = [url for url in urls if url]
    for url in urls:
        if "linkedin." in url.lower():
            return url
    return urls[0] if urls else ""


def make_record(
    line: int,
    name: str,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    *,
    profile_url: str = "",
    organisation: str = "",
    title: str = "",
    location: str = "",
    notes: str = "",
    connected_on: date | None = None,
    table: bool = True,
) -> ContactRecord | SkippedRecord:
    """Build a cleaned record, or skip it when nothing in it can recognise the person.

    ``table``: the values come from a CSV file (see ``clean_line``).
    """
    tidy = clean if table else str.strip
    email_list = unique(emails, table)
    phone_list = unique(phones, table)
    name = clean_line(name, table)
    if not (name or email_list or phone_list):
        return SkippedRecord(line, "no name, email or phone")
    return ContactRecord(
        line,
        name,
        email=email_list[0] if email_list else "",
        phone=phone_list[0] if phone_list else "",
        profile_url=tidy(profile_url),
        organisation=clean_line(organisation, table),
        title=clean_line(title, table),
        location=clean_line(location, table),
        notes=drop_controls(tidy(notes)),
        connected_on=connected_on,
        other_emails=tuple(email_list[1:]),
        other_phones=tuple(phone_list[1:]),
    )


def header_key(cell: str) -> str:
    """A column header as the readers compare it: lower case, single spaces, no BOM."""
    return " ".join(cell.replace("\ufeff", "").split()).lower()


class Columns:
    """Where each named column is in a header (first occurrence wins).

    A column the header lacks is reported at position ``len(header)``: the table reader
    pads every row with an empty cell there, so readers can index rows directly.
    """

    def __init__(self, header: list[str], aliases: dict[str, str] | None = None) -> None:
        self.missing = len(header)
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            key = header_key(name)
            key = (aliases or {}).get(key, key)
            self.index.setdefault(key, position)

    def find(self, *names: str) -> int:
        """The position of the first of these columns that exists."""
        for name in names:
            if name in self.index:
                return self.index[name]
        return self.missing

    def numbered(self, template: str, limit: int = 20) -> list[int]:
        """Positions of "E-mail 1 - Value", "E-mail 2 - Value", ... (template uses {n})."""
        found = [self.index.get(template.format(n=n)) for n in range(1, limit + 1)]
        return [position for position in found if position is not None]


# Turns one table row (its first line, its cells) into a record or a reason to skip it.
# The cells are padded: every position up to and including len(header) exists.
RowReader = Callable[[int, list[str]], ContactRecord | SkippedRecord]
