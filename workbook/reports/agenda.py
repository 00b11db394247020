"""The agenda for a day or a week: a list of the meetings, then each meeting's prep sheet.

The list comes first (as many pages as it needs, grouped by day, at the user's own clock
time, since the days asked for are the user's), then one prep sheet per meeting in time
order, all in one PDF with page numbers. A range without meetings gives one page that says
so, and what to do about it.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from reportlab.pdfgen.canvas import Canvas

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import CHANNEL_LABELS
from workbook.reports import fit, fonts, styles
from workbook.reports.fit import Piece
from workbook.reports.output import Progress, report_progress
from workbook.reports.paper import Paper, page_size
from workbook.reports.prep_data import SheetData, range_data
from workbook.reports.prep_sheet import draw_sheet
from workbook.reports.styles import GUTTER, MARGIN

NOTHING = ("No meetings on this day.", "No meetings on these days.")
NOTHING_HINT = (
    "Plan one on the Meetings page: once a meeting has a day and a time, it shows up here "
    "with its prep sheet."
)
_COLUMNS = (0.16, 0.38, 0.28, 0.18)  # time, person, place, how: shares of the width
_FOOTER = 18.0  # below the bottom margin's edge


def agenda_pdf(
    sessions: SessionFactory,
    first: date,
    last: date,
    *,
    paper: Paper,
    progress: Progress | None = None,
) -> bytes:
    """The meetings on the local days ``first`` to ``last`` (both included), in time order.

    Declined and postponed meetings are left out. WorkbookError when ``last`` is before
    ``first``.
    """
    if last < first:
        raise WorkbookError(
            f"the agenda ends ({last.isoformat()}) before it starts ({first.isoformat()})"
        )
    sheets = range_data(sessions, first, last)
    span = days_title(first, last)
    buffer = io.BytesIO()
    canvas = styles.new_canvas(buffer, paper, f"Agenda — {span}")
    fit.share_repeats(canvas)
    width, height = page_size(paper)
    content = width - 2 * MARGIN
    rows = _rows(sheets, content)
    listing = _paginate(rows, height - 2 * MARGIN - _title_height())
    total = len(listing) + len(sheets)
    page = 0
    for number, page_rows in enumerate(listing):
        page += 1
        _draw_title(canvas, span, len(sheets), height, content, continued=number > 0)
        top = height - MARGIN - _title_height()
        if not sheets:
            _draw_nothing(canvas, top, content, NOTHING[first != last])
        fit.draw_stack(canvas, page_rows, MARGIN, top, content)
        _footer(canvas, f"Agenda · {span} · page {page} of {total}")
        canvas.showPage()
    for done, sheet in enumerate(sheets, 1):
        page += 1
        draw_sheet(canvas, sheet, paper, footer=f"Agenda · {span} · page {page} of {total}")
        canvas.showPage()
        report_progress(progress, done, len(sheets))
    canvas.save()
    return buffer.getvalue()


def days_title(first: date, last: date) -> str:
    """ "Monday 23 November 2026", or "Mon 23 Nov – Sun 29 Nov 2026" for several days."""
    if first == last:
        return styles.long_day(first)
    start = styles.short_day(first) + ("" if first.year == last.year else f" {first.year}")
    return f"{start} – {styles.short_day(last)} {last.year}"


# -- the list ----------------------------------------------------------------------------------


def _rows(sheets: list[SheetData], width: float) -> list[tuple[Piece, bool, date]]:
    """A heading per day (True) and a row per meeting (False), with their day, in order."""
    by_day: dict[date, list[SheetData]] = {}
    for sheet in sheets:
        start = sheet.meeting.scheduled_at
        assert start is not None  # range_data only returns scheduled meetings
        by_day.setdefault(start.astimezone().date(), []).append(sheet)
    rows: list[tuple[Piece, bool, date]] = []
    for day, day_sheets in by_day.items():
        rows.append((_day_heading(day), True, day))
        rows.extend((_meeting_row(sheet, width), False, day) for sheet in day_sheets)
    return rows


def _day_heading(day: date, continued: bool = False) -> Piece:
    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        canvas.setFont(fonts.BOLD, 10.5)
        canvas.setFillColor(styles.INK)
        canvas.drawString(x, top - 20, styles.long_day(day) + (" (continued)" * continued))
        styles.rule(canvas, x, top - 25, w, styles.INK)

    return Piece(31, draw)


def _meeting_row(sheet: SheetData, width: float) -> Piece:
    meeting = sheet.meeting
    assert meeting.scheduled_at is not None
    widths = [share * width for share in _COLUMNS]
    mine = meeting.scheduled_at.astimezone()
    end = mine + timedelta(minutes=meeting.duration_minutes)
    when = f"{styles.clock(mine)}–{styles.clock(end)}"
    theirs = meeting.local_start()
    if meeting.timezone and theirs is not None and theirs.utcoffset() != mine.utcoffset():
        city = meeting.timezone.rsplit("/", 1)[-1].replace("_", " ")
        when += f"\n{styles.clock(theirs)} {city}"
    role = " · ".join(p for p in (meeting.person_title, meeting.person_organisation) if p)
    person: fit.Segments = ((meeting.person_name, True),) + (
        (("\n" + role, False),) if role else ()
    )
    channel = CHANNEL_LABELS.get(meeting.channel, meeting.channel.capitalize())
    cells = [
        fit.fit(when, styles.LIST_ROW, widths[0] - GUTTER / 2, 2),
        fit.fit(person, styles.LIST_ROW, widths[1] - GUTTER / 2, 2),
        fit.fit(meeting.place or "—", styles.LIST_ROW, widths[2] - GUTTER / 2, 2),
        fit.fit(f"{channel}\n{meeting.duration_minutes} min", styles.LIST_ROW, widths[3], 2),
    ]
    height = max(cell.height for cell in cells) + 12

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        left = x
        for cell, cell_width in zip(cells, widths, strict=True):
            cell.draw(canvas, left, top - 6)
            left += cell_width
        styles.rule(canvas, x, top - height, w, styles.RULE)

    return Piece(height, draw)


def _paginate(rows: list[tuple[Piece, bool, date]], room: float) -> list[list[Piece]]:
    """Rows split into pages; a day's heading never ends a page, and a page that starts in
    the middle of a day says which. Always at least one page."""
    pages: list[list[Piece]] = [[]]
    used = 0.0
    for index, (row, heading, day) in enumerate(rows):
        need = row.height
        if heading and index + 1 < len(rows):
            need += rows[index + 1][0].height  # keep the heading with its first meeting
        if pages[-1] and used + need > room:
            pages.append([])
            used = 0.0
            if not heading:
                pages[-1].append(_day_heading(day, continued=True))
                used += pages[-1][0].height
        pages[-1].append(row)
        used += row.height
    return pages


def _title_height() -> float:
    return 62.0


def _draw_title(
    canvas: Canvas, span: str, count: int, height: float, width: float, *, continued: bool
) -> None:
    top = height - MARGIN
    styles.label(canvas, MARGIN, top - styles.LABEL_SIZE, "Agenda" + (" (continued)" * continued))
    canvas.setFont(fonts.BOLD, 20)
    canvas.setFillColor(styles.INK)
    canvas.drawString(MARGIN, top - 33, span)
    if count:
        meetings = f"{count} meeting" + ("" if count == 1 else "s")
        canvas.setFont(fonts.BODY, 10.5)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(MARGIN, top - 50, meetings + ", each with its prep sheet")


def _draw_nothing(canvas: Canvas, top: float, width: float, nothing: str) -> None:
    canvas.setFont(fonts.BOLD, 13)
    canvas.setFillColor(styles.INK)
    canvas.drawString(MARGIN, top - 30, nothing)
    hint = fit.fit(NOTHING_HINT, styles.BODY, min(width, 360), 3)
    hint.draw(canvas, MARGIN, top - 42)


def _footer(canvas: Canvas, text: str) -> None:
    styles.footer(canvas, MARGIN, MARGIN - _FOOTER, text)
