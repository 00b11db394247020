"""The PDF preview: PDFium pages painted in a scroll area, fitted to the width, zoomed, with
the page in view followed as the user scrolls."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas
from ui_helpers import dark_palette

from workbook.core.errors import WorkbookError
from workbook.ui.widgets.pdf_preview import PdfPreview, open_pdf, render_page


def make_pdf(pages: int = 3, size: tuple[float, float] = letter) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 28)
        pdf.drawString(72, size[1] - 100, f"Page {number}")
        pdf.rect(72, 72, size[0] - 144, 200)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def ink(image: QImage) -> int:
    """How many pixels are not (nearly) white."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())  # type: ignore[call-overload]
    line = grey.bytesPerLine()
    return sum(
        1
        for row in range(grey.height())
        for value in data[row * line : row * line + grey.width()]
        if value < 200
    )


@pytest.fixture
def preview(qtbot: QtBot) -> PdfPreview:
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_pages_fit_the_width_and_are_not_blank(qtbot: QtBot, preview: PdfPreview) -> None:
    with qtbot.waitSignal(preview.page_changed) as signal:
        preview.set_pdf(make_pdf(3))
    assert signal.args == [1, 3]
    assert preview.page_count == 3 and preview.current_page == 1 and preview.fits_width
    rect = preview.pages.rects[0]
    assert abs(rect.width() - (preview.area.viewport().width() - 32)) <= 1
    assert abs(rect.height() / rect.width() - 11 / 8.5) < 0.01
    image = preview.page_image(0)
    assert image.width() == round(rect.width() * preview.devicePixelRatioF())
    assert ink(image) > 500, "the page has text and a frame"
    assert ink(preview.grab().toImage()) > 500


def test_page_in_view_follows_scrolling(qtbot: QtBot, preview: PdfPreview) -> None:
    preview.set_pdf(make_pdf(3))
    with qtbot.waitSignal(preview.page_changed) as signal:
        preview.go_to_page(3)
    assert signal.args == [3, 3] and preview.current_page == 3
    preview.area.verticalScrollBar().setValue(0)
    assert preview.current_page == 1


def test_zoom_in_out_and_back_to_fit(qtbot: QtBot, preview: PdfPreview) -> None:
    preview.set_pdf(make_pdf(2))
    fitted = preview.pages.rects[0].width()
    with qtbot.waitSignal(preview.zoom_changed) as signal:
        preview.zoom_in()
    assert not preview.fits_width and signal.args == [preview.zoom_percent]
    assert preview.pages.rects[0].width() > fitted * 1.2
    preview.zoom_out()
    preview.zoom_out()
    assert preview.pages.rects[0].width() < fitted
    for _ in range(20):
        preview.zoom_out()
    assert preview.zoom_percent == 25, "zoom stops at a quarter"
    preview.fit_width()
    assert preview.fits_width and preview.pages.rects[0].width() == fitted


def test_new_pdf_keeps_the_page_and_a_message_replaces_it(
    qtbot: QtBot, preview: PdfPreview
) -> None:
    preview.set_pdf(make_pdf(3))
    preview.go_to_page(2)
    preview.set_pdf(make_pdf(3))
    assert preview.current_page == 2, "a rebuilt preview stays where the reader was"
    preview.set_pdf(make_pdf(1))
    assert (preview.current_page, preview.page_count) == (1, 1)
    with qtbot.waitSignal(preview.page_changed) as signal:
        preview.show_message("Nothing to print yet.")
    assert signal.args == [0, 0] and preview.page_count == 0
    assert preview.message.isVisible() and not preview.area.isVisible()
    preview.set_pdf(make_pdf(1))
    assert preview.area.isVisible()


def test_resizing_refits_the_pages(qtbot: QtBot, preview: PdfPreview) -> None:
    preview.set_pdf(make_pdf(1, A4))
    before = preview.pages.rects[0].width()
    preview.resize(900, 700)
    qtbot.waitUntil(lambda: preview.pages.rects[0].width() > before)


def test_unreadable_bytes_are_a_clear_error(preview: PdfPreview) -> None:
    with pytest.raises(WorkbookError, match="cannot be read"):
        preview.set_pdf(b"not a pdf")


def test_render_page_at_a_scale_owns_its_pixels() -> None:
    document = open_pdf(make_pdf(1, A4))
    image = render_page(document, 0, 2.0)
    document.close()
    assert (image.width(), image.height()) == (round(A4[0] * 2), round(A4[1] * 2))
    assert image.pixelColor(0, 0).name() == "#ffffff" and ink(image) > 1000


def test_screenshots_light_and_dark(qtbot: QtBot, preview: PdfPreview, output_dir: Path) -> None:
    preview.set_pdf(make_pdf(3))
    QApplication.processEvents()
    assert not preview.area.horizontalScrollBar().isVisible()
    preview.grab().save(str(output_dir / "preview-light.png"))
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    app.setPalette(dark_palette())
    try:
        QApplication.processEvents()
        preview.grab().save(str(output_dir / "preview-dark.png"))
    finally:
        app.setPalette(old)
