"""The one-page prep sheet a person takes to a research meeting.

Top to bottom: who and when; how you know them and what they may advise on, beside your ask
and what you bring; then the agenda with times and the after-meeting checklist, beside the
questions with room to write, ruled lines for the names they suggest, and the closing
question. It is always exactly one page: the layout tries plans from the most generous to the
most compact (:data:`PLANS`), shrinking the writing space first and only then trimming texts
(with a visible "…"); whatever room is left becomes writing lines under the closing question.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from workbook.core.agenda import GIVE_BACK_QUESTION
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.reports import fit, fonts, styles
from workbook.reports.fit import Piece
from workbook.reports.output import Progress, report_progress
from workbook.reports.paper import Paper, page_size
from workbook.reports.prep_data import SheetData, sheet_data
from workbook.reports.prep_parts import (
    Level,
    agenda_pieces,
    ask_pieces,
    checklist_pieces,
    draw_ask_box,
    label_piece,
    lines_piece,
    when_band,
    who_pieces,
    you_pieces,
)
from workbook.reports.styles import GUTTER, LINE_PITCH, MARGIN

HEADER_LABEL = "Research meeting — prep sheet"
_BADGE = 14.0  # the TIARA letter's gutter left of each question


# The top of the sheet, from everything shown to the least; the ask keeps two lines at worst.
LEVELS = (
    Level(know=2, appropriate=3, tags=4, notes=4, ask=4, bring=5, own_notes=3),
    Level(know=2, appropriate=3, tags=3, notes=2, ask=4, bring=4, own_notes=2),
    Level(know=2, appropriate=3, tags=2, notes=1, ask=3, bring=3, own_notes=1),
    Level(know=1, appropriate=2, tags=1, notes=1, ask=3, bring=2, own_notes=1),
    Level(know=1, appropriate=1, tags=1, notes=0, ask=2, bring=1, own_notes=0),
)
# The agenda column: lines of detail per part, lines per checklist item.
AGENDA_LEVELS = ((3, 2), (2, 2), (1, 2), (1, 1), (0, 1))


@dataclass(frozen=True)
class Plan:
    """The question column: writing lines under each question, ruled rows for names, and
    lines each question's text may take."""

    writing: int
    names: int
    question: int


# Generous plans keep room to write under every question; the top of the sheet is trimmed
# before going further. The tight plans give up writing lines under questions (only a sheet
# with very many questions gets there).
GENEROUS = tuple(
    Plan(*numbers) for numbers in ((3, 6, 3), (3, 5, 3), (2, 5, 3), (2, 4, 3), (1, 4, 3), (1, 3, 3))
)
TIGHT = tuple(
    Plan(*numbers) for numbers in ((1, 3, 2), (1, 3, 1), (0, 3, 3), (0, 3, 2), (0, 3, 1), (0, 2, 1))
)


