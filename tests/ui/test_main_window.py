"""The main window driven as a user would: navigator, keys, File menu, welcome, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from workbook.core import document
from workbook.core.people import add_person
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui import prompts
from workbook.ui.app import make_settings
from workbook.ui.main_window import MainWindow
from workbook.ui.steps import STEPS
from workbook.ui.widgets import navigator


def make_window(qtbot: QtBot, dirs: AppDirs, welcomed: bool = True) -> MainWindow:
    state = AppState.load(dirs.state_file)
    state.welcomed = state.welcomed or welcomed
    window = MainWindow(dirs, state, make_settings(dirs))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts only reach the active window
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, message: shown.append(message))
    return shown


def test_navigator_moves_between_pages_by_click_and_keys(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path, output_dir: Path
) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)
    assert window.windowTitle() == "fresh — 100 People Networking Workbook"
    assert window.navigator.badge("people") == "0 of 100"
    assert window.stack.currentWidget() is window.step_pages["target"]

    people_row = [s.key for s in STEPS].index("people")
    rect = window.navigator.visualRect(window.navigator.model().index(people_row, 0))
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.step_pages["people"]

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.step_pages["meetings"]
    assert window.navigator.current_key() == "meetings"
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is window.step_pages["print"]

    for step in STEPS:
        window.navigator.select(step.key)
        page = window.stack.currentWidget()
        assert step.purpose.split(":")[0][:30] in " ".join(
            label.text() for label in page.findChildren(type(window.closed_page.problem))
        )
        page.window().grab().save(str(output_dir / f"page-{step.key}.png"))


def test_the_first_frame_is_the_navigator_and_the_closed_page(qtbot: QtBot, dirs: AppDirs) -> None:
    window = make_window(qtbot, dirs)  # shown; start() has not run yet
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Go", "&Help"]
    assert window.navigator.count() == len(STEPS) and not window.navigator.isEnabled()
    assert window.stack.currentWidget() is window.closed_page
    assert window.windowTitle() == "100 People Networking Workbook"


def test_shortcuts_work_right_after_the_window_shows(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The menus' actions are built after the first paint; a key pressed before that still works.
    window = make_window(qtbot, dirs)
    monkeypatch.setattr(prompts, "open_workbook_path", lambda *_args: new_workbook)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.document is not None and window.document.path == new_workbook
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.step_pages["target"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.step_pages["people"]


def test_a_menu_opened_right_after_the_window_shows_is_complete(
    qtbot: QtBot, dirs: AppDirs
) -> None:
    window = make_window(qtbot, dirs)
    go_menu = window.menuBar().actions()[2].menu()
    assert isinstance(go_menu, QMenu)
    go_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(go_menu.isVisible)
    assert [a.shortcut().toString() for a in go_menu.actions()] == [
        "Ctrl+0",
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
        "Ctrl+5",
    ]
    go_menu.close()


def test_the_navigators_int_constants_are_the_qt_enums(qtbot: QtBot) -> None:
    # The navigator uses ints so the first frame needs no Qt namespace (bench/startup.py).
    role, align = Qt.ItemDataRole, Qt.AlignmentFlag
    assert role.DisplayRole.value == navigator.DISPLAY_ROLE
    assert role.AccessibleTextRole.value == navigator.ACCESSIBLE_TEXT_ROLE
    assert role.UserRole.value == navigator.KEY_ROLE
    assert align.AlignCenter.value == navigator.ALIGN_CENTER
    assert (align.AlignLeft | align.AlignVCenter).value == navigator.ALIGN_LEFT_VCENTER
    steps = navigator.StepNavigator()
    qtbot.addWidget(steps)
    assert steps.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_people_count_and_due_badges_follow_changes(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path
) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)
    assert window.document is not None
    add_person(window.document.sessions, "Олег Петров")
    window.events.notify("people")
    assert window.navigator.badge("people") == "1 of 100"
    assert window.navigator.badge("today") == ""


def test_first_run_welcome_then_start_my_workbook(
    qtbot: QtBot, dirs: AppDirs, output_dir: Path
) -> None:
    window = make_window(qtbot, dirs, welcomed=False)
    window.start(dirs.default_workbook, first_run=True)
    assert dirs.default_workbook.is_file(), "first run creates the workbook in the data folder"
    assert window.stack.currentWidget() is window.welcome_page
    window.grab().save(str(output_dir / "welcome.png"))
    qtbot.mouseClick(window.welcome_page.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.step_pages["target"]
    state = AppState.load(dirs.state_file)
    assert state.welcomed and state.recent == [dirs.default_workbook]


def test_welcome_opens_the_sample_workbook(qtbot: QtBot, dirs: AppDirs) -> None:
    window = make_window(qtbot, dirs, welcomed=False)
    window.start(dirs.default_workbook, first_run=True)
    qtbot.mouseClick(window.welcome_page.sample_button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.path == dirs.sample_workbook
    assert window.navigator.badge("people") == "100 of 100"
    assert window.stack.currentWidget() is window.step_pages["people"]
    assert "Sample workbook" in window.windowTitle()


def test_file_new_open_recent_and_close(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
    output_dir: Path,
) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)

    created = tmp_path / "Job search 2026.workbook"
    monkeypatch.setattr(prompts, "save_workbook_path", lambda *_args: created)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.document is not None and window.document.path == created
    assert window.windowTitle().startswith("Job search 2026 — ")
    assert not (tmp_path / "fresh.workbook.lock").exists(), "the previous workbook was closed"

    monkeypatch.setattr(prompts, "open_workbook_path", lambda *_args: new_workbook)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.document.path == new_workbook

    window.file_menu._fill_recent()
    labels = [a.text() for a in window.file_menu.recent_menu.actions() if a.text()]
    assert labels[:2] == ["&1 fresh", "&2 Job search 2026"]

    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.document is None
    assert window.stack.currentWidget() is window.closed_page
    assert not window.navigator.isEnabled()
    assert not window.file_menu.save_copy_action.isEnabled()
    window.grab().save(str(output_dir / "closed.png"))
    assert errors == []


def test_opening_a_bad_file_keeps_the_open_workbook(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)
    junk = tmp_path / "junk.workbook"
    junk.write_bytes(b"not a database at all")
    monkeypatch.setattr(prompts, "open_workbook_path", lambda *_args: junk)
    window.file_menu.open_workbook()
    assert errors == [f"{junk}: is not a workbook (not an SQLite database)"]
    assert window.document is not None and window.document.path == new_workbook
    assert junk.read_bytes() == b"not a database at all"


def test_a_workbook_open_elsewhere_shows_why_on_start(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path, output_dir: Path
) -> None:
    other = document.open_document(new_workbook)
    try:
        window = make_window(qtbot, dirs)
        window.start(new_workbook, first_run=False)
        assert window.document is None
        assert window.stack.currentWidget() is window.closed_page
        assert "already open in another window" in window.closed_page.problem.text()
        window.grab().save(str(output_dir / "already-open.png"))
    finally:
        other.close()


def test_save_a_copy_as(
    qtbot: QtBot,
    dirs: AppDirs,
    new_workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[str],
) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)
    copy = tmp_path / "copy.workbook"
    monkeypatch.setattr(prompts, "save_workbook_path", lambda *_args: copy)
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert errors == []
    assert document.inspect(copy).integrity == "ok"
    assert window.document is not None and window.document.path == new_workbook
    assert "Saved a copy" in window.statusBar().currentMessage()


def test_geometry_persists_between_runs(qtbot: QtBot, dirs: AppDirs, new_workbook: Path) -> None:
    window = make_window(qtbot, dirs)
    window.start(new_workbook, first_run=False)
    window.resize(720, 480)
    window.close()
    settings = QSettings(str(dirs.settings_file), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is not None
    again = make_window(qtbot, dirs)
    assert (again.width(), again.height()) == (720, 480)
    assert AppState.load(dirs.state_file).last == new_workbook


def _drop(window: MainWindow, paths: list[Path]) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropping_files_opens_a_workbook_or_imports_contacts(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, dirs)
    other = tmp_path / "other.workbook"
    document.create(other).close()
    window.start(new_workbook, first_run=False)

    _drop(window, [other])
    assert window.document is not None and window.document.path == other

    page = window.step_pages["people"]
    imported: list[list[Path]] = []
    monkeypatch.setattr(page, "import_files", imported.append)
    contacts = tmp_path / "Connections.csv"
    contacts.write_text("First Name,Last Name\nZoë,Ångström\n", encoding="utf-8")
    _drop(window, [contacts])
    assert imported == [[contacts]]
    assert window.stack.currentWidget() is page

    asked: list[bool] = []
    monkeypatch.setattr(page, "choose_and_import", lambda: asked.append(True))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]


def test_prep_sheet_button_opens_the_print_page_on_that_meeting(
    qtbot: QtBot, dirs: AppDirs, tmp_path: Path
) -> None:
    from datetime import date

    from workbook.core.meetings import list_meetings
    from workbook.core.sample import build_sample
    from workbook.ui.pages.meetings_page import MeetingsPage
    from workbook.ui.pages.print_page import PrintPage

    path = tmp_path / "sample.workbook"
    build_sample(path, today=date.today())
    window = make_window(qtbot, dirs)
    window.start(path, first_run=False)
    assert window.document is not None
    meetings = window.step_pages["meetings"]
    printing = window.step_pages["print"]
    assert isinstance(meetings, MeetingsPage) and isinstance(printing, PrintPage)
    chosen = list_meetings(window.document.sessions, statuses=["scheduled"])[-1]
    window.navigator.select("meetings")
    meetings.list.select(chosen.id)
    qtbot.mouseClick(meetings.editor.print_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is printing
    assert window.navigator.current_key() == "print"
    assert printing.options.choice().meeting_id == chosen.id
    qtbot.waitUntil(lambda: printing.preview.page_count == 1, timeout=15_000)
    window.close_document()  # stops the print page's worker before the file closes
    assert window.document is None
