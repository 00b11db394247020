"""The "What I bring" cards: contact details on the front, the value statement on the back.

Two pages, printed long-edge duplex (or the sheet turned over by hand, flipped on its long
edge): page 1 the fronts, page 2 the backs. Flipping on the long edge mirrors the sheet left to
right, so each back is drawn where its front lands from behind: the left column's backs on the
right (:func:`back_boxes`). The sheets match common 10-up card stock:

- US Letter: 2 x 5 cards of 3.5 x 2 in with 0.75 in side and 0.5 in top and bottom margins and
  no gutters, the geometry of Avery 5371 / 8371 (and their many look-alikes);
- A4: 2 x 5 cards of 85 x 54 mm (the ISO bank-card size), no gutters, centred on the sheet.

Content stays inside a safe margin (1/8 in, 3 mm) from each card edge, so a cut or a perforation
that wanders a little never touches a letter. Text shrinks to fit; a long value statement is cut
with "…". Faint crop marks in the sheet margin show where to cut plain paper.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.my_details import MyDetails, get_my_details
from workbook.core.target import get_target
from workbook.reports import fonts
from workbook.reports.canvas_text import (
    draw_text,
    fit_block,
    fit_size,
    lines_that_fit,
    width_of,
    wrap_lines,
)
from workbook.reports.output import Progress, report_progress
from workbook.reports.paper import Paper, page_size

COLUMNS, ROWS = 2, 5
# Card size and the (side, top/bottom) sheet margins, in points.
CARD_SIZE: dict[Paper, tuple[float, float]] = {
    Paper.LETTER: (3.5 * inch, 2 * inch),
    Paper.A4: (85 * mm, 54 * mm),
}
LETTER_MARGINS = (0.75 * inch, 0.5 * inch)  # Avery 5371 / 8371
A4_MARGINS = (20 * mm, 13.5 * mm)  # (210 - 2 x 85) / 2 and (297 - 5 x 54) / 2: centred
MARGINS: dict[Paper, tuple[float, float]] = {Paper.LETTER: LETTER_MARGINS, Paper.A4: A4_MARGINS}
SAFE_MARGIN: dict[Paper, float] = {Paper.LETTER: inch / 8, Paper.A4: 3 * mm}

HEADING = "What I bring"
INK = (0.0, 0.0, 0.0)
SOFT = (0.3, 0.3, 0.3)
MARK = (0.6, 0.6, 0.6)
MARK_GAP, MARK_LENGTH = 3.0, 12.0  # crop marks start a little off the cards


@dataclass(frozen=True)
class Box:
    """A rectangle in points, ReportLab style: (x, y) is the bottom-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )


@dataclass(frozen=True)
class Text:
    """One line of text to draw on a card: baseline at (x, y)."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    colour: tuple[float, float, float] = INK

    def bounds(self) -> Box:
        """The area the line's glyphs can cover (the font's ascent and descent)."""
        ascent, descent = _ascent_descent(self.size)
        width = width_of(self.text, self.size, bold=self.bold, italic=self.italic)
        return Box(self.x, self.y + descent, width, ascent - descent)


def card_boxes(paper: Paper) -> list[Box]:
    """The ten cards of a sheet's front, row by row from the top, left to right."""
    card_width, card_height = CARD_SIZE[paper]
    side, top = MARGINS[paper]
    _, page_height = page_size(paper)
    return [
        Box(
            side + column * card_width,
            page_height - top - (row + 1) * card_height,
            card_width,
            card_height,
        )
        for row in range(ROWS)
        for column in range(COLUMNS)
    ]


def back_boxes(paper: Paper) -> list[Box]:
    """Where each card's back goes on the back page: its front box mirrored left to right,
    as a sheet flipped on its long edge puts it."""
    page_width, _ = page_size(paper)
    return [mirror(box, page_width) for box in card_boxes(paper)]


def mirror(box: Box, page_width: float) -> Box:
    return Box(page_width - box.right, box.y, box.width, box.height)


