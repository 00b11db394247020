"""Target organisations: the places the user wants to learn about or work for.

Each has a motivation (1–5), notes, and the people on the list linked to it: those who work
there (``Person.organisation``) or know someone there (``Person.knows_people_at``), matched
loosely by ``workbook.core.orgmatch.organisation_key`` ("Acme, Inc." = "ACME Inc"). Counting
reads every person once per call and matches in Python on cached keys.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, func, select, type_coerce, update
from sqlalchemy.orm import Session

from workbook.core.ask import clean_text
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Person, Referral, TargetOrganisation
from workbook.core.orgmatch import organisation_key

ORGANISATION_FIELDS = ("name", "motivation", "notes")
DEFAULT_MOTIVATION = 3


@dataclass(frozen=True)
class OrganisationRow:
    """A target organisation with the people on the list who work there or know someone there."""

    id: int
    name: str
    motivation: int
    notes: str
    position: int
    from_meeting_id: int | None
    people: tuple[str, ...]  # their names, in list order

    @property
    def people_count(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class OrganisationAdded:
    id: int
    created: bool  # False: an organisation of that name was already on the list


@dataclass(frozen=True)
class OrganisationChange:
    id: int
    field: str
    before: str | int
    after: str | int

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class DeletedOrganisation:
    """Everything needed to put a deleted organisation back as it was (undo)."""

    id: int
    name: str
    motivation: int
    notes: str
    position: int
    from_meeting_id: int | None
    created_at: datetime
    referral_ids: tuple[int, ...]


def list_organisations(sessions: SessionFactory) -> tuple[OrganisationRow, ...]:
    """All target organisations, keenest first, then most people known there."""
    with sessions() as session:
        orgs = session.scalars(select(TargetOrganisation)).all()
        people = _people_by_key(session)
        rows = [
            OrganisationRow(
                org.id,
                org.name,
                org.motivation,
                org.notes or "",
                org.position,
                org.from_meeting_id,
                tuple(people.get(_key(org.name), ())),
            )
            for org in orgs
        ]
    return tuple(sorted(rows, key=lambda r: (-r.motivation, -r.people_count, r.position, r.id)))


def find_organisation(sessions: SessionFactory, name: str) -> int | None:
    """The id of the organisation on the list with this name (matched loosely), if any."""
    key = _key(name)
    if not key:
        return None
    with sessions() as session:
        for org_id, org_name in session.execute(
            select(TargetOrganisation.id, TargetOrganisation.name).order_by(TargetOrganisation.id)
        ):
            if _key(org_name) == key:
                return int(org_id)
    return None


def add_organisation(
    sessions: SessionFactory,
    name: str,
    motivation: int = DEFAULT_MOTIVATION,
    notes: str = "",
    from_meeting_id: int | None = None,
) -> OrganisationAdded:
    """Add a target organisation; one already on the list (by loose name) is not added twice."""
    cleaned = _organisation_name(name)
    _check_motivation(motivation)
    existing = find_organisation(sessions, cleaned)
    if existing is not None:
        return OrganisationAdded(existing, created=False)
    with sessions.begin() as session:
        last = session.scalar(select(func.max(TargetOrganisation.position)))
        org = TargetOrganisation(
            name=cleaned,
            motivation=motivation,
            notes=notes,
            position=0 if last is None else last + 1,
            from_meeting_id=from_meeting_id,
        )
        session.add(org)
        session.flush()
        return OrganisationAdded(org.id, created=True)


def update_organisation(
    sessions: SessionFactory, org_id: int, field: str, value: str | int
) -> OrganisationChange:
    """Change one of name (never blank), motivation (1–5) or notes (as typed)."""
    if field == "name":
        value = _organisation_name(str(value))
    elif field == "motivation":
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"motivation takes a whole number, not {value!r}")
        _check_motivation(value)
    elif field == "notes":
        value = str(value)
    else:
        raise ValueError(f"unknown organisation field {field!r}")
    with sessions.begin() as session:
        org = session.get(TargetOrganisation, org_id)
        if org is None:
            raise WorkbookError("that organisation is no longer on the list")
        before: str | int = getattr(org, field)
        setattr(org, field, value)
    return OrganisationChange(org_id, field, before, value)


def delete_organisations(
    sessions: SessionFactory, ids: Iterable[int]
) -> tuple[DeletedOrganisation, ...]:
    """Remove organisations; returns what ``restore_organisations`` needs to undo it."""
    deleted: list[DeletedOrganisation] = []
    with sessions.begin() as session:
        for org_id in dict.fromkeys(ids):
            org = session.get(TargetOrganisation, org_id)
            if org is None:
                continue
            referrals = session.scalars(
                select(Referral.id).where(Referral.organisation_id == org_id)
            ).all()
            deleted.append(
                DeletedOrganisation(
                    org.id,
                    org.name,
                    org.motivation,
                    org.notes,
                    org.position,
                    org.from_meeting_id,
                    org.created_at,
                    tuple(referrals),
                )
            )
            session.delete(org)
    return tuple(deleted)


def restore_organisations(
    sessions: SessionFactory, deleted: Sequence[DeletedOrganisation]
) -> tuple[int, ...]:
    """Put deleted organisations back with their ids, and re-link their referrals."""
    with sessions.begin() as session:
        for org in deleted:
            session.add(
                TargetOrganisation(
                    id=org.id,
                    name=org.name,
                    motivation=org.motivation,
                    notes=org.notes,
                    position=org.position,
                    from_meeting_id=org.from_meeting_id,
                    created_at=org.created_at,
                )
            )
            session.flush()
            if org.referral_ids:
                session.execute(
                    update(Referral)
                    .where(Referral.id.in_(org.referral_ids))
                    .values(organisation_id=org.id)
                )
    return tuple(org.id for org in deleted)


def _organisation_name(name: str) -> str:
    cleaned = clean_text(name)
    if not cleaned:
        raise WorkbookError("an organisation needs a name")
    return cleaned


def _check_motivation(motivation: int) -> None:
    if not 1 <= motivation <= 5:
        raise WorkbookError(f"motivation goes from 1 to 5, not {motivation}")


# organisation_key is pure and names repeat a lot across a list: cache the keys.
_key = functools.lru_cache(maxsize=16384)(organisation_key)


def _people_by_key(session: Session) -> dict[str, list[str]]:
    """Names of people on the list per organisation key (where they work or know someone).

    One Core query (no ORM rows) and the JSON list decoded only when it is not empty: about
    40 ms for 10,000 people.
    """
    found: dict[str, list[str]] = {}
    person = Person.__table__.c
    query = (
        select(person.name, person.organisation, type_coerce(person.knows_people_at, Text))
        .where(person.deleted_at.is_(None))
        .order_by(person.id)
    )
    decoded: dict[str, object] = {}
    for name, organisation, knows_json in session.connection().execute(query).all():
        keys = {_key(organisation or "")}
        if knows_json and knows_json != "[]":
            if knows_json not in decoded:
                decoded[knows_json] = _load_list(knows_json)
            knows = decoded[knows_json]
            if isinstance(knows, list):
                keys.update(_key(item) for item in knows if isinstance(item, str))
        keys.discard("")
        for key in keys:
            found.setdefault(key, []).append(name)
    return found


def _load_list(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None  # a damaged value counts as no organisations, not as a crash
