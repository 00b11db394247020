"""The 100-people worksheet: a blank list to fill by hand, or the list so far with room to go on.

Landscape, because five columns written by hand need width more than height. The sheet walks
the circles of core.circles in order, each under its own memory-jogging question, and numbers
the lines 1 to 100 straight through the circles and pages. The blank sheet shares the 100 lines
out so every circle has room (family, friends and work the most). The filled sheet lists the
people circle by circle, then gives each circle that is still short of its share a few numbered
empty lines, so the total reaches 100 and the thin circles get their prompt again.

Drawn straight on a canvas (a grid of ruled lines is simpler there than in platypus); user text
goes through :mod:`workbook.reports.fonts` run by run, trimmed with a visible "…" to its column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from workbook.core.circles import CIRCLE_BY_VALUE, CIRCLES, CirclePrompt, strength_label
from workbook.core.db import SessionFactory
from workbook.core.models import Circle
from workbook.core.people import PersonRow, list_people
from workbook.core.referrals import long_date
from workbook.reports import fonts
from workbook.reports.canvas_text import draw_text, fit_line, width_of, wrap_lines
from workbook.reports.output import Progress, report_progress
from workbook.reports.paper import Paper, page_size

GOAL = 100
# How the blank sheet shares out the 100 lines: the circles most people know best get the most.
SHARES: dict[Circle, int] = {
    Circle.FAMILY: 12,
    Circle.FRIENDS: 12,
    Circle.NEIGHBOURS: 6,
    Circle.WORK: 18,
    Circle.SCHOOL: 10,
    Circle.SERVICES: 8,
    Circle.COMMUNITY: 8,
    Circle.PARENTS: 6,
    Circle.ONLINE: 8,
    Circle.EVENTS: 6,
    Circle.OTHER: 6,
}

MARGIN = 36.0  # half an inch all round: inside what any printer can reach
ROW = 21.0  # a handwriting line of about 0.29 in, as on college-ruled paper
HEADING = 32.0  # circle label and question, then the hint
CONTINUED = 20.0  # a circle going on over a page break: its label only
MIN_ROWS = 3  # never leave a circle heading alone at the foot of a page
TOP = 58.0  # title, subtitle and column labels
BOTTOM = 22.0  # the footer
# Columns as shares of the printable width: number, name, how I know them, strength, advice.
COLUMNS = (0.04, 0.28, 0.26, 0.15, 0.27)

INK = (0.0, 0.0, 0.0)
SOFT = (0.33, 0.33, 0.33)  # secondary text: still crisp on a black-and-white laser
RULE = (0.72, 0.72, 0.72)
FAINT = (0.86, 0.86, 0.86)


@dataclass(frozen=True)
class Line:
    """One numbered line of the sheet: a person, or room to write one."""

    number: int
    person: PersonRow | None = None


@dataclass(frozen=True)
class Section:
    """A circle's heading and its lines."""

    prompt: CirclePrompt
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Placed:
    """Something placed on a page: a heading (``continued`` or not) or a line; ``top`` in points
    from the top of the page."""

    top: float
    section: Section
    line: Line | None = None
    continued: bool = False


def blank_sections() -> list[Section]:
    """Every circle with its share of the 100 lines, numbered straight through."""
    sections: list[Section] = []
    number = 1
    for prompt in CIRCLES:
        count = SHARES.get(prompt.circle, 0)
        sections.append(Section(prompt, tuple(Line(number + i) for i in range(count))))
        number += count
    return sections


def filled_sections(people: Sequence[PersonRow]) -> list[Section]:
    """The people circle by circle (in list order), and empty lines up to 100 where short."""
    by_circle: dict[Circle, list[PersonRow]] = {prompt.circle: [] for prompt in CIRCLES}
    for person in people:
        prompt = CIRCLE_BY_VALUE.get(person.circle)
        by_circle[prompt.circle if prompt else Circle.OTHER].append(person)
    room = blank_room({circle: len(rows) for circle, rows in by_circle.items()})
    sections: list[Section] = []
    number = 1
    for prompt in CIRCLES:
        rows = by_circle[prompt.circle]
        lines = [Line(number + i, person) for i, person in enumerate(rows)]
        lines += [Line(number + len(rows) + i) for i in range(room[prompt.circle])]
        number += len(lines)
        if lines:
            sections.append(Section(prompt, tuple(lines)))
    return sections


