"""A PDF preview: pages rendered with PDFium (pypdfium2) and painted in a scroll area.

QtPdf is not usable here (PySide6-Pdf exists only for PySide6 6.12, see README), so pages
are rasterised by pypdfium2 into QImages. Only the pages in view are rendered, and a few
are cached, so a 100-page agenda costs no more memory than a one-page sheet. PDFium is not
thread-safe: everything in this module runs on the UI thread.
"""

from __future__ import annotations

import sys
from collections import OrderedDict

import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]
import pypdfium2.raw as pdfium_raw  # type: ignore[import-untyped, unused-ignore]
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedLayout, QWidget

from workbook.core.errors import WorkbookError

MARGIN = 16  # around and between pages, in pixels
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0  # relative to the page's actual size on screen
_ZOOM_STEP = 1.25
_CACHE_SIZE = 12
_WHITE = (255, 255, 255, 255)

# PDFium writes BGRx bytes; on a little-endian machine that is exactly QImage's RGB32
# (0xffRRGGBB), the format QPainter draws fastest. Elsewhere ask for RGBx byte order.
if sys.byteorder == "little":
    _RENDER = {"force_bitmap_format": pdfium_raw.FPDFBitmap_BGRx, "rev_byteorder": False}
    _FORMAT = QImage.Format.Format_RGB32
else:  # pragma: no cover - no big-endian machine to test on
    _RENDER = {"force_bitmap_format": pdfium_raw.FPDFBitmap_BGRx, "rev_byteorder": True}
    _FORMAT = QImage.Format.Format_RGBX8888


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """The document for these bytes; a WorkbookError when PDFium cannot read them."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise WorkbookError(f"the PDF cannot be read ({exc})") from exc


def render_page(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """Page ``index`` at ``scale`` pixels per point, on white, as a QImage that owns its
    pixels (the PDFium bitmap is freed when this returns)."""
    page = document[index]
    try:
        bitmap = page.render(scale=scale, fill_color=_WHITE, **_RENDER)
        try:
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _FORMAT)
            return image.copy()
        finally:
            bitmap.close()
    finally:
        page.close()


class _Pages(QWidget):
    """The pages one under another, centred, each painted from the cache when in view."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__()
        self.preview = preview
        self.rects: list[QRect] = []
        self._cache: OrderedDict[tuple[int, int, float], QImage] = OrderedDict()
        self.setAutoFillBackground(False)

    def lay_out(self, sizes: list[tuple[float, float]], scale: float, width: int) -> None:
        widest = max((round(w * scale) for w, _ in sizes), default=0)
        total_width = max(width, widest + 2 * MARGIN)
        self.rects = []
        y = MARGIN
        for w, h in sizes:
            pw, ph = round(w * scale), round(h * scale)
            self.rects.append(QRect((total_width - pw) // 2, y, pw, ph))
            y += ph + MARGIN
        self.setFixedSize(total_width, y if sizes else 0)
        self.update()

    def clear_cache(self) -> None:
        self._cache.clear()

    def image(self, index: int, width: int) -> QImage:
        ratio = self.devicePixelRatioF()
        key = (index, width, ratio)
        image = self._cache.get(key)
        if image is None:
            image = self.preview.render_at(index, width * ratio)
            image.setDevicePixelRatio(ratio)
            self._cache[key] = image
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shadow = self.palette().color(QPalette.ColorRole.Shadow)
        shadow.setAlpha(60)
        for index, rect in enumerate(self.rects):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 2), shadow)
            painter.drawImage(rect, self.image(index, rect.width()))
            painter.setPen(QColor(0, 0, 0, 70))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()


