"""The target organisations part of the Target page: add box, table, remove, undo.

Keyboard: Enter in the box adds and keeps the cursor there; in the table Insert goes to the
box, Delete removes the selected rows, 1–5 set how keen you are, F2 or typing edits a cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbook.ui.models.organisations_model import (
    ID_ROLE,
    MOTIVATION,
    NAME,
    NOTES,
    PEOPLE,
    Index,
    OrganisationsModel,
)
from workbook.ui.page_context import PageContext
from workbook.ui.pages.target_undo import (
    AddOrganisationCommand,
    DeleteOrganisationsCommand,
    OrganisationFieldCommand,
)

if TYPE_CHECKING:
    from workbook.core.organisations import DeletedOrganisation

_FIELD_WORDS = {"name": "name", "motivation": "how keen", "notes": "notes"}


class _MotivationDelegate(QStyledItemDelegate):
    """Edits how keen you are as a number from 1 to 5."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, 5)
        editor.setAccessibleName("How keen, 1 to 5")
        return editor


class OrganisationsSection(QWidget):
    """Target organisations with motivation, notes and the people you know there."""

    count_changed = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._notifying = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        bar = QHBoxLayout()
        self.add_box = QLineEdit()
        self.add_box.setPlaceholderText("Type an organisation and press Enter")
        self.add_box.setAccessibleName("New target organisation")
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected organisations (Delete)")
        bar.addWidget(self.add_box, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)

        self.model = OrganisationsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Target organisations")
        self.table.setItemDelegateForColumn(MOTIVATION, _MotivationDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MOTIVATION, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MOTIVATION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PEOPLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 9)
        self.table.installEventFilter(self)
        layout.addWidget(self.table)
        self.empty_label = QLabel(
            "No organisations yet. Type one above and press Enter: places you'd like to work "
            "for, or simply understand better."
        )
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.add_box.returnPressed.connect(self._on_add_box_return_pressed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.model.edit_refused.connect(self._on_model_edit_refused)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.refresh()

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Reload (people counts included), keeping the selection and the scroll position."""
        from workbook.core.organisations import list_organisations

        selected = self.selected_ids()
        current = self.table.currentIndex()
        current_id = current.data(ID_ROLE) if current.isValid() else None
        scroll = self.table.verticalScrollBar().value()
        self.model.set_rows(list_organisations(self.context.sessions))
        self._select(selected, current_id)
        self.table.verticalScrollBar().setValue(scroll)
        self._show_count()

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row(row).id for row in rows]

    # ------------------------------------------------------------ OrganisationEditor

    def add_organisation(self, name: str) -> int | None:
        from workbook.core.errors import WorkbookError
        from workbook.core.organisations import add_organisation

        try:
            added = add_organisation(self.context.sessions, name)
        except WorkbookError as exc:
            self.context.status.showMessage(str(exc).capitalize(), 6000)
            return None
        self._changed([added.id])
        count = self.model.rowCount()
        total = f"{count} organisation{'s' if count != 1 else ''} on your list"
        self.context.status.showMessage(f"Added {name} — {total}", 4000)
        return added.id

    def delete_organisations(self, ids: Sequence[int]) -> tuple[DeletedOrganisation, ...]:
        from workbook.core.organisations import delete_organisations

        position = min((self.model.position_of(i) or 0 for i in ids), default=0)
        deleted = delete_organisations(self.context.sessions, ids)
        self._changed([])
        if self.model.rowCount():
            row = min(position, self.model.rowCount() - 1)
            self._select([self.model.row(row).id], self.model.row(row).id)
        return deleted

    def restore_organisations(self, deleted: Sequence[DeletedOrganisation]) -> None:
        from workbook.core.organisations import restore_organisations

        ids = restore_organisations(self.context.sessions, deleted)
        self._changed(list(ids))

    def update_organisation(self, org_id: int, field: str, value: str | int) -> None:
        from workbook.core.errors import WorkbookError
        from workbook.core.organisations import update_organisation

        try:
            update_organisation(self.context.sessions, org_id, field, value)
        except WorkbookError as exc:
            self.context.status.showMessage(str(exc).capitalize(), 6000)
            return
        position = self.model.position_of(org_id)
        if field == "name" or position is None:
            self._changed([org_id])  # a new name can match other people: count again
        else:
            row = self.model.row(position)
            changes: dict[str, Any] = {field: value}
            self.model.replace_row(dataclasses.replace(row, **changes))
            self._select([org_id], org_id)
            self._notify()

    # ------------------------------------------------------------ slots

    def _on_add_box_return_pressed(self) -> None:
        from workbook.core.ask import clean_text
        from workbook.core.organisations import find_organisation

        name = clean_text(self.add_box.text())
        if not name:
            self.context.status.showMessage("Type the organisation's name first.", 4000)
            return
        self.add_box.clear()
        existing = find_organisation(self.context.sessions, name)
        if existing is not None:
            position = self.model.position_of(existing)
            shown = self.model.row(position).name if position is not None else name
            self._select([existing], existing)
            self.context.status.showMessage(f"“{shown}” is already on your list.", 5000)
            return
        self.context.undo_stack.push(AddOrganisationCommand(self, name))

    def _on_add_button_clicked(self) -> None:
        if self.add_box.text().strip():
            self._on_add_box_return_pressed()
        self.add_box.setFocus()

    def _on_remove_button_clicked(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.context.status.showMessage("Select the organisations to remove first.", 4000)
            return
        names = [self.model.row(p).name for p in map(self.model.position_of, ids) if p is not None]
        text = f"remove “{names[0]}”" if len(names) == 1 else f"remove {len(names)} organisations"
        self.context.undo_stack.push(DeleteOrganisationsCommand(self, ids, text))
        what = f"“{names[0]}”" if len(names) == 1 else f"{len(names)} organisations"
        self.context.status.showMessage(f"Removed {what}. Undo with Ctrl+Z.", 5000)

    def _on_model_edit_requested(self, org_id: int, field: str, value: object) -> None:
        position = self.model.position_of(org_id)
        if position is None or not isinstance(value, str | int):
            return
        row = self.model.row(position)
        before: str | int = getattr(row, field)
        text = f"change {_FIELD_WORDS[field]} of “{row.name}”"
        self.context.undo_stack.push(
            OrganisationFieldCommand(self, org_id, field, before, value, text)
        )

    def _on_model_edit_refused(self, reason: str) -> None:
        self.context.status.showMessage(reason, 6000)

    def _on_table_selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
            if key == Qt.Key.Key_Insert:
                self.add_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
                self._on_remove_button_clicked()
                return True
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                self._set_motivation(int(key) - int(Qt.Key.Key_0))
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ helpers

    def _set_motivation(self, motivation: int) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.context.undo_stack.beginMacro(f"set how keen to {motivation}")
        for org_id in ids:
            position = self.model.position_of(org_id)
            if position is not None and self.model.row(position).motivation != motivation:
                self._on_model_edit_requested(org_id, "motivation", motivation)
        self.context.undo_stack.endMacro()
        self._select(ids, ids[0])

    def _changed(self, select: list[int]) -> None:
        self.refresh()
        if select:
            self._select(select, select[0])
        self._notify()

    def _notify(self) -> None:
        self._notifying = True
        try:
            self.context.events.notify("organisations")
        finally:
            self._notifying = False

    @property
    def notifying(self) -> bool:
        """True while this section announces its own change (the page need not reload)."""
        return self._notifying

    def _select(self, ids: Sequence[int], current_id: object) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for org_id in ids:
            position = self.model.position_of(org_id)
            if position is not None:
                selection.select(self.model.index(position, 0), flags)
        position = self.model.position_of(current_id) if isinstance(current_id, int) else None
        if position is not None:
            index = self.model.index(position, NAME)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)
        self._on_table_selection_changed()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.empty_label.setVisible(count == 0)
        self.count_changed.emit(count)
