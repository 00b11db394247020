"""Fonts for PDFs: the shipped TrueType fonts, and per-run font choice for arbitrary user text.

ReportLab's built-in fonts are Latin-only and it has no font fallback, so every report draws user
text through :func:`markup` (for Paragraphs) or :func:`runs` (for canvas drawing). Both go through
:func:`prepare`, the single place where text is normalised and where Arabic and Hebrew get shaped
and put in display order (:mod:`workbook.reports.rtl`: arabic-reshaper + python-bidi, line by
line, with the limits it describes).

Paragraph styles should use ``fontName=BODY``: the DejaVu family is registered under that name, so
``<b>`` and ``<i>`` pick DejaVu Sans Bold and Oblique. A paragraph whose text :func:`is_rtl` should
be aligned right (``alignment=TA_RIGHT``).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Mapping
from itertools import groupby
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbook.paths import resource
from workbook.reports.rtl import has_rtl, is_rtl, shape_line

__all__ = [
    "BODY",
    "BOLD",
    "CJK",
    "FAMILY",
    "ITALIC",
    "Run",
    "covered",
    "font_for",
    "has_rtl",
    "is_rtl",
    "markup",
    "normalise",
    "prepare",
    "primary_font",
    "register_fonts",
    "runs",
    "string_width",
]

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CJK = "WenQuanYiMicroHei"  # Chinese, Japanese and Korean (Hangul); TrueType outlines
FAMILY = BODY  # the family name <b>/<i> resolve against; same as the regular face

_FILES = {
    BODY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CJK: "wqy-microhei.ttc",  # a collection: face 0 is the proportional one
}

# Each font's cmap (code point -> glyph) as ReportLab loaded it, filled in once before _ready.
_cmaps: dict[str, Mapping[int, int]] = {}
_ready = threading.Event()
_lock = threading.Lock()
# Font chosen per (character, primary font): the coverage lookup behind every run.
_choice: dict[tuple[str, str], str] = {}

_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "})


class Run(NamedTuple):
    """A stretch of text that one font draws."""

    text: str
    font: str


def register_fonts() -> None:
    """Register the shipped fonts and the DejaVu family with ReportLab; later calls return at once.

    Raises FileNotFoundError (from :func:`workbook.paths.resource`) when a font file is missing.
    """
    if _ready.is_set():
        return
    with _lock:
        if _ready.is_set():  # another thread finished first
            return
        cmaps: dict[str, Mapping[int, int]] = {}
        for name, filename in _FILES.items():
            font = TTFont(name, str(resource("fonts", filename)), subfontIndex=0)
            pdfmetrics.registerFont(font)
            cmaps[name] = font.face.charToGlyph
        # After registerFont, which maps every style of a TTF to itself.
        pdfmetrics.registerFontFamily(
            FAMILY, normal=BODY, bold=BOLD, italic=ITALIC, boldItalic=BOLD
        )
        _cmaps.update(cmaps)
        _ready.set()


def primary_font(bold: bool = False, italic: bool = False) -> str:
    """The DejaVu face for a style; there is no bold oblique file, so bold wins."""
    return BOLD if bold else ITALIC if italic else BODY


def normalise(text: str) -> str:
    """Text as it will be printed: NFC, one kind of newline, tabs as spaces, no control characters.

    NFC turns decomposed accents (as macOS types them) into the precomposed glyphs DejaVu draws
    well; ReportLab cannot position combining marks itself. Lone surrogates and the
    non-characters U+FFFE/U+FFFF are dropped too: they cannot be written to a PDF.
    """
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    text = "".join(ch for ch in text if ch == "\n" or not _unprintable(ch))
    return unicodedata.normalize("NFC", text)


def _unprintable(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


def _shape_line(line: str) -> str:
    # Arabic joined and right-to-left text in display order (see workbook.reports.rtl); any
    # other line comes back as it is.
    return shape_line(line)


def prepare(text: str) -> str:
    """:func:`normalise`, then shape each line for display; :func:`runs` split exactly this."""
    return "\n".join(_shape_line(line) for line in normalise(text).split("\n"))


def font_for(ch: str, primary: str = BODY) -> str:
    """The first font with a glyph for ``ch``: ``primary``, then DejaVu Sans, then the CJK font.

    A character none of them has stays in ``primary`` (and prints as its empty box).
    """
    key = (ch, primary)
    font = _choice.get(key)
    if font is None:
        register_fonts()
        code = ord(ch)
        # A line break becomes <br/>, never a reason to switch fonts.
        candidates = () if ch == "\n" else (primary, BODY, CJK)
        font = next((name for name in candidates if code in _cmaps[name]), primary)
        _choice[key] = font
    return font


def covered(ch: str) -> bool:
    """Whether any shipped font has a glyph for ``ch``."""
    register_fonts()
    return ch == "\n" or any(ord(ch) in cmap for cmap in _cmaps.values())


def runs(text: str, primary: str = BODY) -> list[Run]:
    """Split :func:`prepare`'d text into runs, each drawn by one font (see :func:`font_for`).

    A combining mark stays in the run of the character it sits on when that font has it.
    """
    chosen: list[tuple[str, str]] = []
    for ch in prepare(text):
        font = font_for(ch, primary)
        if chosen and unicodedata.category(ch).startswith("M"):
            previous = chosen[-1][1]
            if font_for(ch, previous) == previous:
                font = previous
        chosen.append((ch, font))
    return [
        Run("".join(ch for ch, _ in group), font)
        for font, group in groupby(chosen, key=lambda pair: pair[1])
    ]


def markup(text: str, bold: bool = False, italic: bool = False) -> str:
    """ReportLab Paragraph markup that prints ``text`` exactly as typed, in fonts that have it.

    Assumes the Paragraph style uses ``fontName=BODY``. Runs in another font get a
    ``<font name=...>`` tag (which also switches bold off there: the CJK font has no bold).
    As ever in a Paragraph, runs of spaces print as one.
    """
    primary = primary_font(bold, italic)
    parts = []
    for run in runs(text, primary):
        escaped = escape(run.text).replace("\n", "<br/>")
        if run.font == primary:
            parts.append(escaped)
        else:
            parts.append(f'<font name="{run.font}">{escaped}</font>')
    body = "".join(parts)
    if italic:
        body = f"<i>{body}</i>"
    return f"<b>{body}</b>" if bold else body


def string_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of the widest line of ``text`` when drawn run by run."""
    primary = primary_font(bold, italic)
    widths = [0.0]
    for run in runs(text, primary):
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                widths.append(0.0)
            widths[-1] += pdfmetrics.stringWidth(piece, run.font, size)
    return max(widths)
