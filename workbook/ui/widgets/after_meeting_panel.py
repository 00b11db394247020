"""The meeting editor's "After the meeting" tab: notes, names, organisations and give-back.

One scrolling column: what the user learned (the outcome and a note per TIARA letter, with
the questions they planned to ask as hints), the names the person suggested (becoming people
on the list, introduced by them), the organisations to look at (becoming targets), and the
give-back ledger with that person. Everything is saved as it is typed or added, and every
change is undoable; the tab reloads when the workbook changes elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workbook.core.errors import WorkbookError
from workbook.core.models import MeetingStatus
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.give_back_panel import GiveBackPanel
from workbook.ui.widgets.referrals_panel import ReferralsPanel
from workbook.ui.widgets.tiara_notes_panel import TiaraNotesPanel
from workbook.ui.widgets.undo_keys import UndoKeys, run_undo_key

# The names of changes this tab shows (AppEvents.notify).
SHOWN = frozenset({"meetings", "people", "organisations", "referrals", "give_back", "questions"})
HELD = frozenset({MeetingStatus.MET, MeetingStatus.THANKED, MeetingStatus.REPORTED_BACK})
NOT_YET = "The meeting has not happened yet: fill this in afterwards, while it is fresh."
NO_MEETING = "Pick a meeting to note what you learned, the names you got and what you offered."


class AfterMeetingPanel(QWidget):
    """Notes, referrals and give-back for one meeting (the tab "After the meeting")."""

    person_activated = Signal(int)  # a suggested name already on the list was opened

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id: int | None = None
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.notes = TiaraNotesPanel(context)
        self.referrals = ReferralsPanel(context)
        self.give_back = GiveBackPanel(context)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(6)
        column.addWidget(self.title)
        column.addWidget(self.status_line)
        column.addSpacing(6)
        column.addWidget(self.notes)
        for part in (self.referrals, self.give_back):
            column.addSpacing(10)
            column.addWidget(_rule())
            column.addSpacing(4)
            column.addWidget(part)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        self._undo_keys = UndoKeys(self.undo, self.redo, self)
        self._undo_keys.watch(
            *self.notes.text_boxes(), *self.referrals.text_boxes(), *self.give_back.text_boxes()
        )
        self.referrals.person_activated.connect(self.person_activated)
        context.events.changed.connect(self._on_events_changed)
        self.show_meeting(None)

    # ------------------------------------------------------------ the panel contract

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting (None: clear and disable); what is typed for another is saved."""
        if meeting_id != self.meeting_id:
            self.save_pending()
        self.meeting_id = meeting_id
        self.reload()

    def save_pending(self) -> None:
        """Save a note being typed (before the editor switches away or closes)."""
        self.notes.save_pending()

    # ------------------------------------------------------------ showing

    def reload(self) -> None:
        """Read the meeting again; typed but unsaved text stays where it is."""
        from workbook.core.give_back import list_give_back
        from workbook.core.meeting_notes import chosen_questions, tiara_notes
        from workbook.core.meetings import get_meeting
        from workbook.core.referrals import list_referrals

        sessions = self.context.sessions
        meeting = None
        if self.meeting_id is not None:
            try:
                meeting = get_meeting(sessions, self.meeting_id)
            except WorkbookError:
                self.meeting_id = None  # deleted elsewhere (an undone "new meeting")
        if meeting is None:
            self.title.setText("After the meeting")
            self.status_line.setText(NO_MEETING)
            self.notes.show_meeting(None)
            self.referrals.show_meeting(None, [])
            self.give_back.show_ledger(None, None, [])
            return
        self.title.setText(f"After meeting {meeting.person_name}")
        self.status_line.setText(self._status_text(meeting.status, meeting.person_deleted))
        self.notes.show_meeting(
            meeting.id,
            meeting.outcome_notes,
            tiara_notes(sessions, meeting.id),
            chosen_questions(sessions, meeting.id),
        )
        self.referrals.show_meeting(meeting, list_referrals(sessions, meeting.id))
        rows = list_give_back(sessions, person_id=meeting.person_id)
        self.give_back.show_ledger(meeting.person_id, meeting.id, rows)
        if meeting.person_deleted:
            self.give_back.setEnabled(False)

    @staticmethod
    def _status_text(status: str, person_deleted: bool) -> str:
        if person_deleted:
            return "They are no longer on your list; the notes stay as history."
        if status in HELD:
            return (
                "Note what you learned while it is fresh, add the names and organisations "
                "they suggested, and anything you can do for them."
            )
        return NOT_YET

    # ------------------------------------------------------------ undo keys

    def undo(self) -> None:
        self.save_pending()
        self.context.undo_stack.undo()

    def redo(self) -> None:
        self.save_pending()
        self.context.undo_stack.redo()

    # ------------------------------------------------------------ slots and events

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if what & SHOWN and self.meeting_id is not None:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_pending()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when no shortcut took the key (the panel shown on its own).
        if not run_undo_key(event, self.undo, self.redo):
            super().keyPressEvent(event)


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


__all__ = ["AfterMeetingPanel"]
