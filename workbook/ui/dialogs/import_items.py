"""The import preview's lists: one table per fate (check, add, merge, skip) with line numbers.

A small QAbstractTableModel over the plan's items (a file of 30,000 rows shows at once). In
the "check" list the first column is a tick box: ticked adds the entry as a new person,
unticked merges it into the person it resembles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

if TYPE_CHECKING:
    from workbook.core.people import ImportItem

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
CHECK, ADD, MERGE, SKIP = "check", "add", "merge", "skip"


def _organisation(item: ImportItem) -> str:
    return item.record.organisation if item.record is not None else ""


def _email(item: ImportItem) -> str:
    return item.record.email if item.record is not None else ""


Column = tuple[str, Callable[["ImportItem"], str]]
COLUMNS: dict[str, tuple[Column, ...]] = {
    CHECK: (("Add as new", lambda item: ""), ("Line", lambda item: str(item.line)),
            ("Name", lambda item: item.name), ("Organisation", _organisation),
            ("Looks like", lambda item: item.reason)),
    ADD: (("Line", lambda item: str(item.line)), ("Name", lambda item: item.name),
          ("Organisation", _organisation), ("Email", _email),
          ("Note", lambda item: item.reason)),
    MERGE: (("Line", lambda item: str(item.line)), ("Name", lambda item: item.name),
            ("Merges with", lambda item: item.reason),
            ("Adds", lambda item: ", ".join(item.fills))),
    SKIP: (("Line", lambda item: str(item.line)), ("Name", lambda item: item.name),
           ("Why", lambda item: item.reason)),
}  # fmt: skip
TITLES = {CHECK: "Entries to check", ADD: "Entries to add", MERGE: "Entries to merge",
          SKIP: "Entries skipped"}  # fmt: skip
FIELD_WORDS = {"profile_url": "profile", "connected_on": "connected on"}


class ItemsModel(QAbstractTableModel):
    """Import items of one kind; the check kind keeps a tick per item."""

    def __init__(self, kind: str, items: Sequence[ImportItem], parent: QObject | None = None):
        super().__init__(parent)
        self.kind = kind
        self.items = list(items)
        self.columns = COLUMNS[kind]
        self.ticked = [True] * len(self.items)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.kind == CHECK and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.columns[column][1](item)
            if self.columns[column][0] == "Adds":
                text = ", ".join(FIELD_WORDS.get(f, f) for f in item.fills)
            return text
        if role == Qt.ItemDataRole.CheckStateRole and self.kind == CHECK and column == 0:
            ticked = self.ticked[index.row()]
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[column][1](item) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (
            index.isValid()
            and self.kind == CHECK
            and index.column() == 0
            and role == Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.ticked[index.row()] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_ticked(self, row: int, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.setData(self.index(row, 0), state.value, Qt.ItemDataRole.CheckStateRole)

    def unticked(self) -> list[ImportItem]:
        return [item for item, ticked in zip(self.items, self.ticked, strict=True) if not ticked]


class ItemsView(QTableView):
    """A read-only table of import items (the check kind has tick boxes)."""

    def __init__(self, kind: str, items: Sequence[ImportItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.items_model = ItemsModel(kind, items, self)
        self.setModel(self.items_model)
        self.setAccessibleName(TITLES[kind])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        for column, (title, _getter) in enumerate(COLUMNS[kind]):
            width = {"Line": 60, "Add as new": 90, "Name": 190}.get(title, 170)
            header.resizeSection(column, width)
