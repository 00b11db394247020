"""A ring that fills toward a goal, with "37" large and "of 100" small in the middle.

Drawn with QPainter in the palette's colours (the accent for the filled arc), so it follows
light and dark mode. Past the goal the ring stays full and the count keeps going.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProgressRing(QWidget):
    """Shows ``value`` of ``goal`` as a ring; accessible as "37 of 100"."""

    def __init__(self, goal: int = 100, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._goal = max(1, goal)
        self._value = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._update_text()

    def value(self) -> int:
        return self._value

    def goal(self) -> int:
        return self._goal

    def text(self) -> str:
        return f"{self._value} of {self._goal}"

    def set_value(self, value: int) -> None:
        if value != self._value:
            self._value = max(0, value)
            self._update_text()
            self.update()

    def sizeHint(self) -> QSize:
        side = max(72, self.fontMetrics().height() * 5)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _update_text(self) -> None:
        self.setAccessibleName("People on your list")
        self.setAccessibleDescription(self.text())
        self.setToolTip(f"{self.text()} people on your list")

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        side = min(self.width(), self.height())
        thickness = max(5.0, side / 11)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        track = QColor(palette.color(QPalette.ColorRole.WindowText))
        track.setAlphaF(0.12)
        pen = QPen(track, thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)

        fraction = min(1.0, self._value / self._goal)
        if fraction > 0:
            accent = palette.color(QPalette.ColorRole.Accent)
            pen = QPen(accent, thickness)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap if fraction < 1 else Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            # Qt angles are in 1/16 degree, counter-clockwise from 3 o'clock: start at 12.
            painter.drawArc(rect, 90 * 16, -round(fraction * 360 * 16))

        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        big = QFont(self.font())
        big.setPointSizeF(max(9.0, side / 5.2 * 72 / max(1, self.logicalDpiY())))
        big.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, big.pointSizeF() * 0.45))
        painter.setFont(big)
        big_height = painter.fontMetrics().height()
        painter.setFont(small)
        small_height = painter.fontMetrics().height()
        top = rect.center().y() - (big_height + small_height) / 2
        painter.setFont(big)
        painter.drawText(
            QRectF(rect.left(), top, rect.width(), big_height),
            Qt.AlignmentFlag.AlignCenter,
            str(self._value),
        )
        muted = QColor(palette.color(QPalette.ColorRole.WindowText))
        muted.setAlphaF(0.7)
        painter.setPen(muted)
        painter.setFont(small)
        painter.drawText(
            QRectF(rect.left(), top + big_height, rect.width(), small_height),
            Qt.AlignmentFlag.AlignCenter,
            f"of {self._goal}",
        )
        painter.end()
