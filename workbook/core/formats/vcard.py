"""Reading vCard 2.1, 3.0 and 4.0 (writing is in vcard_out.py).

vobject parses the structure (N, ORG, ADR, escapes, groups) but not what phones and mail
programs really write, so each card is cleaned first, working on bytes:
- lines end in LF, CRLF, CR (old Macs) or Apple's CR CR LF; folded lines are joined;
- vCard 2.1 quoted-printable values continued over soft line breaks ("=" at the line end,
  as Android and Outlook write them) are joined, then decoded in their CHARSET (UTF-8,
  Shift_JIS, ISO-8859-1, ...); 8-bit values without a charset are UTF-8, else Windows-1252;
- only the properties the workbook uses are kept, so a PHOTO folded with two spaces or a
  malformed birthday cannot spoil a card;
- 2.1 bare parameters (TEL;CELL;PREF) become TYPE=; other parameters are dropped.
Each card is parsed on its own: one bad card is skipped with its line and reason and the
others are kept. The file is streamed card by card.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
import warnings
from collections.abc import Iterator
from typing import Any

from workbook.core.formats.detect import Source
from workbook.core.formats.fields import join_name, make_record, pick_profile
from workbook.core.formats.records import ContactRecord, SkippedRecord

_KEPT = frozenset(
    b"FN N ORG TITLE ROLE EMAIL TEL URL ADR NOTE NICKNAME X-ABSHOWAS X-ABLABEL X-SOCIALPROFILE"
    b"".split()
)
_BULKY = (b"PHOTO", b"LOGO", b"SOUND", b"KEY")
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_TOKEN = re.compile(r"[A-Za-z0-9-]+")
_MAX_CARD_LINES = 10_000  # beyond any real card: stops one runaway card eating memory


class VCardReader:
    """Reads every card of a file; ``encoding`` ends as the file-level text encoding used."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.encoding = source.encoding
        self.records: list[ContactRecord] = []
        self.skipped: list[SkippedRecord] = []

    def read(self) -> None:
        for begin, lines in _cards(self._lines()):
            result = self._card(begin, lines)
            if isinstance(result, ContactRecord):
                self.records.append(result)
            else:
                self.skipped.append(result)

    def _lines(self) -> Iterator[bytes]:
        if self.source.codec.startswith("utf-16"):
            with self.source.open() as text:
                for line in text:
                    yield line.encode("utf-8", "replace")
        else:
            with open(self.source.path, "rb") as raw:
                for data in raw:
                    data = data.rstrip(b"\r\n")
                    if b"\r" in data:  # old Mac files end lines with CR alone
                        yield from data.split(b"\r")
                    else:
                        yield data

    def _decode(self, value: bytes, charset: str) -> str:
        if charset:
            try:
                return value.decode(codecs.lookup(charset).name)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong label: fall through to the usual guesses
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            self.encoding = "cp1252"
            return value.decode("cp1252", "replace")

    def _card(self, begin: int, lines: list[bytes]) -> ContactRecord | SkippedRecord:
        if len(lines) > _MAX_CARD_LINES:
            reason = f"card has over {_MAX_CARD_LINES} lines; too long to be a contact"
            return SkippedRecord(begin, reason)
        cleaned = ["BEGIN:VCARD", "VERSION:3.0"]
        for logical in _unfold(lines):
            text = self._property(logical)
            if text:
                cleaned.append(text)
        cleaned.append("END:VCARD")
        import vobject  # type: ignore[import-untyped]  # 50 ms: only when a vCard is read

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # vobject warns about what it tolerates
                card = vobject.readOne("\r\n".join(cleaned) + "\r\n")
                return _record(begin, card.contents)
        except Exception as exc:  # any parser failure skips only this card
            return SkippedRecord(begin, f"card cannot be read ({_short(exc)})")

    def _property(self, logical: bytes) -> str:
        """One property rewritten as clean vCard 3.0 text, or "" to drop it."""
        head, sep, value = _partition(logical, b":")
        if not sep:
            return ""  # base64 leftovers and junk between properties
        parts = _split_outside_quotes(head, b";")
        group, _, name = parts[0].rpartition(b".")
        if name.strip().upper() not in _KEPT:
            return ""
        types: list[str] = []  # the only parameter the workbook reads (PREF among them)
        encoding = charset = ""
        for raw in parts[1:]:
            key, eq, val = raw.partition(b"=")
            key_text = key.decode("ascii", "replace").strip().upper()
            val_text = val.decode("ascii", "replace").strip().strip('"')
            if not eq:  # vCard 2.1 bare parameter: TEL;CELL;PREF
                key_text, val_text = (
                    ("ENCODING", key_text) if key_text in _ENCODINGS else ("TYPE", key_text)
                )
            if key_text == "ENCODING":
                encoding = val_text.upper()
            elif key_text == "CHARSET":
                charset = val_text
            elif key_text in ("TYPE", "PREF"):  # vCard 4.0 says PREF=1
                words = val_text.split(",") if key_text == "TYPE" else ["PREF"]
                types.extend(w.upper() for w in words if _TOKEN.fullmatch(w))
        if encoding == "QUOTED-PRINTABLE":
            text = _escape_breaks(self._decode(quopri.decodestring(value), charset))
        elif encoding in ("BASE64", "B"):
            try:
                decoded = base64.b64decode(b"".join(value.split()), validate=False)
            except (binascii.Error, ValueError):
                return ""
            text = _escape_breaks(self._decode(decoded, charset))
        else:
            text = _escape_breaks(self._decode(value, charset))
        # Groups and names that are not plain tokens would only make vobject refuse the card.
        group_text = group.decode("ascii", "replace")
        prefix = group_text + "." if _TOKEN.fullmatch(group_text) else ""
        tail = f";TYPE={','.join(types)}" if types else ""
        return f"{prefix}{name.strip().upper().decode('ascii')}{tail}:{text}"