def blank_room(counts: dict[Circle, int]) -> dict[Circle, int]:
    """Empty lines per circle so the sheet reaches 100: shared by how far each circle is short
    of its share (largest remainder, so they add up exactly)."""
    left = max(GOAL - sum(counts.values()), 0)
    short = {circle: max(share - counts.get(circle, 0), 0) for circle, share in SHARES.items()}
    total = sum(short.values())  # >= left, as the shares add up to GOAL
    if not left or not total:
        return dict.fromkeys(SHARES, 0)
    exact = {circle: left * gap / total for circle, gap in short.items()}
    room = {circle: int(value) for circle, value in exact.items()}
    by_remainder = sorted(SHARES, key=lambda c: (room[c] - exact[c], list(SHARES).index(c)))
    for circle in by_remainder[: left - sum(room.values())]:
        room[circle] += 1
    return room


def paginate(sections: Sequence[Section], height: float) -> list[list[Placed]]:
    """Place headings and lines on pages top to bottom; a heading always has a few lines
    under it, and a circle that goes on over a break gets its label again."""
    pages: list[list[Placed]] = [[]]
    top, bottom = MARGIN + TOP, height - MARGIN - BOTTOM
    y = top
    for section in sections:
        need = HEADING + ROW * min(MIN_ROWS, len(section.lines))
        if y + need > bottom and pages[-1]:
            pages.append([])
            y = top
        pages[-1].append(Placed(y, section))
        y += HEADING
        for line in section.lines:
            if y + ROW > bottom:
                pages.append([Placed(top, section, continued=True)])
                y = top + CONTINUED
            pages[-1].append(Placed(y, section, line))
            y += ROW
    return pages


def people_sheet_pdf(
    sessions: SessionFactory,
    *,
    blank: bool,
    paper: Paper,
    progress: Progress | None = None,
    today: date | None = None,
) -> bytes:
    """The worksheet as PDF bytes: ``blank`` to fill by hand, else the list so far."""
    fonts.register_fonts()
    people = [] if blank else list_people(sessions)
    sections = blank_sections() if blank else filled_sections(people)
    height, width = page_size(paper)  # landscape
    pages = paginate(sections, height)
    sheet = _Sheet(width, height, blank, len(people), today or date.today())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    canvas.setTitle("My 100 people" if not blank else "My 100 people: worksheet")
    canvas.setCreator("100 People Networking Workbook")
    for index, placed in enumerate(pages):
        sheet.draw_page(canvas, placed, index + 1, len(pages))
        canvas.showPage()
        report_progress(progress, index + 1, len(pages))
    canvas.save()
    return buffer.getvalue()


