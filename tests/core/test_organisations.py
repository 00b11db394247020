"""Target organisations: the loose name matcher, people counts, add/update/delete/undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Meeting, Person, Referral, TargetOrganisation
from workbook.core.organisations import (
    add_organisation,
    delete_organisations,
    find_organisation,
    list_organisations,
    restore_organisations,
    update_organisation,
)
from workbook.core.orgmatch import organisation_key, same_organisation
from workbook.core.target import get_target


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme, Inc.", "ACME Inc"),
        ("Acme, Inc.", "acme"),
        ("Acme Incorporated", "Acme Corp."),
        ("Tailwind Solar Co.", "Tailwind Solar"),
        ("Fabrikam Energy Inc", "fabrikam energy"),
        ("Bayview Children's Hospital", "Bayview Children’s Hospital"),
        ("Bayview Children's Hospital", "Bayview Childrens Hospital"),
        ("Smith & Sons", "Smith and Sons"),
        ("Smith & Co.", "Smith"),
        ("Müller GmbH & Co. KG", "Muller"),
        ("Société Générale S.A.", "SOCIETE GENERALE"),
        ("The Boston Globe", "Boston Globe"),
        ("Coca-Cola", "Coca Cola"),
        ("ＡＣＭＥ", "Acme"),
        ("  Northwind\n\tHealth ", "NorthWind Health"),
        ("Volvo AB", "volvo"),
        ("Straße GmbH", "STRASSE"),
        ("AT&T", "AT and T"),
        ("Smith & Sons <NYSE>", "Smith and Sons NYSE"),
    ],
)
def test_names_that_match(a: str, b: str) -> None:
    assert same_organisation(a, b), (organisation_key(a), organisation_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smith & Sons", "Smith Sons"),
        ("Smith Sons", "Smithsons"),
        ("Acme", "Acme Health"),
        ("Globex", "Initech"),
        ("Co.", "Inc."),  # a legal form alone is kept, so these differ
        ("!!!", "???"),  # no letters: matches nothing, not even itself
        ("", ""),
        ("नेहा", "नहा"),  # marks that change a word in other scripts are kept
    ],
)
def test_names_that_do_not_match(a: str, b: str) -> None:
    assert not same_organisation(a, b)


def test_keys() -> None:
    assert organisation_key("Acme, Inc.") == "acme"
    assert organisation_key("R&D Partners") == "r and d partners"
    assert organisation_key("Inc.") == "inc"
    assert organisation_key("李小龙公司") == "李小龙公司"
    assert organisation_key("—") == ""


def _person(
    sessions: SessionFactory,
    name: str,
    organisation: str = "",
    knows: list[str] | None = None,
    deleted: bool = False,
) -> None:
    with sessions.begin() as session:
        session.add(
            Person(
                name=name,
                organisation=organisation,
                knows_people_at=knows or [],
                deleted_at=datetime.now(UTC) if deleted else None,
            )
        )


def test_people_count_matches_loosely_and_skips_deleted_people(
    sessions: SessionFactory,
) -> None:
    acme = add_organisation(sessions, "Acme, Inc.", motivation=2).id
    northwind = add_organisation(sessions, "Northwind Health", motivation=5).id
    add_organisation(sessions, "Globex", motivation=2)
    _person(sessions, "Zoë Ångström", "ACME Inc")
    _person(sessions, "李小龙", "acme", knows=["Acme Inc."])  # counted once
    _person(sessions, "Олег", "Initech", knows=["northwind health", "Acme"])
    _person(sessions, "Gone", "Acme", deleted=True)
    _person(sessions, "No job", "")
    rows = {row.id: row for row in list_organisations(sessions)}
    assert rows[acme].people == ("Zoë Ångström", "李小龙", "Олег")
    assert rows[acme].people_count == 3
    assert rows[northwind].people == ("Олег",)
    assert [row.name for row in list_organisations(sessions)] == [
        "Northwind Health",
        "Acme, Inc.",  # same motivation as Globex, more people known
        "Globex",
    ]


def test_add_merges_duplicates_and_keeps_text(sessions: SessionFactory) -> None:
    first = add_organisation(sessions, "  Acme,\tInc. ", notes="Line one\nline two")
    assert first.created
    again = add_organisation(sessions, "ACME Inc")
    assert again.id == first.id and not again.created
    assert find_organisation(sessions, "acme") == first.id
    assert find_organisation(sessions, "Globex") is None
    (row,) = list_organisations(sessions)
    assert (row.name, row.notes, row.motivation) == ("Acme, Inc.", "Line one\nline two", 3)
    with pytest.raises(WorkbookError, match="needs a name"):
        add_organisation(sessions, " \n ")
    with pytest.raises(WorkbookError, match="1 to 5"):
        add_organisation(sessions, "Globex", motivation=6)
    assert get_target(sessions).organisation_count == 1


def test_update_one_field_at_a_time(sessions: SessionFactory) -> None:
    org = add_organisation(sessions, "Globex").id
    change = update_organisation(sessions, org, "motivation", 5)
    assert (change.before, change.after, change.changed) == (3, 5, True)
    assert update_organisation(sessions, org, "name", " Globex\nCorp ").after == "Globex Corp"
    update_organisation(sessions, org, "notes", "«Call Ana»\tfirst")
    (row,) = list_organisations(sessions)
    assert (row.name, row.motivation, row.notes) == ("Globex Corp", 5, "«Call Ana»\tfirst")
    with pytest.raises(WorkbookError):
        update_organisation(sessions, org, "name", "   ")
    with pytest.raises(WorkbookError):
        update_organisation(sessions, org, "motivation", 0)
    with pytest.raises(WorkbookError, match="no longer on the list"):
        update_organisation(sessions, 999, "notes", "x")


def test_delete_and_restore_put_everything_back(sessions: SessionFactory) -> None:
    _person(sessions, "Ana", "Acme")
    org = add_organisation(sessions, "Acme", motivation=4, notes="n").id
    add_organisation(sessions, "Globex")
    with sessions.begin() as session:
        meeting_person = session.scalars(select(Person)).one()
        meeting = Meeting(person_id=meeting_person.id, uid="m1")
        session.add(meeting)
        session.flush()
        session.execute(select(TargetOrganisation))
        session.get(TargetOrganisation, org).from_meeting_id = meeting.id  # type: ignore[union-attr]
        session.add(Referral(kind="organisation", name="Acme", organisation_id=org))
    before = list_organisations(sessions)

    deleted = delete_organisations(sessions, [org, org, 12345])
    assert [d.id for d in deleted] == [org]
    assert [row.name for row in list_organisations(sessions)] == ["Globex"]
    with sessions() as session:
        assert session.scalars(select(Referral.organisation_id)).one() is None

    assert restore_organisations(sessions, deleted) == (org,)
    assert list_organisations(sessions) == before
    with sessions() as session:
        assert session.scalars(select(Referral.organisation_id)).one() == org
