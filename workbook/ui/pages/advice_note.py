"""The side panel of the tagging matrix: the current person and kind, the tag and its note.

It shows who the current cell is about, what the kind means, a "Tagged" box and the note
("knows the hiring managers at Acme"), then every tag that person has, retired kinds greyed.
The note is saved when the user presses Enter or leaves the box (F2 in the matrix comes
here; Esc puts the saved note back and returns to the matrix). Writing a note on an untagged
cell tags it. The panel only emits what the user did; the page writes the workbook.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from workbook.ui.models.advice_matrix_model import describe

if TYPE_CHECKING:
    from workbook.core.advice import KindRow
    from workbook.core.people import PersonRow

NOTE_PLACEHOLDER = "e.g. knows the hiring managers at Acme"
HINT = (
    "Space or a click tags the current cell. F2 writes a note. Select several people "
    "(Shift+arrows, Ctrl+click) to tag them all at once."
)


class NotePanel(QFrame):
    """The current cell in words, its tag and note."""

    tag_toggled = Signal(int, int, bool)  # person id, kind id, tagged
    note_edited = Signal(int, int, str)  # person id, kind id, the note typed
    done = Signal()  # Esc or Enter: back to the matrix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person: PersonRow | None = None
        self.kind: KindRow | None = None
        self._note: str | None = None  # what the workbook holds for the cell
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.name.setAccessibleName("Person")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.kind_name = QLabel()
        bold = QFont(self.kind_name.font())
        bold.setBold(True)
        self.kind_name.setFont(bold)
        self.kind_name.setWordWrap(True)
        self.kind_text = QLabel()
        self.kind_text.setWordWrap(True)
        self.tagged_box = QCheckBox("T&agged: they could help with this")
        self.note_label = QLabel("N&ote")
        self.note_box = QLineEdit()
        self.note_box.setPlaceholderText(NOTE_PLACEHOLDER)
        self.note_box.setAccessibleName("Note on this tag")
        self.note_box.setClearButtonEnabled(True)
        self.note_label.setBuddy(self.note_box)
        self.all_title = QLabel()
        self.all_title.setFont(bold)
        self.all_tags = QLabel()
        self.all_tags.setWordWrap(True)
        self.all_tags.setTextFormat(Qt.TextFormat.RichText)
        self.all_tags.setAccessibleName("All their tags")
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.about)
        layout.addSpacing(10)
        layout.addWidget(self.kind_name)
        layout.addWidget(self.kind_text)
        layout.addWidget(self.tagged_box)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_box)
        layout.addSpacing(10)
        layout.addWidget(self.all_title)
        layout.addWidget(self.all_tags)
        layout.addStretch(1)
        layout.addWidget(self.hint)

        self.tagged_box.clicked.connect(self._on_tagged_box_clicked)
        self.note_box.editingFinished.connect(self._on_note_box_editing_finished)
        self.note_box.installEventFilter(self)
        self.show_cell(None, None, {}, {})

    def show_cell(
        self,
        person: PersonRow | None,
        kind: KindRow | None,
        tags: dict[int, str],
        kinds: dict[int, KindRow],
    ) -> None:
        """Show one person's cell (``kind`` None: the name column); ``tags`` are all their
        tags (kind id -> note), ``kinds`` every kind by id, retired ones too."""
        self.person, self.kind = person, kind
        self._note = None if kind is None else tags.get(kind.id)
        about = describe(person) if person else ""
        on_kind = person is not None and kind is not None
        _show(self.name, person.name if person else "Pick a cell")
        _show(self.about, about, visible=bool(about))
        _show(self.kind_name, kind.name if kind else "Move to a kind of advice")
        _show(self.kind_text, kind.description if kind else "", bool(kind and kind.description))
        for widget in (self.tagged_box, self.note_label, self.note_box):
            if widget.isEnabled() != on_kind:
                widget.setEnabled(on_kind)
        if self.tagged_box.isChecked() != (self._note is not None):
            self.tagged_box.setChecked(self._note is not None)
        if (not self.note_box.hasFocus() or not on_kind) and self.note_box.text() != (
            self._note or ""
        ):
            self.note_box.setText(self._note or "")
        title = f"Everything {person.name} could help with" if person else ""
        _show(self.all_title, title, visible=person is not None)
        _show(self.all_tags, _tag_list(tags, kinds) if person else "", visible=person is not None)

    def edit_note(self) -> None:
        if self.note_box.isEnabled():
            self.note_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.note_box.selectAll()

    def flush(self) -> None:
        """Save the note being typed, if it differs from the workbook's."""
        if self.person is None or self.kind is None:
            return
        text = self.note_box.text().strip()
        if text != (self._note or "") and (text or self._note is not None):
            self._note = text  # an Enter then a focus change save once
            self.note_edited.emit(self.person.id, self.kind.id, text)

    def _on_tagged_box_clicked(self, checked: bool) -> None:
        if self.person is not None and self.kind is not None:
            self.tag_toggled.emit(self.person.id, self.kind.id, checked)

    def _on_note_box_editing_finished(self) -> None:
        self.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.note_box.setText(self._note or "")
                self.done.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.flush()
                self.done.emit()
                return True
        return super().eventFilter(watched, event)


def _show(label: QLabel, text: str, visible: bool = True) -> None:
    """Set a label only when it changes (each change lays the panel out again)."""
    if label.text() != text:
        label.setText(text)
    if label.isHidden() == visible:
        label.setVisible(visible)


def _tag_list(tags: dict[int, str], kinds: dict[int, KindRow]) -> str:
    """Their tags in the user's order; notes in italics; retired kinds greyed, marked."""
    known = sorted((kinds[k] for k in tags if k in kinds), key=lambda k: (k.retired, k.position))
    if not known:
        return "<i>Nothing tagged yet.</i>"
    lines = []
    for kind in known:
        note = tags[kind.id]
        text = escape(kind.name) + (f" — <i>{escape(note)}</i>" if note else "")
        if kind.retired:
            text = f"<span style='color: gray'>{text} (retired)</span>"
        lines.append(f"• {text}")
    return "<br>".join(lines)
