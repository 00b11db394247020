"""`workbook print WHAT -o OUT.pdf`: the printable reports, one nested subcommand per kind.

``prep`` (one meeting's prep sheet), ``agenda`` (the meetings of a day or a week, each with its
prep sheet), ``people`` (the 100-people worksheet, blank or filled) and ``cards`` (the "What I
bring" cards). Each takes --paper letter|a4; by default the workbook's own choice (the Print
page sets it), else the one the system locale uses.

The workbook is opened read-only, so printing works while the app has it open; the report
builders only read. Core and report modules are imported inside the handlers: the GUI start
path loads this module too, and must not pay for SQLAlchemy or ReportLab before its window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
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
from workbook.commands.dates import day_argument
from workbook.core.errors import WorkbookError
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from typing import TypeAlias

    from workbook.core.db import SessionFactory
    from workbook.reports.output import Progress
    from workbook.reports.paper import Paper

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    # Builds the PDF from open sessions on a paper; returns it and what the message calls it.
    Build: TypeAlias = Callable[[SessionFactory, Paper, Progress | None], tuple[bytes, str]]

# As text, so building the parser imports nothing from reports (ReportLab) or core.
PAPERS = ("letter", "a4")
_HANDLERS: dict[str, Handler] = {}


def _kind(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS[name] = handler
        return handler

    return register


@parser_builder
def _parsers(subparsers: Subparsers) -> None:
    printing = add_subcommand(
        subparsers,
        "print",
        "write a printable PDF: a meeting's prep sheet, an agenda, the worksheet or your cards",
        workbook_option=False,
    )
    printing.epilog = "workbook print WHAT --help for each"
    kinds = printing.add_subparsers(dest="print_what", required=True, metavar="WHAT")

    prep = _report_parser(kinds, "prep", "one meeting's prep sheet, to take to the meeting")
    prep.add_argument(
        "--meeting",
        dest="meeting_id",
        type=_meeting_id,
        required=True,
        metavar="ID",
        help="the meeting (its id is in `workbook meetings`)",
    )

    agenda = _report_parser(
        kinds, "agenda", "the meetings of a day or a week in order, each with its prep sheet"
    )
    agenda.add_argument(
        "--from",
        dest="first_day",
        type=day_argument,
        metavar="DAY",
        help="the first day (YYYY-MM-DD, today, tomorrow; default: today)",
    )
    agenda.add_argument(
        "--to",
        dest="last_day",
        type=day_argument,
        metavar="DAY",
        help="the last day, included (default: the same as --from)",
    )

    people = _report_parser(
        kinds, "people", "the 100-people worksheet: your list with strength and advice"
    )
    people.add_argument(
        "--blank",
        action="store_true",
        help="an empty worksheet numbered 1 to 100, by circle, to fill in by hand",
    )

    _report_parser(
        kinds,
        "cards",
        '"What I bring" cards: your details on the front, your value statement on the back',
    )


def _report_parser(kinds: Subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = add_subcommand(kinds, name, help_text, json_option=True)
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write"
    )
    parser.add_argument(
        "--paper",
        type=str.lower,
        choices=PAPERS,
        help="letter or a4 (default: the workbook's choice, else your system's)",
    )
    parser.set_defaults(usage_error=parser.error)  # checks across options, as argparse's
    return parser


def _meeting_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting id (a number from 1)")
    return value


@command("print")
def _print(args: argparse.Namespace, dirs: AppDirs) -> int:
    return _HANDLERS[args.print_what](args, dirs)


# ---------------------------------------------------------------- the kinds


@_kind("prep")
def _print_prep(args: argparse.Namespace, dirs: AppDirs) -> int:
    meeting_id: int = args.meeting_id

    def build(
        sessions: SessionFactory, paper: Paper, progress: Progress | None
    ) -> tuple[bytes, str]:
        from workbook.core.meetings import get_meeting
        from workbook.reports.prep_sheet import prep_sheet_pdf

        try:
            person = get_meeting(sessions, meeting_id).person_name
        except WorkbookError:
            raise WorkbookError(
                f"there is no meeting {meeting_id} (`workbook meetings` lists them)"
            ) from None
        data = prep_sheet_pdf(sessions, [meeting_id], paper=paper, progress=progress)
        return data, f"prep sheet for {person}"

    return _write_report(args, dirs, build)


@_kind("agenda")
def _print_agenda(args: argparse.Namespace, dirs: AppDirs) -> int:
    first: date = args.first_day or date.today()
    last: date = args.last_day or first
    if last < first:
        usage_error: Callable[[str], NoReturn] = args.usage_error
        since = "today" if args.first_day is None else "--from"
        usage_error(f"--to {last.isoformat()} is before {since} {first.isoformat()}")

    def build(
        sessions: SessionFactory, paper: Paper, progress: Progress | None
    ) -> tuple[bytes, str]:
        from workbook.reports.agenda import agenda_pdf

        data = agenda_pdf(sessions, first, last, paper=paper, progress=progress)
        return data, f"agenda for {_days(first, last)}"

    return _write_report(args, dirs, build)


@_kind("people")
def _print_people(args: argparse.Namespace, dirs: AppDirs) -> int:
    blank: bool = args.blank

    def build(
        sessions: SessionFactory, paper: Paper, progress: Progress | None
    ) -> tuple[bytes, str]:
        from workbook.reports.people_sheet import people_sheet_pdf

        data = people_sheet_pdf(sessions, blank=blank, paper=paper, progress=progress)
        return data, "blank 100-people worksheet" if blank else "worksheet of your people"

    return _write_report(args, dirs, build)


@_kind("cards")
def _print_cards(args: argparse.Namespace, dirs: AppDirs) -> int:
    def build(
        sessions: SessionFactory, paper: Paper, progress: Progress | None
    ) -> tuple[bytes, str]:
        from workbook.core.my_details import get_my_details
        from workbook.reports.cards import cards_pdf

        if not get_my_details(sessions).name.strip():
            # The builder says so too; from here, say where the details are typed.
            raise WorkbookError(
                "add your name and contact details on the Print page of the app first: "
                "the cards show them"
            )
        data = cards_pdf(sessions, paper=paper, progress=progress)
        if page_count(data) == 1:
            return data, "sheet of card fronts (add your value statement for the backs)"
        # Fronts on page 1, backs on page 2, laid out for flipping on the long edge.
        return data, "sheet of cards (print both sides, flipping on the long edge)"

    return _write_report(args, dirs, build)


# ---------------------------------------------------------------- shared


def _write_report(args: argparse.Namespace, dirs: AppDirs, build: Build) -> int:
    """Check OUT, build the PDF from the workbook read-only, write it atomically, report."""
    from workbook.commands.people_commands import open_for_reading
    from workbook.reports.output import save_pdf
    from workbook.reports.paper import Paper, workbook_paper

    output: Path = args.output.expanduser().absolute()
    if output.suffix.lower() not in ("", ".pdf"):
        usage_error: Callable[[str], NoReturn] = args.usage_error
        usage_error(f"{output.name}: printing writes a PDF; name it .pdf")
    path = resolve_workbook(args, dirs)
    progress = None if args.json else _terminal_progress()
    with open_for_reading(path, dirs) as sessions:
        paper = Paper(args.paper) if args.paper else workbook_paper(sessions)
        try:
            data, what = build(sessions, paper, progress)
        except WorkbookError as error:
            raise WorkbookError(_naming(path, error)) from None
        finally:
            if progress is not None:
                progress(0, 0)  # clears the line
    save_pdf(output, data)
    pages = page_count(data)
    if args.json:
        print_json({"path": str(output), "pages": pages, "paper": paper.value})
    else:
        say(f"Wrote {_article(pages)} {pages}-page {what} to {output} ({paper.label})")
    return EXIT_OK


def _article(number: int) -> str:
    """ "an" before the numbers said with a vowel first: 8, 11, 18, 80-89, 800-899, 11,000..."""
    digits = str(number)
    eleven = len(digits) % 3 == 2 and digits[:2] in ("11", "18")
    return "an" if digits[0] == "8" or eleven else "a"


def _naming(path: Path, error: WorkbookError) -> str:
    """The builder's sentence, with the workbook named first (as every failure line is)."""
    message = str(error)
    return message if message.startswith(str(path)) else f"{path}: {message}"


def page_count(data: bytes) -> int:
    """How many pages a PDF has (read with pdfium, which the Print page's preview uses too)."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _days(first: date, last: date) -> str:
    """ "Mon 23 Nov 2026", or "Mon 23 Nov – Sun 29 Nov 2026" (the year once when shared)."""
    end = f"{last:%a} {last.day} {last:%b %Y}"
    if first == last:
        return end
    start = f"{first:%a} {first.day} {first:%b}" + (
        "" if first.year == last.year else f" {first.year}"
    )
    return f"{start} – {end}"


def _terminal_progress() -> Progress | None:
    """A "page 3 of 40" line on a terminal's stderr for long jobs; None when not a terminal."""
    if not sys.stderr.isatty():
        return None
    shown = False

    def show(done: int, total: int) -> None:
        nonlocal shown
        if total <= 0:
            if shown:
                sys.stderr.write("\r\033[K")
                sys.stderr.flush()
            return
        if total > 1:
            sys.stderr.write(f"\rBuilding {done} of {total}…")
            sys.stderr.flush()
            shown = True

    return show
