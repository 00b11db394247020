"""The People page driven as a user would: brainstorm, the list, delete, merge, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from people_helpers import (  # tests/ui is on the path (rootdir-relative test modules)
    CTRL,
    SHIFT,
    Env,
    build,
    enter_name,
    env,
    sample_env,
    shot,
    type_text,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette

from workbook.core import document
from workbook.core.dupes import SIMILAR_AT_ORG
from workbook.core.models import Circle, Strength
from workbook.core.people import add_person, get_person, list_people, update_person
from workbook.paths import AppDirs
from workbook.ui import people_prompts, prompts
from workbook.ui.dialogs.merge_dialog import MergeDialog
from workbook.ui.models.people_columns import ORGANISATION, STRENGTH, TITLE
from workbook.ui.pages.people_page import BRAINSTORM, LIST

__all__ = ["env", "sample_env"]  # fixtures


# ---------------------------------------------------------------- brainstorm


def test_a_new_list_says_what_to_do_and_starts_the_brainstorm(qtbot: QtBot, env: Env) -> None:
    page = env.page
    assert page.stack.currentWidget() is page.empty
    assert page.ring.text() == "0 of 100"
    assert not page.export_button.isEnabled()
    qtbot.mouseClick(page.empty.start_button, Qt.MouseButton.LeftButton)
    assert page.mode() == BRAINSTORM and page.brainstorm.name_box.hasFocus()
    assert page.brainstorm.question.text() == "Who is in your family, near and far?"


def test_enter_adds_to_the_circle_and_keeps_the_cursor(qtbot: QtBot, env: Env) -> None:
    page = env.page
    page.set_mode(BRAINSTORM)
    brainstorm = page.brainstorm
    enter_name(qtbot, page, "Zoë Ångström")
    assert env.status == "Added Zoë Ångström — 1 of 100"
    assert brainstorm.name_box.hasFocus() and brainstorm.name_box.text() == ""
    enter_name(qtbot, page, "  李小龙  ")
    assert page.ring.text() == "2 of 100"
    assert env.names() == ["Zoë Ångström", "李小龙"]
    assert {row.circle for row in list_people(env.sessions)} == {Circle.FAMILY.value}
    assert brainstorm.listed.item(0).text() == "李小龙", "the newest name comes first"
    assert brainstorm.circles.topLevelItem(0).text(1) == "2"
    assert frozenset({"people"}) in env.events

    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_PageDown, CTRL)
    assert brainstorm.current_prompt().circle == Circle.FRIENDS
    assert brainstorm.name_box.hasFocus()
    brainstorm.select_circle(Circle.WORK.value)
    assert brainstorm.detail_widget.isVisible(), "the work circle asks which job"
    brainstorm.detail_box.setFocus()
    type_text(brainstorm.detail_box, "Städtisches Klinikum")
    brainstorm.focus_name()
    enter_name(qtbot, page, "Олег")
    oleg = list_people(env.sessions)[-1]
    assert (oleg.circle, oleg.circle_detail) == ("work", "Städtisches Klinikum")
    assert brainstorm.listed.item(0).text() == "Олег — Städtisches Klinikum"
    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_PageUp, CTRL)
    assert not brainstorm.detail_widget.isVisible()

    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_Return)  # nothing typed: nothing added
    assert len(env.names()) == 3
    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_Z, CTRL)
    assert env.names() == ["Zoë Ångström", "李小龙"] and page.ring.text() == "2 of 100"
    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert env.names() == ["Zoë Ångström", "李小龙", "Олег"]


def test_a_certain_duplicate_is_offered_never_added_silently(qtbot: QtBot, env: Env) -> None:
    page = env.page
    page.set_mode(BRAINSTORM)
    brainstorm = page.brainstorm
    enter_name(qtbot, page, "Zoë Ångström")
    enter_name(qtbot, page, "zoe angstrom")
    assert env.names() == ["Zoë Ångström"]
    assert brainstorm.duplicate_bar.isVisible()
    assert "Zoë Ångström (Family) is already on your list" in brainstorm.duplicate_text.text()
    assert brainstorm.name_box.text() == "zoe angstrom", "the name stays to be corrected"
    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_Escape)
    assert not brainstorm.duplicate_bar.isVisible()

    qtbot.keyClick(brainstorm.name_box, Qt.Key.Key_Return)
    qtbot.mouseClick(brainstorm.add_anyway_button, Qt.MouseButton.LeftButton)
    assert env.names() == ["Zoë Ångström", "zoe angstrom"]
    assert brainstorm.name_box.hasFocus() and not brainstorm.duplicate_bar.isVisible()

    enter_name(qtbot, page, "Zoë Ångström")
    assert brainstorm.duplicate_bar.isVisible()
    qtbot.mouseClick(brainstorm.open_existing_button, Qt.MouseButton.LeftButton)
    assert page.mode() == LIST
    assert page.detail.person is not None
    assert page.detail.person.name in {"Zoë Ångström", "zoe angstrom"}
    assert len(env.names()) == 2


def test_a_near_miss_is_added_with_a_quiet_hint(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Names alone rarely make a near miss (the similar-name rule needs an organisation),
    # so the service is asked to report one here.
    from workbook.core import people

    jonathan = add_person(env.sessions, "Jonathan Smith", organisation="Acme")
    near = people.DuplicateMatch(jonathan, "Jonathan Smith", False, SIMILAR_AT_ORG, "Acme")
    monkeypatch.setattr(
        people, "find_duplicates", lambda _s, name, *_a, **_k: [near] if "Jon" in name else []
    )
    env.page.reload()
    env.page.set_mode(BRAINSTORM)
    enter_name(qtbot, env.page, "Jon Smith")
    assert env.names() == ["Jonathan Smith", "Jon Smith"]
    hint = env.page.brainstorm.near_hint
    assert hint.isVisible() and "Is this Jonathan Smith" in hint.text()
    assert not env.page.brainstorm.duplicate_bar.isVisible()
    enter_name(qtbot, env.page, "Someone New")
    assert not hint.isVisible()


def test_reaching_100_is_celebrated_quietly_and_more_are_welcome(
    qtbot: QtBot, new_workbook: Path, dirs: AppDirs
) -> None:
    with document.open_document(new_workbook) as doc:
        for number in range(99):
            add_person(doc.sessions, f"Person {number}")
        env = build(qtbot, doc.sessions, dirs)
        page = env.page
        assert page.mode() == BRAINSTORM, "a list on its way to 100 opens on the brainstorm"
        assert page.ring.text() == "99 of 100"
        assert "You have your hundred" not in page.celebration.text()
        enter_name(qtbot, page, "Number One Hundred")
        assert (
            env.status == "Added Number One Hundred — 100 of 100. That's your hundred: well done!"
        )
        assert page.celebration.isVisible() and "You have your hundred" in page.celebration.text()
        assert QApplication.activeModalWidget() is None, "no dialog to click away"
        enter_name(qtbot, page, "One More")
        assert page.ring.text() == "101 of 100" and env.status == "Added One More — 101 of 100"
        assert page.brainstorm.name_box.hasFocus()


# ---------------------------------------------------------------- the list


def test_filter_as_you_type_and_sort_by_clicking_headers(qtbot: QtBot, sample_env: Env) -> None:
    page, table = sample_env.page, sample_env.page.table
    assert page.mode() == LIST and table.count_label.text() == "100 people"
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert table.filter_box.hasFocus()
    type_text(table.filter_box, "angst")
    assert sample_env.shown() == ["Zoë Ångström"]
    assert table.count_label.text() == "Showing 1 of 100"
    qtbot.keyClick(table.filter_box, Qt.Key.Key_Down)
    assert table.view.hasFocus() and page.detail.person is not None
    assert page.detail.person.name == "Zoë Ångström"
    table.focus_filter()
    qtbot.keyClick(table.filter_box, Qt.Key.Key_Escape)
    assert table.filter_box.text() == "" and page.model.rowCount() == 100
    assert page.detail.person.name == "Zoë Ångström", "the selection survives the filter"
    type_text(table.filter_box, "chief zzz")  # hides her: the panel says so
    assert page.model.rowCount() == 0 and page.detail.person is None
    assert page.detail.stack.currentWidget() is page.detail.nobody
    table.filter_box.clear()
    assert page.detail.person is not None and page.detail.person.name == "Zoë Ångström"

    header = table.view.horizontalHeader()
    x = header.sectionViewportPosition(ORGANISATION) + header.sectionSize(ORGANISATION) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    organisations = [page.model.person(r).organisation for r in range(page.model.rowCount())]
    filled = [o for o in organisations if o]
    assert filled == sorted(filled, key=str.casefold) and organisations[-1] == ""
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.sort_order() == Qt.SortOrder.DescendingOrder
    current = table.current_id()
    assert current is not None and table.view.currentIndex().row() == page.model.position_of(
        current
    )


def test_inline_editing_with_undo(qtbot: QtBot, sample_env: Env) -> None:
    page, view = sample_env.page, sample_env.page.table.view
    view.setFocus()
    row = 0
    person = page.model.person(row)
    index = page.model.index(row, TITLE)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "Chief Listener")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert get_person(sample_env.sessions, person.id).title == "Chief Listener", sample_env.status
    assert page.model.data(page.model.index(page.model.position_of(person.id) or 0, TITLE)) == (
        "Chief Listener"
    )
    assert page.detail.lines["title"].text() == "Chief Listener"

    strength = page.model.index(page.model.position_of(person.id) or 0, STRENGTH)
    view.setCurrentIndex(strength)
    view.edit(strength)
    combo = view.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Strength.LOST_TOUCH.value))
    combo.activated.emit(combo.currentIndex())  # as picking from the drop-down does
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert get_person(sample_env.sessions, person.id).strength == Strength.LOST_TOUCH.value
    assert page.detail.ask.text().startswith("Reconnect first")

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert get_person(sample_env.sessions, person.id).strength == person.strength
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert get_person(sample_env.sessions, person.id).title == person.title
    assert page.detail.lines["title"].text() == person.title


def test_delete_with_the_key_and_bring_back_with_ctrl_z(
    qtbot: QtBot, sample_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)  # if any of them has meetings
    page, table = sample_env.page, sample_env.page.table
    ids = [page.model.person(row).id for row in (3, 4, 5)]
    table.select_ids(ids, ids[0])
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert sample_env.status == "Deleted 3 people — Ctrl+Z to undo"
    assert len(sample_env.names()) == 97 and page.ring.text() == "97 of 100"
    assert table.selected_ids() == [page.model.person(3).id], "the next person is selected"
    qtbot.keyClick(table.view, Qt.Key.Key_Z, CTRL)
    assert len(sample_env.names()) == 100
    assert sorted(table.selected_ids()) == sorted(ids)
    qtbot.keyClick(table.view, Qt.Key.Key_Y, CTRL)
    assert len(sample_env.names()) == 97
    qtbot.keyClick(table.view, Qt.Key.Key_Slash)
    assert table.filter_box.hasFocus()
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Insert)  # add someone: the brainstorm's name box
    assert page.mode() == BRAINSTORM and page.brainstorm.name_box.hasFocus()


def test_merge_two_people_through_the_dialog(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch, output_dir: Path
) -> None:
    first = add_person(env.sessions, "Jon Smith", Circle.WORK, organisation="Acme",
                       email="jon@acme.example")  # fmt: skip
    second = add_person(env.sessions, "Jonathan Smith", Circle.FRIENDS, phone="+1 555 0100",
                        notes="Met at the climbing gym")  # fmt: skip
    add_person(env.sessions, "Someone Else")
    update_person(env.sessions, first, notes="Knows the data team")
    env.page.reload()
    shown: list[MergeDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, MergeDialog)
        shown.append(dialog)
        dialog.keep(second)
        values = dialog.after_merging()
        assert values["name"] == "Jonathan Smith"
        assert values["organisation"] == "Acme" and values["phone"] == "+1 555 0100"
        assert "Knows the data team" in values["notes"] and "climbing" in values["notes"]
        dialog.show()
        assert dialog.merge_button.isDefault(), "Enter merges, not Cancel"
        shot(dialog, output_dir / "people-merge.png")
        dialog.hide()
        return True

    monkeypatch.setattr(people_prompts, "run_dialog", answer)
    table = env.page.table
    table.select_ids([first, second], first)
    assert table.merge_button.isEnabled()
    qtbot.mouseClick(table.merge_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    assert sorted(env.names()) == ["Jonathan Smith", "Someone Else"]
    merged = get_person(env.sessions, second)
    assert merged.organisation == "Acme" and merged.email == "jon@acme.example"
    assert "Merged 2 people into Jonathan Smith" in env.status
    assert table.selected_ids() == [second]
    env.page.undo()
    assert sorted(env.names()) == ["Jon Smith", "Jonathan Smith", "Someone Else"]
    assert get_person(env.sessions, second).organisation == ""


# ---------------------------------------------------------------- screenshots


def test_screenshots_of_the_brainstorm_and_the_list(
    qtbot: QtBot, env: Env, sample_env: Env, output_dir: Path
) -> None:
    shot(env.page, output_dir / "people-empty.png")
    env.page.set_mode(BRAINSTORM)
    for name in ("Zoë Ångström", "李小龙", "Олег Петров", "محمد"):
        enter_name(qtbot, env.page, name)
    env.page.brainstorm.select_circle(Circle.WORK.value)
    env.page.brainstorm.detail_box.setText("City Hospital, 2019–2023")
    enter_name(qtbot, env.page, "Seán O'Brien")
    enter_name(qtbot, env.page, "Seán O'Brien")  # the duplicate bar
    shot(env.page, output_dir / "people-brainstorm.png")

    page = sample_env.page
    zoe = next(row.id for row in page.model.all_people() if row.name == "Zoë Ångström")
    page.table.select_person(zoe)
    QApplication.processEvents()
    shot(page, output_dir / "people-list.png")
    page.table.filter_box.setText("engineer")
    shot(page, output_dir / "people-list-filtered.png")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    try:
        shot(page, output_dir / "people-list-dark.png")
        page.set_mode(BRAINSTORM)
        shot(page, output_dir / "people-brainstorm-dark.png")
    finally:
        app.setPalette(light)


def test_deleting_someone_with_meetings_asks_first_and_keeps_history(
    qtbot: QtBot, sample_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.core.meetings import count_meetings_of, list_meetings

    table = sample_env.page.table
    meeting = list_meetings(sample_env.sessions, statuses=["thanked"])[0]
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(_parent: object, _title: str, message: str, _action: str) -> bool:
        asked.append(message)
        return next(answers)

    monkeypatch.setattr(prompts, "confirm", confirm)
    table.select_ids([meeting.person_id], meeting.person_id)
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert len(sample_env.names()) == 100, "kept: the user said no"
    assert "1 meeting" in asked[0] and "kept" in asked[0]
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert len(sample_env.names()) == 99
    assert count_meetings_of(sample_env.sessions, [meeting.person_id]) >= 1
    assert next(m for m in list_meetings(sample_env.sessions) if m.id == meeting.id).person_deleted
