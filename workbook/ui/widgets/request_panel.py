"""The "Request" tab of the meeting editor: write the request, check it, send it.

The message starts as a draft composed from the person and the ask (``core.outreach``) and
is the user's once they type. A live checker (150 ms after the last key) lists what to fix
under the text and highlights where; the word count says how long it is. The message is saved
600 ms after the last key, when the box loses focus and on ``save_pending``: one undoable
command per typing burst. The subject line is suggested by the draft and can be changed for
this session; it is not stored. Copy (Ctrl+Shift+C) puts the message alone on the clipboard;
Open in mail app (Ctrl+Shift+M) hands a ``mailto:`` link to ``open_url`` (tests replace it).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import STRENGTH_HINTS
from workbook.core.errors import WorkbookError
from workbook.core.meetings import MeetingView, get_meeting
from workbook.core.outreach import (
    RequestDraft,
    RequestFlag,
    check_request,
    count_words,
    draft_request,
    length_note,
    mailto_url,
)
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.request_undo import RequestTextCommand
from workbook.ui.widgets.undo_keys import UndoKeys

CHECK_DELAY_MS = 150
SAVE_DELAY_MS = 600
COPY_KEYS = "Ctrl+Shift+C"
MAIL_KEYS = "Ctrl+Shift+M"
ALL_GOOD = "Looks good: short, about them, no job talk, and it ends with a question."
_BURSTS = itertools.count(1)


class RequestPanel(QWidget):
    """Write, check, copy and mail the request for one meeting."""

    copied = Signal(int)  # meeting id: the message went to the clipboard
    mail_opened = Signal(int)  # meeting id: the mail app was asked to open it

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.my_name = ""  # signs the draft when set
        self.meeting: MeetingView | None = None
        self._drafted = False  # the box holds a draft nobody has saved yet
        self._pending = False
        self._filling = False
        self._notifying = False
        self._burst = next(_BURSTS)
        self._subjects: dict[int, str] = {}  # changed by the user, for this session
        self._flags: tuple[RequestFlag, ...] = ()
        self._build()
        self._save_timer = self._timer(SAVE_DELAY_MS, self.save_pending)
        self._check_timer = self._timer(CHECK_DELAY_MS, self._run_check)
        UndoKeys(self._undo, self._redo, self).watch(self.editor)
        self.editor.installEventFilter(self)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.subject.textEdited.connect(self._on_subject_text_edited)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.mail_button.clicked.connect(self._on_mail_button_clicked)
        self.fresh_button.clicked.connect(self._on_fresh_button_clicked)
        self.flag_list.linkActivated.connect(self._on_flag_list_link_activated)
        for keys, slot in ((COPY_KEYS, self._on_copy_button_clicked),
                           (MAIL_KEYS, self._on_mail_button_clicked)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.events.changed.connect(self._on_events_changed)
        self.show_meeting(None)

    def _build(self) -> None:
        self.to_label = QLabel()
        self.to_label.setTextFormat(Qt.TextFormat.PlainText)
        self.to_label.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        self.subject.setToolTip("Suggested from the draft; change it for this message.")
        subject_label = QLabel("Su&bject")
        subject_label.setBuddy(self.subject)
        subject_row = QHBoxLayout()
        subject_row.addWidget(subject_label)
        subject_row.addWidget(self.subject, 1)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Request message")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 9)
        self.count_label = QLabel()
        self.flag_list = QLabel()
        self.flag_list.setTextFormat(Qt.TextFormat.RichText)
        self.flag_list.setWordWrap(True)
        self.flag_list.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.flag_list.setAccessibleName("What to fix in the request")
        self.copy_button = QPushButton("&Copy message")
        self.copy_button.setToolTip(
            f"Copy the message, without the subject, to paste into an email or a chat ({COPY_KEYS})"
        )
        self.mail_button = QPushButton("Open in &mail app")
        self.fresh_button = QPushButton("Start &again from a fresh draft")
        self.fresh_button.setToolTip(
            "Replace the message with a new draft from their details and your ask. "
            "Undo brings yours back."
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        buttons.addStretch(1)
        buttons.addWidget(self.fresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        for widget in (self.to_label, self.hint):
            layout.addWidget(widget)
        layout.addLayout(subject_row)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.flag_list)
        layout.addLayout(buttons)

    def _timer(self, interval: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # ------------------------------------------------------------ the panel contract

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show the request of ``meeting_id`` (None: clear and disable)."""
        self.save_pending()
        self._burst = next(_BURSTS)
        meeting = None
        if meeting_id is not None:
            try:
                meeting = get_meeting(self.context.sessions, meeting_id)
            except WorkbookError:
                meeting = None
        self.meeting = meeting
        self.setEnabled(meeting is not None)
        if meeting is None:
            self.to_label.setText("Choose a meeting to write its request.")
            self.hint.clear()
            self.subject.clear()
            self._fill("")
            self._run_check()
            return
        self._show(meeting, keep_typing=False)

    def save_pending(self) -> None:
        """Save what is typed but not yet saved, as part of the current burst's command."""
        self._save_timer.stop()
        if not self._pending or self.meeting is None:
            self._pending = False
            return
        self._pending = False
        self._store(self.editor.toPlainText(), self._burst)

    # ------------------------------------------------------------ showing

    def _show(self, meeting: MeetingView, *, keep_typing: bool) -> None:
        self.meeting = meeting
        draft = self._draft(meeting)
        email = meeting.person_email.strip()
        name = meeting.person_name
        self.to_label.setText(
            f"To: {name} <{email}>" if email else f"To: {name} (no email address)"
        )
        self.hint.setText(STRENGTH_HINTS.get(meeting.person_strength, ""))
        mail_tip = "Open your mail app with the subject and message filled in"
        if not email:
            mail_tip += f"; there is no email address for {name}, so “To” stays empty"
        self.mail_button.setToolTip(f"{mail_tip} ({MAIL_KEYS})")
        self.subject.setText(self._subjects.get(meeting.id, draft.subject))
        if keep_typing and self._pending:
            return
        text = meeting.request_text if meeting.request_text.strip() else draft.body
        self._drafted = not meeting.request_text.strip()
        if text != self.editor.toPlainText():
            self._fill(text)
        self._run_check()

    def _draft(self, meeting: MeetingView) -> RequestDraft:
        from workbook.core.target import get_target

        return draft_request(meeting, get_target(self.context.sessions).ask, my_name=self.my_name)

    def _fill(self, text: str) -> None:
        self._filling = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._filling = False

    # ------------------------------------------------------------ saving and undo

    def _store(self, text: str, burst: int | None, label: str = "") -> None:
        meeting = self.meeting
        if meeting is None:
            return
        try:
            stored = get_meeting(self.context.sessions, meeting.id).request_text
        except WorkbookError:  # deleted elsewhere in the meantime: nothing to save into
            return
        if text == stored:
            return
        self._drafted = False
        label = label or f"edit the request to {meeting.person_name}"
        command = RequestTextCommand(self.context, meeting.id, text, label, burst)
        self._notifying = True
        try:
            self.context.undo_stack.push(command)
        finally:
            self._notifying = False

    def _end_burst(self) -> None:
        self.save_pending()
        self._burst = next(_BURSTS)

    def _undo(self) -> None:
        self._end_burst()
        self.context.undo_stack.undo()

    def _redo(self) -> None:
        self._end_burst()
        self.context.undo_stack.redo()

    # ------------------------------------------------------------ the checker

    def _run_check(self) -> None:
        self._check_timer.stop()
        text = self.editor.toPlainText()
        self._flags = check_request(text) if self.meeting is not None else ()
        self.count_label.setText(length_note(count_words(text)) if self.meeting else "")
        link = self.palette().color(QPalette.ColorRole.Link).name()
        first = {flag.message: n for n, flag in reversed(list(enumerate(self._flags)))}
        lines = [  # one line per message; its link selects the first place it applies to
            f"• {html.escape(message)} <a href='{number}' style='color:{link}'>Show</a>"
            for message, number in sorted(first.items(), key=lambda item: item[1])
        ]
        if any(flag.code == "empty" for flag in self._flags):
            lines = [html.escape(self._flags[0].message)]
        elif self.meeting is not None and not self._flags:
            lines = [html.escape(ALL_GOOD)]
        self.flag_list.setText("<br>".join(lines))
        self._highlight(text)

    def _highlight(self, text: str) -> None:
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        underline = QColor(colour)
        colour.setAlpha(60)
        selections = []
        for flag in self._flags:
            if flag.end <= flag.start:
                continue
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(underline)
            selection.format = fmt
            selection.cursor = self._cursor(text, flag.start, flag.end)
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _cursor(self, text: str, start: int, end: int) -> QTextCursor:
        """A cursor over [start, end) of ``text`` (Python indexes; Qt counts UTF-16 units)."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # ------------------------------------------------------------ slots

    def _on_editor_text_changed(self) -> None:
        self._check_timer.start()
        if not self._filling and self.meeting is not None:
            self._pending = True
            self._save_timer.start()

    def _on_subject_text_edited(self, text: str) -> None:
        if self.meeting is not None:
            self._subjects[self.meeting.id] = text

    def _on_flag_list_link_activated(self, link: str) -> None:
        if link.isdigit() and int(link) < len(self._flags):
            flag = self._flags[int(link)]
            self.editor.setTextCursor(self._cursor(self.editor.toPlainText(), flag.start, flag.end))
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_copy_button_clicked(self) -> None:
        if self.meeting is None:
            return
        self._keep_what_is_sent()
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.context.status.showMessage(
            "Copied the message. Paste it into an email, a chat or a note.", 5000
        )
        self.copied.emit(self.meeting.id)

    def _on_mail_button_clicked(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        self._keep_what_is_sent()
        url = mailto_url(meeting.person_email, self.subject.text(), self.editor.toPlainText())
        if self.open_url(QUrl.fromEncoded(url.encode("ascii"))):
            self.context.status.showMessage("Opened your mail app with the message.", 5000)
            self.mail_opened.emit(meeting.id)
        else:
            self.context.status.showMessage(
                "No mail app answered. Copy the message instead (Ctrl+Shift+C).", 8000
            )

    def _on_fresh_button_clicked(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        self._end_burst()
        body = self._draft(meeting).body
        if body == self.editor.toPlainText():
            self.context.status.showMessage("This is already a fresh draft.", 4000)
            return
        self._fill(body)
        self._run_check()
        if self._drafted:
            return  # nothing of the user's was replaced
        self._store(body, None, f"start the request to {meeting.person_name} again")
        self._drafted = False
        self.context.status.showMessage("A fresh draft. Undo brings your text back.", 5000)

    def _keep_what_is_sent(self) -> None:
        """Save the message as sent, a draft nobody typed in too, so the workbook keeps it."""
        self._end_burst()
        if self._drafted and self.meeting is not None:
            self._store(self.editor.toPlainText(), None, "keep the drafted request")

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if self._notifying or self.meeting is None:
            return
        if what & {"meetings", "people", "target"}:
            try:
                meeting = get_meeting(self.context.sessions, self.meeting.id)
            except WorkbookError:
                self.show_meeting(None)
                return
            self._show(meeting, keep_typing=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self._end_burst()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_check_timer"):
            self._run_check()  # the highlight and the links follow light and dark

    def hideEvent(self, event: QHideEvent) -> None:
        self._end_burst()
        super().hideEvent(event)


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2