@dataclass(frozen=True)
class Frame:
    """The page and its printable box."""

    width: float
    height: float

    @property
    def content(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def top(self) -> float:
        return self.height - MARGIN


# -- the builders --------------------------------------------------------------------------------


def prep_sheet_pdf(
    sessions: SessionFactory,
    meeting_ids: Sequence[int],
    *,
    paper: Paper,
    progress: Progress | None = None,
) -> bytes:
    """One page per meeting, in the order given; WorkbookError for an unknown meeting."""
    if not meeting_ids:
        raise WorkbookError("choose a meeting to print its prep sheet")
    sheets = sheet_data(sessions, meeting_ids)
    name = sheets[0].meeting.person_name if len(sheets) == 1 else f"{len(sheets)} meetings"
    buffer = io.BytesIO()
    canvas = styles.new_canvas(buffer, paper, f"Prep sheet — {' '.join(name.split())}")
    if len(sheets) > 1:
        fit.share_repeats(canvas)
    for done, sheet in enumerate(sheets, 1):
        draw_sheet(canvas, sheet, paper)
        canvas.showPage()
        report_progress(progress, done, len(sheets))
    canvas.save()
    return buffer.getvalue()


def draw_sheet(canvas: Canvas, data: SheetData, paper: Paper, footer: str = "") -> None:
    """Draw one prep sheet on the canvas's current page (the caller calls showPage)."""
    _choose(data, Frame(*page_size(paper))).draw(canvas)
    if footer:
        styles.footer(canvas, MARGIN, MARGIN - 18, footer)


# -- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    frame: Frame
    header: list[Piece]
    ask: list[Piece]
    who: list[Piece]
    you: list[Piece]
    agenda: list[Piece]
    questions: list[Piece]
    room: float  # for the agenda and question columns

    def draw(self, canvas: Canvas) -> None:
        f = self.frame
        y = fit.draw_stack(canvas, self.header, MARGIN, f.top, f.content)
        draw_ask_box(canvas, MARGIN, y, f.content, self.ask)
        y -= fit.stack_height(self.ask) + _UNDER_ASK
        them, you = _split(f.content)
        fit.draw_stack(canvas, self.who, MARGIN, y, them)
        fit.draw_stack(canvas, self.you, MARGIN + them + GUTTER, y, you)
        y = MARGIN + self.room
        styles.rule(canvas, MARGIN, y + _BETWEEN / 2, f.content)
        left = f.content * _AGENDA
        fit.draw_stack(canvas, self.agenda, MARGIN, y, left)
        x = MARGIN + left + GUTTER
        width = f.content - left - GUTTER
        end = fit.draw_stack(canvas, self.questions, x, y, width)
        # Whatever room is left becomes lines under the closing question.
        styles.writing_lines(canvas, x, end, width, int((end - MARGIN) // LINE_PITCH))


_AGENDA = 0.34  # the agenda column's share of the width
_BETWEEN = 14.0  # between the top of the sheet and the columns
_UNDER_ASK = 10.0
_NOTES_LABEL = 14.0
_CLOSING_LINES = 2  # at least, under "Is there anything I can do for you?"


def _choose(data: SheetData, frame: Frame) -> _Layout:
    """The most generous layout that fits the page.

    Writing space shrinks first (down to one line under each question), then the agenda's
    details, then the texts at the top of the sheet. Only when even that leaves no line under
    each question do the questions lose their lines (the texts at the top come back), then
    lines of their own text, and at last the questions that do not fit at all.
    """
    width = frame.content
    them, mine = _split(width)
    left = width * _AGENDA
    right = width - left - GUTTER
    header = _header(data, width)
    total = len(data.questions)

    def attempt(
        level: Level, plans: Sequence[Plan], questions: list[tuple[str, str]], force: bool = False
    ) -> _Layout | None:
        ask = ask_pieces(data, width, level)
        who = who_pieces(data, them, level)
        you = you_pieces(data, mine, level)
        top = fit.stack_height(header) + fit.stack_height(ask) + _UNDER_ASK
        top += max(fit.stack_height(who), fit.stack_height(you))
        room = frame.top - MARGIN - top - _BETWEEN
        agenda: list[Piece] = []
        for detail, check in AGENDA_LEVELS:
            agenda = agenda_pieces(data, left, detail) + checklist_pieces(data, left, check)
            if fit.stack_height(agenda) <= room:
                break
        else:
            if not force:
                return None
        for plan in plans:
            asked = _question_column(data, questions, right, plan, total, 0)
            spare = room - fit.stack_height(asked) - _CLOSING_LINES * LINE_PITCH
            if spare < 0 and not (force and plan is plans[-1]):
                continue
            notes = int((spare - _NOTES_LABEL - LINE_PITCH) // LINE_PITCH)
            if plan.writing == 0 and notes > 0:  # room to write, if not under each question
                asked = _question_column(data, questions, right, plan, total, notes)
            return _Layout(frame, header, ask, who, you, agenda, asked, room)
        return None

    questions = list(data.questions)
    for plans in (GENEROUS, TIGHT):
        for level in LEVELS:
            layout = attempt(level, plans, questions)
            if layout is not None:
                return layout
    while questions:  # only very many questions get here: show those that fit, say so
        questions.pop()
        layout = attempt(LEVELS[-1], TIGHT, questions)
        if layout is not None:
            return layout
    layout = attempt(LEVELS[-1], TIGHT, questions, force=True)
    assert layout is not None
    return layout


def _split(width: float) -> tuple[float, float]:
    """Widths of the columns about them and about you (yours holds the longer texts)."""
    them = (width - GUTTER) * 0.45
    return them, width - GUTTER - them


def _question_column(
    data: SheetData,
    questions: list[tuple[str, str]],
    width: float,
    plan: Plan,
    total: int,
    notes: int,
) -> list[Piece]:
    pieces = _questions(questions, width, plan, total - len(questions))
    if notes:
        pieces += [fit.gap(4), label_piece("Notes", after=_NOTES_LABEL - 4)]
        pieces += [lines_piece(notes, 0), fit.gap(6)]
    return [*pieces, *_names(data, width, plan), *_closing(width)]


def _header(data: SheetData, width: float) -> list[Piece]:
    meeting = data.meeting
    role = " · ".join(
        part
        for part in (meeting.person_title, meeting.person_organisation, data.person_location)
        if part.strip()
    )
    name_width = width - 150  # clear of the label on the right
    name = fit.one_line(meeting.person_name or "(no name)", styles.TITLE, name_width, bold=True)
    pieces = [
        fit.Piece(0, _header_label),
        fit.text(name, after=1),
        fit.text(fit.one_line(role, styles.SUBTITLE, width)),
        fit.gap(8),
    ]
    return [*pieces, when_band(data, width), fit.gap(12)]


def _header_label(canvas: Canvas, x: float, top: float, width: float) -> None:
    styles.label(canvas, x + width, top - 13, HEADER_LABEL, right=True)


def _questions(
    questions: list[tuple[str, str]], width: float, plan: Plan, hidden: int
) -> list[Piece]:
    text_width = width - _BADGE
    pieces = [label_piece("Questions — in TIARA order", after=12)]
    if not questions and not hidden:
        note = "No questions chosen yet: pick a few on the Meetings page, or write your own here."
        pieces.append(fit.text(fit.fit(note, styles.SMALL_MUTED, width, 2)))
        return [*pieces, lines_piece(max(3, plan.writing * 2), 0), fit.gap(10)]
    previous = ""
    for letter, question in questions:
        fitted = fit.fit(question, styles.QUESTION, text_width, plan.question)
        badge = letter[0] if letter != previous else ""
        if previous and badge:
            pieces.append(fit.gap(3))
        previous = letter
        pieces.append(_question_piece(badge, fitted))
        if plan.writing:
            pieces.append(lines_piece(plan.writing, _BADGE))
        pieces.append(fit.gap(5 if plan.writing else 3))
    if hidden:
        more = f"… and {hidden} more: see the meeting's questions in the app."
        pieces.append(fit.text(fit.one_line(more, styles.SMALL_MUTED, width)))
    return pieces


def _names(data: SheetData, width: float, plan: Plan) -> list[Piece]:
    asks = next((item.questions for item in data.agenda if item.section == "names"), ())
    prompt = fit.fit(" ".join(asks), styles.SMALL_MUTED, width, 2)
    header = [
        fit.gap(6),
        label_piece("Names and organisations they suggest", after=10),
        fit.text(prompt, after=4),
    ]

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        column = (w - 12) / 2
        canvas.setFont(fonts.BODY, 6.5)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(x, top - 7, "Name")
        canvas.drawString(x + column + 12, top - 7, "Organisation")
        styles.writing_lines(canvas, x, top - 5, column, plan.names)
        styles.writing_lines(canvas, x + column + 12, top - 5, column, plan.names)

    return [*header, Piece(5 + plan.names * LINE_PITCH + 12, draw)]


def _closing(width: float) -> list[Piece]:
    closing = fit.fit(GIVE_BACK_QUESTION, styles.CLOSING, width, 2, bold=True)
    return [fit.text(closing)]


def _question_piece(badge: str, fitted: fit.Fitted) -> Piece:
    body = fit.text(fitted, indent=_BADGE)

    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        if badge:
            canvas.setFont(fonts.BOLD, 9.5)
            canvas.setFillColor(styles.INK)
            canvas.drawString(x, top - 9.5, badge)
        body.draw(canvas, x, top, width)

    return Piece(body.height, draw)
