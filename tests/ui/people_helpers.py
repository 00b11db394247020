"""Shared set-up for the People page tests: a page on a real workbook, typing like a user."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget
from pytestqt.qtbot import QtBot

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.people import list_people
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.events import AppEvents
from workbook.ui.page_context import PageContext
from workbook.ui.pages.people_page import PeoplePage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Env:
    page: PeoplePage
    sessions: SessionFactory
    context: PageContext
    events: list[frozenset[str]]

    @property
    def status(self) -> str:
        return self.context.status.currentMessage()

    def names(self) -> list[str]:
        return [row.name for row in list_people(self.sessions)]

    def shown(self) -> list[str]:
        model = self.page.model
        return [model.person(row).name for row in range(model.rowCount())]


def build(qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs) -> Env:
    events = AppEvents()
    status = QStatusBar()
    qtbot.addWidget(status)
    context = PageContext(sessions, events, QUndoStack(events), status, dirs)
    page = PeoplePage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitExposed(page):
        page.show()
    seen: list[frozenset[str]] = []
    events.changed.connect(seen.append)
    return Env(page, sessions, context, seen)


@pytest.fixture
def env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        yield build(qtbot, doc.sessions, dirs)


@pytest.fixture
def sample_env(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[Env]:
    path = tmp_path / "sample.workbook"
    build_sample(path)
    with document.open_document(path) as doc:
        yield build(qtbot, doc.sessions, dirs)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard, one character at a time (safe for any Unicode)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def enter_name(qtbot: QtBot, page: PeoplePage, name: str) -> None:
    box = page.brainstorm.name_box
    type_text(box, name)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f", QPalette.ColorRole.AlternateBase: "#303030",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Highlight: "#3d7bd9", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Accent: "#5b9bf0", QPalette.ColorRole.Mid: "#555555",
    }  # fmt: skip
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def shot(widget: QWidget, path: Path) -> None:
    for _ in range(3):  # layouts settle over a few posted events
        QApplication.processEvents()
    widget.grab().save(str(path))
