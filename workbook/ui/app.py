"""Starting the GUI: the application object, settings, the main window and the first workbook.

A start on a data folder whose app is already running hands its workbook over to that app
and exits (single_instance.py); the running app opens it in a window of its own (windows.py).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

from workbook import APP_ID, APP_NAME, __version__
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from workbook.ui.main_window import MainWindow
    from workbook.ui.single_instance import InstanceServer

# Harmless notices of Qt's offscreen platform plugin (used headless, in CI and the smoke
# test); anything else still reaches stderr.
_QUIET_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
)


# Qt says this once per font and script when a font without shaping tables for a script
# (Devanagari in DejaVu Sans, on machines with no Indic font) draws it: the text shows,
# unshaped. A known gap (README), not worth a line on the terminal per name.
_QUIET_PREFIXES = ("OpenType support missing for",)


def _on_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in _QUIET_MESSAGES or message.startswith(_QUIET_PREFIXES):
        return
    sys.stderr.write(f"{message}\n")


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

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
    from workbook.ui.app_icon import app_icon

    app.setWindowIcon(app_icon())
    return app


def make_settings(dirs: AppDirs) -> QSettings:
    return QSettings(str(dirs.settings_file), QSettings.Format.IniFormat)


def run_gui(dirs: AppDirs, file: Path | None, exit_when_shown: bool = False) -> int:
    # A temporary data folder is this run's alone: no other start can ever ask for it.
    server: InstanceServer | None = None
    if not dirs.temporary:
        from workbook.ui.single_instance import InstanceServer, hand_off

        # Before the QApplication and the widgets: a start that hands over exits at once.
        if hand_off(dirs, file):
            return 0
        server = InstanceServer(dirs)
    from workbook.recent import AppState
    from workbook.ui.windows import WindowManager

    app = make_application()
    state = AppState.load(dirs.state_file)
    windows = WindowManager(dirs, state, make_settings(dirs))
    window = windows.new_window()
    FileOpenEvents(app, windows.open)  # macOS Finder: a workbook opened while running

    def serve() -> bool:
        """Listen for later starts (after the first paint: it loads QtNetwork); False when a
        rival start serves this data folder already and took ``file``."""
        if server is None:
            return True
        if server.listen():
            server.open_requested.connect(windows.open)
            return True
        # Two starts at once (a file manager opening two files) can both find nobody
        # listening: the one that loses the race to listen hands over to the winner.
        return not hand_off(dirs, file)

    target = file or state.last or dirs.default_workbook
    _FirstPaint(
        window,
        target,
        first_run=not state.welcomed,
        report=exit_when_shown,
        serve=serve,
        started=windows.set_ready,
    )
    window.show()
    try:
        return app.exec()
    finally:
        if server is not None:
            server.close()


class FileOpenEvents(QObject):
    """Opens the files macOS sends as QFileOpenEvent (Finder, the Dock) once the app runs.

    Elsewhere files come on the command line, and a running app gets them via
    single_instance.py; on macOS a second start is not made: Finder sends an Apple Event.
    """

    def __init__(self, app: QApplication, open_path: Callable[[Path | None], object]) -> None:
        super().__init__(app)
        self._open = open_path
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            from PySide6.QtGui import QFileOpenEvent

            if isinstance(event, QFileOpenEvent) and event.file():
                self._open(Path(event.file()))
                return True
        return False


class _FirstPaint(QObject):
    """Opens the first workbook right after the window's first paint.

    The window appears without waiting for SQLAlchemy to load and fills in a moment later.
    Before that, ``serve`` starts listening for later starts (False: this start handed over
    after all, and the window closes); after it, ``started`` lets the window manager serve
    the requests that came meanwhile. With ``report`` (bench/startup.py) it prints when the
    window is shown and when the workbook is loaded, then closes the window.
    """

    def __init__(
        self,
        window: MainWindow,
        target: Path,
        first_run: bool,
        report: bool,
        serve: Callable[[], bool] | None = None,
        started: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._target = target
        self._first_run = first_run
        self._report = report
        self._serve = serve
        self._started = started
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            self._say("shown")
            QTimer.singleShot(0, self._start)
        return False

    def _start(self) -> None:
        from workbook.ui.fonts import register_ui_fonts

        if self._serve is not None and not self._serve():
            self._window.close()  # the last window: the application quits
            return
        register_ui_fonts()
        self._window.start(self._target, self._first_run)
        self._say("loaded")
        if self._started is not None:
            self._started()
        if self._report:
            QTimer.singleShot(0, self._window.close)

    def _say(self, what: str) -> None:
        if self._report:
            print(f"{what} {time.perf_counter():.6f}", flush=True)
