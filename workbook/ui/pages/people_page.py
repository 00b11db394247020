"""Step 2 — People: the brainstorm toward 100 names, the list, and one person in full.

The page shows a ring with "N of 100" at the top, then either the brainstorm (circle by
circle, Enter adds) or the list (filter, sortable table, detail panel). A new workbook shows
what to do first, with the buttons for it. Keys: Alt+B brainstorm, Alt+L list, Ctrl+F filter,
Alt+I import contacts, Alt+X export; Ctrl+Z / Ctrl+Shift+Z undo and redo everything here.

The page is the ``PeopleEditor`` its undo commands call: every change goes through the
people service, updates what is shown (by id, keeping selection and scroll), and notifies the
app once. Changes made elsewhere ("people", "advice", "meetings") reload the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.ui.models.people_model import PeopleModel
from workbook.ui.page_context import PageContext
from workbook.ui.pages.people_actions import PeopleActions
from workbook.ui.pages.people_brainstorm import BrainstormPanel
from workbook.ui.pages.people_detail import PersonDetail
from workbook.ui.pages.people_table import PeopleTable
from workbook.ui.steps import STEP_BY_KEY
from workbook.ui.widgets.page_header import PageHeader
from workbook.ui.widgets.progress_ring import ProgressRing
from workbook.ui.widgets.undo_keys import UndoKeys, run_undo_key

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

BRAINSTORM, LIST = "brainstorm", "list"
RELOAD_ON = frozenset({"people", "advice", "meetings"})


class PeoplePage(QWidget):
    """The People step for one open workbook."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from workbook.core.people import GOAL, list_people

        self.setObjectName("peoplePage")
        self.context = context
        self.goal = GOAL
        self._stale = False
        self._mode = LIST
        self.model = PeopleModel(self)
        self.editor = PeopleActions(self)

        step = STEP_BY_KEY["people"]
        self.header = PageHeader(f"Step {step.number} — {step.name}", step.purpose)
        self.ring = ProgressRing(GOAL)
        self.count_label = QLabel()
        self.celebration = QLabel()
        self.celebration.setWordWrap(True)
        self.celebration.setForegroundRole(QPalette.ColorRole.Accent)
        self.celebration.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 20)
        counts = QVBoxLayout()
        counts.addStretch(1)
        counts.addWidget(self.count_label)
        counts.addWidget(self.celebration)
        counts.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.header, 3)
        top.addSpacing(12)
        top.addWidget(self.ring)
        top.addLayout(counts, 1)

        self.brainstorm_button = QPushButton("&Brainstorm")
        self.list_button = QPushButton("&List")
        self.modes = QButtonGroup(self)
        for button in (self.brainstorm_button, self.list_button):
            button.setCheckable(True)
            self.modes.addButton(button)
        self.import_button = QPushButton("&Import contacts…")
        self.import_button.setToolTip(
            "Add people from a LinkedIn, Google or Outlook export, a vCard or a CSV file "
            "(or drop the file on the window)"
        )
        self.export_button = QPushButton("E&xport")
        self.export_button.setMenu(self.editor.export_menu)
        bar = QHBoxLayout()
        bar.addWidget(self.brainstorm_button)
        bar.addWidget(self.list_button)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.brainstorm = BrainstormPanel()
        self.table = PeopleTable(self.model)
        self.detail = PersonDetail()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 340])
        self.empty = _EmptyState()
        self.stack = QStackedWidget()
        for widget in (self.brainstorm, self.splitter, self.empty):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self._undo_keys = UndoKeys(self.undo, self.redo, self)
        self._undo_keys.watch(
            self.brainstorm.name_box,
            self.brainstorm.detail_box,
            self.table.filter_box,
            self.detail.introducer_box,
            *self.detail.lines.values(),
            *self.detail.texts.values(),
        )
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find_activated)
        self._wire()
        rows = list_people(context.sessions)
        self.show_rows(rows)
        self.set_mode(BRAINSTORM if 0 < len(rows) < GOAL else LIST, focus=False)

    # ------------------------------------------------------------ public

    def import_files(self, paths: list[Path]) -> None:
        """Import contact files (File menu, drag and drop, the page's button)."""
        self.editor.import_files(paths)

    def choose_and_import(self) -> None:
        """Ask which contact files to import, then import them (File > Import Contacts…)."""
        self.editor.choose_and_import()

    def set_mode(self, mode: str, focus: bool = True) -> None:
        self._mode = mode
        (self.brainstorm_button if mode == BRAINSTORM else self.list_button).setChecked(True)
        self._show_mode()
        if focus:
            if mode == BRAINSTORM:
                self.brainstorm.focus_name()
            elif self.model.total():
                self.table.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def mode(self) -> str:
        return self._mode

    def open_person(self, person_id: int) -> None:
        """Show one person in the list with their details."""
        self.set_mode(LIST, focus=False)
        if self.table.select_person(person_id):
            self.table.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def undo(self) -> None:
        self.detail.flush()
        self.context.undo_stack.undo()

    def redo(self) -> None:
        self.detail.flush()
        self.context.undo_stack.redo()

    # ------------------------------------------------------------ showing

    def reload(self) -> None:
        from workbook.core.people import list_people

        self.show_rows(list_people(self.context.sessions))

    def show_rows(self, rows: list[PersonRow]) -> None:
        self._stale = False
        with self.table.keeping_selection():
            self.model.set_rows(rows)
        self.people_changed()
        QTimer.singleShot(0, self.model.prepare)  # after the first paint

    def people_changed(self) -> None:
        """Counts, the brainstorm's lists and the pickers follow the model's people."""
        rows = self.model.all_people()
        self.brainstorm.set_people(rows)
        self.detail.set_people(rows)
        self._show_count()
        self._show_mode()
        self._on_table_current_changed(self.table.current_id())

    def show_changed_person(self, row: PersonRow, names_changed: bool) -> None:
        self.model.replace_row(row)
        self.detail.update_person(row)
        if names_changed:
            self.people_changed()
        else:
            self.brainstorm.set_people(self.model.all_people())

    def _show_count(self) -> None:
        total = self.model.total()
        self.ring.set_value(total)
        self.count_label.setText(f"{'person' if total == 1 else 'people'} on your list")
        reached = total >= self.goal
        self.celebration.setText(
            "You have your hundred! Keep adding whoever else comes to mind."
            if reached
            else f"Aim for {self.goal}: anyone you know counts."
        )
        self.celebration.setForegroundRole(
            QPalette.ColorRole.Accent if reached else QPalette.ColorRole.PlaceholderText
        )

    def _show_mode(self) -> None:
        if self._mode == BRAINSTORM:
            self.stack.setCurrentWidget(self.brainstorm)
        else:
            self.stack.setCurrentWidget(self.splitter if self.model.total() else self.empty)
        self.export_button.setEnabled(self.model.total() > 0)

    # ------------------------------------------------------------ wiring and slots

    def _wire(self) -> None:
        self.brainstorm_button.clicked.connect(lambda: self.set_mode(BRAINSTORM))
        self.list_button.clicked.connect(lambda: self.set_mode(LIST))
        self.import_button.clicked.connect(self.editor.choose_and_import)
        self.empty.start_button.clicked.connect(lambda: self.set_mode(BRAINSTORM))
        self.empty.import_button.clicked.connect(self.editor.choose_and_import)
        self.brainstorm.name_entered.connect(self._on_brainstorm_name_entered)
        self.brainstorm.add_anyway_requested.connect(self._on_brainstorm_add_anyway_requested)
        self.brainstorm.open_requested.connect(self.open_person)
        self.table.current_changed.connect(self._on_table_current_changed)
        self.table.delete_requested.connect(self.editor.delete)
        self.table.merge_requested.connect(self.editor.merge)
        self.table.insert_requested.connect(lambda: self.set_mode(BRAINSTORM))
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.detail.edit_requested.connect(self._on_detail_edit_requested)
        self.detail.message.connect(self._on_detail_message)
        self.context.events.changed.connect(self._on_events_changed)

    def _on_brainstorm_name_entered(self, name: str) -> None:
        self.editor.add_from_brainstorm(name, force=False)

    def _on_brainstorm_add_anyway_requested(self, name: str) -> None:
        self.editor.add_from_brainstorm(name, force=True)

    def _on_table_current_changed(self, person_id: object) -> None:
        position = self.model.position_of(person_id) if isinstance(person_id, int) else None
        self.detail.show_person(None if position is None else self.model.person(position))

    def _on_model_edit_requested(self, person_id: int, field: str, value: object) -> None:
        self.editor.edit(person_id, field, value, None)

    def _on_detail_edit_requested(
        self, person_id: int, field: str, value: object, run: object
    ) -> None:
        self.editor.edit(person_id, field, value, run if isinstance(run, int) else None)

    def _on_detail_message(self, message: str) -> None:
        self.context.status.showMessage(message, 5000)

    def _on_find_activated(self) -> None:
        self.set_mode(LIST, focus=False)
        self.table.focus_filter()

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if self.editor.notifying or not what & RELOAD_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # reloaded when shown again

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.detail.flush()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when no shortcut took the key (a page shown outside the main window).
        if not run_undo_key(event, self.undo, self.redo):
            super().keyPressEvent(event)


class _EmptyState(QWidget):
    """A new list: what to do first, and the buttons for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Your list is empty — let's fill it.")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            "The brainstorm walks you through the people you know, one circle at a time: "
            "family, friends, neighbours, each past job and more. Names are enough to start; "
            "details can wait. Or bring in the contacts you already have."
        )
        text.setWordWrap(True)
        self.start_button = QPushButton("Start the brainstorm")
        self.start_button.setDefault(True)
        self.import_button = QPushButton("Import contacts…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 40, 0, 0)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setMaximumWidth(720)
