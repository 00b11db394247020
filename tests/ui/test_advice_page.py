"""The Advice page driven as a user would: the matrix by mouse and keys, bulk tags, notes,
undo, the kinds dialog, who to meet first, the gaps and the chart, with screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from advice_helpers import (  # tests/ui is on the path
    CTRL,
    LEFT,
    NO_DEVANAGARI,
    REPO,
    SHIFT,
    Env,
    build,
    cell,
    env,
    go_to,
    scaled_shots,
    shot,
    untagged_person,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, type_text

from workbook.core import document
from workbook.core.advice import list_kinds, tags_for
from workbook.core.people import add_person
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.dialogs import kinds_dialog
from workbook.ui.pages.advice_page import AdvicePage

__all__ = ["env"]  # the fixture, imported


# ---------------------------------------------------------------- the matrix


def test_click_space_arrows_and_undo_in_the_matrix(
    env: Env, qtbot: QtBot, output_dir: Path
) -> None:
    page, view = env.page, env.page.matrix.view
    intros = env.kind_id("Introductions")
    someone = untagged_person(env, intros)
    name = page.person_name(someone)

    qtbot.mouseClick(view.viewport(), LEFT, pos=cell(env, someone, intros))
    assert intros in env.tags(someone)
    assert env.status == f"Tagged {name}: Introductions — Ctrl+Z to undo"
    assert env.events[-1] == frozenset({"advice"})
    assert page.matrix.current_cell() == (someone, intros)
    assert page.matrix.note.tagged_box.isChecked()
    assert page.matrix.header.current() == page.matrix_model.column_of(intros)

    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert intros not in env.tags(someone), "Space toggles the current cell back"
    assert env.status.startswith(f"Untagged {name}: Introductions")

    qtbot.keyClick(view, Qt.Key.Key_Right)
    next_kind = page.matrix.current_cell()[1]
    assert next_kind is not None and next_kind != intros
    qtbot.keyClick(view, Qt.Key.Key_Down)
    below, kind = page.matrix.current_cell()
    assert below != someone and kind == next_kind
    before = env.tags(below).get(next_kind)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert (next_kind in env.tags(below)) != (before is not None)
    assert page.matrix.note.name.text() == page.person_name(below)

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the last toggle
    assert env.tags(below).get(next_kind) == before
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # Space on the first cell
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the click
    assert intros not in env.tags(someone)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert intros in env.tags(someone), "redo"
    assert page.matrix_model.is_tagged(someone, intros)
    shot(page, output_dir / "tag-view.png")


def test_a_drag_or_a_modified_click_only_selects(env: Env, qtbot: QtBot) -> None:
    view = env.page.matrix.view
    intros = env.kind_id("Introductions")
    first, second = untagged_person(env, intros), untagged_person(env, intros, skip=1)
    qtbot.mouseClick(view.viewport(), LEFT, CTRL, cell(env, first, intros))
    qtbot.mousePress(view.viewport(), LEFT, pos=cell(env, first, intros))
    qtbot.mouseRelease(view.viewport(), LEFT, pos=cell(env, second, intros))
    assert intros not in env.tags(first) and intros not in env.tags(second)
    assert env.context.undo_stack.count() == 0


def test_bulk_tag_of_a_selection_is_one_undo(env: Env, qtbot: QtBot, output_dir: Path) -> None:
    page, view, model = env.page, env.page.matrix.view, env.page.matrix_model
    resume = env.kind_id("Résumé or profile feedback")
    ids = [model.person(row).id for row in range(3, 8)]
    notes_before = {pid: env.tags(pid).get(resume) for pid in ids}
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(model.index(3, 0)).center())
    qtbot.mouseClick(view.viewport(), LEFT, SHIFT, view.visualRect(model.index(7, 0)).center())
    assert page.matrix.selected_ids() == ids

    page.matrix.tag_menu.aboutToShow.emit()
    action = next(a for a in page.matrix.tag_menu.actions() if "Résumé" in a.text())
    action.trigger()
    assert all(resume in env.tags(pid) for pid in ids)
    added = sum(1 for note in notes_before.values() if note is None)
    assert env.status == f"Tagged {added} people: Résumé or profile feedback — Ctrl+Z to undo"
    shot(page, output_dir / "tag-bulk.png")

    page.undo()
    assert {pid: env.tags(pid).get(resume) for pid in ids} == notes_before, "notes come back"

    # Space with the selection: the current cell's kind for everyone selected.
    intros = env.kind_id("Introductions")
    page.matrix.select(ids, ids[0], intros)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert all(intros in env.tags(pid) for pid in ids)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not any(intros in env.tags(pid) for pid in ids), "Delete untags them all"
    assert page.matrix.selected_ids() == ids


def test_note_on_a_tag_with_f2_enter_escape_and_undo(env: Env, qtbot: QtBot) -> None:
    page, view, note = env.page, env.page.matrix.view, env.page.matrix.note
    organisation = env.kind_id("A specific organisation")
    someone = untagged_person(env, organisation)
    go_to(env, someone, organisation)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert note.note_box.hasFocus()
    type_text(note.note_box, "knows the hiring managers at Åcme — 李小龙's team")
    qtbot.keyClick(note.note_box, Qt.Key.Key_Return)
    assert env.tags(someone)[organisation] == "knows the hiring managers at Åcme — 李小龙's team"
    assert view.hasFocus(), "Enter goes back to the matrix"
    assert env.status.startswith("Saved the note for")
    assert "Åcme" in note.all_tags.text()
    model = page.matrix_model
    row, column = model.position_of(someone), model.column_of(organisation)
    assert row is not None and column is not None
    assert "Åcme" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)

    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_text(note.note_box, "something else")
    qtbot.keyClick(note.note_box, Qt.Key.Key_Escape)
    assert note.note_box.text() == "knows the hiring managers at Åcme — 李小龙's team"
    assert view.hasFocus()

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert organisation not in env.tags(someone), "the note's undo takes the tag it made too"
    assert note.note_box.text() == ""


def test_filter_untagged_only_and_selection_kept(env: Env, qtbot: QtBot) -> None:
    page, view, model = env.page, env.page.matrix.view, env.page.matrix_model
    total = model.rowCount()
    target = model.person(40)
    kind = model.kinds()[2].id
    go_to(env, target.id, kind)
    qtbot.keyClick(view, Qt.Key.Key_Slash)
    assert page.matrix.filter_box.hasFocus()
    type_text(page.matrix.filter_box, target.name.split()[0].upper())
    assert 0 < model.rowCount() < total
    assert page.matrix.current_cell() == (target.id, kind), "still the current cell"
    assert "Showing" in page.matrix.count_label.text()
    qtbot.keyClick(page.matrix.filter_box, Qt.Key.Key_Escape)
    assert model.rowCount() == total
    qtbot.keyClick(page.matrix.filter_box, Qt.Key.Key_Down)
    assert view.hasFocus()

    page.matrix.untagged_box.setChecked(True)
    assert all(not model.tags_of(model.person(r).id) for r in range(model.rowCount()))
    type_text(page.matrix.filter_box, "zzzz nobody")
    assert page.matrix.table_stack.currentIndex() == 1
    assert "No one matches “zzzz nobody”" in page.matrix.empty.text()


def test_refresh_from_elsewhere_keeps_selection_current_cell_and_scroll(
    env: Env, qtbot: QtBot
) -> None:
    page, view, model = env.page, env.page.matrix.view, env.page.matrix_model
    ids = [model.person(r).id for r in (70, 71, 72)]
    kind = model.kinds()[4].id
    page.matrix.select(ids, ids[1], kind)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() - 3)
    scroll = view.verticalScrollBar().value()
    add_person(env.sessions, "Élodie Zéphyr")  # someone added on the People page
    env.context.events.notify("people")
    assert model.total() == 101
    assert page.matrix.selected_ids() == ids
    assert page.matrix.current_cell() == (ids[1], kind)
    assert view.verticalScrollBar().value() == scroll


# ---------------------------------------------------------------- kinds


def test_kinds_dialog_add_rename_reorder_retire_and_undo(
    env: Env, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, output_dir: Path
) -> None:
    page, model = env.page, env.page.matrix_model
    encouragement = env.kind_id("Encouragement")
    answers = iter([("Grant writing", "Who funds what"), ("Grant & fund writing", "Funders")])
    monkeypatch.setattr(kinds_dialog, "ask_kind", lambda *_args: next(answers))
    kept_tags = {pid for pid, tags in tags_for(env.sessions).items() if encouragement in tags}
    assert kept_tags

    def drive(dialog: kinds_dialog.KindsDialog) -> None:
        qtbot.mouseClick(dialog.add_button, LEFT)
        assert dialog.current_kind() is not None
        assert dialog.current_kind().name == "Grant writing"  # type: ignore[union-attr]
        assert [k.name for k in model.kinds()][-1] == "Grant writing", "a new column"
        qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
        assert model.kinds()[-1].name == "Grant & fund writing"
        qtbot.keyClick(dialog.list, Qt.Key.Key_Up, CTRL)
        qtbot.mouseClick(dialog.up_button, LEFT)
        assert [k.name for k in model.kinds()][-3] == "Grant & fund writing"
        # retire Encouragement: hidden from the matrix, its tags kept
        for row in range(dialog.list.count()):
            if dialog.list.item(row).text().startswith("Encouragement"):
                dialog.list.setCurrentRow(row)
        assert dialog.retire_button.text() == "Re&tire"
        qtbot.mouseClick(dialog.retire_button, LEFT)
        assert model.column_of(encouragement) is None
        assert dialog.retire_button.text() == "Bring &back"
        assert "Retired “Encouragement”" in dialog.message.text()
        shot(dialog, output_dir / "kinds-dialog.png")
        qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)  # undo here, in the dialog
        assert model.column_of(encouragement) is not None
        qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL | SHIFT)
        assert model.column_of(encouragement) is None

    monkeypatch.setattr(kinds_dialog, "run_dialog", drive)
    qtbot.mouseClick(page.matrix.kinds_button, LEFT)
    assert {p for p, t in tags_for(env.sessions).items() if encouragement in t} == kept_tags
    someone = next(iter(kept_tags))
    go_to(env, someone, model.kinds()[0].id)
    assert "Encouragement" in page.matrix.note.all_tags.text()
    assert "(retired)" in page.matrix.note.all_tags.text(), "retired tags stay visible"

    for _ in range(4):  # retire, the two moves, the rename
        page.undo()
    assert model.kinds()[-1].name == "Grant writing"
    page.undo()  # the add
    assert "Grant writing" not in [k.name for k in list_kinds(env.sessions, True)]
    page.redo()
    assert model.kinds()[-1].name == "Grant writing", "redo brings the same kind back"


def test_kinds_refusals_are_said_quietly(
    env: Env, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kinds_dialog, "ask_kind", lambda *_args: ("introductions", ""))

    def drive(dialog: kinds_dialog.KindsDialog) -> None:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Insert)
        assert "already on the list" in dialog.message.text()

    monkeypatch.setattr(kinds_dialog, "run_dialog", drive)
    env.page.open_kinds()
    assert env.context.undo_stack.count() == 0


# ---------------------------------------------------------------- who to meet first


@NO_DEVANAGARI
def test_ranking_pin_dismiss_by_keys_and_buttons(env: Env, qtbot: QtBot, output_dir: Path) -> None:
    page = env.page
    page.tabs.setCurrentWidget(page.ranking)
    ranking, model = page.ranking, page.ranking_model
    assert model.rowCount() == 100
    view = ranking.view
    view.setFocus()
    view.setCurrentIndex(model.index(4, 1))
    fifth = model.person(4)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert model.person(0).person_id == fifth.person_id and model.person(0).pinned
    assert model.index(0, 0).data() == "★ 1"
    assert env.status == f"Pinned {fifth.name} to the top — Ctrl+Z to undo"
    assert env.events[-1] == frozenset({"ranking"})
    assert view.currentIndex().row() == 4, "the cursor stays on its line"

    next_up = model.person(4)
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert next_up.person_id not in [r.person_id for r in model.people()]
    assert model.rowCount() == 99
    qtbot.mouseClick(ranking.show_dismissed_box, LEFT)
    last = model.person(model.rowCount() - 1)
    assert (
        last.person_id == next_up.person_id and model.index(model.rowCount() - 1, 0).data() == "–"
    )
    view.setCurrentIndex(model.index(model.rowCount() - 1, 1))
    assert ranking.detail.dismiss_button.text() == "Bring &back"
    shot(page, output_dir / "ranking-view.png")
    qtbot.mouseClick(ranking.detail.dismiss_button, LEFT)
    assert not model.person(model.position_of(next_up.person_id) or 0).dismissed

    view.setCurrentIndex(model.index(0, 1))
    assert ranking.detail.pin_button.text() == "Un&pin"
    assert "Why meet them" in ranking.detail.why_title.text()
    assert ranking.detail.reasons.text().count("•") == len(model.person(0).reasons)
    page.undo()  # bring back
    page.undo()  # dismiss
    page.undo()  # pin
    assert not any(r.pinned or r.dismissed for r in model.people())


# ---------------------------------------------------------------- gaps, coverage, empty


@NO_DEVANAGARI
def test_gaps_call_out_missing_kinds_with_circles_to_brainstorm(
    env: Env, qtbot: QtBot, output_dir: Path
) -> None:
    from workbook.core.gaps import coverage

    page = env.page
    page.tabs.setCurrentWidget(page.gaps)
    found = coverage(env.sessions)
    called_out = [k for k in found.kinds if k.status in ("none", "lost_only")]
    assert called_out, "the sample has gaps"
    assert len(page.gaps.cards) == len(called_out)
    assert "Where your network is thin" in page.gaps.headline.text()
    texts = " ".join(label.text() for card in page.gaps.cards for label in card.findChildren(
        type(page.gaps.headline)))  # fmt: skip
    for kind in called_out:
        assert kind.name in texts
    shot(page, output_dir / "gaps-view.png")

    page.tabs.setCurrentWidget(page.coverage)
    groups = page.coverage.chart.groups()
    assert [g.title for g in groups] == ["How close you are", "Circles", "Kinds of advice"]
    assert sum(bar.value for bar in groups[0].bars) == found.people == 100
    assert {bar.label for bar in groups[2].bars if bar.warn} == {k.name for k in called_out}
    shot(page, output_dir / "coverage-view.png")

    # A tag changed on the Tag view: the gaps follow when shown again.
    gap = called_out[0]
    page.tabs.setCurrentWidget(page.matrix)
    someone = page.matrix_model.person(0).id
    page.editor.toggle([someone], gap.kind_id, True)
    page.tabs.setCurrentWidget(page.gaps)
    assert len(page.gaps.cards) == len(called_out) - 1 or gap.status == "lost_only"


@NO_DEVANAGARI
def test_dark_palette_screenshots_of_each_view(env: Env, qtbot: QtBot, output_dir: Path) -> None:
    page = env.page
    page.setPalette(dark_palette())
    page.matrix.focus_matrix()
    for name, view in (("tag", page.matrix), ("ranking", page.ranking), ("gaps", page.gaps),
                       ("coverage", page.coverage)):  # fmt: skip
        page.tabs.setCurrentWidget(view)
        shot(page, output_dir / f"{name}-view-dark.png")
    image = page.matrix.view.grab().toImage()
    assert image.pixelColor(image.width() - 3, image.height() - 3).lightness() < 100


def test_an_empty_workbook_says_where_to_start(
    qtbot: QtBot, new_workbook: Path, dirs: AppDirs, output_dir: Path
) -> None:
    with document.open_document(new_workbook) as doc:
        env = build(qtbot, doc.sessions, dirs)
        assert env.page.stack.currentWidget() is env.page.empty
        labels = " ".join(
            label.text() for label in env.page.empty.findChildren(type(env.page.header.title))
        )
        assert "People step (Ctrl+2)" in labels
        shot(env.page, output_dir / "empty.png")
        add_person(doc.sessions, "Zoë Ångström")
        env.context.events.notify("people")
        assert env.page.stack.currentWidget() is env.page.tabs
        assert env.page.matrix_model.total() == 1


def test_no_kinds_in_use_offers_the_kinds_dialog(
    qtbot: QtBot, new_workbook: Path, dirs: AppDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook.core.advice import retire_kind

    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "Олег Петров")
        for kind in list_kinds(doc.sessions):
            retire_kind(doc.sessions, kind.id)
        env = build(qtbot, doc.sessions, dirs)
        matrix = env.page.matrix
        assert matrix.table_stack.currentIndex() == 1 and matrix.add_kind_button.isVisible()
        opened: list[object] = []
        monkeypatch.setattr(kinds_dialog, "run_dialog", opened.append)
        qtbot.mouseClick(matrix.add_kind_button, LEFT)
        assert len(opened) == 1


# ---------------------------------------------------------------- speed and soundness


def test_painting_does_not_use_up_none(env: Env, qtbot: QtBot) -> None:
    """PySide6 6.12 on Python 3.11 takes a reference off None at every void Qt call made from
    Python; Python painting per cell would crash a long session. Repaints here are Qt's own."""
    page = env.page
    page.matrix.focus_matrix()
    views = [page.matrix.view.viewport(), page.matrix.header.viewport()]
    for widget in views:
        widget.repaint()
    before = sys.getrefcount(None)
    for _ in range(20):
        for widget in views:
            widget.repaint()
    lost_per_repaint = (before - sys.getrefcount(None)) / 20
    assert lost_per_repaint < 10, "a repaint must not call Qt from Python per cell"


