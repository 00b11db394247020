"""Shown when no workbook is open: why (if something went wrong) and how to go on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbook.ui.widgets.page_header import PageHeader


class ClosedPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closedPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(
            PageHeader(
                "No workbook is open", "Open a workbook, start a new one, or explore the sample."
            )
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problemLabel")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("New Workbook…")
        self.open_button = QPushButton("Open Workbook…")
        self.sample_button = QPushButton("Open the Sample Workbook")
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setAutoDefault(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)

    def show_problem(self, message: str | None) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))
