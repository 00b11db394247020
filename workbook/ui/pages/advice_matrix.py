"""The Tag view: the matrix of people and kinds, its filter, bulk tagging and the note panel.

Keys in the matrix: arrows move, Space toggles the current cell (with several people
selected, it sets that kind for all of them), Delete untags, F2 writes the cell's note,
"/" or Ctrl+F goes to the filter (Down or Enter comes back). A plain click on a kind cell
toggles it; Shift+click and Ctrl+click select people for "Tag selected as…". Selection, the
current cell and the scroll position are kept by person and kind across every refresh.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbook.ui.models.advice_matrix_model import NAME, AdviceMatrixModel
from workbook.ui.pages.advice_bulk import BulkMenu
from workbook.ui.pages.advice_cells import CellMarks, KindHeader
from workbook.ui.pages.advice_note import NotePanel

if TYPE_CHECKING:
    from workbook.core.advice import KindRow

_PLAIN = Qt.KeyboardModifier.NoModifier
_LEFT = Qt.MouseButton.LeftButton


class MatrixView(QWidget):
    """Filter bar, matrix and note panel; emits what the user asked for."""

    toggle_requested = Signal(list, int, bool)  # person ids, kind id, tagged after
    note_edited = Signal(int, int, str)  # person id, kind id, note
    kinds_requested = Signal()

    def __init__(self, model: AdviceMatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._pressed: tuple[int, int] | None = None  # the cell a plain click went down on
        self.all_kinds: dict[int, KindRow] = {}  # every kind by id, retired ones too
        self.filter_box = QLineEdit()
        self.filter_box.setAccessibleName("Filter people")
        self.filter_box.setPlaceholderText("Filter by name, organisation or title")
        self.filter_box.setClearButtonEnabled(True)
        self.untagged_box = QCheckBox("&Untagged only")
        self.untagged_box.setToolTip("Show only people with no tag yet")
        self.count_label = QLabel()
        self.tag_button = QPushButton("Tag &selected as…")
        self.tag_button.setToolTip("Tag every selected person with one kind of advice")
        self.tag_menu = BulkMenu(self.selected_ids, self.model.kinds, self)
        self.tag_button.setMenu(self.tag_menu)
        self.kinds_button = QPushButton("&Kinds…")
        self.kinds_button.setToolTip("Add, rename, reorder or retire kinds of advice")
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.untagged_box)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.tag_button)
        bar.addWidget(self.kinds_button)

        self.view = QTableView()
        self.view.setAccessibleName("Advice matrix: people down, kinds of advice across")
        self.header = KindHeader(self.view)
        self.view.setHorizontalHeader(self.header)
        self.view.setModel(model)
        self.marks = CellMarks()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.header.setMinimumSectionSize(8)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty.setContentsMargins(4, 16, 4, 4)
        self.add_kind_button = QPushButton("Open the kinds of advice…")
        empty_box = QWidget()
        empty_layout = QVBoxLayout(empty_box)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.add_kind_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.view)
        self.table_stack.addWidget(empty_box)

        self.note = NotePanel()
        # In a scroll area: the panel's text changes with every cell, and its new size stops
        # here instead of laying out (and repainting) the whole page at each toggle.
        self.note_area = QScrollArea()
        self.note_area.setWidget(self.note)
        self.note_area.setWidgetResizable(True)
        self.note_area.setFrameShape(QFrame.Shape.NoFrame)
        self.note_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.note_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 280])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._wire()

    # ------------------------------------------------------------ by id

    def current_cell(self) -> tuple[int | None, int | None]:
        """The current person's id and kind's id (None: no current row, or the name column)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None, None
        kind = self.model.kind(index.column())
        return self.model.person(index.row()).id, None if kind is None else kind.id

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.person(row).id for row in rows]

    def select(
        self, ids: Sequence[int], person_id: int | None, kind_id: int | None, scroll: bool = True
    ) -> None:
        """Select these people and put the current cell on (person, kind), by id."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        runs: list[list[int]] = []  # contiguous rows become one range each
        for position in sorted(self.model.positions_of(ids)):
            if runs and position == runs[-1][1] + 1:
                runs[-1][1] = position
            else:
                runs.append([position, position])
        for first, final in runs:
            selection.select(self.model.index(first, 0), self.model.index(final, last))
        selection_model = self.view.selectionModel()
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = None if person_id is None else self.model.position_of(person_id)
        column = (self.model.column_of(kind_id) if kind_id is not None else None) or NAME
        if row is not None:
            index = self.model.index(row, column)
            selection_model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            if scroll:
                self.view.scrollTo(index)
        self._show_current()

    @contextlib.contextmanager
    def keeping_place(self) -> Iterator[None]:
        """Around a reload: the same people stay selected, the same cell current, the view
        where it was."""
        ids = self.selected_ids()
        person_id, kind_id = self.current_cell()
        if person_id is not None and kind_id is None:
            kind = self.model.kind(self.view.currentIndex().column())
            kind_id = None if kind is None else kind.id
        vertical = self.view.verticalScrollBar().value()
        horizontal = self.view.horizontalScrollBar().value()
        yield
        self.select(ids, person_id, kind_id, scroll=False)
        self.view.verticalScrollBar().setValue(vertical)
        self.view.horizontalScrollBar().setValue(horizontal)
        self.show_state()

    # ------------------------------------------------------------ showing

    def show_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        counts = f"{self.model.tagged_people():,} of {total:,} tagged"
        self.count_label.setText(counts if shown == total else f"Showing {shown:,} · {counts}")

    def show_state(self) -> None:
        """Counts, column widths, the empty message and the bulk menu follow the model."""
        self.show_counts()
        shown = self.model.rowCount()
        kinds = len(self.model.kinds())
        if not kinds:
            self.empty.setText(
                "No kinds of advice are in use. Add one of your own, or bring a retired one "
                "back, in the kinds of advice."
            )
        elif not shown:
            text = self.filter_box.text().strip()
            self.empty.setText(
                f"No one matches “{text}”. Esc in the filter box clears it."
                if text
                else "Everyone has a tag already. Untick “Untagged only” to see them all."
            )
        self.add_kind_button.setVisible(not kinds)
        self.table_stack.setCurrentIndex(0 if kinds and shown else 1)
        self.tag_button.setEnabled(bool(kinds))
        side = self.header.section_width()
        x = self.fontMetrics().horizontalAdvance("x")
        self.header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        self.header.resizeSection(NAME, max(self.header.sectionSize(NAME), x * 24))
        for column in range(1, kinds + 1):
            self.header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.header.resizeSection(column, side)
        self.header.setStretchLastSection(True)
        self.header.forget_picture()
        self.header.setFixedHeight(self.header.sizeHint().height())
        self._prepare_marks()
        self._show_current()

    def _prepare_marks(self) -> None:
        """Draw the cells' marks for the current palette, size and scale (once each)."""
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = self.header.section_width() - 2 * margin
        height = self.view.verticalHeader().defaultSectionSize() - 2
        size = QSize(max(8, width), max(8, height))
        palette = self.palette()  # the view's follows it, after this widget's change event
        if self.marks.prepare(palette, size, self.view.devicePixelRatioF()):
            self.view.setIconSize(size)
            muted = palette.brush(QPalette.ColorRole.PlaceholderText)
            self.model.set_look(self.marks.icons(), muted)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._prepare_marks()

    def refresh_current(self) -> None:
        """The current cell's tag changed: the note panel follows."""
        self._show_current()

    # ------------------------------------------------------------ wiring and slots

    def _wire(self) -> None:
        self.filter_box.textChanged.connect(self._on_filter_box_text_changed)
        self.untagged_box.toggled.connect(self._on_untagged_box_toggled)
        self.tag_menu.chosen.connect(self.toggle_requested)
        self.kinds_button.clicked.connect(self.kinds_requested)
        self.add_kind_button.clicked.connect(self.kinds_requested)
        self.note.tag_toggled.connect(self._on_note_tag_toggled)
        self.note.note_edited.connect(self.note_edited)
        self.note.done.connect(self._on_note_done)
        self.view.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.filter_box.installEventFilter(self)

    def _on_filter_box_text_changed(self, _text: str) -> None:
        self._refilter()

    def _on_untagged_box_toggled(self, _checked: bool) -> None:
        self._refilter()

    def _refilter(self) -> None:
        with self.keeping_place():
            self.model.set_filter(self.filter_box.text(), self.untagged_box.isChecked())

    def _on_note_tag_toggled(self, person_id: int, kind_id: int, on: bool) -> None:
        self.toggle_requested.emit([person_id], kind_id, on)

    def _on_note_done(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_selection_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.note.flush()  # a note typed for the previous cell is saved first
        self._show_current()

    def _show_current(self) -> None:
        index = self.view.currentIndex()
        self.header.set_current(index.column() if index.isValid() else -1)
        self.model.set_current(*self.current_cell())
        if not index.isValid():
            self.note.show_cell(None, None, {}, self.all_kinds)
            return
        person = self.model.person(index.row())
        kind = self.model.kind(index.column())
        self.note.show_cell(person, kind, self.model.tags_of(person.id), self.all_kinds)

    def toggle_current(self, on: bool | None = None) -> None:
        """Space: toggle the current cell (``on`` None) or set it; with several people
        selected, including the current one, set that kind for all of them."""
        index = self.view.currentIndex()
        kind = self.model.kind(index.column()) if index.isValid() else None
        if kind is None:
            return
        person_id = self.model.person(index.row()).id
        if on is None:
            on = not self.model.is_tagged(person_id, kind.id)
        ids = self.selected_ids()
        self.toggle_requested.emit(ids if person_id in ids else [person_id], kind.id, on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._matrix_key(event)
        if watched is self.view.viewport() and kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
        ):
            assert isinstance(event, QMouseEvent)
            self._matrix_click(event)
            return False  # the view still selects as usual
        if watched is self.filter_box and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_matrix()
                return True
            if key == Qt.Key.Key_Escape and self.filter_box.text():
                self.filter_box.clear()
                return True
        return super().eventFilter(watched, event)

    def _matrix_key(self, event: QKeyEvent) -> bool:
        key, plain = event.key(), event.modifiers() == _PLAIN
        if key == Qt.Key.Key_Space and plain:
            self.toggle_current()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.toggle_current(on=False)
            return True
        if key == Qt.Key.Key_F2:
            self.note.edit_note()
            return True
        if key == Qt.Key.Key_Slash and plain:
            self.focus_filter()
            return True
        return False

    def _matrix_click(self, event: QMouseEvent) -> None:
        if event.button() != _LEFT or event.modifiers() != _PLAIN:
            self._pressed = None
            return
        index = self.view.indexAt(event.position().toPoint())
        if event.type() == QEvent.Type.MouseButtonPress:
            self._pressed = (index.row(), index.column()) if index.isValid() else None
            return
        pressed, self._pressed = self._pressed, None
        if pressed != (index.row(), index.column()) or self.model.kind(index.column()) is None:
            return
        person_id, kind_id = self.model.cell_ids(index.row(), index.column())
        on = not self.model.is_tagged(person_id, kind_id)
        self.toggle_requested.emit([person_id], kind_id, on)

    # ------------------------------------------------------------ focus

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def focus_matrix(self) -> None:
        """Into the matrix; the first time, onto the first person's first kind."""
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            first = self.model.person(0).id
            kinds = self.model.kinds()
            self.select([first], first, kinds[0].id if kinds else None)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
