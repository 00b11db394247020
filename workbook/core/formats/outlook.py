"""Outlook's contact CSV, with the English, German and French header sets.

Outlook desktop writes Windows-1252; localised Outlook writes localised headers, which are
mapped onto the English names first. "Title" is the courtesy title (Mr, Dr): the job is
"Job Title". Internal Exchange contacts may carry an X.500 path instead of an address in the
e-mail columns; anything without an @ is therefore not taken as an email.
"""

from __future__ import annotations

from workbook.core.formats.fields import Columns, RowReader, join_name, make_record
from workbook.core.formats.records import ContactRecord, SkippedRecord

ALIASES: dict[str, str] = {
    # Older English exports
    "business country": "business country/region",
    "home country": "home country/region",
    # German
    "vorname": "first name",
    "weitere vornamen": "middle name",
    "nachname": "last name",
    "firma": "company",
    "abteilung": "department",
    "position": "job title",
    "e-mail-adresse": "e-mail address",
    "e-mail 2: adresse": "e-mail 2 address",
    "e-mail 3: adresse": "e-mail 3 address",
    "mobiltelefon": "mobile phone",
    "telefon geschäftlich": "business phone",
    "telefon privat": "home phone",
    "weiteres telefon": "other phone",
    "notizen": "notes",
    "webseite": "web page",
    "ort geschäftlich": "business city",
    "region geschäftlich": "business state",
    "land/region geschäftlich": "business country/region",
    "ort privat": "home city",
    "land/region privat": "home country/region",
    # French
    "prénom": "first name",
    "deuxième prénom": "middle name",
    "nom": "last name",
    "suffixe": "suffix",
    "société": "company",
    "service": "department",
    "fonction": "job title",
    "titre du poste": "job title",
    "adresse de messagerie": "e-mail address",
    "adresse de messagerie 2": "e-mail 2 address",
    "adresse de messagerie 3": "e-mail 3 address",
    "adresse e-mail": "e-mail address",
    "adresse e-mail 2": "e-mail 2 address",
    "adresse e-mail 3": "e-mail 3 address",
    "téléphone mobile": "mobile phone",
    "tél. mobile": "mobile phone",
    "téléphone bureau": "business phone",
    "tél. bureau": "business phone",
    "téléphone domicile": "home phone",
    "tél. domicile": "home phone",
    "page web": "web page",
    "ville (bureau)": "business city",
    "dép/région (bureau)": "business state",
    "pays/région (bureau)": "business country/region",
    "ville (domicile)": "home city",
    "pays/région (domicile)": "home country/region",
}
_PHONES = ("mobile phone", "business phone", "primary phone", "home phone", "other phone")
_PLACES = (
    ("business city", "business state", "business country/region"),
    ("home city", "home state", "home country/region"),
)


def matches(keys: frozenset[str]) -> bool:
    keys = frozenset(ALIASES.get(key, key) for key in keys)
    has_name = "first name" in keys or "last name" in keys
    has_work = bool(keys & {"company", "job title", "business phone", "mobile phone"})
    return has_name and "e-mail address" in keys and has_work


def row_reader(header: list[str]) -> RowReader:
    columns = Columns(header, ALIASES)
    names = [columns.find(n) for n in ("first name", "middle name", "last name", "suffix")]
    emails = [columns.find(n) for n in ("e-mail address", "e-mail 2 address", "e-mail 3 address")]
    phones = [columns.find(name) for name in _PHONES]
    places = [[columns.find(name) for name in group] for group in _PLACES]
    company, job = columns.find("company"), columns.find("job title")
    page, notes = columns.find("web page"), columns.find("notes")

    def read(line: int, cells: list[str]) -> ContactRecord | SkippedRecord:
        where = ""
        for group in places:
            where = where or ", ".join(v for v in (cells[p].strip() for p in group) if v)
        return make_record(
            line,
            join_name(*(cells[n] for n in names)),
            [v for v in (cells[e] for e in emails) if "@" in v],
            [cells[p] for p in phones],
            profile_url=cells[page],
            organisation=cells[company],
            title=cells[job],
            location=where,
            notes=cells[notes],
        )

    return read
