"""Helpers shared by the page tests: a page context on a real workbook, typing, dark mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget
from pytestqt.qtbot import QtBot

from workbook.core.db import SessionFactory
from workbook.paths import AppDirs
from workbook.ui.events import AppEvents
from workbook.ui.page_context import PageContext


def page_context(
    qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs
) -> tuple[PageContext, list[frozenset[str]]]:
    """A PageContext as the main window makes it, and the list of change notices it sends."""
    status = QStatusBar()
    qtbot.addWidget(status)
    # Owned by a widget qtbot deletes: the undo stack and its commands then go with it at
    # the end of the test, as in the main window, never inside a later garbage collection
    # (deleting Python-made QUndoCommands from the collector crashes PySide6).
    events = AppEvents(status)
    seen: list[frozenset[str]] = []
    events.changed.connect(seen.append)
    return PageContext(sessions, events, QUndoStack(events), status, dirs), seen


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard, one character at a time (safe for any Unicode, unlike
    qtbot.keyClicks, which aborts on non-ASCII text)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f1f1f",
    QPalette.ColorRole.AlternateBase: "#303030",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#3a3a3a",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Accent: "#5b9bf0",
    QPalette.ColorRole.Light: "#505050",
    QPalette.ColorRole.Midlight: "#444444",
    QPalette.ColorRole.Mid: "#555555",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb2ff",
    QPalette.ColorRole.LinkVisited: "#b39ddb",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
}


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark mode, for screenshots."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    return palette
