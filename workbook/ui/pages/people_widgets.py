"""Small parts of the person detail panel: the introduced-by choices and a wrapping label."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class PeopleChoices(QAbstractListModel):
    """Names for the introduced-by picker: "" (nobody) first, then everyone by name.

    Built when the picker is first used after a change (not on every refresh of the list).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[int | None, str, str]] = [(None, "", "")]
        self._rows: Sequence[PersonRow] = ()
        self._signature: tuple[tuple[int, str, str], ...] = ()
        self._stale = False

    def set_people(self, rows: Sequence[PersonRow]) -> None:
        self._rows, self._stale = rows, True

    def ensure_built(self) -> None:
        if not self._stale:
            return
        self._stale = False
        signature = tuple((row.id, row.name, row.organisation) for row in self._rows)
        if signature == self._signature:
            return
        self._signature = signature
        entries = [(row.id, _choice_label(row), row.name) for row in self._rows]
        entries.sort(key=lambda entry: entry[1].casefold())
        self.beginResetModel()
        self.entries = [(None, "", ""), *entries]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person_id, label, _name = self.entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return person_id
        return None

    def find(self, text: str) -> int | None:
        """The id of the one person whose label or name is ``text`` (any case), else None."""
        self.ensure_built()
        wanted = text.strip().casefold()
        by_label = [i for i, label, _name in self.entries if label.casefold() == wanted]
        by_name = [i for i, _label, name in self.entries if name.casefold() == wanted]
        for found in (by_label, by_name):
            if len(found) == 1:
                return found[0]
        return None


def _choice_label(row: PersonRow) -> str:
    return f"{row.name} ({row.organisation})" if row.organisation else row.name


class WrappingLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its width.

    (A scroll area's layout would otherwise give it one line and clip the rest.)
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = self.heightForWidth(max(1, self.width()))
        if height > 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)
