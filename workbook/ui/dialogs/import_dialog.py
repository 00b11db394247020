"""Importing a contact file: read it, map its columns (plain CSV), preview, then apply.

``ImportFlow.run`` walks the steps and returns the plan the user accepted (or None). Reading
and planning run on a worker thread while a progress dialog shows (only if they take a
moment), so the window keeps painting; the main thread does not touch the workbook meanwhile.
The preview lists who will be added, merged and skipped, with line numbers and reasons, and
asks about near misses: each is added as a new person unless the user unticks it, which
merges it into the person it resembles.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import CIRCLES
from workbook.core.errors import WorkbookError
from workbook.ui import people_prompts, prompts
from workbook.ui.dialogs.import_items import ADD, CHECK, MERGE, SKIP, ItemsView

if TYPE_CHECKING:
    from workbook.core.db import SessionFactory
    from workbook.core.formats.contacts import ColumnMapping, ContactFile
    from workbook.core.people import ImportPlan

T = TypeVar("T")
SHOW_PROGRESS_AFTER_S = 0.15
# The fields a plain CSV's columns can fill, in the order the mapping step asks.
MAPPED = (("name", "Full name"), ("first_name", "First name"), ("last_name", "Last name"),
          ("email", "Email"), ("phone", "Phone"), ("organisation", "Organisation"),
          ("title", "Title"), ("location", "Location"), ("profile_url", "Profile URL"),
          ("notes", "Notes"))  # fmt: skip
IDENTITY = frozenset({"name", "first_name", "last_name", "email", "phone"})
FORMAT_WORDS = {"linkedin": "a LinkedIn export", "google": "a Google Contacts export",
                "outlook": "an Outlook export", "vcard": "a vCard file",
                "csv": "a CSV file"}  # fmt: skip


def in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T:
    """Run ``work`` on a worker thread; a busy progress dialog shows if it takes a moment."""
    results: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(work())
        except BaseException as exc:  # handed to the caller's thread below
            errors.append(exc)

    thread = threading.Thread(target=target, name="import", daemon=True)
    thread.start()
    thread.join(SHOW_PROGRESS_AFTER_S)
    if thread.is_alive():
        progress = QProgressDialog(label, "", 0, 0, parent)
        progress.setWindowTitle("Import Contacts")
        progress.setCancelButton(None)  # None hides the button
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(30)
        timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
        timer.start()
        loop.exec()
        timer.stop()
        progress.close()
        progress.deleteLater()
    thread.join()
    if errors:
        raise errors[0]
    return results[0]


class ImportFlow:
    """One file through reading, the column mapping (plain CSV) and the preview."""

    in_background = staticmethod(in_background)

    def __init__(self, parent: QWidget, sessions: SessionFactory, path: Path) -> None:
        self.parent, self.sessions, self.path = parent, sessions, path

    def run(self) -> ImportPlan | None:
        from workbook.core.formats.contacts import read_contacts
        from workbook.core.people import plan_import

        path, sessions = self.path, self.sessions
        try:
            contacts = in_background(
                self.parent, f"Reading {path.name}…", lambda: read_contacts(path)
            )
            mapping: ColumnMapping | None = None
            if contacts.format == "csv":
                mapping = self._ask_mapping(contacts, None)
                if mapping is None:
                    return None
                contacts = self._read_mapped(mapping)
            while True:
                plan = in_background(
                    self.parent,
                    "Looking for people already on your list…",
                    lambda read=contacts: plan_import(sessions, read),  # type: ignore[misc]
                )
                dialog = ImportDialog(plan, self.parent)
                accepted = people_prompts.run_dialog(dialog)
                dialog.deleteLater()
                if accepted:
                    return dialog.final_plan()
                if not dialog.wants_mapping:
                    return None
                mapping = self._ask_mapping(contacts, mapping)
                if mapping is None:
                    return None
                contacts = self._read_mapped(mapping)
        except WorkbookError as exc:
            prompts.error(self.parent, "Cannot import this file", str(exc))
            return None

    def _read_mapped(self, mapping: ColumnMapping) -> ContactFile:
        from workbook.core.formats.contacts import read_contacts

        path = self.path
        return in_background(
            self.parent, f"Reading {path.name}…", lambda: read_contacts(path, "csv", mapping)
        )

    def _ask_mapping(
        self, contacts: ContactFile, previous: ColumnMapping | None
    ) -> ColumnMapping | None:
        from workbook.core.formats.contacts import suggest_mapping

        start = previous if previous is not None else suggest_mapping(contacts.columns)
        dialog = MappingDialog(contacts, start, self.parent)
        accepted = people_prompts.run_dialog(dialog)
        dialog.deleteLater()  # after this call returns: its choices are still readable here
        return dialog.mapping() if accepted else None


class MappingDialog(QDialog):
    """Which column holds what, for a plain CSV (pre-filled with a guess from the header)."""

    def __init__(
        self, contacts: ContactFile, mapping: ColumnMapping, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which Column Is Which?")
        intro = QLabel(
            f"{contacts.path.name} is a plain CSV file with {len(contacts.columns)} columns. "
            "Say which column holds what; a name, an email or a phone is enough."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for field, label in MAPPED:
            combo = QComboBox()
            combo.addItem("—", "")
            for column in contacts.columns:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(field, ""))))
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            combo.setAccessibleName(label)
            self.combos[field] = combo
            form.addRow(f"{label}:", combo)
        self.problem = QLabel("Pick the column with a name, an email or a phone.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = buttons.addButton("Next", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.next_button.setDefault(True)  # in the dialog first: Cancel wins
        self.setMinimumWidth(480)
        self._on_combo_current_index_changed()

    def mapping(self) -> ColumnMapping:
        return {field: combo.currentData() for field, combo in self.combos.items()
                if combo.currentData()}  # fmt: skip

    def choose(self, field: str, column: str) -> None:
        combo = self.combos[field]
        combo.setCurrentIndex(max(0, combo.findData(column)))

    def _on_combo_current_index_changed(self) -> None:
        usable = bool(IDENTITY & self.mapping().keys())
        self.next_button.setEnabled(usable)
        self.problem.setVisible(not usable)


class ImportDialog(QDialog):
    """The preview: what the import adds, merges and skips, and the near misses to check."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Contacts")
        self.plan = plan
        self.wants_mapping = False
        source = plan.source
        records = len(source.records) + len(source.skipped)
        about = QLabel(
            f"{source.path.name} — {FORMAT_WORDS.get(source.format, source.format)} with "
            f"{records:,} {'entry' if records == 1 else 'entries'}."
        )
        about.setWordWrap(True)
        counts = plan.counts
        self.summary = QLabel(
            f"{counts.get('add', 0):,} to add · {counts.get('merge', 0):,} to merge with people "
            f"already on your list · {counts.get('skip', 0):,} skipped"
        )
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.circle = QComboBox()
        for prompt in CIRCLES:
            self.circle.addItem(prompt.label, prompt.circle.value)
        self.circle.setCurrentIndex(max(0, self.circle.findData(plan.circle)))
        circle_row = QHBoxLayout()
        circle_label = QLabel("Put the people added in the &circle:")
        circle_label.setBuddy(self.circle)
        circle_row.addWidget(circle_label)
        circle_row.addWidget(self.circle)
        circle_row.addStretch(1)

        self.tabs = QTabWidget()
        self.views: dict[str, ItemsView] = {}
        near = [item for item in plan.items if item.action == "add" and item.similar_to]
        groups = {
            CHECK: near,
            ADD: [item for item in plan.items if item.action == "add"],
            MERGE: [item for item in plan.items if item.action == "merge"],
            SKIP: [item for item in plan.items if item.action == "skip"],
        }
        titles = {CHECK: "Check", ADD: "Add", MERGE: "Merge", SKIP: "Skipped"}
        for kind, items in groups.items():
            if kind == CHECK and not items:
                continue
            view = ItemsView(kind, items)
            self.views[kind] = view
            self.tabs.addTab(view, f"{titles[kind]} ({len(items):,})")
        self.nothing = QLabel("Nothing new to import: everyone in this file is on your list.")
        self.nothing.setVisible(not counts.get("add", 0) and not counts.get("merge", 0))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not self.nothing.isVisible())
        self.columns_button: QPushButton | None = None
        if source.format == "csv":
            self.columns_button = buttons.addButton(
                "Change columns…", QDialogButtonBox.ButtonRole.ResetRole
            )
            self.columns_button.clicked.connect(self._on_columns_button_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.summary)
        if near:
            hint = QLabel(
                f"{len(near)} {'entry looks' if len(near) == 1 else 'entries look'} like someone "
                "already on your list. Ticked ones are added as new people; untick one to "
                "merge it into the person it resembles."
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(circle_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.nothing)
        layout.addWidget(buttons)
        self.import_button.setDefault(True)  # in the dialog first: Cancel wins
        self.resize(760, 520)

    def final_plan(self) -> ImportPlan:
        """The plan with the user's choices: the circle, and near misses to merge instead."""
        plan = dataclasses.replace(self.plan, circle=str(self.circle.currentData()))
        check = self.views.get(CHECK)
        for item in [] if check is None else check.items_model.unticked():
            target = next((m.person_id for m in item.similar_to if m.person_id), None)
            if target is None:  # it resembles an earlier entry of this file: leave it out
                plan = plan.choose(item.line, "skip")
            else:
                plan = plan.choose(item.line, "merge", target)
        return plan

    def _on_columns_button_clicked(self) -> None:
        self.wants_mapping = True
        self.reject()
