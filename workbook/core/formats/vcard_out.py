"""Writing the people list as vCard 3.0: UTF-8, CRLF, lines folded at 75 octets.

FN carries the name exactly as the workbook has it; N (which address books sort by) is the
name split into its parts, by nameparser when the name is more than a plain "First Last".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbook.core.files import atomic_path
from workbook.core.formats.records import PersonLike


def write_vcard(path: Path, people: Sequence[PersonLike]) -> None:
    """Write people as vCard 3.0 (UTF-8, CRLF, folded at 75 octets), atomically.

    Written directly rather than through vobject: vobject's serialiser costs about a
    millisecond a card, and the format here is small. The tests read every export back
    through the reader in vcard.py (vobject) to keep the two honest.
    """
    text = "".join(_card_text(person) for person in people)
    with atomic_path(path) as tmp:
        tmp.write_bytes(text.encode("utf-8"))


def _card_text(person: PersonLike) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:" + ";".join(_escape(part) for part in _name_parts(person.name)),
        "FN:" + _escape(person.name),
    ]
    for key, value in (
        ("ORG", person.organisation),
        ("TITLE", person.title),
        ("EMAIL;TYPE=INTERNET", person.email),
        ("TEL", person.phone),
        ("URL", person.profile_url),
    ):
        if value:
            lines.append(f"{key}:{_escape(value)}")
    if person.location:
        lines.append(f"ADR:;;;{_escape(person.location)};;;")
    if person.notes:
        lines.append("NOTE:" + _escape(person.notes))
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def _name_parts(name: str) -> tuple[str, str, str, str, str]:
    """N's family; given; additional; prefix; suffix. FN keeps the name as written."""
    words = name.split()
    if len(words) == 2 and all(_plain_word(word) for word in words):
        return words[1], words[0], "", "", ""  # the common case, 300 times faster
    from nameparser import HumanName  # imported late: only exports need it

    try:
        human = HumanName(name)
        parts = (human.last, human.first, human.middle, human.title, human.suffix)
    except Exception:  # splitting is cosmetic: FN carries the name
        parts = ("", name, "", "", "")
    return parts if any(parts) else ("", name, "", "", "")


def _plain_word(word: str) -> bool:
    """A word nameparser would take as a plain first or last name."""
    if not word.replace("-", "").replace("'", "").isalpha():
        return False
    from nameparser.config import CONSTANTS

    key = word.lower()
    return not (
        key in CONSTANTS.titles
        or key in CONSTANTS.suffix_acronyms
        or key in CONSTANTS.suffix_not_acronyms
        or key in CONSTANTS.prefixes
        or key in CONSTANTS.conjunctions
    )


def _escape(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> str:
    """The line and CRLF, folded at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # a continuation line starts with a space
    return "\r\n ".join(parts) + "\r\n"
