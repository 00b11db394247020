"""Follow-ups that persist without pestering: the rules, the intervals and logging contacts.

An open follow-up is an ``Interaction`` with a ``due_at`` that is not done yet. The rules:

- no answer to a request: a nudge after a few business days (3 by default, skipping weekends
  and, when a country is set, its public holidays), by another channel than the last one, at
  most 3 nudges; then the app suggests letting it rest and checking in later with news;
- after a meeting: a thank-you within a day and a report-back after about a week;
- then keep in touch every 1–3 months, by relationship strength.

Logging any contact with a person restarts their clocks: open nudges and keep-in-touch
reminders are re-dated from that contact. Due times are 9 am on the user's local day
(DST-correct: the platform's local-time rules are applied to that very day). The intervals
are a workbook setting. ``today`` (what is due) and ``pipeline`` (moving meetings on) build
on these functions; they all run inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    Channel,
    Direction,
    GiveBack,
    Interaction,
    InteractionKind,
    Meeting,
    Person,
    Setting,
    Strength,
)

SETTING_KEY = "followup_intervals"
# The order nudges rotate through; a channel needs the detail it uses (see ``next_channel``).
NUDGE_ROTATION: tuple[Channel, ...] = (Channel.EMAIL, Channel.PHONE, Channel.MESSAGE, Channel.NOTE)
_CLOCK_KINDS = (InteractionKind.NUDGE.value, InteractionKind.KEEP_IN_TOUCH.value)


def _default_keep_in_touch() -> dict[str, int]:
    return {Strength.THOUSAND: 30, Strength.HUNDRED: 60, Strength.TEN: 90, Strength.LOST_TOUCH: 90}


@dataclass(frozen=True)
class Intervals:
    """The follow-up rules' numbers (a workbook setting; every one can be changed)."""

    nudge_business_days: int = 3
    max_nudges: int = 3
    thank_you_days: int = 1
    report_back_days: int = 7
    keep_in_touch_days: Mapping[str, int] = field(default_factory=_default_keep_in_touch)
    # ISO country code whose public holidays are not business days ("" = weekends only).
    holiday_country: str = ""
    due_hour: int = 9

    def keep_in_touch(self, strength: str) -> int:
        return int(self.keep_in_touch_days.get(strength, 90))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["keep_in_touch_days"] = {str(k): int(v) for k, v in self.keep_in_touch_days.items()}
        return data


_LIMITS: dict[str, tuple[int, int]] = {
    "nudge_business_days": (1, 30),
    "max_nudges": (0, 10),
    "thank_you_days": (0, 14),
    "report_back_days": (1, 60),
    "due_hour": (0, 23),
}


def parse_intervals(value: object) -> Intervals:
    """Intervals from the stored JSON; unknown or out-of-range values fall back to defaults,
    so a hand-edited setting never stops the app."""
    default = Intervals()
    if not isinstance(value, dict):
        return default
    numbers: dict[str, Any] = {}
    for key, (low, high) in _LIMITS.items():
        raw = value.get(key)
        if isinstance(raw, int) and not isinstance(raw, bool) and low <= raw <= high:
            numbers[key] = raw
    keep = dict(default.keep_in_touch_days)
    raw_keep = value.get("keep_in_touch_days")
    if isinstance(raw_keep, dict):
        for strength, days in raw_keep.items():
            if strength in keep and isinstance(days, int) and 7 <= days <= 365:
                keep[strength] = days
    country = value.get("holiday_country")
    holiday = country.upper() if isinstance(country, str) and _known_country(country) else ""
    return Intervals(**numbers, keep_in_touch_days=keep, holiday_country=holiday)


def check_intervals(intervals: Intervals) -> Intervals:
    """WorkbookError naming the first value out of range (what the settings dialog shows)."""
    for key, (low, high) in _LIMITS.items():
        value = getattr(intervals, key)
        if not low <= value <= high:
            raise WorkbookError(f"{key.replace('_', ' ')} must be between {low} and {high}")
    for strength, days in intervals.keep_in_touch_days.items():
        if not 7 <= days <= 365:
            raise WorkbookError(f"keep in touch every 7 to 365 days, not {days} ({strength})")
    if intervals.holiday_country and not _known_country(intervals.holiday_country):
        raise WorkbookError(f"no public holidays known for {intervals.holiday_country!r}")
    return intervals


def load_intervals(session: Session) -> Intervals:
    row = session.get(Setting, SETTING_KEY)
    return parse_intervals(row.value if row is not None else None)


def get_intervals(sessions: SessionFactory) -> Intervals:
    with sessions() as session:
        return load_intervals(session)


def set_intervals(sessions: SessionFactory, intervals: Intervals) -> Intervals:
    """Store new intervals; returns the previous ones (for undo). Open follow-ups keep their
    dates: the new numbers apply from the next contact on."""
    check_intervals(intervals)
    with sessions.begin() as session:
        before = load_intervals(session)
        session.merge(Setting(key=SETTING_KEY, value=intervals.as_json()))
    return before


