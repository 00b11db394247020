"""The matrix's "Tag selected as…" menu: one kind of advice for every selected person.

Built afresh each time it opens, from the kinds in use (Alt+1 to Alt+9 pick the first nine),
with a submenu to take a kind off them all. It only says what was chosen; the page writes the
workbook (one undo step for everyone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from workbook.core.advice import KindRow


class BulkMenu(QMenu):
    """Tag (or untag) the selected people with one kind."""

    chosen = Signal(list, int, bool)  # person ids, kind id, tagged after

    def __init__(
        self,
        selected: Callable[[], list[int]],
        kinds: Callable[[], list[KindRow]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._selected, self._kinds = selected, kinds
        self.aboutToShow.connect(self._on_about_to_show)

    def _on_about_to_show(self) -> None:
        self.clear()
        ids = self._selected()
        if not ids:
            self.addAction("Select people in the matrix first").setEnabled(False)
            return
        who = "the selected person" if len(ids) == 1 else f"the {len(ids)} selected people"
        self.addSection(f"Tag {who} as")
        untag = QMenu("&Remove a tag from them", self)
        for number, kind in enumerate(self._kinds()):
            label = f"&{number + 1} {kind.name}" if number < 9 else kind.name
            tag = QAction(label, self)
            tag.setToolTip(kind.description)
            tag.triggered.connect(lambda _c=False, k=kind.id: self._choose(k, True))
            self.addAction(tag)
            remove = QAction(label, untag)
            remove.triggered.connect(lambda _c=False, k=kind.id: self._choose(k, False))
            untag.addAction(remove)
        self.addSeparator()
        self.addMenu(untag)

    def _choose(self, kind_id: int, on: bool) -> None:
        ids = self._selected()
        if ids:
            self.chosen.emit(ids, kind_id, on)
