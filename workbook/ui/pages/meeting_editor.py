"""One meeting, from the request to the report-back: a header with the one-click next step,
and tabs for the request, the schedule, the agenda and questions, and what came after.

The tabs are panels with one small contract (``show_meeting``, ``save_pending``); this
shell only moves the meeting along its pipeline and keeps the header true.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.core import followups as fu
from workbook.core.circles import strength_label
from workbook.core.errors import WorkbookError
from workbook.core.meetings import CHANNEL_LABELS, MeetingView, get_meeting
from workbook.core.pipeline import Move, move_meeting, moves_for
from workbook.core.today import KIND_LABELS
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages.meeting_schedule import SchedulePanel
from workbook.ui.pages.meeting_undo import ChangeLogCommand
from workbook.ui.widgets.after_meeting_panel import AfterMeetingPanel
from workbook.ui.widgets.question_picker import QuestionPicker
from workbook.ui.widgets.request_panel import RequestPanel

# Which tab fits each status best: the editor opens there.
_TAB_FOR_STATUS = {
    "idea": 0,
    "requested": 0,
    "no_answer": 0,
    "declined": 0,
    "scheduled": 2,
    "postponed": 1,
    "met": 3,
    "thanked": 3,
    "reported_back": 3,
}
_REFRESH_ON = frozenset({"meetings", "people", "followups", "give_back"})


class MeetingEditor(QWidget):
    """The selected meeting; ``moved`` carries (meeting id, message) after a pipeline move."""

    moved = Signal(int, str)
    print_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: MeetingView | None = None

        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.about = QLabel(wordWrap=True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.next_up = QLabel(wordWrap=True)
        self.next_up.setTextFormat(Qt.TextFormat.PlainText)
        self.next_up.setAccessibleName("What happens next")
        self.move_buttons = QHBoxLayout()
        self.move_buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons: list[QPushButton] = []

        self.request = RequestPanel(context)
        self.schedule = SchedulePanel(context)
        self.questions = QuestionPicker(context)
        self.after = AfterMeetingPanel(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.request, "&Request")
        self.tabs.addTab(self.schedule, "&Schedule")
        self.tabs.addTab(self.questions, "A&genda && questions")
        self.tabs.addTab(self.after, "A&fter the meeting")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        self.empty = QLabel(
            "Pick a meeting on the left, or plan a new one with someone from the top of "
            "your who-to-meet-first list.",
            wordWrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        header = QVBoxLayout()
        header.addWidget(self.name)
        header.addWidget(self.about)
        self.print_button = QPushButton("Prep sheet…")
        self.print_button.setToolTip("Print this meeting's one-page prep sheet")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        row = QHBoxLayout()
        row.addLayout(self.move_buttons)
        row.addStretch(1)
        row.addWidget(self.print_button)
        header.addLayout(row)
        header.addWidget(self.next_up)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(header)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.body, 1)

        self.next_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.next_shortcut.activated.connect(self._on_next_shortcut_activated)
        context.events.changed.connect(self._on_events_changed)
        self.show_meeting(None)

    # -- showing ---------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int | None, *, open_tab: bool = True) -> None:
        self.save_pending()
        same = self.meeting is not None and self.meeting.id == meeting_id
        try:
            self.meeting = None if meeting_id is None else get_meeting(
                self.context.sessions, meeting_id
            )  # fmt: skip
        except WorkbookError:
            self.meeting = None
        self.empty.setVisible(self.meeting is None)
        self.body.setVisible(self.meeting is not None)
        shown = self.meeting.id if self.meeting else None
        for panel in (self.request, self.schedule, self.questions, self.after):
            panel.show_meeting(shown)
        self._show_header()
        if self.meeting is not None and open_tab and not same:
            self.tabs.setCurrentIndex(_TAB_FOR_STATUS.get(self.meeting.status, 0))

    def save_pending(self) -> None:
        for panel in (self.request, self.schedule, self.questions, self.after):
            panel.save_pending()

    def _show_header(self) -> None:
        for button in self._buttons:
            self.move_buttons.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        meeting = self.meeting
        if meeting is None:
            return
        self.name.setText(meeting.person_name)
        job = " at ".join(x for x in (meeting.person_title, meeting.person_organisation) if x)
        parts = [
            meeting.status_label,
            job,
            strength_label(meeting.person_strength),
            f"introduced by {meeting.introduced_by_name}" if meeting.introduced_by_name else "",
        ]
        self.about.setText(" · ".join(p for p in parts if p))
        for index, move in enumerate(moves_for(meeting.status)):
            button = QPushButton(move.label)
            button.setToolTip(move.hint + (" (Ctrl+Enter)" if index == 0 else ""))
            button.setDefault(index == 0)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, m=move: self.run_move(m))
            self.move_buttons.addWidget(button)
            self._buttons.append(button)
        if meeting.person_deleted:
            for button in self._buttons:
                button.setEnabled(False)
        self.next_up.setText(self._next_text(meeting))

    def _next_text(self, meeting: MeetingView) -> str:
        if meeting.person_deleted:
            return "This person is no longer on your list; the meeting's history is kept."
        with self.context.sessions() as session:
            items = fu.open_followups(session, meeting_id=meeting.id)
            nudges = fu.nudges_sent(session, meeting.id)
            planned = [(i.kind, i.channel, i.due_at) for i in items]
        if not planned:
            return ""
        kind, channel, due = planned[0]
        label = KIND_LABELS.get(kind, kind)
        day = fu.local_day(due) if due else None
        when = f"{day:%a %d %b}" if day else "soon"
        sent = f" You have followed up {nudges} time{'s' * (nudges != 1)}." if nudges else ""
        how = CHANNEL_LABELS.get(channel, channel).lower()
        return f"Next: {label.lower()} by {how}, {when}.{sent}"

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if self.meeting is not None and what & _REFRESH_ON:
            try:
                self.meeting = get_meeting(self.context.sessions, self.meeting.id)
            except WorkbookError:
                self.show_meeting(None)
                return
            self._show_header()

    def _on_print_button_clicked(self) -> None:
        if self.meeting is not None:
            self.save_pending()
            self.print_requested.emit(self.meeting.id)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.save_pending()

    # -- moving on -------------------------------------------------------------------------

    def _on_next_shortcut_activated(self) -> None:
        if self.meeting is not None and self._buttons and self._buttons[0].isEnabled():
            self.run_move(moves_for(self.meeting.status)[0])

    def run_move(self, move: Move) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        self.save_pending()
        try:
            result = move_meeting(
                self.context.sessions, meeting.id, move.key, now=datetime.now(UTC)
            )
        except WorkbookError as exc:
            if move.key == "reschedule":
                self.tabs.setCurrentWidget(self.schedule)
                self.context.status.showMessage(f"To reschedule: {exc}.", 6000)
                return
            prompts.error(self, "Cannot move the meeting on", str(exc))
            return
        text = f"{move.label}: {meeting.person_name}"
        self.context.undo_stack.push(
            ChangeLogCommand(self.context, result.log, text, ("meetings", "followups"))
        )
        self.context.events.notify("meetings", "followups")
        self.context.status.showMessage(result.message, 8000)
        if move.key in ("accept", "postpone"):
            self.tabs.setCurrentWidget(self.schedule)
        elif move.key == "met":
            self.tabs.setCurrentWidget(self.after)
        self.moved.emit(meeting.id, result.message)
