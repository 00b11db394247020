"""Shared set-up for the meetings tests: a workbook with a few people, and a local time zone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import select

from workbook.core.db import SessionFactory
from workbook.core.models import Interaction, Meeting
from workbook.core.people import add_person


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """Run with the process's local time zone set to ``name`` (follow-ups use local days)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def person(sessions: SessionFactory, name: str = "Zoë Ångström", **fields: object) -> int:
    values = {"email": "zoe@example.org", "phone": "+1 617 555 0100", **fields}
    return add_person(sessions, name, **values)


def at(text: str) -> datetime:
    """An aware UTC moment from "2026-11-23 14:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def followups(
    sessions: SessionFactory, meeting_id: int, *, done: bool = False
) -> list[Interaction]:
    with sessions() as session:
        query = select(Interaction).where(
            Interaction.meeting_id == meeting_id, Interaction.done.is_(done)
        )
        if not done:
            query = query.where(Interaction.due_at.is_not(None))
        return list(session.scalars(query.order_by(Interaction.id)))


def status(sessions: SessionFactory, meeting_id: int) -> str:
    with sessions() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.status
