"""User text drawn straight on a ReportLab canvas: font runs, trimming with "…", wrapping, sizing.

For layouts with fixed boxes (the worksheet grid, business cards) where a Paragraph is more
machinery than help. Everything measures and draws through :mod:`workbook.reports.fonts`, so a
name in any script gets fonts that have its glyphs, and nothing is parsed as markup. Lines are
trimmed and wrapped as typed (logical order); ``fonts.runs`` shapes each line for display.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from workbook.reports import fonts

ELLIPSIS = "…"


def one_line(text: str) -> str:
    """Whitespace (newlines, tabs, runs of spaces) as single spaces, ends trimmed."""
    return " ".join(text.split())


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
) -> float:
    """Draw one line at baseline ``y`` from ``x``, run by run; returns the x after it."""
    for piece, font, unit_width in _runs(one_line(text), fonts.primary_font(bold, italic)):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += unit_width * size
    return x


@lru_cache(maxsize=16384)
def _runs(text: str, primary: str) -> tuple[tuple[str, str, float], ...]:
    # Each run with its width at size 1 (widths scale with the size): the same labels, numbers
    # and names are drawn on every line of a sheet.
    return tuple(
        (run.text, run.font, pdfmetrics.stringWidth(run.text, run.font, 1.0))
        for run in fonts.runs(text, primary)
    )


def width_of(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    return _measure(one_line(text), size, bold, italic)


@lru_cache(maxsize=16384)  # names, tags and words recur on every line and card
def _measure(text: str, size: float, bold: bool, italic: bool) -> float:
    return fonts.string_width(text, size, bold, italic)


def fit_line(
    text: str, width: float, size: float, *, bold: bool = False, italic: bool = False
) -> str:
    """``text`` on one line, trimmed at the end with "…" so it is at most ``width`` wide."""
    text = one_line(text)
    # No glyph is narrower than a fifth of the size (combining marks aside): longer text cannot
    # fit, so a 10,000-character note is measured a few hundred characters at a time.
    most = int(width / (size * 0.2)) + 1
    if len(text) <= most and width_of(text, size, bold=bold, italic=italic) <= width:
        return text
    low, high = 0, min(len(text), most)
    while low < high:  # the longest prefix that fits with its "…"
        middle = (low + high + 1) // 2
        candidate = text[:middle].rstrip() + ELLIPSIS
        if width_of(candidate, size, bold=bold, italic=italic) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ELLIPSIS


def wrap_lines(
    text: str,
    width: float,
    size: float,
    max_lines: int,
    *,
    bold: bool = False,
    italic: bool = False,
) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width``; the last line is trimmed
    with "…" when text is left over. A word longer than a line (or text without spaces, as
    Chinese is written) breaks between characters."""
    words = one_line(text).split(" ") if text.strip() else []
    # Widths add up word by word (ReportLab does not kern), so each word is measured once.
    space = _measure(" ", size, bold, italic)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    index = 0
    while index < len(words) and len(lines) < max_lines:
        word = words[index]
        extra = _measure(word, size, bold, italic) + (space if current else 0.0)
        if used + extra <= width:
            current.append(word)
            used += extra
            index += 1
        elif current:
            lines.append(" ".join(current))
            current, used = [], 0.0
        else:  # a word wider than the whole line: break it where it stops fitting
            head = _longest_prefix(word, width, size, bold, italic)
            lines.append(head)
            words[index] = word[len(head) :]
    if current and len(lines) < max_lines:
        lines.append(" ".join(current))
        current = []
    rest = " ".join([*current, *words[index:]]).strip()
    if rest and lines:  # something did not fit: the last line says so
        # Always too wide (the next word did not fit), so this trims and adds the "…".
        lines[-1] = fit_line(f"{lines[-1]} {rest}", width, size, bold=bold, italic=italic)
    return lines


def _longest_prefix(word: str, width: float, size: float, bold: bool, italic: bool) -> str:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if width_of(word[:middle], size, bold=bold, italic=italic) <= width:
            low = middle
        else:
            high = middle - 1
    return word[:low]


def fit_block(
    text: str,
    width: float,
    height: float,
    sizes: tuple[float, float],
    leading: float = 1.25,
    *,
    bold: bool = False,
    italic: bool = False,
    step: float = 0.25,
) -> tuple[float, list[str]]:
    """The largest font size from ``sizes`` (largest, smallest) at which ``text`` wraps into a
    box ``height`` tall (glyphs included: first ascent to last descent, lines ``leading`` x size
    apart); at the smallest size the text is trimmed with "…" to the lines that fit."""
    largest, smallest = sizes
    size = largest
    while True:
        max_lines = lines_that_fit(height, size, leading)
        lines = wrap_lines(text, width, size, max_lines + 1, bold=bold, italic=italic)
        if len(lines) <= max_lines or size - step < smallest:
            break
        size -= step
    if len(lines) > max_lines:  # even the smallest size is too big: cut with "…"
        lines = wrap_lines(text, width, size, max_lines, bold=bold, italic=italic)
    return size, lines


def lines_that_fit(height: float, size: float, leading: float = 1.25) -> int:
    """How many lines of ``size`` fit in ``height``, from the first line's ascent to the last
    line's descent (at least one: a box too small still shows a "…")."""
    ascent, descent = pdfmetrics.getAscentDescent(fonts.BODY, size)
    return max(int((height - (ascent - descent)) // (size * leading)) + 1, 1)


def fit_size(
    text: str, width: float, sizes: tuple[float, float], *, bold: bool = False, step: float = 0.25
) -> tuple[float, str]:
    """One line shrunk from the largest to the smallest size until it fits, then trimmed."""
    largest, smallest = sizes
    size = largest
    while size - step >= smallest and width_of(text, size, bold=bold) > width:
        size -= step
    return size, fit_line(text, width, size, bold=bold)
