"""A step whose page comes in a later release: it says what the step is for and what is next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from workbook.ui.steps import Step
from workbook.ui.widgets.page_header import PageHeader


class StepPlaceholderPage(QWidget):
    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{step.key}Page")
        title = step.name if step.number is None else f"Step {step.number} — {step.name}"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(PageHeader(title, step.purpose))
        empty = QFrame()
        empty.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(empty)
        inner.setContentsMargins(24, 24, 24, 24)
        self.next_label = QLabel(step.next_action)
        self.next_label.setWordWrap(True)
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        soon = QLabel("This page is being built; the step's method is described above.")
        soon.setWordWrap(True)
        soon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        soon.setEnabled(False)
        inner.addWidget(self.next_label)
        inner.addWidget(soon)
        layout.addWidget(empty)
        layout.addStretch(1)
