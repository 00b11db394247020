"""Undoable changes to the people list: add, edit, delete, merge and import.

Each command holds plain values and calls back into a ``PeopleEditor`` (the People page),
which writes the workbook through the people service, updates what is shown and notifies the
app. A service refusal (a ``WorkbookError``) is shown by the editor, which then returns None:
the command marks itself obsolete and leaves the history. When the undo of a merge or an
import is refused (say, an imported person has had a meeting since), the command remembers
that it is still applied, so a later redo does not merge or import a second time. Typing in
one detail box is one command: flushes of the same typing run merge (``id``/``mergeWith``),
and a run that ends where it started drops out of the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from workbook.core.people import ImportPlan, ImportResult, MergeResult

_EDIT_ID = 2000


class PeopleEditor(Protocol):
    """What the commands need from the page."""

    def add_person(self, name: str, fields: dict[str, Any]) -> int | None: ...

    def update_person(self, person_id: int, fields: dict[str, Any]) -> bool: ...

    def delete_people(self, ids: Sequence[int]) -> list[int]: ...

    def restore_people(self, ids: Sequence[int]) -> None: ...

    def merge_people(self, keep_id: int, other_ids: Sequence[int]) -> MergeResult | None: ...

    def unmerge(self, result: MergeResult) -> bool: ...

    def apply_import(self, plan: ImportPlan) -> ImportResult | None: ...

    def undo_import(self, result: ImportResult) -> bool: ...


class AddPersonCommand(QUndoCommand):
    """Someone added (the brainstorm's Enter); undo deletes them, redo brings them back."""

    def __init__(self, editor: PeopleEditor, name: str, fields: dict[str, Any]) -> None:
        super().__init__(f"add “{name}”")
        self.editor, self.name, self.fields = editor, name, dict(fields)
        self.person_id: int | None = None

    def redo(self) -> None:
        if self.person_id is None:
            self.person_id = self.editor.add_person(self.name, self.fields)
            self.setObsolete(self.person_id is None)
        else:
            self.editor.restore_people([self.person_id])

    def undo(self) -> None:
        if self.person_id is not None:
            self.editor.delete_people([self.person_id])


class EditPersonCommand(QUndoCommand):
    """One field of one person changed. ``run`` groups a typing run (None: never merges)."""

    def __init__(
        self,
        editor: PeopleEditor,
        person_id: int,
        field: str,
        before: Any,
        after: Any,
        text: str,
        run: int | None = None,
    ) -> None:
        super().__init__(text)
        self.editor, self.person_id, self.field = editor, person_id, field
        self.before, self.after, self.run = before, after, run

    def id(self) -> int:
        return -1 if self.run is None else _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, EditPersonCommand)
            and self.run is not None
            and (other.person_id, other.field, other.run) == (self.person_id, self.field, self.run)
        ):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        done = self.editor.update_person(self.person_id, {self.field: self.after})
        if not done:
            self.setObsolete(True)

    def undo(self) -> None:
        self.editor.update_person(self.person_id, {self.field: self.before})


class DeletePeopleCommand(QUndoCommand):
    def __init__(self, editor: PeopleEditor, ids: Sequence[int], text: str) -> None:
        super().__init__(text)
        self.editor, self.ids = editor, list(ids)
        self.deleted: list[int] = []

    def redo(self) -> None:
        self.deleted = self.editor.delete_people(self.ids)
        self.setObsolete(not self.deleted)

    def undo(self) -> None:
        self.editor.restore_people(self.deleted)


class MergePeopleCommand(QUndoCommand):
    """Several people become one; undo gives each of them back exactly as they were."""

    def __init__(
        self, editor: PeopleEditor, keep_id: int, other_ids: Sequence[int], text: str
    ) -> None:
        super().__init__(text)
        self.editor, self.keep_id, self.other_ids = editor, keep_id, list(other_ids)
        self.result: MergeResult | None = None
        self.applied = False

    def redo(self) -> None:
        if self.applied:  # its undo was refused: the merge is still in the workbook
            return
        self.result = self.editor.merge_people(self.keep_id, self.other_ids)
        self.applied = self.result is not None
        self.setObsolete(self.result is None)

    def undo(self) -> None:
        if self.result is not None and self.applied:
            self.applied = not self.editor.unmerge(self.result)


class ImportCommand(QUndoCommand):
    """A whole contact file added in one transaction; one undo takes it all back."""

    def __init__(self, editor: PeopleEditor, plan: ImportPlan, text: str) -> None:
        super().__init__(text)
        self.editor, self.plan = editor, plan
        self.result: ImportResult | None = None
        self.applied = False

    def redo(self) -> None:
        if self.applied:  # its undo was refused: the people are still on the list
            return
        self.result = self.editor.apply_import(self.plan)
        self.applied = self.result is not None
        self.setObsolete(self.result is None)

    def undo(self) -> None:
        if self.result is not None and self.applied:
            self.applied = not self.editor.undo_import(self.result)
