"""The referral tree: who introduced whom, so the user sees the network grow from the first list.

A one-line summary ("37 of your people came through 12 introducers, up to 3 steps from your
first list") above a fully expanded tree: each person with their organisation, how close
they are ($10 / $100 / $1000) and a mark when a meeting with them was held; people taken
off the list stay in grey, marked, since they still tell the story. Double-click or Enter
on someone on the list emits ``person_activated``. Before the first introduction, an empty
state says how the tree grows and offers the way to the meetings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import STRENGTH_HINTS, strength_label
from workbook.ui.page_context import PageContext

if TYPE_CHECKING:
    from workbook.core.referral_tree import ReferralForest, ReferralNode

NAME, ORGANISATION, STRENGTH, MET, INTRODUCED = range(5)
HEADERS = ("Person", "Organisation", "Closeness", "Met", "Introduced")
ID_ROLE = Qt.ItemDataRole.UserRole
DELETED_ROLE = Qt.ItemDataRole.UserRole + 1
MET_MARK = "✓ met"
EMPTY = (
    "Nobody has introduced you to anyone yet. After a meeting, add the names they suggest "
    "on the meeting's “After the meeting” tab: each one joins your list and grows a branch "
    "here, under the person who suggested it."
)
# The changes that can change the tree (AppEvents.notify).
SHOWN = frozenset({"people", "meetings", "referrals"})


class ReferralTreeView(QWidget):
    """Who introduced whom, as an expanded tree with a summary line."""

    person_activated = Signal(int)
    meetings_requested = Signal()  # the empty state's button: go to the Meetings step

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.forest: ReferralForest | None = None
        self._stale = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Referral summary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setAccessibleName("Who introduced whom")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STRENGTH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MET, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(INTRODUCED, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.headerItem().setToolTip(INTRODUCED, "How many came through them, down the line")
        header.resizeSection(ORGANISATION, 220)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 24, 0, 0)
        self.empty_text = QLabel(EMPTY)
        self.empty_text.setWordWrap(True)
        self.empty_text.setMaximumWidth(560)
        self.meetings_button = QPushButton("Go to &Meetings")
        row = QHBoxLayout()
        row.addWidget(self.meetings_button)
        row.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addLayout(row)
        empty_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addSpacing(4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)

        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.meetings_button.clicked.connect(self.meetings_requested)
        context.events.changed.connect(self._on_events_changed)
        self.reload()

    def reload(self) -> None:
        """Read the tree again; the selected person stays selected."""
        from workbook.core.referral_tree import referral_forest

        self._stale = False
        forest = referral_forest(self.context.sessions)
        self.forest = forest
        current = self.tree.currentItem()
        keep = None if current is None else int(current.data(NAME, ID_ROLE))
        selected = bool(self.tree.selectedItems())
        self.summary.setText(forest.summary())
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
            items = _build(self.tree, forest.roots, grey)
            self.tree.expandAll()
            # The current person stays current (selected only if they were): no loud bar
            # on arrival, and the keyboard starts at the top.
            flags = QItemSelectionModel.SelectionFlag
            flag = flags.ClearAndSelect if selected else flags.NoUpdate
            item = items.get(keep) if keep is not None else None
            if item is None:
                item, flag = self.tree.topLevelItem(0), flags.NoUpdate
            if item is not None:
                self.tree.setCurrentItem(item, 0, flag)
        finally:
            self.tree.setUpdatesEnabled(True)
        self.tree.setVisible(not forest.empty)
        self.empty.setVisible(forest.empty)

    def selected_person(self) -> int | None:
        items = self.tree.selectedItems()
        return int(items[0].data(NAME, ID_ROLE)) if items else None

    # ------------------------------------------------------------ slots and events

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if not item.data(NAME, DELETED_ROLE):
            self.person_activated.emit(int(item.data(NAME, ID_ROLE)))

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if what & SHOWN:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read again when shown

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)


def _build(
    tree: QTreeWidget, roots: tuple[ReferralNode, ...], grey: QColor
) -> dict[int, QTreeWidgetItem]:
    """Items for every node (without recursion: chains can be long); id -> item."""
    items: dict[int, QTreeWidgetItem] = {}
    stack: list[tuple[ReferralNode, QTreeWidgetItem | None]] = [
        (node, None) for node in reversed(roots)
    ]
    while stack:
        node, parent = stack.pop()
        item = _item(node, grey)
        if parent is None:
            tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        items[node.person_id] = item
        stack.extend((child, item) for child in reversed(node.children))
    return items


def _item(node: ReferralNode, grey: QColor) -> QTreeWidgetItem:
    name = f"{node.name} (off your list)" if node.deleted else node.name
    through = str(node.introduced) if node.children else ""
    met = MET_MARK if node.met else ""
    item = QTreeWidgetItem([name, node.organisation, strength_label(node.strength), met, through])
    item.setTextAlignment(INTRODUCED, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setData(NAME, ID_ROLE, node.person_id)
    item.setData(NAME, DELETED_ROLE, node.deleted)
    item.setToolTip(STRENGTH, STRENGTH_HINTS.get(node.strength, ""))
    if node.children:
        people = "person" if node.introduced == 1 else "people"
        item.setToolTip(NAME, f"{node.introduced} {people} came through {node.name}")
    if node.deleted:
        for column in range(len(HEADERS)):
            item.setForeground(column, grey)
            font = QFont(item.font(column))
            font.setItalic(True)
            item.setFont(column, font)
    return item
