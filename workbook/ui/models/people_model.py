"""The people table: a QAbstractTableModel over a Python list of ``PersonRow``.

Filtering and sorting happen in Python on keys computed once per row (no proxy model calling
back into ``data()``): every row gets one accent- and case-folded search text over all its text
columns, and each column gets its sort keys (``people_columns``), all made just after the first
paint (or when first needed). A filter that only narrows the previous one (the user typed one
more letter) scans just the rows still shown. Edits do not write anything here: ``setData``
emits ``edit_requested`` and the page turns it into an undoable command, which calls
``replace_row`` once the workbook has the change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from workbook.core.circles import STRENGTH_HINTS
from workbook.ui.models.people_columns import (
    FIELDS,
    HEADERS,
    LAST_CONTACT,
    NAME,
    SORT_KEYS,
    STRENGTH,
    display_values,
    fold,
    search_texts,
    short_date,
)

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_ID = ID_ROLE.value
_ROLES = frozenset({_EDIT, _ID, Qt.ItemDataRole.ToolTipRole.value})
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class PeopleModel(QAbstractTableModel):
    """People for a QTableView, filtered and sorted in Python; edits go out as a signal."""

    edit_requested = Signal(int, str, object)  # person id, field, new value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []
        self._shown: list[tuple[str, ...]] = []  # display_values per row
        self._search: list[str] | None = None  # folded search text per row, made when needed
        self._sort_keys: dict[int, list[Any]] = {}
        self._name_order: list[int] | None = None  # all row numbers by name (for ties)
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # what _order follows
        self._order: list[int] = []  # all row numbers in sort order
        self._visible: list[int] = []  # the rows that pass the filter, in sort order
        self._numbers: dict[int, int] = {}  # person id -> row number in _rows
        self._positions: dict[int, int] | None = None  # row number -> visible position
        self._filter = ""
        self._words: list[str] = []
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # ------------------------------------------------------------ reading

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == STRENGTH:
            return "Would you borrow $10, $100 or $1000 from them? Or have you lost touch?"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _EDITABLE if index.column() in FIELDS else _READ_ONLY

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every painted cell: the common case comes first, ints only.
        if role == _DISPLAY:
            if not index.isValid():
                return None
            number, column = self._visible[index.row()], index.column()
            if column == LAST_CONTACT:
                return short_date(self._rows[number].last_contact)
            return self._shown[number][column]
        if role not in _ROLES or not index.isValid():
            return None
        number, column = self._visible[index.row()], index.column()
        row = self._rows[number]
        if role == _ID:
            return row.id
        if role == _EDIT:
            field = FIELDS.get(column)
            return None if field is None else getattr(row, field)
        return self._tooltip(row, number, column)

    def person(self, position: int) -> PersonRow:
        """The person shown at a visible row."""
        return self._rows[self._visible[position]]

    def people(self) -> list[PersonRow]:
        """The people shown, in the order shown."""
        return [self._rows[number] for number in self._visible]

    def all_people(self) -> list[PersonRow]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._rows)

    def position_of(self, person_id: int) -> int | None:
        """Where a person is shown (None: not on the list, or hidden by the filter)."""
        number = self._numbers.get(person_id)
        if number is None:
            return None
        if self._positions is not None:
            return self._positions.get(number)
        try:
            return self._visible.index(number)  # one lookup: a scan in C beats a dict build
        except ValueError:
            return None

    def positions_of(self, ids: Iterable[int]) -> list[int]:
        """The shown positions of these people (those hidden or gone are left out)."""
        wanted = [n for n in map(self._numbers.get, ids) if n is not None]
        if len(wanted) < 16 and self._positions is None:
            found = (self.position_of(self._rows[n].id) for n in wanted)
            return [p for p in found if p is not None]
        if self._positions is None:
            self._positions = {number: p for p, number in enumerate(self._visible)}
        return [p for p in map(self._positions.get, wanted) if p is not None]

    def filter_text(self) -> str:
        return self._filter

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # ------------------------------------------------------------ changing what is shown

    def set_rows(self, rows: Iterable[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._numbers = {row.id: number for number, row in enumerate(self._rows)}
        self._shown = [display_values(row) for row in self._rows]
        self._search = None
        self._sort_keys.clear()
        self._name_order = None
        self._sorted_by = None
        self._order = self._sorted_order()
        self._visible = self._matching(self._order, self._words)
        self._positions = None
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only people whose text columns contain every word typed (any case, accents)."""
        words = fold(text).split()
        if words == self._words:
            self._filter = text
            return
        narrowing = bool(self._words) and fold(text).startswith(fold(self._filter))
        self.beginResetModel()
        source = self._visible if narrowing else self._order
        self._visible = self._matching(source, words)
        self._filter, self._words = text, words
        self._positions = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS or (column, order) == self._sorted_by:
            return  # the view asks twice for one click
        self._sort_column, self._sort_order = column, order
        self._resort_keeping_visible()

    def add_rows(self, rows: Iterable[PersonRow]) -> None:
        """Add people (new or restored); they are shown where the sort puts them."""
        added = list(rows)
        if not added:
            return
        self.beginResetModel()
        for row in added:
            shown = display_values(row)
            self._numbers[row.id] = len(self._rows)
            self._rows.append(row)
            self._shown.append(shown)
            if self._search is not None:
                self._search.append(search_texts([shown], [row])[0])
            for column, keys in self._sort_keys.items():
                keys.append(SORT_KEYS[column](row, shown))
        self._name_order = None
        self._sorted_by = None
        self._order = self._sorted_order()
        self._visible = self._matching(self._order, self._words)
        self._positions = None
        self.endResetModel()

    def remove_ids(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        keep = [n for n, row in enumerate(self._rows) if row.id not in gone]
        if len(keep) == len(self._rows):
            return
        self.beginResetModel()
        self._rows = [self._rows[n] for n in keep]
        self._numbers = {row.id: number for number, row in enumerate(self._rows)}
        self._shown = [self._shown[n] for n in keep]
        if self._search is not None:
            self._search = [self._search[n] for n in keep]
        self._sort_keys = {c: [keys[n] for n in keep] for c, keys in self._sort_keys.items()}
        self._name_order = None
        self._sorted_by = None
        self._order = self._sorted_order()
        self._visible = self._matching(self._order, self._words)
        self._positions = None
        self.endResetModel()

    def replace_row(self, row: PersonRow) -> None:
        """Show one changed person in place (it stays visible even if the filter now misses)."""
        number = self._numbers.get(row.id)
        if number is None:
            return
        self._rows[number] = row
        self._shown[number] = display_values(row)
        if self._search is not None:
            self._search[number] = search_texts([self._shown[number]], [row])[0]
        for column, keys in self._sort_keys.items():
            keys[number] = SORT_KEYS[column](row, self._shown[number])
        self._name_order = None
        self._sorted_by = None
        position = self.position_of(row.id)
        if position is not None:
            last = len(HEADERS) - 1
            self.dataChanged.emit(self.index(position, 0), self.index(position, last))
        self._resort_keeping_visible()

    # ------------------------------------------------------------ editing

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = FIELDS.get(index.column())
        if field is None:
            return False
        row = self.person(index.row())
        text = str(value).strip() if field == "name" else str(value)
        if field == "name" and not text:
            return False  # a person keeps a name: the old one stays
        if text != getattr(row, field):
            self.edit_requested.emit(row.id, field, text)
        return True

    def prepare(self) -> None:
        """Make the search texts and every column's sort keys now (the page does it just after
        its first paint, so the first keystroke or header click does not wait for them)."""
        self._search_texts()
        for column in SORT_KEYS:
            self._column_keys(column)

    def _search_texts(self) -> list[str]:
        if self._search is None:
            self._search = search_texts(self._shown, self._rows)
        return self._search

    # ------------------------------------------------------------ helpers

    def _column_keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            key = SORT_KEYS[column]
            keys = [key(row, shown) for row, shown in zip(self._rows, self._shown, strict=True)]
            self._sort_keys[column] = keys
        return keys

    def _sorted_order(self) -> list[int]:
        self._sorted_by = (self._sort_column, self._sort_order)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._name_order is None:
            names = self._column_keys(NAME)
            self._name_order = sorted(range(len(self._rows)), key=names.__getitem__)
        if self._sort_column == NAME:
            return self._name_order[::-1] if descending else list(self._name_order)
        keys = self._column_keys(self._sort_column)
        filled = [n for n in self._name_order if keys[n] is not None]
        blank = [n for n in self._name_order if keys[n] is None]
        filled.sort(key=keys.__getitem__, reverse=descending)  # stable: ties stay by name
        return filled + blank

    def _matching(self, source: Sequence[int], words: Sequence[str]) -> list[int]:
        if not words:
            return list(source)
        search = self._search_texts()
        if len(words) == 1:
            word = words[0]
            return [n for n in source if word in search[n]]
        return [n for n in source if all(word in search[n] for word in words)]

    def _resort_keeping_visible(self) -> None:
        """Re-sort after an edit: the same people stay shown, in their new places."""
        self.layoutAboutToBeChanged.emit()
        old_visible = self._visible
        self._order = self._sorted_order()
        if len(old_visible) == len(self._order):
            self._visible = list(self._order)
        else:
            shown = set(old_visible)
            self._visible = [n for n in self._order if n in shown]
        self._positions = None
        persistent = self.persistentIndexList()
        moved = {old_visible[old.row()] for old in persistent}
        if len(moved) > 32:
            new_at = {number: position for position, number in enumerate(self._visible)}
        else:  # the usual few (a selection, the current row): a scan in C each
            new_at = {number: self._visible.index(number) for number in moved}
        for old in persistent:
            new_row = new_at[old_visible[old.row()]]
            self.changePersistentIndex(old, self.index(new_row, old.column()))
        self.layoutChanged.emit()

    def _tooltip(self, row: PersonRow, number: int, column: int) -> str | None:
        if column == LAST_CONTACT:
            return short_date(row.last_contact) or None
        if column == STRENGTH:
            return STRENGTH_HINTS.get(row.strength)
        if column == NAME:
            return row.notes or None
        text = self._shown[number][column]
        return text or None
