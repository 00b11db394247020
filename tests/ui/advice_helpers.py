"""Shared set-up for the Advice page tests: the page on a real sample workbook, finding cells,
screenshots (also at 200% scale, in a child process)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import page_context

from workbook.core import document
from workbook.core.advice import list_kinds, tags_for
from workbook.core.db import SessionFactory
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.page_context import PageContext
from workbook.ui.pages.advice_page import AdvicePage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
REPO = Path(__file__).resolve().parents[2]
# The sample has Hindi names and this machine has no Devanagari font: Qt says so once.
NO_DEVANAGARI = pytest.mark.qt_log_ignore("OpenType support missing for")


@dataclass
class Env:
    page: AdvicePage
    sessions: SessionFactory
    context: PageContext
    events: list[frozenset[str]]

    @property
    def status(self) -> str:
        return self.context.status.currentMessage()

    def tags(self, person_id: int) -> dict[int, str]:
        return tags_for(self.sessions, [person_id])[person_id]

    def kind_id(self, name: str) -> int:
        return next(k.id for k in list_kinds(self.sessions, include_retired=True) if k.name == name)


def build(qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs) -> Env:
    context, seen = page_context(qtbot, sessions, dirs)
    page = AdvicePage(context)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitExposed(page):
        page.show()
    return Env(page, sessions, context, seen)


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[Env]:
    path = tmp_path / "sample.workbook"
    build_sample(path)
    with document.open_document(path) as doc:
        yield build(qtbot, doc.sessions, dirs)


def shot(widget: QWidget, path: Path) -> None:
    for _ in range(3):  # layouts settle over a few posted events
        QApplication.processEvents()
    widget.grab().save(str(path))


def cell(env: Env, person_id: int, kind_id: int) -> QPoint:
    """The centre of a matrix cell, in the viewport (scrolled into view)."""
    model = env.page.matrix_model
    row, column = model.position_of(person_id), model.column_of(kind_id)
    assert row is not None and column is not None
    index = model.index(row, column)
    env.page.matrix.view.scrollTo(index)
    return env.page.matrix.view.visualRect(index).center()


def go_to(env: Env, person_id: int, kind_id: int) -> None:
    env.page.matrix.select([person_id], person_id, kind_id)
    env.page.matrix.view.setFocus()


def untagged_person(env: Env, kind_id: int, skip: int = 0) -> int:
    model = env.page.matrix_model
    free = [model.person(r).id for r in range(model.rowCount())]
    return [pid for pid in free if not model.is_tagged(pid, kind_id)][skip]


def scaled_shots(workbook: Path, data: Path, folder: Path, scale: int = 2) -> None:
    """Screenshots of the Tag and Coverage views at ``scale`` (QT_SCALE_FACTOR needs its own
    process): tag-view-200.png and coverage-view-200.png in ``folder``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
    code = _SCALED.format(workbook=str(workbook), data=str(data), folder=str(folder),
                          scale=scale, percent=scale * 100)  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr


_SCALED = """
from pathlib import Path
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar
from workbook.ui.app import make_application
app = make_application()
from workbook.ui.fonts import register_ui_fonts
register_ui_fonts()
from workbook.core import document
from workbook.paths import configure
from workbook.ui.events import AppEvents
from workbook.ui.page_context import PageContext
from workbook.ui.pages.advice_page import AdvicePage
doc = document.open_document(Path({workbook!r}))
events = AppEvents()
context = PageContext(doc.sessions, events, QUndoStack(events), QStatusBar(),
                      configure(Path({data!r})))
page = AdvicePage(context)
page.resize(1280, 800)
page.show()
page.matrix.focus_matrix()
for name, view in (("tag", page.matrix), ("coverage", page.coverage)):
    page.tabs.setCurrentWidget(view)
    for _ in range(3):
        app.processEvents()
    image = page.grab()
    assert image.devicePixelRatio() == {scale}, image.devicePixelRatio()
    image.save(str(Path({folder!r}) / f"{{name}}-view-{percent}.png"))
page.close()
doc.close()
"""
