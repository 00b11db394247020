"""The "After the meeting" tab driven as a user would: notes, names (with duplicates shown
first), organisations, the give-back ledger, undo and redo, and screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.give_back import list_give_back
from workbook.core.meeting_notes import set_tiara_note, tiara_notes
from workbook.core.meetings import create_meeting, get_meeting, list_meetings, update_meeting
from workbook.core.models import Interaction, MeetingQuestion
from workbook.core.organisations import add_organisation, list_organisations
from workbook.core.people import add_person, get_person, list_people
from workbook.core.referrals import list_referrals
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.after_meeting_panel import AfterMeetingPanel
from workbook.ui.widgets.give_back_panel import DATE_ROLE, DUE, WHAT

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Env:
    panel: AfterMeetingPanel
    sessions: SessionFactory
    context: PageContext
    events: list[frozenset[str]]
    ana: int
    meeting: int


@pytest.fixture
def env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        ana = add_person(sessions, "Ana Lima", organisation="Globex", email="ana@globex.example")
        meeting = create_meeting(sessions, ana)
        update_meeting(
            sessions, meeting, status="met", timezone="Europe/Lisbon",
            scheduled_at=datetime(2026, 5, 12, 9, 0, tzinfo=UTC),
        )  # fmt: skip
        with sessions.begin() as session:
            session.add_all(
                [
                    MeetingQuestion(meeting_id=meeting, letter="T", text="Where is it going?"),
                    MeetingQuestion(meeting_id=meeting, letter="R", text="Who else?", position=1),
                ]
            )
        context, seen = page_context(qtbot, sessions, dirs)
        panel = AfterMeetingPanel(context)
        qtbot.addWidget(panel)
        panel.resize(820, 1500)
        with qtbot.waitExposed(panel):
            panel.show()
        panel.show_meeting(meeting)
        yield Env(panel, sessions, context, seen, ana, meeting)


def _type_in(widget: object, text: str) -> None:
    assert hasattr(widget, "setFocus")
    widget.setFocus()
    type_text(widget, text)  # type: ignore[arg-type]


def test_shows_the_meeting_and_its_planned_questions(env: Env) -> None:
    panel = env.panel
    assert panel.title.text() == "After meeting Ana Lima"
    assert panel.notes.hints["T"].text() == "• Where is it going?"
    assert panel.notes.hints["R"].isVisibleTo(panel) and not panel.notes.hints["I"].isVisibleTo(
        panel
    )
    assert panel.notes.boxes["I"].placeholderText().startswith("What surprised them")
    panel.show_meeting(None)
    assert not panel.notes.isEnabled() and not panel.referrals.isEnabled()


def test_notes_are_saved_on_leaving_a_box_and_undone(qtbot: QtBot, env: Env) -> None:
    panel = env.panel
    box = panel.notes.boxes["T"]
    _type_in(box, "Storage grows — 储能")
    panel.notes.boxes["I"].setFocus()
    assert tiara_notes(env.sessions, env.meeting) == {"T": "Storage grows — 储能"}
    assert frozenset({"meetings"}) in env.events
    _type_in(panel.notes.boxes["OUTCOME".lower()], "Talk to ops.")
    panel.save_pending()
    assert get_meeting(env.sessions, env.meeting).outcome_notes == "Talk to ops."
    env.context.undo_stack.undo()
    assert get_meeting(env.sessions, env.meeting).outcome_notes == ""
    assert panel.notes.boxes["outcome"].toPlainText() == ""
    env.context.undo_stack.undo()
    assert tiara_notes(env.sessions, env.meeting) == {} and box.toPlainText() == ""
    env.context.undo_stack.redo()
    assert box.toPlainText() == "Storage grows — 储能"


def test_a_pause_saves_and_typing_again_is_one_undo_step(qtbot: QtBot, env: Env) -> None:
    box = env.panel.notes.boxes["A"]
    _type_in(box, "Write a case study")
    qtbot.waitUntil(lambda: tiara_notes(env.sessions, env.meeting).get("A") is not None)
    type_text(box, ", not a course.")
    env.panel.save_pending()
    assert tiara_notes(env.sessions, env.meeting)["A"] == "Write a case study, not a course."
    assert env.context.undo_stack.count() == 1
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # Ctrl+Z in the box: the workbook's undo
    assert tiara_notes(env.sessions, env.meeting) == {}


def test_a_name_becomes_a_person_introduced_by_them(env: Env, qtbot: QtBot) -> None:
    refs = env.panel.referrals
    _type_in(refs.name_box, "Zoë Ångström")
    _type_in(refs.organisation_box, "Northwind")
    _type_in(refs.note_box, "Runs analytics.")
    qtbot.keyClick(refs.note_box, Qt.Key.Key_Return)
    [zoe] = [p for p in list_people(env.sessions) if p.name == "Zoë Ångström"]
    assert zoe.introduced_by == "Ana Lima" and zoe.organisation == "Northwind"
    assert zoe.how_we_know == "Suggested by Ana Lima when we met on 12 May 2026"
    assert refs.name_box.text() == "" and refs.names.count() == 1
    assert "on your list, introduced by Ana Lima" in refs.names.item(0).text()
    assert "Added Zoë Ångström to your list" in env.context.status.currentMessage()
    assert any({"people", "referrals"} <= seen for seen in env.events)
    env.context.undo_stack.undo()
    assert all(p.name != "Zoë Ångström" for p in list_people(env.sessions))
    assert refs.names.count() == 0 and refs.names_empty.isVisibleTo(env.panel)
    env.context.undo_stack.redo()
    assert get_person(env.sessions, zoe.id).introduced_by_id == env.ana


def test_duplicates_show_before_adding(env: Env, qtbot: QtBot) -> None:
    zoe = add_person(env.sessions, "Zoe Angstrom", organisation="Northwind")
    refs = env.panel.referrals
    _type_in(refs.name_box, "Zoë Ångström")
    _type_in(refs.organisation_box, "Northwind Inc.")
    qtbot.waitUntil(lambda: refs.duplicates.isVisibleTo(env.panel))
    assert refs.duplicates.buttons[0].text() == "That's Zoe Angstrom (Northwind) already on my list"
    people = len(list_people(env.sessions))
    refs.add_button.click()  # still asks first
    assert len(list_people(env.sessions)) == people
    refs.duplicates.buttons[0].click()
    assert len(list_people(env.sessions)) == people
    assert get_person(env.sessions, zoe).introduced_by_id == env.ana
    [row] = list_referrals(env.sessions, env.meeting)
    assert row.person_id == zoe and not refs.duplicates.isVisibleTo(env.panel)
    env.context.undo_stack.undo()
    assert get_person(env.sessions, zoe).introduced_by_id is None
    # The other choice: a different person of a similar name.
    _type_in(refs.name_box, "Zoë Ångström")
    refs.add_button.click()
    assert refs.duplicates.isVisibleTo(env.panel)
    refs.duplicates.new_person_button.click()
    assert len(list_people(env.sessions)) == people + 1


def test_bad_names_are_refused_in_the_status_bar(env: Env) -> None:
    refs = env.panel.referrals
    _type_in(refs.name_box, "?!…")
    refs.add_button.click()
    assert "no letters or digits" in env.context.status.currentMessage()
    assert list_referrals(env.sessions, env.meeting) == []
    assert env.context.undo_stack.count() == 0


def test_an_organisation_links_the_target_already_there(env: Env, qtbot: QtBot) -> None:
    add_organisation(env.sessions, "Northwind")
    refs = env.panel.referrals
    _type_in(refs.org_box, "Northwind Inc.")
    qtbot.keyClick(refs.org_box, Qt.Key.Key_Return)
    _type_in(refs.org_box, "Kestrel Climate Lab")
    refs.org_button.click()
    assert sorted(o.name for o in list_organisations(env.sessions)) == [
        "Kestrel Climate Lab", "Northwind",
    ]  # fmt: skip
    assert refs.orgs.count() == 2
    assert refs.orgs.item(0).text() == "Northwind Inc. → Northwind — a target organisation"
    env.context.undo_stack.undo()
    env.context.undo_stack.undo()
    assert [o.name for o in list_organisations(env.sessions)] == ["Northwind"]
    assert refs.orgs.count() == 0


def test_give_back_add_done_and_undo(env: Env, qtbot: QtBot) -> None:
    gb = env.panel.give_back
    gb.direction_box.setCurrentIndex(1)
    _type_in(gb.description_box, "Send the solar article")
    qtbot.keyClick(gb.description_box, Qt.Key.Key_Return)
    [row] = list_give_back(env.sessions, person_id=env.ana)
    assert (row.direction, row.meeting_id, row.done) == ("i_offered", env.meeting, False)
    assert row.due_date == date.today() + timedelta(days=7)
    item = gb.ledger.topLevelItem(0)
    assert item.text(WHAT) == "Send the solar article"
    item.setCheckState(WHAT, Qt.CheckState.Checked)
    assert list_give_back(env.sessions, person_id=env.ana)[0].done
    with env.sessions() as session:
        kinds = session.scalars(select(Interaction.kind)).all()
    assert list(kinds) == ["give_back"]
    assert "logged as a contact" in env.context.status.currentMessage()
    env.context.undo_stack.undo()
    assert not list_give_back(env.sessions, person_id=env.ana)[0].done
    with env.sessions() as session:
        assert session.scalars(select(Interaction)).all() == []
    env.context.undo_stack.undo()
    assert list_give_back(env.sessions, person_id=env.ana) == []
    env.context.undo_stack.redo()
    env.context.undo_stack.redo()
    assert list_give_back(env.sessions, person_id=env.ana)[0].done
    gb.ledger.setCurrentItem(gb.ledger.topLevelItem(0))
    gb.ledger.setFocus()
    qtbot.keyClick(gb.ledger, Qt.Key.Key_Delete)
    assert list_give_back(env.sessions, person_id=env.ana) == []
    env.context.undo_stack.undo()
    assert len(list_give_back(env.sessions, person_id=env.ana)) == 1


def test_give_back_edit_in_place(env: Env) -> None:
    gb = env.panel.give_back
    _type_in(gb.description_box, "A name")
    gb.add_button.click()
    item = gb.ledger.topLevelItem(0)
    assert item is not None
    item.setText(WHAT, "The name of a good accountant")
    assert list_give_back(env.sessions)[0].description == "The name of a good accountant"
    later = date.today() + timedelta(days=30)
    gb.ledger.topLevelItem(0).setData(DUE, DATE_ROLE, later)
    assert list_give_back(env.sessions)[0].due_date == later
    env.context.undo_stack.undo()
    env.context.undo_stack.undo()
    [row] = list_give_back(env.sessions)
    assert row.description == "A name" and row.due_date == date.today() + timedelta(days=7)


def test_switching_meetings_saves_what_is_typed(env: Env) -> None:
    other = create_meeting(env.sessions, add_person(env.sessions, "Bea"))
    _type_in(env.panel.notes.boxes["I"], "Quiet teams ship the most.")
    env.panel.show_meeting(other)
    assert tiara_notes(env.sessions, env.meeting) == {"I": "Quiet teams ship the most."}
    assert env.panel.notes.boxes["I"].toPlainText() == ""
    assert env.panel.title.text() == "After meeting Bea"
    assert "has not happened yet" in env.panel.status_line.text()
    env.panel.show_meeting(env.meeting)
    assert env.panel.notes.boxes["I"].toPlainText() == "Quiet teams ship the most."


def test_a_name_written_down_earlier_joins_the_list(env: Env) -> None:
    from workbook.core.models import Referral

    with env.sessions.begin() as session:
        session.add(Referral(meeting_id=env.meeting, from_person_id=env.ana, kind="person",
                             name="Kofi Asante", notes="Battery start-up"))  # fmt: skip
    zoe = add_person(env.sessions, "Kofi Asante", organisation="Voltaic")
    env.panel.reload()
    refs = env.panel.referrals
    assert refs.names.item(0).text() == "Kofi Asante (Battery start-up) — not on your list yet"
    refs.names.setCurrentRow(0)
    assert refs.list_button.isEnabled()
    refs.list_button.click()  # the same name is on the list: asked first
    assert refs.duplicates.isVisibleTo(env.panel)
    refs.duplicates.buttons[0].click()
    [row] = list_referrals(env.sessions, env.meeting)
    assert row.person_id == zoe and get_person(env.sessions, zoe).introduced_by_id == env.ana
    assert "on your list, introduced by Ana Lima" in refs.names.item(0).text()
    env.context.undo_stack.undo()
    [row] = list_referrals(env.sessions, env.meeting)
    assert row.person_id is None and row.name == "Kofi Asante"


def test_screenshots_on_the_sample(
    qtbot: QtBot, tmp_path: Path, dirs: AppDirs, output_dir: Path
) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=100, seed=7, today=date(2026, 5, 12))
    with document.open_document(path) as doc:
        sessions = doc.sessions
        held = list_meetings(sessions, statuses=["met", "thanked", "reported_back"])
        meeting = max(held, key=lambda m: len(list_referrals(sessions, m.id)))
        set_tiara_note(sessions, meeting.id, "A2", "A long note. " * 40)
        context, _ = page_context(qtbot, sessions, dirs)
        panel = AfterMeetingPanel(context)
        qtbot.addWidget(panel)
        panel.resize(820, 1640)
        panel.show()
        panel.show_meeting(meeting.id)
        _type_in(panel.referrals.name_box, panel_name(sessions, meeting.person_id))
        panel.referrals._check_now()
        qtbot.wait(50)
        panel.grab().save(str(output_dir / "after-meeting-light.png"))
        panel.resize(560, 900)
        qtbot.wait(20)
        panel.scroll_area.ensureWidgetVisible(panel.referrals.name_box)
        panel.grab().save(str(output_dir / "after-meeting-narrow.png"))
        panel.resize(820, 1640)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        original = app.palette()
        app.setPalette(dark_palette())
        try:
            qtbot.wait(50)
            panel.grab().save(str(output_dir / "after-meeting-dark.png"))
        finally:
            app.setPalette(original)


def panel_name(sessions: SessionFactory, person_id: int) -> str:
    """A name like someone already on the list (so the duplicate choice shows)."""
    others = [p for p in list_people(sessions) if p.id != person_id and p.organisation]
    return others[0].name
