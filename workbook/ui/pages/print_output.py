"""What to print, how each kind is built, and sending a finished PDF to a printer.

The printer dialog goes through ``choose_printer``, a hook the tests replace (like
ui/prompts.py). Pages reach the printer as images rendered by PDFium at the printer's
resolution and fitted to the sheet: Qt cannot draw a PDF itself without QtPdf.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.reports.paper import Paper
from workbook.ui.pages.print_job import Build
from workbook.ui.widgets.pdf_preview import open_pdf, render_page

# Enough for sharp text on paper; a 1200 dpi printer would otherwise get a 500 MB image
# per page. The printer scales the image up.
MAX_PRINT_DPI = 300


class Kind(StrEnum):
    PREP = "prep"
    AGENDA = "agenda"
    PEOPLE = "people"
    CARDS = "cards"


KIND_LABELS = {
    Kind.PREP: "Prep &sheet for a meeting",
    Kind.AGENDA: "&Agenda for a day or a week",
    Kind.PEOPLE: "The &100-people worksheet",
    Kind.CARDS: "“What I &bring” cards",
}


@dataclass(frozen=True)
class PrintChoice:
    """One thing to print, with everything its builder needs."""

    kind: Kind
    paper: Paper
    meeting_id: int | None = None
    first: date | None = None
    last: date | None = None
    blank: bool = False


def build_for(sessions: SessionFactory, choice: PrintChoice) -> Build:
    """The build (run on the worker thread) that makes ``choice`` as PDF bytes.

    The report modules are looked up when the build runs, so they load off the UI thread.
    """
    paper = choice.paper

    def build(progress: Callable[[int, int], None]) -> bytes:
        if choice.kind is Kind.PREP:
            from workbook.reports import prep_sheet

            if choice.meeting_id is None:
                raise WorkbookError("choose a meeting first")
            ids = [choice.meeting_id]
            return prep_sheet.prep_sheet_pdf(sessions, ids, paper=paper, progress=progress)
        if choice.kind is Kind.AGENDA:
            from workbook.reports import agenda

            first, last = choice.first or date.today(), choice.last or date.today()
            return agenda.agenda_pdf(sessions, first, last, paper=paper, progress=progress)
        if choice.kind is Kind.PEOPLE:
            from workbook.reports import people_sheet

            return people_sheet.people_sheet_pdf(
                sessions, blank=choice.blank, paper=paper, progress=progress
            )
        from workbook.reports import cards

        return cards.cards_pdf(sessions, paper=paper, progress=progress)

    return build


def describe(choice: PrintChoice, meeting_person: str = "") -> str:
    """What the PDF is, for file names and messages: "Prep sheet — Zoë Ångström"."""
    if choice.kind is Kind.PREP:
        return f"Prep sheet — {meeting_person}" if meeting_person else "Prep sheet"
    if choice.kind is Kind.AGENDA:
        first, last = choice.first or date.today(), choice.last or date.today()
        if first == last:
            return f"Agenda {first:%Y-%m-%d}"
        return f"Agenda {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    if choice.kind is Kind.PEOPLE:
        return "100 people — blank worksheet" if choice.blank else "My 100 people"
    return "What I bring — cards"


def file_name(title: str) -> str:
    """``title`` made safe as a file name on every system (letters of any script kept)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    safe = re.sub(r"\s+", " ", safe).strip(" .") or "Print"
    return f"{safe[:120]}.pdf"


def sentence(message: str) -> str:
    """A builder's error ("there is no meeting 7") as a sentence to show."""
    text = message.strip() or "The PDF was not made"
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def choose_printer(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
    """Ask which printer, which pages and how many copies; False when cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(1, page_count))
    return dialog.exec() == QDialog.DialogCode.Accepted


def new_printer(paper: Paper, page_size_pt: tuple[float, float], title: str) -> QPrinter:
    """A printer set up for the PDF: its paper, its orientation, the whole sheet usable
    (the PDF carries its own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(
        QPageSize.PageSizeId.Letter if paper is Paper.LETTER else QPageSize.PageSizeId.A4
    )
    width, height = page_size_pt
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    printer.setDocName(title)
    return printer


def page_range(printer: QPrinter, count: int) -> tuple[int, int]:
    """The 1-based pages to print (all, or the range chosen in the dialog)."""
    if printer.printRange() != QPrinter.PrintRange.PageRange or printer.fromPage() <= 0:
        return 1, count
    first, last = printer.fromPage(), printer.toPage() or count
    if first > count:
        raise WorkbookError(f"there is no page {first}: the PDF has {count}")
    return first, min(last, count)


def print_pdf(
    data: bytes, printer: QPrinter, on_page: Callable[[int, int], bool] | None = None
) -> int:
    """Print ``data``'s pages on ``printer``; returns how many pages went out.

    ``on_page(done, total)`` is called after each page; returning False stops the job.
    """
    document = open_pdf(data)
    try:
        first, last = page_range(printer, len(document))
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        numbers = [n for _ in range(copies) for n in range(first, last + 1)]
        painter = QPainter()
        if not painter.begin(printer):
            raise WorkbookError("the printer could not be started")
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        done = 0
        try:
            for number in numbers:
                if done:
                    printer.newPage()
                _draw_page(painter, document, number - 1, dpi)
                done += 1
                if on_page is not None and not on_page(done, len(numbers)):
                    printer.abort()
                    break
        finally:
            painter.end()
        return done
    finally:
        document.close()


def print_with_progress(parent: QWidget, data: bytes, printer: QPrinter) -> int:
    """print_pdf with a progress dialog (shown if it takes a while) and its Cancel."""
    dialog = QProgressDialog("Printing…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Print")
    dialog.setMinimumDuration(500)

    def on_page(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return print_pdf(data, printer, on_page)
    finally:
        dialog.reset()
        dialog.deleteLater()


def _draw_page(painter: QPainter, document: Any, index: int, dpi: int) -> None:
    width, height = document.get_page_size(index)
    image = render_page(document, index, dpi / 72)
    target = QRectF(painter.viewport())
    scale = min(target.width() / width, target.height() / height)
    size = QSizeF(width * scale, height * scale)
    left = target.left() + (target.width() - size.width()) / 2
    top = target.top() + (target.height() - size.height()) / 2
    painter.drawImage(QRectF(left, top, size.width(), size.height()), image)
