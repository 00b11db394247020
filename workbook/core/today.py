"""What is due today: follow-ups and give-back promises, each done or snoozed in one action.

``due_items`` lists what is due by the end of the user's day (overdue first) and, with
``days``, what comes up after it. ``complete_item`` does what the item asks for with the
pipeline's rules (a nudge plans the next one, a thank-you moves the meeting on, a
keep-in-touch plans the next check-in); ``snooze_item`` moves it out of today's list. Both
return a ``ChangeLog`` for undo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from workbook.core import followups as fu
from workbook.core.changes import ChangeLog, track
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.give_back import gesture_idea
from workbook.core.meetings import CHANNEL_LABELS
from workbook.core.models import (
    GiveBack,
    GiveBackDirection,
    Interaction,
    InteractionKind,
    Meeting,
    MeetingStatus,
    Person,
)

K = InteractionKind
GIVE_BACK = "give_back"
KIND_LABELS: dict[str, str] = {
    K.NUDGE: "Follow up",
    K.THANK_YOU: "Say thank you",
    K.REPORT_BACK: "Report back",
    K.KEEP_IN_TOUCH: "Keep in touch",
    K.OTHER: "To do",
    K.REQUEST: "Send the request",
    K.MEETING: "Meeting",
    K.GIVE_BACK: "Give back",
    GIVE_BACK: "A promise to keep",
}
# Meeting statuses a thank-you / report-back completes, and where the meeting then goes.
_MOVES_ON = {
    K.THANK_YOU.value: ({MeetingStatus.MET.value}, MeetingStatus.THANKED),
    K.REPORT_BACK.value: (
        {MeetingStatus.MET.value, MeetingStatus.THANKED.value},
        MeetingStatus.REPORTED_BACK,
    ),
}


@dataclass(frozen=True)
class DueItem:
    """One thing to do: a follow-up (``source`` "interaction") or a give-back promise."""

    key: str  # "interaction:12" or "give_back:3"
    source: str
    id: int
    kind: str  # InteractionKind value, or "give_back"
    title: str  # "Follow up with Zoë Ångström by phone"
    detail: str  # why and how, in a sentence or two
    person_id: int
    person_name: str
    meeting_id: int | None
    channel: str
    due_at: datetime
    overdue_days: int  # 0 = due today; negative = coming up
    snoozed_until: datetime | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def due_items(
    sessions: SessionFactory, now: datetime | None = None, *, days: int = 0
) -> list[DueItem]:
    """What is due by the end of today (overdue first), plus the next ``days`` days."""
    now = now or datetime.now(UTC)
    horizon = fu.end_of_today(now) + timedelta(days=days)
    today = fu.local_day(now)
    with sessions() as session:
        intervals = fu.load_intervals(session)
        items: list[DueItem] = []
        query = (
            select(Interaction)
            .join(Person, Person.id == Interaction.person_id)
            .where(
                Person.deleted_at.is_(None),
                Interaction.done.is_(False),
                Interaction.due_at.is_not(None),
                Interaction.due_at < horizon,
                or_(Interaction.snoozed_until.is_(None), Interaction.snoozed_until <= now),
            )
        )
        for item in session.scalars(query):
            person = session.get(Person, item.person_id)
            meeting = session.get(Meeting, item.meeting_id) if item.meeting_id else None
            assert person is not None and item.due_at is not None
            title, detail = _describe(session, item, person, meeting, intervals, today)
            items.append(
                DueItem(
                    key=f"interaction:{item.id}",
                    source="interaction",
                    id=item.id,
                    kind=item.kind,
                    title=title,
                    detail=detail,
                    person_id=person.id,
                    person_name=person.name,
                    meeting_id=item.meeting_id,
                    channel=item.channel,
                    due_at=item.due_at,
                    overdue_days=(today - fu.local_day(item.due_at)).days,
                    snoozed_until=item.snoozed_until,
                )
            )
        promises = select(GiveBack, Person).join(Person, Person.id == GiveBack.person_id)
        promises = promises.where(
            Person.deleted_at.is_(None),
            GiveBack.done.is_(False),
            GiveBack.due_at.is_not(None),
            GiveBack.due_at < horizon,
        )
        for promise, person in session.execute(promises).tuples():
            assert promise.due_at is not None
            asked = promise.direction == GiveBackDirection.THEY_ASKED
            items.append(
                DueItem(
                    key=f"give_back:{promise.id}",
                    source="give_back",
                    id=promise.id,
                    kind=GIVE_BACK,
                    title=f"{'Do what' if asked else 'Keep your offer to'} {person.name}"
                    + (" asked" if asked else ""),
                    detail=promise.description,
                    person_id=person.id,
                    person_name=person.name,
                    meeting_id=promise.meeting_id,
                    channel="",
                    due_at=promise.due_at,
                    overdue_days=(today - fu.local_day(promise.due_at)).days,
                    snoozed_until=None,
                )
            )
    items.sort(key=lambda i: (i.due_at, i.person_name.casefold(), i.key))
    return items


def _describe(
    session: Session,
    item: Interaction,
    person: Person,
    meeting: Meeting | None,
    intervals: fu.Intervals,
    today: date,
) -> tuple[str, str]:
    name = person.name
    how = CHANNEL_LABELS.get(item.channel, item.channel).lower()
    if item.kind == K.NUDGE and meeting is not None:
        sent = fu.nudges_sent(session, meeting.id)
        left = intervals.max_nudges - sent
        count = "the last nudge" if left <= 1 else f"nudge {sent + 1} of {intervals.max_nudges}"
        return (
            f"Follow up with {name} by {how}",
            f"No answer yet to your request ({count}). Silence usually means busy, not no: "
            "a short, friendly line is enough.",
        )
    if item.kind == K.THANK_YOU:
        return (f"Thank {name} for the meeting", item.summary)
    if item.kind == K.REPORT_BACK:
        return (f"Tell {name} how their advice helped", item.summary)
    if item.kind == K.KEEP_IN_TOUCH and item.due_at is not None:
        gesture = gesture_idea(person.id, fu.local_day(item.due_at))
        return (f"Keep in touch with {name}", f"{item.summary} Idea: {gesture}")
    if meeting is not None and meeting.status == MeetingStatus.POSTPONED:
        return (
            f"Suggest new times to {name}",
            "They had to move the meeting: offer two times that suit you both.",
        )
    return (f"{name}: {item.summary or KIND_LABELS.get(item.kind, 'to do')}", "")


def _parse_key(key: str) -> tuple[str, int]:
    source, _, number = key.partition(":")
    if source not in ("interaction", GIVE_BACK) or not number.isdigit():
        raise WorkbookError(f"not a due item: {key!r}")
    return source, int(number)


def complete_item(
    sessions: SessionFactory, key: str, *, now: datetime | None = None, channel: str | None = None
) -> tuple[ChangeLog, str]:
    """Do what the item asks (see the module docstring); returns the change and a sentence."""
    now = now or datetime.now(UTC)
    source, number = _parse_key(key)
    with sessions.begin() as session, track(session) as log:
        if source == GIVE_BACK:
            promise = session.get(GiveBack, number)
            if promise is None or promise.done:
                raise WorkbookError("that promise is already done or gone")
            promise.done, promise.done_at = True, now
            fu.record_contact(
                session,
                promise.person_id,
                kind=K.GIVE_BACK,
                channel="email",
                summary=promise.description,
                when=now,
                meeting_id=promise.meeting_id,
            )
            return log, "Done: a small kindness, well kept."
        item = session.get(Interaction, number)
        if item is None or item.done:
            raise WorkbookError("that follow-up is already done or gone")
        message = _complete(session, item, now, channel)
    return log, message


def _complete(session: Session, item: Interaction, now: datetime, channel: str | None) -> str:
    meeting = session.get(Meeting, item.meeting_id) if item.meeting_id else None
    person = session.get(Person, item.person_id)
    assert person is not None
    if item.kind == K.NUDGE and meeting is not None:
        fu.complete(item, now, channel)
        fu.restart_clocks(session, person.id, now)
        if meeting.status == MeetingStatus.REQUESTED:
            meeting.status = MeetingStatus.NO_ANSWER.value
        session.flush()
        waiting = meeting.status in (MeetingStatus.REQUESTED, MeetingStatus.NO_ANSWER)
        if waiting and fu.plan_nudge(session, meeting, now) is None:
            fu.plan_rest(session, meeting, now)
            return f"Followed up with {person.name}: that was the last nudge, let it rest."
        return f"Followed up with {person.name}."
    fu.complete(item, now, channel)
    fu.restart_clocks(session, person.id, now)
    if meeting is not None and item.kind in _MOVES_ON:
        statuses, target = _MOVES_ON[item.kind]
        if meeting.status in statuses:
            meeting.status = target.value
    session.flush()
    if item.kind == K.REPORT_BACK or item.kind == K.KEEP_IN_TOUCH:
        nxt = fu.plan_keep_in_touch(session, person, now)
        if nxt is not None and nxt.due_at is not None:
            day = fu.local_day(nxt.due_at)
            return f"Done. Next check-in with {person.name}: {day:%d %b %Y}."
    return f"Done: {KIND_LABELS.get(item.kind, 'to do').lower()} for {person.name}."


def snooze_item(
    sessions: SessionFactory, key: str, until: datetime, *, now: datetime | None = None
) -> ChangeLog:
    """Hide the item until ``until`` (a promise's due date moves instead)."""
    now = now or datetime.now(UTC)
    if until.tzinfo is None or until <= now:
        raise WorkbookError("snooze until a time later than now")
    source, number = _parse_key(key)
    with sessions.begin() as session, track(session) as log:
        if source == GIVE_BACK:
            promise = session.get(GiveBack, number)
            if promise is None or promise.done:
                raise WorkbookError("that promise is already done or gone")
            promise.due_at = until
        else:
            item = session.get(Interaction, number)
            if item is None or item.done:
                raise WorkbookError("that follow-up is already done or gone")
            item.snoozed_until = until
    return log


def snooze_choices(now: datetime | None = None) -> list[tuple[str, datetime]]:
    """The usual snoozes: tomorrow, in 3 business days, next week (9 am local)."""
    today = fu.local_day(now or datetime.now(UTC))
    return [
        ("Tomorrow", fu.due_on(today + timedelta(days=1))),
        ("In 3 business days", fu.due_on(fu.add_business_days(today, 3))),
        ("Next week", fu.due_on(today + timedelta(days=7 - today.weekday()))),
    ]
