"""`workbook export WHAT ...`: files for other programs, one nested subcommand per kind.

``workbook export meetings --format ics -o OUT.ics`` writes research meetings as a calendar
file. Other exports add themselves the same way: a builder registered with
``export_parser_builder`` adds its parser to the ``export`` subparsers (use ``add_subcommand``
so --workbook and --data-dir work), and ``export_command(name)`` registers its handler.

Core modules are imported inside the handlers: the GUI path loads this module too and must
not pay for SQLAlchemy before its window shows. The workbook is opened read-only, so an
export works while the app has it open.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from workbook.cli import (
    EXIT_OK,
    Handler,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
    say,
)
from workbook.commands.dates import add_day_range_options, day_range
from workbook.core.errors import WorkbookError
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from typing import TypeAlias

    from workbook.core.db import SessionFactory
    from workbook.core.meetings import MeetingView

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    ExportBuilder: TypeAlias = Callable[[Subparsers], None]

_EXPORT_BUILDERS: list[ExportBuilder] = []
_EXPORT_HANDLERS: dict[str, Handler] = {}
MEETING_FORMATS = ("ics",)
ICS_SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb")


def export_parser_builder(build: ExportBuilder) -> ExportBuilder:
    """Register a function that adds one `workbook export WHAT` parser."""
    _EXPORT_BUILDERS.append(build)
    return build


def export_command(name: str) -> Callable[[Handler], Handler]:
    """Register the handler of `workbook export NAME`."""

    def register(handler: Handler) -> Handler:
        _EXPORT_HANDLERS[name] = handler
        return handler

    return register


@parser_builder
def _parsers(subparsers: Subparsers) -> None:
    export = add_subcommand(
        subparsers, "export", "write files for other programs", workbook_option=False
    )
    export.epilog = "workbook export WHAT --help for each"
    kinds = export.add_subparsers(dest="export_what", required=True, metavar="WHAT")
    for build in _EXPORT_BUILDERS:
        build(kinds)


@command("export")
def _export(args: argparse.Namespace, dirs: AppDirs) -> int:
    return _EXPORT_HANDLERS[args.export_what](args, dirs)


# ---------------------------------------------------------------- workbook export meetings


@export_parser_builder
def _meetings_parser(kinds: Subparsers) -> None:
    meetings = add_subcommand(
        kinds,
        "meetings",
        "research meetings as a calendar file: the upcoming ones, those in a range of days, "
        "or chosen ones",
        json_option=True,
    )
    meetings.add_argument(
        "--format",
        choices=MEETING_FORMATS,
        help="ics, an iCalendar file any calendar app imports (the default when OUT ends in "
        ".ics or has no extension)",
    )
    meetings.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="the file to write"
    )
    add_day_range_options(meetings)
    meetings.set_defaults(usage_error=meetings.error)  # checks across options, as argparse's
    meetings.add_argument(
        "--meeting",
        dest="meeting_ids",
        type=_meeting_id,
        action="append",
        metavar="ID",
        help="only this meeting (repeat for more); the ids are in `workbook meetings --json`",
    )


def _meeting_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting id (a number from 1)")
    return value


@export_command("meetings")
def _export_meetings(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.commands.people_commands import open_for_reading
    from workbook.core.formats.ics import exportable, write_ics

    usage_error: Callable[[str], NoReturn] = args.usage_error
    output = args.output.expanduser().absolute()
    suffix = output.suffix.lower()
    if args.format is None and suffix not in ("", *ICS_SUFFIXES):
        usage_error(f"{output.name}: meetings export as .ics (or add --format ics)")
    ranged = args.first_day is not None or args.last_day is not None
    if args.meeting_ids and ranged:
        usage_error("choose meetings with --meeting or with --from/--to, not both")
    try:
        start, end = day_range(args.first_day, args.last_day)
    except ValueError as exc:
        usage_error(str(exc))
    now = datetime.now(UTC)
    path = resolve_workbook(args, dirs)
    with open_for_reading(path, dirs) as sessions:
        if args.meeting_ids:
            meetings = _chosen(sessions, path, args.meeting_ids)
        else:
            meetings = _selection(sessions, start, end, now, ranged=ranged)
    events = exportable(meetings)
    write_ics(output, events, now=now)
    if args.json:
        print_json(
            {
                "path": str(output),
                "format": "ics",
                "meetings": len(events),
                "ids": [m.id for m in events],
                "uids": [m.uid for m in events],
            }
        )
    elif not events:
        what = "in that range" if ranged else "coming up"
        say(f"No meetings to export {what}: wrote an empty calendar to {output}")
    else:
        noun = "meeting" if len(events) == 1 else "meetings"
        say(f"Wrote {len(events)} {noun} to {output}")
    return EXIT_OK


def _selection(
    sessions: SessionFactory,
    start: datetime | None,
    end: datetime | None,
    now: datetime,
    *,
    ranged: bool,
) -> list[MeetingView]:
    """With a range: every meeting with a time in it (cancelled ones too, so a calendar drops
    them); without: the scheduled meetings still to come."""
    from workbook.core.meetings import list_meetings
    from workbook.core.models import MeetingStatus

    if ranged:
        return list_meetings(sessions, start=start, end=end)
    return list_meetings(sessions, start=now, statuses=[MeetingStatus.SCHEDULED])


def _chosen(sessions: SessionFactory, path: Path, ids: list[int]) -> list[MeetingView]:
    """The meetings with these ids in the order given; WorkbookError when one is missing or
    has no time yet."""
    from workbook.core.meetings import get_meeting

    chosen: list[MeetingView] = []
    for meeting_id in dict.fromkeys(ids):
        try:
            view = get_meeting(sessions, meeting_id)
        except WorkbookError:
            raise WorkbookError(
                f"{path}: there is no meeting {meeting_id} (`workbook meetings` lists them)"
            ) from None
        if view.scheduled_at is None:
            raise WorkbookError(
                f"{path}: meeting {meeting_id} with {view.person_name} has no date and time "
                "yet; schedule it first"
            )
        chosen.append(view)
    return chosen
