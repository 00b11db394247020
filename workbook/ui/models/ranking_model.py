"""Who to meet first, as a table over the ranked list (``RankedPerson`` rows, in order).

Columns: the rank (a star for someone pinned, a dash for someone dismissed), the name, where
they work, the relationship and the reasons in one line (all of them in the tooltip). The
order is the ranking's own: the core sorts, this model only shows. Dismissed people are
greyed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from workbook.core.circles import strength_label

if TYPE_CHECKING:
    from workbook.core.ranking import RankedPerson

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

RANK, NAME, ORGANISATION, STRENGTH, REASONS = range(5)
HEADERS = ("#", "Name", "Works at", "Strength", "Why meet them")
ID_ROLE = Qt.ItemDataRole.UserRole
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
_ID = ID_ROLE.value
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RankingModel(QAbstractTableModel):
    """The ranked people, in the ranking's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RankedPerson] = []
        self._ranks: list[str] = []
        self._positions: dict[int, int] = {}

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == RANK:
            return "★ pinned to the top, – dismissed"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == RANK:
                return self._ranks[index.row()]
            if column == NAME:
                return row.name
            if column == ORGANISATION:
                return row.organisation
            if column == STRENGTH:
                return strength_label(row.strength)
            return "; ".join(row.reasons)
        if role == _ID:
            return row.person_id
        if role == _TOOLTIP:
            return _tooltip(row)
        if role == _ALIGN and column == RANK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _FOREGROUND and row.dismissed:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == _FONT and ((row.pinned and column in (RANK, NAME)) or row.dismissed):
            font = QFont()
            font.setBold(row.pinned)
            font.setItalic(row.dismissed)
            return font
        return None

    # ------------------------------------------------------------ rows

    def set_rows(self, rows: Iterable[RankedPerson]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._positions = {row.person_id: n for n, row in enumerate(self._rows)}
        ranks, number = [], 0
        for row in self._rows:
            if row.dismissed:
                ranks.append("–")
            else:
                number += 1
                ranks.append(f"★ {number}" if row.pinned else str(number))
        self._ranks = ranks
        self.endResetModel()

    def person(self, row: int) -> RankedPerson:
        return self._rows[row]

    def people(self) -> list[RankedPerson]:
        return list(self._rows)

    def position_of(self, person_id: int) -> int | None:
        return self._positions.get(person_id)


def _tooltip(row: RankedPerson) -> str:
    lines = [row.name]
    if row.pinned:
        lines.append("Pinned to the top (P unpins)")
    if row.dismissed:
        lines.append("Dismissed (D brings them back)")
    lines.extend(f"• {reason}" for reason in row.reasons)
    return "\n".join(lines)
