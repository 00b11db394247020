"""Undoable edits on the "After the meeting" tab: notes, referrals and the give-back ledger.

``TextCommand`` is one saved note (the outcome or a TIARA letter); flushes of one typing run
in one box merge, and a run that ends where it started drops out of the history.
``StepCommand`` wraps any other change as three callables: ``do`` runs on the first redo and
returns a token (what changed: None means it was refused, and the command leaves the
history); ``undo`` takes the token back and ``redo`` does it again, each returning the token
the next step needs (None: keep the one it had). The callables belong to the panels, which
report refusals in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from workbook.core.meeting_notes import LETTERS

OUTCOME = "outcome"
_KEYS = (OUTCOME, *LETTERS)
# Merge ids, kept clear of other pages' commands on the same undo stack.
_TEXT_IDS = {key: 0x4D_4E00 + number for number, key in enumerate(_KEYS)}


class NoteEditor(Protocol):
    """What a TextCommand needs: write one note of a meeting; False when it was refused."""

    def store_text(self, meeting_id: int, key: str, text: str) -> bool: ...


class TextCommand(QUndoCommand):
    """One note saved; ``run`` groups a typing run in one box (None: never merges)."""

    def __init__(
        self,
        editor: NoteEditor,
        meeting_id: int,
        key: str,
        before: str,
        after: str,
        text: str,
        run: int | None = None,
    ) -> None:
        super().__init__(text)
        self.editor, self.meeting_id, self.key = editor, meeting_id, key
        self.before, self.after, self.run = before, after, run
        self._done = False

    def id(self) -> int:
        return -1 if self.run is None else _TEXT_IDS[self.key]

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, TextCommand)
            and self.run is not None
            and (other.meeting_id, other.key, other.run) == (self.meeting_id, self.key, self.run)
        ):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        stored = self.editor.store_text(self.meeting_id, self.key, self.after)
        if not self._done:
            self._done = True
            self.setObsolete(not stored)

    def undo(self) -> None:
        self.editor.store_text(self.meeting_id, self.key, self.before)


class StepCommand(QUndoCommand):
    """A change done once by ``do``, then undone and redone with the token it returned."""

    def __init__(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        redo: Callable[[Any], Any],
    ) -> None:
        super().__init__(text)
        self._do, self._undo, self._redo = do, undo, redo
        self.token: Any = None
        self._started = False

    def redo(self) -> None:
        if not self._started:
            self._started = True
            self.token = self._do()
            self.setObsolete(self.token is None)
        elif self.token is not None:
            again = self._redo(self.token)
            if again is not None:
                self.token = again

    def undo(self) -> None:
        if self.token is not None:
            again = self._undo(self.token)
            if again is not None:
                self.token = again
