"""Shared set-up for the People page tests: a page on a real workbook, typing like a user."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.people import list_people
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.page_context import PageContext
from workbook.ui.pages.people_page import PeoplePage

__all__ = ["CTRL", "SHIFT", "Env", "build", "enter_name", "env", "sample_env", "shot", "type_text"]

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
    context, seen = page_context(qtbot, sessions, dirs)
    page = PeoplePage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitExposed(page):
        page.show()
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


def enter_name(qtbot: QtBot, page: PeoplePage, name: str) -> None:
    box = page.brainstorm.name_box
    type_text(box, name)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def shot(widget: QWidget, path: Path) -> None:
    for _ in range(3):  # layouts settle over a few posted events
        QApplication.processEvents()
    widget.grab().save(str(path))