# -- days and times --------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _known_country(code: str) -> bool:
    if not code or not code.isalpha():
        return False
    import holidays  # ~0.1 s to import: only when a country is set

    return code.upper() in holidays.list_supported_countries()


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    import holidays

    return frozenset(holidays.country_holidays(country, years=year).keys())


def is_business_day(day: date, country: str = "") -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def add_business_days(day: date, count: int, country: str = "") -> date:
    """``count`` business days after ``day`` (before it when negative)."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += timedelta(days=step)
        if is_business_day(day, country):
            left -= 1
    return day


def local_day(moment: datetime) -> date:
    """The user's local calendar day of an aware moment."""
    return moment.astimezone().date()


def due_on(day: date, hour: int = 9) -> datetime:
    """``hour`` o'clock on the user's local ``day``, as aware UTC (DST-correct for that day)."""
    return datetime.combine(day, time(hour)).astimezone().astimezone(UTC)


def end_of_today(now: datetime | None = None) -> datetime:
    """The end of the user's local day, as an aware UTC datetime."""
    today = local_day(now or datetime.now(UTC))
    return datetime.combine(today + timedelta(days=1), time(0)).astimezone().astimezone(UTC)


# -- channels --------------------------------------------------------------------------------


def usable_channels(person: Person) -> tuple[Channel, ...]:
    """The rotation's channels the user has the details for (a note always works)."""
    usable = []
    for channel in NUDGE_ROTATION:
        if channel is Channel.EMAIL and not person.email.strip():
            continue
        if channel in (Channel.PHONE, Channel.MESSAGE) and not person.phone.strip():
            continue
        usable.append(channel)
    return tuple(usable) if len(usable) > 1 else NUDGE_ROTATION


def next_channel(person: Person, last: str | None) -> Channel:
    """The next channel in the rotation after ``last`` that is not ``last`` itself."""
    choices = usable_channels(person)
    if last not in choices:
        first = choices[0]
        return first if first != last else choices[1]
    return choices[(choices.index(Channel(last)) + 1) % len(choices)]


# -- contacts and clocks ---------------------------------------------------------------------


def record_contact(
    session: Session,
    person_id: int,
    *,
    kind: InteractionKind | str,
    channel: str,
    summary: str,
    when: datetime,
    meeting_id: int | None = None,
    direction: str = Direction.OUT.value,
) -> Interaction:
    """Log a contact that happened and restart the person's follow-up clocks from it."""
    if when.tzinfo is None:
        raise WorkbookError("a contact needs a date and time with its time zone")
    contact = Interaction(
        person_id=person_id,
        meeting_id=meeting_id,
        kind=InteractionKind(kind).value,
        channel=Channel(channel).value,
        direction=Direction(direction).value,
        summary=summary,
        occurred_at=when,
        done=True,
        done_at=when,
    )
    session.add(contact)
    restart_clocks(session, person_id, when)
    return contact


def restart_clocks(session: Session, person_id: int, contact: datetime) -> None:
    """Re-date the person's open nudges and keep-in-touch reminders from ``contact``."""
    intervals = load_intervals(session)
    person = session.get(Person, person_id)
    if person is None:
        return
    for item in open_followups(session, person_id, kinds=_CLOCK_KINDS):
        if item.kind == InteractionKind.NUDGE:
            day = add_business_days(
                local_day(contact), intervals.nudge_business_days, intervals.holiday_country
            )
        else:
            day = local_day(contact) + timedelta(days=intervals.keep_in_touch(person.strength))
        due = due_on(day, intervals.due_hour)
        if item.due_at is None or due > item.due_at:
            item.due_at = due
            item.snoozed_until = None


def open_followups(
    session: Session,
    person_id: int | None = None,
    *,
    meeting_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Interaction]:
    query = select(Interaction).where(Interaction.done.is_(False), Interaction.due_at.is_not(None))
    if person_id is not None:
        query = query.where(Interaction.person_id == person_id)
    if meeting_id is not None:
        query = query.where(Interaction.meeting_id == meeting_id)
    if kinds is not None:
        query = query.where(Interaction.kind.in_(list(kinds)))
    return list(session.scalars(query.order_by(Interaction.due_at, Interaction.id)))


def plan(
    session: Session,
    person_id: int,
    kind: InteractionKind,
    day: date,
    *,
    channel: str,
    summary: str,
    meeting_id: int | None = None,
) -> Interaction:
    """A follow-up due on the user's local ``day``."""
    hour = load_intervals(session).due_hour
    item = Interaction(
        person_id=person_id,
        meeting_id=meeting_id,
        kind=kind.value,
        channel=Channel(channel).value,
        summary=summary,
        due_at=due_on(day, hour),
        done=False,
    )
    session.add(item)
    return item