def inset(box: Box, margin: float) -> Box:
    """``box`` shrunk by ``margin`` on every side: where a card's content may go."""
    return Box(box.x + margin, box.y + margin, box.width - 2 * margin, box.height - 2 * margin)


def cards_pdf(
    sessions: SessionFactory,
    *,
    paper: Paper,
    progress: Progress | None = None,
    crop_marks: bool = True,
) -> bytes:
    """The card sheet as PDF bytes: fronts on page 1, backs on page 2 (see the module notes).

    WorkbookError when the user has not given their name yet. Without a value statement or an
    ask there is nothing for the back: the PDF then has the fronts only.
    """
    details = get_my_details(sessions)
    if not details.name.strip():
        raise WorkbookError("add your name and contact details first")
    target = get_target(sessions)
    statement, ask = target.answers.value_statement.strip(), (target.ask or "").strip()
    fonts.register_fonts()
    page_width, page_height = page_size(paper)
    safe = SAFE_MARGIN[paper]
    fronts = card_boxes(paper)
    front = front_lines(details, inset(fronts[0], safe))
    pages = [(fronts, front)]
    if statement or ask:
        backs = back_boxes(paper)
        pages.append((backs, back_lines(statement, ask, inset(backs[0], safe))))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, page_height), invariant=1, pageCompression=1)
    canvas.setTitle(f"Cards for {' '.join(details.name.split())}")
    canvas.setCreator("100 People Networking Workbook")
    for index, (boxes, lines) in enumerate(pages):
        if crop_marks:
            _crop_marks(canvas, boxes)
        # Laid out once on the first card, then moved to each: all ten are the same.
        origin = boxes[0]
        for box in boxes:
            for line in lines:
                _draw(canvas, line, box.x - origin.x, box.y - origin.y)
        canvas.showPage()
        report_progress(progress, index + 1, len(pages))
    canvas.save()
    return buffer.getvalue()


def front_lines(details: MyDetails, safe: Box) -> list[Text]:
    """The front of one card inside ``safe``: the name large, the headline under it, and the
    contact lines at the foot."""
    size, name = fit_size(details.name, safe.width, (14, 9), bold=True)
    ascent, descent = _ascent_descent(size)
    lines = [Text(safe.x, safe.top - ascent, name, size, bold=True)]
    contacts = details.contacts()
    contact_size = 7.5 if len(contacts) <= 4 else 7.0
    leading = contact_size * 1.35
    # The contacts sit on the bottom edge of the safe box, the last one lowest.
    bottom = safe.y - _ascent_descent(contact_size)[1]
    for index, contact in enumerate(reversed(contacts)):
        fitted_size, text = fit_size(contact, safe.width, (contact_size, 6))
        lines.append(Text(safe.x, bottom + index * leading, text, fitted_size))
    headline = details.headline.strip()
    if headline:
        head_top = safe.top - ascent + descent - 3
        contacts_top = bottom + (len(contacts) - 1) * leading + _ascent_descent(contact_size)[0]
        room = head_top - (contacts_top + 5 if contacts else safe.y)
        # Two lines at most: a headline is a few words, not a biography.
        room = min(room, _block_height(2, 8.5))
        head_size, head = fit_block(headline, safe.width, room, (8.5, 6.5))
        lines += _paragraph(head, head_size, safe.x, head_top, colour=SOFT)
    return [_aligned(line, safe) for line in lines]


def back_lines(statement: str, ask: str, safe: Box) -> list[Text]:
    """The back of one card inside ``safe``: "What I bring", the value statement, and the
    ask when there is room for it whole (else the statement alone, cut with "…" if need be).
    With no statement the ask takes its place under "What I'm looking for"."""
    heading = HEADING if statement else "What I'm looking for"
    body = statement or ask
    heading_size = 7.5
    y = safe.top - _ascent_descent(heading_size)[0]
    lines = [Text(safe.x, y, heading, heading_size, bold=True, colour=SOFT)]
    top = y + _ascent_descent(heading_size)[1] - 4  # where the body's glyphs may start
    room = top - safe.y
    with_ask = _with_ask(body, ask if statement else "", safe.width, room)
    if with_ask is not None:
        (size, text), (ask_size, ask_text) = with_ask
        lines += _paragraph(text, size, safe.x, top)
        ask_top = top - _block_height(len(text), size) - 5
        lines += _paragraph(ask_text, ask_size, safe.x, ask_top, italic=True, colour=SOFT)
    else:
        size, text = fit_block(body, safe.width, room, (9.5, 6))
        lines += _paragraph(text, size, safe.x, top)
    return [_aligned(line, safe) for line in lines]


