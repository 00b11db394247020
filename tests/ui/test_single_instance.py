"""Opening files from outside (issue #10): one app per data folder, one window per workbook.

A later start hands its workbook to the app already running (a real second process, too);
the running app opens it in a new window, or raises the window that has it open. Stale
sockets left by a crash do not block a start, and different data folders never meet.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QEvent, QPoint
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbook.core import document
from workbook.paths import AppDirs, configure
from workbook.recent import AppState
from workbook.ui.app import make_settings
from workbook.ui.main_window import MainWindow
from workbook.ui.single_instance import InstanceServer, hand_off, server_name
from workbook.ui.windows import WindowManager

REPO = Path(__file__).resolve().parents[2]
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL/SIGTERM")
CHILD_ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": "offscreen",
    "LANG": "C.UTF-8",
    "PYTHONPATH": str(REPO),
}


@pytest.fixture
def manager(qtbot: QtBot, dirs: AppDirs) -> Iterator[WindowManager]:
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    windows = WindowManager(dirs, state, make_settings(dirs))
    yield windows
    for window in windows.windows:
        window.close()  # frees itself (WA_DeleteOnClose) and closes its workbook
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def server(dirs: AppDirs, manager: WindowManager) -> Iterator[InstanceServer]:
    serving = InstanceServer(dirs)
    assert serving.listen()
    serving.open_requested.connect(manager.open)
    yield serving
    serving.close()


def workbook_file(folder: Path, name: str) -> Path:
    path = folder / f"{name}.workbook"
    document.create(path).close()
    return path


def first_window(qtbot: QtBot, manager: WindowManager, path: Path) -> MainWindow:
    """The window run_gui makes, with its workbook open."""
    window = manager.new_window()
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.start(path, first_run=False)
    manager.set_ready()
    return window


def hand_off_from_thread(qtbot: QtBot, dirs: AppDirs, path: Path | None, **kw: str) -> bool:
    """hand_off() blocks; from a thread, this process's event loop can answer it meanwhile."""
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(hand_off(dirs, path, **kw)))
    thread.start()
    qtbot.waitUntil(lambda: bool(result), timeout=10_000)
    thread.join()
    return result[0]


def socket_file(name: str) -> Path:
    """Where QLocalServer keeps a Unix socket of that name."""
    return Path(name) if os.path.isabs(name) else Path(QDir.tempPath(), name)


LOSES_THE_RACE = """
import sys
from workbook.cli import main
from workbook.ui import single_instance

real = single_instance.hand_off
calls = []

def slow_to_look(*args, **kwargs):
    # The first look finds nobody: the rival began serving just after it.
    calls.append(1)
    return False if len(calls) == 1 else real(*args, **kwargs)

single_instance.hand_off = slow_to_look
code = main(sys.argv[1:])
print(code, len(calls))
"""


