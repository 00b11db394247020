"""What is still vague about the target: a short homework list, each item a link to fix it."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workbook.core.ask import ReadinessItem

READY_TEXT = "Your target is clear. Next: list the people you know."


class ReadinessList(QWidget):
    """Lists what to work on; following an item (click, or Tab then Enter) emits its field."""

    item_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self._layout.addWidget(self.title)
        self.ready = QLabel(READY_TEXT)
        self.ready.setWordWrap(True)
        self._layout.addWidget(self.ready)
        self.labels: list[QLabel] = []
        self._rows: list[QWidget] = []
        self._items: tuple[ReadinessItem, ...] | None = None
        self.show_items(())

    def show_items(self, items: Sequence[ReadinessItem]) -> None:
        items = tuple(items)
        if items == self._items:
            return
        self._items = items
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.labels = [self._link(item) for item in items]
        self._rows = [self._row(label) for label in self.labels]
        for row in self._rows:
            self._layout.addWidget(row)
        self.ready.setVisible(not items)
        self.title.setText("Before you network" if items else "Ready to network")

    def texts(self) -> list[str]:
        return [item.text for item in self._items or ()]

    @staticmethod
    def _row(label: QLabel) -> QWidget:
        """A bullet, and the link beside it (wrapped lines stay clear of the bullet)."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        bullet = QLabel("•")
        layout.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label, 1)
        return row

    def _link(self, item: ReadinessItem) -> QLabel:
        label = QLabel(f'<a href="{html.escape(item.field)}">{html.escape(item.text)}</a>')
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setToolTip("Go to this question")
        label.setAccessibleName(item.text)
        label.linkActivated.connect(self.item_chosen)
        return label