class _Sheet:
    """Draws pages of one worksheet (the fixed parts and each placed item)."""

    def __init__(self, width: float, height: float, blank: bool, count: int, day: date) -> None:
        self.width, self.height, self.blank, self.count, self.day = width, height, blank, count, day
        self.left, self.right = MARGIN, width - MARGIN
        usable = self.right - self.left
        edges = [self.left]
        for share in COLUMNS:
            edges.append(edges[-1] + share * usable)
        self.edges = edges  # column i spans edges[i]..edges[i + 1]

    def y(self, top: float) -> float:
        return self.height - top  # ReportLab measures up from the bottom

    def draw_page(self, canvas: Canvas, placed: list[Placed], page: int, pages: int) -> None:
        self._header(canvas)
        self._footer(canvas, page, pages)
        for item in placed:
            if item.line is not None:
                self._line(canvas, item.top, item.line)
            else:
                self._heading(canvas, item.top, item.section.prompt, item.continued)

    def _header(self, canvas: Canvas) -> None:
        base = self.y(MARGIN + 14)
        draw_text(canvas, self.left, base, "My 100 people", 16, bold=True)
        if self.blank:
            right = long_date(self.day)
            note = "One name on every line. Don't sort or judge yet: everyone knows someone."
        else:
            right = f"{self.count} of {GOAL} · {long_date(self.day)}"
            note = (
                "Your list so far, circle by circle. The empty lines are for the names to come."
                if self.count < GOAL
                else "Your list, circle by circle. Past 100? Keep going: every name is a door."
            )
        size = 11
        draw_text(canvas, self.right - width_of(right, size), base, right, size)
        canvas.setFillColorRGB(*SOFT)
        draw_text(canvas, self.left, base - 15, note, 8.5, italic=True)
        labels = (
            "#",
            "Name" if self.blank else "Name · organisation, title",
            "How I know them",
            "Strength",
            "Could advise on",
        )
        label_y = self.y(MARGIN + TOP - 5)
        for index, label in enumerate(labels):
            x = self.edges[index] + 3
            if index == 0:
                x = self.edges[1] - 6 - width_of(label, 7, bold=True)
            draw_text(canvas, x, label_y, label, 7, bold=True)
        canvas.setFillColorRGB(*INK)
        canvas.setStrokeColorRGB(*RULE)
        canvas.setLineWidth(0.8)
        rule_y = self.y(MARGIN + TOP - 1)
        canvas.line(self.left, rule_y, self.right, rule_y)

    def _footer(self, canvas: Canvas, page: int, pages: int) -> None:
        base = MARGIN
        canvas.setFillColorRGB(*SOFT)
        legend = (
            "Strength: would you borrow $10, $100 or $1000 from them? "
            "Lost touch: say hello and share your news before you ask for anything."
        )
        draw_text(canvas, self.left, base, legend, 7)
        label = f"Page {page} of {pages}"
        draw_text(canvas, self.right - width_of(label, 7), base, label, 7)
        canvas.setFillColorRGB(*INK)

    def _heading(self, canvas: Canvas, top: float, prompt: CirclePrompt, continued: bool) -> None:
        base = self.y(top + 15)
        label = f"{prompt.label}, continued" if continued else prompt.label
        draw_text(canvas, self.left, base, label, 11, bold=True)
        if continued:
            return
        x = self.left + width_of(label, 11, bold=True) + 10
        question = fit_line(prompt.question, self.right - x, 9.5)
        draw_text(canvas, x, base, question, 9.5)
        canvas.setFillColorRGB(*SOFT)
        hint = fit_line(prompt.hint, self.right - self.left, 7.5, italic=True)
        draw_text(canvas, self.left, base - 11, hint, 7.5, italic=True)
        canvas.setFillColorRGB(*INK)

    def _line(self, canvas: Canvas, top: float, line: Line) -> None:
        bottom = self.y(top + ROW)
        edges = self.edges
        canvas.setStrokeColorRGB(*FAINT)
        canvas.setLineWidth(0.5)
        for x in edges[2:-1]:  # light column guides for the hand
            canvas.line(x, bottom + 3, x, bottom + ROW - 5)
        canvas.setStrokeColorRGB(*RULE)
        canvas.setLineWidth(0.6)
        canvas.line(edges[1], bottom, self.right, bottom)
        if line.person is None:
            self._number(canvas, line.number, bottom + 4)
            self._strength_choices(canvas, bottom)
        else:
            self._person(canvas, bottom, line.number, line.person)
        canvas.setFillColorRGB(*INK)

    def _number(self, canvas: Canvas, number: int, base: float) -> None:
        canvas.setFillColorRGB(*SOFT)
        draw_text(canvas, self.edges[1] - 6 - width_of(str(number), 8), base, str(number), 8)

    def _strength_choices(self, canvas: Canvas, bottom: float) -> None:
        # Printed faintly so the hand can circle one; "lost" is short for lost touch.
        canvas.setFillColorRGB(0.55, 0.55, 0.55)
        x0, x1 = self.edges[3] + 4, self.edges[4] - 4
        choices = ("$10", "$100", "$1000", "lost")
        widths = [width_of(choice, 6.5) for choice in choices]
        gap = max((x1 - x0 - sum(widths)) / (len(choices) - 1), 2.0)
        x = x0
        for choice, width in zip(choices, widths, strict=True):
            draw_text(canvas, x, bottom + 4, choice, 6.5)
            x += width + gap

    def _person(self, canvas: Canvas, bottom: float, number: int, person: PersonRow) -> None:
        pad = 4.0
        widths = [self.edges[i + 1] - self.edges[i] - 2 * pad for i in range(len(COLUMNS))]
        work = ", ".join(
            part.strip() for part in (person.organisation, person.title) if part.strip()
        )
        cells: dict[int, list[tuple[str, float, bool, tuple[float, float, float]]]] = {
            1: [(fit_line(person.name, widths[1], 9, bold=True), 9, True, INK)],
            3: [(strength_label(person.strength), 8.5, False, INK)],
        }
        if work:
            cells[1].append((fit_line(work, widths[1], 7), 7, False, SOFT))
        for column, text in ((2, _how_we_know(person)), (4, ", ".join(person.advice))):
            cells[column] = [
                (line, 7, False, SOFT) for line in wrap_lines(text, widths[column], 7, 2)
            ]
        # Every column starts on the same baseline: the upper one when any cell needs two lines.
        two = any(len(lines) > 1 for lines in cells.values())
        bases = (bottom + 11.0, bottom + 3.5) if two else (bottom + 7.0,)
        self._number(canvas, number, bases[0])
        for column, lines in cells.items():
            for (text, size, bold, colour), base in zip(lines, bases, strict=False):
                canvas.setFillColorRGB(*colour)
                draw_text(canvas, self.edges[column] + pad, base, text, size, bold=bold)


def _how_we_know(person: PersonRow) -> str:
    parts = [person.how_we_know.strip()]
    detail = person.circle_detail.strip()
    if detail and detail.casefold() not in parts[0].casefold():  # "Mum's side" is often in both
        parts.insert(0, detail)
    if person.introduced_by.strip():
        parts.append(f"introduced by {person.introduced_by.strip()}")
    return "; ".join(part for part in parts if part)
