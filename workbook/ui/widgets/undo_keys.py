"""Undo and redo keys in text boxes go to the workbook's undo history, not the box's own.

Text boxes keep a private undo history and claim Ctrl+Z before any menu shortcut sees it.
On a page where every edit is saved and undoable, that private history would undo letters
the workbook has already saved; this filter sends the keys to the page's undo stack instead,
so Ctrl+Z behaves the same wherever the focus is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or (
        event.key() == Qt.Key.Key_Z and event.modifiers() == _CTRL
    )


def run_undo_key(event: QKeyEvent, undo: Callable[[], None], redo: Callable[[], None]) -> bool:
    """Run ``undo`` or ``redo`` for an undo/redo key press; False for any other key."""
    if is_undo_key(event):
        undo()
    elif is_redo_key(event):
        redo()
    else:
        return False
    return True


def is_redo_key(event: QKeyEvent) -> bool:
    return (
        event.matches(QKeySequence.StandardKey.Redo)
        or (event.key() == Qt.Key.Key_Z and event.modifiers() == _CTRL | _SHIFT)
        or (event.key() == Qt.Key.Key_Y and event.modifiers() == _CTRL)
    )


class UndoKeys(QObject):
    """Watches text boxes; calls ``undo`` or ``redo`` when their keys are pressed in one."""

    def __init__(
        self, undo: Callable[[], None], redo: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._undo = undo
        self._redo = redo

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        action = self._undo if is_undo_key(event) else self._redo if is_redo_key(event) else None
        if action is None:
            return False
        event.accept()  # an accepted override: the key reaches us as a key press, once
        if kind == QEvent.Type.KeyPress:
            action()
        return True
