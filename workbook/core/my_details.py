"""The user's own details: what goes on the front of the "What I bring" cards.

Kept as one workbook setting (``my_details``, a JSON object) rather than a table: there is one
user per workbook and the fields are few. Reading is forgiving (a hand-edited or partial setting
gives blanks, never an error); writing checks each field, so a card never gets a paragraph where
a phone number should be. ``set_my_details`` returns the previous details so the caller can undo.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Setting

SETTING_KEY = "my_details"

# Generous for any real name or address, small enough that a business card can show it.
LIMITS: dict[str, int] = {
    "name": 80,
    "headline": 120,
    "email": 254,  # the longest address the mail standards allow
    "phone": 40,
    "website": 200,
    "location": 80,
}
# How a field is called in a message a person reads.
LABELS: dict[str, str] = {
    "name": "name",
    "headline": "headline",
    "email": "email address",
    "phone": "phone number",
    "website": "website",
    "location": "location",
}


@dataclass(frozen=True)
class MyDetails:
    """Who the user is, as their cards show it. Every field may be blank."""

    name: str = ""
    headline: str = ""  # a few words under the name: "Product analyst · healthcare data"
    email: str = ""
    phone: str = ""
    website: str = ""
    location: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(value.strip() for value in asdict(self).values())

    def contacts(self) -> tuple[str, ...]:
        """The contact lines a card shows, in order, blanks left out."""
        lines = (self.email, self.phone, self.website, self.location)
        return tuple(line.strip() for line in lines if line.strip())

    def as_json(self) -> dict[str, str]:
        return asdict(self)


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(MyDetails))


def parse_details(value: object) -> MyDetails:
    """Details from the stored JSON; anything that is not text is read as blank."""
    if not isinstance(value, dict):
        return MyDetails()
    found = {key: value[key] for key in FIELDS if isinstance(value.get(key), str)}
    return MyDetails(**found)


def check_details(details: MyDetails) -> MyDetails:
    """WorkbookError naming the first field a card could not print well; else ``details``."""
    for key in FIELDS:
        value = getattr(details, key)
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text, not {type(value).__name__}")
        label = LABELS[key]
        if "\n" in value or "\r" in value:
            raise WorkbookError(f"the {label} must fit on one line")
        if len(value) > LIMITS[key]:
            raise WorkbookError(
                f"the {label} is too long for a card: {LIMITS[key]} characters at most"
            )
    email = details.email.strip()
    if email and not _looks_like_email(email):
        raise WorkbookError(f"{email!r} does not look like an email address")
    return details


def _looks_like_email(text: str) -> bool:
    # Only what catches a slip (a missing @, a space); the mail server is the real judge.
    local, at, domain = text.rpartition("@")
    return bool(at and local and domain) and not any(ch.isspace() for ch in text)


def load_details(session: Session) -> MyDetails:
    row = session.get(Setting, SETTING_KEY)
    return parse_details(row.value if row is not None else None)


def get_my_details(sessions: SessionFactory) -> MyDetails:
    with sessions() as session:
        return load_details(session)


def set_my_details(sessions: SessionFactory, details: MyDetails) -> MyDetails:
    """Store the user's details (text kept as typed); returns the previous ones, for undo."""
    check_details(details)
    with sessions.begin() as session:
        before = load_details(session)
        session.merge(Setting(key=SETTING_KEY, value=details.as_json()))
    return before
