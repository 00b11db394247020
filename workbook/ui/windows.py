"""All main windows of the process: one window per open workbook.

A workbook asked for from outside (single_instance) or from File > Open while another
window has it comes up in that window: one process cannot hold a workbook's lock twice.
Otherwise it opens in a new window, cascaded from the active one, sharing the data folders,
the recent list and the settings. The application quits when the last window closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication

from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui.main_window import MainWindow

CASCADE = 32  # pixels right and down from the window it comes from


def close_all_windows() -> None:
    """File > Quit: close every window (each saves its geometry and closes its workbook)."""
    QApplication.closeAllWindows()


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one workbook (through symlinks and ``..``)."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


class WindowManager(QObject):
    """Makes, finds, raises and forgets the main windows.

    Requests that arrive before the first window has opened its workbook wait for
    :meth:`set_ready`, so they do not race the first workbook into that window.
    """

    def __init__(self, dirs: AppDirs, state: AppState, settings: QSettings) -> None:
        super().__init__()
        self.dirs = dirs
        self.state = state
        self.settings = settings
        self._windows: list[MainWindow] = []  # most recently active last
        self._ready = False
        self._waiting: list[Path | None] = []

    @property
    def windows(self) -> list[MainWindow]:
        """The open windows, most recently active last (closed ones drop out)."""
        return [w for w in self._windows if w.isVisible()]

    def new_window(self) -> MainWindow:
        """A window (not shown yet) that frees itself when closed."""
        window = MainWindow(self.dirs, self.state, self.settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_elsewhere = self.show_if_open
        window.installEventFilter(self)
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        self._windows.append(window)
        return window

    def set_ready(self) -> None:
        """The first window has its workbook: now serve the requests that waited."""
        self._ready = True
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            self.open(path)

    def open(self, path: Path | None) -> MainWindow | None:
        """Show ``path`` in its window, the one empty window, or a new one; None: raise one."""
        if not self._ready:
            self._waiting.append(path)
            return None
        windows = self.windows
        if path is None:
            if windows:
                self.raise_window(windows[-1])
                return windows[-1]
            path = self.state.last or self.dirs.default_workbook
        found = self.window_for(path)
        if found is not None:
            self.raise_window(found)
            return found
        if len(windows) == 1 and windows[0].document is None:
            window = windows[0]  # the closed page: use it rather than add a second window
        else:
            window = self.new_window()
            self._place(window, windows[-1] if windows else None)
            window.show()
        window.start(path, first_run=False)
        self.raise_window(window)
        return window

    def window_for(self, path: Path) -> MainWindow | None:
        for window in self.windows:
            if window.document is not None and same_file(window.document.path, path):
                return window
        return None

    def show_if_open(self, path: Path) -> bool:
        """MainWindow.open_path's hook: raise the window that has ``path``; True if one did."""
        found = self.window_for(path)
        if found is None:
            return False
        self.raise_window(found)
        return True

    @staticmethod
    def raise_window(window: MainWindow) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        activated = event.type() == QEvent.Type.WindowActivate
        if activated and isinstance(watched, MainWindow) and watched in self._windows:
            # Keep the order of use: "raise the active window" means the last one used.
            self._windows.remove(watched)
            self._windows.append(watched)
        return False

    def _forget(self, window: MainWindow) -> None:
        self._windows = [w for w in self._windows if w is not window]

    @staticmethod
    def _place(window: MainWindow, beside: MainWindow | None) -> None:
        """Cascade from ``beside``; back to the screen's corner when that runs off its edge."""
        if beside is None or beside.isMaximized() or beside.isFullScreen():
            return  # the new one keeps the saved geometry
        window.resize(beside.size())
        area = beside.screen().availableGeometry()
        frame = beside.frameGeometry()
        moved = frame.translated(CASCADE, CASCADE)
        # A window larger than the screen cascades too, as long as its corner stays on it.
        if not area.contains(moved.topLeft()) or (
            area.contains(frame) and not area.contains(moved)
        ):
            moved.moveTopLeft(area.topLeft())
        window.move(moved.topLeft())
