"""The user's own details for the cards: saved as they are typed, undoable like any edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QUndoCommand
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from workbook.core.errors import WorkbookError
from workbook.core.my_details import LIMITS, MyDetails, get_my_details, set_my_details
from workbook.ui.page_context import PageContext

SAVE_DELAY_MS = 600
_MERGE_ID = 7400  # consecutive edits of one field are one undo step

# (field, label with its mnemonic, placeholder)
_FIELDS = (
    ("name", "&Name:", "As you like to be introduced"),
    ("headline", "&Headline:", "A few words: Product analyst · healthcare data"),
    ("email", "&Email:", "you@example.org"),
    ("phone", "Ph&one:", "+1 555 010 0100"),
    ("website", "&Website:", "linkedin.com/in/you"),
    ("location", "&Location:", "City, country"),
)


class MyDetailsCommand(QUndoCommand):
    """The details changed; the first redo does nothing (the form already saved them)."""

    def __init__(self, context: PageContext, before: MyDetails, after: MyDetails, field: str):
        super().__init__("Change your details")
        self.context, self.before, self.after, self.field = context, before, after, field
        self._first = True

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MyDetailsCommand) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        set_my_details(self.context.sessions, self.after)
        self.context.events.notify("settings")

    def undo(self) -> None:
        set_my_details(self.context.sessions, self.before)
        self.context.events.notify("settings")


class MyDetailsForm(QWidget):
    """Name, headline and contacts for the front of the cards.

    Edits are saved a moment after typing stops (and when a field loses focus); a detail the
    cards could not print (an email without @) is named under the form and not saved.
    ``saved`` follows each save.
    """

    saved = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, label_text, placeholder in _FIELDS:
            edit = QLineEdit(placeholderText=placeholder)
            edit.setMaxLength(LIMITS[key])
            edit.setAccessibleName(label_text.replace("&", "").rstrip(":"))
            edit.textEdited.connect(self._on_edit_text_edited)
            edit.editingFinished.connect(self.save_pending)
            label = QLabel(label_text)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[key] = edit
        self.problem = QLabel(wordWrap=True)
        self.problem.setForegroundRole(QPalette.ColorRole.Link)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_pending)
        self.reload()

    def details(self) -> MyDetails:
        """What the form shows (saved or not)."""
        return MyDetails(**{key: edit.text() for key, edit in self.edits.items()})

    def reload(self) -> None:
        """Show the saved details (after an undo), leaving fields that already agree alone so
        the cursor stays where it is. Typing not saved yet wins: it is saved in a moment."""
        if self.has_pending:
            return
        saved = get_my_details(self.context.sessions)
        for key, edit in self.edits.items():
            value = getattr(saved, key)
            if edit.text() != value:
                edit.setText(value)
        self._show_problem("")

    @property
    def has_pending(self) -> bool:
        return self._timer.isActive()

    def save_pending(self) -> None:
        """Save what is typed now, if it differs from the workbook's details."""
        self._timer.stop()
        after = self.details()
        before = get_my_details(self.context.sessions)
        if after == before:
            self._show_problem("")
            return
        try:
            set_my_details(self.context.sessions, after)
        except WorkbookError as exc:
            self._show_problem(f"Not saved yet: {exc}.")
            return
        self._show_problem("")
        changed = next(k for k in self.edits if getattr(before, k) != getattr(after, k))
        self.context.undo_stack.push(MyDetailsCommand(self.context, before, after, changed))
        self.context.events.notify("settings")
        self.saved.emit()

    def _on_edit_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
