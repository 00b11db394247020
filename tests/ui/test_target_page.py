"""The Target page driven as a user would: typing, chips, the ask, undo, organisations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.models import Person
from workbook.core.organisations import add_organisation, list_organisations
from workbook.core.sample import build_sample
from workbook.core.target import get_target, update_field
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui.app import make_settings
from workbook.ui.main_window import MainWindow
from workbook.ui.models.organisations_model import (
    MOTIVATION,
    NAME,
    NOTES,
    PEOPLE,
    OrganisationsModel,
)
from workbook.ui.page_context import PageContext
from workbook.ui.pages.target_page import TargetPage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Env:
    page: TargetPage
    sessions: SessionFactory
    context: PageContext
    events: list[frozenset[str]]


@pytest.fixture
def env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        yield _build(qtbot, doc.sessions, dirs)


def _build(qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs) -> Env:
    context, seen = page_context(qtbot, sessions, dirs)
    page = TargetPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    with qtbot.waitExposed(page):
        page.show()
    return Env(page, sessions, context, seen)


def chip_in(qtbot: QtBot, page: TargetPage, field: str, *values: str) -> None:
    box = page.form.chips[field].line_edit
    box.setFocus()
    for value in values:
        type_text(box, value)
        qtbot.keyClick(box, Qt.Key.Key_Return)


def saved(env: Env, field: str) -> object:
    return get_target(env.sessions).answers.value(field)


def fill_target(qtbot: QtBot, page: TargetPage) -> None:
    role = page.form.lines["role"]
    role.setFocus()
    type_text(role, "financial analyst")
    chip_in(qtbot, page, "skills", "financial analysis", "budgeting")
    chip_in(qtbot, page, "industries", "public health")
    qtbot.mouseClick(
        page.form.chips["organisation_types"].suggestion_buttons["non-profit"],
        Qt.MouseButton.LeftButton,
    )
    chip_in(qtbot, page, "places", "Boston")
    page.form.flags["open_to_remote"].click()


EXPECTED = (
    "I'm looking for a chance to use my financial analysis and budgeting skills as a financial "
    "analyst in a non-profit in public health, in Boston or remotely."
)


# ---------------------------------------------------------------- typing and the ask


def test_the_ask_is_composed_live_and_everything_saves_as_typed(qtbot: QtBot, env: Env) -> None:
    page = env.page
    panel = page.ask_panel
    assert panel.question_button.isVisible()
    assert panel.question_button.text() == "Which skills do you want to use?"

    chip_in(qtbot, page, "skills", "financial analysis")
    assert panel.question_button.text() == "Which industries or sectors draw you?"
    assert saved(env, "skills") == ("financial analysis",)  # chips save at once
    qtbot.mouseClick(panel.question_button, Qt.MouseButton.LeftButton)
    assert page.form.chips["industries"].line_edit.hasFocus()

    fill_target(qtbot, page)
    assert page.form.cards["places"].active, "the question being answered stands out"
    assert not page.form.cards["role"].active
    assert panel.sentence.isVisible() and not panel.question_button.isVisible()
    assert panel.sentence.text() == EXPECTED
    assert panel.sentence.font().pointSizeF() > page.font().pointSizeF() * 1.3

    value = page.form.texts["value_statement"]
    value.setFocus()
    type_text(value, "Zoë's team: 数据, المال — ✓")
    assert saved(env, "value_statement") == ""  # not yet: typing saves after a short pause
    qtbot.waitUntil(lambda: saved(env, "value_statement") == "Zoë's team: 数据, المال — ✓")
    assert saved(env, "role") == "financial analyst"
    assert get_target(env.sessions).ask == EXPECTED
    assert frozenset({"target"}) in env.events
    assert "Write a line or two about what you bring." not in page.readiness.texts()


def test_readiness_says_what_is_vague_and_leads_there(qtbot: QtBot, env: Env) -> None:
    page = env.page
    assert page.readiness.texts()[:2] == [
        "Name the kind of work you want.",
        "Pick the skills you want to use.",
    ]
    fill_target(qtbot, page)
    assert page.readiness.texts() == [
        "Write a line or two about what you bring.",
        "List organisations you'd like to learn about (aim for 10).",
    ]
    page.readiness.labels[0].linkActivated.emit("value_statement")  # as a click on the link
    assert page.form.texts["value_statement"].hasFocus()
    page.readiness.labels[1].linkActivated.emit("organisations")
    assert page.organisations.add_box.hasFocus()


def test_chips_by_keyboard_and_paste(qtbot: QtBot, env: Env) -> None:
    page = env.page
    places = page.form.chips["places"]
    box = places.line_edit
    box.setFocus()
    QGuiApplication.clipboard().setText("Washington, DC\nBoston\tboston\n\n  Zürich  ")
    box.paste()
    assert places.items() == ["Washington, DC", "Boston", "Zürich"]
    assert box.text() == ""
    assert "“Boston” is already in the list." in env.context.status.currentMessage()

    type_text(box, "BOSTON")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert places.items() == ["Washington, DC", "Boston", "Zürich"]

    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # empty box: the last chip goes
    assert places.items() == ["Washington, DC", "Boston"]
    qtbot.keyClick(box, Qt.Key.Key_Left)  # onto the chips
    assert places.chips()[-1].remove_button.hasFocus()
    qtbot.keyClick(places.chips()[-1].remove_button, Qt.Key.Key_Left)
    qtbot.keyClick(places.chips()[0].remove_button, Qt.Key.Key_Delete)
    assert places.items() == ["Boston"]
    qtbot.mouseClick(places.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert places.items() == []

    type_text(box, "東京")  # left in the box, then Tab: kept as a chip, never dropped
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert places.items() == ["東京"]
    assert saved(env, "places") == ("東京",)

    skills = page.form.chips["skills"]
    long_skill = "translating between clinicians and engineers " * 60
    QGuiApplication.clipboard().setText(long_skill + "\t\t")
    skills.line_edit.setFocus()
    skills.line_edit.paste()
    (chip,) = skills.chips()
    assert chip.text == long_skill.strip() and saved(env, "skills") == (chip.text,)
    assert chip.label.toolTip() == long_skill.strip() and "…" in chip.label.text()
    assert chip.width() <= skills.width()


def test_undo_and_redo_restore_the_workbook_and_the_boxes(qtbot: QtBot, env: Env) -> None:
    page = env.page
    stack = env.context.undo_stack
    role = page.form.lines["role"]
    role.setFocus()
    type_text(role, "data ")
    qtbot.waitUntil(lambda: saved(env, "role") == "data ")
    type_text(role, "analyst")
    qtbot.waitUntil(lambda: saved(env, "role") == "data analyst")
    assert stack.count() == 1, "one typing run in one box is one undo step"

    chip_in(qtbot, page, "skills", "SQL", "Python")
    assert stack.undoText() == "add “Python” to skills"

    qtbot.keyClick(page.form.chips["skills"].line_edit, Qt.Key.Key_Z, CTRL)
    assert page.form.chips["skills"].items() == ["SQL"] and saved(env, "skills") == ("SQL",)

    role.setFocus()
    type_text(role, "!")
    qtbot.keyClick(role, Qt.Key.Key_Z, CTRL)  # saves the "!" first, then undoes it
    assert role.text() == "data analyst" and saved(env, "role") == "data analyst"
    qtbot.keyClick(role, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(role, Qt.Key.Key_Z, CTRL)
    assert role.text() == "" and saved(env, "role") == ""
    assert page.form.chips["skills"].items() == []

    qtbot.keyClick(role, Qt.Key.Key_Z, CTRL | SHIFT)
    assert role.text() == "data analyst" and saved(env, "role") == "data analyst"
    qtbot.keyClick(role, Qt.Key.Key_Y, CTRL)
    assert page.form.chips["skills"].items() == ["SQL"]

    remote = page.form.flags["open_to_remote"]
    remote.click()
    assert saved(env, "open_to_remote") is True
    remote.setFocus()
    qtbot.keyClick(remote, Qt.Key.Key_Z, CTRL)  # a tick box: the page takes the key
    assert not remote.isChecked() and saved(env, "open_to_remote") is False


def test_a_hand_edited_ask_is_kept_until_the_user_says_so(
    qtbot: QtBot, env: Env, output_dir: Path
) -> None:
    page = env.page
    panel = page.ask_panel
    fill_target(qtbot, page)
    assert not panel.reset_button.isVisible()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.editor.isVisible() and panel.editor.toPlainText() == EXPECTED
    panel.editor.selectAll()
    type_text(panel.editor, "I'd love to put my numbers to work for public health in Boston.")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    mine = "I'd love to put my numbers to work for public health in Boston."
    assert not panel.editor.isVisible() and panel.sentence.text() == mine
    assert get_target(env.sessions).ask == mine and get_target(env.sessions).ask_edited
    assert panel.caption.text().startswith("Written by you")

    chip_in(qtbot, page, "places", "Providence")
    assert panel.sentence.text() == mine, "the user's own ask is never overwritten"
    assert panel.banner.isVisible()
    assert panel.banner_title.text() == "Your answers changed — use the new sentence?"
    assert panel.banner_sentence.text().endswith("in Boston, Providence or remotely.")
    qtbot.wait(20)
    page.grab().save(str(output_dir / "target-ask-changed.png"))

    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert not panel.banner.isVisible() and panel.sentence.text() == mine
    chip_in(qtbot, page, "industries", "education")
    assert panel.banner.isVisible()
    qtbot.mouseClick(panel.use_new_button, Qt.MouseButton.LeftButton)
    assert panel.sentence.text().endswith("in public health and education, in Boston, "
                                          "Providence or remotely.")  # fmt: skip
    assert not get_target(env.sessions).ask_edited

    page.undo()
    assert panel.sentence.text() == mine and get_target(env.sessions).ask == mine
    page.redo()
    assert not get_target(env.sessions).ask_edited


# ---------------------------------------------------------------- target organisations


def _person(sessions: SessionFactory, name: str, organisation: str, knows: list[str]) -> None:
    with sessions.begin() as session:
        session.add(Person(name=name, organisation=organisation, knows_people_at=knows))


def test_organisations_table_by_keyboard(qtbot: QtBot, env: Env) -> None:
    page = env.page
    section = page.organisations
    model, table = section.model, section.table
    assert section.empty_label.isVisible()
    _person(env.sessions, "Zoë Ångström", "ACME Inc", [])
    _person(env.sessions, "Олег", "", ["acme"])
    _person(env.sessions, "Gone", "Acme", [])
    with env.sessions.begin() as session:
        gone = session.query(Person).filter_by(name="Gone").one()
        gone.deleted_at = datetime.now(UTC)

    section.add_box.setFocus()
    for name in ("Globex", "Acme, Inc.", "Smith & Sons <NYSE>"):
        type_text(section.add_box, name)
        qtbot.keyClick(section.add_box, Qt.Key.Key_Return)
    assert section.add_box.hasFocus() and not section.empty_label.isVisible()
    assert model.rowCount() == 3
    acme = model.position_of(list_organisations(env.sessions)[0].id)
    assert acme is not None
    assert model.row(acme).name == "Acme, Inc." and model.data(model.index(acme, PEOPLE)) == "2"
    tip = model.data(model.index(acme, PEOPLE), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Zoë Ångström, Олег"

    type_text(section.add_box, "acme inc")  # the same organisation: selected, not added twice
    qtbot.keyClick(section.add_box, Qt.Key.Key_Return)
    assert model.rowCount() == 3
    assert "“Acme, Inc.” is already on your list." in env.context.status.currentMessage()

    globex = model.position_of(next(r.id for r in model.rows() if r.name == "Globex"))
    assert globex is not None
    table.setFocus()
    table.selectRow(globex)
    qtbot.keyClick(table, Qt.Key.Key_5)  # how keen: the row moves to the top
    assert model.row(0).name == "Globex" and model.row(0).motivation == 5
    assert section.selected_ids() == [model.row(0).id]

    model.setData(model.index(0, NOTES), "Ask Олег\nabout the data team")
    assert list_organisations(env.sessions)[0].notes == "Ask Олег\nabout the data team"
    assert model.data(model.index(0, NOTES)) == "Ask Олег about the data team"
    assert not model.setData(model.index(0, MOTIVATION), 9)
    assert not model.setData(model.index(0, NAME), " \n ")
    assert (
        model.row(0).name == "Globex" and "cannot be blank" in env.context.status.currentMessage()
    )

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [r.name for r in model.rows()] == ["Acme, Inc.", "Smith & Sons <NYSE>"]
    assert "organisations" in set().union(*env.events)
    page.undo()
    assert model.row(0).name == "Globex" and model.row(0).notes.startswith("Ask Олег")
    page.undo()
    assert model.row(0).notes == ""
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert section.add_box.hasFocus()

    _person(env.sessions, "New friend", "", ["Smith and Sons (NYSE)"])
    page.hide()
    env.context.events.notify("people")  # counted again once the page is back on screen
    page.show()
    smith = model.position_of(next(r.id for r in model.rows() if r.name.startswith("Smith")))
    assert smith is not None and model.row(smith).people_count == 1


def test_organisations_model_passes_the_model_tester(qtmodeltester, new_workbook: Path) -> None:  # type: ignore[no-untyped-def]
    with document.open_document(new_workbook) as doc:
        for name, motivation in (("Acme", 5), ("Globex", 2), ("李小龙公司", 4), ("Initech", 2)):
            add_organisation(doc.sessions, name, motivation=motivation, notes=f"about {name}")
        model = OrganisationsModel()
        model.set_rows(list_organisations(doc.sessions))
    qtmodeltester.check(model, force_py=True)
    assert [model.row(i).name for i in range(4)] == ["Acme", "李小龙公司", "Globex", "Initech"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.row(i).name for i in range(4)] == ["Acme", "Globex", "Initech", "李小龙公司"]
    qtmodeltester.check(model, force_py=True)


# ---------------------------------------------------------------- in the main window


def test_in_the_main_window_undo_keys_and_nothing_typed_is_lost(
    qtbot: QtBot, dirs: AppDirs, new_workbook: Path
) -> None:
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    window = MainWindow(dirs, state, make_settings(dirs))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.start(new_workbook, first_run=False)
    page = window.step_pages["target"]
    assert isinstance(page, TargetPage) and window.stack.currentWidget() is page

    remote = page.form.flags["open_to_remote"]
    remote.setFocus()
    qtbot.keyClick(remote, Qt.Key.Key_Space)
    assert remote.isChecked()
    assert window.undo_action.text() == "&Undo tick remote work"
    qtbot.keyClick(remote, Qt.Key.Key_Z, CTRL)  # the Edit menu's shortcut
    assert not remote.isChecked()
    qtbot.keyClick(remote, Qt.Key.Key_Z, CTRL | SHIFT)
    assert remote.isChecked()

    role = page.form.lines["role"]
    role.setFocus()
    type_text(role, "nurse manager")
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # straight to another step: saved on the way
    assert window.stack.currentWidget() is not page
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    value = page.form.texts["value_statement"]
    value.setFocus()
    type_text(value, "Calm in a crisis.")
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)  # close the workbook at once: nothing lost
    assert window.document is None
    with document.open_document(new_workbook) as doc:
        answers = get_target(doc.sessions).answers
    assert (answers.role, answers.value_statement) == ("nurse manager", "Calm in a crisis.")
    assert answers.open_to_remote


# ---------------------------------------------------------------- screenshots


def test_screenshots_of_the_filled_page(
    qtbot: QtBot, dirs: AppDirs, tmp_path: Path, output_dir: Path
) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path)
    with document.open_document(path) as doc:
        env = _build(qtbot, doc.sessions, dirs)
        view = get_target(doc.sessions)
        assert env.page.ask_panel.sentence.text() == view.ask
        assert env.page.form.chips["skills"].items() == list(view.answers.skills)
        assert env.page.organisations.model.rowCount() == 12
        env.page.grab().save(str(output_dir / "target-filled.png"))
        env.page.questions_scroll.verticalScrollBar().setValue(10_000)
        env.page.grab().save(str(output_dir / "target-filled-organisations.png"))

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        light = app.palette()
        app.setPalette(dark_palette())
        try:
            update_field(doc.sessions, "industries", [])
            env.page.reload()
            env.page.questions_scroll.verticalScrollBar().setValue(0)
            qtbot.wait(50)  # palette and layout changes are delivered as events
            env.page.grab().save(str(output_dir / "target-dark-missing.png"))
        finally:
            app.setPalette(light)


def test_screenshot_of_a_new_workbook(qtbot: QtBot, env: Env, output_dir: Path) -> None:
    env.page.grab().save(str(output_dir / "target-empty.png"))
    assert env.page.organisations.empty_label.isVisible()
