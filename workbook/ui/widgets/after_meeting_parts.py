"""Small pieces the "After the meeting" panels share: the inline duplicate choice, headings,
quiet hint labels, text boxes and lists as tall as their rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from workbook.core.dupes import DuplicateMatch

MAX_MATCHES = 3


class DuplicateChoice(QWidget):
    """ "“Zoë Ångström” may be on your list already:" with a button per person who may be
    the same ("That's Zoë Ångström (Northwind) already on my list") and "Add as a new
    person". Hidden while there is nothing to choose."""

    chosen = Signal(int)  # the person on the list; 0: add as a new person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: list[DuplicateMatch] = []
        self.buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 4)
        self.title = quiet("")
        self._layout.addWidget(self.title)
        self.new_person_button = QPushButton("Add as a new &person")
        self.new_person_button.clicked.connect(self._on_new_person_button_clicked)
        self.hide()

    def show_matches(self, matches: list[DuplicateMatch], name: str = "") -> None:
        """Offer these people (the strongest few); an empty list hides the choice."""
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self._layout.removeWidget(self.new_person_button)
        self.matches = matches[:MAX_MATCHES]
        if not self.matches:
            self.hide()
            return
        self.title.setText(f"“{name}” may be on your list already:")
        for match in self.matches:
            who = match.name + (f" ({match.organisation})" if match.organisation else "")
            button = QPushButton(f"That's {who} already on my list")
            button.setToolTip(f"Link the name to {match.name}: {match.reason}")
            button.clicked.connect(lambda _=False, pid=match.person_id: self.chosen.emit(pid))
            self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons.append(button)
        self._layout.addWidget(self.new_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.new_person_button.show()
        self.show()

    def focus_first(self) -> None:
        if self.buttons:
            self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_new_person_button_clicked(self) -> None:
        self.chosen.emit(0)


def fit_rows(widget: QListWidget | QTreeWidget, rows: int, most: int = 6) -> None:
    """As tall as its rows (one at least, ``most`` at most; more scroll)."""
    row = max(widget.sizeHintForRow(0), widget.fontMetrics().height() + 4)
    header = 0
    if isinstance(widget, QTreeWidget) and not widget.isHeaderHidden():
        header = widget.header().sizeHint().height()
    height = row * min(max(rows, 1), most) + header + 2 * widget.frameWidth() + 2
    widget.setFixedHeight(height)


def line(name: str, placeholder: str) -> QLineEdit:
    box = QLineEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    return box


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def quiet(text: str) -> QLabel:
    """A hint in the palette's quiet colour (right in light and dark)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
