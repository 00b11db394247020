"""The people table with its filter box, Merge and Delete buttons.

Keyboard: Ctrl+F or "/" goes to the filter box (Down or Enter from there goes to the table);
in the table Delete removes the selected people, F2 or typing edits a cell (circle and
strength in a drop-down), Insert goes to the brainstorm's name box. Selection, the current
row and the scroll position are kept by person id across every refresh and filter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import CIRCLES, STRENGTH_HINTS, STRENGTH_LABELS
from workbook.ui.models.people_columns import (
    ADVICE,
    CIRCLE,
    LAST_CONTACT,
    NAME,
    ORGANISATION,
    STATUS,
    STRENGTH,
    TITLE,
)
from workbook.ui.models.people_model import PeopleModel

Index = QModelIndex | QPersistentModelIndex
WIDTHS = {NAME: 170, CIRCLE: 150, STRENGTH: 75, ORGANISATION: 150, TITLE: 140, ADVICE: 150,
          LAST_CONTACT: 100, STATUS: 100}  # fmt: skip


class _ChoiceDelegate(QStyledItemDelegate):
    """Edits a value from a fixed list (circle or strength) in a drop-down."""

    def __init__(self, choices: Sequence[tuple[str, str, str]], parent: QObject) -> None:
        super().__init__(parent)
        self.choices = list(choices)  # (value, label, tooltip)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for position, (value, label, tip) in enumerate(self.choices):
            editor.addItem(label, value)
            if tip:
                editor.setItemData(position, tip, Qt.ItemDataRole.ToolTipRole)
        editor.activated.connect(lambda _position: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, position))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PeopleTable(QWidget):
    """Filter box, table and the actions on the selection."""

    current_changed = Signal(object)  # a person's id, or None
    selection_changed = Signal()
    delete_requested = Signal(list)
    merge_requested = Signal(list)
    insert_requested = Signal()

    def __init__(self, model: PeopleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._hidden_selection: list[int] = []
        self._hidden_current: int | None = None
        self._shown_current: int | None = None
        self.filter_box = QLineEdit()
        self.filter_box.setAccessibleName("Filter people")
        self.filter_box.setPlaceholderText(
            "Filter: type any part of a name, organisation, title, circle or advice"
        )
        self.filter_box.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.merge_button = QPushButton("&Merge…")
        self.merge_button.setToolTip("Merge the selected people into one, keeping everything")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected people (Delete; Ctrl+Z brings back)")
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.merge_button)
        bar.addWidget(self.delete_button)

        self.view = QTableView()
        self.view.setModel(model)
        self.view.setAccessibleName("People")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        circles = [(p.circle.value, p.label, p.question) for p in CIRCLES]
        strengths = [
            (value, label, STRENGTH_HINTS[value]) for value, label in STRENGTH_LABELS.items()
        ]
        self.view.setItemDelegateForColumn(CIRCLE, _ChoiceDelegate(circles, self.view))
        self.view.setItemDelegateForColumn(STRENGTH, _ChoiceDelegate(strengths, self.view))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.filter_box.installEventFilter(self)
        self.view.installEventFilter(self)
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        selection = self.view.selectionModel()
        selection.selectionChanged.connect(self._on_selection_selection_changed)
        selection.currentRowChanged.connect(self._on_selection_current_row_changed)
        self._show_counts()

    # ------------------------------------------------------------ selection by id

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.person(row).id for row in rows]

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.person(index.row()).id if index.isValid() else None

    def select_ids(self, ids: Sequence[int], current_id: int | None, scroll: bool = True) -> None:
        selection = QItemSelection()
        positions = sorted(self.model.positions_of(ids))
        last = self.model.columnCount() - 1
        runs: list[list[int]] = []  # contiguous positions become one range each
        for position in positions:
            if runs and position == runs[-1][1] + 1:
                runs[-1][1] = position
            else:
                runs.append([position, position])
        for first, final in runs:
            selection.select(self.model.index(first, 0), self.model.index(final, last))
        model = self.view.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        at = None if current_id is None else self.model.position_of(current_id)
        if at is not None:
            index = self.model.index(at, max(0, self.view.currentIndex().column()))
            model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.view.scrollTo(index)
        elif self.view.currentIndex().isValid():
            model.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_counts()
        if self.current_id() != self._shown_current:  # a reset moves it without a signal
            self._on_selection_current_row_changed(self.view.currentIndex())

    def select_person(self, person_id: int) -> bool:
        """Select one person and scroll to them (clearing the filter if it hides them)."""
        if self.model.position_of(person_id) is None and self.filter_box.text():
            self.filter_box.clear()
        if self.model.position_of(person_id) is None:
            return False
        self.select_ids([person_id], person_id)
        return True

    @contextlib.contextmanager
    def keeping_selection(self, keep_scroll: bool = True) -> Iterator[None]:
        """Around a model reset: the same people stay selected, the view stays where it was."""
        ids, current = self.selected_ids(), self.current_id()
        scroll = self.view.verticalScrollBar().value()
        yield
        self.select_ids(ids, current, scroll=not keep_scroll)
        if keep_scroll:
            self.view.verticalScrollBar().setValue(scroll)
        self._show_counts()

    # ------------------------------------------------------------ slots

    def _on_filter_box_text_changed(self, text: str) -> None:
        # People the filter hides stay remembered, and are selected again when it shows them.
        ids = self.selected_ids() or self._hidden_selection
        current = self.current_id() if self.current_id() is not None else self._hidden_current
        self.model.set_filter(text)
        self.select_ids(ids, current)
        if self.selected_ids():
            self._hidden_selection, self._hidden_current = [], None
        else:
            self._hidden_selection, self._hidden_current = list(ids), current
            self.view.scrollToTop()

    def _on_merge_button_clicked(self) -> None:
        self.merge_requested.emit(self.selected_ids())

    def _on_delete_button_clicked(self) -> None:
        self.delete_requested.emit(self.selected_ids())

    def _on_selection_selection_changed(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        if count:
            self._hidden_selection, self._hidden_current = [], None
        self.merge_button.setEnabled(count >= 2)
        self.delete_button.setEnabled(count >= 1)
        self.selection_changed.emit()

    def _on_selection_current_row_changed(self, current: QModelIndex) -> None:
        self._shown_current = self.model.person(current.row()).id if current.isValid() else None
        self.current_changed.emit(self._shown_current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if watched is self.filter_box and key in (
            Qt.Key.Key_Down,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.view.currentIndex().isValid() and self.model.rowCount():
                self.select_ids([self.model.person(0).id], self.model.person(0).id)
            return True
        if watched is self.filter_box and key == Qt.Key.Key_Escape and self.filter_box.text():
            self.filter_box.clear()
            return True
        if watched is self.view and self.view.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
                self.delete_requested.emit(self.selected_ids())
                return True
            if key == Qt.Key.Key_Insert:
                self.insert_requested.emit()
                return True
            if key == Qt.Key.Key_Slash and plain:
                self.focus_filter()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ helpers

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def _show_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(
            f"{total:,} people" if shown == total else f"Showing {shown:,} of {total:,}"
        )
        count = len(self.view.selectionModel().selectedRows())
        self.merge_button.setEnabled(count >= 2)
        self.delete_button.setEnabled(count >= 1)
