"""The window manager: one window per workbook, reuse of an empty window, freeing, Quit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbook.core import document
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui import prompts
from workbook.ui.app import make_settings
from workbook.ui.main_window import MainWindow
from workbook.ui.windows import WindowManager, close_all_windows


@pytest.fixture
def manager(qtbot: QtBot, dirs: AppDirs) -> Iterator[WindowManager]:
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    windows = WindowManager(dirs, state, make_settings(dirs))
    windows.set_ready()
    yield windows
    for window in windows.windows:
        window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, message: shown.append(message))
    return shown


def workbook_file(folder: Path, name: str) -> Path:
    path = folder / f"{name}.workbook"
    document.create(path).close()
    return path


def opened(window: MainWindow) -> Path | None:
    return None if window.document is None else window.document.path


def test_file_open_of_a_workbook_another_window_has_raises_that_window(
    qtbot: QtBot,
    manager: WindowManager,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    one, two = workbook_file(tmp_path, "one"), workbook_file(tmp_path, "two")
    first, second = manager.open(one), manager.open(two)
    assert isinstance(first, MainWindow) and isinstance(second, MainWindow)
    assert first is not second and len(manager.windows) == 2
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)

    monkeypatch.setattr(prompts, "open_workbook_path", lambda *_args: one)
    second.file_menu.open_workbook()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert errors == [], "no 'already open' error: its window came up instead"
    assert second.document is not None and second.document.path == two
    assert first.document is not None and first.document.path == one


def test_the_one_empty_window_is_used_rather_than_a_new_one(
    manager: WindowManager, tmp_path: Path
) -> None:
    path = workbook_file(tmp_path, "one")
    window = manager.new_window()
    window.show()
    window.start(tmp_path / "missing.workbook", first_run=False)  # shows the closed page
    assert opened(window) is None
    assert manager.open(path) is window
    assert opened(window) == path
    assert len(manager.windows) == 1


def test_closed_windows_are_freed_and_quit_closes_every_window(
    qtbot: QtBot, manager: WindowManager, tmp_path: Path
) -> None:
    one, two, three = (workbook_file(tmp_path, name) for name in ("one", "two", "three"))
    windows = [manager.open(path) for path in (one, two, three)]
    assert len(manager.windows) == 3
    destroyed: list[bool] = []
    middle = windows[1]
    assert middle is not None
    middle.destroyed.connect(lambda: destroyed.append(True))
    middle.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert destroyed == [True]
    assert len(manager.windows) == 2
    assert not (tmp_path / "two.workbook.lock").exists(), "its workbook was closed"

    close_all_windows()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert manager.windows == []
    assert not list(tmp_path.glob("*.lock"))


def test_a_workbook_that_cannot_open_comes_up_in_a_window_that_says_why(
    manager: WindowManager, tmp_path: Path
) -> None:
    manager.open(workbook_file(tmp_path, "one"))
    junk = tmp_path / "junk.workbook"
    junk.write_bytes(b"not a database")
    window = manager.open(junk)
    assert window is not None and window.document is None
    assert "not a workbook" in window.closed_page.problem.text()
    assert len(manager.windows) == 2


def test_requests_before_the_first_workbook_wait_for_it(
    qtbot: QtBot, dirs: AppDirs, tmp_path: Path
) -> None:
    state = AppState(dirs.state_file, welcomed=True)
    windows = WindowManager(dirs, state, make_settings(dirs))
    first = windows.new_window()
    qtbot.addWidget(first)
    first.show()
    asked = workbook_file(tmp_path, "asked")
    assert windows.open(asked) is None, "held back until the first window has its workbook"
    first.start(workbook_file(tmp_path, "first"), first_run=False)
    windows.set_ready()
    assert len(windows.windows) == 2
    assert windows.window_for(asked) is windows.windows[-1]
    for window in windows.windows:
        if window is not first:
            window.close()


def test_a_file_open_event_opens_the_workbook_in_a_window(
    qtbot: QtBot, manager: WindowManager, tmp_path: Path
) -> None:
    # What macOS sends when Finder opens a workbook while the app runs.
    from PySide6.QtGui import QFileOpenEvent

    from workbook.ui.app import FileOpenEvents

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    watcher = FileOpenEvents(app, manager.open)
    try:
        one = workbook_file(tmp_path, "one")
        QApplication.sendEvent(app, QFileOpenEvent(str(one)))
        assert [opened(w) for w in manager.windows] == [one]
    finally:
        app.removeEventFilter(watcher)
        watcher.deleteLater()