def _with_ask(
    body: str, ask: str, width: float, room: float
) -> tuple[tuple[float, list[str]], tuple[float, list[str]]] | None:
    """The statement and the ask, both whole, at readable sizes, or None when they do not fit."""
    if not ask:
        return None
    for size in (9.5, 9.0, 8.5, 8.0, 7.5):
        ask_size = size - 1
        most = lines_that_fit(room, ask_size)  # no more lines than this can fit anyway
        text = wrap_lines(body, width, size, most + 1)
        ask_text = wrap_lines(ask, width, ask_size, most + 1, italic=True)
        needed = _block_height(len(text), size) + 5 + _block_height(len(ask_text), ask_size)
        if needed <= room:
            return (size, text), (ask_size, ask_text)
    return None


def _block_height(count: int, size: float, leading: float = 1.25) -> float:
    ascent, descent = _ascent_descent(size)
    return ascent - descent + (count - 1) * size * leading if count else 0.0


def _paragraph(
    lines: list[str],
    size: float,
    x: float,
    top: float,
    *,
    italic: bool = False,
    colour: tuple[float, float, float] = INK,
) -> list[Text]:
    first = top - _ascent_descent(size)[0]
    return [
        Text(x, first - index * size * 1.25, text, size, italic=italic, colour=colour)
        for index, text in enumerate(lines)
    ]


def _aligned(line: Text, safe: Box) -> Text:
    """Right-to-left text (a name in Arabic or Hebrew) sits against the right edge."""
    if not fonts.is_rtl(line.text):
        return line
    width = width_of(line.text, line.size, bold=line.bold, italic=line.italic)
    return Text(
        safe.right - width, line.y, line.text, line.size, line.bold, line.italic, line.colour
    )


def _ascent_descent(size: float) -> tuple[float, float]:
    # DejaVu's (ascent, descent), generous enough for the CJK font's shorter glyphs too.
    ascent, descent = pdfmetrics.getAscentDescent(fonts.BODY, size)
    return ascent, descent


def _draw(canvas: Canvas, line: Text, dx: float, dy: float) -> None:
    canvas.setFillColorRGB(*line.colour)
    draw_text(
        canvas, line.x + dx, line.y + dy, line.text, line.size, bold=line.bold, italic=line.italic
    )


def _crop_marks(canvas: Canvas, boxes: list[Box]) -> None:
    """Short faint lines in the sheet margin, in line with every card edge; none on the cards."""
    canvas.setStrokeColorRGB(*MARK)
    canvas.setLineWidth(0.3)
    left = min(box.x for box in boxes)
    right = max(box.right for box in boxes)
    bottom = min(box.y for box in boxes)
    top = max(box.top for box in boxes)
    for x in sorted({round(edge, 3) for box in boxes for edge in (box.x, box.right)}):
        for start, end in (
            (top + MARK_GAP, top + MARK_GAP + MARK_LENGTH),
            (bottom - MARK_GAP, bottom - MARK_GAP - MARK_LENGTH),
        ):
            canvas.line(x, start, x, end)
    for y in sorted({round(edge, 3) for box in boxes for edge in (box.y, box.top)}):
        for start, end in (
            (left - MARK_GAP, left - MARK_GAP - MARK_LENGTH),
            (right + MARK_GAP, right + MARK_GAP + MARK_LENGTH),
        ):
            canvas.line(start, y, end, y)
