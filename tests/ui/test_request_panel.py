"""The Request tab: the draft, the live checker, copy, mail, saving and undo, screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.meetings import MeetingView, get_meeting, list_meetings, update_meeting
from workbook.core.models import MeetingStatus
from workbook.core.outreach import check_request, draft_request, mailto_url
from workbook.core.target import get_target
from workbook.paths import AppDirs
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.request_panel import ALL_GOOD, RequestPanel

BAD = (
    "I am looking for a job. Привет! I have ten years of experience and my skills are strong. "
    "Please forward my CV to HR."
)
GOOD = (
    "Hi Zoë,\n\nI often think back to our time at Cobalt Software. Your view of how the field "
    "is changing would mean a lot. Could you spare 20 minutes next week?"
)


@dataclass
class Env:
    sessions: SessionFactory
    context: PageContext
    panel: RequestPanel


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[Env]:
    from workbook.core.sample import build_sample

    path = tmp_path / "sample.workbook"
    build_sample(path, people=30, seed=7, today=date(2025, 3, 12))
    with document.open_document(path) as doc:
        context, _ = page_context(qtbot, doc.sessions, dirs)
        panel = RequestPanel(context)
        qtbot.addWidget(panel)
        panel.resize(620, 560)
        panel.show()
        yield Env(doc.sessions, context, panel)


def idea(env: Env) -> MeetingView:
    """A meeting whose request is not written yet."""
    return next(m for m in list_meetings(env.sessions) if m.status == MeetingStatus.IDEA)


def written(env: Env) -> MeetingView:
    return next(m for m in list_meetings(env.sessions) if m.request_text and m.person_email)


def retype(panel: RequestPanel, text: str) -> None:
    """Select everything in the message and type ``text`` over it (Enter for line breaks)."""
    panel.editor.setFocus()
    panel.editor.selectAll()
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(panel.editor, Qt.Key.Key_Return)
        type_text(panel.editor, line)


def codes(panel: RequestPanel) -> set[str]:
    return {flag.code for flag in panel._flags}


def test_an_unwritten_request_starts_from_the_draft(qtbot: QtBot, env: Env) -> None:
    meeting = idea(env)
    env.panel.show_meeting(meeting.id)
    draft = draft_request(meeting, get_target(env.sessions).ask)
    assert env.panel.editor.toPlainText() == draft.body
    assert env.panel.subject.text() == draft.subject
    assert env.panel.flag_list.text() == ALL_GOOD
    assert env.panel.count_label.text().endswith("words — good length")
    assert get_meeting(env.sessions, meeting.id).request_text == ""  # a draft is not saved
    assert env.context.undo_stack.count() == 0


def test_a_written_request_shows_as_saved(env: Env) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    assert env.panel.editor.toPlainText() == meeting.request_text
    assert meeting.person_email in env.panel.to_label.text()


def test_flags_appear_as_you_type_and_vanish_when_fixed(qtbot: QtBot, env: Env) -> None:
    env.panel.show_meeting(written(env).id)
    retype(env.panel, BAD)
    qtbot.waitUntil(lambda: codes(env.panel) == {"job", "about_me", "no_question"}, timeout=2000)
    shown = env.panel.flag_list.text()
    assert "Asking about jobs" in shown and "Show" in shown
    marked = [s.cursor.selectedText() for s in env.panel.editor.extraSelections()]
    assert "a job" in marked and "forward my CV to HR" in marked
    retype(env.panel, GOOD)
    qtbot.waitUntil(lambda: env.panel.flag_list.text() == ALL_GOOD, timeout=2000)
    assert env.panel.editor.extraSelections() == []


def test_show_selects_the_flagged_words(qtbot: QtBot, env: Env) -> None:
    env.panel.show_meeting(written(env).id)
    retype(env.panel, "😀 李小龙, do you know of any openings? Could we talk?")
    qtbot.waitUntil(lambda: codes(env.panel) == {"job"}, timeout=2000)
    (selection,) = env.panel.editor.extraSelections()
    assert selection.cursor.selectedText() == "openings"  # Qt counts UTF-16: 😀 is two
    env.panel.flag_list.linkActivated.emit("0")
    assert env.panel.editor.textCursor().selectedText() == "openings"
    assert env.panel.editor.hasFocus()


def test_each_kind_of_problem_is_listed_once(qtbot: QtBot, env: Env) -> None:
    env.panel.show_meeting(written(env).id)
    retype(env.panel, "Any openings? Any vacancies? Is your team hiring? Could we talk?")
    qtbot.waitUntil(lambda: len(env.panel.editor.extraSelections()) == 3, timeout=2000)
    assert env.panel.flag_list.text().count("Show") == 1


def test_copy_puts_the_message_alone_on_the_clipboard(qtbot: QtBot, env: Env) -> None:
    meeting = idea(env)
    env.panel.show_meeting(meeting.id)
    with qtbot.waitSignal(env.panel.copied) as copied:
        env.panel.copy_button.click()
    assert copied.args == [meeting.id]
    body = env.panel.editor.toPlainText()
    assert QGuiApplication.clipboard().text() == body
    assert env.panel.subject.text() not in QGuiApplication.clipboard().text()
    assert get_meeting(env.sessions, meeting.id).request_text == body  # what was sent is kept
    QGuiApplication.clipboard().clear()
    env.panel.editor.setFocus()
    qtbot.keyClick(env.panel.editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert QGuiApplication.clipboard().text() == body


def test_open_in_mail_app_hands_over_the_exact_url(qtbot: QtBot, env: Env) -> None:
    meeting = written(env)
    opened: list[QUrl] = []
    env.panel.open_url = lambda url: opened.append(url) or True
    env.panel.show_meeting(meeting.id)
    body = GOOD + "\nThanks, Zoë + Ana"
    env.panel.subject.selectAll()
    type_text(env.panel.subject, "Ваш совет & 20 minutes?")
    retype(env.panel, body)
    env.panel.editor.setFocus()
    qtbot.keyClick(env.panel.editor, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    expected = mailto_url(meeting.person_email, "Ваш совет & 20 minutes?", body)
    assert [url.toString(QUrl.ComponentFormattingOption.FullyEncoded) for url in opened] == [
        expected
    ]
    assert "%0D%0A" in expected and "+" not in expected


def test_without_an_email_the_mail_button_still_works(qtbot: QtBot, env: Env) -> None:
    meeting = next(m for m in list_meetings(env.sessions) if not m.person_email)
    opened: list[QUrl] = []
    env.panel.open_url = lambda url: opened.append(url) or False  # no mail app answers
    env.panel.show_meeting(meeting.id)
    assert "no email address" in env.panel.mail_button.toolTip()
    assert "Ctrl+Shift+M" in env.panel.mail_button.toolTip()
    assert "Ctrl+Shift+C" in env.panel.copy_button.toolTip()
    env.panel.mail_button.click()
    assert (
        opened[0]
        .toString(QUrl.ComponentFormattingOption.FullyEncoded)
        .startswith("mailto:?subject=")
    )
    assert "Copy the message instead" in env.context.status.currentMessage()


def test_typing_is_saved_and_survives_reopening(qtbot: QtBot, env: Env, dirs: AppDirs) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    retype(env.panel, GOOD)
    qtbot.waitUntil(
        lambda: get_meeting(env.sessions, meeting.id).request_text == GOOD, timeout=3000
    )
    env.panel.show_meeting(None)
    assert not env.panel.isEnabled() and env.panel.editor.toPlainText() == ""
    again = RequestPanel(env.context)
    qtbot.addWidget(again)
    again.show_meeting(meeting.id)
    assert again.editor.toPlainText() == GOOD


def test_save_pending_flushes_and_a_burst_is_one_undo_step(qtbot: QtBot, env: Env) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    retype(env.panel, "Hi Zoë")
    env.panel.save_pending()  # the editor switches away mid-word
    assert get_meeting(env.sessions, meeting.id).request_text == "Hi Zoë"
    type_text(env.panel.editor, ", could we talk?")
    env.panel.save_pending()
    assert get_meeting(env.sessions, meeting.id).request_text == "Hi Zoë, could we talk?"
    stack = env.context.undo_stack
    assert stack.count() == 1 and stack.undoText().startswith("edit the request to")
    stack.undo()
    assert get_meeting(env.sessions, meeting.id).request_text == meeting.request_text
    assert env.panel.editor.toPlainText() == meeting.request_text
    stack.redo()
    assert env.panel.editor.toPlainText() == "Hi Zoë, could we talk?"


def test_ctrl_z_in_the_box_undoes_the_saved_burst(qtbot: QtBot, env: Env) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    retype(env.panel, GOOD)
    qtbot.keyClick(env.panel.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_meeting(env.sessions, meeting.id).request_text == meeting.request_text
    assert env.panel.editor.toPlainText() == meeting.request_text


def test_a_fresh_draft_is_one_undoable_step(qtbot: QtBot, env: Env) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    env.panel.fresh_button.click()
    draft = draft_request(meeting, get_target(env.sessions).ask)
    assert env.panel.editor.toPlainText() == draft.body
    assert get_meeting(env.sessions, meeting.id).request_text == draft.body
    env.context.undo_stack.undo()
    assert env.panel.editor.toPlainText() == meeting.request_text
    assert check_request(draft.body) == ()


def test_changes_elsewhere_show_up(qtbot: QtBot, env: Env) -> None:
    meeting = written(env)
    env.panel.show_meeting(meeting.id)
    update_meeting(env.sessions, meeting.id, request_text="Changed elsewhere. Ok?")
    env.context.events.notify("meetings")
    assert env.panel.editor.toPlainText() == "Changed elsewhere. Ok?"


def test_screenshots_light_and_dark(qtbot: QtBot, env: Env, output_dir: Path) -> None:
    meeting = next(m for m in list_meetings(env.sessions) if m.person_name == "Олег Петров")
    env.panel.show_meeting(meeting.id)
    env.panel.grab().save(str(output_dir / "request-draft.png"))
    retype(env.panel, "Hi Олег, " + BAD + " I'd be so grateful for any help you can give me.")
    qtbot.waitUntil(lambda: "job" in codes(env.panel), timeout=2000)
    env.panel.grab().save(str(output_dir / "request-flags.png"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    try:
        qtbot.wait(50)
        env.panel.grab().save(str(output_dir / "request-flags-dark.png"))
        env.panel.show_meeting(idea(env).id)
        qtbot.wait(50)
        env.panel.grab().save(str(output_dir / "request-draft-dark.png"))
    finally:
        app.setPalette(light)
