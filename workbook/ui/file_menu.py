"""The File menu: New, Open, Open Recent, Import, Export, Save a Copy As, Restore, Close, Quit.

The main window builds it right after its first paint (start-up time, see main_window.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from workbook.ui import prompts

if TYPE_CHECKING:
    from workbook.ui.main_window import MainWindow


class FileMenu(QObject):
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        """Fills ``menu``, the window's File menu (its title is in the first frame)."""
        super().__init__(window)
        self.window = window
        self.new_action = self._action(
            "&New Workbook…", QKeySequence.StandardKey.New, self.new_workbook
        )
        self.open_action = self._action("&Open…", QKeySequence.StandardKey.Open, self.open_workbook)
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.import_action = self._action(
            "&Contacts…", QKeySequence("Ctrl+I"), lambda: window.import_contacts()
        )
        self.import_json_action = self._action(
            "&Whole Workbook (JSON)…", QKeySequence(), self.import_whole_workbook
        )
        self.export_json_action = self._action(
            "&Whole Workbook (JSON)…", QKeySequence("Ctrl+Shift+E"), self.export_whole_workbook
        )
        self.restore_action = self._action(
            "&Restore from Backup…", QKeySequence(), self.restore_from_backup
        )
        self.save_copy_action = self._action(
            "Save a &Copy As…", QKeySequence("Ctrl+Shift+S"), self.save_copy_as
        )
        self.close_action = self._action("&Close", QKeySequence("Ctrl+W"), window.close_document)
        from workbook.ui.windows import close_all_windows  # windows imports this module

        self.quit_action = self._action("&Quit", QKeySequence("Ctrl+Q"), close_all_windows)
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        import_menu = menu.addMenu("&Import")
        import_menu.addAction(self.import_action)
        import_menu.addAction(self.import_json_action)
        export_menu = menu.addMenu("&Export")
        export_menu.addAction(self.export_json_action)
        menu.addSeparator()
        menu.addAction(self.save_copy_action)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        menu.addAction(self.quit_action)
        self._fill_recent()

    def set_document_actions_enabled(self, enabled: bool) -> None:
        self.save_copy_action.setEnabled(enabled)
        self.import_action.setEnabled(enabled)
        self.export_json_action.setEnabled(enabled)
        self.restore_action.setEnabled(enabled)
        self.close_action.setEnabled(enabled)

    def new_workbook(self) -> None:
        from workbook.core import document
        from workbook.core.errors import WorkbookError

        path = prompts.save_workbook_path(
            self.window, "New Workbook", self._folder() / "New workbook.workbook"
        )
        if path is None:
            return
        if path.exists():
            prompts.error(
                self.window,
                "Cannot create the workbook",
                f"{path}: already exists. Open it, or choose another name.",
            )
            return
        try:
            document.create(path).close()
        except WorkbookError as exc:
            prompts.error(self.window, "Cannot create the workbook", str(exc))
            return
        if self.window.open_path(path):
            self.window.navigator.select("target")

    def open_workbook(self) -> None:
        path = prompts.open_workbook_path(self.window, self._folder())
        if path is not None:
            self.window.open_path(path)

    def save_copy_as(self) -> None:
        from workbook.core.errors import WorkbookError

        doc = self.window.document
        if doc is None:
            return
        suggested = doc.path.with_name(f"{doc.name} copy.workbook")
        path = prompts.save_workbook_path(self.window, "Save a Copy As", suggested)
        if path is None:
            return
        try:
            doc.save_copy_as(path)
        except WorkbookError as exc:
            prompts.error(self.window, "Cannot save the copy", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved a copy as {path}", 5000)

    def import_whole_workbook(self) -> None:
        """A workbook from a JSON export: as a new workbook, or merged into this one."""
        from workbook.ui.json_transfer import import_whole_workbook

        import_whole_workbook(self.window)

    def export_whole_workbook(self) -> None:
        from workbook.ui.json_transfer import export_whole_workbook

        export_whole_workbook(self.window)

    def restore_from_backup(self) -> None:
        from workbook.ui.backup_actions import restore_from_backup

        restore_from_backup(self.window)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.window.state.recent
        for number, path in enumerate(recent, start=1):
            label = f"&{number} {path.stem}" if number < 10 else path.stem
            action = self.recent_menu.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self._open_recent(p))
        if not recent:
            empty = self.recent_menu.addAction("No recent workbooks")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", self._clear_recent)

    def _open_recent(self, path: Path) -> None:
        if not path.exists():
            self.window.state.remove_recent(path)
            self.window.state.save()
            prompts.error(
                self.window, "Cannot open the workbook", f"{path}: does not exist any more"
            )
            return
        self.window.open_path(path)

    def _clear_recent(self) -> None:
        self.window.state.recent = []
        self.window.state.save()

    def _folder(self) -> Path:
        doc = self.window.document
        return doc.path.parent if doc is not None else Path.home()

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: object
    ) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action
