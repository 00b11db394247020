"""The undo command behind the Request tab: the request text of one meeting changed."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from workbook.core.meetings import MeetingChange, reapply, revert, update_meeting
from workbook.ui.page_context import PageContext

_MERGE_ID = 0x52_0001  # request text commands merge within one typing burst


class RequestTextCommand(QUndoCommand):
    """The request text of one meeting changed. The first redo saves it; a typing burst
    (same ``burst``) merges into one command, which drops out if it ends where it began."""

    def __init__(self, context: PageContext, meeting_id: int, text: str, label: str,
                 burst: int | None) -> None:  # fmt: skip
        super().__init__(label)
        self.context, self.meeting_id, self.burst = context, meeting_id, burst
        self.new_text = text
        self.change: MeetingChange | None = None

    def id(self) -> int:
        return -1 if self.burst is None else _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, RequestTextCommand)
            and self.burst is not None
            and other.burst == self.burst
            and other.meeting_id == self.meeting_id
            and self.change is not None
            and other.change is not None
        ):
            return False
        if not other.change.changed:
            return True
        self.change = MeetingChange(self.meeting_id, self.change.before, other.change.after)
        self.setObsolete(not self.change.changed)
        return True

    def redo(self) -> None:
        sessions = self.context.sessions
        if self.change is None:
            self.change = update_meeting(sessions, self.meeting_id, request_text=self.new_text)
            self.setObsolete(not self.change.changed)
        else:
            reapply(sessions, self.change)
        self.context.events.notify("meetings")

    def undo(self) -> None:
        if self.change is not None:
            revert(self.context.sessions, self.change)
            self.context.events.notify("meetings")