def test_registry_loads_the_page_lazily() -> None:
    code = (
        "import sys\n"
        "from workbook.ui.pages.registry import PAGE_FACTORIES\n"
        "print('advice' in PAGE_FACTORIES, 'workbook.ui.pages.advice_page' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout.split()  # fmt: skip
    assert out == ["True", "False"]


@pytest.mark.slow
def test_screenshots_at_200_percent(tmp_path: Path, output_dir: Path) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path)
    scaled_shots(path, tmp_path / "data", output_dir)
    assert (output_dir / "tag-view-200.png").is_file()
    assert (output_dir / "coverage-view-200.png").is_file()


@NO_DEVANAGARI
def test_in_the_main_window_ctrl_3_space_and_the_edit_menu_undo(
    qtbot: QtBot, dirs: AppDirs, tmp_path: Path
) -> None:
    from workbook.recent import AppState
    from workbook.ui.app import make_settings
    from workbook.ui.main_window import MainWindow

    path = tmp_path / "sample.workbook"
    build_sample(path)
    state = AppState.load(dirs.state_file)
    state.welcomed = True
    window = MainWindow(dirs, state, make_settings(dirs))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.start(path, first_run=False)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.step_pages["advice"]
    assert isinstance(page, AdvicePage) and window.stack.currentWidget() is page
    assert page.matrix_model.total() == 100, "loaded when first shown"
    page.matrix.focus_matrix()
    person, kind = page.matrix.current_cell()
    assert person is not None and kind is not None
    before = page.matrix_model.is_tagged(person, kind)
    qtbot.keyClick(page.matrix.view, Qt.Key.Key_Space)
    assert page.matrix_model.is_tagged(person, kind) != before
    assert "Ctrl+Z to undo" in window.statusBar().currentMessage()
    qtbot.keyClick(page.matrix.view, Qt.Key.Key_Z, CTRL)  # the Edit menu's shortcut
    assert page.matrix_model.is_tagged(person, kind) == before
    assert window.undo_action.isEnabled() is False
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    window.close_document()


def test_the_kind_form_needs_a_name(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    form = kinds_dialog._KindForm(parent, "Add a Kind of Advice", "", "")
    assert not form.ok_button.isEnabled()
    type_text(form.name_box, "Grant writing")
    assert form.ok_button.isEnabled()
    assert form.name_box.placeholderText() and form.description_box.placeholderText()
