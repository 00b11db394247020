"""vCard files as phones and mail programs really write them, and one bad card among many."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vobject  # type: ignore[import-untyped]

from workbook.core.formats.contacts import SkippedRecord, read_contacts


def write(tmp_path: Path, text: str, ending: str = "\r\n", encoding: str = "utf-8") -> Path:
    path = tmp_path / "cards.vcf"
    path.write_bytes(text.strip("\n").replace("\n", ending).encode(encoding) + ending.encode())
    return path


CARDS = """
BEGIN:VCARD
VERSION:3.0
FN:Zoë Ångström
EMAIL:zoe@x.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bad Card
EMAIL:bad@x.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:李小龙
END:VCARD
"""


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r", "\r\r\n"])
def test_every_line_ending(tmp_path: Path, ending: str) -> None:
    contacts = read_contacts(write(tmp_path, CARDS, ending))
    assert [r.name for r in contacts.records] == ["Zoë Ångström", "Bad Card", "李小龙"]


def test_one_card_the_parser_refuses_is_skipped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = vobject.readOne

    def picky(text: str, *args: Any, **kwargs: Any) -> Any:
        if "Bad Card" in text:
            raise vobject.base.ParseError("Failed to parse line: x", 3)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(vobject, "readOne", picky)
    contacts = read_contacts(write(tmp_path, CARDS))
    assert [r.name for r in contacts.records] == ["Zoë Ångström", "李小龙"]
    [skipped] = contacts.skipped
    assert skipped.line == 6
    assert skipped.reason.startswith("card cannot be read (")


def test_a_large_photo_costs_nothing_and_spoils_nothing(tmp_path: Path) -> None:
    photo = "\n".join("  " + "QUJD" * 18 for _ in range(20_000))  # Apple: two-space folds
    photo = f"PHOTO;ENCODING=b;TYPE=JPEG:/9j/\n{photo}"
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Zoë\n{photo}\nTEL:+1\nEND:VCARD"
    [record] = read_contacts(write(tmp_path, text)).records
    assert (record.name, record.phone) == ("Zoë", "+1")


def test_vcard_21_base64_photo_without_indentation(tmp_path: Path) -> None:
    photo = "\n".join("QUJD" * 19 for _ in range(50))
    text = (
        f"BEGIN:VCARD\nVERSION:2.1\nN:Lee;Ann\nPHOTO;BASE64;JPEG:\n{photo}\n\nEMAIL:a@x\nEND:VCARD"
    )
    [record] = read_contacts(write(tmp_path, text)).records
    assert (record.name, record.email) == ("Ann Lee", "a@x")


def test_a_runaway_card_is_skipped(tmp_path: Path) -> None:
    notes = "\n".join(f"NOTE:{i}" for i in range(10_050))
    text = f"BEGIN:VCARD\nFN:Huge\n{notes}\nEND:VCARD\n" + CARDS
    contacts = read_contacts(write(tmp_path, text))
    assert [r.name for r in contacts.records] == ["Zoë Ångström", "Bad Card", "李小龙"]
    assert contacts.skipped == [
        SkippedRecord(1, "card has over 10000 lines; too long to be a contact")
    ]


def test_quoted_printable_across_soft_breaks_in_cp1252_and_grouped_labels(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\n"
        "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=WINDOWS-1252:J=FCrgen Gro=DF M=\n=FCller\n"
        "item1.TEL;type=WORK:+49 211 1\nitem1.X-ABLabel:Büro\n"
        "item2.URL:https://www.linkedin.com/in/jm\nitem2.X-ABLabel:LinkedIn\n"
        "END:VCARD"
    )
    [record] = read_contacts(write(tmp_path, text)).records
    assert record.name == "Jürgen Groß Müller"
    assert (record.phone, record.profile_url) == ("+49 211 1", "https://www.linkedin.com/in/jm")


def test_utf16_vcard(tmp_path: Path) -> None:
    path = write(tmp_path, CARDS, encoding="utf-16")
    contacts = read_contacts(path)
    assert contacts.encoding == "utf-16"
    assert [r.name for r in contacts.records] == ["Zoë Ångström", "Bad Card", "李小龙"]


def test_names_from_n_nickname_and_org(tmp_path: Path) -> None:
    text = """
BEGIN:VCARD
N:Petrov;Oleg;Ivanovich;Dr.;
END:VCARD
BEGIN:VCARD
NICKNAME:Mo
EMAIL:mo@x
END:VCARD
BEGIN:VCARD
ORG:Smith & Sons <NYSE>;Sales
TEL:+1 555 0100
END:VCARD
"""
    records = read_contacts(write(tmp_path, text)).records
    assert [r.name for r in records] == ["Dr. Oleg Ivanovich Petrov", "Mo", "Smith & Sons <NYSE>"]
