"""The Meetings page driven as a user would: plan a meeting, move it along the pipeline with
one click, schedule it, see overlaps, export it to a calendar, undo, and the referral tree."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.meetings import get_meeting, list_meetings, update_meeting
from workbook.core.people import add_person
from workbook.core.question_bank import meeting_questions
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages.meetings_page import MeetingsPage

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@dataclass
class Env:
    page: MeetingsPage
    sessions: SessionFactory
    context: PageContext


def _build(qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs) -> Env:
    context, _seen = page_context(qtbot, sessions, dirs)
    page = MeetingsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitExposed(page):
        page.show()
    return Env(page, sessions, context)


@pytest.fixture
def env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "Zoë Ångström", email="zoe@example.org", organisation="Acme")
        add_person(doc.sessions, "Олег Петров", phone="+7 495 555 0100")
        yield _build(qtbot, doc.sessions, dirs)


@pytest.fixture
def sample_env(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[Env]:
    path = tmp_path / "sample.workbook"
    build_sample(path, today=date.today())
    with document.open_document(path) as doc:
        yield _build(qtbot, doc.sessions, dirs)


def test_plan_request_yes_schedule_meet_with_one_click_each(
    qtbot: QtBot, env: Env, output_dir: Path
) -> None:
    page = env.page
    assert page.empty.isVisible() and "No meetings yet" in page.empty.text()
    page.person.setFocus()
    type_text(page.person.lineEdit(), "Zoë")  # type: ignore[arg-type]
    qtbot.keyClick(page.person.lineEdit(), Qt.Key.Key_Return)  # type: ignore[arg-type]
    (meeting,) = list_meetings(env.sessions)
    assert meeting.person_name == "Zoë Ångström" and meeting.status == "idea"
    assert page.list.selected_id() == meeting.id
    editor = page.editor
    assert editor.name.text() == "Zoë Ångström"
    assert editor.tabs.currentWidget() is editor.request
    assert [b.text() for b in editor._buttons] == ["Request sent"]

    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # the one-click next step, by keyboard
    assert get_meeting(env.sessions, meeting.id).status == "requested"
    assert "nudge is planned" in env.context.status.currentMessage()
    assert editor.next_up.text().startswith("Next: follow up by handwritten note")

    qtbot.mouseClick(editor._buttons[0], Qt.MouseButton.LeftButton)  # "They said yes"
    assert get_meeting(env.sessions, meeting.id).status == "scheduled"
    assert editor.tabs.currentWidget() is editor.schedule
    assert meeting_questions(env.sessions, meeting.id), "a yes brings questions that fit"
    qtbot.mouseClick(editor.schedule.set_time, Qt.MouseButton.LeftButton)
    view = get_meeting(env.sessions, meeting.id)
    assert view.scheduled_at is not None and view.scheduled_at > datetime.now(UTC)
    assert view.scheduled_at.astimezone().hour == 10
    editor.schedule.duration.setValue(15)
    editor.schedule.place.setFocus()
    type_text(editor.schedule.place, "Café Ångström")
    editor.schedule.save_pending()
    view = get_meeting(env.sessions, meeting.id)
    assert (view.duration_minutes, view.place) == (15, "Café Ångström")
    page.grab().save(str(output_dir / "meetings-scheduled.png"))

    update_meeting(env.sessions, meeting.id, scheduled_at=datetime.now(UTC) - timedelta(hours=1))
    env.context.events.notify("meetings")
    qtbot.mouseClick(editor._buttons[0], Qt.MouseButton.LeftButton)  # "We met"
    assert get_meeting(env.sessions, meeting.id).status == "met"
    assert editor.tabs.currentWidget() is editor.after
    assert "thank them within a day" in env.context.status.currentMessage()

    # Undo walks back one whole move at a time.
    stack = env.context.undo_stack
    stack.undo()
    assert get_meeting(env.sessions, meeting.id).status == "scheduled"
    stack.redo()
    assert get_meeting(env.sessions, meeting.id).status == "met"


def test_schedule_notes_warn_about_the_past_overlaps_and_other_zones(env: Env) -> None:
    page = env.page
    first = page.plan_meeting(1)
    second = page.plan_meeting(2)
    assert first and second
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    update_meeting(env.sessions, first, scheduled_at=start, status="scheduled")
    update_meeting(env.sessions, second, scheduled_at=start + timedelta(minutes=10),
                   status="scheduled", timezone="Asia/Tokyo")  # fmt: skip
    env.context.events.notify("meetings")
    page.list.select(second)
    notes = page.editor.schedule.schedule_notes()
    assert any("Overlaps" in n and "Zoë Ångström" in n for n in notes)
    assert any("where you are" in n for n in notes)
    update_meeting(env.sessions, second, scheduled_at=start - timedelta(days=5))
    env.context.events.notify("meetings")
    assert any("in the past" in n for n in page.editor.schedule.schedule_notes())


def test_a_bad_time_zone_is_not_saved(qtbot: QtBot, env: Env) -> None:
    page = env.page
    meeting = page.plan_meeting(1)
    assert meeting
    page.editor.tabs.setCurrentWidget(page.editor.schedule)
    zone = page.editor.schedule.zone
    zone.setCurrentText("Mars/Olympus")
    assert get_meeting(env.sessions, meeting).timezone == ""
    assert any("time zone" in n for n in page.editor.schedule.schedule_notes())
    zone.setCurrentText("Europe/Paris")
    assert get_meeting(env.sessions, meeting).timezone == "Europe/Paris"


def test_export_upcoming_to_a_calendar_file(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "meetings.ics"
    monkeypatch.setattr(prompts, "save_file_path", lambda *_args: out)
    qtbot.mouseClick(sample_env.page.export, Qt.MouseButton.LeftButton)
    calendar = Calendar.from_ical(out.read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    upcoming = list_meetings(sample_env.sessions, start=datetime.now(UTC), statuses=["scheduled"])
    assert {str(e["UID"]) for e in events} == {m.uid for m in upcoming}
    assert "Saved" in sample_env.context.status.currentMessage()


def test_only_ideas_can_be_deleted_and_undo_brings_them_back(qtbot: QtBot, env: Env) -> None:
    page = env.page
    meeting = page.plan_meeting(2)
    assert meeting
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert list_meetings(env.sessions) == []
    env.context.undo_stack.undo()
    assert [m.id for m in list_meetings(env.sessions)] == [meeting]


def test_unknown_person_is_explained(qtbot: QtBot, env: Env) -> None:
    page = env.page
    type_text(page.person.lineEdit(), "Nobody Atall")  # type: ignore[arg-type]
    qtbot.mouseClick(page.plan, Qt.MouseButton.LeftButton)
    assert list_meetings(env.sessions) == []
    assert "No one called “Nobody Atall”" in env.context.status.currentMessage()


def test_sample_pipeline_tree_and_screenshots(
    qtbot: QtBot, sample_env: Env, output_dir: Path
) -> None:
    page = sample_env.page
    groups = [page.list.topLevelItem(i).text(0) for i in range(page.list.topLevelItemCount())]  # type: ignore[union-attr]
    assert groups[0].startswith("Idea") and any(g.startswith("Scheduled") for g in groups)
    held = list_meetings(sample_env.sessions, statuses=["thanked"])[0]
    page.list.select(held.id)
    assert page.editor.tabs.currentWidget() is page.editor.after
    page.grab().save(str(output_dir / "meetings-after.png"))
    scheduled = list_meetings(sample_env.sessions, statuses=["scheduled"])[0]
    page.list.select(scheduled.id)
    page.grab().save(str(output_dir / "meetings-agenda.png"))
    page.editor.tabs.setCurrentWidget(page.editor.request)
    page.grab().save(str(output_dir / "meetings-request.png"))
    page.tabs.setCurrentWidget(page.tree)
    page.grab().save(str(output_dir / "meetings-tree.png"))
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    app.setPalette(dark_palette())
    try:
        page.tabs.setCurrentIndex(0)
        page.grab().save(str(output_dir / "meetings-dark.png"))
    finally:
        app.setPalette(old)
    page.filter.setFocus()
    type_text(page.filter, scheduled.person_name[:4])
    names = [
        page.list.topLevelItem(g).child(c).text(0)  # type: ignore[union-attr]
        for g in range(page.list.topLevelItemCount())
        for c in range(page.list.topLevelItem(g).childCount())  # type: ignore[union-attr]
    ]
    assert names and all(scheduled.person_name[:4].casefold() in n.casefold() for n in names)
