"""How the tagging matrix looks: the marks in its cells and the kinds' names written upwards in
its header, so a dozen kinds fit across a narrow window.

Both are drawn once into pixmaps (per palette, size and scale) and then only copied: Qt's own
item delegate paints the cells from the model's icons, and the header blits one picture.
Painting from Python on every repaint would be slow at 10,000 rows and, with PySide6 6.12 on
Python 3.11, every void Qt call made from Python takes a reference off ``None`` (see
``tests/ui/test_advice_page.py::test_painting_does_not_use_up_none``): per-cell Python
painting would crash a long session. Colours come from the palette (the accent for marks,
the highlight colours on selected rows), sizes from the font, so both follow dark mode and
scale.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

UNTAGGED, TAGGED, NOTED = 0, 1, 2  # a cell's state: not tagged, tagged, tagged with a note
NAME = 0


class CellMarks:
    """The three marks as icons (normal and selected), centred in a cell of ``size``; each
    also outlined, for the current cell (Space acts on it)."""

    def __init__(self) -> None:
        self._icons: list[QIcon] = []
        self._key: tuple[object, ...] | None = None

    def prepare(self, palette: QPalette, cell: QSize, ratio: float) -> bool:
        """Draw the marks for this palette, cell size and scale; True when they changed."""
        key = (palette.cacheKey(), cell.width(), cell.height(), ratio)
        if key == self._key:
            return False
        self._key = key
        self._icons = []
        for current in (False, True):
            for state in (UNTAGGED, TAGGED, NOTED):
                icon = QIcon()
                for mode, selected in ((QIcon.Mode.Normal, False), (QIcon.Mode.Selected, True)):
                    pixmap = _mark(state, selected, current, palette, cell, ratio)
                    icon.addPixmap(pixmap, mode)
                self._icons.append(icon)
        return True

    def icons(self) -> list[QIcon]:
        """Untagged, tagged, tagged with a note; then the same outlined as current."""
        return list(self._icons)


def _mark(
    state: int, selected: bool, current: bool, palette: QPalette, cell: QSize, ratio: float
) -> QPixmap:
    pixmap = QPixmap(round(cell.width() * ratio), round(cell.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(cell.width(), cell.height()) * 0.62
    centre = QPointF(cell.width() / 2, cell.height() / 2)
    role = QPalette.ColorRole
    if state == UNTAGGED:
        dot = QColor(palette.color(role.HighlightedText if selected else role.Text))
        dot.setAlphaF(0.32)
        painter.setPen(QPen(dot, max(1.0, side / 12)))
        radius = side / 6
        painter.drawEllipse(centre, radius, radius)
    else:
        fill = palette.color(role.HighlightedText if selected else role.Accent)
        tick = palette.color(role.Highlight if selected else role.HighlightedText)
        box = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, side / 4, side / 4)
        path = QPainterPath(QPointF(box.left() + side * 0.24, box.top() + side * 0.52))
        path.lineTo(box.left() + side * 0.43, box.top() + side * 0.71)
        path.lineTo(box.left() + side * 0.77, box.top() + side * 0.3)
        pen = QPen(tick, max(1.5, side / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if state == NOTED:  # a folded corner: this tag has a note
            corner = max(4.0, cell.height() / 3.6)
            right = QPointF(cell.width(), 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawPolygon(
                QPolygonF([right, right - QPointF(corner, 0), right + QPointF(0, corner)])
            )
    if current:
        outline = QPen(palette.color(role.HighlightedText if selected else role.Accent), 2)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(1, 1, cell.width() - 2, cell.height() - 2), 3, 3)
    painter.end()
    return pixmap


class KindHeader(QHeaderView):
    """A horizontal header with the kinds' names written upwards, in up to two lines (the name
    column as usual). ``set_current`` marks the current cell's kind in the accent colour, bold,
    so the user sees which kind Space will tag.

    The names are drawn into one picture when the kinds, the widths, the palette or the font
    change; a repaint copies it, then the current kind's picture over it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._current = -1
        self._picture: QPixmap | None = None
        self._key: tuple[object, ...] | None = None
        self._highlights: dict[int, QPixmap] = {}
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)

    def set_current(self, column: int) -> None:
        if column != self._current:
            self._current = column
            self.viewport().update()

    def current(self) -> int:
        return self._current

    def header_font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.92)
        font.setBold(bold)
        return font

    def titles(self) -> list[str]:
        """Every section's title (the name column, the kinds, the "works at" column)."""
        model: QAbstractItemModel | None = self.model()
        if model is None:
            return []
        header = Qt.Orientation.Horizontal
        return [str(model.headerData(s, header) or "") for s in range(model.columnCount())]

    def names(self) -> list[str]:
        """The kinds' names: every section but the first and the last."""
        return self.titles()[1:-1]

    def section_width(self) -> int:
        """How wide a kind's column is: two lines of upward text."""
        metrics = QFontMetrics(self.header_font(bold=True))
        return metrics.lineSpacing() * 2 + max(4, metrics.height() // 3)

    def text_room(self) -> int:
        """How tall the header is: the longest kind name in two lines, capped (longer ones
        are elided; the tooltip has the whole name)."""
        metrics = QFontMetrics(self.header_font(bold=True))
        widest = max((_longer(two_lines(n, metrics), metrics) for n in self.names()), default=0)
        cap = metrics.horizontalAdvance("x") * 22
        return min(cap, widest) + metrics.height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(max(hint.height(), self.text_room()))
        return hint

    def forget_picture(self) -> None:
        """The names changed: draw them again at the next paint."""
        self._key = None

    def paintEvent(self, event: QPaintEvent) -> None:
        viewport = self.viewport()
        ratio = viewport.devicePixelRatioF()
        sections = tuple(self.sectionSize(s) for s in range(self.count()))
        key = (tuple(self.titles()), sections, viewport.height(), self.palette().cacheKey(),
               self.font().key(), ratio)  # fmt: skip
        if key != self._key or self._picture is None:
            self._key = key
            self._picture = self._draw(sections, viewport.height(), ratio, bold=-1)
            self._highlights.clear()
        painter = QPainter(viewport)
        offset = self.offset()
        painter.drawPixmap(-offset, 0, self._picture)
        current = self._current
        if 1 <= current < self.count() - 1:
            highlight = self._highlights.get(current)
            if highlight is None:
                highlight = self._draw(sections, viewport.height(), ratio, bold=current)
                self._highlights[current] = highlight
            left = self.sectionPosition(current) - offset
            painter.drawPixmap(left, 0, highlight)
        painter.end()

    def _draw(self, sections: tuple[int, ...], height: int, ratio: float, bold: int) -> QPixmap:
        """The whole header (``bold`` -1), or one kind's section highlighted."""
        width = sum(sections) if bold < 0 else sections[bold]
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        if bold >= 0:  # the section alone, at the picture's left
            painter.translate(-sum(sections[:bold]), 0)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        titles = self.titles()
        left = 0
        for section, size in enumerate(sections):
            rect = QRect(left, 0, size, height)
            left += size
            if bold >= 0 and section != bold:
                continue
            upwards = 0 < section < len(titles) - 1
            option.rect = rect
            option.section = section
            option.text = "" if upwards or section >= len(titles) else titles[section]
            option.textAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
            if upwards:
                self._draw_name(painter, rect, titles[section], section == bold)
        painter.end()
        return pixmap

    def _draw_name(self, painter: QPainter, rect: QRect, text: str, current: bool) -> None:
        painter.save()
        painter.setFont(self.header_font(bold=current))
        metrics = painter.fontMetrics()
        pad = metrics.height() / 2
        room = round(rect.height() - pad * 1.5)
        lines = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
            for line in two_lines(text, metrics)
        ]
        role = QPalette.ColorRole.Accent if current else QPalette.ColorRole.WindowText
        painter.setPen(self.palette().color(role))
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)  # x now runs up the column, y across it
        spacing = metrics.lineSpacing()
        top = (rect.width() - spacing * len(lines)) / 2 + metrics.ascent()
        for number, line in enumerate(lines):
            painter.drawText(QPointF(pad, top + number * spacing), line)
        painter.restore()


def two_lines(text: str, metrics: QFontMetrics) -> list[str]:
    """The text in one line, or two split at the space that makes the longer line shortest."""
    words = text.split()
    if len(words) < 2:
        return [text]
    best, best_width = [text], metrics.horizontalAdvance(text)
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        width = _longer(lines, metrics)
        if width < best_width:
            best, best_width = lines, width
    return best


def _longer(lines: list[str], metrics: QFontMetrics) -> int:
    return max(metrics.horizontalAdvance(line) for line in lines)
