"""File > Restore from Backup…: choose a copy, confirm, and put it in place of the workbook.

The workbook is closed for the restore (the restore takes its lock) and opened again after,
as it was if the restore failed. The undo is one more restore: the state before is kept as a
"before restore" copy, listed first the next time the dialog opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbook.ui import backup_prompts, prompts

if TYPE_CHECKING:
    from workbook.ui.main_window import MainWindow

MESSAGE_MS = 15000


def restore_from_backup(window: MainWindow) -> None:
    from workbook.core.backups import list_backups, restore_backup
    from workbook.core.errors import WorkbookError
    from workbook.ui.dialogs.restore_dialog import RestoreDialog, backup_date

    doc = window.document
    if doc is None:
        return
    path, name = doc.path, doc.name
    try:
        backups = list_backups(path, window.dirs.backups)
    except WorkbookError as exc:
        prompts.error(window, "Cannot list the backups", str(exc))
        return
    dialog = RestoreDialog(name, backups, window)
    try:
        chosen = dialog.selected_backup() if backup_prompts.run_dialog(dialog) else None
    finally:
        dialog.deleteLater()
    if chosen is None:
        return
    when = backup_date(chosen)
    if not backup_prompts.confirm_restore(window, chosen, when, name):
        return
    window.close_document()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    problem: str | None = None
    try:
        restore_backup(chosen.path, path, window.dirs.backups)
    except WorkbookError as exc:
        problem = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    opened = window.open_path(path)  # restored, or as it was when the restore failed
    if problem is not None:
        prompts.error(window, "Cannot restore the backup", problem)
    elif opened:
        window.statusBar().showMessage(
            f"Restored the backup of {when} — to undo, restore 'before restore' from "
            "File > Restore from Backup",
            MESSAGE_MS,
        )
