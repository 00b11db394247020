"""The Today page driven as a user would: see what is due, mark it done, snooze it, undo."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context

from workbook.core import document
from workbook.core.followups import count_due, get_intervals
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui import prompts
from workbook.ui.pages.today_page import TodayPage


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


@pytest.fixture
def page(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[TodayPage]:
    path = tmp_path / "sample.workbook"
    build_sample(path, today=date.today())
    with document.open_document(path) as doc:
        context, _seen = page_context(qtbot, doc.sessions, dirs)
        today = TodayPage(context)
        qtbot.addWidget(today)
        today.resize(900, 760)
        with qtbot.waitExposed(today):
            today.show()
        yield today


def test_due_items_show_and_done_plans_the_next_step(
    qtbot: QtBot, page: TodayPage, output_dir: Path
) -> None:
    sessions = page.context.sessions
    due = count_due(sessions)
    assert due > 0
    assert page.summary.text().startswith(f"{due} to do today")
    page.grab().save(str(output_dir / "today.png"))
    nudge = next(row for row in page.rows if row.item.kind == "nudge")
    title = nudge.item.title
    qtbot.mouseClick(nudge.done_button, Qt.MouseButton.LeftButton)
    assert count_due(sessions) == due - 1
    assert title not in [row.item.title for row in page.rows if row.item.overdue_days >= 0]
    assert page.context.status.currentMessage().startswith("Followed up")
    page.context.undo_stack.undo()
    assert count_due(sessions) == due
    assert title in [row.item.title for row in page.rows]
    page.context.undo_stack.redo()
    assert count_due(sessions) == due - 1


def test_snooze_from_the_menu_and_keyboard_focus_moves_on(qtbot: QtBot, page: TodayPage) -> None:
    sessions = page.context.sessions
    due = count_due(sessions)
    first = page.rows[0]
    first.done_button.setFocus()
    menu = first.snooze_button.menu()
    assert menu is not None
    labels = [action.text() for action in menu.actions()]
    assert labels == ["Tomorrow", "In 3 business days", "Next week"]
    menu.actions()[0].trigger()
    assert count_due(sessions) == due - 1
    assert "Snoozed until" in page.context.status.currentMessage()
    # Keyboard: Space on the focused Done button completes the next item.
    focused = page.focusWidget()
    assert focused is page.rows[0].done_button
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert count_due(sessions) == due - 2


def test_follow_up_rules_dialog_saves_and_undoes(
    qtbot: QtBot, page: TodayPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.ui.dialogs.followup_settings import FollowupSettingsDialog

    dialog = FollowupSettingsDialog(page.context, page)
    qtbot.addWidget(dialog)
    dialog.nudge.setValue(5)
    dialog.country.setText("us")
    dialog.accept()
    sessions = page.context.sessions
    assert get_intervals(sessions).nudge_business_days == 5
    assert get_intervals(sessions).holiday_country == "US"
    page.context.undo_stack.undo()
    assert get_intervals(sessions).nudge_business_days == 3
    errors: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _p, _t, message: errors.append(message))
    bad = FollowupSettingsDialog(page.context, page)
    qtbot.addWidget(bad)
    bad.country.setText("ZZ")
    bad.accept()
    assert len(errors) == 1 and "'ZZ'" in errors[0]
    assert get_intervals(sessions).holiday_country == ""


def test_empty_today_says_what_to_do(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> None:
    with document.open_document(new_workbook) as doc:
        context, _ = page_context(qtbot, doc.sessions, dirs)
        page = TodayPage(context)
        qtbot.addWidget(page)
        assert page.rows == []
        assert "Nothing due" in page.summary.text()


def test_dark_screenshot(qtbot: QtBot, page: TodayPage, output_dir: Path) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    app.setPalette(dark_palette())
    try:
        page.refresh()
        page.grab().save(str(output_dir / "today-dark.png"))
    finally:
        app.setPalette(old)
