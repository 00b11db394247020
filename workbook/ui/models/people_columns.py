"""What the people table shows and sorts by, per person: display texts, search texts, keys.

Qt-free helpers for ``people_model``: each is computed once per person (at load, or just
after the first paint) so filtering and sorting never call back into the model.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbook.core.circles import CIRCLES, circle_label, strength_label
from workbook.core.models import Strength

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

NAME, CIRCLE, STRENGTH, ORGANISATION, TITLE, ADVICE, LAST_CONTACT, STATUS = range(8)
HEADERS = (
    "Name",
    "Circle",
    "Strength",
    "Organisation",
    "Title",
    "Advice",
    "Last contact",
    "Status",
)
FIELDS = {NAME: "name", CIRCLE: "circle", STRENGTH: "strength", ORGANISATION: "organisation",
          TITLE: "title"}  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CIRCLE_ORDER = {prompt.circle.value: position for position, prompt in enumerate(CIRCLES)}
_STRENGTH_ORDER = {Strength.LOST_TOUCH.value: 0, Strength.TEN.value: 1,
                   Strength.HUNDRED.value: 2, Strength.THOUSAND.value: 3}  # fmt: skip


_STRIPPED: dict[int, str] = {}  # a non-ASCII character -> itself without accents


def fold(text: str) -> str:
    """Case- and accent-free text for matching: "Zoë Ångström" -> "zoe angstrom"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    for char in set(folded):
        code = ord(char)
        if code > 127 and code not in _STRIPPED:
            decomposed = unicodedata.normalize("NFKD", char)
            _STRIPPED[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.translate(_STRIPPED)


def short_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def display_values(row: PersonRow) -> tuple[str, ...]:
    """What each text column shows for one person (the date is formatted when painted)."""
    circle = circle_label(row.circle)
    if row.circle_detail:
        circle = f"{circle} — {row.circle_detail}"
    advice = ", ".join(row.advice)
    return (row.name, circle, strength_label(row.strength), row.organisation, row.title, advice,
            "", row.status)  # fmt: skip


def search_texts(shown: Iterable[tuple[str, ...]], rows: Iterable[PersonRow]) -> list[str]:
    """One folded text per person over every text column, plus email and location."""
    cache: dict[str, str] = {}  # circles, strengths, organisations and tags repeat a lot

    def folded(value: str) -> str:
        result = cache.get(value)
        if result is None:
            result = cache[value] = fold(value)
        return result

    return [
        "\x1f".join([folded(value) for value in (*values, row.email, row.location)])
        for values, row in zip(shown, rows, strict=True)
    ]


def _text_key(value: str) -> str | None:
    return value.casefold() or None  # None: blank, shown after everything else


# One plain key per person and column (strings, numbers; None for blank). Ties keep name order.
SORT_KEYS: dict[int, Callable[[PersonRow, tuple[str, ...]], Any]] = {
    NAME: lambda row, shown: row.name.casefold(),
    CIRCLE: lambda row, shown: (
        f"{_CIRCLE_ORDER.get(row.circle, 99):02d} " + row.circle_detail.casefold()
    ),
    STRENGTH: lambda row, shown: _STRENGTH_ORDER.get(row.strength, -1),
    ORGANISATION: lambda row, shown: _text_key(row.organisation),
    TITLE: lambda row, shown: _text_key(row.title),
    ADVICE: lambda row, shown: _text_key(shown[ADVICE]),
    LAST_CONTACT: lambda row, shown: row.last_contact.timestamp() if row.last_contact else None,
    STATUS: lambda row, shown: _text_key(row.status),
}
