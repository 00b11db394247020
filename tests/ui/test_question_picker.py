"""The "Agenda & questions" tab driven as a user would: pick by keyboard, add an own question,
reorder, reword, remove, fill the time, undo and redo, and screenshots in light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.advice import list_kinds, set_tag
from workbook.core.db import SessionFactory
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import Strength
from workbook.core.people import add_person
from workbook.core.question_bank import (
    add_meeting_question,
    list_bank,
    meeting_questions,
)
from workbook.core.target import update_field
from workbook.paths import AppDirs
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.question_picker import Pick, QuestionPicker
from workbook.ui.widgets.question_trees import HEADING, PAYLOAD, SECONDARY, QuestionTree

ALT = Qt.KeyboardModifier.AltModifier


@dataclass
class Env:
    picker: QuestionPicker
    sessions: SessionFactory
    context: PageContext
    events: list[frozenset[str]]
    meeting: int

    def texts(self) -> list[str]:
        return [q.text for q in meeting_questions(self.sessions, self.meeting)]


@pytest.fixture
def env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        target = {"skills": ["data analysis"], "industries": ["healthcare"],
                  "organisation_types": ["clinic"], "places": ["Boston"]}  # fmt: skip
        for field, value in target.items():
            update_field(sessions, field, value)
        person = add_person(
            sessions, "Zoë Ångström", strength=Strength.THOUSAND, organisation="Northwind",
            title="Head of Data",
        )  # fmt: skip
        kinds = {k.key: k.id for k in list_kinds(sessions)}
        for key in ("organisation", "industry", "introductions"):
            set_tag(sessions, person, kinds[key], True)
        meeting = create_meeting(sessions, person)
        context, seen = page_context(qtbot, sessions, dirs)
        picker = QuestionPicker(context)
        qtbot.addWidget(picker)
        picker.resize(1100, 720)
        picker.show_meeting(meeting)
        with qtbot.waitExposed(picker):
            picker.show()
        yield Env(picker, sessions, context, seen, meeting)


def rows(tree: QuestionTree) -> list[tuple[str, str]]:
    """(text, second line) of every row, headings included, top to bottom."""
    out = []
    for i in range(tree.topLevelItemCount()):
        heading = tree.topLevelItem(i)
        assert heading is not None and heading.data(0, HEADING)
        out.append((heading.text(0), str(heading.data(0, SECONDARY) or "")))
        for j in range(heading.childCount()):
            child = heading.child(j)
            assert child is not None
            out.append((child.text(0), str(child.data(0, SECONDARY) or "")))
    return out


def select(tree: QuestionTree, text: str) -> None:
    item = next(i for i in tree.questions() if i.text(0) == text)
    tree.setCurrentItem(item)


def test_suggestions_bank_and_agenda_are_shown(env: Env, output_dir: Path) -> None:
    assert env.picker.grab().save(str(output_dir / "question-picker-new-meeting.png"))
    shown = rows(env.picker.bank)
    assert shown[0] == (
        "Suggested for Zoë Ångström",
        "Written for them, from what they could advise on and your target.",
    )
    assert (
        "What is it really like to work at Northwind?",
        "I — Insights · they know Northwind",
    ) in shown
    assert ("T — Trends", "What is changing in their field.") in shown
    assert ("A — Assignments", "The projects and problems their work is about.") in shown
    assert (
        len(
            [
                r
                for r in shown
                if r[0] == "What surprised you most when you started doing this work?"
            ]
        )
        == 1
    )
    assert env.picker.estimate.text().startswith("No questions yet: your 20 minutes")
    assert env.picker.empty_hint.isVisible()
    agenda = env.picker.agenda.plain_text()
    assert agenda.startswith("0:00  Small talk (2 min)\n0:02  Your ask (1 min)")
    assert "Would you be comfortable introducing me to one of them?" in agenda  # close + tag


def test_pick_by_keyboard_then_undo_and_redo(env: Env, qtbot: QtBot) -> None:
    bank = env.picker.bank
    bank.setFocus()
    qtbot.keyClick(bank, Qt.Key.Key_Down)  # the first question (headings are skipped)
    first = bank.currentItem()
    assert first is not None and isinstance(first.data(0, PAYLOAD), Pick)
    text = first.text(0)
    qtbot.keyClick(bank, Qt.Key.Key_Return)
    assert env.texts() == [text]
    assert frozenset({"questions"}) in env.events
    assert env.picker.estimate.text() == "1 question — about 3 of your 20 minutes"
    assert not env.picker.empty_hint.isVisible()
    assert text in env.picker.agenda.plain_text()
    # The suggestion left the list; the next one is selected, so Enter again adds it.
    after = bank.currentItem()
    assert after is not None and after.text(0) != text and bank.hasFocus()
    qtbot.keyClick(bank, Qt.Key.Key_Return)
    assert len(env.texts()) == 2
    ids = [q.id for q in meeting_questions(env.sessions, env.meeting)]
    env.context.undo_stack.undo()
    env.context.undo_stack.undo()
    assert env.texts() == []
    env.context.undo_stack.redo()
    env.context.undo_stack.redo()
    assert [q.id for q in meeting_questions(env.sessions, env.meeting)] == ids


def test_double_click_and_the_button_add_from_the_bank(env: Env, qtbot: QtBot) -> None:
    bank = env.picker.bank
    item = next(i for i in bank.questions() if i.text(0).startswith("What surprised you most"))
    bank.scrollToItem(item)
    where = bank.visualItemRect(item).center()
    qtbot.mouseClick(bank.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(bank.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert env.texts() == ["What surprised you most when you started doing this work?"]
    item = next(i for i in bank.questions() if i.text(0).startswith("What surprised you most"))
    assert item.data(0, SECONDARY) == "in this meeting"
    bank.setCurrentItem(item)
    qtbot.mouseClick(env.picker.add_button, Qt.MouseButton.LeftButton)  # no double
    assert len(env.texts()) == 1
    assert "already in this meeting" in env.context.status.currentMessage()
    select(bank, "What does a typical week of work look like for you?")
    qtbot.mouseClick(env.picker.add_button, Qt.MouseButton.LeftButton)
    assert env.texts()[-1] == "What does a typical week of work look like for you?"


def test_add_my_own_question(env: Env, qtbot: QtBot) -> None:
    picker = env.picker
    picker.own_letter.setFocus()
    qtbot.keyClick(picker.own_letter, Qt.Key.Key_Down)  # Insights
    assert picker.own_letter.currentData() == "I"
    picker.own_text.setFocus()
    type_text(picker.own_text, "What did Northwind get right about onboarding — and wrong?")
    qtbot.keyClick(picker.own_text, Qt.Key.Key_Return)
    own = "What did Northwind get right about onboarding — and wrong?"
    assert env.texts() == [own]
    assert picker.own_text.text() == "" and picker.own_text.hasFocus()
    (saved,) = [q for q in list_bank(env.sessions) if q.text == own]
    assert saved.letter == "I" and not saved.builtin
    assert (own, "in this meeting") in rows(picker.bank)
    env.context.undo_stack.undo()
    assert env.texts() == [] and own not in [q.text for q in list_bank(env.sessions)]
    env.context.undo_stack.redo()
    assert env.texts() == [own] and own in [q.text for q in list_bank(env.sessions)]


def test_reorder_reword_and_remove_with_undo(env: Env, qtbot: QtBot) -> None:
    for text in ("What is changing?", "Where is it heading?"):
        add_meeting_question(env.sessions, env.meeting, "T", text)
    add_meeting_question(env.sessions, env.meeting, "R", "What do you read?")
    env.picker.reload()
    chosen = env.picker.chosen
    assert [r[0] for r in rows(chosen)] == [
        "T — Trends", "What is changing?", "Where is it heading?", "R — Resources",
        "What do you read?",
    ]  # fmt: skip
    chosen.setFocus()
    select(chosen, "Where is it heading?")
    qtbot.keyClick(chosen, Qt.Key.Key_Up, ALT)
    assert env.texts() == ["Where is it heading?", "What is changing?", "What do you read?"]
    assert chosen.currentItem() is not None
    assert chosen.currentItem().text(0) == "Where is it heading?"  # type: ignore[union-attr]
    qtbot.keyClick(chosen, Qt.Key.Key_Up, ALT)  # already first in its letter: nothing to undo
    env.context.undo_stack.undo()
    assert env.texts() == ["What is changing?", "Where is it heading?", "What do you read?"]
    env.context.undo_stack.redo()
    assert env.texts()[0] == "Where is it heading?"

    # Reword in place: F2, type, Enter.
    select(chosen, "What do you read?")
    qtbot.keyClick(chosen, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "What do you read to keep up?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: env.texts()[-1] == "What do you read to keep up?")
    env.context.undo_stack.undo()
    assert env.texts()[-1] == "What do you read?"
    env.context.undo_stack.redo()

    # Delete removes; the next question is selected.
    chosen.setFocus()
    select(chosen, "Where is it heading?")
    qtbot.keyClick(chosen, Qt.Key.Key_Delete)
    assert env.texts() == ["What is changing?", "What do you read to keep up?"]
    assert chosen.currentItem() is not None
    env.context.undo_stack.undo()
    assert env.texts() == [
        "Where is it heading?", "What is changing?", "What do you read to keep up?",
    ]  # fmt: skip


def test_save_pending_keeps_a_rewording_in_progress(env: Env, qtbot: QtBot) -> None:
    add_meeting_question(env.sessions, env.meeting, "A", "What would you do?")
    env.picker.reload()
    chosen = env.picker.chosen
    chosen.setFocus()
    select(chosen, "What would you do?")
    qtbot.keyClick(chosen, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "What would you do first, in my place?")
    env.picker.save_pending()  # the editor switches meetings or closes
    assert env.texts() == ["What would you do first, in my place?"]
    assert not chosen.editing()


def test_fill_the_time_then_undo(env: Env, qtbot: QtBot) -> None:
    qtbot.mouseClick(env.picker.fill_button, Qt.MouseButton.LeftButton)
    assert len(env.texts()) == 5
    assert "What is it really like to work at Northwind?" in env.texts()
    assert env.picker.estimate.text() == "5 questions — about 14 of your 20 minutes"
    assert not env.picker.fill_button.isEnabled()
    env.context.undo_stack.undo()
    assert env.texts() == []
    env.context.undo_stack.redo()
    assert len(env.texts()) == 5


def test_a_longer_meeting_and_too_many_questions(env: Env) -> None:
    for n in range(7):
        add_meeting_question(env.sessions, env.meeting, "A", f"Question {n}?")
    env.picker.context.events.notify("questions")
    assert "more than the 14 your 20 minutes leave" in env.picker.estimate.text()
    assert env.picker.estimate.font().bold()
    update_meeting(env.sessions, env.meeting, duration_minutes=45)
    env.picker.context.events.notify("meetings")
    assert env.picker.estimate.text() == "7 questions — about 19 of your 45 minutes"
    assert not env.picker.estimate.font().bold()


def test_retire_from_the_bank_and_bring_back(env: Env) -> None:
    row = list_bank(env.sessions)[0]
    env.picker.ops.retire(row, True)
    assert row.text not in [r[0] for r in rows(env.picker.bank)]
    env.picker.show_retired.setChecked(True)
    assert (row.text, "retired") in rows(env.picker.bank)
    env.context.undo_stack.undo()
    assert row.id in [q.id for q in list_bank(env.sessions)]


def test_reword_and_delete_in_the_bank(env: Env, qtbot: QtBot) -> None:
    bank = env.picker.bank
    bank.setFocus()
    select(bank, "What makes someone stand out in your line of work?")
    qtbot.keyClick(bank, Qt.Key.Key_Return)  # in this meeting, with the bank's words
    select(bank, "What makes someone stand out in your line of work?")
    qtbot.keyClick(bank, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "What makes a newcomer stand out in your team?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            "What makes a newcomer stand out in your team?"
            in [q.text for q in list_bank(env.sessions)]
        )
    )
    assert env.texts() == ["What makes someone stand out in your line of work?"]  # a copy
    env.context.undo_stack.undo()
    assert "What makes someone stand out in your line of work?" in [
        q.text for q in list_bank(env.sessions)
    ]
    # The user's own questions can be deleted (and put back).
    picker = env.picker
    picker.own_text.setFocus()
    type_text(picker.own_text, "Which meetups do you skip?")
    qtbot.keyClick(picker.own_text, Qt.Key.Key_Return)
    (own,) = [q for q in list_bank(env.sessions) if q.text == "Which meetups do you skip?"]
    picker.ops.delete(own)
    assert own.id not in [q.id for q in list_bank(env.sessions)]
    assert "Which meetups do you skip?" in env.texts()  # the meeting keeps its copy
    env.context.undo_stack.undo()
    assert own.id in [q.id for q in list_bank(env.sessions)]


def test_no_meeting_clears_and_disables(env: Env) -> None:
    env.picker.show_meeting(None)
    assert not env.picker.isEnabled()
    assert env.picker.bank.topLevelItemCount() == 0
    assert env.picker.agenda.plain_text() == ""


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_screenshots(env: Env, qtbot: QtBot, output_dir: Path, dark: bool) -> None:
    qtbot.mouseClick(env.picker.fill_button, Qt.MouseButton.LeftButton)
    if dark:
        env.picker.setPalette(dark_palette())
    select(env.picker.chosen, env.texts()[1])
    env.picker.chosen.setFocus()
    QApplication.processEvents()
    name = "question-picker-dark.png" if dark else "question-picker.png"
    assert env.picker.grab().save(str(output_dir / name))
    if dark:
        image = env.picker.bank.grab().toImage()
        assert image.pixelColor(image.width() - 4, image.height() - 4).lightness() < 100
