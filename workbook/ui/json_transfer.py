"""File > Export / Import > Whole workbook (JSON…): the Qt side of workbook_json.

Each function takes the main window (its ``document``, ``events``, ``statusBar()`` and
``open_path``); every question goes through ``json_prompts`` or ``prompts``. The work runs on
the GUI thread under a wait cursor: 10,000 people take a second or two.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbook.core.errors import WorkbookError
from workbook.ui import json_prompts, prompts

if TYPE_CHECKING:
    from workbook.core.formats.workbook_json_read import WorkbookData
    from workbook.ui.main_window import MainWindow

# Everything a merge may have changed: every page refreshes.
CHANGED = ("people", "advice", "target", "organisations", "meetings", "followups", "give_back",
           "questions", "referrals", "ranking", "settings")  # fmt: skip


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def export_whole_workbook(window: MainWindow) -> None:
    """Save every record of the open workbook as one JSON file."""
    from workbook.core.formats.workbook_json import export_workbook

    doc = window.document
    if doc is None:
        return
    suggested = doc.path.parent / f"{doc.name}.json"
    path = prompts.save_file_path(
        window, "Export Whole Workbook", suggested, json_prompts.JSON_FILTER, ".json"
    )
    if path is None:
        return
    try:
        with wait_cursor():
            summary = export_workbook(doc.sessions, path)
    except WorkbookError as exc:
        prompts.error(window, "Cannot export the workbook", str(exc))
        return
    noun = "person" if summary.people == 1 else "people"
    window.statusBar().showMessage(
        f"Exported {summary.people} {noun} and every record to {path}", 8000
    )


def import_whole_workbook(window: MainWindow) -> None:
    """A workbook JSON file as a new workbook, or merged into the open one."""
    from workbook.core.formats.workbook_json_read import read_workbook_json
    from workbook.core.people import count_people

    doc = window.document
    folder = doc.path.parent if doc is not None else Path.home()
    source = json_prompts.open_json_path(window, folder)
    if source is None:
        return
    try:
        with wait_cursor():
            data = read_workbook_json(source)
    except WorkbookError as exc:
        prompts.error(window, "Cannot import the file", str(exc))
        return
    choice = json_prompts.NEW
    if doc is not None:
        people = count_people(doc.sessions)
        answer = json_prompts.import_choice(window, source.name, doc.name, people)
        if answer is None:
            return
        choice = answer
    if choice == json_prompts.MERGE:
        _merge(window, data)
    else:
        _create(window, data, folder / f"{source.stem}.workbook")


def _create(window: MainWindow, data: WorkbookData, suggested: Path) -> None:
    from workbook.core.formats.workbook_json_write import import_workbook_json

    path = prompts.save_workbook_path(window, "New Workbook from JSON", suggested)
    if path is None:
        return
    if path.exists():
        prompts.error(
            window,
            "Cannot create the workbook",
            f"{path}: already exists; choose a new name (or open it and merge into it)",
        )
        return
    try:
        with wait_cursor():
            import_workbook_json(data, path)
    except WorkbookError as exc:
        prompts.error(window, "Cannot create the workbook", str(exc))
        return
    if window.open_path(path):
        people = len(data.tables["people"])
        noun = "person" if people == 1 else "people"
        window.statusBar().showMessage(f"Created {path.name} with {people} {noun}", 8000)


def _merge(window: MainWindow, data: WorkbookData) -> None:
    from workbook.core.formats.workbook_json_write import import_into

    doc = window.document
    assert doc is not None
    try:
        with wait_cursor():
            summary = import_into(doc.sessions, data, doc.path, merge=True)
    except WorkbookError as exc:
        prompts.error(window, "Cannot merge the file", str(exc))
        return
    window.events.notify(*CHANGED)
    added, matched = summary.people_added, summary.people_matched
    window.statusBar().showMessage(
        f"Merged {data.source.name} into {doc.name}: {added} "
        f"{'person' if added == 1 else 'people'} added, {matched} already there (not doubled)",
        8000,
    )
