"""File > Restore from Backup…: the open workbook's backup copies, newest first.

A table of date, reason, size and the people and meetings each copy holds; Enter (or a
double click, or Restore) chooses the selected copy, and the caller asks for confirmation.
After a restore the "before restore" copy is the newest, so it comes first: restoring it
undoes the restore. A copy that cannot be read is shown greyed, with its problem as a tooltip,
and cannot be chosen. With no copies yet, the dialog says when one will be made.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.backups import BackupInfo, format_size

COLUMNS = ("Date", "Reason", "Size", "People", "Meetings")
EMPTY_TEXT = "No backups yet: one is made each day you open this workbook"
_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def backup_date(info: BackupInfo) -> str:
    """The local date and time a copy was made, as the table shows it."""
    return info.made_at.astimezone().strftime("%Y-%m-%d %H:%M")


class RestoreDialog(QDialog):
    """Choose one of a workbook's backup copies to restore."""

    def __init__(
        self, workbook_name: str, backups: Sequence[BackupInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.backups = list(backups)
        intro = QLabel(
            f"Choose a copy of “{workbook_name}” to go back to. What is in the workbook now is "
            "kept as a copy first, so you can undo the restore here too."
        )
        intro.setWordWrap(True)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.table = QTableWidget(len(self.backups), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the buttons
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Backup copies, newest first")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fill()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(buttons)
        # Only once the button is inside the dialog does the dialog take it as its default.
        self.restore_button.setDefault(True)
        has_rows = bool(self.backups)
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self._select_first_usable()
        self._on_table_item_selection_changed()
        (self.table if has_rows else buttons).setFocus()
        self.resize(640, 360)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.backups[rows[0].row()]
        return info if info.problem is None else None

    def accept(self) -> None:
        if self.selected_backup() is not None:  # Enter on nothing usable does nothing
            super().accept()

    def _fill(self) -> None:
        for row, info in enumerate(self.backups):
            people = "—" if info.people is None else str(info.people)
            meetings = "—" if info.meetings is None else str(info.meetings)
            cells = (
                backup_date(info),
                info.reason if info.problem is None else f"{info.reason} — cannot be read",
                format_size(info.size),
                people,
                meetings,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(info.name if info.problem is None else info.problem)
                if column >= 2:
                    item.setTextAlignment(_NUMBER_ALIGN)
                if info.problem is not None:  # shown, but cannot be chosen
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.table.setItem(row, column, item)

    def _select_first_usable(self) -> None:
        for row, info in enumerate(self.backups):
            if info.problem is None:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)
                return

    def _on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)
