"""The Qt binding itself: a known PySide6 fault that would crash a long session."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_their_reference_to_none(qtbot: QtBot, qapp: QApplication) -> None:
    # PySide6 6.12.0 takes a reference off None on every Qt call that returns nothing; on
    # Python 3.11 None is then deallocated after a few thousand calls and the app aborts
    # ("none_dealloc"). pyproject.toml keeps that release out; this catches a return.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("Zoë")
        label.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
