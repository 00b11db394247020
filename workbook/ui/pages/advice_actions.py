"""What the Advice page does to the workbook: the ``AdviceEditor`` its undo commands call, and
the user's actions that push those commands (toggle, bulk tag, note, kinds, pin, dismiss).

Every change goes through the advice or ranking service in one short unit of work, updates
what is shown in place (a toggled tag repaints one cell; a kind change reloads the matrix's
columns; a pin re-ranks) and notifies the app once: "advice" for tags and kinds, "ranking"
for pins. A ``WorkbookError`` is shown in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QStatusBar

from workbook.core.errors import WorkbookError
from workbook.ui.advice_undo import (
    AddKindCommand,
    MoveKindCommand,
    PinCommand,
    RenameKindCommand,
    RetireKindCommand,
    TagCommand,
)

if TYPE_CHECKING:
    from workbook.core.advice import DeletedKind, KindChange, KindRow, TagChange, TagState
    from workbook.ui.pages.advice_page import AdvicePage

UNDO_HINT = " — Ctrl+Z to undo"


class AdviceActions(QObject):
    """The page's changes to the workbook, undoable."""

    def __init__(self, page: AdvicePage) -> None:
        super().__init__(page)
        self.page = page
        self.context = page.context
        self._notifying = False

    @property
    def notifying(self) -> bool:
        """True while the page announces its own change (it need not reload)."""
        return self._notifying

    # ------------------------------------------------------------ AdviceEditor: tags

    def change_tags(self, action: Callable[[], TagChange]) -> TagChange | None:
        with self._reporting():
            change = action()
            self._show_tags(change.after)
            return change
        return None

    def revert_tags(self, change: TagChange) -> None:
        from workbook.core.advice import revert

        with self._reporting():
            revert(self.context.sessions, change)
            self._show_tags(change.before)

    def reapply_tags(self, change: TagChange) -> None:
        from workbook.core.advice import reapply

        with self._reporting():
            reapply(self.context.sessions, change)
            self._show_tags(change.after)

    def _show_tags(self, states: Iterable[TagState]) -> None:
        cells = {(state.person_id, state.kind_id): state.note for state in states}
        if cells:
            self.page.show_tags(cells)
            self._notify("advice")

    # ------------------------------------------------------------ AdviceEditor: kinds

    def add_kind(self, name: str, description: str) -> int | None:
        from workbook.core.advice import add_kind

        with self._reporting():
            kind_id = add_kind(self.context.sessions, name, description)
            self._kinds_changed()
            return kind_id
        return None

    def delete_kind(self, kind_id: int) -> DeletedKind | None:
        from workbook.core.advice import delete_kind

        with self._reporting():
            deleted = delete_kind(self.context.sessions, kind_id)
            self._kinds_changed()
            return deleted
        return None

    def restore_kind(self, deleted: DeletedKind) -> None:
        from workbook.core.advice import restore_kind

        with self._reporting():
            restore_kind(self.context.sessions, deleted)
            self._kinds_changed()

    def rename_kind(self, kind_id: int, name: str, description: str) -> KindChange | None:
        from workbook.core.advice import rename_kind

        with self._reporting():
            change = rename_kind(self.context.sessions, kind_id, name, description)
            self._kinds_changed()
            return change
        return None

    def shift_kind(self, kind_id: int, step: int) -> list[int] | None:
        from workbook.core.advice import shift_kind

        with self._reporting():
            previous = shift_kind(self.context.sessions, kind_id, step)
            self._kinds_changed()
            return previous
        return None

    def set_kind_order(self, ids: list[int]) -> None:
        from workbook.core.advice import set_kind_order

        with self._reporting():
            set_kind_order(self.context.sessions, ids)
            self._kinds_changed()

    def retire_kind(self, kind_id: int, retired: bool) -> bool:
        from workbook.core.advice import retire_kind

        with self._reporting():
            retire_kind(self.context.sessions, kind_id, retired)
            self._kinds_changed()
            return True
        return False

    def _kinds_changed(self) -> None:
        self.page.reload_matrix(people=False)
        self._notify("advice")

    # ------------------------------------------------------------ AdviceEditor: pins

    def set_pin(self, person_id: int, state: int) -> int | None:
        from workbook.core.ranking import set_pin

        with self._reporting(busy=True):
            previous = set_pin(self.context.sessions, person_id, state)
            self.page.ranking_changed()
            self._notify("ranking")
            return previous
        return None

    # ------------------------------------------------------------ the user's actions

    def toggle(self, person_ids: Sequence[int], kind_id: int, on: bool) -> None:
        """Tag (``on``) or untag these people with one kind; one undo step."""
        from workbook.core.advice import set_tag, set_tags

        kind = self.page.kind_by_id(kind_id)
        if kind is None or not person_ids:
            return
        sessions, ids = self.context.sessions, list(person_ids)
        if len(ids) == 1:
            name = self.page.person_name(ids[0])
            who = f"“{name}”"
            command = TagCommand(
                self,
                lambda: set_tag(sessions, ids[0], kind_id, on),
                f"{'tag' if on else 'untag'} {who}: {kind.name}",
            )
        else:
            name = ""
            command = TagCommand(
                self,
                lambda: set_tags(sessions, ids, kind_id, on),
                f"{'tag' if on else 'untag'} {len(ids)} people: {kind.name}",
            )
        self.context.undo_stack.push(command)
        change = command.change
        if change is None:
            return
        count = len(change.after)
        if not count:
            already = "already" if on else "not"
            whom = name if len(ids) == 1 else f"all {len(ids)} people"
            self._say(f"{whom} {'is' if len(ids) == 1 else 'are'} {already} tagged: {kind.name}")
            return
        whom = name if len(ids) == 1 else f"{count} {'person' if count == 1 else 'people'}"
        verb = "Tagged" if on else "Untagged"
        self._say(f"{verb} {whom}: {kind.name}{UNDO_HINT}")

    def write_note(self, person_id: int, kind_id: int, note: str) -> None:
        from workbook.core.advice import set_tag_note

        kind = self.page.kind_by_id(kind_id)
        if kind is None:
            return
        sessions, name = self.context.sessions, self.page.person_name(person_id)
        command = TagCommand(
            self,
            lambda: set_tag_note(sessions, person_id, kind_id, note),
            f"note on “{name}”: {kind.name}",
        )
        self.context.undo_stack.push(command)
        if command.change is not None and command.change.changed:
            self._say(f"Saved the note for {name}: {kind.name}{UNDO_HINT}")

    def pin(self, person_id: int, state: int) -> None:
        name = self.page.person_name(person_id)
        what = {1: "pin", -1: "dismiss", 0: "rank normally"}[state]
        self.context.undo_stack.push(PinCommand(self, person_id, state, f"{what} “{name}”"))
        message = {
            1: f"Pinned {name} to the top",
            -1: f"Dismissed {name}",
            0: f"{name} is ranked with everyone again",
        }[state]
        self._say(message + UNDO_HINT)

    # ------------------------------------------------------------ KindActions (the dialog)

    def all_kinds(self) -> list[KindRow]:
        from workbook.core.advice import list_kinds

        return list_kinds(self.context.sessions, include_retired=True)

    def add_kind_undoably(self, name: str, description: str) -> int | None:
        command = AddKindCommand(self, name.strip(), description.strip())
        self.context.undo_stack.push(command)
        if command.kind_id is not None:
            self._say(f"Added the kind “{command.name}”: a new column in the matrix{UNDO_HINT}")
        return command.kind_id

    def rename_kind_undoably(self, kind_id: int, name: str, description: str) -> None:
        kind = self.page.kind_by_id(kind_id)
        old = kind.name if kind else name
        text = f"rename the kind “{old}”"
        command = RenameKindCommand(self, kind_id, name, description, text)
        self.context.undo_stack.push(command)
        if command.change is not None and command.change.changed:
            self._say(f"Renamed “{old}” to “{command.change.after['name']}”{UNDO_HINT}")

    def move_kind_undoably(self, kind_id: int, step: int) -> None:
        kind = self.page.kind_by_id(kind_id)
        name = kind.name if kind else "the kind"
        text = f"move “{name}” {'up' if step < 0 else 'down'}"
        self.context.undo_stack.push(MoveKindCommand(self, kind_id, step, text))

    def retire_kind_undoably(self, kind_id: int, retired: bool) -> None:
        kind = self.page.kind_by_id(kind_id)
        name = kind.name if kind else "the kind"
        text = f"{'retire' if retired else 'bring back'} “{name}”"
        command = RetireKindCommand(self, kind_id, retired, text)
        self.context.undo_stack.push(command)
        if not command.isObsolete():
            tags = kind.tag_count if kind else 0
            kept = f"; its {tags} {'tag is' if tags == 1 else 'tags are'} kept" if tags else ""
            verb = "Retired" if retired else "Brought back"
            self._say(f"{verb} “{name}”{kept}{UNDO_HINT}")

    def undo(self) -> None:
        self.page.undo()

    def redo(self) -> None:
        self.page.redo()

    # ------------------------------------------------------------ helpers

    def _say(self, message: str) -> None:
        self.context.status.showMessage(message[:1].upper() + message[1:], 6000)

    def _notify(self, what: str) -> None:
        self._notifying = True
        try:
            self.context.events.notify(what)
        finally:
            self._notifying = False

    def _reporting(self, busy: bool = False) -> _Reporting:
        return _Reporting(self.context.status, busy)


class _Reporting:
    """A refusal goes to the status bar, not up; ``busy``: a wait cursor meanwhile (not for
    a single toggle, which must repaint within a frame)."""

    def __init__(self, status: QStatusBar, busy: bool) -> None:
        self.status, self.busy = status, busy

    def __enter__(self) -> None:
        if self.busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: TracebackType | None
    ) -> bool:
        if self.busy:
            QApplication.restoreOverrideCursor()
        if isinstance(exc, WorkbookError):
            text = str(exc)
            self.status.showMessage(text[:1].upper() + text[1:], 8000)
            return True
        return False
