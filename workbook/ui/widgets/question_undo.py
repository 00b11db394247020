"""Undoable changes made in the question picker.

``QuestionCommand`` wraps one change as three callables, as the picker supplies them: ``do``
runs on the first redo (the push) and returns a token saying what changed (None: refused,
and the command leaves the history), ``undo`` takes that token back and returns what a redo
needs, ``redo`` does it again from that and returns a fresh token. So nothing is ever done
twice, and a redo puts back the very same rows (same ids) the first time made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class QuestionCommand(QUndoCommand):
    """A change done once by ``do``, then undone and redone with the tokens passed along."""

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
        self.undone: Any = None
        self._started = False

    def redo(self) -> None:
        if not self._started:
            self._started = True
            self.token = self._do()
            self.setObsolete(self.token is None)
        elif self.undone is not None:
            self.token = self._redo(self.undone)
            self.undone = None

    def undo(self) -> None:
        if self.token is not None:
            self.undone = self._undo(self.token)
            self.token = None
