"""The People page's detail panel, refreshes and export, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from people_helpers import CTRL, SHIFT, Env, env, sample_env, type_text
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbook.core.models import Circle, Strength
from workbook.core.people import add_person, get_person, update_person
from workbook.ui import people_prompts
from workbook.ui.models.people_columns import STRENGTH
from workbook.ui.pages.people_page import LIST

__all__ = ["env", "sample_env"]  # fixtures


def test_the_detail_panel_saves_as_you_type_in_one_undo_step(qtbot: QtBot, env: Env) -> None:
    zoe = add_person(env.sessions, "Zoë Ångström", Circle.FRIENDS)
    env.page.reload()
    env.page.set_mode(LIST)
    env.page.table.select_person(zoe)
    detail = env.page.detail
    notes = detail.texts["notes"]
    notes.setFocus()
    type_text(notes, "Loves ")
    qtbot.waitUntil(lambda: get_person(env.sessions, zoe).notes == "Loves ")
    type_text(notes, "maps — 地図")
    qtbot.waitUntil(lambda: get_person(env.sessions, zoe).notes == "Loves maps — 地図")
    assert env.context.undo_stack.count() == 1, "one typing run in one box is one step"
    organisation = detail.lines["organisation"]
    organisation.setFocus()
    type_text(organisation, "Smith & Sons <NYSE>")
    qtbot.keyClick(organisation, Qt.Key.Key_Z, CTRL)  # saves what is typed, then undoes it
    assert get_person(env.sessions, zoe).organisation == "" and organisation.text() == ""
    qtbot.keyClick(organisation, Qt.Key.Key_Z, CTRL)
    assert get_person(env.sessions, zoe).notes == "" and notes.toPlainText() == ""
    qtbot.keyClick(organisation, Qt.Key.Key_Z, CTRL | SHIFT)
    assert notes.toPlainText() == "Loves maps — 地図"

    name = detail.lines["name"]
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    detail.texts["how_we_know"].setFocus()  # leaving a blank name puts the old one back
    assert name.text() == "Zoë Ångström" and get_person(env.sessions, zoe).name == "Zoë Ångström"


def test_strength_says_what_is_fair_to_ask(qtbot: QtBot, env: Env) -> None:
    person = add_person(env.sessions, "Олег", strength=Strength.TEN)
    env.page.reload()
    env.page.table.select_person(person)
    detail = env.page.detail
    assert "15-minute chat" in detail.ask.text()
    for value, words in ((Strength.THOUSAND, "introduction"), (Strength.LOST_TOUCH, "Reconnect")):
        detail.strength.setCurrentIndex(detail.strength.findData(value.value))
        detail.strength.activated.emit(detail.strength.currentIndex())
        assert get_person(env.sessions, person).strength == value.value
        assert words in detail.ask.text()
    assert env.page.model.data(env.page.model.index(0, STRENGTH)) == "Lost touch"


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the popup, offscreen
def test_who_introduced_them_is_picked_by_name(qtbot: QtBot, env: Env) -> None:
    ana = add_person(env.sessions, "Ana Lima", organisation="Café Azul")
    ben = add_person(env.sessions, "Ben Okafor")
    env.page.reload()
    env.page.table.select_person(ben)
    picker = env.page.detail.introducer_box
    picker.setFocus()
    type_text(picker, "ana lima")
    qtbot.keyClick(picker, Qt.Key.Key_Tab)
    assert get_person(env.sessions, ben).introduced_by_id == ana
    assert picker.text() == "Ana Lima"
    picker.setFocus()
    picker.selectAll()
    type_text(picker, "nobody we know")
    qtbot.keyClick(picker, Qt.Key.Key_Tab)
    assert get_person(env.sessions, ben).introduced_by_id == ana
    assert "Pick the person who introduced you" in env.status
    env.page.undo()
    assert get_person(env.sessions, ben).introduced_by_id is None


def test_changes_elsewhere_refresh_the_list_keeping_selection_and_scroll(
    qtbot: QtBot, sample_env: Env
) -> None:
    page, table = sample_env.page, sample_env.page.table
    table.view.setFocus()
    person = page.model.person(60)
    table.select_ids([person.id], person.id)
    scroll = table.view.verticalScrollBar().value()
    assert scroll > 0
    update_person(sample_env.sessions, person.id, title="Renamed elsewhere")
    sample_env.context.events.notify("meetings")
    assert page.detail.lines["title"].text() == "Renamed elsewhere"
    assert table.selected_ids() == [person.id]
    assert table.view.verticalScrollBar().value() == scroll


def test_export_the_list_as_csv_and_vcard(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    targets = {"csv": tmp_path / "people.csv", "vcard": tmp_path / "people.vcf"}
    monkeypatch.setattr(people_prompts, "export_path", lambda _p, _t, _s, kind: targets[kind])
    page.editor.export_menu.aboutToShow.emit()
    assert page.editor.export_csv.text().startswith("Export everyone as")
    page.editor.export_csv.trigger()
    text = targets["csv"].read_text(encoding="utf-8-sig")
    assert "Zoë Ångström" in text and "Exported 100 people" in sample_env.status
    page.table.filter_box.setText("angst")
    page.editor.export_menu.aboutToShow.emit()
    assert page.editor.export_vcard.text().startswith("Export the 1 people shown")
    page.editor.export_vcard.trigger()
    card = targets["vcard"].read_text(encoding="utf-8")
    assert card.count("BEGIN:VCARD") == 1 and "VERSION:3.0" in card