def test_a_hand_off_opens_a_new_window_and_the_same_workbook_raises_its_window(
    qtbot: QtBot,
    dirs: AppDirs,
    tmp_path: Path,
    manager: WindowManager,
    server: InstanceServer,
    output_dir: Path,
) -> None:
    first_path = workbook_file(tmp_path, "Job search")
    other_path = workbook_file(tmp_path, "Олег's contacts")
    first = first_window(qtbot, manager, first_path)

    assert hand_off_from_thread(qtbot, dirs, other_path)
    qtbot.waitUntil(lambda: len(manager.windows) == 2)
    second = manager.windows[-1]
    assert second is not first
    assert second.document is not None and second.document.path == other_path
    assert first.document is not None and first.document.path == first_path
    assert second.pos() - first.pos() == QPoint(32, 32), "cascaded"
    assert AppState.load(dirs.state_file).recent[0] == other_path
    for number, window in enumerate((first, second), start=1):
        window.grab().save(str(output_dir / f"window-{number}.png"))

    # The workbook the first window has, by another name (a symlink): raised, not reopened.
    alias = tmp_path / "alias.workbook"
    alias.symlink_to(first_path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    assert hand_off_from_thread(qtbot, dirs, alias)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert hand_off_from_thread(qtbot, dirs, other_path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    assert len(manager.windows) == 2

    # `workbook` with no file: the window used last comes up.
    first.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    first.showMinimized()
    assert hand_off_from_thread(qtbot, dirs, None)
    qtbot.waitUntil(lambda: not first.isMinimized() and QApplication.activeWindow() is first)
    assert len(manager.windows) == 2


def test_a_second_process_hands_its_file_to_the_first_and_exits(
    qtbot: QtBot,
    dirs: AppDirs,
    tmp_path: Path,
    manager: WindowManager,
    server: InstanceServer,
    output_dir: Path,
) -> None:
    first = first_window(qtbot, manager, workbook_file(tmp_path, "first"))
    other = workbook_file(tmp_path, "Zoë's other")
    started = time.monotonic()
    child = subprocess.Popen(
        # A relative path, as a terminal gives it: read from the child's working folder.
        [sys.executable, "-m", "workbook", "--data-dir", str(dirs.data), other.name],
        cwd=tmp_path,
        env=CHILD_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        if child.poll() is None:
            child.kill()
        out, err = child.communicate()
    seconds = time.monotonic() - started
    assert (child.returncode, out, err) == (0, b"", b"")
    qtbot.waitUntil(lambda: len(manager.windows) == 2)
    second = manager.windows[-1]
    assert second is not first and second.document is not None
    assert second.document.path == other
    assert seconds < 15, f"the second process took {seconds:.1f} s"
    (output_dir / "second-process.txt").write_text(f"second process exited in {seconds:.2f} s\n")
    first.grab().save(str(output_dir / "two-processes-window-1.png"))
    second.grab().save(str(output_dir / "two-processes-window-2.png"))


HANDS_OFF = """
import sys
from workbook.cli import main
code = main(sys.argv[1:])
heavy = ("PySide6.QtWidgets", "workbook.ui.main_window")
print(code, *sorted(m for m in heavy if m in sys.modules))
"""


def test_a_start_that_hands_over_never_loads_the_widgets(
    qtbot: QtBot,
    dirs: AppDirs,
    tmp_path: Path,
    manager: WindowManager,
    server: InstanceServer,
) -> None:
    # It exits before making a QApplication: the running app hears from it sooner.
    first_window(qtbot, manager, workbook_file(tmp_path, "first"))
    other = workbook_file(tmp_path, "other")
    child = subprocess.Popen(
        [sys.executable, "-c", HANDS_OFF, "--data-dir", str(dirs.data), str(other)],
        env=CHILD_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        if child.poll() is None:
            child.kill()
        out, err = child.communicate()
    assert (out.split(), err) == (["0"], "")
    qtbot.waitUntil(lambda: manager.window_for(other) is not None)


def test_a_start_that_loses_the_race_to_serve_hands_over_and_closes(
    qtbot: QtBot,
    dirs: AppDirs,
    tmp_path: Path,
    manager: WindowManager,
    server: InstanceServer,
) -> None:
    first_window(qtbot, manager, workbook_file(tmp_path, "first"))
    other = workbook_file(tmp_path, "other")
    child = subprocess.Popen(
        [sys.executable, "-c", LOSES_THE_RACE, "--data-dir", str(dirs.data), str(other)],
        env=CHILD_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    finally:
        if child.poll() is None:
            child.kill()
        out, err = child.communicate()
    assert out.split() == ["0", "2"], err
    qtbot.waitUntil(lambda: manager.window_for(other) is not None)


@unix_only
def test_two_real_processes_the_running_app_opens_the_file(tmp_path: Path) -> None:
    """run_gui end to end: the first process serves, the second hands over and exits."""
    data = tmp_path / "data"
    first, other = workbook_file(tmp_path, "first"), workbook_file(tmp_path, "other")
    app = [sys.executable, "-m", "workbook", "--data-dir", str(data)]
    name = server_name(configure(data))
    running = subprocess.Popen([*app, str(first)], env=CHILD_ENV, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _lock_holder(first) == running.pid, "the first process opens its file")
        second = subprocess.run([*app, str(other)], env=CHILD_ENV, capture_output=True, timeout=30)
        assert (second.returncode, second.stdout, second.stderr) == (0, b"", b"")
        _wait_for(lambda: _lock_holder(other) == running.pid, "the running app opens the other")
        assert running.poll() is None
    finally:
        running.terminate()  # as a session ends it: no clean-up, the socket file stays
        running.wait(timeout=30)
        QLocalServer.removeServer(name)


@unix_only
def test_a_stale_socket_from_a_crash_does_not_block_start_up(
    qtbot: QtBot, dirs: AppDirs, tmp_path: Path, manager: WindowManager
) -> None:
    _crash_while_serving(dirs)
    name = server_name(dirs)
    assert socket_file(name).exists(), "the crashed app left its socket behind"

    started = time.monotonic()
    assert not hand_off(dirs, None)
    assert time.monotonic() - started < 1, "a stale socket refuses at once"

    serving = InstanceServer(dirs)
    try:
        assert serving.listen(), "the stale socket is replaced"
        serving.open_requested.connect(manager.open)
        first_window(qtbot, manager, workbook_file(tmp_path, "first"))
        assert hand_off_from_thread(qtbot, dirs, workbook_file(tmp_path, "second"))
        qtbot.waitUntil(lambda: len(manager.windows) == 2)
    finally:
        serving.close()
    assert not socket_file(name).exists(), "a clean exit removes its socket"


@unix_only
def test_a_start_after_a_crash_shows_its_window(dirs: AppDirs, tmp_path: Path) -> None:
    _crash_while_serving(dirs)
    path = workbook_file(tmp_path, "after the crash")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook",
            "--data-dir",
            str(dirs.data),
            str(path),
            "--exit-when-shown",
        ],
        env=CHILD_ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["shown", "loaded"]
    assert not socket_file(server_name(dirs)).exists()


def test_different_data_folders_never_hand_off_to_each_other(
    qtbot: QtBot,
    dirs: AppDirs,
    tmp_path: Path,
    manager: WindowManager,
    server: InstanceServer,
) -> None:
    first_window(qtbot, manager, workbook_file(tmp_path, "first"))
    elsewhere = configure(tmp_path / "elsewhere")
    assert server_name(elsewhere) != server_name(dirs)
    path = workbook_file(tmp_path, "second")
    asked: list[object] = []
    server.open_requested.connect(asked.append)

    assert not hand_off(elsewhere, path)
    # Even should two names collide, the app checks whose data folder a request is for.
    assert not hand_off_from_thread(qtbot, elsewhere, path, name=server.name)
    QApplication.processEvents()
    assert asked == [] and len(manager.windows) == 1


def test_a_second_server_does_not_take_the_name_from_a_live_one(
    dirs: AppDirs, server: InstanceServer
) -> None:
    rival = InstanceServer(dirs)
    assert not rival.listen()
    assert server.listening and socket_file(server.name).exists()


def test_garbage_on_the_socket_is_refused(
    qtbot: QtBot, server: InstanceServer, manager: WindowManager
) -> None:
    asked: list[object] = []
    server.open_requested.connect(asked.append)
    for line in (b"not json\n", b"[1, 2]\n", b'{"v": 99}\n', b'{"v": 1, "open": 3}\n'):
        assert server.answer(line) == b"no\n"
    QApplication.processEvents()
    assert asked == []


def _crash_while_serving(dirs: AppDirs) -> None:
    """An app that listens on ``dirs`` and is killed, as by a crash."""
    code = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from workbook.paths import configure\n"
        "from workbook.ui.single_instance import InstanceServer\n"
        "app = QCoreApplication([])\n"
        "server = InstanceServer(configure(sys.argv[1]))\n"
        "assert server.listen()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(dirs.data)], env=CHILD_ENV, timeout=60, check=False
    )
    assert result.returncode == -signal.SIGKILL


def _lock_holder(path: Path) -> int | None:
    """The process id in a workbook's lock file (core/lock.py writes it)."""
    try:
        text = path.with_name(path.name + ".lock").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out: {what}"
        time.sleep(0.05)
