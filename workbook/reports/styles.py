"""The look of printed sheets: type sizes, greys, margins, and small drawing helpers.

Everything prints well in black and white: one ink, two greys (text that steps back, and the
writing lines), no colour that a mono laser turns into mud. DejaVu Sans is the only family
(through :mod:`workbook.reports.fonts`), so the hierarchy comes from size, weight and grey.
Dates are spelled out in English here, not with ``strftime``, so a sheet does not change with
the process locale.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from workbook.reports import fonts
from workbook.reports.paper import Paper, page_size

INK = Color(0.1, 0.1, 0.1)
MUTED = Color(0.38, 0.38, 0.38)  # secondary text: still crisp on a cheap printer
RULE = Color(0.72, 0.72, 0.72)  # writing lines: visible, yet quieter than handwriting
HAIRLINE = Color(0.55, 0.55, 0.55)
SHADE = Color(0.94, 0.94, 0.94)  # the ask's background: prints as a faint tint or not at all

MARGIN = 40.0  # points (14 mm): generous, and clear of every printer's unprintable edge
GUTTER = 18.0
LINE_PITCH = 18.0  # between writing lines: narrow ruled (6.35 mm), fine for quick notes
LABEL_SIZE = 7.0


def _style(name: str, size: float, leading: float, color: Color = INK) -> ParagraphStyle:
    # fontName=BODY so <b>/<i> inside fonts.markup() resolve to the DejaVu family.
    return ParagraphStyle(
        name, fontName=fonts.BODY, fontSize=size, leading=leading, textColor=color
    )


TITLE = _style("title", 20, 23)
SUBTITLE = _style("subtitle", 10.5, 13.5, MUTED)
ASK = _style("ask", 12.5, 16)
BODY = _style("body", 9, 11.5)
QUESTION = _style("question", 9.5, 12)
SMALL = _style("small", 8, 10)
SMALL_MUTED = _style("small_muted", 7.5, 9.2, MUTED)
CLOSING = _style("closing", 11, 14)
LIST_ROW = _style("list_row", 9, 11)
LIST_TITLE = _style("list_title", 16, 20)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_day(day: date) -> str:
    """ "Monday 23 November 2026" """
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """ "Mon 23 Nov" """
    return f"{DAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def clock(moment: datetime) -> str:
    """ "16:05": the 24-hour clock the rest of the app shows."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def new_canvas(buffer: io.BytesIO, paper: Paper, title: str) -> Canvas:
    """A canvas that writes the same bytes for the same drawing (no dates, no random ids)."""
    fonts.register_fonts()
    canvas = Canvas(
        buffer,
        pagesize=page_size(paper),
        invariant=1,
        pageCompression=1,
        # Else the canvas starts in Helvetica: a non-embedded font listed in the file, unused.
        initialFontName=fonts.BODY,
    )
    canvas.setTitle(title)
    canvas.setCreator("100 People Networking Workbook")
    return canvas


def label(
    canvas: Canvas, x: float, y: float, text: str, color: Color = MUTED, *, right: bool = False
) -> None:
    """A small capitalised section label (our own words only: it bypasses markup); with
    ``right``, ``x`` is where it ends."""
    canvas.setFillColor(color)
    canvas.setFont(fonts.BOLD, LABEL_SIZE)
    text = text.upper()
    if right:
        x -= canvas.stringWidth(text, fonts.BOLD, LABEL_SIZE) + 0.6 * len(text)
    canvas.drawString(x, y, text, charSpace=0.6)


def footer(canvas: Canvas, x: float, y: float, text: str) -> None:
    """A quiet line at the foot of a page (our own words and dates only)."""
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.BODY, 7)
    canvas.drawString(x, y, text)


def writing_lines(canvas: Canvas, x: float, top: float, width: float, count: int) -> float:
    """``count`` light grey lines to write on, the first one ``LINE_PITCH`` below ``top``;
    returns the y of the last line."""
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    y = top
    for _ in range(count):
        y -= LINE_PITCH
        canvas.line(x, y, x + width, y)
    return y


def checkbox(canvas: Canvas, x: float, y: float, size: float = 7.5) -> None:
    """An empty square to tick, its bottom-left corner at (x, y)."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.rect(x, y, size, size, stroke=1, fill=0)


def rule(canvas: Canvas, x: float, y: float, width: float, color: Color = HAIRLINE) -> None:
    canvas.setStrokeColor(color)
    canvas.setLineWidth(0.5)
    canvas.line(x, y, x + width, y)
