"""The first-run welcome: the method in a few lines, then start or explore the sample."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbook.ui.widgets.page_header import PageHeader

WELCOME_TEXT = (
    "<p>Most jobs are found through people — but not by asking everyone about openings. "
    "This workbook treats networking as <b>research</b>:</p>"
    "<ol>"
    "<li><b>Target</b> — decide what you are looking for, in one sentence you can say aloud.</li>"
    "<li><b>People</b> — write down 100 people you already know, in any field.</li>"
    "<li><b>Advice</b> — note what each of them could tell you.</li>"
    "<li><b>Meetings</b> — ask for 15–20 minutes of advice (never a job), then follow up "
    "and keep in touch.</li>"
    "<li><b>Print</b> — take a one-page prep sheet to every meeting.</li>"
    "</ol>"
    "<p>Everything stays on this computer and is saved as you type.</p>"
)


class WelcomePage(QWidget):
    start_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(PageHeader("Welcome to your networking workbook", ""))
        text = QLabel(WELCOME_TEXT)
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        self.start_button = QPushButton("Start my workbook")
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.sample_button = QPushButton("Open the sample workbook")
        self.sample_button.setAutoDefault(True)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.start_button.clicked.connect(self.start_requested)
        self.sample_button.clicked.connect(self.sample_requested)
