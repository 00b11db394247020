"""The parts of a prep sheet, each a stack of pieces sized for a given text level.

``prep_sheet`` arranges them on the page and picks the level; everything here only builds
pieces (measured, not yet drawn), so trying another level costs no drawing. All user text
goes through :mod:`workbook.reports.fit` and so through ``fonts.markup``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from reportlab.pdfgen.canvas import Canvas

from workbook.core.circles import circle_label
from workbook.core.meetings import CHANNEL_LABELS
from workbook.core.question_texts import LETTER_NAMES
from workbook.reports import fit, fonts, styles
from workbook.reports.fit import Piece, Segments
from workbook.reports.prep_data import SheetData
from workbook.reports.styles import LINE_PITCH

PAD = 9.0  # inside the ask's box
_BAR = 2.5  # the dark bar on its left
_CLOCK = 24.0  # the agenda's time column
_BOX = 12.0  # the checklist's box column


@dataclass(frozen=True)
class Level:
    """How many lines each text at the top of the sheet may take (lower levels show less)."""

    know: int
    appropriate: int
    tags: int
    notes: int
    ask: int
    bring: int
    own_notes: int


# -- small pieces ------------------------------------------------------------------------------


def label_piece(text: str, after: float) -> Piece:
    """A section label (our own words); ``after`` is the room it takes, text included."""

    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        styles.label(canvas, x, top - styles.LABEL_SIZE, text)

    return Piece(after, draw)


def lines_piece(count: int, indent: float) -> Piece:
    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        styles.writing_lines(canvas, x + indent, top, width - indent, count)

    return Piece(count * LINE_PITCH, draw)


def _muted(text: str, width: float) -> Piece:
    return fit.text(fit.fit(text, styles.SMALL_MUTED, width, 2))


# -- when, where, how ------------------------------------------------------------------------


def when_band(data: SheetData, width: float) -> Piece:
    """Three cells between two rules: when (in the meeting's zone), where, how."""
    widths = (width * 0.38, width * 0.34, width * 0.28)
    cells = [
        ("When", fit.fit(_when(data), styles.BODY, widths[0] - 12, 3)),
        ("Where", fit.fit(_where(data), styles.BODY, widths[1] - 12, 3)),
        ("How", fit.fit(_how(data), styles.BODY, widths[2] - 12, 3)),
    ]
    height = 8 + 11 + max(cell.height for _, cell in cells) + 7

    def draw(canvas: Canvas, x: float, top: float, w: float) -> None:
        styles.rule(canvas, x, top, w, styles.INK)
        left = x
        for (name, cell), cell_width in zip(cells, widths, strict=True):
            styles.label(canvas, left, top - 8 - styles.LABEL_SIZE, name)
            cell.draw(canvas, left, top - 8 - 11)
            left += cell_width
        styles.rule(canvas, x, top - height, w)

    return Piece(height, draw)


def _when(data: SheetData) -> Segments:
    meeting = data.meeting
    start = meeting.local_start()
    if start is None or meeting.scheduled_at is None:
        return (("Not scheduled yet", True), ("\nAgree a time, then print this again.", False))
    end = start + timedelta(minutes=meeting.duration_minutes)
    abbreviation = start.tzname() or ""
    if abbreviation[:1] in "+-":  # zones without a letter abbreviation say "+03"
        abbreviation = ""
    zone = abbreviation
    if meeting.timezone:
        city = meeting.timezone.rsplit("/", 1)[-1].replace("_", " ")
        zone = f"{city} time" + (f" ({abbreviation})" if abbreviation else "")
    parts: list[tuple[str, bool]] = [
        (styles.long_day(start.date()), True),
        (f"\n{styles.clock(start)}–{styles.clock(end)} {zone}".rstrip(), False),
    ]
    yours = meeting.scheduled_at.astimezone()
    if meeting.timezone and yours.utcoffset() != start.utcoffset():
        day = "" if yours.date() == start.date() else f" on {styles.short_day(yours.date())}"
        parts.append((f"\nThat is {styles.clock(yours)}{day} where you are.", False))
    return tuple(parts)


def _where(data: SheetData) -> Segments:
    place = data.meeting.place.strip()
    return ((place, False),) if place else (("Not set yet", False),)


def _how(data: SheetData) -> Segments:
    meeting = data.meeting
    channel = CHANNEL_LABELS.get(meeting.channel, meeting.channel.capitalize())
    parts: list[tuple[str, bool]] = [(f"{channel} · {meeting.duration_minutes} min", True)]
    for contact in (meeting.person_phone, meeting.person_email):
        if contact.strip():
            parts.append(("\n" + " ".join(contact.split()), False))
    return tuple(parts)


# -- who they are, the ask ---------------------------------------------------------------------


def who_pieces(data: SheetData, width: float, level: Level) -> list[Piece]:
    """About them: how you know them, who introduced you, what they may advise on, notes."""
    meeting = data.meeting
    circle = circle_label(meeting.person_circle)
    detail = " ".join(meeting.person_circle_detail.split())
    know: list[tuple[str, bool]] = [(f"{circle} ({detail})" if detail else circle, True)]
    if meeting.person_how_we_know.strip():
        know.append((" — " + meeting.person_how_we_know.strip(), False))
    pieces = [
        label_piece("How you know them", after=11),
        fit.text(fit.fit(tuple(know), styles.BODY, width, level.know), after=2),
    ]
    if meeting.introduced_by_name.strip():
        intro = (("Introduced by ", False), (meeting.introduced_by_name, True))
        pieces.append(fit.text(fit.fit(intro, styles.BODY, width, 1), after=2))
    pieces += [fit.gap(7), label_piece("They may advise on", after=11)]
    if data.tags:
        tags = fit.fit(_tag_segments(data), styles.SMALL, width, level.tags)
        pieces.append(fit.text(tags, after=3))
    else:
        pieces.append(_muted("No advice tags yet: add them on the Advice page.", width))
        pieces.append(fit.gap(3))
    notes = (("Notes: ", True), (data.person_notes.strip(), False))
    if data.person_notes.strip():
        pieces.append(fit.text(fit.fit(notes, styles.SMALL, width, level.notes)))
    return pieces


def _tag_segments(data: SheetData) -> Segments:
    parts: list[tuple[str, bool]] = []
    for tag in data.tags:
        if parts:
            parts.append(("  ·  ", False))
        parts.append((" ".join(tag.name.split()), True))
        if tag.note.strip():
            parts.append((": " + " ".join(tag.note.split()), False))
    return tuple(parts)


def you_pieces(data: SheetData, width: float, level: Level) -> list[Piece]:
    """About you: what is fair to ask at this strength, what you bring, your own notes."""
    fair: list[tuple[str, bool]] = [(data.strength, True)]
    if data.appropriate:
        fair.append((" — " + data.appropriate, False))
    pieces = [
        label_piece("What is fair to ask", after=11),
        fit.text(fit.fit(tuple(fair), styles.SMALL, width, level.appropriate)),
        fit.gap(7),
        label_piece("What I bring", after=11),
    ]
    if data.value_statement.strip():
        bring = fit.fit(data.value_statement, styles.SMALL, width, level.bring)
        pieces.append(fit.text(bring))
    else:
        pieces.append(_muted("Add a line or two about what you bring on the Target page.", width))
    own = data.meeting.agenda_notes.strip()
    if own and level.own_notes:
        pieces += [fit.gap(7), label_piece("Your notes for this meeting", after=11)]
        pieces.append(fit.text(fit.fit(own, styles.SMALL, width, level.own_notes)))
    return pieces


def ask_pieces(data: SheetData, width: float, level: Level) -> list[Piece]:
    """The one-sentence ask, large, across the page: what to say after the small talk."""
    inner = width - 2 * PAD - _BAR
    pieces = [fit.gap(PAD), label_piece("Your ask — say it in one sentence", after=13)]
    if data.ask and data.ask.strip():
        pieces.append(fit.text(fit.fit(data.ask, styles.ASK, inner, level.ask)))
    else:
        pieces.append(_muted("No ask yet: write your one sentence on the Target page.", inner))
    return [*pieces, fit.gap(PAD)]


def draw_ask_box(
    canvas: Canvas, x: float, top: float, width: float, pieces: Sequence[Piece]
) -> None:
    """The ask's pieces on a faint tint with a dark bar on the left (reads in grey too)."""
    height = fit.stack_height(pieces)
    canvas.setFillColor(styles.SHADE)
    canvas.rect(x, top - height, width, height, stroke=0, fill=1)
    canvas.setFillColor(styles.INK)
    canvas.rect(x, top - height, _BAR, height, stroke=0, fill=1)
    fit.draw_stack(canvas, pieces, x + PAD + _BAR, top, width - 2 * PAD - _BAR)


# -- the agenda and the checklist --------------------------------------------------------------


def agenda_pieces(data: SheetData, width: float, detail_lines: int) -> list[Piece]:
    """Each part of the meeting: its start, title and minutes, and a line or two of what to
    do (not for the ask and the questions: the sheet shows them in full)."""
    pieces = [label_piece(f"Agenda — {data.meeting.duration_minutes} minutes", after=12)]
    inner = width - _CLOCK
    for item in data.agenda:
        title = ((item.title, True), (f"  {item.minutes} min", False))
        head = fit.fit(title, styles.SMALL, inner, 1)
        shown = "" if item.section == "ask" or item.section in LETTER_NAMES else item.detail
        detail = fit.fit(shown, styles.SMALL_MUTED, inner, detail_lines)
        pieces.append(_timed(item.clock, head, detail))
    return pieces


def _timed(clock: str, head: fit.Fitted, detail: fit.Fitted) -> Piece:
    title = fit.text(head, indent=_CLOCK)
    what = fit.text(detail, indent=_CLOCK)

    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        canvas.setFont(fonts.BOLD, styles.SMALL.fontSize)
        canvas.setFillColor(styles.INK)
        canvas.drawString(x, top - styles.SMALL.fontSize, clock)
        title.draw(canvas, x, top, width)
        what.draw(canvas, x, top - title.height, width)

    return Piece(title.height + what.height + 4, draw)


def checklist_pieces(data: SheetData, width: float, lines: int) -> list[Piece]:
    """What to do after the meeting, with the dates the follow-up rules will use."""
    dates = data.follow_up
    items: list[Segments] = [(("The same day: ", True), ("note what you learned.", False))]
    if dates is not None:
        items += [
            ((f"Thank-you by {styles.short_day(dates.thank_you)}", True),
             (" — name one thing you will act on.", False)),
            (("Add the names", True),
             (" to your list and the organisations to your targets.", False)),
            ((f"Report back by {styles.short_day(dates.report_back)}", True),
             (" — what you did with their advice.", False)),
            ((f"Keep in touch from {styles.short_day(dates.keep_in_touch)}", True),
             (" — news, no request.", False)),
        ]  # fmt: skip
    else:
        items += [
            (("Thank-you", True), (" within a day.", False)),
            (("Add the names", True),
             (" to your list and the organisations to your targets.", False)),
            (("Report back", True), (" after about a week.", False)),
            (("Keep in touch", True), (" every few months: news, no request.", False)),
        ]  # fmt: skip
    pieces = [fit.gap(8), label_piece("After the meeting", after=12)]
    for item in items:
        fitted = fit.fit(item, styles.SMALL, width - _BOX, lines)
        pieces.append(_check(fitted))
    return pieces


def _check(fitted: fit.Fitted) -> Piece:
    body = fit.text(fitted, indent=_BOX)

    def draw(canvas: Canvas, x: float, top: float, width: float) -> None:
        styles.checkbox(canvas, x, top - 7.5, 7)
        body.draw(canvas, x, top, width)

    return Piece(body.height + 5, draw)
