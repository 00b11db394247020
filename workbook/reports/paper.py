"""Paper sizes: US Letter or A4, a workbook setting whose default comes from the system locale.

The default follows the same rule as the C library's LC_PAPER: the Americas that use US paper
sizes (and the Philippines) print on Letter, everyone else on A4. A locale we cannot read ("C",
"POSIX", nothing set) means A4, the international standard.
"""

from __future__ import annotations

import locale
import os
import re
from enum import StrEnum

from reportlab.lib.pagesizes import A4, LETTER

from workbook.core.db import SessionFactory
from workbook.core.models import Setting

SETTING_KEY = "paper_size"

# Countries whose everyday paper is US Letter (glibc's LC_PAPER tables agree on these).
LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "CR", "GT", "NI", "PA", "SV", "DO", "BZ"}
)
# Windows reports locales as "English_United States.1252": the country names we need.
_LETTER_NAMES = {
    "united states": "US",
    "canada": "CA",
    "mexico": "MX",
    "philippines": "PH",
    "chile": "CL",
    "colombia": "CO",
    "venezuela": "VE",
    "puerto rico": "PR",
}
_COUNTRY = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b")


class Paper(StrEnum):
    """A sheet size the reports lay out for."""

    LETTER = "letter"
    A4 = "a4"

    @property
    def label(self) -> str:
        return "US Letter" if self is Paper.LETTER else "A4"


def page_size(paper: Paper) -> tuple[float, float]:
    """Width and height in points (portrait)."""
    width, height = LETTER if paper is Paper.LETTER else A4
    return float(width), float(height)


def _country(locale_name: str) -> str:
    """The two-letter country of "en_US.UTF-8", "de-DE", "es_MX@euro" or a Windows name."""
    name = locale_name.split(".", 1)[0].split("@", 1)[0].strip()
    match = _COUNTRY.match(name)
    if match:
        return match.group(1).upper()
    lowered = name.lower()
    return next((code for words, code in _LETTER_NAMES.items() if words in lowered), "")


def _system_locale() -> str:
    # POSIX precedence: LC_ALL overrides LC_PAPER, which overrides LANG.
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    if os.name == "nt":  # Windows sets none of the variables: ask the C library instead
        try:
            return locale.getlocale()[0] or ""
        except ValueError:
            return ""
    return ""


def default_paper(locale_name: str | None = None) -> Paper:
    """Letter for a locale of a Letter country, else A4; ``None`` reads the system's."""
    name = _system_locale() if locale_name is None else locale_name
    return Paper.LETTER if _country(name) in LETTER_COUNTRIES else Paper.A4


def parse_paper(value: object) -> Paper | None:
    """The Paper a stored or typed value names ("letter", "A4"), or None."""
    if isinstance(value, str):
        try:
            return Paper(value.strip().lower())
        except ValueError:
            return None
    return None


def workbook_paper(sessions: SessionFactory) -> Paper:
    """The workbook's chosen paper; the locale's default until one is chosen."""
    with sessions() as session:
        row = session.get(Setting, SETTING_KEY)
        stored = parse_paper(row.value) if row is not None else None
    return stored or default_paper()


def set_workbook_paper(sessions: SessionFactory, paper: Paper) -> Paper:
    """Store the paper for this workbook; returns the previous one (for undo)."""
    paper = Paper(paper)
    with sessions.begin() as session:
        row = session.get(Setting, SETTING_KEY)
        before = (parse_paper(row.value) if row is not None else None) or default_paper()
        session.merge(Setting(key=SETTING_KEY, value=paper.value))
    return before