def withdraw(session: Session, items: Iterable[Interaction]) -> None:
    """Drop follow-ups that no longer apply (they were plans, not history)."""
    for item in items:
        session.delete(item)


def complete(item: Interaction, when: datetime, channel: str | None = None) -> None:
    """Mark a follow-up done: it becomes the contact that happened at ``when``."""
    item.done = True
    item.done_at = item.occurred_at = when
    item.snoozed_until = None
    if channel:
        item.channel = Channel(channel).value


def nudges_sent(session: Session, meeting_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Interaction)
            .where(
                Interaction.meeting_id == meeting_id,
                Interaction.kind == InteractionKind.NUDGE.value,
                Interaction.done.is_(True),
            )
        )
        or 0
    )


def last_channel(session: Session, meeting: Meeting) -> str | None:
    """The channel of the latest outgoing contact about this meeting."""
    return session.scalar(
        select(Interaction.channel)
        .where(
            Interaction.meeting_id == meeting.id,
            Interaction.done.is_(True),
            Interaction.direction == Direction.OUT.value,
        )
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(1)
    )


def plan_nudge(session: Session, meeting: Meeting, after: datetime) -> Interaction | None:
    """The next nudge for an unanswered request, or None once the cap is reached."""
    intervals = load_intervals(session)
    sent = nudges_sent(session, meeting.id)
    if sent >= intervals.max_nudges:
        return None
    channel = next_channel(meeting.person, last_channel(session, meeting))
    day = add_business_days(
        local_day(after), intervals.nudge_business_days, intervals.holiday_country
    )
    last = sent + 1 == intervals.max_nudges
    summary = (
        "A last, light follow-up; after this, let it rest."
        if last
        else "No answer yet: a short, friendly follow-up."
    )
    return plan(
        session,
        meeting.person_id,
        InteractionKind.NUDGE,
        day,
        channel=channel,
        summary=summary,
        meeting_id=meeting.id,
    )


def plan_rest(session: Session, meeting: Meeting, after: datetime) -> Interaction:
    """After the last nudge: check in later with news and no request."""
    intervals = load_intervals(session)
    days = intervals.keep_in_touch(meeting.person.strength)
    return plan(
        session,
        meeting.person_id,
        InteractionKind.KEEP_IN_TOUCH,
        local_day(after) + timedelta(days=days),
        channel=Channel.EMAIL,
        summary="You let this rest: check in with some news, and no request.",
        meeting_id=meeting.id,
    )


def plan_after_meeting(session: Session, meeting: Meeting, met: datetime) -> None:
    """A thank-you within a day and a report-back after about a week."""
    intervals = load_intervals(session)
    day = local_day(met)
    channel = Channel.EMAIL if meeting.person.email.strip() else Channel.NOTE
    plan(
        session,
        meeting.person_id,
        InteractionKind.THANK_YOU,
        day + timedelta(days=intervals.thank_you_days),
        channel=channel,
        summary="Thank them for their time, and name one thing you will act on.",
        meeting_id=meeting.id,
    )
    plan(
        session,
        meeting.person_id,
        InteractionKind.REPORT_BACK,
        day + timedelta(days=intervals.report_back_days),
        channel=channel,
        summary="Tell them what you did with their advice.",
        meeting_id=meeting.id,
    )


def plan_keep_in_touch(session: Session, person: Person, after: datetime) -> Interaction | None:
    """The next keep-in-touch reminder, unless one is already open for this person."""
    if open_followups(session, person.id, kinds=[InteractionKind.KEEP_IN_TOUCH.value]):
        return None
    days = load_intervals(session).keep_in_touch(person.strength)
    return plan(
        session,
        person.id,
        InteractionKind.KEEP_IN_TOUCH,
        local_day(after) + timedelta(days=days),
        channel=Channel.EMAIL if person.email.strip() else Channel.MESSAGE,
        summary="Check in with no request: share news or something they would enjoy.",
    )


def count_due(sessions: SessionFactory, now: datetime | None = None) -> int:
    """Open follow-ups and give-back promises due by the end of today (snoozed ones wait)."""
    now = now or datetime.now(UTC)
    horizon = end_of_today(now)
    with sessions() as session:
        interactions = session.scalar(
            select(func.count())
            .select_from(Interaction)
            .join(Person, Person.id == Interaction.person_id)
            .where(
                Person.deleted_at.is_(None),
                Interaction.done.is_(False),
                Interaction.due_at.is_not(None),
                Interaction.due_at < horizon,
                or_(Interaction.snoozed_until.is_(None), Interaction.snoozed_until <= now),
            )
        )
        promises = session.scalar(
            select(func.count())
            .select_from(GiveBack)
            .join(Person, Person.id == GiveBack.person_id)
            .where(
                Person.deleted_at.is_(None),
                GiveBack.done.is_(False),
                GiveBack.due_at.is_not(None),
                GiveBack.due_at < horizon,
            )
        )
    return (interactions or 0) + (promises or 0)
