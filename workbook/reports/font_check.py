"""A one-page PDF showing names in every script the shipped fonts cover (used by --smoke-test).

Each sample goes through :func:`workbook.reports.fonts.markup`, exactly as user text does in the
real reports, so the page shows both font coverage and markup escaping at a glance.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import NamedTuple

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from workbook.core.files import atomic_path
from workbook.reports import fonts

TITLE = "Font check — 100 People Networking Workbook"


class Sample(NamedTuple):
    """One line of the page: a label and the names printed after it."""

    label: str
    names: tuple[str, ...]
    bold: bool = False


SAMPLES = (
    Sample("Latin", ("Zoë Ångström", "François Núñez")),
    Sample("Greek", ("Γιώργος Παπαδόπουλος",)),
    Sample("Cyrillic", ("Олег Петров",)),
    Sample("CJK", ("李小龙", "山田太郎", "김민준")),
    Sample("Markup", ("Smith & Sons <NYSE>", "R&D", "x<y", "&amp;", "O'Brien")),
    Sample("Bold", ("Zoë Ångström", "Олег Петров", "李小龙"), bold=True),
)

_SEPARATOR = "  ·  "  # between names; not a character any sample contains


def render_font_check(path: Path) -> None:
    """Write the font check page to ``path`` (atomically: a failed build leaves no file)."""
    fonts.register_fonts()
    body = ParagraphStyle("body", fontName=fonts.BODY, fontSize=12, leading=17)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=22, spaceAfter=4 * mm)
    note = ParagraphStyle("note", parent=body, fontSize=9, leading=12, spaceBefore=6 * mm)

    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            title=TITLE,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            # Else the canvas starts in Helvetica: a non-embedded font in the file, though unused.
            initialFontName=fonts.BODY,
        )
        label_width = 30 * mm
        table = Table(
            [
                [
                    Paragraph(fonts.markup(sample.label), body),
                    Paragraph(fonts.markup(_SEPARATOR.join(sample.names), sample.bold), body),
                ]
                for sample in SAMPLES
            ],
            colWidths=[label_width, "*"],  # "*": the rest of the frame's width
        )
        table.setStyle(
            TableStyle(
                [
                    # Cells default to Helvetica, which would be listed as a non-embedded font.
                    ("FONT", (0, 0), (-1, -1), fonts.BODY),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.25, "#c8c8c8"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                ]
            )
        )
        story: list[Flowable] = [
            Paragraph(fonts.markup(TITLE, bold=True), title),
            Paragraph(
                fonts.markup("Every name should print in full, and the markup line as typed."),
                body,
            ),
            Spacer(0, 4 * mm),
            table,
        ]
        missing = _missing_characters()
        if missing:
            story.append(Paragraph(fonts.markup(missing), note))
        doc.build(story)


def _missing_characters() -> str:
    # Named by code point: drawn, they would only be the empty boxes this line explains.
    text = "".join(name for sample in SAMPLES for name in sample.names)
    codes = sorted({ch for ch in fonts.prepare(text) if not fonts.covered(ch)})
    if not codes:
        return ""
    listed = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in codes)
    return f"Not in the shipped fonts (printed as empty boxes): {listed}."
