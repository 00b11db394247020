"""A small coverage chart drawn with QPainter: progress toward 100, then groups of bars.

The page gives plain data (``Bar`` and ``BarGroup``): people per strength, per circle and per
advice kind, say. Every size comes from the font, so the chart reads the same at 200% scale,
and every colour from the palette (the accent for bars), so it follows light and dark mode.
Groups flow into as many columns as the width allows; ``heightForWidth`` tells the layout how
tall that makes it. A bar that needs attention (``warn``) says so in words, not only colour.
Hovering a bar shows its tooltip; the accessible description reads out every number.

The chart is drawn into a picture only when its data, size, palette or font changed (and a
resize only once it has settled); a repaint copies the picture. Besides speed, that keeps
Python's painting calls few: with PySide6 6.12 on Python 3.11 each void Qt call made from
Python takes a reference off ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

SETTLE_MS = 150  # a resize this long still draws the chart again


@dataclass(frozen=True)
class Bar:
    """One labelled count; ``note`` is said after the count ("nobody yet")."""

    label: str
    value: int
    tooltip: str = ""
    note: str = ""
    warn: bool = False


@dataclass(frozen=True)
class BarGroup:
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class _Placed:
    """Where one bar's row landed (widget coordinates)."""

    row: QRect
    label: QRect
    track: QRect
    count: QRect
    bar: Bar
    scale: int  # the group's largest value


@dataclass(frozen=True)
class _Title:
    rect: QRect
    text: str


