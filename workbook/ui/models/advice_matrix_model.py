"""The tagging matrix: people down, advice kinds across, over plain Python lists.

Column 0 is the person's name; column 1 + k is the k-th kind in use (retired kinds are not
shown); the last column says where they work. The view gives the marks to show (icons for
untagged, tagged and tagged with a note) and Qt's own delegate paints them. A cell is tagged
when the person's tag dict holds the kind, with its note (maybe "").
The filter (words over name, organisation and title, accent- and case-free; "untagged only")
runs in Python on texts folded once per load. Toggling does not write anything here: the
page turns a key or a click into an undoable command, which calls ``show_tags`` once the
workbook has the change: that updates the dicts in place and repaints just the changed cells
(no reset).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QIcon

from workbook.core.circles import circle_label, strength_label
from workbook.ui.models.people_columns import fold

if TYPE_CHECKING:
    from workbook.core.advice import KindRow
    from workbook.core.people import PersonRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NAME = 0
ID_ROLE = Qt.ItemDataRole.UserRole
NOTE_ROLE = Qt.ItemDataRole.UserRole.value + 1  # the tag's note ("" if none), None: untagged
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_ID = ID_ROLE.value
_NOTE = NOTE_ROLE
_ROLES = frozenset({_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _ACCESSIBLE, _ID, _NOTE})
_NO_TAGS: dict[int, str] = {}
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AdviceMatrixModel(QAbstractTableModel):
    """Who could give which advice, for a QTableView (the view turns keys and clicks into
    requests; the page writes the workbook and calls ``show_tags``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[PersonRow] = []  # by name
        self._kinds: list[KindRow] = []
        self._kind_ids: list[int] = []
        self._columns: dict[int, int] = {}  # kind id -> column
        self._tags: dict[int, dict[int, str]] = {}  # person id -> {kind id: note}
        self._search: list[str] | None = None  # folded name, organisation, title; when needed
        self._visible: list[int] = []  # positions in _people that pass the filter
        self._positions: dict[int, int] | None = None  # person id -> visible row
        self._numbers: dict[int, int] = {}  # person id -> position in _people
        self._words: list[str] = []
        self._untagged_only = False
        self._shown_kinds: frozenset[int] = frozenset()
        self._tagged = 0  # people with a kind in use
        self._icons: list[QIcon] = []  # untagged, tagged, with a note; then the same, current
        self._current: tuple[int, int] | None = None  # the current cell: person id, kind id
        self._muted: QBrush | None = None  # the "works at" column's colour

    # ------------------------------------------------------------ reading

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 2 + len(self._kinds)

    def work_column(self) -> int:
        return 1 + len(self._kinds)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NAME or section == self.work_column():
                return "Name" if section == NAME else "Works at"
            return self._kinds[section - 1].name
        if role == Qt.ItemDataRole.ToolTipRole and NAME < section < self.work_column():
            kind = self._kinds[section - 1]
            count = sum(1 for tags in self._tags.values() if kind.id in tags)
            people = "person" if count == 1 else "people"
            return f"{kind.name}: {kind.description}\n{count} {people} tagged".replace(": \n", "\n")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every painted cell: roles not shown return at once, and
        # the kind cells (most of them) come first.
        if role not in _ROLES:
            return None
        row, column = index.row(), index.column()
        if row < 0:
            return None
        person = self._people[self._visible[row]]
        kind = column - 1
        if 0 <= kind < len(self._kind_ids):
            kind_id = self._kind_ids[kind]
            note = self._tags.get(person.id, _NO_TAGS).get(kind_id)
            if role == _DECORATION:
                if not self._icons:
                    return None
                state = 0 if note is None else 2 if note else 1
                return self._icons[state + 3 if (person.id, kind_id) == self._current else state]
            if role == _NOTE:
                return note
            if role == _ID:
                return person.id
            if role in (_TOOLTIP, _ACCESSIBLE):
                name = self._kinds[kind].name
                if note is None:
                    return f"{person.name} — {name}: not tagged (Space or click to tag)"
                return f"{person.name} — {name}: tagged" + (f". {note}" if note else "")
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return person.name if column == NAME else work(person)
        if role == _FOREGROUND:
            return None if column == NAME else self._muted
        if role == _ID:
            return person.id
        if role == _TOOLTIP:
            return describe(person)
        return None

    def note(self, row: int, column: int) -> str | None:
        """The tag's note ("" when it has none), or None when the cell is not tagged."""
        person = self._people[self._visible[row]]
        return self._tags.get(person.id, {}).get(self._kind_ids[column - 1])

    def person(self, row: int) -> PersonRow:
        return self._people[self._visible[row]]

    def person_by_id(self, person_id: int) -> PersonRow | None:
        number = self._numbers.get(person_id)
        return None if number is None else self._people[number]

    def all_people(self) -> list[PersonRow]:
        return list(self._people)

    def kind(self, column: int) -> KindRow | None:
        """The kind shown in a column (None for the name column)."""
        return self._kinds[column - 1] if 1 <= column <= len(self._kinds) else None

    def kinds(self) -> list[KindRow]:
        return list(self._kinds)

    def set_current(self, person_id: int | None, kind_id: int | None) -> None:
        """The current cell (the view's), whose mark is outlined."""
        cell = None if person_id is None or kind_id is None else (person_id, kind_id)
        if cell == self._current:
            return
        for old in (self._current, cell):
            self._current = cell
            if old is not None:
                row, column = self.position_of(old[0]), self._columns.get(old[1])
                if row is not None and column is not None:
                    index = self.index(row, column)
                    self.dataChanged.emit(index, index, [_DECORATION])

    def set_look(self, icons: Sequence[QIcon], muted: QBrush) -> None:
        """The marks to show (untagged, tagged, with a note, then the same outlined for the
        current cell) and the quieter colour of the "works at" column."""
        self._icons, self._muted = list(icons), muted
        if self._visible and self._kinds:
            last = self.index(len(self._visible) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 1), last)

    def column_of(self, kind_id: int) -> int | None:
        return self._columns.get(kind_id)

    def cell_ids(self, row: int, column: int) -> tuple[int, int]:
        return self._people[self._visible[row]].id, self._kind_ids[column - 1]

    def tags_of(self, person_id: int) -> dict[int, str]:
        return dict(self._tags.get(person_id, {}))

    def is_tagged(self, person_id: int, kind_id: int) -> bool:
        return kind_id in self._tags.get(person_id, {})

    def total(self) -> int:
        return len(self._people)

    def tagged_people(self) -> int:
        """People with at least one kind in use (kept up to date by ``show_tags``)."""
        return self._tagged

    def _is_tagged(self, person_id: int) -> bool:
        return not self._shown_kinds.isdisjoint(self._tags.get(person_id, _NO_TAGS))

    def position_of(self, person_id: int) -> int | None:
        if self._positions is None:
            self._positions = {self._people[n].id: row for row, n in enumerate(self._visible)}
        return self._positions.get(person_id)

    def positions_of(self, ids: Iterable[int]) -> list[int]:
        return [p for p in map(self.position_of, ids) if p is not None]

    def filter_text(self) -> str:
        return " ".join(self._words)

    def untagged_only(self) -> bool:
        return self._untagged_only

    # ------------------------------------------------------------ changing what is shown

    def set_data(
        self,
        people: Iterable[PersonRow],
        kinds: Sequence[KindRow],
        tags: Mapping[int, Mapping[int, str]],
    ) -> None:
        """Show these people (sorted by name) and kinds in use; ``tags``: id -> {kind: note}."""
        self.beginResetModel()
        self._people = sorted(people, key=lambda row: (row.name.casefold(), row.id))
        self._numbers = {row.id: number for number, row in enumerate(self._people)}
        self._kinds = [kind for kind in kinds if not kind.retired]
        self._kind_ids = [kind.id for kind in self._kinds]
        self._columns = {kind_id: column + 1 for column, kind_id in enumerate(self._kind_ids)}
        self._tags = {person_id: dict(notes) for person_id, notes in tags.items()}
        self._shown_kinds = frozenset(self._kind_ids)
        self._tagged = sum(map(self._is_tagged, self._numbers))
        self._search = None
        self._visible = self._matching()
        self._positions = None
        self.endResetModel()

    def set_filter(self, text: str, untagged_only: bool = False) -> None:
        """Show people whose name, organisation or title hold every word typed; with
        ``untagged_only``, only those with no tag yet (among the kinds in use)."""
        words = fold(text).split()
        if words == self._words and untagged_only == self._untagged_only:
            return
        self.beginResetModel()
        self._words, self._untagged_only = words, untagged_only
        self._visible = self._matching()
        self._positions = None
        self.endResetModel()

    def show_tags(self, changes: Mapping[tuple[int, int], str | None]) -> None:
        """The workbook now has these tags: (person id, kind id) -> note, or None for untagged.
        Changed cells repaint in place; the rows stay where they are, filter or not."""
        rows_by_column: dict[int, list[int]] = {}
        for (person_id, kind_id), note in changes.items():
            if person_id not in self._numbers:
                continue
            was_tagged = self._is_tagged(person_id)
            tags = self._tags.setdefault(person_id, {})
            if note is None:
                tags.pop(kind_id, None)
            else:
                tags[kind_id] = note
            self._tagged += self._is_tagged(person_id) - was_tagged
            column = self._columns.get(kind_id)
            row = self.position_of(person_id)
            if column is not None and row is not None:
                rows_by_column.setdefault(column, []).append(row)
        for column, rows in rows_by_column.items():
            if len(rows) == 1:
                index = self.index(rows[0], column)
                self.dataChanged.emit(index, index)
            else:
                top, bottom = self.index(min(rows), column), self.index(max(rows), column)
                self.dataChanged.emit(top, bottom)

    # ------------------------------------------------------------ helpers

    def _matching(self) -> list[int]:
        numbers: Iterable[int] = range(len(self._people))
        if self._untagged_only:
            people = self._people
            numbers = [n for n in numbers if not self._is_tagged(people[n].id)]
        words = self._words
        if words:
            search = self.search_texts()
            numbers = [n for n in numbers if all(word in search[n] for word in words)]
        return list(numbers)

    def search_texts(self) -> list[str]:
        """Each person's name, organisation and title, folded (made at the first filter, or
        just after the page's first paint)."""
        if self._search is None:
            cache: dict[str, str] = {}

            def folded(text: str) -> str:
                found = cache.get(text)
                if found is None:
                    found = cache[text] = fold(text)
                return found

            self._search = [
                f"{folded(row.name)} {folded(row.organisation)} {folded(row.title)}"
                for row in self._people
            ]
        return self._search


def work(person: PersonRow) -> str:
    """Where they work: "Designer at Northwind", or either part."""
    return " at ".join(part for part in (person.title, person.organisation) if part)


def describe(person: PersonRow) -> str:
    """One line about a person: "Designer at Northwind · Work · $100"."""
    circle = circle_label(person.circle)
    if person.circle_detail:
        circle = f"{circle} ({person.circle_detail})"
    parts = (work(person), circle, strength_label(person.strength))
    return " · ".join(part for part in parts if part)
