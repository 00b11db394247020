"""Undoable changes on the Advice page: tags and notes, the kinds of advice, pins.

Each command holds plain values and calls back into an ``AdviceEditor`` (the page's actions),
which writes the workbook through the advice and ranking services, updates what is shown and
notifies the app. A service refusal (a ``WorkbookError``) is shown by the editor, which then
returns None: the command marks itself obsolete and leaves the history.

Tag changes come back from the service as a ``TagChange`` holding every touched cell before and
after, so undo and redo put back exactly what was there (a note included), however many
people a bulk change touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from workbook.core.advice import DeletedKind, KindChange, TagChange


class AdviceEditor(Protocol):
    """What the commands need from the page."""

    def change_tags(self, action: Callable[[], TagChange]) -> TagChange | None: ...

    def revert_tags(self, change: TagChange) -> None: ...

    def reapply_tags(self, change: TagChange) -> None: ...

    def add_kind(self, name: str, description: str) -> int | None: ...

    def delete_kind(self, kind_id: int) -> DeletedKind | None: ...

    def restore_kind(self, deleted: DeletedKind) -> None: ...

    def rename_kind(self, kind_id: int, name: str, description: str) -> KindChange | None: ...

    def shift_kind(self, kind_id: int, step: int) -> list[int] | None: ...

    def set_kind_order(self, ids: list[int]) -> None: ...

    def retire_kind(self, kind_id: int, retired: bool) -> bool: ...

    def set_pin(self, person_id: int, state: int) -> int | None: ...


class TagCommand(QUndoCommand):
    """One tag toggled, a note written, or a bulk tag: ``action`` runs the service once; redo
    after an undo reapplies the recorded change."""

    def __init__(self, editor: AdviceEditor, action: Callable[[], TagChange], text: str) -> None:
        super().__init__(text)
        self.editor, self.action = editor, action
        self.change: TagChange | None = None

    def redo(self) -> None:
        if self.change is None:
            self.change = self.editor.change_tags(self.action)
            self.setObsolete(self.change is None or not self.change.changed)
        else:
            self.editor.reapply_tags(self.change)

    def undo(self) -> None:
        if self.change is not None:
            self.editor.revert_tags(self.change)


class AddKindCommand(QUndoCommand):
    """A kind of the user's own added; undo deletes it (it has no tags yet), redo restores it
    with the same id and place."""

    def __init__(self, editor: AdviceEditor, name: str, description: str) -> None:
        super().__init__(f"add the kind “{name}”")
        self.editor, self.name, self.description = editor, name, description
        self.kind_id: int | None = None
        self.deleted: DeletedKind | None = None

    def redo(self) -> None:
        if self.deleted is not None:
            self.editor.restore_kind(self.deleted)
            return
        self.kind_id = self.editor.add_kind(self.name, self.description)
        self.setObsolete(self.kind_id is None)

    def undo(self) -> None:
        if self.kind_id is not None:
            self.deleted = self.editor.delete_kind(self.kind_id)


class RenameKindCommand(QUndoCommand):
    def __init__(
        self, editor: AdviceEditor, kind_id: int, name: str, description: str, text: str
    ) -> None:
        super().__init__(text)
        self.editor, self.kind_id = editor, kind_id
        self.name, self.description = name, description
        self.change: KindChange | None = None

    def redo(self) -> None:
        change = self.editor.rename_kind(self.kind_id, self.name, self.description)
        if self.change is None:
            self.change = change
            self.setObsolete(change is None or not change.changed)

    def undo(self) -> None:
        if self.change is not None:
            before = self.change.before
            self.editor.rename_kind(self.kind_id, before["name"], before["description"])


class MoveKindCommand(QUndoCommand):
    """A kind moved up (step -1) or down (+1) among the kinds shown."""

    def __init__(self, editor: AdviceEditor, kind_id: int, step: int, text: str) -> None:
        super().__init__(text)
        self.editor, self.kind_id, self.step = editor, kind_id, step
        self.previous: list[int] | None = None

    def redo(self) -> None:
        previous = self.editor.shift_kind(self.kind_id, self.step)
        if self.previous is None:
            self.previous = previous
            self.setObsolete(previous is None)

    def undo(self) -> None:
        if self.previous is not None:
            self.editor.set_kind_order(self.previous)


class RetireKindCommand(QUndoCommand):
    """A kind retired (hidden from the matrix and the ranking, its tags kept) or back in use."""

    def __init__(self, editor: AdviceEditor, kind_id: int, retired: bool, text: str) -> None:
        super().__init__(text)
        self.editor, self.kind_id, self.retired = editor, kind_id, retired
        self._done = False

    def redo(self) -> None:
        done = self.editor.retire_kind(self.kind_id, self.retired)
        if not self._done:
            self._done = done
            self.setObsolete(not done)

    def undo(self) -> None:
        self.editor.retire_kind(self.kind_id, not self.retired)


class PinCommand(QUndoCommand):
    """Someone pinned to the top of "who to meet first" (1), dismissed (-1) or back (0)."""

    def __init__(self, editor: AdviceEditor, person_id: int, state: int, text: str) -> None:
        super().__init__(text)
        self.editor, self.person_id, self.state = editor, person_id, state
        self.previous: int | None = None

    def redo(self) -> None:
        previous = self.editor.set_pin(self.person_id, self.state)
        if self.previous is None:
            self.previous = previous
            self.setObsolete(previous is None or previous == self.state)

    def undo(self) -> None:
        if self.previous is not None:
            self.editor.set_pin(self.person_id, self.previous)
