"""Making user text fit a box: trimmed by words with a visible "…", measured once; and stacks.

A sheet must stay one page whatever the user typed (a 10,000-character note, forty tags), so
every free text is given a number of lines and cut to fit them. Cutting happens on the text as
typed, before markup, so escaping and font runs stay whole; Chinese and Japanese, which have
no spaces, are cut between characters. Results are cached: an agenda of a hundred sheets
repeats the ask, the value statement and the agenda's texts on every page.

A column of a sheet is a stack of :class:`Piece` objects (a paragraph, a label, writing
lines, a gap): its height is known before anything is drawn, so a layout can try a
generous plan, see whether it fits, and fall back to a tighter one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from workbook.reports import fonts

ELLIPSIS = "…"
_HUGE = 1e6
# A word with the spaces before it, or one CJK character (these wrap, and cut, anywhere), or
# the spaces that end a part (kept: the next part's text follows them).
_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"\s*(?:[{_CJK}]|[^\s{_CJK}]+)|\s+$")
# The narrowest DejaVu glyphs are about a quarter of an em: no line holds more characters
# than this, so longer texts are cut before measuring (a 10,000-character note costs no more
# than a short one).
_NARROWEST_EM = 0.25

# Rich text as (text, bold) parts, e.g. (("Introduced by ", False), ("Ana Lima", True)).
Segments = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Fitted:
    """Text made to fit: its Paragraph markup, the lines and height it takes, whether cut."""

    markup: str
    lines: int
    height: float
    trimmed: bool
    # Wrapped once when measured; drawing uses a shallow copy, which shares the wrapped lines
    # (read-only) but keeps its own canvas: so cached texts are drawn without parsing again.
    wrapped: Paragraph | None = field(default=None, compare=False, repr=False)

    def draw(self, canvas: Canvas, x: float, top: float) -> None:
        """Draw with the top-left corner at (x, top); see :func:`share_repeats`."""
        if self.wrapped is None:
            return
        forms: _Forms | None = getattr(canvas, _FORMS, None)
        if forms is None:
            copy.copy(self.wrapped).drawOn(canvas, x, top - self.height)
            return
        key = (self.markup, self.wrapped.style.name, self.wrapped.width)
        name = forms.names.get(key)
        if name is None:  # the first time: drawn as it is, in case it never comes again
            forms.names[key] = ""
            copy.copy(self.wrapped).drawOn(canvas, x, top - self.height)
            return
        if not name:
            forms.count += 1
            name = forms.names[key] = f"WorkbookText{forms.count}"
            canvas.beginForm(name, -10, -10, self.wrapped.width + 10, self.height + 10)
            copy.copy(self.wrapped).drawOn(canvas, 0, 0)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(x, top - self.height)
        canvas.doForm(name)
        canvas.restoreState()


@dataclass
class _Forms:
    names: dict[tuple[str, str, float], str] = field(default_factory=dict)  # "": seen once
    count: int = 0


_FORMS = "_workbook_forms"


def share_repeats(canvas: Canvas) -> None:
    """Have texts that come back on later pages (the ask on every sheet of an agenda, the
    checklist, the bank's questions) written into the PDF once, as a form each page reuses:
    a smaller file, and less drawing. For documents of many pages."""
    setattr(canvas, _FORMS, _Forms())


EMPTY = Fitted("", 0, 0.0, False)


@lru_cache(maxsize=64)
def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_rtl", parent=style, alignment=TA_RIGHT)


def fit(
    text: str | Segments,
    style: ParagraphStyle,
    width: float,
    max_lines: int,
    *,
    bold: bool = False,
    align: bool = True,
) -> Fitted:
    """``text`` in at most ``max_lines`` lines of ``width`` points, cut by words with "…".

    ``text`` is plain user text (all in ``bold`` or not) or :data:`Segments`. Blank text or
    ``max_lines`` < 1 gives :data:`EMPTY`. ``style`` must be a module-level style: it is
    part of the cache key, by identity. Text that is mainly right-to-left is aligned right
    unless ``align`` is false.
    """
    segments = ((text, bold),) if isinstance(text, str) else tuple(text)
    plain = "".join(part for part, _ in segments)
    if max_lines < 1 or not plain.strip():
        return EMPTY
    if align and fonts.is_rtl(plain):  # mainly Arabic or Hebrew: aligned right
        style = _right(style)
    return _fit(_strip(segments), style, round(width, 2), max_lines)


def one_line(text: str, style: ParagraphStyle, width: float, *, bold: bool = False) -> Fitted:
    """``text`` on a single line (newlines become spaces), cut with "…" when too long.

    Aligned left whatever the script: a name or a title line follows the page's layout.
    """
    return fit(" ".join(text.split()), style, width, 1, bold=bold, align=False)


def _strip(segments: Segments) -> Segments:
    parts = list(segments)
    parts[0] = (parts[0][0].lstrip(), parts[0][1])
    parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    return tuple((text, bold) for text, bold in parts if text)


@lru_cache(maxsize=8192)
def _fit(segments: Segments, style: ParagraphStyle, width: float, max_lines: int) -> Fitted:
    whole = sum(len(text) for text, _ in segments)
    limit = int(max_lines * width / (style.fontSize * _NARROWEST_EM)) + 1
    tokens = _tokens(segments, limit)
    if whole <= limit:
        fitted = _try(segments, style, width, max_lines, ellipsis=False)
        if fitted is not None:
            return fitted
        tokens = tokens[:-1]  # the whole text is known not to fit
    # The largest number of tokens that fits with the ellipsis: a binary search.
    low, high, best = 1, len(tokens), None
    while low <= high:
        middle = (low + high) // 2
        attempt = _try(_join(tokens[:middle]), style, width, max_lines)
        if attempt is not None:
            best, low = attempt, middle + 1
        else:
            high = middle - 1
    if best is None:  # not even one word fits (a long URL): cut inside the first word
        best = _cut_word(tokens[0] if tokens else segments[0], style, width, max_lines)
    return best


def _tokens(segments: Segments, limit: int) -> list[tuple[str, bool]]:
    """Words with their style, no more characters than ``limit`` in all."""
    tokens: list[tuple[str, bool]] = []
    left = limit
    for text, bold in segments:
        for token in _TOKEN.findall(text[:left]):
            tokens.append((token, bold))
        left -= len(text)
        if left <= 0:
            break
    return tokens


def _join(tokens: Sequence[tuple[str, bool]]) -> Segments:
    """Neighbouring tokens of one style as one segment."""
    joined: list[tuple[str, bool]] = []
    for text, bold in tokens:
        if joined and joined[-1][1] == bold:
            joined[-1] = (joined[-1][0] + text, bold)
        else:
            joined.append((text, bold))
    return tuple(joined)


def _cut_word(
    token: tuple[str, bool], style: ParagraphStyle, width: float, max_lines: int
) -> Fitted:
    word, bold = token
    low, high = 0, len(word)
    best = _try(((word[:1], bold),), style, width, max_lines)
    while low <= high:
        middle = (low + high) // 2
        attempt = _try(((word[:middle], bold),), style, width, max_lines)
        if attempt is not None:
            best, low = attempt, middle + 1
        else:
            high = middle - 1
    if best is None:  # a box narrower than one letter
        best = _try((), style, width, 1_000)  # "…" alone
        assert best is not None
    return best


def _try(
    segments: Segments,
    style: ParagraphStyle,
    width: float,
    max_lines: int,
    *,
    ellipsis: bool = True,
) -> Fitted | None:
    parts = list(segments)
    if ellipsis:
        text, bold = parts[-1] if parts else ("", False)
        parts = parts or [(text, bold)]
        # No dangling comma or dash before the "…": it reads as a cut, not as punctuation.
        parts[-1:] = [(text.rstrip(" \n,;:-—–") + ELLIPSIS, bold)]
    markup = "".join(fonts.markup(text, bold=bold) for text, bold in parts)
    lines, height, paragraph = measure(markup, style, width)
    if lines > max_lines:
        return None
    return Fitted(markup, lines, height, ellipsis, paragraph)


@lru_cache(maxsize=4096)
def measure(markup: str, style: ParagraphStyle, width: float) -> tuple[int, float, Paragraph]:
    """Lines and height of Paragraph markup wrapped at ``width``, and the wrapped Paragraph
    (draw a copy of it: see :class:`Fitted`)."""
    paragraph = Paragraph(markup, style)
    _, height = paragraph.wrap(width, _HUGE)
    return max(1, round(height / style.leading)), height, paragraph


# -- stacks of pieces --------------------------------------------------------------------------

Draw = Callable[[Canvas, float, float, float], None]  # canvas, x, top, width


@dataclass(frozen=True)
class Piece:
    """Something a column holds: its height, and how to draw it from its top edge."""

    height: float
    draw: Draw


def _nothing(canvas: Canvas, x: float, top: float, width: float) -> None:
    return None


def gap(height: float) -> Piece:
    return Piece(height, _nothing)


def text(fitted: Fitted, *, after: float = 0.0, indent: float = 0.0) -> Piece:
    """A fitted paragraph, ``indent`` points in from the column's left edge (fit it to the
    column's width less the indent)."""
    if not fitted.markup:
        return gap(0.0)

    def draw(canvas: Canvas, x: float, top: float, column: float) -> None:
        fitted.draw(canvas, x + indent, top)

    return Piece(fitted.height + after, draw)


def stack_height(pieces: Sequence[Piece]) -> float:
    return sum(piece.height for piece in pieces)


def draw_stack(canvas: Canvas, pieces: Sequence[Piece], x: float, top: float, width: float
               ) -> float:  # fmt: skip
    """Draw ``pieces`` top down from ``top``; returns the y where the stack ends."""
    for piece in pieces:
        piece.draw(canvas, x, top, width)
        top -= piece.height
    return top
