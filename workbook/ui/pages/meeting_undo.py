"""Undo commands for the Meetings and Today pages.

Each command's first redo does nothing: the page has already run the action (so errors
surface before anything lands on the undo stack). Later redos and undos replay the change
through the core services, then tell the app what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbook.core.changes import ChangeLog, redo_changes, undo_changes
from workbook.core.meetings import MeetingChange, MeetingView, reapply, restore_meeting, revert
from workbook.core.meetings import delete_meeting as _delete
from workbook.ui.page_context import PageContext

# Meeting fields typed in one burst merge into one undo step (per meeting and field).
_FIELD_IDS: dict[str, int] = {}


class _Replayed(QUndoCommand):
    def __init__(self, context: PageContext, text: str, what: tuple[str, ...]) -> None:
        super().__init__(text)
        self.context, self.what, self._first = context, what, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.apply()
        self.context.events.notify(*self.what)

    def undo(self) -> None:
        self.unapply()
        self.context.events.notify(*self.what)

    def apply(self) -> None:
        raise NotImplementedError

    def unapply(self) -> None:
        raise NotImplementedError


class ChangeLogCommand(_Replayed):
    """A multi-row action (a pipeline move, a follow-up done or snoozed)."""

    def __init__(
        self, context: PageContext, log: ChangeLog, text: str, what: tuple[str, ...]
    ) -> None:
        super().__init__(context, text, what)
        self.log = log

    def apply(self) -> None:
        redo_changes(self.context.sessions, self.log)

    def unapply(self) -> None:
        undo_changes(self.context.sessions, self.log)


class MeetingFieldCommand(_Replayed):
    """Fields of one meeting changed; consecutive edits of the same field merge."""

    def __init__(
        self, context: PageContext, change: MeetingChange, text: str, merge: bool = False
    ) -> None:
        super().__init__(context, text, ("meetings",))
        self.change, self.merge = change, merge

    def id(self) -> int:
        if not self.merge or len(self.change.after) > 2:
            return -1
        field = next(k for k in self.change.after if k != "sequence")
        return _FIELD_IDS.setdefault(f"{self.change.meeting_id}:{field}", 7000 + len(_FIELD_IDS))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MeetingFieldCommand) or other.id() != self.id():
            return False
        before = {**other.change.before, **self.change.before}
        after = {**self.change.after, **other.change.after}
        self.change = MeetingChange(self.change.meeting_id, before, after)
        return True

    def apply(self) -> None:
        reapply(self.context.sessions, self.change)

    def unapply(self) -> None:
        revert(self.context.sessions, self.change)


class NewMeetingCommand(_Replayed):
    """A meeting planned (an idea): undo deletes it, redo puts the same one back."""

    def __init__(self, context: PageContext, view: MeetingView, on_redo: Callable[[int], None]):
        super().__init__(context, f"Plan a meeting with {view.person_name}", ("meetings",))
        self.view, self.on_redo = view, on_redo

    def apply(self) -> None:
        restore_meeting(self.context.sessions, self.view)
        self.on_redo(self.view.id)

    def unapply(self) -> None:
        _delete(self.context.sessions, self.view.id)


class DeleteMeetingCommand(_Replayed):
    def __init__(self, context: PageContext, view: MeetingView) -> None:
        super().__init__(context, f"Delete the idea to meet {view.person_name}", ("meetings",))
        self.view = view

    def apply(self) -> None:
        _delete(self.context.sessions, self.view.id)

    def unapply(self) -> None:
        restore_meeting(self.context.sessions, self.view)
