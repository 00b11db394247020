"""Referrals: names becoming people (introduced by the person met), organisations becoming
targets, duplicates found first, undo and redo of each add, and bad names refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.dupes import SAME_EMAIL, SIMILAR_AT_ORG
from workbook.core.errors import WorkbookError
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import Circle, Person, Referral, Strength, TargetOrganisation
from workbook.core.organisations import add_organisation, list_organisations
from workbook.core.people import add_person, delete_people, get_person, list_people
from workbook.core.referrals import (
    MAX_NAME,
    add_referred_organisation,
    add_referred_person,
    check_name,
    check_referred_person,
    list_referrals,
    list_referred_name,
    long_date,
    redo_referral,
    undo_referral,
)
from workbook.core.sample import build_sample


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


@pytest.fixture
def met(sessions: SessionFactory) -> tuple[int, int]:
    """Ana Lima (id, meeting id), met on 12 May 2026 at 10:00 in Lisbon."""
    ana = add_person(sessions, "Ana Lima", Circle.WORK, Strength.HUNDRED, organisation="Globex")
    meeting = create_meeting(sessions, ana)
    update_meeting(
        sessions,
        meeting,
        status="met",
        timezone="Europe/Lisbon",
        scheduled_at=datetime(2026, 5, 12, 9, 0, tzinfo=UTC),
    )
    return ana, meeting


def _count(sessions: SessionFactory, model: type[Person | Referral | TargetOrganisation]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_name_becomes_a_person_introduced_by_the_person_met(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    ana, meeting = met
    added = add_referred_person(
        sessions, meeting, "  Zoë   Ångström ", organisation="Northwind", title="Data lead",
        email="zoe@northwind.example", notes="Runs the analytics team.",
    )  # fmt: skip
    person = get_person(sessions, added.person_id or 0)
    assert person.name == "Zoë Ångström"
    assert (person.circle, person.strength) == (Circle.OTHER, Strength.TEN)
    assert person.introduced_by_id == ana and person.introduced_by == "Ana Lima"
    assert person.how_we_know == "Suggested by Ana Lima when we met on 12 May 2026"
    assert (person.organisation, person.title) == ("Northwind", "Data lead")
    assert person.email == "zoe@northwind.example"
    assert person.notes == "Runs the analytics team."
    assert person.source == "a meeting with Ana Lima"
    [row] = list_referrals(sessions, meeting)
    assert (row.kind, row.name, row.notes) == ("person", "Zoë Ångström", "Runs the analytics team.")
    assert (row.person_id, row.person_name, row.introduced_by) == (
        added.person_id, "Zoë Ångström", "Ana Lima",
    )  # fmt: skip
    assert row.from_person_id == ana and added.created


def test_an_unscheduled_meeting_says_who_without_a_date(sessions: SessionFactory) -> None:
    ana = add_person(sessions, "Ana Lima")
    meeting = create_meeting(sessions, ana)
    added = add_referred_person(sessions, meeting, "Olek")
    assert get_person(sessions, added.person_id or 0).how_we_know == "Suggested by Ana Lima"


def test_long_date_ignores_the_locale() -> None:
    assert long_date(date(2026, 5, 12)) == "12 May 2026"
    assert long_date(date(2027, 1, 3)) == "3 January 2027"


def test_undo_and_redo_a_new_person(sessions: SessionFactory, met: tuple[int, int]) -> None:
    _, meeting = met
    people = _count(sessions, Person)
    added = add_referred_person(sessions, meeting, "Олег Петров", organisation="Initech")
    undo_referral(sessions, added)
    assert _count(sessions, Person) == people and list_referrals(sessions, meeting) == []
    redo_referral(sessions, added)
    person = get_person(sessions, added.person_id or 0)
    assert (person.name, person.organisation) == ("Олег Петров", "Initech")
    [row] = list_referrals(sessions, meeting)
    assert row.id == added.referral_id and row.person_id == added.person_id
    undo_referral(sessions, added)
    assert _count(sessions, Person) == people


def test_undo_keeps_a_new_person_who_gained_history(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    _, meeting = met
    added = add_referred_person(sessions, meeting, "Kofi Asante")
    create_meeting(sessions, added.person_id or 0)
    undo_referral(sessions, added)
    assert all(p.id != added.person_id for p in list_people(sessions))  # off the list
    redo_referral(sessions, added)
    assert get_person(sessions, added.person_id or 0).name == "Kofi Asante"


def test_duplicates_by_email_and_similar_name_at_the_same_organisation(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    zoe = add_person(sessions, "Zoe Angstrom", email="Zoe@Northwind.example")
    john = add_person(sessions, "John Smith", organisation="Acme, Inc.")
    [by_email] = check_referred_person(sessions, "Z. Angstrom", email="zoe@northwind.example ")
    assert (by_email.person_id, by_email.reason, by_email.certain) == (zoe, SAME_EMAIL, True)
    [similar] = check_referred_person(sessions, "Jon Smith", organisation="ACME")
    assert (similar.person_id, similar.reason, similar.certain) == (john, SIMILAR_AT_ORG, False)
    assert check_referred_person(sessions, "Jon Smith", organisation="Globex") == []
    assert check_referred_person(sessions, "   ") == []


def test_linking_an_existing_person_sets_their_introducer_only_if_they_had_none(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    ana, meeting = met
    bea = add_person(sessions, "Bea")
    zoe = add_person(sessions, "Zoë Ångström")
    carl = add_person(sessions, "Carl", introduced_by_id=bea)
    people = _count(sessions, Person)
    linked = add_referred_person(sessions, meeting, "Zoe Angstrom", link_to=zoe)
    kept = add_referred_person(sessions, meeting, "Carl", link_to=carl)
    assert _count(sessions, Person) == people
    assert get_person(sessions, zoe).introduced_by_id == ana and linked.introducer_set
    assert get_person(sessions, carl).introduced_by_id == bea and not kept.introducer_set
    names = {(r.name, r.person_name) for r in list_referrals(sessions, meeting)}
    assert names == {("Zoe Angstrom", "Zoë Ångström"), ("Carl", "Carl")}
    undo_referral(sessions, linked)
    undo_referral(sessions, kept)
    assert get_person(sessions, zoe).introduced_by_id is None  # put back as it was
    assert get_person(sessions, carl).introduced_by_id == bea  # never touched
    assert _count(sessions, Person) == people and list_referrals(sessions, meeting) == []
    redo_referral(sessions, linked)
    assert get_person(sessions, zoe).introduced_by_id == ana


def test_linking_never_makes_a_loop_of_introductions(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    ana, meeting = met
    bea = add_person(sessions, "Bea")
    from workbook.core.people import update_person

    update_person(sessions, ana, introduced_by_id=bea)
    added = add_referred_person(sessions, meeting, "Bea", link_to=bea)
    assert not added.introducer_set
    assert get_person(sessions, bea).introduced_by_id is None


def test_linking_refuses_the_person_met_and_people_off_the_list(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    ana, meeting = met
    with pytest.raises(WorkbookError, match="the person you met"):
        add_referred_person(sessions, meeting, "Ana", link_to=ana)
    gone = add_person(sessions, "Gone")
    delete_people(sessions, [gone])
    with pytest.raises(WorkbookError, match="not on the list"):
        add_referred_person(sessions, meeting, "Gone", link_to=gone)
    assert list_referrals(sessions, meeting) == []


def test_an_organisation_variant_links_the_target_already_there(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    _, meeting = met
    northwind = add_organisation(sessions, "Northwind", motivation=5).id
    added = add_referred_organisation(sessions, meeting, "Northwind Inc.", "Hiring in data.")
    assert added.organisation_id == northwind and not added.created
    assert [o.name for o in list_organisations(sessions)] == ["Northwind"]
    [row] = list_referrals(sessions, meeting)
    assert (row.kind, row.name, row.organisation_name) == (
        "organisation", "Northwind Inc.", "Northwind",
    )  # fmt: skip
    undo_referral(sessions, added)
    assert [o.name for o in list_organisations(sessions)] == ["Northwind"]  # not created by it
    assert list_referrals(sessions, meeting) == []


def test_a_new_organisation_becomes_a_target_and_undo_removes_it(
    sessions: SessionFactory, met: tuple[int, int]
) -> None:
    _, meeting = met
    add_organisation(sessions, "Globex")
    added = add_referred_organisation(sessions, meeting, "Kestrel Climate Lab", "New to me.")
    [org] = [o for o in list_organisations(sessions) if o.id == added.organisation_id]
    assert (org.name, org.motivation, org.notes, org.from_meeting_id) == (
        "Kestrel Climate Lab", 3, "New to me.", meeting,
    )  # fmt: skip
    assert org.position == 1
    undo_referral(sessions, added)
    assert [o.name for o in list_organisations(sessions)] == ["Globex"]
    redo_referral(sessions, added)
    [again] = [o for o in list_organisations(sessions) if o.id == added.organisation_id]
    assert (again.name, again.position, again.from_meeting_id) == (org.name, 1, meeting)
    assert [r.organisation_id for r in list_referrals(sessions, meeting)] == [org.id]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "type the person's name"),
        ("   \n\t ", "type the person's name"),
        ("x" * (MAX_NAME + 1), "characters long"),
        ("?!…—", "no letters or digits"),
        ("-- . --", "no letters or digits"),
    ],
)
def test_bad_names_are_refused_with_a_sentence(
    sessions: SessionFactory, met: tuple[int, int], name: str, message: str
) -> None:
    _, meeting = met
    people = _count(sessions, Person)
    with pytest.raises(WorkbookError, match=message):
        add_referred_person(sessions, meeting, name)
    with pytest.raises(WorkbookError, match=message.replace("person", "organisation")):
        add_referred_organisation(sessions, meeting, name)
    assert _count(sessions, Person) == people and _count(sessions, Referral) == 0


def test_unusual_but_real_names_are_kept(sessions: SessionFactory, met: tuple[int, int]) -> None:
    _, meeting = met
    for name in ("李小龙", "محمد", "O'Brien", "Smith & Sons <NYSE>", "X Æ A-12"):
        added = add_referred_person(sessions, meeting, name)
        assert get_person(sessions, added.person_id or 0).name == name
    with pytest.raises(WorkbookError, match="no meeting 999"):
        add_referred_person(sessions, 999, "Someone")


def test_a_name_written_down_earlier_joins_the_list(tmp_path: Path) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=60, seed=3, today=date(2026, 5, 12))
    with document.open_document(path) as doc:
        sessions = doc.sessions
        with sessions() as session:
            referral = session.scalars(
                select(Referral).where(Referral.person_id.is_(None), Referral.kind == "person")
            ).first()
            assert referral is not None and referral.meeting_id is not None
            referral_id, meeting_id, name = referral.id, referral.meeting_id, referral.name
            introducer = referral.from_person_id
        added = list_referred_name(sessions, referral_id)
        [row] = [r for r in list_referrals(sessions, meeting_id) if r.id == referral_id]
        assert row.person_name == name and added.reused
        assert get_person(sessions, added.person_id or 0).introduced_by_id == introducer
        with pytest.raises(WorkbookError, match="already on your list"):
            list_referred_name(sessions, referral_id)
        undo_referral(sessions, added)
        [row] = [r for r in list_referrals(sessions, meeting_id) if r.id == referral_id]
        assert row.person_id is None and row.name == name  # the name stays written down
        redo_referral(sessions, added)
        [row] = [r for r in list_referrals(sessions, meeting_id) if r.id == referral_id]
        assert row.person_id == added.person_id


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=260))
def test_check_name_accepts_a_name_or_says_why_not(text: str) -> None:
    try:
        cleaned = check_name(text, "person")
    except WorkbookError as error:
        message = str(error)
        assert message and "\n" not in message
        return
    assert cleaned == " ".join(text.split()) and 0 < len(cleaned) <= MAX_NAME
    assert any(ch.isalnum() for ch in cleaned)
    assert check_name(cleaned, "person") == cleaned  # idempotent


def test_very_long_notes_are_refused(sessions: SessionFactory, met: tuple[int, int]) -> None:
    _, meeting = met
    with pytest.raises(WorkbookError, match="under 5,000"):
        add_referred_person(sessions, meeting, "Kofi", notes="x" * 5001)
    added = add_referred_person(sessions, meeting, "Kofi", notes="Long. " * 800)
    assert get_person(sessions, added.person_id or 0).notes == ("Long. " * 800).strip()
