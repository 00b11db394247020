"""Research meetings: reading them (``MeetingView``), creating, scheduling, deleting.

How a meeting moves along its pipeline (idea → request sent → scheduled → met → thanked →
reported back, and no answer / declined / postponed) lives in ``pipeline``; the follow-ups
those moves create live in ``followups``. Every mutating call is one transaction and returns
what changed, so the UI can undo it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import Channel, Meeting, MeetingStatus, Person, utcnow

# Statuses in pipeline order, for boards, lists and sorting.
PIPELINE: tuple[MeetingStatus, ...] = (
    MeetingStatus.IDEA,
    MeetingStatus.REQUESTED,
    MeetingStatus.NO_ANSWER,
    MeetingStatus.SCHEDULED,
    MeetingStatus.POSTPONED,
    MeetingStatus.MET,
    MeetingStatus.THANKED,
    MeetingStatus.REPORTED_BACK,
    MeetingStatus.DECLINED,
)
STATUS_LABELS: dict[str, str] = {
    MeetingStatus.IDEA: "Idea",
    MeetingStatus.REQUESTED: "Request sent",
    MeetingStatus.NO_ANSWER: "No answer yet",
    MeetingStatus.SCHEDULED: "Scheduled",
    MeetingStatus.POSTPONED: "Postponed",
    MeetingStatus.DECLINED: "Declined",
    MeetingStatus.MET: "Met",
    MeetingStatus.THANKED: "Thanked",
    MeetingStatus.REPORTED_BACK: "Reported back",
}
# Where a meeting is held (the request and follow-up channels are the wider Channel enum).
MEETING_CHANNELS = (Channel.COFFEE, Channel.PHONE, Channel.VIDEO, Channel.OFFICE)
CHANNEL_LABELS: dict[str, str] = {
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone",
    Channel.MESSAGE: "Message",
    Channel.NOTE: "Handwritten note",
    Channel.COFFEE: "Coffee",
    Channel.VIDEO: "Video call",
    Channel.OFFICE: "Their office",
    Channel.OTHER: "Other",
}
DEFAULT_DURATION = 20
MAX_DURATION = 8 * 60
# Calendar-relevant fields: changing any of them bumps the ICS SEQUENCE.
CALENDAR_FIELDS = frozenset(
    {"scheduled_at", "timezone", "duration_minutes", "channel", "place", "status"}
)
SCHEDULE_FIELDS = ("scheduled_at", "timezone", "duration_minutes", "channel", "place")
TEXT_FIELDS = ("request_text", "agenda_notes", "outcome_notes")


@dataclass(frozen=True)
class MeetingView:
    """One meeting with what every page, sheet and export needs about the person."""

    id: int
    uid: str
    sequence: int
    status: str  # MeetingStatus value
    person_id: int
    person_name: str
    person_deleted: bool
    person_email: str
    person_phone: str
    person_organisation: str
    person_title: str
    person_circle: str
    person_circle_detail: str
    person_how_we_know: str
    person_strength: str
    introduced_by_id: int | None
    introduced_by_name: str
    request_text: str
    requested_at: datetime | None
    scheduled_at: datetime | None  # aware UTC
    timezone: str  # IANA name; "" = the computer's zone
    duration_minutes: int
    channel: str  # Channel value
    place: str
    agenda_notes: str
    outcome_notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def ends_at(self) -> datetime | None:
        if self.scheduled_at is None:
            return None
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    @property
    def zone(self) -> ZoneInfo | None:
        return zone_or_none(self.timezone)

    def local_start(self) -> datetime | None:
        """The start in the meeting's own time zone (else the computer's)."""
        if self.scheduled_at is None:
            return None
        zone = self.zone
        return self.scheduled_at.astimezone(zone) if zone else self.scheduled_at.astimezone()


@dataclass(frozen=True)
class MeetingChange:
    """What one call changed: the meeting's fields before and after (for undo)."""

    meeting_id: int
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def zone_or_none(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone_name() -> str:
    """The computer's IANA time zone name (TZ, else /etc/localtime's target), or "UTC"."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and zone_or_none(name) is not None:
            return "UTC" if name in ("Etc/UTC", "Etc/UCT", "UCT", "Zulu") else name
    return "UTC"


def check_zone(name: str) -> str:
    if name and zone_or_none(name) is None:
        raise WorkbookError(f"unknown time zone {name!r}: use a name such as Europe/Paris")
    return name


# -- reading ---------------------------------------------------------------------------------


def get_meeting(sessions: SessionFactory, meeting_id: int) -> MeetingView:
    """One meeting; WorkbookError when there is none with that id."""
    with sessions() as session:
        meeting = session.get(Meeting, meeting_id, options=[_with_person()])
        if meeting is None:
            raise WorkbookError(f"there is no meeting {meeting_id}")
        return view_of(meeting)


def list_meetings(
    sessions: SessionFactory,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: Sequence[str] | None = None,
    person_id: int | None = None,
) -> list[MeetingView]:
    """Meetings by time (unscheduled ones last, by creation). With ``start``/``end``, only
    meetings scheduled in [start, end)."""
    query = select(Meeting).options(_with_person())
    if start is not None:
        query = query.where(Meeting.scheduled_at >= start)
    if end is not None:
        query = query.where(Meeting.scheduled_at < end)
    if statuses is not None:
        query = query.where(Meeting.status.in_([str(s) for s in statuses]))
    if person_id is not None:
        query = query.where(Meeting.person_id == person_id)
    query = query.order_by(
        Meeting.scheduled_at.is_(None), Meeting.scheduled_at, Meeting.created_at, Meeting.id
    )
    with sessions() as session:
        return [view_of(m) for m in session.scalars(query).unique()]


def count_meetings_of(sessions: SessionFactory, person_ids: Sequence[int]) -> int:
    """How many meetings these people have (any status): deleting them keeps that history."""
    ids = list(person_ids)
    with sessions() as session:
        query = select(func.count()).select_from(Meeting).where(Meeting.person_id.in_(ids))
        return session.scalar(query) or 0


def meetings_of(session: Session, person_id: int) -> list[Meeting]:
    return list(session.scalars(select(Meeting).where(Meeting.person_id == person_id)))


def view_of(meeting: Meeting) -> MeetingView:
    person = meeting.person
    intro = person.introduced_by
    return MeetingView(
        id=meeting.id,
        uid=meeting.uid,
        sequence=meeting.sequence,
        status=meeting.status,
        person_id=person.id,
        person_name=person.name,
        person_deleted=person.deleted_at is not None,
        person_email=person.email,
        person_phone=person.phone,
        person_organisation=person.organisation,
        person_title=person.title,
        person_circle=person.circle,
        person_circle_detail=person.circle_detail,
        person_how_we_know=person.how_we_know,
        person_strength=person.strength,
        introduced_by_id=person.introduced_by_id,
        introduced_by_name=intro.name if intro is not None else "",
        request_text=meeting.request_text,
        requested_at=meeting.requested_at,
        scheduled_at=meeting.scheduled_at,
        timezone=meeting.timezone,
        duration_minutes=meeting.duration_minutes,
        channel=meeting.channel,
        place=meeting.place,
        agenda_notes=meeting.agenda_notes,
        outcome_notes=meeting.outcome_notes,
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
    )


def _with_person() -> Any:
    return joinedload(Meeting.person).joinedload(Person.introduced_by)


# -- writing ---------------------------------------------------------------------------------


def new_uid() -> str:
    return f"{uuid.uuid4()}@networking-workbook"


def create_meeting(sessions: SessionFactory, person_id: int, **fields_: Any) -> int:
    """A new meeting (an idea) with ``person_id``; returns its id."""
    with sessions.begin() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise WorkbookError(f"person {person_id} is not on the list")
        meeting = Meeting(
            person_id=person_id,
            uid=new_uid(),
            status=MeetingStatus.IDEA.value,
            duration_minutes=DEFAULT_DURATION,
            channel=Channel.COFFEE.value,
        )
        session.add(meeting)
        _assign(meeting, _checked(fields_))
        session.flush()
        return meeting.id


def update_meeting(sessions: SessionFactory, meeting_id: int, **fields_: Any) -> MeetingChange:
    """Change fields of a meeting (schedule, texts); a calendar change bumps SEQUENCE."""
    values = _checked(fields_)
    with sessions.begin() as session:
        meeting = _meeting(session, meeting_id)
        return apply_fields(meeting, values)


def apply_fields(meeting: Meeting, values: dict[str, Any]) -> MeetingChange:
    """Set fields on a loaded meeting (inside the caller's transaction) and say what changed."""
    before = {k: getattr(meeting, k) for k in values}
    changed = {k: v for k, v in values.items() if before[k] != v}
    if not changed:
        return MeetingChange(meeting.id, {}, {})
    before = {k: before[k] for k in changed}
    if "sequence" not in changed and CALENDAR_FIELDS & changed.keys():
        before["sequence"] = meeting.sequence
        changed["sequence"] = meeting.sequence + 1
    _assign(meeting, changed)
    meeting.updated_at = utcnow()
    return MeetingChange(meeting.id, before, dict(changed))


def revert(sessions: SessionFactory, change: MeetingChange) -> None:
    """Undo ``change`` (SEQUENCE keeps rising: calendars ignore an older one)."""
    _put(sessions, change, change.before)


def reapply(sessions: SessionFactory, change: MeetingChange) -> None:
    _put(sessions, change, change.after)


def _put(sessions: SessionFactory, change: MeetingChange, values: dict[str, Any]) -> None:
    with sessions.begin() as session:
        meeting = _meeting(session, change.meeting_id)
        values = dict(values)
        if "sequence" in values:
            values["sequence"] = meeting.sequence + 1
        _assign(meeting, values)
        meeting.updated_at = utcnow()


def delete_meeting(sessions: SessionFactory, meeting_id: int) -> None:
    """Delete a meeting that never went further than an idea (others keep their history)."""
    with sessions.begin() as session:
        meeting = _meeting(session, meeting_id)
        if meeting.status != MeetingStatus.IDEA:
            raise WorkbookError(
                "only a meeting that is still an idea can be deleted; mark it declined instead"
            )
        session.delete(meeting)


def restore_meeting(sessions: SessionFactory, view: MeetingView) -> int:
    """Put back a meeting deleted with ``delete_meeting`` (same id and UID)."""
    with sessions.begin() as session:
        meeting = Meeting(
            id=view.id,
            uid=view.uid,
            person_id=view.person_id,
            status=view.status,
            request_text=view.request_text,
            requested_at=view.requested_at,
            scheduled_at=view.scheduled_at,
            timezone=view.timezone,
            duration_minutes=view.duration_minutes,
            channel=view.channel,
            place=view.place,
            agenda_notes=view.agenda_notes,
            outcome_notes=view.outcome_notes,
            sequence=view.sequence + 1,
            created_at=view.created_at,
            updated_at=utcnow(),
        )
        session.add(meeting)
        session.flush()
        return meeting.id


def find_overlaps(
    sessions: SessionFactory, start: datetime, minutes: int, exclude: int | None = None
) -> list[MeetingView]:
    """Scheduled meetings that overlap [start, start + minutes)."""
    end = start + timedelta(minutes=minutes)
    earliest = start - timedelta(minutes=MAX_DURATION)
    window = list_meetings(sessions, start=earliest, end=end, statuses=[MeetingStatus.SCHEDULED])
    return [m for m in window if m.id != exclude and m.ends_at is not None and m.ends_at > start]


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise WorkbookError(f"there is no meeting {meeting_id}")
    return meeting


def _assign(meeting: Meeting, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(meeting, key, value)


_EDITABLE = frozenset({*SCHEDULE_FIELDS, *TEXT_FIELDS, "status", "requested_at", "sequence"})


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """Validate field values the user can set; WorkbookError names the first bad one."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise WorkbookError(f"a meeting has no field {sorted(unknown)[0]!r}")
    out = dict(values)
    if "duration_minutes" in out:
        minutes = out["duration_minutes"]
        if not isinstance(minutes, int) or not 1 <= minutes <= MAX_DURATION:
            raise WorkbookError(f"a meeting lasts 1 to {MAX_DURATION} minutes, not {minutes!r}")
    if "timezone" in out:
        out["timezone"] = check_zone(str(out["timezone"]).strip())
    if "channel" in out and out["channel"] not in {c.value for c in Channel}:
        raise WorkbookError(f"unknown channel {out['channel']!r}")
    if "status" in out and out["status"] not in {s.value for s in MeetingStatus}:
        raise WorkbookError(f"unknown meeting status {out['status']!r}")
    for key in ("scheduled_at", "requested_at"):
        when = out.get(key)
        if when is not None and (not isinstance(when, datetime) or when.tzinfo is None):
            raise WorkbookError(f"{key} needs a date and time with its time zone")
    for key in (*TEXT_FIELDS, "place"):
        if key in out:
            out[key] = str(out[key])
    return out


__all__ = [
    "CALENDAR_FIELDS", "CHANNEL_LABELS", "DEFAULT_DURATION", "MEETING_CHANNELS", "PIPELINE",
    "STATUS_LABELS", "MeetingChange", "MeetingView", "apply_fields", "check_zone",
    "count_meetings_of", "create_meeting", "delete_meeting", "find_overlaps", "get_meeting",
    "list_meetings", "local_zone_name", "meetings_of", "reapply", "restore_meeting", "revert",
    "update_meeting", "view_of", "zone_or_none",
]  # fmt: skip
