"""Names and organisations received in a meeting, and what they became on the list.

A name becomes a new person (circle "other", strength $10, introduced by the person met,
"Suggested by Ana Lima when we met on 12 May 2026"), or is linked to someone already on
the list (``check_referred_person`` finds them with the people step's duplicate rules). An
organisation becomes a target organisation, or is linked to one already there under a
variant of its name ("Northwind Inc." = "Northwind"). Each add is one transaction and
returns a ``ReferralAdded`` that ``undo_referral`` and ``redo_referral`` take: undo removes
the referral and whatever it created (a person or organisation it merely linked stays).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from workbook.core.ask import clean_text
from workbook.core.db import SessionFactory
from workbook.core.dupes import DuplicateMatch, find_duplicates
from workbook.core.errors import WorkbookError
from workbook.core.meetings import zone_or_none
from workbook.core.models import (
    Circle,
    GiveBack,
    Interaction,
    Meeting,
    Person,
    Referral,
    ReferralKind,
    Strength,
    TargetOrganisation,
    utcnow,
)
from workbook.core.orgmatch import organisation_key

MAX_NAME = 200
MAX_NOTES = 5_000
DEFAULT_MOTIVATION = 3
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class ReferralRow:
    """A name or organisation received in a meeting, and what it became on the list."""

    id: int
    meeting_id: int | None
    from_person_id: int | None
    kind: str  # ReferralKind value
    name: str  # as the user wrote it down
    notes: str
    person_id: int | None  # the person on the list it became (or was linked to)
    person_name: str
    person_deleted: bool
    introduced_by: str  # that person's introducer, "" if none
    organisation_id: int | None  # the target organisation it became (or was linked to)
    organisation_name: str
    created_at: datetime


@dataclass(frozen=True)
class ReferralAdded:
    """What one add did, for undo and redo (the ids stay the same across redo)."""

    referral_id: int
    meeting_id: int
    kind: str  # ReferralKind value
    name: str
    notes: str
    from_person_id: int | None
    person_id: int | None = None
    organisation_id: int | None = None
    created: bool = False  # True: the person or organisation was created by this add
    introducer_set: bool = False  # True: a linked person got their introducer from it
    how_we_know: str = ""
    organisation: str = ""  # the new person's organisation, title and email
    title: str = ""
    email: str = ""
    position: int = 0  # the new organisation's place in the list
    introducer_name: str = ""  # for putting a created person back exactly
    reused: bool = False  # True: an earlier referral got its person (undo unlinks it)
    created_at: datetime = dataclasses.field(default_factory=utcnow)


# -- reading ---------------------------------------------------------------------------------


def list_referrals(sessions: SessionFactory, meeting_id: int) -> list[ReferralRow]:
    """The meeting's referrals in the order they were added (people, then organisations)."""
    linked, intro = aliased(Person), aliased(Person)
    query = (
        select(Referral, linked.name, linked.deleted_at, intro.name, TargetOrganisation.name)
        .outerjoin(linked, linked.id == Referral.person_id)
        .outerjoin(intro, intro.id == linked.introduced_by_id)
        .outerjoin(TargetOrganisation, TargetOrganisation.id == Referral.organisation_id)
        .where(Referral.meeting_id == meeting_id)
        .order_by(Referral.kind.desc(), Referral.created_at, Referral.id)
    )
    with sessions() as session:
        return [
            ReferralRow(
                id=r.id,
                meeting_id=r.meeting_id,
                from_person_id=r.from_person_id,
                kind=r.kind,
                name=r.name,
                notes=r.notes,
                person_id=r.person_id if person is not None else None,
                person_name=person or "",
                person_deleted=deleted_at is not None,
                introduced_by=introducer or "",
                organisation_id=r.organisation_id if org is not None else None,
                organisation_name=org or "",
                created_at=r.created_at,
            )
            for r, person, deleted_at, introducer, org in session.execute(query).tuples()
        ]


