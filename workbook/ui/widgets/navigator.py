"""The calm left-hand step navigator: a number, the step's name and a count or due badge."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workbook.ui.steps import STEPS, Step

KEY_ROLE = Qt.ItemDataRole.UserRole
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT_ROLE = Qt.ItemDataRole.UserRole + 2
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 3

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
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{_label(step)}, {text}".strip(", "))

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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
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
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if number:
            painter.drawEllipse(circle)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, number)
        else:
            painter.setBrush(text_colour)
            painter.drawEllipse(circle.center(), 4, 4)

        badge = str(index.data(BADGE_ROLE) or "")
        badge_width = 0
        if badge:
            small = QFont(opt.font)
            small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.85))
            painter.setFont(small)
            metrics = painter.fontMetrics()
            badge_width = metrics.horizontalAdvance(badge) + 14
            pill = QRect(rect.right() - badge_width, rect.center().y() - 10, badge_width, 20)
            if index.data(URGENT_ROLE):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.color(QPalette.ColorRole.Accent))
                painter.drawRoundedRect(pill, 10, 10)
                painter.setPen(QColor("white"))
            else:
                muted = QColor(text_colour)
                muted.setAlphaF(0.7)
                painter.setPen(muted)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge)

        painter.setFont(opt.font)
        painter.setPen(text_colour)
        name_rect = QRect(
            circle.right() + 10,
            rect.top(),
            rect.width() - diameter - 20 - badge_width,
            rect.height(),
        )
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        elided = painter.fontMetrics().elidedText(
            name, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
        )
        painter.restore()
