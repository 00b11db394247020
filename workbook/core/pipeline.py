"""Moving a meeting along its pipeline, with the follow-ups each move brings.

idea → request sent → scheduled → met → thanked → reported back, with the side roads no
answer yet (a nudge went out), postponed and declined. Each move is one action (the "one
click" on the Meetings page) and one transaction, recorded in a ``ChangeLog`` so the UI can
undo it exactly: the logged contact, the follow-ups planned or withdrawn, the new status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from workbook.core import followups as fu
from workbook.core.changes import ChangeLog, track
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import STATUS_LABELS
from workbook.core.models import Channel, Direction, InteractionKind, Meeting, MeetingStatus

if TYPE_CHECKING:
    from workbook.core.question_suggest import Suggestion

S = MeetingStatus


@dataclass(frozen=True)
class Move:
    """One way a meeting can move on from its status."""

    key: str
    label: str  # the button text
    target: MeetingStatus
    hint: str  # what the move does, for tooltips


SEND = Move("send", "Request sent", S.REQUESTED, "You sent the request: a nudge is planned.")
NUDGE = Move("nudge", "Followed up", S.NO_ANSWER, "You nudged them: the next one is planned.")
ACCEPT = Move("accept", "They said yes", S.SCHEDULED, "Set the date and time next.")
DECLINE = Move("decline", "Declined", S.DECLINED, "They said no, or not now. Nothing is lost.")
POSTPONE = Move("postpone", "Postponed", S.POSTPONED, "Suggest new times within two days.")
RESCHEDULE = Move("reschedule", "Rescheduled", S.SCHEDULED, "Back on the calendar.")
MET = Move("met", "We met", S.MET, "A thank-you and a report-back are planned.")
THANK = Move("thank", "Thank-you sent", S.THANKED, "The report-back comes in about a week.")
REPORT = Move("report", "Reported back", S.REPORTED_BACK, "Keep in touch from now on.")
REOPEN = Move("reopen", "Try again", S.IDEA, "Back to an idea, for a better moment.")

MOVES: dict[MeetingStatus, tuple[Move, ...]] = {
    S.IDEA: (SEND,),
    S.REQUESTED: (ACCEPT, NUDGE, DECLINE),
    S.NO_ANSWER: (ACCEPT, NUDGE, DECLINE),
    S.SCHEDULED: (MET, POSTPONE, DECLINE),
    S.POSTPONED: (RESCHEDULE, DECLINE),
    S.MET: (THANK,),
    S.THANKED: (REPORT,),
    S.REPORTED_BACK: (),
    S.DECLINED: (REOPEN,),
}
_BY_KEY = {move.key: move for moves in MOVES.values() for move in moves}


def moves_for(status: str) -> tuple[Move, ...]:
    """The moves open from ``status``; the first one is the usual next step."""
    return MOVES.get(MeetingStatus(status), ())


def next_move(status: str) -> Move | None:
    moves = moves_for(status)
    return moves[0] if moves else None


@dataclass(frozen=True)
class MoveResult:
    """What a move did: the status before and after, a sentence for the status bar, and the
    row changes for undo."""

    meeting_id: int
    move: str
    before: str
    after: str
    message: str
    log: ChangeLog


def move_meeting(
    sessions: SessionFactory,
    meeting_id: int,
    key: str,
    *,
    now: datetime | None = None,
    channel: str | None = None,
) -> MoveResult:
    """Apply the move ``key`` to the meeting. ``channel`` is how a request or nudge went
    (default: the planned channel, else email); ``now`` is when it happened."""
    move = _BY_KEY.get(key)
    if move is None:
        raise WorkbookError(f"unknown move {key!r}: use one of {', '.join(sorted(_BY_KEY))}")
    now = now or datetime.now(UTC)
    # Said yes: the meeting gets questions that fit its time (read before the transaction).
    questions = _default_questions(sessions, meeting_id) if key == "accept" else []
    with sessions.begin() as session, track(session) as log:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise WorkbookError(f"there is no meeting {meeting_id}")
        before = meeting.status
        if move not in moves_for(before):
            label = STATUS_LABELS.get(before, before).lower()
            raise WorkbookError(f"a meeting that is {label} cannot move to “{move.label}”")
        if meeting.person.deleted_at is not None:
            raise WorkbookError(f"{meeting.person.name} is no longer on the list")
        message = _APPLY[key](session, meeting, now, channel)
        if questions and not meeting.questions:
            from workbook.core.meeting_questions import add_in_session

            for suggestion in questions:
                add_in_session(session, meeting.id, suggestion.letter, suggestion.text,
                               suggestion.bank_question_id)  # fmt: skip
        meeting.status = move.target.value
        meeting.sequence += 1  # the calendar entry changes (or is cancelled)
        meeting.updated_at = datetime.now(UTC)
        return MoveResult(meeting_id, key, before, meeting.status, message, log)


def _default_questions(sessions: SessionFactory, meeting_id: int) -> list[Suggestion]:
    from workbook.core.question_suggest import default_questions

    try:
        return default_questions(sessions, meeting_id)
    except WorkbookError:
        return []


def _send(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    meeting.requested_at = now
    channel = channel or (Channel.EMAIL if meeting.person.email.strip() else Channel.MESSAGE)
    fu.record_contact(
        session,
        meeting.person_id,
        kind=InteractionKind.REQUEST,
        channel=channel,
        summary="Sent the request.",
        when=now,
        meeting_id=meeting.id,
    )
    session.flush()
    nudge = fu.plan_nudge(session, meeting, now)
    when = "" if nudge is None else f"; a nudge is planned for {_day(nudge.due_at)}"
    return f"Request to {meeting.person.name} sent{when}."


def _nudge(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    """A nudge went out: the planned one becomes the contact, and the next one is planned."""
    planned = fu.open_followups(session, meeting_id=meeting.id, kinds=[InteractionKind.NUDGE])
    if planned:
        fu.complete(planned[0], now, channel)
        fu.withdraw(session, planned[1:])
        fu.restart_clocks(session, meeting.person_id, now)
    else:
        last = fu.last_channel(session, meeting)
        fu.record_contact(
            session,
            meeting.person_id,
            kind=InteractionKind.NUDGE,
            channel=channel or fu.next_channel(meeting.person, last),
            summary="Followed up.",
            when=now,
            meeting_id=meeting.id,
        )
    session.flush()
    nudge = fu.plan_nudge(session, meeting, now)
    name = meeting.person.name
    if nudge is not None:
        return f"Followed up with {name}; the next nudge is planned for {_day(nudge.due_at)}."
    fu.plan_rest(session, meeting, now)
    return f"Followed up with {name}. That was the last nudge: let it rest for now."


def _accept(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    fu.withdraw(session, fu.open_followups(session, meeting_id=meeting.id))
    fu.record_contact(
        session,
        meeting.person_id,
        kind=InteractionKind.OTHER,
        channel=channel or fu.last_channel(session, meeting) or Channel.EMAIL,
        summary="They said yes to a meeting.",
        when=now,
        meeting_id=meeting.id,
        direction=Direction.IN.value,
    )
    return f"{meeting.person.name} said yes: set the date and time."


def _decline(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    fu.withdraw(session, fu.open_followups(session, meeting_id=meeting.id))
    return f"Marked as declined. {meeting.person.name} stays on your list for later."


def _postpone(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    fu.withdraw(session, fu.open_followups(session, meeting_id=meeting.id))
    intervals = fu.load_intervals(session)
    day = fu.add_business_days(fu.local_day(now), 2, intervals.holiday_country)
    fu.plan(
        session,
        meeting.person_id,
        InteractionKind.OTHER,
        day,
        channel=channel or Channel.EMAIL,
        summary="Suggest two new times.",
        meeting_id=meeting.id,
    )
    return f"Postponed: suggest new times to {meeting.person.name} by {_day(fu.due_on(day))}."


def _reschedule(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    if meeting.scheduled_at is None or meeting.scheduled_at < now:
        raise WorkbookError("set the new date and time first")
    for item in fu.open_followups(session, meeting_id=meeting.id):
        fu.complete(item, now)
    return f"Back on the calendar with {meeting.person.name}."


def _met(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    when = meeting.scheduled_at if meeting.scheduled_at and meeting.scheduled_at <= now else now
    meeting.scheduled_at = meeting.scheduled_at or when
    fu.withdraw(session, fu.open_followups(session, meeting_id=meeting.id))
    fu.record_contact(
        session,
        meeting.person_id,
        kind=InteractionKind.MEETING,
        channel=meeting.channel,
        summary="Research meeting.",
        when=when,
        meeting_id=meeting.id,
    )
    fu.plan_after_meeting(session, meeting, when)
    return f"Met {meeting.person.name}: thank them within a day."


def _thank(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    _complete_or_log(session, meeting, InteractionKind.THANK_YOU, now, channel, "Said thank you.")
    return f"Thank-you to {meeting.person.name} done. Report back in about a week."


def _report(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    _complete_or_log(session, meeting, InteractionKind.REPORT_BACK, now, channel, "Reported back.")
    session.flush()
    item = fu.plan_keep_in_touch(session, meeting.person, now)
    later = "" if item is None else f" Next check-in: {_day(item.due_at)}."
    return f"Reported back to {meeting.person.name}.{later}"


def _reopen(session: Session, meeting: Meeting, now: datetime, channel: str | None) -> str:
    return f"{meeting.person.name} is an idea again: try when the moment is right."


def _complete_or_log(
    session: Session,
    meeting: Meeting,
    kind: InteractionKind,
    now: datetime,
    channel: str | None,
    summary: str,
) -> None:
    planned = fu.open_followups(session, meeting_id=meeting.id, kinds=[kind.value])
    if planned:
        fu.complete(planned[0], now, channel)
        fu.withdraw(session, planned[1:])
        fu.restart_clocks(session, meeting.person_id, now)
        return
    fu.record_contact(
        session,
        meeting.person_id,
        kind=kind,
        channel=channel or Channel.EMAIL,
        summary=summary,
        when=now,
        meeting_id=meeting.id,
    )


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "later"
    day = fu.local_day(moment)
    return f"{day:%a} {day.day} {day:%b}"


_APPLY = {
    "send": _send,
    "nudge": _nudge,
    "accept": _accept,
    "decline": _decline,
    "postpone": _postpone,
    "reschedule": _reschedule,
    "met": _met,
    "thank": _thank,
    "report": _report,
    "reopen": _reopen,
}
