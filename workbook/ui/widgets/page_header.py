"""A page's title and one short line about what the page is for."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PageHeader(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Page title")
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.purpose)
        # After addWidget: a parentless label made visible would flash as its own window.
        self.purpose.setVisible(bool(purpose))