def check_referred_person(
    sessions: SessionFactory, name: str, organisation: str = "", email: str = ""
) -> list[DuplicateMatch]:
    """People already on the list who may be this name (the people step's rules), strongest
    first; empty while the name is too short to tell."""
    if not clean_text(name) and not email.strip():
        return []
    return find_duplicates(sessions, clean_text(name), email.strip(), "", clean_text(organisation))


# -- adding ----------------------------------------------------------------------------------


def add_referred_person(
    sessions: SessionFactory,
    meeting_id: int,
    name: str,
    *,
    organisation: str = "",
    title: str = "",
    email: str = "",
    notes: str = "",
    link_to: int | None = None,
) -> ReferralAdded:
    """Turn a name received in a meeting into someone on the list, introduced by the person
    met; with ``link_to``, link it to that person already on the list instead (their
    introducer is set only when they had none)."""
    name = check_name(name, "person")
    organisation, title, email = clean_text(organisation), clean_text(title), email.strip()
    for value, what in ((organisation, "organisation"), (title, "title"), (email, "email")):
        if len(value) > MAX_NAME:
            raise WorkbookError(f"that {what} is too long: keep it under {MAX_NAME} characters")
    notes = _notes(notes)
    with sessions.begin() as session:
        meeting = _meeting(session, meeting_id)
        base = ReferralAdded(
            0, meeting_id, ReferralKind.PERSON.value, name, notes, meeting.person_id,
            organisation=organisation, title=title, email=email,
        )  # fmt: skip
        return _insert_referral(session, _place_person(session, meeting, base, link_to))


def list_referred_name(
    sessions: SessionFactory, referral_id: int, *, link_to: int | None = None
) -> ReferralAdded:
    """A name written down earlier but not yet on the list becomes someone on it (or, with
    ``link_to``, is linked to that person already there)."""
    with sessions.begin() as session:
        referral = session.get(Referral, referral_id)
        if referral is None or referral.kind != ReferralKind.PERSON:
            raise WorkbookError("that name is no longer among the meeting's referrals")
        if referral.person_id is not None:
            raise WorkbookError(f"{referral.name} is already on your list")
        if referral.meeting_id is None:
            raise WorkbookError("the meeting this name came from is no longer in the workbook")
        meeting = _meeting(session, referral.meeting_id)
        base = ReferralAdded(
            referral.id, meeting.id, referral.kind, check_name(referral.name, "person"),
            referral.notes, meeting.person_id, reused=True,
        )  # fmt: skip
        added = _place_person(session, meeting, base, link_to)
        referral.person_id = added.person_id
        return added


def _place_person(
    session: Session, meeting: Meeting, base: ReferralAdded, link_to: int | None
) -> ReferralAdded:
    """Create the referred person, or link the one already on the list (in the caller's
    transaction); returns ``base`` filled in."""
    introducer = meeting.person_id
    if link_to is not None:
        person = session.get(Person, link_to)
        if person is None or person.deleted_at is not None:
            raise WorkbookError(f"person {link_to} is not on the list")
        if person.id == introducer:
            raise WorkbookError(f"{person.name} is the person you met, not someone new")
        set_intro = person.introduced_by_id is None and not _would_loop(
            session, person.id, introducer
        )
        if set_intro:
            person.introduced_by_id = introducer
        return dataclasses.replace(base, person_id=person.id, introducer_set=set_intro)
    added = dataclasses.replace(
        base, created=True, how_we_know=how_we_know(meeting), introducer_name=meeting.person.name
    )
    person = _person_row(added, None)
    session.add(person)
    session.flush()
    return dataclasses.replace(added, person_id=person.id)


