"""Starting the GUI: the application object, settings, the main window and the first workbook."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from workbook import APP_ID, APP_NAME, __version__
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui.main_window import MainWindow

# Harmless notices of Qt's offscreen platform plugin (used headless, in CI and the smoke
# test); anything else still reaches stderr.
_QUIET_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _on_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in _QUIET_MESSAGES:
        return
    sys.stderr.write(f"{message}\n")


def make_application() -> QApplication:
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        # The bundle ships the X11 plugin, not Wayland's (issue #2: slim bundle); asking for
        # xcb up front runs under XWayland without a "wayland plugin not found" warning.
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    qInstallMessageHandler(_on_qt_message)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def make_settings(dirs: AppDirs) -> QSettings:
    return QSettings(str(dirs.settings_file), QSettings.Format.IniFormat)


def run_gui(dirs: AppDirs, file: Path | None, exit_when_shown: bool = False) -> int:
    app = make_application()
    state = AppState.load(dirs.state_file)
    window = MainWindow(dirs, state, make_settings(dirs))
    target = file or state.last or dirs.default_workbook
    _FirstPaint(window, target, first_run=not state.welcomed, report=exit_when_shown)
    window.show()
    return app.exec()


class _FirstPaint(QObject):
    """Opens the first workbook right after the window's first paint.

    The window appears without waiting for SQLAlchemy to load and fills in a moment later.
    With ``report`` (bench/startup.py) it prints when the window is shown and when the
    workbook is loaded, then closes the window.
    """

    def __init__(self, window: MainWindow, target: Path, first_run: bool, report: bool) -> None:
        super().__init__(window)
        self._window = window
        self._target = target
        self._first_run = first_run
        self._report = report
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            self._say("shown")
            QTimer.singleShot(0, self._start)
        return False

    def _start(self) -> None:
        from workbook.ui.fonts import register_ui_fonts

        register_ui_fonts()
        self._window.start(self._target, self._first_run)
        self._say("loaded")
        if self._report:
            QTimer.singleShot(0, self._window.close)

    def _say(self, what: str) -> None:
        if self._report:
            print(f"{what} {time.perf_counter():.6f}", flush=True)
