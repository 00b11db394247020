"""The calm left-hand step navigator: a number, the step's name and a count or due badge.

It is in the window's first frame, so building and painting it touch neither the ``Qt``
namespace nor ``QStyle``: PySide6 makes a class's Python enums on its first use, ~30 ms for
Qt's 93 and ~14 ms for QStyle's (bench/startup.py). Hence plain ints for item roles and
alignment flags (these C++ overloads take ints); a test checks them against the enums.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workbook.ui.steps import STEPS, Step

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
KEY_ROLE = 256  # Qt.ItemDataRole.UserRole
BADGE_ROLE = KEY_ROLE + 1
URGENT_ROLE = KEY_ROLE + 2
NUMBER_ROLE = KEY_ROLE + 3
ALIGN_CENTER = 0x0084  # Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT_VCENTER = 0x0081  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff

Index = QModelIndex | QPersistentModelIndex


class StepNavigator(QListWidget):
    """Lists the steps; emits ``step_chosen(key)`` when the user moves to one."""

    step_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepNavigator")
        self.setAccessibleName("Steps")
        self.setItemDelegate(_StepDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)  # by int, see above
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setMinimumWidth(210)
        self.setMaximumWidth(260)
        for step in STEPS:
            item = QListWidgetItem(step.name)
            item.setData(KEY_ROLE, step.key)
            item.setData(NUMBER_ROLE, "" if step.number is None else str(step.number))
            item.setToolTip(step.purpose)
            self.addItem(item)
        self.currentItemChanged.connect(self._on_current_item_changed)

    def select(self, key: str) -> None:
        row = self._row(key)
        if row is not None and self.currentRow() != row:
            self.setCurrentRow(row)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    def set_badge(self, key: str, text: str, urgent: bool = False) -> None:
        row = self._row(key)
        if row is None:
            return
        item = self.item(row)
        item.setData(BADGE_ROLE, text)
        item.setData(URGENT_ROLE, urgent)
        step = STEPS[row]
        item.setData(ACCESSIBLE_TEXT_ROLE, f"{_label(step)}, {text}".strip(", "))

    def badge(self, key: str) -> str:
        row = self._row(key)
        return "" if row is None else str(self.item(row).data(BADGE_ROLE) or "")

    def _row(self, key: str) -> int | None:
        return next((row for row, step in enumerate(STEPS) if step.key == key), None)

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.step_chosen.emit(str(current.data(KEY_ROLE)))


def _label(step: Step) -> str:
    return step.name if step.number is None else f"{step.number} {step.name}"


class _StepDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, max(40, option.fontMetrics.height() * 2 + 6))

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # paint() draws the name beside the number

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)  # the style's background, selection and focus
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # The view's selection, not opt.state: reading a QStyle flag would build QStyle's enums.
        view = opt.widget
        selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
        palette = opt.palette
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        rect = opt.rect.adjusted(10, 0, -10, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # The step number in a circle (a small dot for Today).
        diameter = 24
        circle = QRect(rect.left(), rect.center().y() - diameter // 2 + 1, diameter, diameter)
        number = str(index.data(NUMBER_ROLE) or "")
        painter.setPen(text_colour)
        painter.setBrush(QBrush())  # no brush
        if number:
            painter.drawEllipse(circle)
            painter.drawText(circle, ALIGN_CENTER, number)
        else:
            painter.setBrush(text_colour)
            painter.drawEllipse(circle.center(), 4, 4)

        badge = str(index.data(BADGE_ROLE) or "")
        badge_width = 0
        if badge:  # only once a workbook is open, when the Qt namespace is loaded anyway
            small = QFont(opt.font)
            small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.85))
            painter.setFont(small)
            metrics = painter.fontMetrics()
            badge_width = metrics.horizontalAdvance(badge) + 14
            pill = QRect(rect.right() - badge_width, rect.center().y() - 10, badge_width, 20)
            if index.data(URGENT_ROLE):
                painter.setPen(QtCore.Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(QPalette.ColorRole.Accent))
                painter.drawRoundedRect(pill, 10, 10)
                painter.setPen(QColor("white"))
            else:
                muted = QColor(text_colour)
                muted.setAlphaF(0.7)
                painter.setPen(muted)
            painter.drawText(pill, ALIGN_CENTER, badge)

        painter.setFont(opt.font)
        painter.setPen(text_colour)
        name_rect = QRect(
            circle.right() + 10,
            rect.top(),
            rect.width() - diameter - 20 - badge_width,
            rect.height(),
        )
        name = _elided(painter, str(index.data(DISPLAY_ROLE) or ""), name_rect.width())
        painter.drawText(name_rect, ALIGN_LEFT_VCENTER, name)
        painter.restore()


def _elided(painter: QPainter, text: str, width: int) -> str:
    metrics = painter.fontMetrics()
    if metrics.horizontalAdvance(text) <= width:
        return text  # the usual case; eliding needs the Qt namespace (see the module's note)
    return metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, width)