def add_referred_organisation(
    sessions: SessionFactory, meeting_id: int, name: str, notes: str = ""
) -> ReferralAdded:
    """Make an organisation received in a meeting a target organisation (motivation 3), or
    link it to the one already on the list under a variant of its name."""
    name = check_name(name, "organisation")
    notes = _notes(notes)
    now = utcnow()
    with sessions.begin() as session:
        meeting = _meeting(session, meeting_id)
        kind = ReferralKind.ORGANISATION.value
        base = ReferralAdded(0, meeting_id, kind, name, notes, meeting.person_id, created_at=now)
        existing = _find_organisation(session, name)
        if existing is not None:
            return _insert_referral(session, dataclasses.replace(base, organisation_id=existing))
        last = session.scalar(select(func.max(TargetOrganisation.position)))
        added = dataclasses.replace(base, created=True, position=0 if last is None else last + 1)
        org = _organisation_row(added, None)
        session.add(org)
        session.flush()
        return _insert_referral(session, dataclasses.replace(added, organisation_id=org.id))


# -- undo and redo ---------------------------------------------------------------------------


def undo_referral(sessions: SessionFactory, added: ReferralAdded) -> None:
    """Take back an add: the referral goes, and so does the person or organisation it
    created. A created person who has since gained history (a meeting, a contact, someone
    they introduced) is taken off the list instead, history kept."""
    with sessions.begin() as session:
        referral = session.get(Referral, added.referral_id)
        if referral is not None and added.reused:
            referral.person_id = None
        elif referral is not None:
            session.delete(referral)
        session.flush()
        if added.person_id is not None:
            person = session.get(Person, added.person_id)
            if person is None:
                return
            if added.created:
                if _has_history(session, person.id):
                    person.deleted_at = datetime.now(UTC)
                else:
                    session.delete(person)
            elif added.introducer_set and person.introduced_by_id == added.from_person_id:
                person.introduced_by_id = None
        elif added.organisation_id is not None and added.created:
            org = session.get(TargetOrganisation, added.organisation_id)
            others = select(Referral.id).where(Referral.organisation_id == added.organisation_id)
            if org is not None and session.scalar(others.limit(1)) is None:
                session.delete(org)  # unless another meeting's referral links it by now


def redo_referral(sessions: SessionFactory, added: ReferralAdded) -> None:
    """Do an undone add again, with the same ids."""
    with sessions.begin() as session:
        if session.get(Meeting, added.meeting_id) is None:
            raise WorkbookError("the meeting this name came from is no longer in the workbook")
        if added.person_id is not None:
            person = session.get(Person, added.person_id)
            if added.created:
                if person is None:
                    session.add(_person_row(added, added.person_id))
                    session.flush()
                else:
                    person.deleted_at = None
            elif person is None:
                raise WorkbookError(f"{added.name} is no longer on the list")
            elif added.introducer_set and person.introduced_by_id is None:
                person.introduced_by_id = added.from_person_id
        elif added.organisation_id is not None:
            org = session.get(TargetOrganisation, added.organisation_id)
            if org is None:
                if not added.created:
                    raise WorkbookError(f"{added.name} is no longer a target organisation")
                session.add(_organisation_row(added, added.organisation_id))
                session.flush()
        referral = session.get(Referral, added.referral_id)
        if referral is None:
            session.add(_referral(added, added.referral_id))
        elif added.reused:
            referral.person_id = added.person_id


# -- helpers ---------------------------------------------------------------------------------


def check_name(name: str, what: str) -> str:
    """The name cleaned of extra spaces; WorkbookError when it cannot be a name."""
    if not isinstance(name, str):
        raise TypeError(f"a name is text, not {type(name).__name__}")
    cleaned = clean_text(name)
    if not cleaned:
        raise WorkbookError(f"type the {what}'s name first")
    if len(cleaned) > MAX_NAME:
        raise WorkbookError(
            f"that name is {len(cleaned)} characters long: keep it under {MAX_NAME}"
        )
    if not any(ch.isalnum() for ch in cleaned):
        raise WorkbookError(f"“{cleaned}” has no letters or digits: type the {what}'s name")
    return cleaned


