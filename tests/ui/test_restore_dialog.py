"""File > Restore from Backup…: the dialog on a real workbook, Enter, confirm, restore, undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from workbook.core import document
from workbook.core.backups import DAILY, BackupInfo, backup_now, list_backups
from workbook.core.people import add_person, list_people
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui import backup_prompts, prompts
from workbook.ui.app import make_settings
from workbook.ui.backup_actions import restore_from_backup
from workbook.ui.dialogs.restore_dialog import EMPTY_TEXT, RestoreDialog
from workbook.ui.main_window import MainWindow

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
Driver = Callable[[RestoreDialog], None]


@pytest.fixture
def window(qtbot: QtBot, dirs: AppDirs, new_workbook: Path) -> MainWindow:
    """The window on a workbook with Zoë in a copy from March, and Олег added since."""
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "Zoë Ångström")
    backup_now(new_workbook, dirs.backups, DAILY, now=START)
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    win = MainWindow(dirs, state, make_settings(dirs))
    qtbot.addWidget(win)
    win.show()
    win.start(new_workbook, first_run=False)  # also makes today's copy (Zoë only)
    assert win.document is not None
    add_person(win.document.sessions, "Олег Петров")
    win.events.notify("people")
    return win


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[object]]:
    """Records what was asked: the confirmations (answered yes) and any error."""
    seen: dict[str, list[object]] = {"confirm": [], "error": []}

    def confirm(_parent: object, backup: BackupInfo, when: str, name: str) -> bool:
        seen["confirm"].append((backup, when, name))
        return True

    monkeypatch.setattr(backup_prompts, "confirm_restore", confirm)
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: seen["error"].append(message))
    return seen


def drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, driver: Driver) -> None:
    """Show the real dialog, let ``driver`` act as the user, and report whether it accepted."""

    def run_dialog(dialog: QDialog) -> bool:
        assert isinstance(dialog, RestoreDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        driver(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(backup_prompts, "run_dialog", run_dialog)


def rows(dialog: RestoreDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def people(window: MainWindow) -> set[str]:
    assert window.document is not None
    return {row.name for row in list_people(window.document.sessions)}


def test_restore_with_enter_then_undo(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, list[object]],
    output_dir: Path,
) -> None:
    march = START.astimezone().strftime("%Y-%m-%d %H:%M")

    def choose_march(dialog: RestoreDialog) -> None:
        shown = rows(dialog)
        assert len(shown) == 2
        assert shown[1][0] == march and shown[1][1] == "daily"
        assert [row[3:] for row in shown] == [["1", "0"], ["1", "0"]]
        assert shown[0][2].endswith("KB")
        assert dialog.table.currentRow() == 0, "the newest is selected"
        dialog.grab().save(str(output_dir / "restore-dialog.png"))
        dialog.table.setFocus()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    drive(monkeypatch, qtbot, choose_march)
    restore_from_backup(window)
    ((chosen, when, name),) = answers["confirm"]  # type: ignore[misc]
    assert isinstance(chosen, BackupInfo) and chosen.made_at == START
    assert (when, name) == (march, "fresh")
    assert answers["error"] == []
    assert window.document is not None and window.document.is_open
    assert people(window) == {"Zoë Ångström"}, "Олег, added after the copy, is gone"
    assert window.navigator.badge("people") == "1 of 100"
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Restored the backup of {march} — to undo, restore")
    window.grab().save(str(output_dir / "after-restore.png"))

    def undo(dialog: RestoreDialog) -> None:
        first = rows(dialog)[0]
        assert first[1] == "before restore" and first[3] == "2"
        dialog.grab().save(str(output_dir / "restore-dialog-undo.png"))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Enter)

    drive(monkeypatch, qtbot, undo)
    window.file_menu.restore_action.trigger()  # File > Restore from Backup…
    assert people(window) == {"Zoë Ångström", "Олег Петров"}, "the undo brings Олег back"
    assert window.navigator.badge("people") == "2 of 100"


def test_cancel_changes_nothing(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, list[object]],
) -> None:
    drive(monkeypatch, qtbot, lambda dialog: qtbot.keyClick(dialog.table, Qt.Key.Key_Escape))
    before = window.document
    restore_from_backup(window)
    assert answers["confirm"] == [] and window.document is before
    assert people(window) == {"Zoë Ångström", "Олег Петров"}


def test_a_failed_restore_reopens_the_workbook_as_it_was(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, list[object]],
) -> None:
    def choose_then_spoil(dialog: RestoreDialog) -> None:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        chosen = dialog.selected_backup()
        assert chosen is not None
        chosen.path.write_bytes(b"spoilt after it was listed")

    drive(monkeypatch, qtbot, choose_then_spoil)
    restore_from_backup(window)
    (problem,) = answers["error"]
    assert "is not a workbook" in str(problem)
    assert window.document is not None and window.document.is_open
    assert people(window) == {"Zoë Ångström", "Олег Петров"}


def test_a_damaged_copy_is_shown_but_cannot_be_chosen(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path, output_dir: Path
) -> None:
    good = backup_now(new_workbook, dirs.backups, DAILY, now=START)
    good.with_name("2026-03-03T120000Z daily.workbook").write_bytes(b"garbage")
    dialog = RestoreDialog("fresh", list_backups(new_workbook, dirs.backups))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert rows(dialog)[0][3:] == ["—", "—"]
    assert "not a workbook" in dialog.table.item(0, 0).toolTip()
    assert dialog.table.currentRow() == 1, "the first usable copy is selected"
    damaged = dialog.table.visualItemRect(dialog.table.item(0, 0)).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=damaged)
    chosen = dialog.selected_backup()
    assert chosen is not None and chosen.path == good, "a click on it changes nothing"
    dialog.grab().save(str(output_dir / "restore-dialog-damaged.png"))


def test_the_empty_state_says_when_a_copy_is_made(qtbot: QtBot, output_dir: Path) -> None:
    dialog = RestoreDialog("fresh", [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty_label.isVisible() and dialog.empty_label.text() == EMPTY_TEXT
    assert not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.grab().save(str(output_dir / "restore-dialog-empty.png"))
