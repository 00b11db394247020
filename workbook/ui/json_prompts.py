"""The questions the whole-workbook JSON import and export ask, replaceable in tests.

Like ``workbook.ui.prompts``: tests monkeypatch these functions to answer instead of a person.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

JSON_FILTER = "Workbook JSON (*.json);;All files (*)"
NEW, MERGE = "new", "merge"


def open_json_path(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import Whole Workbook", str(folder), JSON_FILTER)
    return Path(name) if name else None


def import_choice_box(parent: QWidget | None, source: str, name: str, people: int) -> QMessageBox:
    """The question: a new workbook from the file, or a merge into the open one."""
    noun = "person" if people == 1 else "people"
    box = QMessageBox(QMessageBox.Icon.Question, "Import Whole Workbook", "", parent=parent)
    box.setText(f"Make a new workbook from {source}, or merge it into {name}?")
    box.setInformativeText(
        f"{name} has {people} {noun}. A merge adds what is new; people who are in both are "
        "merged, not doubled. A merge cannot be undone."
    )
    new = box.addButton("Create a New Workbook", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(f"Merge into {name}", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new)
    return box


def import_choice(parent: QWidget, source: str, name: str, people: int) -> str | None:
    """NEW, MERGE, or None when the user cancels."""
    box = import_choice_box(parent, source, name, people)
    box.exec()
    role = box.buttonRole(box.clickedButton()) if box.clickedButton() else None
    if role == QMessageBox.ButtonRole.AcceptRole:
        return NEW
    if role == QMessageBox.ButtonRole.ActionRole:
        return MERGE
    return None