def how_we_know(meeting: Meeting) -> str:
    """ "Suggested by Ana Lima when we met on 12 May 2026" (no date before it was held)."""
    name = meeting.person.name
    if meeting.scheduled_at is None:
        return f"Suggested by {name}"
    zone = zone_or_none(meeting.timezone)
    local = meeting.scheduled_at.astimezone(zone) if zone else meeting.scheduled_at.astimezone()
    return f"Suggested by {name} when we met on {long_date(local.date())}"


def long_date(day: date) -> str:
    """ "12 May 2026", whatever the computer's language."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _notes(notes: str) -> str:
    text = notes.strip()
    if len(text) > MAX_NOTES:
        raise WorkbookError(f"that note is too long: keep it under {MAX_NOTES:,} characters")
    return text


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise WorkbookError(f"there is no meeting {meeting_id}")
    return meeting


def _find_organisation(session: Session, name: str) -> int | None:
    key = organisation_key(name)
    if not key:
        return None
    query = select(TargetOrganisation.id, TargetOrganisation.name).order_by(TargetOrganisation.id)
    for org_id, org_name in session.execute(query).tuples():
        if organisation_key(org_name) == key:
            return org_id
    return None


def _would_loop(session: Session, person_id: int, introducer: int) -> bool:
    """True when ``person_id`` introduced ``introducer`` (or their introducer, and so on up):
    making ``introducer`` theirs would close a loop."""
    seen: set[int] = set()
    current: int | None = introducer
    while current is not None and current not in seen:
        if current == person_id:
            return True
        seen.add(current)
        current = session.scalar(select(Person.introduced_by_id).where(Person.id == current))
    return False


def _has_history(session: Session, person_id: int) -> bool:
    checks = (
        select(Meeting.id).where(Meeting.person_id == person_id),
        select(Interaction.id).where(Interaction.person_id == person_id),
        select(GiveBack.id).where(GiveBack.person_id == person_id),
        select(Person.id).where(Person.introduced_by_id == person_id),
        select(Referral.id).where(Referral.from_person_id == person_id),
    )
    return any(session.scalar(query.limit(1)) is not None for query in checks)


def _insert_referral(session: Session, added: ReferralAdded) -> ReferralAdded:
    referral = _referral(added, None)
    session.add(referral)
    session.flush()
    return dataclasses.replace(added, referral_id=referral.id)


def _referral(added: ReferralAdded, referral_id: int | None) -> Referral:
    return Referral(
        id=referral_id,
        meeting_id=added.meeting_id,
        from_person_id=added.from_person_id,
        kind=added.kind,
        name=added.name,
        notes=added.notes,
        person_id=added.person_id,
        organisation_id=added.organisation_id,
        created_at=added.created_at,
    )


def _source(introducer: str) -> str:
    """Where a referred person came from, as the people page says it ("added … from …")."""
    return f"a meeting with {introducer}"


def _organisation_row(added: ReferralAdded, org_id: int | None) -> TargetOrganisation:
    """The referred organisation as created (``org_id`` None: a new row)."""
    return TargetOrganisation(
        id=org_id,
        name=added.name,
        motivation=DEFAULT_MOTIVATION,
        notes=added.notes,
        position=added.position,
        from_meeting_id=added.meeting_id,
        created_at=added.created_at,
    )


def _person_row(added: ReferralAdded, person_id: int | None) -> Person:
    """The referred person as created (``person_id`` None: a new row)."""
    return Person(
        id=person_id,
        name=added.name,
        circle=Circle.OTHER.value,
        strength=Strength.TEN.value,
        how_we_know=added.how_we_know,
        organisation=added.organisation,
        title=added.title,
        email=added.email,
        notes=added.notes,
        introduced_by_id=added.from_person_id,
        source=_source(added.introducer_name),
        created_at=added.created_at,
        updated_at=added.created_at,
    )


__all__ = [
    "MAX_NAME", "ReferralAdded", "ReferralRow", "add_referred_organisation",
    "add_referred_person", "check_name", "check_referred_person", "how_we_know",
    "list_referrals", "list_referred_name", "long_date", "redo_referral", "undo_referral",
]  # fmt: skip
