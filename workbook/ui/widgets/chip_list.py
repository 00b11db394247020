"""Editing a short list of values as chips: type and press Enter, × or Backspace to remove.

Keyboard: Enter adds what is typed; Backspace in the empty box removes the last chip; Left at
the start of the box moves onto the chips, where Left/Right move, Delete or Backspace removes
and Right past the last chip (or Escape) returns to the box. Tab leaves the list in one step.

Commas belong to values ("Washington, DC"), so only pasted newlines and tabs split text into
several chips. Duplicates (ignoring case) are not added twice; the existing chip is named in
``message`` instead. Text left in the box when focus moves on becomes a chip too, so nothing
typed is lost. ``items_changed`` fires after each change the user makes, never for
``set_items``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbook.core.ask import clean_text, list_key, normalise_list
from workbook.ui.widgets.flow_layout import FlowLayout

CHIP_MAX_WIDTH = 320
_SPLIT = re.compile(r"[\n\r\t\v\f\x1c-\x1e\x85\u2028\u2029]+")


def split_pasted(text: str) -> list[str]:
    """Pasted text as separate values: one per line or tab-separated cell."""
    return [part for part in _SPLIT.split(text) if part.strip()]


class Chip(QWidget):
    """One value: its text and a remove button (Delete or Backspace on it removes it too)."""

    remove_requested = Signal(str)
    move_requested = Signal(int)  # -1 previous chip, +1 next chip (or the box), 0 the box

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 2, 2)
        layout.setSpacing(2)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # A very long value is shortened on its chip only; the tooltip and the list keep it all.
        metrics = self.label.fontMetrics()
        self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, CHIP_MAX_WIDTH))
        self.label.setToolTip(text)
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(f"Remove “{text}”")
        self.remove_button.setAccessibleName(f"Remove {text}")
        # Reached with the arrow keys from the box, so Tab leaves the whole list at once.
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.remove_button.installEventFilter(self)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_requested.emit(self.text)
                return True
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape):
                step = -1 if key == Qt.Key.Key_Left else 1 if key == Qt.Key.Key_Right else 0
                self.move_requested.emit(step)
                return True
        elif event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return False

    def _on_remove_button_clicked(self) -> None:
        self.remove_requested.emit(self.text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        focused = self.remove_button.hasFocus()
        role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(role), 2 if focused else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)


class _ChipBox(QLineEdit):
    """The text box after the chips: Backspace when empty removes the last chip."""

    backspace_on_empty = Signal()
    left_at_start = Signal()
    left_focus = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers()
        if event.key() == Qt.Key.Key_Backspace and not self.text() and plain:
            self.backspace_on_empty.emit()
            return
        at_start = self.cursorPosition() == 0 and not self.hasSelectedText()
        if event.key() == Qt.Key.Key_Left and at_start and plain:
            self.left_at_start.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self.left_focus.emit()


class ChipList(QWidget):
    """A list of short values edited as chips, with optional one-click suggestions."""

    items_changed = Signal(list)
    message = Signal(str)

    def __init__(
        self,
        placeholder: str,
        accessible_name: str,
        suggestions: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._items: list[str] = []
        self._chips: list[Chip] = []
        self._suggestions = list(suggestions)
        self._placeholder = placeholder
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)

        self.frame = QFrame()
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.frame.setBackgroundRole(QPalette.ColorRole.Base)
        self.frame.setAutoFillBackground(True)
        self.frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flow = FlowLayout(self.frame, spacing=4)
        self.flow.setContentsMargins(4, 4, 4, 4)
        self.line_edit = _ChipBox()
        self.line_edit.setFrame(False)
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.setAccessibleName(accessible_name)
        self.line_edit.setMinimumWidth(160)
        self.line_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.flow.addWidget(self.line_edit)
        self.frame.setFocusProxy(self.line_edit)
        self.setFocusProxy(self.line_edit)
        outer.addWidget(self.frame)

        self.suggestion_row = QWidget()
        self.suggestion_flow = FlowLayout(self.suggestion_row, spacing=4)
        self.suggestion_flow.setContentsMargins(0, 0, 0, 0)
        self.suggestion_buttons: dict[str, QToolButton] = {}
        if self._suggestions:
            ideas = QLabel("Ideas:")
            ideas.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.suggestion_flow.addWidget(ideas)
        for suggestion in self._suggestions:
            button = QToolButton()
            button.setText(f"+ {suggestion}")
            button.setAutoRaise(True)
            button.setAccessibleName(f"Add {suggestion}")
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # typing the value does the same
            button.clicked.connect(lambda _checked=False, s=suggestion: self.add_text(s))
            self.suggestion_flow.addWidget(button)
            self.suggestion_buttons[suggestion] = button
        self.suggestion_row.setVisible(bool(self._suggestions))
        outer.addWidget(self.suggestion_row)

        self.line_edit.returnPressed.connect(self._on_line_edit_return_pressed)
        self.line_edit.textEdited.connect(self._on_line_edit_text_edited)
        self.line_edit.backspace_on_empty.connect(self._on_line_edit_backspace_on_empty)
        self.line_edit.left_focus.connect(self._on_line_edit_left_focus)
        self.line_edit.left_at_start.connect(self._on_line_edit_left_at_start)

    # ------------------------------------------------------------ public

    def items(self) -> list[str]:
        return list(self._items)

    def set_items(self, items: Sequence[str]) -> None:
        """Show these values (no ``items_changed``); keeps focus in the box if it was there."""
        items = list(normalise_list(items))
        if items == self._items:
            return
        had_focus = any(chip.remove_button.hasFocus() for chip in self._chips)
        self._items = items
        self._rebuild()
        if had_focus:
            self.line_edit.setFocus()

    def add_text(self, text: str) -> None:
        """Add the value(s) in ``text`` (pasted lines and tabs split it), as the user would."""
        added: list[str] = []
        shown = {list_key(item): item for item in self._items}
        for part in split_pasted(text):
            value = clean_text(part)
            if list_key(value) in shown:
                self.message.emit(f"“{shown[list_key(value)]}” is already in the list.")
                continue
            shown[list_key(value)] = value
            added.append(value)
        if added:
            self._items.extend(added)
            self._rebuild()
            self.items_changed.emit(self.items())

    def remove(self, text: str) -> None:
        if text not in self._items:
            return
        index = self._items.index(text)
        self._items.remove(text)
        self._rebuild()
        if index < len(self._chips):
            self._chips[index].remove_button.setFocus()
        else:
            self.line_edit.setFocus()
        self.items_changed.emit(self.items())

    def chips(self) -> list[Chip]:
        return list(self._chips)

    def commit_typed_text(self) -> None:
        """Turn text still in the box into a chip (also done when focus moves on)."""
        text = self.line_edit.text()
        if text.strip():
            self.line_edit.clear()
            self.add_text(text)

    # ------------------------------------------------------------ slots

    def _on_line_edit_return_pressed(self) -> None:
        self.commit_typed_text()

    def _on_line_edit_text_edited(self, text: str) -> None:
        if _SPLIT.search(text):  # pasted lines or cells: each becomes a chip
            self.line_edit.clear()
            self.add_text(text)

    def _on_line_edit_backspace_on_empty(self) -> None:
        if self._items:
            self.remove(self._items[-1])
            self.line_edit.setFocus()

    def _on_line_edit_left_focus(self) -> None:
        self.commit_typed_text()

    def _on_line_edit_left_at_start(self) -> None:
        if self._chips:
            self._chips[-1].remove_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chip_remove_requested(self, text: str) -> None:
        self.remove(text)

    def _on_chip_move_requested(self, step: int) -> None:
        chip = self.sender()
        index = self._chips.index(chip) + step if step and chip in self._chips else len(self._chips)
        if index >= len(self._chips):
            self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif index >= 0:  # Left on the first chip stays there
            self._chips[index].remove_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ building

    def _rebuild(self) -> None:
        for chip in self._chips:
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self._chips = []
        for position, item in enumerate(self._items):
            chip = Chip(item, self.frame)
            chip.remove_requested.connect(self._on_chip_remove_requested)
            chip.move_requested.connect(self._on_chip_move_requested)
            self.flow.insertWidget(position, chip)
            chip.show()
            self._chips.append(chip)
        chosen = {list_key(item) for item in self._items}
        for suggestion, button in self.suggestion_buttons.items():
            button.setVisible(list_key(suggestion) not in chosen)
        self.line_edit.setPlaceholderText("Add another…" if self._items else self._placeholder)
        self.frame.updateGeometry()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(320, super().sizeHint().height())
