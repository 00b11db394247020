"""Research meetings as an iCalendar file (RFC 5545) that any calendar app can import.

One VEVENT per meeting that has a date and time. Each meeting keeps its UID and counts up
its SEQUENCE when the time, place or status changes, so importing a newer file updates the
event instead of adding a second one; a postponed or declined meeting is sent as CANCELLED,
which takes it out of a calendar that had it. Times are written in the meeting's own IANA
time zone with a VTIMEZONE for each zone used, so the wall-clock time survives DST.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from workbook.core.files import write_bytes
from workbook.core.meetings import CHANNEL_LABELS, MeetingView, zone_or_none
from workbook.core.models import MeetingStatus

PRODID = "-//100 People Networking Workbook//Research meetings//EN"
CALENDAR_NAME = "Research meetings"

_CONFIRMED = frozenset(
    {
        MeetingStatus.SCHEDULED,
        MeetingStatus.MET,
        MeetingStatus.THANKED,
        MeetingStatus.REPORTED_BACK,
    }
)
_CANCELLED = frozenset({MeetingStatus.POSTPONED, MeetingStatus.DECLINED})


def exportable(meetings: Iterable[MeetingView]) -> list[MeetingView]:
    """The meetings that become events: those with a date and time."""
    return [m for m in meetings if m.scheduled_at is not None]


def meetings_calendar(meetings: Sequence[MeetingView], *, now: datetime) -> bytes:
    """The calendar file for ``meetings`` (those without a time are left out), UTF-8.

    ``now`` is the DTSTAMP of every event (when this file was made); the output is the same
    bytes for the same meetings and ``now``.
    """
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("NAME", CALENDAR_NAME)
    calendar.add("X-WR-CALNAME", CALENDAR_NAME)
    stamp = _utc(now)
    local = _local_zone()
    zones: dict[str, tzinfo] = {}
    events: list[Event] = []
    spans: list[datetime] = [stamp]
    for view in exportable(meetings):
        zone = view.zone or local
        event = _event(view, zone, stamp)
        events.append(event)
        spans += [event.DTSTART, event.DTEND]
        tzid = event["DTSTART"].params.get("TZID")
        if tzid:  # none for UTC (written with a Z)
            zones[tzid] = zone
    if not events:
        # RFC 5545 wants at least one component: the zone the meetings would have used.
        zone = local if local is not UTC else zone_or_none("UTC") or UTC
        zones[str(getattr(zone, "key", "UTC"))] = zone
    # Offsets from a year before the first meeting to a year after the last one: enough for
    # every event, and short (the generator writes one RDATE per switch).
    first, last = date(min(spans).year - 1, 1, 1), date(max(spans).year + 2, 1, 1)
    for tzid in sorted(zones):
        calendar.add_component(Timezone.from_tzinfo(zones[tzid], tzid, first, last))
    for event in events:
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_ics(path: Path, meetings: Sequence[MeetingView], *, now: datetime) -> None:
    """Write the calendar for ``meetings`` to ``path`` atomically (WorkbookError naming the
    file when it cannot be written)."""
    write_bytes(path, meetings_calendar(meetings, now=now))


def event_status(status: str) -> str:
    """The VEVENT STATUS for a meeting status."""
    if status in _CONFIRMED:
        return "CONFIRMED"
    if status in _CANCELLED:
        return "CANCELLED"
    return "TENTATIVE"  # a time noted before the meeting was agreed


def event_summary(view: MeetingView) -> str:
    return _line(f"Research meeting with {view.person_name}")


def event_description(view: MeetingView) -> str:
    """How and with whom, then the agenda notes (their line breaks kept)."""
    lines = [f"How: {CHANNEL_LABELS.get(view.channel, view.channel)}"]
    who = ", ".join(_line(p) for p in (view.person_title, view.person_organisation) if p.strip())
    if who:
        lines.append(f"Who: {_line(view.person_name)} — {who}")
    agenda = _text(view.agenda_notes).strip()
    if agenda:
        lines += ["", "Agenda:", agenda]
    return "\n".join(lines)


def local_zone_name() -> str | None:
    """The IANA name of this computer's time zone, when it has one we can trust."""
    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    candidates.append(os.path.realpath("/etc/localtime"))  # a link into the zoneinfo folder
    with contextlib.suppress(OSError, UnicodeDecodeError):  # Debian's plain-text name
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    offset = datetime.now().astimezone().utcoffset()
    for candidate in candidates:
        name = _zone_name(candidate)
        zone = zone_or_none(name) if name else None
        if zone is not None and datetime.now(zone).utcoffset() == offset:
            return name
    return None


def _zone_name(text: str) -> str:
    """ "Europe/Berlin" from a TZ value or a path such as /usr/share/zoneinfo/Europe/Berlin."""
    text = text.strip()
    if "zoneinfo/" in text:
        text = text.rsplit("zoneinfo/", 1)[1]
    for prefix in ("posix/", "right/"):
        text = text.removeprefix(prefix)
    return "" if text.startswith("/") else text


def _local_zone() -> tzinfo:
    name = local_zone_name()
    zone = zone_or_none(name) if name else None
    return zone if zone is not None else UTC


def _event(view: MeetingView, zone: tzinfo, stamp: datetime) -> Event:
    assert view.scheduled_at is not None
    start = view.scheduled_at.astimezone(zone)
    end = (view.scheduled_at + timedelta(minutes=view.duration_minutes)).astimezone(zone)
    event = Event()
    event.add("UID", view.uid)
    event.add("DTSTAMP", stamp)
    event.add("SEQUENCE", view.sequence)
    event.add("DTSTART", start)
    event.add("DTEND", end)
    event.add("SUMMARY", event_summary(view))
    place = _line(view.place)
    if place:
        event.add("LOCATION", place)
    event.add("DESCRIPTION", event_description(view))
    event.add("STATUS", event_status(view.status))
    event.add("TRANSP", "OPAQUE")
    event.add("CREATED", _utc(view.created_at))
    event.add("LAST-MODIFIED", _utc(view.updated_at))
    return event


_CONTROLS = dict.fromkeys([*range(0x20), 0x7F])
del _CONTROLS[ord("\t")], _CONTROLS[ord("\n")]


def _text(value: str) -> str:
    """Text a calendar accepts: line breaks as \\n, no other control characters, and
    nothing that cannot be written as UTF-8."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    return value.encode("utf-8", "replace").decode("utf-8")


def _line(value: str) -> str:
    """One line of text (a name, a place): line breaks and runs of spaces become a space."""
    return " ".join(_text(value).split())


def _utc(when: datetime) -> datetime:
    return when.astimezone(UTC)  # a naive value is taken as local time


__all__ = [
    "CALENDAR_NAME", "PRODID", "event_description", "event_status", "event_summary",
    "exportable", "local_zone_name", "meetings_calendar", "write_ics",
]  # fmt: skip
