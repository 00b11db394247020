"""The Target page's questions as numbered cards, each with a hint and its answer boxes.

The form only shows and reports: ``text_edited`` on every keystroke, ``list_changed`` and
``flag_changed`` on each chip or tick, ``text_left`` when focus leaves a text box (the end of
a typing run). ``show_value`` puts a value back (undo) without reporting it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from workbook.core.ask import (
    HINT,
    QUESTION,
    QUESTION_NUMBER,
    FieldValue,
    TargetAnswers,
)
from workbook.ui.widgets.chip_list import ChipList
from workbook.ui.widgets.question_card import QuestionCard

ORGANISATION_KINDS = (
    "start-up", "scale-up", "mid-size company", "large company", "non-profit",
    "public sector", "university", "consultancy",
)  # fmt: skip
ENVIRONMENTS = ("remote", "hybrid", "on-site")
# Which question each field belongs to (the role card also holds the level, and so on).
CARD_OF = {
    "role": "role",
    "level": "role",
    "skills": "skills",
    "industries": "industries",
    "organisation_types": "organisation_types",
    "organisation_size": "organisation_types",
    "environment": "environment",
    "culture": "environment",
    "places": "places",
    "open_to_remote": "places",
    "willing_to_relocate": "places",
    "value_statement": "value_statement",
}


class TargetForm(QWidget):
    """Cards 1–7 of the Target page; the page adds the organisations card after them."""

    text_edited = Signal(str, str)
    text_left = Signal(str)
    list_changed = Signal(str, list)
    flag_changed = Signal(str, bool)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(12)
        self.cards: dict[str, QuestionCard] = {}
        self.lines: dict[str, QLineEdit] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        self.chips: dict[str, ChipList] = {}
        self.flags: dict[str, QCheckBox] = {}
        self._filling = False

        role = self._card("role")
        self._line(role, "role", "Role or function", "e.g. product analyst, nurse manager")
        self._line(role, "level", "Level", "e.g. mid-level, first management role")
        self._chips(self._card("skills"), "skills", "Type a skill and press Enter")
        self._chips(self._card("industries"), "industries", "Type an industry and press Enter")
        kinds = self._card("organisation_types")
        self._chips(kinds, "organisation_types", "Type a kind and press Enter", ORGANISATION_KINDS)
        self._line(kinds, "organisation_size", "Size", "e.g. 50–500 people, any size")
        setting = self._card("environment")
        self._chips(
            setting, "environment", "Remote, hybrid, on-site… and press Enter", ENVIRONMENTS
        )
        self._text(setting, "culture", 3, "Culture", "How people work together; what they value")
        places = self._card("places")
        self._chips(places, "places", "Type a city or region and press Enter")
        self._flag(places, "open_to_remote", "I'm open to working remotely")
        self._flag(places, "willing_to_relocate", "I'm willing to move for the right role")
        value = self._card("value_statement")
        self._text(
            value,
            "value_statement",
            5,
            "",
            "e.g. I turn messy data into clear decisions. Last year I found why a third of new "
            "users left in their first week…",
        )

    # ------------------------------------------------------------ public

    def show_answers(self, answers: TargetAnswers) -> None:
        for field in CARD_OF:
            self.show_value(field, answers.value(field))

    def show_value(self, field: str, value: FieldValue) -> None:
        """Put a value in its box without reporting it as an edit."""
        self._filling = True
        try:
            if field in self.lines and self.lines[field].text() != value:
                self.lines[field].setText(str(value))
                self.lines[field].setCursorPosition(len(str(value)))
            elif field in self.texts and self.texts[field].toPlainText() != value:
                self.texts[field].setPlainText(str(value))
                self.texts[field].moveCursor(self.texts[field].textCursor().MoveOperation.End)
            elif field in self.chips and isinstance(value, tuple):
                self.chips[field].set_items(value)
            elif field in self.flags and isinstance(value, bool):
                self.flags[field].setChecked(value)
        finally:
            self._filling = False

    def editor(self, field: str) -> QWidget:
        """The box that answers ``field`` (for focus and tests)."""
        for boxes in (self.lines, self.texts, self.chips, self.flags):
            if field in boxes:
                return boxes[field]
        raise KeyError(field)

    def text_boxes(self) -> list[QWidget]:
        """Every box that takes typing (they route undo keys to the workbook)."""
        chip_boxes: list[QWidget] = [chips.line_edit for chips in self.chips.values()]
        return [*self.lines.values(), *self.texts.values(), *chip_boxes]

    # ------------------------------------------------------------ building

    def _card(self, field: str) -> QuestionCard:
        card = QuestionCard(QUESTION_NUMBER[field], QUESTION[field], HINT[field])
        self.cards[field] = card
        self.layout_.addWidget(card)
        return card

    def _line(self, card: QuestionCard, field: str, label: str, placeholder: str) -> None:
        box = QLineEdit()
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(label)
        box.setClearButtonEnabled(True)
        box.textEdited.connect(lambda text, f=field: self._on_box_text_edited(f, text))
        box.installEventFilter(self)
        self.lines[field] = box
        card.add_row(label, box)

    def _text(
        self, card: QuestionCard, field: str, lines: int, label: str, placeholder: str
    ) -> None:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(label or QUESTION[field])
        box.setTabChangesFocus(True)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
        box.textChanged.connect(lambda f=field, b=box: self._on_box_text_edited(f, b.toPlainText()))
        box.installEventFilter(self)
        self.texts[field] = box
        if label:
            card.add_row(label, box)
        else:
            card.add(box)

    def _chips(
        self, card: QuestionCard, field: str, placeholder: str, ideas: tuple[str, ...] = ()
    ) -> None:
        chips = ChipList(placeholder, QUESTION.get(field, field), ideas)
        chips.items_changed.connect(lambda items, f=field: self._on_chips_items_changed(f, items))
        chips.message.connect(self.message)
        self.chips[field] = chips
        card.add(chips)

    def _flag(self, card: QuestionCard, field: str, label: str) -> None:
        box = QCheckBox(label)
        box.toggled.connect(lambda checked, f=field: self._on_flag_toggled(f, checked))
        self.flags[field] = box
        card.add(box)

    # ------------------------------------------------------------ slots

    def _on_box_text_edited(self, field: str, text: str) -> None:
        if not self._filling:
            self.text_edited.emit(field, text)

    def _on_chips_items_changed(self, field: str, items: list[str]) -> None:
        if not self._filling:
            self.list_changed.emit(field, items)

    def _on_flag_toggled(self, field: str, checked: bool) -> None:
        if not self._filling:
            self.flag_changed.emit(field, checked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for field, box in [*self.lines.items(), *self.texts.items()]:
                if box is watched:
                    self.text_left.emit(field)
        return super().eventFilter(watched, event)
