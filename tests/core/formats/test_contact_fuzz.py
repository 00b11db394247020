"""Random and mutated files never crash the importers: a ContactFile or one WorkbookError.

Each example runs under an alarm, so a reader that loops forever fails the test instead of
hanging the run.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core.errors import WorkbookError
from workbook.core.formats.contacts import FORMATS, ContactFile, ContactRecord, read_contacts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contacts"
SAMPLES = {path.name: path.read_bytes() for path in sorted(FIXTURES.iterdir())}
_settings = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@contextlib.contextmanager
def no_hang(seconds: float = 10.0) -> Iterator[None]:
    if sys.platform == "win32":  # no SIGALRM; the other platforms catch a hang
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"reading took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(path: Path, data: bytes, format: str = "auto") -> None:
    path.write_bytes(data)
    with no_hang():
        try:
            contacts = read_contacts(path, format)
        except WorkbookError as error:
            assert str(error).startswith(f"{path}: ")
            assert "\n" not in str(error)
            return
    assert isinstance(contacts, ContactFile)
    assert contacts.format in FORMATS
    for record in contacts.records:
        assert isinstance(record, ContactRecord)
        assert record.line >= 1
        assert record.name == record.name.strip()
        assert not any(ch < " " for ch in record.name + record.organisation + record.title)
        assert record.name or record.email or record.phone
    for skipped in contacts.skipped:
        assert skipped.line >= 1 and skipped.reason


INSERTS = [
    b'"', b",", b";", b"\t", b"\r", b"\n", b"=", b"\x00", b":", b"\xff\xfe", b"\xc3",
    b"BEGIN:VCARD\r\n", b"END:VCARD\n", b" ",
]  # fmt: skip
PROPERTIES = [
    "FN", "N", "ORG", "TEL", "EMAIL", "NOTE", "ADR", "URL", "PHOTO", "item1.EMAIL",
    "X-ABShowAs", "VERSION", "BDAY",
]  # fmt: skip
PARAMETERS = [
    "", ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", ";ENCODING=b", ";CELL;PREF", ';TYPE="a,b',
    ";CHARSET=Shift_JIS", ";VALUE=uri", ';X="q:r"',
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete", "repeat", "newline"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 400))] * draw(st.integers(2, 50))
        elif kind == "newline":
            data = bytearray(
                bytes(data).replace(b"\r\n", draw(st.sampled_from([b"\n", b"\r", b"\r\r\n"])))
            )
    return bytes(data)


_cell = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@st.composite
def table_like(draw: st.DrawFn) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote = draw(st.sampled_from(['"', "", "'"]))
    rows = draw(st.lists(st.lists(_cell, max_size=12), max_size=15))
    header = draw(st.sampled_from([
        "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name\n",
        "Vorname,Nachname,Firma,E-Mail-Adresse,Position\n", "Name,Email\n", "Notes:\n\n",
    ]))  # fmt: skip
    text = header.replace(",", delimiter) + "\n".join(
        delimiter.join(quote + value + quote for value in row) for row in rows
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "shift_jis"]))
    return text.encode(encoding, "replace")


@st.composite
def vcard_like(draw: st.DrawFn) -> bytes:
    lines = ["BEGIN:VCARD"]
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 9))
        if choice == 0:
            lines.append(draw(st.sampled_from(["END:VCARD", "BEGIN:VCARD", " folded", "=", ""])))
        else:
            name, param = draw(st.sampled_from(PROPERTIES)), draw(st.sampled_from(PARAMETERS))
            lines.append(f"{name}{param}:{draw(_cell)}")
    ending = draw(st.sampled_from(["\r\n", "\n", "\r\r\n"]))
    return ending.join(lines).encode(
        draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace"
    )


@_settings
@given(data=st.binary(max_size=4096))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check(tmp_path / "random.csv", data)


@_settings
@given(data=mutated(), format=st.sampled_from(["auto", *FORMATS]))
def test_mutated_fixture_files(tmp_path: Path, data: bytes, format: str) -> None:
    check(tmp_path / "mutated.txt", data, format)


@_settings
@given(data=table_like())
def test_random_tables(tmp_path: Path, data: bytes) -> None:
    check(tmp_path / "table.csv", data)


@_settings
@given(data=vcard_like())
def test_random_vcards(tmp_path: Path, data: bytes) -> None:
    check(tmp_path / "cards.vcf", data)
