"""What the People page does to the workbook: the ``PeopleEditor`` its undo commands call,
and the user's actions that push those commands (add, edit, delete, merge, import, export).

Every change goes through the people service in one short unit of work, then updates the
page by id (one changed person in place; a full reload only after merges, imports and large
restores) and notifies the app once. A ``WorkbookError`` is shown in the status bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QStatusBar

from workbook.core.circles import circle_label
from workbook.core.dupes import SAME_NAME_NO_ORG
from workbook.core.errors import WorkbookError
from workbook.core.models import Circle, Strength
from workbook.ui import people_prompts, prompts
from workbook.ui.dialogs.import_dialog import ImportFlow
from workbook.ui.dialogs.merge_dialog import MergeDialog
from workbook.ui.pages.people_detail import FIELD_WORDS
from workbook.ui.people_undo import (
    AddPersonCommand,
    DeletePeopleCommand,
    EditPersonCommand,
    ImportCommand,
    MergePeopleCommand,
)

if TYPE_CHECKING:
    from workbook.core.people import DuplicateMatch, ImportPlan, ImportResult, MergeResult
    from workbook.ui.pages.people_page import PeoplePage

FEW = 20  # restoring more people than this reloads the whole list


class PeopleActions(QObject):
    """The page's changes to the workbook, undoable."""

    def __init__(self, page: PeoplePage) -> None:
        super().__init__(page)
        self.page = page
        self.context = page.context
        self._notifying = False
        self._folder: Path | None = None
        self.export_menu = QMenu(page)
        self.export_csv = QAction("As &CSV (Excel, Numbers, Sheets)…", self.export_menu)
        self.export_vcard = QAction("As &vCard (address books, phones)…", self.export_menu)
        self.export_menu.addAction(self.export_csv)
        self.export_menu.addAction(self.export_vcard)
        self.export_menu.aboutToShow.connect(self._on_export_menu_about_to_show)
        self.export_csv.triggered.connect(lambda: self.export("csv"))
        self.export_vcard.triggered.connect(lambda: self.export("vcard"))

    @property
    def notifying(self) -> bool:
        """True while the page announces its own change (it need not reload)."""
        return self._notifying

    # ------------------------------------------------------------ PeopleEditor

    def add_person(self, name: str, fields: dict[str, Any]) -> int | None:
        from workbook.core.people import add_person, get_person

        extra = dict(fields)
        circle = Circle(extra.pop("circle", Circle.OTHER.value))
        strength = Strength(extra.pop("strength", Strength.TEN.value))
        with self._reporting():
            person_id = add_person(self.context.sessions, name, circle, strength, **extra)
            self._show_added([get_person(self.context.sessions, person_id)])
            return person_id
        return None

    def update_person(self, person_id: int, fields: dict[str, Any]) -> bool:
        from workbook.core.people import get_person, update_person

        with self._reporting():
            change = update_person(self.context.sessions, person_id, **fields)
            row = get_person(self.context.sessions, person_id)
            names = bool({"name", "organisation"} & set(change.after))
            self.page.show_changed_person(row, names)
            self.page.table.select_ids([person_id], person_id)
            self._notify()
            return True
        return False

    def delete_people(self, ids: Sequence[int]) -> list[int]:
        from workbook.core.people import delete_people

        with self._reporting():
            deleted = delete_people(self.context.sessions, ids)
            position = min(self.page.model.positions_of(ids), default=0)
            with self.page.table.keeping_selection():
                self.page.model.remove_ids(deleted)
            if self.page.model.rowCount():
                nearest = self.page.model.person(min(position, self.page.model.rowCount() - 1))
                self.page.table.select_ids([nearest.id], nearest.id)
            self.page.people_changed()
            self._notify()
            return deleted
        return []

    def restore_people(self, ids: Sequence[int]) -> None:
        from workbook.core.people import get_person, restore_people

        with self._reporting():
            restore_people(self.context.sessions, ids)
            if len(ids) > FEW:
                self.page.reload()
                self.page.table.select_ids(ids, ids[0] if ids else None)
                self._notify()
            else:
                self._show_added([get_person(self.context.sessions, i) for i in ids])

    def merge_people(self, keep_id: int, other_ids: Sequence[int]) -> MergeResult | None:
        from workbook.core.people import merge_people

        with self._reporting():
            result = merge_people(self.context.sessions, keep_id, other_ids)
            self._reload_selecting([result.kept_id])
            return result
        return None

    def unmerge(self, result: MergeResult) -> bool:
        from workbook.core.people import unmerge

        with self._reporting():
            unmerge(self.context.sessions, result)
            self._reload_selecting([result.kept_id, *result.merged_ids])
            return True
        return False

    def apply_import(self, plan: ImportPlan) -> ImportResult | None:
        from workbook.core.people import apply_import

        with self._reporting():
            sessions = self.context.sessions
            result = ImportFlow.in_background(
                self.page, "Adding people…", lambda: apply_import(sessions, plan)
            )
            self._reload_selecting([*result.added_ids, *(c.id for c in result.merged)])
            return result
        return None

    def undo_import(self, result: ImportResult) -> bool:
        from workbook.core.people import undo_import

        with self._reporting():
            sessions = self.context.sessions
            ImportFlow.in_background(
                self.page, "Taking the import back…", lambda: undo_import(sessions, result)
            )
            self._reload_selecting([c.id for c in result.merged])
            return True
        return False

    # ------------------------------------------------------------ the user's actions

    def add_from_brainstorm(self, name: str, force: bool) -> None:
        from workbook.core.people import find_duplicates

        brainstorm = self.page.brainstorm
        prompt = brainstorm.current_prompt()
        fields: dict[str, Any] = {"circle": prompt.circle.value}
        if brainstorm.detail():
            fields["circle_detail"] = brainstorm.detail()
        matches = [] if force else find_duplicates(self.context.sessions, name)
        # A brainstorm has only names: the very same name is as sure as it gets, so it is
        # asked about like a certain match; a merely similar name gets a quiet hint.
        same = next((m for m in matches if m.certain or m.reason == SAME_NAME_NO_ORG), None)
        if same is not None:
            brainstorm.show_duplicate(name, self._already_listed(same), same.person_id)
            return
        command = AddPersonCommand(self, name, fields)
        self.context.undo_stack.push(command)
        if command.person_id is None:
            return
        brainstorm.name_box.clear()
        total, goal = self.page.model.total(), self.page.goal
        if total == goal:
            message = f"Added {name} — {total} of {goal}. That's your hundred: well done!"
        else:
            message = f"Added {name} — {total} of {goal}"
        self.context.status.showMessage(message, 6000)
        near = [m for m in matches if not m.certain and m.reason != SAME_NAME_NO_ORG]
        brainstorm.show_hint(
            f"Is this {near[0].name}, already on your list ({near[0].reason})? If so, merge "
            "them from the list."
            if near
            else ""
        )

    def edit(self, person_id: int, field: str, value: object, run: int | None) -> None:
        position = self.page.model.position_of(person_id)
        if position is not None:
            person = self.page.model.person(position)
        elif self.page.detail.person is not None and self.page.detail.person.id == person_id:
            person = self.page.detail.person
        else:
            return
        before = getattr(person, field)
        if before == value:
            return
        text = f"change {FIELD_WORDS.get(field, field)} of “{person.name}”"
        self.context.undo_stack.push(
            EditPersonCommand(self, person_id, field, before, value, text, run)
        )

    def delete(self, ids: list[int]) -> None:
        if not ids:
            self.context.status.showMessage("Select the people to delete first.", 4000)
            return
        names = [self.page.model.person(p).name
                 for p in map(self.page.model.position_of, ids[:1]) if p is not None]  # fmt: skip
        what = f"“{names[0]}”" if len(ids) == 1 and names else f"{len(ids)} people"
        if not self._confirm_meetings(ids, what):
            return
        self.context.undo_stack.push(DeletePeopleCommand(self, ids, f"delete {what}"))
        shown = names[0] if len(ids) == 1 and names else f"{len(ids)} people"
        self.context.status.showMessage(f"Deleted {shown} — Ctrl+Z to undo", 6000)

    def _confirm_meetings(self, ids: list[int], what: str) -> bool:
        """People with meetings: ask first, and say their history is kept."""
        from workbook.core.meetings import count_meetings_of

        count = count_meetings_of(self.context.sessions, ids)
        if not count:
            return True
        meetings = f"{count} meeting{'s' * (count != 1)}"
        return prompts.confirm(
            self.page,
            "Delete people with meetings?",
            f"Delete {what} from your list? They have {meetings}. The meetings, notes and "
            "follow-up history are kept, and Ctrl+Z brings them back.",
            "Delete",
        )

    def merge(self, ids: list[int]) -> None:
        if len(ids) < 2:
            self.context.status.showMessage("Select two or more people to merge.", 4000)
            return
        model = self.page.model
        people = [model.person(p) for p in model.positions_of(ids)]
        dialog = MergeDialog(people, self.page)
        accepted = people_prompts.run_dialog(dialog)
        keep_id = dialog.keep_id()
        dialog.deleteLater()
        if not accepted:
            return
        kept = next(row for row in people if row.id == keep_id)
        others = [row.id for row in people if row.id != keep_id]
        text = f"merge {len(people)} people into “{kept.name}”"
        self.page.detail.flush()
        self.context.undo_stack.push(MergePeopleCommand(self, keep_id, others, text))
        self.context.status.showMessage(
            f"Merged {len(people)} people into {kept.name} — Ctrl+Z to undo", 6000
        )

    def choose_and_import(self) -> None:
        paths = people_prompts.contact_files(self.page, self._folder or _documents())
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[Path]) -> None:
        self.page.detail.flush()
        for path in paths:
            self._folder = Path(path).parent
            flow = ImportFlow(self.page, self.context.sessions, Path(path))
            plan = flow.run()
            if plan is None:
                continue
            command = ImportCommand(self, plan, f"import {Path(path).name}")
            self.context.undo_stack.push(command)
            if command.result is not None:
                counts = command.result.counts
                self.context.status.showMessage(
                    f"Imported {Path(path).name}: {counts.get('add', 0)} added, "
                    f"{counts.get('merge', 0)} merged, {counts.get('skip', 0)} skipped "
                    "— Ctrl+Z to undo",
                    8000,
                )
        self.page.set_mode("list", focus=True)

    def export(self, kind: str) -> None:
        from workbook.core.formats.contacts import write_people_csv, write_people_vcard

        people = self.page.model.people()
        suffix = ".csv" if kind == "csv" else ".vcf"
        title = "Export People as CSV" if kind == "csv" else "Export People as vCard"
        suggested = (self._folder or _documents()) / f"people{suffix}"
        path = people_prompts.export_path(self.page, title, suggested, kind)
        if path is None:
            return
        self._folder = path.parent
        with self._reporting():
            (write_people_csv if kind == "csv" else write_people_vcard)(path, people)
            self.context.status.showMessage(f"Exported {len(people)} people to {path}", 8000)

    # ------------------------------------------------------------ helpers

    def _already_listed(self, match: DuplicateMatch) -> str:
        row = next((r for r in self.page.model.all_people() if r.id == match.person_id), None)
        where = ""
        if row is not None:
            where = circle_label(row.circle) + (
                f", {row.circle_detail}" if row.circle_detail else ""
            )
            where = f" ({where})"
        return (
            f"{match.name}{where} is already on your list. Is this someone else with the same "
            "name, or the same person?"
        )

    def _on_export_menu_about_to_show(self) -> None:
        shown, total = self.page.model.rowCount(), self.page.model.total()
        who = "everyone" if shown == total else f"the {shown} people shown"
        self.export_csv.setText(f"Export {who} as &CSV (Excel, Numbers, Sheets)…")
        self.export_vcard.setText(f"Export {who} as &vCard (address books, phones)…")

    def _show_added(self, rows: list[Any]) -> None:
        with self.page.table.keeping_selection():
            self.page.model.add_rows(rows)
        if rows:
            self.page.table.select_ids([row.id for row in rows], rows[0].id)
        self.page.people_changed()
        self._notify()

    def _reload_selecting(self, ids: Sequence[int]) -> None:
        self.page.reload()
        self.page.table.select_ids(ids, ids[0] if ids else None)
        self._notify()

    def _notify(self) -> None:
        self._notifying = True
        try:
            self.context.events.notify("people")
        finally:
            self._notifying = False

    def _reporting(self) -> _Reporting:
        return _Reporting(self.context.status)


class _Reporting:
    """A busy cursor while the workbook works; a refusal goes to the status bar, not up."""

    def __init__(self, status: QStatusBar) -> None:
        self.status = status

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: TracebackType | None
    ) -> bool:
        QApplication.restoreOverrideCursor()
        if isinstance(exc, WorkbookError):
            text = str(exc)
            self.status.showMessage(text[:1].upper() + text[1:], 8000)
            return True
        return False


def _documents() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()
