"""The target organisations table: name, motivation, people you know there, notes.

Rows are plain ``OrganisationRow`` values in a Python list, sorted in Python. Edits do not
write anything here: ``setData`` emits ``edit_requested`` and the page turns it into an
undoable command, which calls ``replace_row`` once the workbook has the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

if TYPE_CHECKING:
    from workbook.core.organisations import OrganisationRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NAME, MOTIVATION, PEOPLE, NOTES = range(4)
HEADERS = ("Organisation", "How keen", "People", "Notes")
FIELDS = {NAME: "name", MOTIVATION: "motivation", NOTES: "notes"}
ID_ROLE = Qt.ItemDataRole.UserRole
MAX_NAMES_IN_TIP = 12


def stars(motivation: int) -> str:
    return "★" * motivation + "☆" * (5 - motivation)


# Ascending keys; the default (motivation, descending) is keenest first, then the most people
# known there, then the order they were added.
_SORT_KEYS: dict[int, Callable[[OrganisationRow], Any]] = {
    NAME: lambda row: (row.name.casefold(), row.id),
    MOTIVATION: lambda row: (row.motivation, row.people_count, -row.position, -row.id),
    PEOPLE: lambda row: (row.people_count, row.motivation, -row.position, -row.id),
    NOTES: lambda row: (row.notes.casefold(), row.id),
}


class OrganisationsModel(QAbstractTableModel):
    """Target organisations for a QTableView; emits ``edit_requested(id, field, value)``."""

    edit_requested = Signal(int, str, object)
    edit_refused = Signal(str)  # why an edit was not taken (the old value stays)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganisationRow] = []
        self._sort_column = MOTIVATION
        self._sort_order = Qt.SortOrder.DescendingOrder

    # ------------------------------------------------------------ reading

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == PEOPLE:
                return "People on your list who work there or know someone there"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return {NAME: row.name, MOTIVATION: row.motivation, NOTES: row.notes}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == MOTIVATION:
            return f"{row.motivation} of 5"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PEOPLE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row(self, position: int) -> OrganisationRow:
        return self._rows[position]

    def rows(self) -> list[OrganisationRow]:
        return list(self._rows)

    def position_of(self, org_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == org_id:
                return position
        return None

    # ------------------------------------------------------------ editing

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = FIELDS.get(index.column())
        if field is None:
            return False
        row = self._rows[index.row()]
        if field == "motivation":
            try:
                value = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= value <= 5:
                self.edit_refused.emit("How keen goes from 1 to 5.")
                return False
        elif field == "name" and not str(value).strip():
            self.edit_refused.emit(
                f"“{row.name}” keeps its name: a name cannot be blank (Delete removes the row)."
            )
            return False
        else:
            value = str(value)
        if value != getattr(row, field):
            self.edit_requested.emit(row.id, field, value)
        return True

    def set_rows(self, rows: Sequence[OrganisationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows.sort(key=self._key(), reverse=self._reverse())
        self.endResetModel()

    def replace_row(self, row: OrganisationRow) -> None:
        """Show one changed organisation, keeping the table's order."""
        position = self.position_of(row.id)
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(HEADERS) - 1))
        self.sort(self._sort_column, self._sort_order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old_ids = [row.id for row in self._rows]
        self._rows.sort(key=self._key(), reverse=self._reverse())
        new_positions = {row.id: position for position, row in enumerate(self._rows)}
        for old in self.persistentIndexList():
            new_row = new_positions[old_ids[old.row()]]
            self.changePersistentIndex(old, self.index(new_row, old.column()))
        self.layoutChanged.emit()

    # ------------------------------------------------------------ helpers

    def _key(self) -> Callable[[OrganisationRow], Any]:
        return _SORT_KEYS[self._sort_column]

    def _reverse(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    @staticmethod
    def _display(row: OrganisationRow, column: int) -> str:
        if column == NAME:
            return row.name
        if column == MOTIVATION:
            return stars(row.motivation)
        if column == PEOPLE:
            return str(row.people_count) if row.people_count else "—"
        return " ".join(row.notes.split())  # one line in the table; the tooltip has it all

    @staticmethod
    def _tooltip(row: OrganisationRow, column: int) -> str | None:
        if column == PEOPLE:
            if not row.people:
                return "Nobody on your list works there or knows someone there yet."
            names = ", ".join(row.people[:MAX_NAMES_IN_TIP])
            more = len(row.people) - MAX_NAMES_IN_TIP
            return names + (f" and {more} more" if more > 0 else "")
        if column == MOTIVATION:
            return f"{row.motivation} of 5 — type 1 to 5 to change it"
        if column == NOTES:
            return row.notes or None
        return f"{row.name}\n(suggested in a research meeting)" if row.from_meeting_id else row.name