class CoverageChart(QWidget):
    """Progress toward a goal and a few groups of horizontal bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = 0
        self._goal = 100
        self._groups: list[BarGroup] = []
        self._cache: tuple[int, list[_Title], list[_Placed], int] | None = None
        self._picture: QPixmap | None = None
        self._picture_key: tuple[object, ...] | None = None
        self._version = 0  # bumped by every change of data
        self._settle = QTimer(self)  # while the size keeps changing, the last picture is shown
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.update)
        self.setAccessibleName("Coverage chart")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # ------------------------------------------------------------ data

    def set_data(self, people: int, goal: int, groups: Sequence[BarGroup]) -> None:
        self._people, self._goal, self._groups = max(0, people), max(1, goal), list(groups)
        self._cache = None
        self._version += 1
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def groups(self) -> list[BarGroup]:
        return list(self._groups)

    def summary(self) -> str:
        """Every number in words (the accessible description)."""
        parts = [f"{self._people} of {self._goal} people on your list."]
        for group in self._groups:
            bars = ", ".join(
                f"{bar.label} {bar.value}" + (f" ({bar.note})" if bar.note else "")
                for bar in group.bars
            )
            parts.append(f"{group.title}: {bars}.")
        return " ".join(parts)

    # ------------------------------------------------------------ geometry

    def _metrics(self) -> tuple[QFontMetrics, int, int]:
        metrics = self.fontMetrics()
        line = metrics.height()
        return metrics, line, round(line * 1.5)  # text line, one bar row

    def _column_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("x") * 46

    def _layout(self, width: int) -> tuple[list[_Title], list[_Placed], int]:
        """Titles and bars placed for this width, and the height they need.

        When every group fits side by side at its natural width (whole labels), each gets a
        column that wide plus a share of the rest; otherwise the groups flow into equal
        columns, each group under the shortest one, labels elided.
        """
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1], self._cache[2], self._cache[3]
        metrics, line, row_height = self._metrics()
        gap = line
        top = self._progress_height() + gap
        groups = [g for g in self._groups if g.bars]
        natural = [self._natural_width(group) for group in groups]
        spare = width - sum(natural) - gap * (len(groups) - 1)
        if groups and spare >= 0:
            widths = [w + spare // len(groups) for w in natural]
            slots = list(range(len(groups)))
        else:
            columns = max(1, min(len(groups) or 1, (width + gap) // (self._column_width() + gap)))
            widths = [(width - gap * (columns - 1)) // columns] * columns
            slots = []
        lefts = [sum(widths[:n]) + gap * n for n in range(len(widths))]
        heights = [top] * len(widths)
        titles: list[_Title] = []
        placed: list[_Placed] = []
        count_width = metrics.horizontalAdvance("0000")
        for number, group in enumerate(groups):
            column = slots[number] if slots else heights.index(min(heights))
            left, column_width, y = lefts[column], widths[column], heights[column]
            title_height = round(line * 1.6)
            titles.append(_Title(QRect(left, y, column_width, title_height), group.title))
            y += title_height
            widest = max(metrics.horizontalAdvance(bar.label) for bar in group.bars)
            label_width = widest + line // 2
            if not slots:  # equal columns: a long label gives way to the bar
                label_width = min(label_width, column_width * 9 // 20)
            notes = max(metrics.horizontalAdvance(bar.note) for bar in group.bars)
            note_width = notes + line // 2 if notes else 0
            track_left = left + label_width + line // 2
            track_width = max(line, column_width - label_width - count_width - note_width - line)
            scale = max(1, *(bar.value for bar in group.bars))
            for bar in group.bars:
                row = QRect(left, y, column_width, row_height)
                label = QRect(left, y, label_width, row_height)
                track = QRect(track_left, y + row_height // 4, track_width, row_height // 2)
                count = QRect(track.right() + line // 2, y, count_width + note_width, row_height)
                placed.append(_Placed(row, label, track, count, bar, scale))
                y += row_height
            heights[column] = y + gap
        height = max(heights) - (gap if groups else 0)
        self._cache = (width, titles, placed, height)
        return titles, placed, height

    def _natural_width(self, group: BarGroup) -> int:
        """A group's width with whole labels and a bar long enough to compare."""
        metrics, line, _row = self._metrics()
        widest = max(metrics.horizontalAdvance(bar.label) for bar in group.bars)
        notes = max(metrics.horizontalAdvance(bar.note) for bar in group.bars)
        track = metrics.horizontalAdvance("x") * 14
        count = metrics.horizontalAdvance("0000")
        return (
            widest
            + line // 2
            + line // 2
            + track
            + count
            + (notes + line // 2 if notes else 0)
            + line
        )

    def _progress_height(self) -> int:
        _metrics, line, _row = self._metrics()
        return round(line * 1.6) + round(line * 0.8)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(max(1, width))[2]

    def sizeHint(self) -> QSize:
        width = self._column_width() * 2 + self.fontMetrics().height()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._column_width()
        return QSize(width, self._progress_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache = None
        if self._picture is not None:
            self._settle.start()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._cache = None
            self.updateGeometry()
        super().changeEvent(event)

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        """Copy the chart's picture, drawn again only when something it shows changed (and,
        while the size is changing, once it has settled)."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.palette().cacheKey(),
               self.font().key(), self._version)  # fmt: skip
        old = self._picture_key
        resizing = old is not None and old[2:] == key[2:] and self._settle.isActive()
        if self._picture is None or (key != old and not resizing):
            self._picture = QPixmap(max(1, round(self.width() * ratio)),
                                    max(1, round(self.height() * ratio)))  # fmt: skip
            self._picture.setDevicePixelRatio(ratio)
            self._picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._picture)
            self._draw(painter)
            painter.end()
            self._picture_key = key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def picture(self) -> QPixmap | None:
        """The chart as last drawn."""
        return self._picture

    def _draw(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.7)
        track = QColor(text)
        track.setAlphaF(0.12)
        accent = palette.color(QPalette.ColorRole.Accent)
        warn = _warning_colour(palette)
        metrics, line, _row = self._metrics()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)

        # Progress toward the goal: a sentence, then one wide bar.
        painter.setFont(bold)
        painter.setPen(text)
        words = f"{self._people} of {self._goal} people on your list"
        heading = QRect(0, 0, self.width(), round(line * 1.6))
        painter.drawText(heading, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        bar_rect = QRectF(0, heading.bottom() + 1, self.width(), round(line * 0.6))
        _bar(painter, bar_rect, 1.0, track)
        _bar(painter, bar_rect, min(1.0, self._people / self._goal), accent)

        titles, placed, _height = self._layout(self.width())
        for title in titles:
            painter.setFont(bold)
            painter.setPen(text)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(title.rect.adjusted(0, 0, 0, -line // 4), align, title.text)
        painter.setFont(self.font())
        for item in placed:
            bar = item.bar
            painter.setPen(warn if bar.warn else text)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, item.label.width())
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(item.label, right, label)
            _bar(painter, QRectF(item.track), 1.0, track)
            if bar.value:
                fill = warn if bar.warn else accent
                _bar(painter, QRectF(item.track), bar.value / item.scale, fill)
            painter.setPen(warn if bar.warn else muted)
            left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            number = str(bar.value)
            painter.drawText(item.count, left, number)
            if bar.note:
                note_rect = item.count.adjusted(metrics.horizontalAdvance(number + "  "), 0, 0, 0)
                painter.drawText(note_rect, left, bar.note)

    # ------------------------------------------------------------ tooltips

    def bar_at(self, position: QPoint) -> Bar | None:
        _titles, placed, _height = self._layout(self.width())
        return next((item.bar for item in placed if item.row.contains(position)), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            bar = self.bar_at(event.pos())
            if bar is None:
                QToolTip.hideText()
                event.ignore()
            else:
                tip = bar.tooltip or f"{bar.label}: {bar.value}"
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)


def _bar(painter: QPainter, rect: QRectF, fraction: float, colour: QColor) -> None:
    if fraction <= 0:
        return
    filled = QRectF(rect.left(), rect.top(), max(rect.height(), rect.width() * fraction),
                    rect.height())  # fmt: skip
    radius = rect.height() / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(filled, radius, radius)


def _warning_colour(palette: QPalette) -> QColor:
    """A red that reads on this palette's window colour (lighter on a dark one)."""
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    return QColor("#ff8a80") if dark else QColor("#b3261e")
