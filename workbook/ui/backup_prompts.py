"""The questions File > Restore from Backup… asks, replaceable in tests.

Like ``workbook.ui.prompts``: a test drives the real dialog in ``run_dialog`` and answers
``confirm_restore`` instead of a message box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from workbook.core.backups import BackupInfo
from workbook.ui import prompts


def run_dialog(dialog: QDialog) -> bool:
    """Show the restore dialog and wait; True when a copy was chosen."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm_restore(parent: QWidget, backup: BackupInfo, when: str, workbook_name: str) -> bool:
    """Ask before a restore; ``when`` is the copy's date as the dialog shows it."""
    return prompts.confirm(
        parent,
        "Restore from Backup",
        f"Go back to the copy of “{workbook_name}” from {when} ({backup.people} people, "
        f"{backup.meetings} meetings)?\n\nWhat is in the workbook now is kept as a "
        "“before restore” copy: restore that one to undo.",
        "Restore",
    )
