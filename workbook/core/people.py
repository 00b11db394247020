"""People on the list: adding and counting (the people step grows this module)."""

from __future__ import annotations

from sqlalchemy import func, select

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Circle, Person, Strength

GOAL = 100


def add_person(
    sessions: SessionFactory,
    name: str,
    circle: Circle = Circle.OTHER,
    strength: Strength = Strength.TEN,
) -> int:
    """Add someone to the list; returns their id. The name is kept exactly as typed."""
    if not name.strip():
        raise WorkbookError("a person needs a name")
    with sessions.begin() as session:
        person = Person(name=name, circle=circle.value, strength=strength.value)
        session.add(person)
        session.flush()
        return person.id


def count_people(sessions: SessionFactory) -> int:
    with sessions() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
            )
            or 0
        )
