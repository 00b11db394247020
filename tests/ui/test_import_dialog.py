"""Importing contacts from the People page: preview, column mapping, near misses, one undo."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import page_context

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.people import add_person, list_people
from workbook.paths import AppDirs
from workbook.ui import people_prompts, prompts
from workbook.ui.dialogs import import_dialog
from workbook.ui.dialogs.import_dialog import ImportDialog, MappingDialog, in_background
from workbook.ui.dialogs.import_items import ADD, CHECK, MERGE, SKIP
from workbook.ui.pages.people_page import LIST, PeoplePage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"
Answer = Callable[[QDialog], bool]


class Dialogs:
    """Answers the import's dialogs in order, keeping each one to look at afterwards."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.seen: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        assert self.answers, f"an unexpected {type(dialog).__name__}"
        return self.answers.pop(0)(dialog)


@pytest.fixture
def page(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[PeoplePage]:
    with document.open_document(new_workbook) as doc:
        context, _seen = page_context(qtbot, doc.sessions, dirs)
        built = PeoplePage(context)
        qtbot.addWidget(built)
        built.resize(1200, 760)
        built.show()
        yield built


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, message: shown.append(message))
    return shown


def names(sessions: SessionFactory) -> list[str]:
    return sorted(row.name for row in list_people(sessions))