def _cards(lines: Iterator[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    """(line of BEGIN, the lines inside) per card; a card without END ends at the next BEGIN.

    PHOTO, LOGO, SOUND and KEY data are dropped here, so a card with a large photo (often
    thousands of folded lines) costs no memory.
    """
    current: list[bytes] | None = None
    begin = 0
    bulky = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip(b"\r\n")
        folded = line[:1] in (b" ", b"\t")
        # A folded continuation is never a BEGIN or END, whatever it says.
        marker = b"" if folded else line.rstrip().upper()
        if marker.startswith(b"BEGIN:VCARD"):
            if current is not None:
                yield begin, current
            current, begin, bulky = [], number, False
        elif marker.startswith(b"END:VCARD"):
            if current is not None:
                yield begin, current
            current = None
        elif current is not None and line.strip():
            if folded or b":" not in line:  # a continuation (2.1 base64 may be unindented)
                if bulky:
                    continue
            else:
                bulky = line.split(b":", 1)[0].rpartition(b".")[2].upper().startswith(_BULKY)
                if bulky:
                    continue
            if len(current) <= _MAX_CARD_LINES:
                current.append(line)
    if current is not None:
        yield begin, current


def _unfold(lines: list[bytes]) -> Iterator[bytes]:
    """Logical lines: folded lines and quoted-printable soft breaks joined."""
    parts: list[bytes] = []
    quoted = False
    for line in lines:
        if parts and quoted and parts[-1].endswith(b"="):
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        elif parts and line[:1] in (b" ", b"\t"):
            parts.append(line[1:])
        else:
            if parts:
                yield b"".join(parts)
            quoted = b"QUOTED-PRINTABLE" in line.split(b":", 1)[0].upper()
            parts = [line]
    if parts:
        yield b"".join(parts)


def _partition(data: bytes, separator: bytes) -> tuple[bytes, bytes, bytes]:
    """Like bytes.partition, but a separator inside double quotes (a parameter) is skipped."""
    first = data.find(separator)
    if first < 0 or b'"' not in data[:first]:
        return data.partition(separator)
    pieces = _split_outside_quotes(data, separator)
    if len(pieces) == 1:
        return data, b"", b""
    return pieces[0], separator, data[len(pieces[0]) + 1 :]


def _split_outside_quotes(data: bytes, separator: bytes) -> list[bytes]:
    if b'"' not in data:
        return data.split(separator)
    pieces: list[bytes] = []
    start = 0
    quoted = False
    for index, byte in enumerate(data):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == separator[0] and not quoted:
            pieces.append(data[start:index])
            start = index + 1
    pieces.append(data[start:])
    return pieces


def _escape_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _text(value: Any) -> str:
    """A vobject value (str, list of str, or structured) as one plain string."""
    if isinstance(value, list):
        return " ".join(_text(item) for item in value if _text(item))
    return str(value).strip() if value is not None else ""


def _preferred(lines: list[Any]) -> list[Any]:
    def pref(line: Any) -> bool:
        types = [t.upper() for t in line.params.get("TYPE", [])]
        return "PREF" in types or "PREF" in line.params

    return sorted(lines, key=lambda line: not pref(line))


def _phone(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("tel:"):  # vCard 4.0: TEL;VALUE=uri:tel:+1-555-0100;ext=12
        number, _, extension = value[4:].partition(";ext=")
        value = number.split(";")[0] + (f" ext. {extension}" if extension else "")
    return value


def _record(begin: int, contents: dict[str, list[Any]]) -> ContactRecord | SkippedRecord:
    def values(key: str) -> list[Any]:
        return [line.value for line in contents.get(key, [])]

    org_values = values("org")
    organisation = _text(org_values[0][0]) if org_values and org_values[0] else ""
    name = _text(values("fn")[0]) if values("fn") else ""
    if not name and values("n"):
        n = values("n")[0]
        name = join_name(
            *(_text(getattr(n, f)) for f in ("prefix", "given", "additional")),
            _text(n.family),
            _text(n.suffix),
        )
    if not name:
        name = _text(values("nickname")[0]) if values("nickname") else ""
    show_as = _text(values("x-abshowas")[0]).upper() if values("x-abshowas") else ""
    if organisation and (show_as == "COMPANY" or not name):
        name = organisation  # company cards, and cards that only name a company
    location = ""
    if values("adr"):
        adr = values("adr")[0]
        location = ", ".join(
            p for p in (_text(adr.city), _text(adr.region), _text(adr.country)) if p
        )
    title = values("title") or values("role")
    return make_record(
        begin,
        name,
        [_text(line.value) for line in _preferred(contents.get("email", []))],
        [_phone(_text(line.value)) for line in _preferred(contents.get("tel", []))],
        profile_url=pick_profile(_text(v) for v in values("url") + values("x-socialprofile")),
        organisation=organisation,
        title=_text(title[0]) if title else "",
        location=location,
        notes="\n\n".join(str(v).strip() for v in values("note") if str(v).strip()),
        table=False,
    )
