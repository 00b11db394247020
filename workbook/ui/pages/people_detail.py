"""The selected person in full: every field editable, saved as you type, plus what to ask.

Typing is saved 300 ms after the last key, when focus leaves the box, before an undo and when
another person is shown; each save goes out as ``edit_requested`` and becomes one undoable
command per typing run in one box. Drop-downs (circle, strength, introduced by) save at once.
"What to ask" follows the relationship strength (the $10 / $100 / $1000 scale).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import CIRCLES, STRENGTH_HINTS, STRENGTH_LABELS
from workbook.ui.models.people_columns import short_date
from workbook.ui.pages.people_widgets import PeopleChoices, WrappingLabel

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

SAVE_DELAY_MS = 300
LINES = (("name", "Name"), ("circle_detail", "Where exactly"), ("organisation", "Organisation"),
         ("title", "Title"), ("location", "Location"), ("email", "Email"), ("phone", "Phone"),
         ("profile_url", "Profile"))  # fmt: skip
TEXTS = (("how_we_know", "How we know each other"), ("notes", "Notes"))
FIELD_WORDS = {"name": "name", "circle": "circle", "circle_detail": "where exactly",
               "strength": "strength", "organisation": "organisation", "title": "title",
               "location": "location", "email": "email", "phone": "phone",
               "profile_url": "profile", "how_we_know": "how you know each other",
               "notes": "notes", "introduced_by_id": "who introduced you"}  # fmt: skip


class PersonDetail(QWidget):
    """The detail panel; emits ``edit_requested(person_id, field, value, run)``."""

    edit_requested = Signal(int, str, object, object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from workbook.core.people import appropriate_ask

        self._appropriate_ask = appropriate_ask
        self.person: PersonRow | None = None
        self._pending: dict[str, str] = {}
        self._runs: dict[str, int] = {}
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        self.lines: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        for field, label in LINES:
            box = QLineEdit()
            box.setAccessibleName(label)
            box.textEdited.connect(lambda text, field=field: self._on_box_edited(field, text))
            self.lines[field] = box
        for field, label in TEXTS:
            text = QPlainTextEdit()
            text.setAccessibleName(label)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            text.textChanged.connect(lambda field=field: self._on_text_changed(field))
            self.texts[field] = text
        name_font = QFont(self.lines["name"].font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.25)
        name_font.setBold(True)
        self.lines["name"].setFont(name_font)
        self.lines["circle_detail"].setPlaceholderText("Which job, school, club…")
        self.lines["profile_url"].setPlaceholderText("https://")

        self.circle = QComboBox()
        for prompt in CIRCLES:
            self.circle.addItem(prompt.label, prompt.circle.value)
        self.strength = QComboBox()
        for position, (value, label) in enumerate(STRENGTH_LABELS.items()):
            self.strength.addItem(label, value)
            self.strength.setItemData(position, STRENGTH_HINTS[value], Qt.ItemDataRole.ToolTipRole)
        self.strength.setToolTip("Would you borrow $10, $100 or $1000 from them?")
        self.ask = WrappingLabel()
        self.ask.setAccessibleName("What to ask")
        self.ask_frame = QFrame()
        self.ask_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.ask_frame.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.ask_frame.setAutoFillBackground(True)
        ask_caption = QLabel("What to ask")
        ask_caption.setForegroundRole(QPalette.ColorRole.Accent)
        bold = QFont(ask_caption.font())
        bold.setBold(True)
        ask_caption.setFont(bold)
        ask_layout = QVBoxLayout(self.ask_frame)
        ask_layout.setContentsMargins(10, 8, 10, 8)
        ask_layout.addWidget(ask_caption)
        ask_layout.addWidget(self.ask)

        self.choices = PeopleChoices(self)
        self.introducer = QComboBox()
        self.introducer.setEditable(True)
        self.introducer.setModel(self.choices)
        self.introducer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.introducer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.introducer.setMinimumContentsLength(16)
        self.introducer.setAccessibleName("Introduced by")
        introducer_box = self.introducer.lineEdit()
        assert introducer_box is not None
        self.introducer_box = introducer_box
        introducer_box.setPlaceholderText("Nobody: type a name to pick someone")
        completer = QCompleter(self.choices, self.introducer)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.introducer.setCompleter(completer)
        self.introducer_box.editingFinished.connect(self._on_introducer_editing_finished)
        self.introducer.activated.connect(self._on_introducer_activated)
        self.info = WrappingLabel()
        self.info.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top, rest = _form(), _form()
        top.addRow(self.lines["name"])
        _add_row(top, "&Circle", self.circle)
        _add_row(top, "&Where exactly", self.lines["circle_detail"])
        _add_row(top, "&Strength", self.strength)
        for field, label in LINES[2:]:
            _add_row(rest, label, self.lines[field])
        _add_row(rest, "&How we know\neach other", self.texts["how_we_know"])
        _add_row(rest, "&Introduced by", self.introducer)
        _add_row(rest, "&Notes", self.texts["notes"])
        form = QVBoxLayout()
        form.setContentsMargins(0, 0, 8, 0)
        form.addLayout(top)
        form.addWidget(self.ask_frame)
        form.addLayout(rest)
        form.addWidget(self.info)
        form.addStretch(1)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nobody = QLabel("Select someone in the list to see and edit their details.")
        self.nobody.setWordWrap(True)
        self.nobody.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nobody.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.nobody)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.circle.activated.connect(lambda _p: self._on_choice(self.circle, "circle"))
        self.strength.activated.connect(lambda _p: self._on_choice(self.strength, "strength"))
        for watched in (*self.lines.values(), *self.texts.values(), self.introducer_box):
            watched.installEventFilter(self)
        self.show_person(None)

    # ------------------------------------------------------------ showing

    def set_people(self, rows: Sequence[PersonRow]) -> None:
        self.choices.set_people(rows)
        self._show_introducer()

    def show_person(self, row: PersonRow | None) -> None:
        """Show another person (what was typed for the previous one is saved first)."""
        if row is not None and self.person is not None and row.id == self.person.id:
            self.update_person(row)  # the same person (a refresh): keep what is being typed
            return
        if self.person is not None:
            self.flush()
            self._runs = {field: run + 1 for field, run in self._runs.items()}
        self.person = row
        self.stack.setCurrentIndex(0 if row is None else 1)
        if row is not None:
            self._show(row, force=True)

    def update_person(self, row: PersonRow) -> None:
        """The workbook changed this person (a save, an undo): show it, keeping what is typed."""
        if self.person is not None and row.id == self.person.id:
            self.person = row
            self._show(row, force=False)

    def flush(self) -> None:
        """Save what is typed but not yet saved."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        if self.person is None:
            return
        for field, value in pending.items():
            if field == "name" and not value.strip():
                continue  # a person keeps a name; the box gets it back when left
            if value != getattr(self.person, field):
                run = self._runs.setdefault(field, 0)
                self.edit_requested.emit(self.person.id, field, value, run)

    # ------------------------------------------------------------ slots

    def _on_box_edited(self, field: str, text: str) -> None:
        self._pending[field] = text
        self._timer.start()

    def _on_text_changed(self, field: str) -> None:
        if not self._loading:
            self._on_box_edited(field, self.texts[field].toPlainText())

    def _on_choice(self, combo: QComboBox, field: str) -> None:
        self.flush()
        if self.person is not None and combo.currentData() != getattr(self.person, field):
            self.edit_requested.emit(self.person.id, field, combo.currentData(), None)

    def _on_introducer_activated(self, position: int) -> None:
        if 0 <= position < len(self.choices.entries):
            self._set_introducer(self.choices.entries[position][0])

    def _on_introducer_editing_finished(self) -> None:
        text = self.introducer.currentText()
        if not text.strip():
            self._set_introducer(None)
            return
        shown = self.person.introduced_by if self.person is not None else ""
        if text == shown:
            return
        person_id = self.choices.find(text)
        if person_id is None:
            self.message.emit("Pick the person who introduced you from the list of names.")
            self._show_introducer()
            return
        self._set_introducer(person_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.introducer_box and event.type() == QEvent.Type.FocusIn:
            self.choices.ensure_built()
        if event.type() == QEvent.Type.FocusOut:
            field = self._field_of(watched)
            if field is not None:
                self.flush()
                self._runs[field] = self._runs.get(field, 0) + 1
                name = self.lines["name"]
                if field == "name" and self.person is not None and not name.text().strip():
                    name.setText(self.person.name)
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ helpers

    def _set_introducer(self, person_id: int | None) -> None:
        if self.person is None:
            return
        if person_id == self.person.id:
            self.message.emit("Someone cannot introduce themselves: pick another person.")
            self._show_introducer()
            return
        if person_id != self.person.introduced_by_id:
            self.edit_requested.emit(self.person.id, "introduced_by_id", person_id, None)

    def _field_of(self, widget: QObject) -> str | None:
        for field, box in [*self.lines.items(), *self.texts.items()]:
            if box is widget:
                return field
        return None

    def _show(self, row: PersonRow, force: bool) -> None:
        self._loading = True
        try:
            for field, box in self.lines.items():
                value = getattr(row, field)
                if (force or field not in self._pending) and box.text() != value:
                    box.setText(value)
                    if force:
                        box.setCursorPosition(0)
            for field, text in self.texts.items():
                value = getattr(row, field)
                if (force or field not in self._pending) and text.toPlainText() != value:
                    text.setPlainText(value)
            if force:
                self._pending.clear()
                self._timer.stop()
            self.circle.setCurrentIndex(max(0, self.circle.findData(row.circle)))
            self.strength.setCurrentIndex(max(0, self.strength.findData(row.strength)))
            self.ask.setText(self._appropriate_ask(row.strength))
            self._show_introducer()
            self.info.setText(_info(row))
        finally:
            self._loading = False

    def _show_introducer(self) -> None:
        self.introducer.setEditText("" if self.person is None else self.person.introduced_by)


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _add_row(form: QFormLayout, text: str, field: QWidget) -> None:
    """A labelled row; labels share one width so the two forms line up."""
    label = QLabel(text)
    label.setBuddy(field)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("Introduced by") + 12)
    form.addRow(label, field)


def _info(row: PersonRow) -> str:
    parts = [f"Advice: {', '.join(row.advice)}" if row.advice else "No advice tags yet"]
    if row.last_contact is not None:
        parts.append(f"last contact {short_date(row.last_contact)}")
    if row.status:
        parts.append(f"meeting: {row.status}")
    added = f"added {short_date(row.created_at)}"
    if row.source:
        added += f" from {row.source}"
    parts.append(added)
    return " · ".join(parts)