def test_a_linkedin_export_previewed_imported_and_undone_in_one_step(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch, errors: list[str], output_dir: Path
) -> None:
    def preview(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        assert (
            "linkedin_connections.csv — a LinkedIn export"
            in dialog.findChildren(type(dialog.summary))[0].text()
        )
        assert dialog.plan.counts["add"] > 0 and dialog.columns_button is None
        added = dialog.views[ADD].items_model
        assert [added.data(added.index(0, c)) for c in range(2)][1] == "Zoë Ångström"
        lines = [int(added.data(added.index(r, 0))) for r in range(added.rowCount())]
        assert lines == sorted(lines) and lines[0] > 1, "file line numbers, in order"
        dialog.circle.setCurrentIndex(dialog.circle.findData("work"))
        dialog.grab().save(str(output_dir / "import-preview.png"))
        return True

    dialogs = Dialogs(preview)
    monkeypatch.setattr(people_prompts, "run_dialog", dialogs)
    page.import_files([FIXTURES / "linkedin_connections.csv"])
    assert errors == []
    sessions = page.context.sessions
    imported = list_people(sessions)
    assert len(imported) == dialogs.seen[0].plan.counts["add"]  # type: ignore[attr-defined]
    assert {row.circle for row in imported} == {"work"}
    assert page.mode() == LIST and page.model.total() == len(imported)
    status = page.context.status.currentMessage()
    assert status.startswith("Imported linkedin_connections.csv: ") and "Ctrl+Z" in status
    assert page.context.undo_stack.count() == 1
    page.undo()
    assert list_people(sessions) == [] and page.model.total() == 0
    page.redo()
    assert len(list_people(sessions)) == len(imported)


def test_a_refused_undo_never_imports_twice(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    from datetime import UTC, datetime

    from workbook.core.models import Meeting

    monkeypatch.setattr(people_prompts, "run_dialog", Dialogs(lambda _dialog: True))
    page.import_files([FIXTURES / "linkedin_connections.csv"])
    sessions = page.context.sessions
    imported = names(sessions)
    # One of them gets a meeting: taking the import back would now lose history, so the
    # people service refuses the undo.
    with sessions.begin() as session:
        person_id = list_people(sessions)[0].id
        session.add(
            Meeting(
                person_id=person_id, uid="after-import", status="idea", created_at=datetime.now(UTC)
            )
        )
    page.undo()
    assert names(sessions) == imported
    assert page.context.status.currentMessage() != ""
    page.redo()  # must not add everyone a second time
    assert names(sessions) == imported


def test_a_plain_csv_asks_which_column_is_which(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch, errors: list[str], output_dir: Path
) -> None:
    def mapping(dialog: QDialog) -> bool:
        assert isinstance(dialog, MappingDialog)
        assert dialog.mapping()["name"] == "Full Name", "pre-filled from the header"
        assert dialog.next_button.isDefault(), "Enter goes on, not Cancel"
        suggested = dialog.mapping()
        for field in ("name", "email", "phone"):
            dialog.choose(field, "")
        assert not dialog.next_button.isEnabled() and not dialog.problem.isHidden()
        for field in ("name", "email", "phone"):
            dialog.choose(field, suggested[field])
        dialog.choose("organisation", "Employer")
        dialog.choose("notes", "Favourite colour")
        assert dialog.next_button.isEnabled()
        dialog.grab().save(str(output_dir / "import-mapping.png"))
        return True

    def back_to_columns(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog) and dialog.columns_button is not None
        assert dialog.import_button.isDefault(), "Enter imports, not Cancel"
        dialog.columns_button.click()
        return False

    def again(dialog: QDialog) -> bool:
        assert isinstance(dialog, MappingDialog)
        assert dialog.mapping()["notes"] == "Favourite colour", "the last choice is kept"
        dialog.choose("notes", "Comments")
        return True

    def preview(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        assert dialog.plan.counts == {"add": 3, "merge": 0, "skip": 0}
        added = dialog.views[ADD].items_model
        assert [added.data(added.index(r, 0)) for r in range(3)] == ["2", "3", "5"]
        assert dialog.views[SKIP].items_model.rowCount() == 0
        return True

    monkeypatch.setattr(
        people_prompts, "run_dialog", Dialogs(mapping, back_to_columns, again, preview)
    )
    page.import_files([FIXTURES / "plain_tab.tsv"])
    assert errors == []
    people = {row.name: row for row in list_people(page.context.sessions)}
    assert sorted(people) == ["Seán O'Brien", "Zoë Ångström", "李小龙"]
    assert people["Zoë Ångström"].organisation == "Nordlys AB"
    assert people["Zoë Ångström"].notes == 'Tabs & "quotes" test'


def test_near_misses_are_asked_about_and_can_merge_instead(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    sessions = page.context.sessions
    zoe = add_person(sessions, "Zoë Ångström")
    page.reload()

    def preview(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        check = dialog.views[CHECK]
        assert dialog.tabs.tabText(0).startswith("Check (")
        model = check.items_model
        row = next(r for r in range(model.rowCount()) if model.items[r].name == "Zoë Ångström")
        assert model.ticked[row], "a near miss is added unless the user says otherwise"
        assert "Zoë Ångström" in model.data(model.index(row, 4))
        model.set_ticked(row, False)
        return True

    monkeypatch.setattr(people_prompts, "run_dialog", Dialogs(preview))
    page.import_files([FIXTURES / "linkedin_connections.csv"])
    assert errors == []
    zoes = [row for row in list_people(sessions) if row.name == "Zoë Ångström"]
    assert [row.id for row in zoes] == [zoe] and zoes[0].organisation == "Nordlys AB"
    page.undo()
    assert names(sessions) == ["Zoë Ångström"] and list_people(sessions)[0].organisation == ""


def test_a_file_that_cannot_be_read_says_why_and_changes_nothing(
    page: PeoplePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    monkeypatch.setattr(people_prompts, "run_dialog", Dialogs())
    page.import_files([junk])
    assert len(errors) == 1 and str(junk) in errors[0]
    assert page.context.undo_stack.count() == 0


def test_cancelling_the_preview_imports_nothing(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_prompts, "run_dialog", Dialogs(lambda _dialog: False))
    page.import_files([FIXTURES / "vcard30_apple.vcf"])
    assert list_people(page.context.sessions) == []
    assert page.context.undo_stack.count() == 0


def test_the_import_button_asks_for_files(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(people_prompts, "contact_files", lambda _p, folder: asked.append(folder))
    page.import_button.click()
    assert len(asked) == 1


def test_slow_work_shows_a_progress_dialog_and_passes_errors_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    monkeypatch.setattr(import_dialog, "SHOW_PROGRESS_AFTER_S", 0.01)
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append(widget.labelText())

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(20)
    assert in_background(parent, "Reading a big file…", lambda: time.sleep(0.4) or 42) == 42
    timer.stop()
    assert "Reading a big file…" in seen

    def fail() -> None:
        raise WorkbookError("big.csv: cannot be read")

    with pytest.raises(WorkbookError, match=r"big\.csv"):
        in_background(parent, "Reading…", fail)


def test_the_merge_tab_says_what_an_import_adds_to_someone(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = page.context.sessions
    add_person(sessions, "Zoë Ångström", profile_url="https://www.linkedin.com/in/zoe-angstrom")
    page.reload()

    def preview(dialog: QDialog) -> bool:
        assert isinstance(dialog, ImportDialog)
        merge = dialog.views[MERGE].items_model
        assert merge.rowCount() == 1
        assert "Zoë Ångström" in merge.data(merge.index(0, 2))
        assert "organisation" in merge.data(merge.index(0, 3))
        return True

    monkeypatch.setattr(people_prompts, "run_dialog", Dialogs(preview))
    page.import_files([FIXTURES / "linkedin_connections.csv"])
    zoe = next(row for row in list_people(sessions) if row.name == "Zoë Ångström")
    assert zoe.organisation == "Nordlys AB"
