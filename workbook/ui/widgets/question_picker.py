"""The "Agenda & questions" tab of a meeting: pick questions from the bank and suggestions,
arrange them in TIARA order, and see the timed agenda they make.

Left: "Suggested for NAME" (with each reason) and the bank, a heading per TIARA letter with
what it is for; Enter, a double-click or "Add to meeting" adds the selected question, F2
rewords a bank question, its context menu retires or deletes it. "Add my own question" saves
a question to the bank and adds it to the meeting. Right: the meeting's questions (Delete
removes, Alt+Up/Down reorders within a letter, F2 or a double-click rewords), how long they
take against the meeting's length, and the agenda, rebuilt after every change. Every change
is one undoable command; what they do lives in ``question_actions``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.agenda import (
    build_agenda,
    estimate_text,
    over_time,
    person_tags,
    questions_that_fit,
)
from workbook.core.errors import WorkbookError
from workbook.core.meetings import MeetingView, get_meeting
from workbook.core.question_bank import (
    LETTER_HINTS,
    LETTERS,
    BankQuestionRow,
    MeetingQuestionRow,
    Suggestion,
    letter_label,
    list_bank,
    meeting_questions,
    suggest_questions,
)
from workbook.core.target import get_target
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.agenda_view import AgendaView
from workbook.ui.widgets.question_actions import QuestionActions
from workbook.ui.widgets.question_trees import PAYLOAD, KeepingSelection, Pick, QuestionTree

REFRESH_ON = frozenset({"questions", "meetings", "people", "advice", "target", "organisations"})


class QuestionPicker(QWidget):
    """Choose and arrange one meeting's questions; see its agenda."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id: int | None = None
        self.meeting: MeetingView | None = None
        self.chosen_rows: list[MeetingQuestionRow] = []
        self.notifying = False
        self.stale = False
        self.ops = QuestionActions(self)

        # -- left: suggestions and the bank
        self.bank = QuestionTree()
        self.bank.setAccessibleName("Suggested questions and the question bank")
        self.bank.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.bank.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.add_button = QPushButton("&Add to meeting")
        self.add_button.setToolTip("Add the selected question (Enter, or double-click it)")
        self.show_retired = QCheckBox("Show re&tired questions")
        self.own_letter = QComboBox()
        self.own_letter.setAccessibleName("TIARA letter of your question")
        for letter in LETTERS:
            self.own_letter.addItem(letter_label(letter), letter)
            self.own_letter.setItemData(
                self.own_letter.count() - 1, LETTER_HINTS[letter], Qt.ItemDataRole.ToolTipRole
            )
        self.own_text = QLineEdit()
        self.own_text.setPlaceholderText("Write a question in your own words, then Enter")
        self.own_text.setClearButtonEnabled(True)
        self.own_button = QPushButton("Add")
        self.own_button.setToolTip("Save it to your bank and add it to this meeting (Enter)")
        own_label = QLabel("Add my &own question")
        own_label.setBuddy(self.own_text)
        bank_label = _bold(QLabel("Question &bank"))
        bank_label.setBuddy(self.bank)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(bank_label)
        column.addWidget(self.bank, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.show_retired)
        column.addLayout(row)
        column.addSpacing(6)
        column.addWidget(own_label)
        row = QHBoxLayout()
        row.addWidget(self.own_letter)
        row.addWidget(self.own_text, 1)
        row.addWidget(self.own_button)
        column.addLayout(row)

        # -- right: this meeting's questions, the time they take, the agenda
        self.chosen = QuestionTree()
        self.chosen.setAccessibleName("This meeting's questions")
        self.chosen.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        chosen_label = _bold(QLabel("This meeting's &questions"))
        chosen_label.setBuddy(self.chosen)
        self.empty_hint = QLabel(
            "No questions yet. Pick a few on the left (one or two per letter), or fill the "
            "time with a balanced set."
        )
        self.empty_hint.setWordWrap(True)
        self.up_button = QPushButton("Move &up")
        self.up_button.setToolTip("Earlier within its letter (Alt+Up)")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setToolTip("Later within its letter (Alt+Down)")
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setToolTip("Take it off this meeting (Delete)")
        self.fill_button = QPushButton("F&ill the time")
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setAccessibleName("Time the questions take")
        self.agenda = AgendaView()
        scroll = QScrollArea()
        scroll.setWidget(self.agenda)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(chosen_label)
        column.addWidget(self.empty_hint)
        column.addWidget(self.chosen, 1)
        row = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.fill_button)
        column.addLayout(row)
        column.addWidget(self.estimate)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        bottom = QWidget()
        agenda_column = QVBoxLayout(bottom)
        agenda_column.setContentsMargins(6, 6, 0, 0)
        agenda_column.addWidget(scroll)
        right.addWidget(bottom)
        right.setChildrenCollapsible(False)
        right.setSizes([300, 300])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.splitter)

        self._connect()
        self.show_meeting(None)

    def _connect(self) -> None:
        self.bank.add_requested.connect(self._on_bank_add_requested)
        self.bank.itemDoubleClicked.connect(self._on_bank_item_double_clicked)
        self.bank.customContextMenuRequested.connect(self._on_bank_custom_context_menu_requested)
        self.bank.delegate.edited.connect(self._on_delegate_edited)
        self.bank.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.add_button.clicked.connect(self._on_bank_add_requested)
        self.show_retired.toggled.connect(self._on_show_retired_toggled)
        self.own_text.returnPressed.connect(self._on_own_text_return_pressed)
        self.own_text.textChanged.connect(self._on_tree_current_item_changed)
        self.own_button.clicked.connect(self._on_own_text_return_pressed)
        self.chosen.removal_requested.connect(self._on_remove_clicked)
        self.chosen.move_requested.connect(self._on_chosen_move_requested)
        self.chosen.add_requested.connect(self._on_chosen_add_requested)
        self.chosen.delegate.edited.connect(self._on_delegate_edited)
        self.chosen.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.up_button.clicked.connect(lambda: self._on_chosen_move_requested(-1))
        self.down_button.clicked.connect(lambda: self._on_chosen_move_requested(1))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.fill_button.clicked.connect(self._on_fill_clicked)
        self.context.events.changed.connect(self._on_events_changed)

    # -- the panel contract ------------------------------------------------------------------

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting's questions and agenda (None: clear and disable)."""
        self.save_pending()
        if meeting_id != self.meeting_id:
            self.bank.setCurrentIndex(QModelIndex())
            self.chosen.setCurrentIndex(QModelIndex())
        self.meeting_id = meeting_id
        self.reload()

    def save_pending(self) -> None:
        """Save a question being reworded in either list (the editor is closed)."""
        for tree in (self.chosen, self.bank):
            found = tree.delegate.take_open_edit()
            if found is not None:
                self.ops.queue_edit(*found)
        self.ops.flush_edits()

    # -- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting, its questions, the bank and suggestions; redraw everything."""
        self.stale = False
        sessions = self.context.sessions
        meeting = None
        if self.meeting_id is not None:
            try:
                meeting = get_meeting(sessions, self.meeting_id)
                chosen = meeting_questions(sessions, self.meeting_id)
                bank = list_bank(sessions, include_retired=self.show_retired.isChecked())
                suggestions = suggest_questions(sessions, self.meeting_id)
                ask = get_target(sessions).ask
                tags = frozenset(person_tags(sessions, meeting.person_id))
            except WorkbookError:
                meeting = None
        self.meeting = meeting
        self.setEnabled(meeting is not None)
        if meeting is None:
            self.meeting_id = None
            self.chosen_rows = []
            self.bank.clear()
            self.chosen.clear()
            self.estimate.clear()
            self.empty_hint.hide()
            self.agenda.show_items(())
            self._on_tree_current_item_changed()
            return
        self.chosen_rows = chosen
        self._fill_bank(meeting, bank, suggestions, chosen)
        self._fill_chosen(chosen)
        count, minutes, strength = len(chosen), meeting.duration_minutes, meeting.person_strength
        self.estimate.setText(estimate_text(count, minutes, strength))
        font = QFont(self.estimate.font())
        font.setBold(over_time(count, minutes, strength))
        self.estimate.setFont(font)
        self.empty_hint.setVisible(not chosen)
        fits = questions_that_fit(minutes, strength)
        self.fill_button.setToolTip(f"Add questions up to about {fits} for {minutes} minutes")
        self.fill_button.setEnabled(count < fits)
        items = build_agenda(
            minutes,
            [(q.letter, q.text) for q in chosen],
            ask=ask,
            person_name=meeting.person_name,
            strength=strength,
            tag_keys=tags,
        )
        self.agenda.show_items(items, meeting.local_start())
        self._on_tree_current_item_changed()

    def _fill_bank(
        self,
        meeting: MeetingView,
        bank: list[BankQuestionRow],
        suggestions: list[Suggestion],
        chosen: list[MeetingQuestionRow],
    ) -> None:
        in_meeting = {q.bank_question_id for q in chosen} - {None}
        texts = {q.text.casefold() for q in chosen}
        with KeepingSelection(self.bank):
            if suggestions:
                heading = self.bank.heading(
                    f"Suggested for {meeting.person_name}",
                    "Written for them, from what they could advise on and your target.",
                )
                for suggestion in suggestions:
                    self.bank.question(
                        heading, suggestion.text, Pick("suggestion", suggestion),
                        secondary=f"{letter_label(suggestion.letter)} · {suggestion.reason}",
                    )  # fmt: skip
            for letter in LETTERS:
                heading = self.bank.heading(letter_label(letter), LETTER_HINTS[letter])
                for row in (q for q in bank if q.letter == letter):
                    chosen_here = row.id in in_meeting or row.text.casefold() in texts
                    note = "retired" if row.retired else "in this meeting" if chosen_here else ""
                    self.bank.question(
                        heading, row.text, Pick("bank", row), secondary=note,
                        muted=bool(note), editable=True,
                    )  # fmt: skip

    def _fill_chosen(self, chosen: list[MeetingQuestionRow]) -> None:
        with KeepingSelection(self.chosen):
            for letter in LETTERS:
                mine = [q for q in chosen if q.letter == letter]
                if mine:
                    heading = self.chosen.heading(letter_label(letter))
                    for row in mine:
                        self.chosen.question(heading, row.text, Pick("chosen", row), editable=True)

    # -- what the commands need ---------------------------------------------------------------

    def changed(self) -> None:
        """After a change made here: redraw, and tell the rest of the app."""
        self.reload()
        self.notifying = True
        try:
            self.context.events.notify("questions")
        finally:
            self.notifying = False

    def report(self, error: WorkbookError) -> None:
        self.context.status.showMessage(f"Not done: {error}.", 8000)

    # -- slots -------------------------------------------------------------------------------

    def _on_bank_add_requested(self) -> None:
        pick = self.bank.current_payload()
        if isinstance(pick, Pick) and self.meeting_id is not None:
            self.ops.add_pick(self.meeting_id, pick)

    def _on_bank_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if isinstance(item.data(0, PAYLOAD), Pick):
            self.bank.setCurrentItem(item)
            self._on_bank_add_requested()

    def _on_chosen_add_requested(self) -> None:
        item = self.chosen.currentItem()
        if item is not None and isinstance(item.data(0, PAYLOAD), Pick):
            self.chosen.editItem(item, 0)  # Enter on a chosen question rewords it

    def _on_remove_clicked(self) -> None:
        pick = self.chosen.current_payload()
        if isinstance(pick, Pick) and isinstance(pick.row, MeetingQuestionRow):
            self.ops.remove(pick.row)

    def _on_chosen_move_requested(self, step: int) -> None:
        pick = self.chosen.current_payload()
        if isinstance(pick, Pick) and isinstance(pick.row, MeetingQuestionRow):
            self.ops.move(pick.row, step)

    def _on_fill_clicked(self) -> None:
        if self.meeting_id is not None:
            self.ops.fill(self.meeting_id)

    def _on_own_text_return_pressed(self) -> None:
        text = self.own_text.text()
        if self.meeting_id is None or not text.strip():
            return
        if self.ops.add_own(self.meeting_id, str(self.own_letter.currentData()), text):
            self.own_text.clear()

    def _on_delegate_edited(self, pick: Any, text: str) -> None:
        self.ops.queue_edit(pick, text)
        self.ops.flush_edits_soon()

    def _on_show_retired_toggled(self, _checked: bool) -> None:
        self.reload()

    def _on_bank_custom_context_menu_requested(self, pos: QPoint) -> None:
        # A right-click makes the row under the mouse current; the Menu key keeps the current.
        item = self.bank.currentItem() or self.bank.itemAt(pos)
        pick = item.data(0, PAYLOAD) if item is not None else None
        if item is None or not isinstance(pick, Pick):
            return
        if self.bank.itemAt(pos) is not item:
            pos = self.bank.visualItemRect(item).center()
        menu = QMenu(self)
        menu.addAction("Add to this meeting", self._on_bank_add_requested)
        if isinstance(pick.row, BankQuestionRow):
            row = pick.row
            menu.addAction("Reword in the bank (F2)", lambda: self.bank.editItem(item, 0))
            if row.retired:
                menu.addAction("Bring back", lambda: self.ops.retire(row, False))
            else:
                menu.addAction("Retire from the bank", lambda: self.ops.retire(row, True))
            if not row.builtin:
                menu.addAction("Delete from the bank", lambda: self.ops.delete(row))
        menu.exec(self.bank.viewport().mapToGlobal(pos))

    def _on_tree_current_item_changed(self, *_args: object) -> None:
        bank_pick = self.bank.current_payload()
        self.add_button.setEnabled(isinstance(bank_pick, Pick))
        chosen = isinstance(self.chosen.current_payload(), Pick)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(chosen)
        self.own_button.setEnabled(bool(self.own_text.text().strip()))

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if self.notifying or self.meeting_id is None or not what & REFRESH_ON:
            return
        if self.chosen.editing() or self.bank.editing():
            self.stale = True  # redrawn when the rewording is saved
        else:
            self.reload()


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label
