"""A numbered question with a short hint, and the boxes that answer it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class QuestionCard(QFrame):
    """One question of a guided form: "2  Which skills do you want to use?" and its hint."""

    def __init__(
        self, number: int, question: str, hint: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # The window's colour, not the text boxes': boxes keep their contrast in dark mode too.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(6)

        top = QHBoxLayout()
        top.setSpacing(10)
        self.number = QLabel(str(number))
        self.number.setForegroundRole(QPalette.ColorRole.Highlight)
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setFont(font)
        top.addWidget(self.number)
        top.addWidget(self.question, 1)
        layout.addLayout(top)

        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.hint)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        layout.addSpacing(2)
        layout.addLayout(self.body)
        self.setAccessibleName(question)
        self._form: QFormLayout | None = None
        self._active = False

    def set_active(self, active: bool) -> None:
        """Mark the question being answered (the one holding the keyboard focus)."""
        if active != self._active:
            self._active = active
            self.update()

    @property
    def active(self) -> bool:
        return self._active

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._active:
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def add(self, widget: QWidget) -> QWidget:
        self.body.addWidget(widget)
        return widget

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        """A labelled box ("Level", "Size"): for questions answered in more than one box."""
        if self._form is None:
            self._form = QFormLayout()
            self._form.setContentsMargins(0, 0, 0, 0)
            self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.body.addLayout(self._form)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self._form.addRow(caption, widget)
        return widget
