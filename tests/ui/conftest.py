"""UI test set-up: the shipped fonts, as the app loads them after its first paint."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True, scope="session")
def _shipped_ui_fonts(qapp: QApplication) -> None:
    """So screenshots show CJK names, not empty boxes."""
    from workbook.ui.fonts import register_ui_fonts

    register_ui_fonts()


@pytest.fixture(autouse=True)
def _collect_qt_garbage(qapp: QApplication) -> Iterator[None]:
    """After each test (and qtbot's own clean-up), delete what Qt scheduled for deletion and
    collect Python's cycles right away, while the application is in a quiet state, rather
    than in the middle of a later test."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    gc.collect()
