"""What the user learned in a meeting: the outcome in a few lines, then a note per TIARA letter.

Each letter's box shows its name and, as a hint, the questions picked for it in the agenda
(or what the letter is about when none were picked). Notes are saved when the user leaves a
box or pauses typing, each typing run as one undoable command; ``save_pending`` saves what
is typed before the meeting changes or the tab closes.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from workbook.core.errors import WorkbookError
from workbook.core.meeting_notes import LETTER_HINTS, LETTERS, letter_label
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.after_meeting_undo import OUTCOME, TextCommand

SAVE_PAUSE_MS = 1200
MAX_LINES = 12
OUTCOME_HINT = "The gist: what you learned, and what you will do because of it."
_WHAT = {OUTCOME: "the outcome notes", **{k: f"the {letter_label(k)} note" for k in LETTERS}}


class NoteBox(QPlainTextEdit):
    """A few lines of notes; says when the user types and when they leave it."""

    typed = Signal(str)  # key
    left = Signal(str)

    def __init__(self, key: str, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.saved = ""  # what the workbook holds
        self._lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_self_text_changed)
        self._fit()

    def _fit(self) -> None:
        """As tall as the text (wrapped lines counted), from ``lines`` up to MAX_LINES."""
        shown = int(self.document().size().height())  # in lines, for a plain text edit
        lines = min(max(shown, self._lines), MAX_LINES)
        margins = self.contentsMargins()
        chrome = margins.top() + margins.bottom() + 2 * self.frameWidth()
        text = self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()
        self.setFixedHeight(int(text) + chrome + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self.saved

    def show_saved(self, text: str) -> None:
        """Show the workbook's text, unless the user typed something not saved yet here."""
        keep = self.dirty
        self.saved = text
        if not keep and self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            self._fit()

    def _on_self_text_changed(self) -> None:
        self._fit()
        self.typed.emit(self.key)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit(self.key)


class TiaraNotesPanel(QWidget):
    """The outcome notes and the five TIARA notes of one meeting."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id: int | None = None
        self._runs: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.boxes: dict[str, NoteBox] = {}
        self.hints: dict[str, QLabel] = {}
        for key in (OUTCOME, *LETTERS):
            title = QLabel("&What I learned" if key == OUTCOME else _mnemonic(key))
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            box = NoteBox(key, 4 if key == OUTCOME else 3)
            box.setAccessibleName("Outcome notes" if key == OUTCOME else letter_label(key))
            title.setBuddy(box)
            hint = QLabel()
            hint.setWordWrap(True)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            box.setPlaceholderText(OUTCOME_HINT if key == OUTCOME else LETTER_HINTS[key])
            if key != OUTCOME:
                layout.addSpacing(8)
            layout.addWidget(title)
            layout.addWidget(hint)
            layout.addWidget(box)
            box.typed.connect(self._on_box_typed)
            box.left.connect(self._on_box_left)
            self.boxes[key], self.hints[key] = box, hint
        self.hints[OUTCOME].hide()

    def text_boxes(self) -> list[NoteBox]:
        return list(self.boxes.values())

    def show_meeting(
        self,
        meeting_id: int | None,
        outcome: str = "",
        notes: dict[str, str] | None = None,
        questions: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Show a meeting's notes (None: clear); a box being typed in keeps its text."""
        if meeting_id != self.meeting_id:
            self.save_pending()
            for box in self.boxes.values():
                box.saved = box.toPlainText()  # not dirty: show_saved replaces it
        self.meeting_id = meeting_id
        notes, questions = notes or {}, questions or {}
        self.boxes[OUTCOME].show_saved(outcome)
        for letter in LETTERS:
            self.boxes[letter].show_saved(notes.get(letter, ""))
            self.hints[letter].setText(_hint(questions.get(letter, ())))
            self.hints[letter].setVisible(bool(questions.get(letter)))
        self.setEnabled(meeting_id is not None)

    def save_pending(self) -> None:
        """Save every box whose text differs from the workbook's (one command each)."""
        self._timer.stop()
        if self.meeting_id is None:
            return
        for key, box in self.boxes.items():
            if box.dirty:
                command = TextCommand(
                    self, self.meeting_id, key, box.saved, box.toPlainText(),
                    f"edit {_WHAT[key]}", self._runs.setdefault(key, 0),
                )  # fmt: skip
                self.context.undo_stack.push(command)

    # ------------------------------------------------------------ NoteEditor

    def store_text(self, meeting_id: int, key: str, text: str) -> bool:
        """Write one note (an undo or redo may come after the tab is gone: then only the
        workbook changes); False when it was refused."""
        from workbook.core.meeting_notes import set_tiara_note
        from workbook.core.meetings import update_meeting

        try:
            if key == OUTCOME:
                update_meeting(self.context.sessions, meeting_id, outcome_notes=text)
            else:
                set_tiara_note(self.context.sessions, meeting_id, key, text)
        except WorkbookError as error:
            self.context.status.showMessage(f"Not saved: {error}.", 8000)
            return False
        if shiboken6.isValid(self) and meeting_id == self.meeting_id:
            box = self.boxes[key]
            if box.toPlainText() != text:  # an undo or redo: show it; typing starts a new run
                box.saved = box.toPlainText()
                box.show_saved(text)
                self._runs[key] = self._runs.get(key, 0) + 1
            box.saved = text
        self.context.events.notify("meetings")
        return True

    # ------------------------------------------------------------ slots

    def _on_box_typed(self, _key: str) -> None:
        self._timer.start()

    def _on_box_left(self, key: str) -> None:
        self.save_pending()
        self._runs[key] = self._runs.get(key, 0) + 1

    def _on_timer_timeout(self) -> None:
        self.save_pending()


def _mnemonic(letter: str) -> str:
    """ "&T — Trends": Alt plus the letter jumps to its box (the second A uses its s)."""
    label = letter_label(letter)
    if letter == "A2":
        return label.replace("Assignments", "A&ssignments")
    return "&" + label


def _hint(questions: tuple[str, ...]) -> str:
    """The questions picked for a letter, one per line."""
    return "\n".join(f"• {question}" for question in questions)
