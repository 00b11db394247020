"""Plain records that every contact-file reader returns (no parsing here).

Kept apart from ``contacts.py`` so the per-format readers can import these types without
importing the dispatcher that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

FORMATS = ("linkedin", "google", "outlook", "vcard", "csv")

# ContactRecord field name -> column header, for plain CSV.
ColumnMapping = dict[str, str]


@dataclass(frozen=True)
class ContactRecord:
    """One person read from a contact file, before it meets the workbook."""

    line: int  # 1-based line in the file where the record starts (vCard: line of BEGIN)
    name: str  # display name as the file has it ("" if the file had none)
    email: str = ""  # first email
    phone: str = ""  # first phone
    profile_url: str = ""  # LinkedIn/profile URL
    organisation: str = ""
    title: str = ""
    location: str = ""
    notes: str = ""
    connected_on: date | None = None
    other_emails: tuple[str, ...] = ()
    other_phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedRecord:
    """A record the reader could not use, with a short plain reason."""

    line: int
    reason: str


@dataclass(frozen=True)
class ContactFile:
    """Everything read from one contact file."""

    path: Path
    format: str  # one of FORMATS
    records: list[ContactRecord]
    skipped: list[SkippedRecord]
    columns: list[str]  # the header (CSV formats); [] for vCard
    encoding: str  # what it was decoded as ("utf-8", "utf-16", "cp1252", ...)


class PersonLike(Protocol):
    """What the exporters read from a person (the people service's PersonRow has it all)."""

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def profile_url(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def circle(self) -> str: ...
    @property
    def circle_detail(self) -> str: ...
    @property
    def strength(self) -> str: ...
    @property
    def how_we_know(self) -> str: ...
    @property
    def introduced_by(self) -> str: ...
    @property
    def advice(self) -> tuple[str, ...]: ...
    @property
    def knows_people_at(self) -> tuple[str, ...]: ...
    @property
    def connected_on(self) -> date | None: ...
    @property
    def last_contact(self) -> datetime | None: ...
    @property
    def status(self) -> str: ...
