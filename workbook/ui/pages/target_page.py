"""Step 1 — Target: the questions, the ask shown large, readiness, target organisations.

Saving: ticks and chips are saved at once; typing is saved 300 ms after the last key, when
focus leaves the box, before an undo, and when the page is hidden (so switching step,
closing the workbook or quitting never loses a word). Each save is a command on the
workbook's undo stack; a typing run in one box is one command.

The ask and the readiness list follow the boxes on every keystroke (composed in memory),
while what is stored follows the saves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbook.core.ask import (
    QUESTION_NUMBER,
    FieldValue,
    TargetAnswers,
    compose_ask,
    normalise_value,
    readiness,
)
from workbook.ui.page_context import PageContext
from workbook.ui.pages.organisations_section import OrganisationsSection
from workbook.ui.pages.target_form import CARD_OF, TargetForm
from workbook.ui.pages.target_undo import LABELS, AnswerCommand, AskCommand, list_change_text
from workbook.ui.steps import STEP_BY_KEY
from workbook.ui.widgets.ask_panel import AskPanel
from workbook.ui.widgets.page_header import PageHeader
from workbook.ui.widgets.question_card import QuestionCard
from workbook.ui.widgets.readiness_list import ReadinessList
from workbook.ui.widgets.undo_keys import UndoKeys, run_undo_key

if TYPE_CHECKING:
    from workbook.core.target import AskState

SAVE_DELAY_MS = 300
ASK = "ask"
ORGANISATIONS_QUESTION = "Which organisations would you like to learn about?"
ORGANISATIONS_HINT = (
    "Places you'd like to work for, or just understand better. Rate how keen you are from "
    "1 to 5. “People” counts those on your list who work there or know someone there."
)


class TargetPage(QWidget):
    """The Target step for one open workbook."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from workbook.core.target import get_target

        self.setObjectName("targetPage")
        self.context = context
        view = get_target(context.sessions)
        self._saved: TargetAnswers = view.answers  # what the workbook holds
        self._answers: TargetAnswers = view.answers  # what the boxes show
        self._ask_state: AskState = view.ask_state
        self._typed_ask: str | None = None  # the ask being written, not yet saved
        self._organisations = view.organisation_count
        self._pending: set[str] = set()
        self._runs: dict[str, int] = {}
        self._notifying = False
        self._organisations_stale = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)

        step = STEP_BY_KEY["target"]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addWidget(PageHeader(f"Step {step.number} — {step.name}", step.purpose))

        self.form = TargetForm()
        self.organisations_card = QuestionCard(
            len(QUESTION_NUMBER) + 1, ORGANISATIONS_QUESTION, ORGANISATIONS_HINT
        )
        self.organisations = OrganisationsSection(context)
        self.organisations_card.add(self.organisations)
        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        questions_layout.setContentsMargins(0, 0, 12, 12)
        questions_layout.setSpacing(12)
        questions_layout.addWidget(self.form)
        questions_layout.addWidget(self.organisations_card)
        questions_layout.addStretch(1)
        self.questions_scroll = _scroll(questions)

        self.ask_panel = AskPanel()
        self.readiness = ReadinessList()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 0, 4, 12)
        side_layout.setSpacing(16)
        side_layout.addWidget(self.ask_panel)
        side_layout.addWidget(self.readiness)
        side_layout.addStretch(1)
        self.side_scroll = _scroll(side)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.questions_scroll)
        self.splitter.addWidget(self.side_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 380])
        layout.addWidget(self.splitter, 1)

        self.form.show_answers(self._answers)
        self._undo_keys = UndoKeys(self.undo, self.redo, self)
        self._undo_keys.watch(
            *self.form.text_boxes(), self.ask_panel.editor, self.organisations.add_box
        )
        self._wire()
        self._refresh_ask()

    # ------------------------------------------------------------ undo, redo, saving

    def undo(self) -> None:
        self.save_pending()
        self.context.undo_stack.undo()

    def redo(self) -> None:
        self.save_pending()
        self.context.undo_stack.redo()

    def save_pending(self) -> None:
        """Save what is typed but not yet saved (each box as one undoable command)."""
        self._save_timer.stop()
        for field in sorted(self._pending):
            self._save(field)
        self._pending.clear()

    def _save(self, field: str) -> None:
        from workbook.core.target import set_ask

        if field == ASK:
            text = self._typed_ask
            current = self._ask_state.text if self._ask_state.edited else None
            if text is None or text == current or (current is None and not text.strip()):
                return
            if current is None and text == compose_ask(self._answers).sentence:
                return  # opened the editor, typed nothing of their own
            sessions, typed = self.context.sessions, text

            def action() -> AskState:
                return set_ask(sessions, typed).after

            command = AskCommand(self, self._ask_state, action, "edit the ask", self._run(ASK))
            self.context.undo_stack.push(command)
            return
        before, after = self._saved.value(field), self._answers.value(field)
        if before != after:
            text = f"edit {LABELS[field]}"
            command_ = AnswerCommand(self, field, before, after, text, self._run(field))
            self.context.undo_stack.push(command_)

    def _run(self, field: str) -> int:
        return self._runs.setdefault(field, 0)

    def _end_run(self, field: str) -> None:
        self._runs[field] = self._run(field) + 1

    # ------------------------------------------------------------ TargetEditor (undo commands)

    def store_answer(self, field: str, value: FieldValue) -> None:
        from workbook.core.target import get_ask_state, update_field

        change = update_field(self.context.sessions, field, value)
        self._saved = self._saved.with_value(field, change.after)
        if self._answers.value(field) != change.after:  # undo or redo: show it and where
            self._pending.discard(field)
            self._answers = self._answers.with_value(field, change.after)
            self.form.show_value(field, change.after)
            self.reveal(CARD_OF[field], focus=False)
        self._ask_state = get_ask_state(self.context.sessions)
        self._refresh_ask()
        self._notify()

    def change_ask(self, action: Callable[[], AskState]) -> AskState:
        self._ask_state = action()
        self._refresh_ask()
        self._notify()
        return self._ask_state

    def restore_ask(self, state: AskState) -> None:
        from workbook.core.target import restore_ask

        restore_ask(self.context.sessions, state)
        self._ask_state = state
        self._pending.discard(ASK)
        if self.ask_panel.editing:
            composed = compose_ask(self._answers).sentence or ""
            self.ask_panel.set_editor_text(state.text if state.edited else composed)
        self._typed_ask = None
        self._refresh_ask()
        self._notify()

    # ------------------------------------------------------------ showing

    def reveal(self, field: str, focus: bool = True) -> None:
        """Scroll to the question for ``field`` (a readiness item's) and put the cursor there."""
        if field == ASK:
            self.ask_panel.start_editing()
            return
        if field == "organisations":
            self.questions_scroll.ensureWidgetVisible(self.organisations_card, 0, 0)
            if focus:
                self.organisations.add_box.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        card = self.form.cards[CARD_OF.get(field, field)]
        self.questions_scroll.ensureWidgetVisible(card, 0, 0)
        if focus:
            self.form.editor(field).setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_ask(self) -> None:
        composed = compose_ask(self._answers)
        state = self._ask_state
        own = state.text if state.edited else None
        outdated = state.edited and composed.sentence not in (None, state.basis)
        self.ask_panel.show_ask(composed, own, outdated)
        ask = own if own is not None else composed.sentence
        self.readiness.show_items(readiness(self._answers, self._organisations, ask))

    def _notify(self) -> None:
        self._notifying = True
        try:
            self.context.events.notify("target")
        finally:
            self._notifying = False

    def reload(self) -> None:
        """Show the workbook's target again (it was changed elsewhere)."""
        from workbook.core.target import get_target

        self.save_pending()
        view = get_target(self.context.sessions)
        self._saved = self._answers = view.answers
        self._ask_state = view.ask_state
        self.form.show_answers(view.answers)
        self._refresh_ask()

    # ------------------------------------------------------------ wiring and slots

    def _wire(self) -> None:
        self.form.text_edited.connect(self._on_form_text_edited)
        self.form.text_left.connect(self._on_form_text_left)
        self.form.list_changed.connect(self._on_form_list_changed)
        self.form.flag_changed.connect(self._on_form_flag_changed)
        self.form.message.connect(self._on_form_message)
        self.ask_panel.ask_typed.connect(self._on_ask_panel_ask_typed)
        self.ask_panel.editing_finished.connect(self._on_ask_panel_editing_finished)
        self.ask_panel.reset_requested.connect(self._on_ask_panel_reset_requested)
        self.ask_panel.keep_requested.connect(self._on_ask_panel_keep_requested)
        self.ask_panel.question_requested.connect(self.reveal)
        self.readiness.item_chosen.connect(self.reveal)
        self.organisations.count_changed.connect(self._on_organisations_count_changed)
        self.context.events.changed.connect(self._on_events_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_application_focus_changed)

    def _on_form_text_edited(self, field: str, text: str) -> None:
        self._answers = self._answers.with_value(field, text)
        self._pending.add(field)
        self._save_timer.start()
        self._refresh_ask()

    def _on_form_text_left(self, field: str) -> None:
        self.save_pending()
        self._end_run(field)

    def _on_form_list_changed(self, field: str, items: list[str]) -> None:
        self.save_pending()
        before = self._saved.value(field)
        after = normalise_value(field, items)
        self._answers = self._answers.with_value(field, after)
        if before != after:
            self.context.undo_stack.push(
                AnswerCommand(self, field, before, after, list_change_text(field, before, after))
            )

    def _on_form_flag_changed(self, field: str, checked: bool) -> None:
        self.save_pending()
        before = self._saved.value(field)
        self._answers = self._answers.with_value(field, checked)
        text = f"{'tick' if checked else 'untick'} {LABELS[field]}"
        self.context.undo_stack.push(AnswerCommand(self, field, before, checked, text))

    def _on_form_message(self, message: str) -> None:
        self.context.status.showMessage(message, 4000)

    def _on_ask_panel_ask_typed(self, text: str) -> None:
        self._typed_ask = text
        self._pending.add(ASK)
        self._save_timer.start()

    def _on_ask_panel_editing_finished(self) -> None:
        self.save_pending()
        self._end_run(ASK)

    def _on_ask_panel_reset_requested(self) -> None:
        from workbook.core.target import reset_ask

        self.ask_panel.stop_editing()
        sessions = self.context.sessions
        command = AskCommand(
            self, self._ask_state, lambda: reset_ask(sessions).after, "use the composed sentence"
        )
        self.context.undo_stack.push(command)
        self.context.status.showMessage("Your ask follows your answers again.", 4000)

    def _on_ask_panel_keep_requested(self) -> None:
        from workbook.core.target import keep_ask

        self.save_pending()
        sessions = self.context.sessions
        command = AskCommand(
            self, self._ask_state, lambda: keep_ask(sessions).after, "keep your own ask"
        )
        self.context.undo_stack.push(command)

    def _on_organisations_count_changed(self, count: int) -> None:
        self._organisations = count
        self._refresh_ask()

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if "people" in what or ("organisations" in what and not self.organisations.notifying):
            if self.isVisible():
                self.organisations.refresh()  # who you know there may have changed
            else:
                self._organisations_stale = True  # counted again when the page is shown
        if "target" in what and not self._notifying:
            self.reload()

    def _on_application_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        cards = [*self.form.cards.values(), self.organisations_card]
        for card in cards:
            card.set_active(new is not None and card.isAncestorOf(new))

    def _on_save_timer_timeout(self) -> None:
        self.save_pending()

    def showEvent(self, event: QShowEvent) -> None:
        if self._organisations_stale:
            self._organisations_stale = False
            self.organisations.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_pending()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when no shortcut took the key (a page shown outside the main window).
        if not run_undo_key(event, self.undo, self.redo):
            super().keyPressEvent(event)


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
