"""`workbook meetings` (the research meetings, by time) and `workbook today` (what is due).

Both open the workbook read-only, so they work while it is open in the app. Core modules
are imported inside the handlers: the GUI start path loads this module too.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbook.cli import (
    EXIT_OK,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
    say,
)
from workbook.commands.dates import add_day_range_options, day_range
from workbook.commands.people_commands import open_for_reading
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.meetings import MeetingView
    from workbook.core.today import DueItem


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    meetings = add_subcommand(
        subparsers,
        "meetings",
        "the research meetings by time, with their ids and where each one stands",
        json_option=True,
    )
    add_day_range_options(meetings)
    meetings.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help="only meetings in this state (idea, requested, no_answer, scheduled, postponed, "
        "declined, met, thanked, reported_back); repeat for several",
    )
    today = add_subcommand(
        subparsers,
        "today",
        "follow-ups and promises due today and overdue",
        json_option=True,
    )
    today.add_argument(
        "--days", type=int, default=0, metavar="N", help="also what comes up in the next N days"
    )


# ---------------------------------------------------------------- workbook meetings


@command("meetings")
def _meetings(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.errors import WorkbookError
    from workbook.core.meetings import list_meetings
    from workbook.core.models import MeetingStatus

    known = {s.value for s in MeetingStatus}
    for status in args.status or ():
        if status not in known:
            raise WorkbookError(f"unknown status {status!r}: use one of {', '.join(sorted(known))}")
    try:
        start, end = day_range(args.first_day, args.last_day)
    except ValueError as error:
        raise WorkbookError(str(error)) from None
    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        meetings = list_meetings(sessions, start=start, end=end, statuses=args.status)
    if args.json:
        print_json([meeting_json(m) for m in meetings])
    elif not meetings:
        say("No meetings here yet: plan one from the Meetings page in the app.")
    else:
        print("\n".join(meeting_line(m) for m in meetings))
    return EXIT_OK


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def meeting_json(meeting: MeetingView) -> dict[str, Any]:
    start = meeting.local_start()
    return {
        "id": meeting.id,
        "uid": meeting.uid,
        "status": meeting.status,
        "status_label": meeting.status_label,
        "person_id": meeting.person_id,
        "person": meeting.person_name,
        "organisation": meeting.person_organisation,
        "scheduled_at": _iso(start),
        "timezone": meeting.timezone,
        "duration_minutes": meeting.duration_minutes,
        "channel": meeting.channel,
        "place": meeting.place,
        "requested_at": _iso(meeting.requested_at),
        "sequence": meeting.sequence,
    }


def meeting_line(meeting: MeetingView) -> str:
    """`12  Scheduled      Tue 24 Nov 2026 16:00  Zoë Ångström (coffee, The library café)`."""
    start = meeting.local_start()
    when = f"{start:%a %d %b %Y %H:%M}" if start else "not scheduled".ljust(21)
    where = ", ".join(x for x in (meeting.channel if start else "", meeting.place) if x)
    return f"{meeting.id:>4}  {meeting.status_label:<13}  {when}  {meeting.person_name}" + (
        f" ({where})" if where else ""
    )


# ---------------------------------------------------------------- workbook today


@command("today")
def _today(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.errors import WorkbookError
    from workbook.core.today import due_items

    if not 0 <= args.days <= 366:
        raise WorkbookError(f"--days takes 0 to 366, not {args.days}")
    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        items = due_items(sessions, days=args.days)
    if args.json:
        print_json([item_json(item) for item in items])
    elif not items:
        say("Nothing due today. A good day to add people or plan a meeting.")
    else:
        print("\n".join(item_line(item) for item in items))
    return EXIT_OK


def item_json(item: DueItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "kind": item.kind,
        "kind_label": item.kind_label,
        "title": item.title,
        "detail": item.detail,
        "person_id": item.person_id,
        "person": item.person_name,
        "meeting_id": item.meeting_id,
        "channel": item.channel,
        "due_at": item.due_at.astimezone().isoformat(),
        "overdue_days": item.overdue_days,
    }


def item_line(item: DueItem) -> str:
    if item.overdue_days > 0:
        when = f"{item.overdue_days} day{'s' * (item.overdue_days != 1)} overdue"
    elif item.overdue_days == 0:
        when = "today"
    else:
        when = f"{item.due_at.astimezone():%a %d %b}"
    return f"{when:<16}  {item.title}"
