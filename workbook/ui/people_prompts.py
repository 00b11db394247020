"""The People page's questions to the user (file choosers, dialogs), replaceable in tests.

Like ``workbook.ui.prompts``: every place the page waits for the user goes through here, so a
test can answer instead, e.g. drive a real dialog and accept it in ``run_dialog``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

CONTACTS_FILTER = (
    "Contact files (*.csv *.vcf *.vcard *.txt);;CSV files (*.csv);;vCard files (*.vcf *.vcard);;"
    "All files (*)"
)
CSV_FILTER = "CSV files (*.csv)"
VCARD_FILTER = "vCard files (*.vcf)"


def contact_files(parent: QWidget, folder: Path) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, "Import Contacts", str(folder), CONTACTS_FILTER)
    return [Path(name) for name in names]


def export_path(parent: QWidget, title: str, suggested: Path, kind: str) -> Path | None:
    """Where to save an export; ``kind`` is "csv" or "vcard" (the right extension is added)."""
    file_filter, suffix = (CSV_FILTER, ".csv") if kind == "csv" else (VCARD_FILTER, ".vcf")
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog and wait; True when the user accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted
