"""Each contact format read field by field from hand-written fixture files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbook.core.errors import WorkbookError
from workbook.core.formats.contacts import (
    ContactFile,
    ContactRecord,
    SkippedRecord,
    read_contacts,
    suggest_mapping,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contacts"


def read(name: str, **kwargs: object) -> ContactFile:
    return read_contacts(FIXTURES / name, **kwargs)  # type: ignore[arg-type]


def by_name(contacts: ContactFile) -> dict[str, ContactRecord]:
    return {record.name: record for record in contacts.records}


def test_linkedin_with_preamble() -> None:
    contacts = read("linkedin_connections.csv")
    assert contacts.format == "linkedin"
    assert contacts.encoding == "utf-8"
    assert contacts.columns == [
        "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
    ]  # fmt: skip
    people = by_name(contacts)
    assert list(people) == [
        "Zoë Ångström", "小龙 李", "Олег Петров", "محمد الأحمد", "Seán O'Brien", "Ana 🌻 Lima",
        'Jean-Luc, Jr. "Picard"', "Max Mustermann",
    ]  # fmt: skip
    assert people["Zoë Ångström"] == ContactRecord(
        line=5,
        name="Zoë Ångström",
        profile_url="https://www.linkedin.com/in/zoe-angstrom",
        organisation="Nordlys AB",
        title="Head of Research",
        connected_on=date(2023, 8, 24),
    )
    sean = people["Seán O'Brien"]
    assert (sean.email, sean.organisation) == ("sean@example.ie", "Smith & Sons <NYSE>")
    assert sean.title == 'Director, Sales & "Growth"'
    assert people["Олег Петров"].organisation == "ООО «Ромашка»"
    assert people["محمد الأحمد"].connected_on == date(2020, 2, 7)
    # A quoted line break inside Position: the record starts on its first line.
    assert people["Ana 🌻 Lima"].title == "Barista and trainer"
    assert people["Ana 🌻 Lima"].line == 10
    assert people['Jean-Luc, Jr. "Picard"'].line == 12
    assert people["Max Mustermann"].connected_on is None  # "31 Feb 2023"
    assert contacts.skipped == [SkippedRecord(13, "no name, email or phone")]


def test_linkedin_older_export_without_url() -> None:
    contacts = read("linkedin_old.csv")
    assert contacts.format == "linkedin"
    zoe, sean = contacts.records
    assert (zoe.email, zoe.profile_url, zoe.connected_on) == (
        "zoe@example.se",
        "",
        date(2023, 8, 24),
    )
    assert sean.connected_on == date(2019, 11, 30)


def test_google_current_format() -> None:
    contacts = read("google_current.csv")
    assert contacts.format == "google"
    people = by_name(contacts)
    zoe = people["Dr. Zoë Ångström"]
    assert zoe == ContactRecord(
        line=2,
        name="Dr. Zoë Ångström",
        email="zoe@nordlys.example",
        phone="+46 70 123 45 67",
        profile_url="https://www.linkedin.com/in/zoe-angstrom",
        organisation="Nordlys AB",
        title="Head of Research",
        location="Stockholm, Sweden",
        notes='Met at the "Nordic UX" meetup, Oslo.\nLikes <b>bold</b> ideas & coffee.',
        other_emails=("zoe.angstrom@example.se",),
        other_phones=("+46 8 123 456",),
    )
    li = people["小龙 李"]
    assert (li.line, li.email, li.organisation, li.title) == (
        4,
        "li@example.cn",
        "功夫影业",
        "导演",
    )
    oleg = people["Олег Иванович Петров"]
    assert (oleg.phone, oleg.other_phones) == ("+7 912 345-67-89", ("+7 495 123-45-67",))
    assert oleg.location == "Москва, Россия"
    assert people["Mo"].organisation == "شركة المستقبل"  # no name parts: the nickname
    assert contacts.skipped == [SkippedRecord(7, "no name, email or phone")]


def test_google_older_format_in_utf16() -> None:
    contacts = read("google_old_utf16.csv")
    assert (contacts.format, contacts.encoding) == ("google", "utf-16")
    sean, mohammed, oleg = contacts.records
    assert sean.name == "Seán O'Brien"
    assert (sean.email, sean.other_emails) == ("sean@example.ie", ("sean.obrien@example.com",))
    assert (sean.organisation, sean.title) == ("Smith & Sons <NYSE>", "Director")
    assert (sean.location, sean.notes) == ("Dublin", "Owes me a coffee, apparently")
    assert mohammed.name == "محمد الأحمد"
    assert mohammed.location == "الرياض, السعودية"
    assert mohammed.profile_url == "https://example.sa/mohammed"
    assert oleg.name == "Олег Петров"  # no "Name" cell: built from the parts


def test_outlook_english_cp1252() -> None:
    contacts = read("outlook_en_cp1252.csv")
    assert (contacts.format, contacts.encoding) == ("outlook", "cp1252")
    zoe, sean, francois = contacts.records
    assert zoe == ContactRecord(
        line=2,
        name="Zoë Ångström",
        email="zoe@nordlys.example",
        phone="+46 70 123 45 67",
        profile_url="https://www.linkedin.com/in/zoe-angstrom",
        organisation="Nordlys AB",
        title="Head of Research",
        location="Stockholm, Sweden",
        notes="Prefers email ± calls",
        other_emails=("zoe@example.se",),
        other_phones=("+46 8 123 456",),
    )
    # "Mr." is the courtesy title, not the job; the X.500 path is not an email.
    assert sean.name == "Seán Patrick O'Brien Jr."
    assert (sean.email, sean.title) == ("sean@example.ie", 'Director, "Sales"')
    assert (sean.phone, sean.location) == ("+353 1 234 5678", "Dublin, Ireland")
    assert francois.notes == "Café owner—loves jazz"


def test_outlook_german_headers_cp1252() -> None:
    contacts = read("outlook_de_cp1252.csv")
    assert (contacts.format, contacts.encoding) == ("outlook", "cp1252")
    juergen = contacts.records[0]
    assert juergen == ContactRecord(
        line=2,
        name="Jürgen Groß",
        email="juergen@mueller-soehne.example",
        phone="+49 170 1234567",
        organisation="Müller & Söhne GmbH",
        title="Geschäftsführer",
        location="Düsseldorf, NRW, Deutschland",
        notes="Kennt „alle“ in der Branche",
        other_phones=("+49 211 123456",),
    )


def test_outlook_french_headers_semicolons_and_bom() -> None:
    contacts = read("outlook_fr_semicolon.csv")
    assert (contacts.format, contacts.encoding) == ("outlook", "utf-8")
    francois, aicha = contacts.records
    assert francois.name == "François Lefèvre"
    assert (francois.phone, francois.other_phones) == ("+33 6 12 34 56 78", ("+33 4 72 00 00 00",))
    assert francois.notes == "Rencontré au salon; très sympa"
    assert (aicha.organisation, aicha.location) == ("L'Atelier <Paris>", "Paris, France")
    assert aicha.profile_url == "https://www.linkedin.com/in/aicha-benali"


def test_vcard_21_quoted_printable_and_charsets() -> None:
    contacts = read("vcard21_android.vcf")
    assert contacts.format == "vcard"
    assert contacts.columns == []
    zoe, oleg, yamada, sean = contacts.records
    assert zoe.line == 1
    assert zoe.name == "Zoë Ångström"
    assert (zoe.phone, zoe.other_phones) == ("+46701234567", ("+4681234567",))  # PREF first
    assert (zoe.email, zoe.organisation, zoe.title) == (
        "zoe@example.se",
        "Nordlys AB",
        "Head of Research",
    )
    assert zoe.notes == (
        "Met at the Nordic UX meetup.\nLikes long walks and long notes that Android breaks "
        "over several lines with soft line breaks."
    )
    assert (oleg.line, oleg.name) == (18, "Олег Петров")  # a soft break inside the name
    assert (yamada.name, yamada.notes) == ("山田 太郎", "趣味は映画")  # Shift_JIS, raw and QP
    assert sean.name == "Seán O'Brien"  # ISO-8859-1
    assert sean.title == "Directeur général"  # 8-bit without a charset: Windows-1252
    assert contacts.skipped == [SkippedRecord(39, "no name, email or phone")]


def test_vcard_30_apple_export() -> None:
    contacts = read("vcard30_apple.vcf")
    zoe, company, nameless, sean = contacts.records
    assert zoe == ContactRecord(
        line=1,
        name="Dr. Zoë Ångström",
        email="zoe@nordlys.example",
        phone="+46 70 123 45 67",
        profile_url="https://www.linkedin.com/in/zoe-angstrom",
        organisation="Nordlys AB",
        title="Head of Research",
        location="Stockholm, Sweden",
        notes='Met at the "Nordic UX" meetup, Oslo.\nLikes <b>bold</b> ideas & coffee.',
        other_emails=("zoe@example.se",),
    )
    # X-ABShowAs:COMPANY: the card stands for the company.
    assert (company.name, company.organisation) == ("Smith & Sons <NYSE>", "Smith & Sons <NYSE>")
    assert company.phone == "+1 212 555 0100"
    # No name at all: kept with its email; the importer decides what to call it.
    assert (nameless.line, nameless.name, nameless.email) == (29, "", "someone@example.org")
    assert sean.organisation == "Smith, Jones & Co"
    assert sean.profile_url == "https://www.linkedin.com/in/sean-obrien"
    assert contacts.skipped == []


def test_vcard_40_uris_folding_and_a_truncated_card() -> None:
    contacts = read("vcard40.vcf")
    li, mohammed, ana = contacts.records
    assert li.name == "李小龙"
    assert (li.phone, li.other_phones) == ("+86-10-1234-5678", ("+1-555-0100 ext. 42",))
    assert (li.organisation, li.title, li.profile_url) == (
        "功夫影业",
        "导演",
        "https://example.cn/li",
    )
    assert li.notes == (
        "Emoji 🐉 and a long note that is folded over more than one line because it is "
        "longer than seventy-five octets."
    )
    assert mohammed.location == "الرياض, السعودية"
    assert (ana.line, ana.name, ana.email) == (24, "Ana 🌻 Lima", "ana@example.br")
    assert contacts.skipped == [SkippedRecord(20, "no name, email or phone")]


def test_plain_tab_separated_with_a_guessed_mapping() -> None:
    contacts = read("plain_tab.tsv")
    assert contacts.format == "csv"
    assert suggest_mapping(contacts.columns) == {
        "name": "Full Name",
        "email": "Work Email",
        "phone": "Mobile number",
        "organisation": "Employer",
        "title": "Role",
        "location": "City",
        "notes": "Comments",
    }
    zoe, li, sean = contacts.records
    assert (zoe.name, zoe.email, zoe.notes) == (
        "Zoë Ångström",
        "zoe@nordlys.example",
        'Tabs & "quotes" test',
    )
    assert (li.line, li.name, li.organisation) == (3, "李小龙", "功夫影业")
    # Apostrophes a formula-safe exporter added are dropped again.
    assert (sean.phone, sean.title) == ("+353 87 123 4567", '=HYPERLINK("x")')


def test_plain_csv_with_a_chosen_mapping() -> None:
    mapping = {"name": "Employer", "email": "Work Email", "other_phones": "Mobile number"}
    contacts = read("plain_tab.tsv", format="csv", mapping=mapping)
    assert [r.name for r in contacts.records] == ["Nordlys AB", "功夫影业", "Smith & Sons <NYSE>"]
    assert contacts.records[0].phone == "+46 70 123 45 67"  # other phones fill in the first


def test_plain_csv_nothing_recognisable_asks_for_a_mapping() -> None:
    contacts = read("plain_nomapping.csv")
    assert (contacts.format, contacts.columns, contacts.records) == ("csv", ["col_a", "col_b"], [])
    assert contacts.skipped == [
        SkippedRecord(1, "choose which columns hold the name, email or phone")
    ]
    mapped = read("plain_nomapping.csv", mapping={"name": "col_a", "phone": "col_b"})
    assert [(r.line, r.name, r.phone) for r in mapped.records] == [(2, "1", "2"), (3, "3", "4")]


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("plain_tab.tsv", {"mapping": {"name": "Nope"}}, "has no column named 'Nope'"),
        ("plain_tab.tsv", {"mapping": {"age": "City"}}, "cannot map columns to age"),
        (
            "plain_tab.tsv",
            {"format": "linkedin"},
            "does not look like a LinkedIn connections export",
        ),
        ("linkedin_old.csv", {"format": "vcard"}, "has no contacts"),
        ("linkedin_old.csv", {"format": "excel"}, "unknown format 'excel'"),
    ],
)
def test_wrong_choices_are_clear_errors(name: str, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(WorkbookError, match=message) as caught:
        read(name, **kwargs)
    assert str(caught.value).startswith(str(FIXTURES / name) + ": ")


def test_format_can_be_forced() -> None:
    assert read("linkedin_old.csv", format="linkedin").format == "linkedin"
    forced = read("linkedin_old.csv", format="csv")
    assert forced.format == "csv"
    assert forced.records[0].name == "Zoë Ångström"  # first and last name guessed
