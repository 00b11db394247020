"""The kinds of advice: add your own, rename, reorder, retire or bring back — all undoable.

Kinds in use are listed in the user's order (the matrix's columns), retired ones after them,
greyed: retiring hides a kind from the matrix and the ranking, and keeps its tags. Keys:
Insert adds, F2 renames, Ctrl+Up / Ctrl+Down move, Delete retires (or brings back); Ctrl+Z and
Ctrl+Shift+Z undo and redo here too. ``ask_kind`` is the one question the dialog asks (a name
and what it means): tests replace it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbook.ui.widgets.undo_keys import UndoKeys, is_redo_key, is_undo_key

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from workbook.core.advice import KindRow

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole.value + 1
CTRL = Qt.KeyboardModifier.ControlModifier


class KindActions(Protocol):
    """What the dialog needs from the page: the kinds, and undoable changes to them."""

    def all_kinds(self) -> list[KindRow]: ...

    def add_kind_undoably(self, name: str, description: str) -> int | None: ...

    def rename_kind_undoably(self, kind_id: int, name: str, description: str) -> None: ...

    def move_kind_undoably(self, kind_id: int, step: int) -> None: ...

    def retire_kind_undoably(self, kind_id: int, retired: bool) -> None: ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...


def ask_kind(
    parent: QWidget, title: str, name: str = "", description: str = ""
) -> tuple[str, str] | None:
    """Ask for a kind's name and a line on what it means; None when cancelled."""
    form = _KindForm(parent, title, name, description)
    try:
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        return form.name_box.text(), form.description_box.text()
    finally:
        form.deleteLater()


def run_dialog(dialog: QDialog) -> None:
    """Show the kinds dialog and wait until it is closed."""
    dialog.exec()


class KindsDialog(QDialog):
    """Edits the list of kinds through ``actions``; follows the undo history while open."""

    def __init__(
        self, actions: KindActions, changed: SignalInstance, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind_actions = actions
        self.setWindowTitle("Kinds of Advice")
        intro = QLabel(
            "These are the columns of the matrix. Add kinds of your own, put the ones you "
            "use most first, and retire those you do not need: their tags are kept."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Kinds of advice")
        self.add_button = QPushButton("&Add…")
        self.rename_button = QPushButton("&Rename…")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        self.retire_button = QPushButton("Re&tire")
        self.add_button.setToolTip("Add a kind of your own (Insert)")
        self.rename_button.setToolTip("Change its name or what it means (F2)")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button.setToolTip("Ctrl+Down")
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button,
                       self.retire_button):  # fmt: skip
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(560, 480)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.retire_button.clicked.connect(self._on_retire_button_clicked)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_rename_button_clicked())
        changed.connect(self._on_history_changed)
        self._undo_keys = UndoKeys(actions.undo, actions.redo, self)
        self._undo_keys.watch(self.list)  # the list would take Ctrl+Z as a search otherwise
        self.list.installEventFilter(self)
        self.refresh()

    # ------------------------------------------------------------ showing

    def refresh(self, select_id: int | None = None) -> None:
        """List the kinds again, keeping (or moving to) the current one."""
        current = self.current_kind()
        wanted = select_id if select_id is not None else current.id if current else None
        kinds = self.kind_actions.all_kinds()
        self.list.clear()
        active = [kind for kind in kinds if not kind.retired]
        retired = [kind for kind in kinds if kind.retired]
        for kind in active:
            self._add_item(kind)
        if retired:
            header = QListWidgetItem("Retired — hidden from the matrix, tags kept")
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(self.list.font())
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for kind in retired:
                self._add_item(kind)
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == wanted:
                self.list.setCurrentRow(row)
                break
        else:
            if self.list.count():
                self.list.setCurrentRow(0)
        self._update_buttons()

    def _add_item(self, kind: KindRow) -> None:
        people = f"{kind.tag_count} {'person' if kind.tag_count == 1 else 'people'}"
        own = "" if kind.builtin else ", your own"
        item = QListWidgetItem(f"{kind.name}   ({people}{own})")
        item.setData(ID_ROLE, kind.id)
        item.setData(KIND_ROLE, kind)
        item.setToolTip(kind.description or kind.name)
        if kind.retired:
            item.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))
        self.list.addItem(item)

    def current_kind(self) -> KindRow | None:
        item: QListWidgetItem | None = self.list.currentItem()
        if item is None:
            return None
        kind: KindRow | None = item.data(KIND_ROLE)
        return kind

    def _update_buttons(self) -> None:
        kind = self.current_kind()
        active = [k for k in self.listed_kinds() if not k.retired]
        place = next((n for n, k in enumerate(active) if kind and k.id == kind.id), None)
        self.rename_button.setEnabled(kind is not None)
        self.retire_button.setEnabled(kind is not None)
        self.up_button.setEnabled(place is not None and place > 0)
        self.down_button.setEnabled(place is not None and place < len(active) - 1)
        self.retire_button.setText("Bring &back" if kind and kind.retired else "Re&tire")

    def listed_kinds(self) -> list[KindRow]:
        """The kinds as listed now (from the items, without asking the workbook again)."""
        found = []
        for row in range(self.list.count()):
            kind = self.list.item(row).data(KIND_ROLE)
            if kind is not None:
                found.append(kind)
        return found

    # ------------------------------------------------------------ slots

    def _on_add_button_clicked(self) -> None:
        answer = ask_kind(self, "Add a Kind of Advice")
        if answer is None:
            return
        kind_id = self.kind_actions.add_kind_undoably(*answer)
        self.refresh(select_id=kind_id)

    def _on_rename_button_clicked(self) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        answer = ask_kind(self, "Rename a Kind of Advice", kind.name, kind.description)
        if answer is not None:
            self.kind_actions.rename_kind_undoably(kind.id, *answer)
            self.refresh()

    def _move(self, step: int) -> None:
        kind = self.current_kind()
        if kind is not None and not kind.retired:
            self.kind_actions.move_kind_undoably(kind.id, step)
            self.refresh()

    def _on_retire_button_clicked(self) -> None:
        kind = self.current_kind()
        if kind is not None:
            self.kind_actions.retire_kind_undoably(kind.id, not kind.retired)
            self.refresh()

    def _on_list_current_item_changed(self, *_items: object) -> None:
        self._update_buttons()

    def _on_history_changed(self, *_args: object) -> None:
        self.refresh()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _key(self, event: QKeyEvent) -> bool:
        """The dialog's keys, wherever the focus is; True when one was used."""
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Insert:
            self._on_add_button_clicked()
        elif key == Qt.Key.Key_F2:
            self._on_rename_button_clicked()
        elif key == Qt.Key.Key_Delete:
            self._on_retire_button_clicked()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == CTRL:
            self._move(-1 if key == Qt.Key.Key_Up else 1)
        elif is_undo_key(event):
            self.kind_actions.undo()
        elif is_redo_key(event):
            self.kind_actions.redo()
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)


class _KindForm(QDialog):
    """A name and a line on what the kind means."""

    def __init__(self, parent: QWidget, title: str, name: str, description: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name_box = QLineEdit(name)
        self.name_box.setPlaceholderText("e.g. Grant writing")
        self.description_box = QLineEdit(description)
        self.description_box.setPlaceholderText("What they could tell you, in a few words")
        form = QFormLayout()
        form.addRow("&Name", self.name_box)
        form.addRow("&What it means", self.description_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name_box.textChanged.connect(self._on_name_box_text_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())
        self._on_name_box_text_changed(name)

    def _on_name_box_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))