class PdfPreview(QWidget):
    """Shows a PDF page by page, fitted to the width until zoomed; or a message instead.

    ``page_changed(current, count)`` follows scrolling (1-based; 0, 0 when empty) and
    ``zoom_changed(percent)`` follows zooming.
    """

    page_changed = Signal(int, int)
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: pdfium.PdfDocument | None = None
        self._sizes: list[tuple[float, float]] = []
        self._zoom: float | None = None  # None: fit to the width
        self._current = 0
        self.message = QLabel(wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMargin(24)
        self.message.setAccessibleName("Preview message")
        self.pages = _Pages(self)
        self.area = QScrollArea()
        self.area.setWidget(self.pages)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area.setBackgroundRole(QPalette.ColorRole.Mid)
        self.area.setAccessibleName("Preview")
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.area.viewport().installEventFilter(self)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.message)
        self._stack.addWidget(self.area)
        self.area.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)

    # -- content ---------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def current_page(self) -> int:
        """The page in view, 1-based (0 when nothing is shown)."""
        return self._current

    def set_pdf(self, data: bytes) -> None:
        """Show this PDF, staying on the same page (and zoom) as before when it has one."""
        document = open_pdf(data)
        keep = self._place() if self._document is not None else None
        self._close_document()
        self._document = document
        self._sizes = [tuple(document.get_page_size(i)) for i in range(len(document))]
        self.pages.clear_cache()
        self._stack.setCurrentWidget(self.area)
        self._relayout()
        if keep is not None:
            self._restore_place(*keep)
        self._update_current(force=True)

    def show_message(self, text: str) -> None:
        """A message in place of the pages (the PDF, if any, is dropped)."""
        self._close_document()
        self._sizes = []
        self.pages.clear_cache()
        self.pages.lay_out([], 1.0, 0)
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)
        self._update_current(force=True)

    def page_size(self, index: int) -> tuple[float, float]:
        """Page ``index``'s width and height in points."""
        return self._sizes[index]

    def render_at(self, index: int, width: float) -> QImage:
        """Page ``index`` (0-based) rendered ``width`` pixels wide."""
        assert self._document is not None
        return render_page(self._document, index, width / self._sizes[index][0])

    def page_image(self, index: int) -> QImage:
        """Page ``index`` as it is shown now (for tests and screenshots)."""
        return self.pages.image(index, self.pages.rects[index].width())

    def go_to_page(self, number: int) -> None:
        if self.pages.rects:
            rect = self.pages.rects[max(0, min(number, self.page_count) - 1)]
            self.area.verticalScrollBar().setValue(rect.top() - MARGIN)

    # -- zoom ------------------------------------------------------------------------------

    @property
    def zoom_percent(self) -> int:
        return round(100 * self._scale() / self._actual_size())

    @property
    def fits_width(self) -> bool:
        return self._zoom is None

    def zoom_in(self) -> None:
        self._set_zoom(self._scale() / self._actual_size() * _ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._scale() / self._actual_size() / _ZOOM_STEP)

    def fit_width(self) -> None:
        keep = self._place()
        self._zoom = None
        self._relayout()
        self._restore_place(*keep)

    def _set_zoom(self, zoom: float) -> None:
        keep = self._place()
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._relayout()
        self._restore_place(*keep)

    def _actual_size(self) -> float:
        """Pixels per point at 100%: a page as big on screen as on paper."""
        return float(self.logicalDpiX()) / 72

    def _scale(self) -> float:
        if self._zoom is not None:
            return self._zoom * self._actual_size()
        widest = max((w for w, _ in self._sizes), default=612.0)
        room = self.area.viewport().width() - 2 * MARGIN
        # Fitted pages stay between the zoom limits, so a narrow window still shows text.
        fitted = room / widest / self._actual_size()
        return max(MIN_ZOOM, min(MAX_ZOOM, fitted)) * self._actual_size()

    # -- layout and scrolling --------------------------------------------------------------

    def _relayout(self) -> None:
        self.pages.lay_out(self._sizes, self._scale(), self.area.viewport().width())
        self.zoom_changed.emit(self.zoom_percent)

    def _place(self) -> tuple[int, float]:
        """The page at the top of the view and how far down it the view starts."""
        if not self.pages.rects:
            return 0, 0.0
        top = self.area.verticalScrollBar().value()
        for index, rect in enumerate(self.pages.rects):
            if rect.bottom() + MARGIN >= top:
                return index, (top - rect.top()) / max(1, rect.height())
        return len(self.pages.rects) - 1, 0.0

    def _restore_place(self, index: int, fraction: float) -> None:
        if not self.pages.rects:
            return
        rect = self.pages.rects[min(index, len(self.pages.rects) - 1)]
        self.area.verticalScrollBar().setValue(rect.top() + round(fraction * rect.height()))

    def _on_scroll_value_changed(self, _value: int) -> None:
        self._update_current()

    def _update_current(self, force: bool = False) -> None:
        current = 0
        if self.pages.rects:
            # The page that fills the upper third of the view is the one being read.
            mark = self.area.verticalScrollBar().value() + self.area.viewport().height() // 3
            current = 1
            for index, rect in enumerate(self.pages.rects):
                if rect.top() <= mark:
                    current = index + 1
        if force or current != self._current:
            self._current = current
            self.page_changed.emit(current, self.page_count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport():
            # Refit (or recentre) when the view changes size, scroll bars coming and going
            # included, so a fitted page never needs a horizontal scroll bar.
            if event.type() == QEvent.Type.Resize and self._sizes:
                keep = self._place()
                self._relayout()
                self._restore_place(*keep)
                self._update_current()
            elif event.type() == QEvent.Type.Wheel:
                wheel = event
                assert isinstance(wheel, QWheelEvent)
                if wheel.modifiers() & Qt.KeyboardModifier.ControlModifier and self._sizes:
                    self.zoom_in() if wheel.angleDelta().y() > 0 else self.zoom_out()
                    return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        return QSize(520, 640)

    def _close_document(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
