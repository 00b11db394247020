"""The one-sentence ask, shown large: composed live, or written by the user.

States: composed (the sentence from the answers), missing (which question to answer first),
written by hand (the user's text, kept), and written by hand while the answers have since
changed (a banner offers the new sentence; nothing is replaced without a click).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbook.core.ask import AskResult

COMPOSED_CAPTION = "Composed from your answers. Say it aloud: does it sound like you?"
OWN_CAPTION = "Written by you. It stays as you wrote it."
MISSING_CAPTION = "Answer this first, and your sentence appears here:"


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class AskPanel(QFrame):
    """Shows the ask; signals the user's edits and choices (the page stores them)."""

    ask_typed = Signal(str)
    editing_finished = Signal()
    reset_requested = Signal()
    keep_requested = Signal()
    question_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The window's colour, not the text boxes': boxes keep their contrast in dark mode too.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._missing_field: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)

        self.title = QLabel("Your ask")
        self.title.setFont(_scaled_font(self.title, 1.25, bold=True))
        self.caption = QLabel(COMPOSED_CAPTION)
        self.caption.setWordWrap(True)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)

        self.sentence = QLabel()
        self.sentence.setObjectName("askSentence")
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setWordWrap(True)
        self.sentence.setFont(_scaled_font(self.sentence, 1.45))
        self.sentence.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.sentence.setAccessibleName("Your ask")
        layout.addWidget(self.sentence)

        self.question_button = QPushButton()
        self.question_button.setFont(_scaled_font(self.question_button, 1.2))
        self.question_button.setToolTip("Go to this question")
        layout.addWidget(self.question_button)

        self.editor = QPlainTextEdit()
        self.editor.setFont(_scaled_font(self.editor, 1.2))
        self.editor.setAccessibleName("Your ask, in your own words")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 6)
        self.editor.installEventFilter(self)
        layout.addWidget(self.editor)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Edit the ask")
        self.edit_button.setToolTip("Write the sentence in your own words")
        self.done_button = QPushButton("Done")
        self.reset_button = QPushButton("Use the composed sentence")
        for button in (self.edit_button, self.done_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.banner.setAutoFillBackground(True)
        banner_layout = QVBoxLayout(self.banner)
        self.banner_title = QLabel("Your answers changed — use the new sentence?")
        self.banner_title.setWordWrap(True)
        self.banner_title.setFont(_scaled_font(self.banner_title, 1.0, bold=True))
        self.banner_sentence = QLabel()
        self.banner_sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_sentence.setWordWrap(True)
        self.banner_sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        banner_buttons = QHBoxLayout()
        self.use_new_button = QPushButton("Use the new sentence")
        self.keep_button = QPushButton("Keep mine")
        banner_buttons.addWidget(self.use_new_button)
        banner_buttons.addWidget(self.keep_button)
        banner_buttons.addStretch(1)
        banner_layout.addWidget(self.banner_title)
        banner_layout.addWidget(self.banner_sentence)
        banner_layout.addLayout(banner_buttons)
        layout.addWidget(self.banner)

        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.reset_button.clicked.connect(self.reset_requested)
        self.use_new_button.clicked.connect(self.reset_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.question_button.clicked.connect(self._on_question_button_clicked)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._filling = False
        self._editing = False
        self._outdated = False
        self._own_text: str | None = None
        self._sync_visibility()

    # ------------------------------------------------------------ public

    @property
    def editing(self) -> bool:
        return self._editing

    def show_ask(self, composed: AskResult, own_text: str | None, outdated: bool) -> None:
        """``own_text`` is the user's sentence (None: use the composed one)."""
        self._own_text = own_text
        self._missing_field = composed.missing_field if own_text is None else None
        if own_text is not None:
            self.sentence.setText(own_text)
            self.caption.setText(OWN_CAPTION)
        elif composed.sentence is not None:
            self.sentence.setText(composed.sentence)
            self.caption.setText(COMPOSED_CAPTION)
        else:
            self.sentence.setText("")
            self.caption.setText(MISSING_CAPTION)
            self.question_button.setText(composed.missing or "")
            self.question_button.setAccessibleName(f"Answer first: {composed.missing}")
        self.banner_sentence.setText(composed.sentence or "")
        self._outdated = outdated and composed.sentence is not None
        self._sync_visibility()

    def start_editing(self) -> None:
        self._editing = True
        self.set_editor_text(self._own_text if self._own_text is not None else self.sentence.text())
        self._sync_visibility()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def stop_editing(self) -> None:
        if self._editing:
            self.editing_finished.emit()
            self._editing = False
            self._sync_visibility()
            self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_editor_text(self, text: str) -> None:
        self._filling = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._filling = False

    # ------------------------------------------------------------ slots and events

    def _on_edit_button_clicked(self) -> None:
        self.start_editing()

    def _on_done_button_clicked(self) -> None:
        self.stop_editing()

    def _on_question_button_clicked(self) -> None:
        if self._missing_field is not None:
            self.question_requested.emit(self._missing_field)

    def _on_editor_text_changed(self) -> None:
        if not self._filling:
            self.ask_typed.emit(self.editor.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor:
            if event.type() == QEvent.Type.FocusOut:
                self.editing_finished.emit()  # saves; the box stays open
            elif event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                done = event.key() == Qt.Key.Key_Escape or (
                    event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                )
                if done:
                    self.stop_editing()
                    return True
        return super().eventFilter(watched, event)

    def _sync_visibility(self) -> None:
        own = self._own_text is not None
        missing = self._missing_field is not None
        self.sentence.setVisible(not self._editing and not missing)
        self.question_button.setVisible(not self._editing and missing)
        self.editor.setVisible(self._editing)
        self.edit_button.setVisible(not self._editing)
        self.edit_button.setText("Write it yourself" if missing else "Edit the ask")
        self.done_button.setVisible(self._editing)
        self.reset_button.setVisible(own and not self._outdated and not self._editing)
        self.banner.setVisible(self._outdated)
