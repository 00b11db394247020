"""Follow-ups: what is due (the meetings step adds the rules that create them)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, or_, select

from workbook.core.db import SessionFactory
from workbook.core.models import GiveBack, Interaction


def end_of_today(now: datetime | None = None) -> datetime:
    """The end of the user's local day, as an aware UTC datetime."""
    local = (now or datetime.now(UTC)).astimezone()
    end = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    return end.astimezone(UTC)


def count_due(sessions: SessionFactory, now: datetime | None = None) -> int:
    """Open follow-ups and give-back promises due by the end of today (snoozed ones wait)."""
    now = now or datetime.now(UTC)
    horizon = end_of_today(now)
    with sessions() as session:
        interactions = session.scalar(
            select(func.count())
            .select_from(Interaction)
            .where(
                Interaction.done.is_(False),
                Interaction.due_at.is_not(None),
                Interaction.due_at < horizon,
                or_(Interaction.snoozed_until.is_(None), Interaction.snoozed_until <= now),
            )
        )
        promises = session.scalar(
            select(func.count())
            .select_from(GiveBack)
            .where(
                GiveBack.done.is_(False), GiveBack.due_at.is_not(None), GiveBack.due_at < horizon
            )
        )
    return (interactions or 0) + (promises or 0)
