"""Undoable edits on the Target page: answers, the ask, and target organisations.

Each command holds plain values (before and after) and calls back into the page or the
organisations section, which write the workbook, update the boxes and notify the app. Typing
in one box is one command: flushes of the same typing run merge (``id``/``mergeWith``), and a
run that ends where it started drops out of the history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

from workbook.core.ask import FIELDS, FieldValue

if TYPE_CHECKING:
    from workbook.core.organisations import DeletedOrganisation
    from workbook.core.target import AskState

# How each answer is named in the Edit menu ("Undo add “SQL” to skills").
LABELS = {
    "role": "the role",
    "level": "the level",
    "skills": "skills",
    "industries": "industries",
    "organisation_types": "kinds of organisation",
    "organisation_size": "the size",
    "environment": "how you like to work",
    "culture": "the culture",
    "places": "places",
    "open_to_remote": "remote work",
    "willing_to_relocate": "moving",
    "value_statement": "what you bring",
}
# Merge ids, kept clear of other pages' commands on the same undo stack.
_ANSWER_IDS = {field: 0x54_0000 + number for number, field in enumerate(FIELDS)}
_ASK_ID = 0x54_0100


class TargetEditor(Protocol):
    """What the commands need from the page."""

    def store_answer(self, field: str, value: FieldValue) -> None: ...

    def change_ask(self, action: Callable[[], AskState]) -> AskState: ...

    def restore_ask(self, state: AskState) -> None: ...


class OrganisationEditor(Protocol):
    """What the commands need from the organisations section."""

    def add_organisation(self, name: str) -> int | None: ...

    def delete_organisations(self, ids: Sequence[int]) -> tuple[DeletedOrganisation, ...]: ...

    def restore_organisations(self, deleted: Sequence[DeletedOrganisation]) -> None: ...

    def update_organisation(self, org_id: int, field: str, value: str | int) -> None: ...


class AnswerCommand(QUndoCommand):
    """One answer changed. ``run`` groups a typing run in one box (None: never merges)."""

    def __init__(
        self,
        editor: TargetEditor,
        field: str,
        before: FieldValue,
        after: FieldValue,
        text: str,
        run: int | None = None,
    ) -> None:
        super().__init__(text)
        self.editor, self.field, self.before, self.after, self.run = (
            editor,
            field,
            before,
            after,
            run,
        )

    def id(self) -> int:
        return -1 if self.run is None else _ANSWER_IDS[self.field]

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, AnswerCommand)
            and self.run is not None
            and other.field == self.field
            and other.run == self.run
        ):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.editor.store_answer(self.field, self.after)

    def undo(self) -> None:
        self.editor.store_answer(self.field, self.before)


class AskCommand(QUndoCommand):
    """The ask changed (written by hand, reset, kept): ``action`` runs once, then states."""

    def __init__(
        self,
        editor: TargetEditor,
        before: AskState,
        action: Callable[[], AskState],
        text: str,
        run: int | None = None,
    ) -> None:
        super().__init__(text)
        self.editor, self.before, self.action, self.run = editor, before, action, run
        self.after: AskState | None = None

    def id(self) -> int:
        return -1 if self.run is None else _ASK_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, AskCommand) and self.run is not None and other.run == self.run):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        if self.after is None:
            self.after = self.editor.change_ask(self.action)
        else:
            self.editor.restore_ask(self.after)

    def undo(self) -> None:
        self.editor.restore_ask(self.before)


class AddOrganisationCommand(QUndoCommand):
    def __init__(self, editor: OrganisationEditor, name: str) -> None:
        super().__init__(f"add “{name}”")
        self.editor, self.name = editor, name
        self.id_added: int | None = None
        self.deleted: tuple[DeletedOrganisation, ...] = ()

    def redo(self) -> None:
        if self.deleted:
            self.editor.restore_organisations(self.deleted)
        else:
            self.id_added = self.editor.add_organisation(self.name)
            self.setObsolete(self.id_added is None)

    def undo(self) -> None:
        if self.id_added is not None:
            self.deleted = self.editor.delete_organisations([self.id_added])


class DeleteOrganisationsCommand(QUndoCommand):
    def __init__(self, editor: OrganisationEditor, ids: Sequence[int], text: str) -> None:
        super().__init__(text)
        self.editor, self.ids = editor, list(ids)
        self.deleted: tuple[DeletedOrganisation, ...] = ()

    def redo(self) -> None:
        self.deleted = self.editor.delete_organisations(self.ids)

    def undo(self) -> None:
        self.editor.restore_organisations(self.deleted)


class OrganisationFieldCommand(QUndoCommand):
    def __init__(
        self,
        editor: OrganisationEditor,
        org_id: int,
        field: str,
        before: str | int,
        after: str | int,
        text: str,
    ) -> None:
        super().__init__(text)
        self.editor, self.org_id, self.field = editor, org_id, field
        self.before, self.after = before, after

    def redo(self) -> None:
        self.editor.update_organisation(self.org_id, self.field, self.after)

    def undo(self) -> None:
        self.editor.update_organisation(self.org_id, self.field, self.before)


def list_change_text(field: str, before: FieldValue, after: FieldValue) -> str:
    """ "add “SQL” to skills", "remove “Boston” from places", or "edit skills"."""
    old = list(before) if isinstance(before, tuple) else []
    new = list(after) if isinstance(after, tuple) else []
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if len(added) == 1 and not removed:
        return f"add “{added[0]}” to {LABELS[field]}"
    if len(removed) == 1 and not added:
        return f"remove “{removed[0]}” from {LABELS[field]}"
    return f"edit {LABELS[field]}"
