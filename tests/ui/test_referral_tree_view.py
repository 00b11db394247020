"""The referral tree view: the sample's tree, markers, the empty state, activation, refresh
after a referral is added (and undone), and screenshots in light and dark."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from ui_helpers import dark_palette, page_context

from workbook.core import document
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.people import add_person, delete_people
from workbook.core.referral_tree import referral_forest
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.ui.widgets.referral_tree_view import (
    INTRODUCED,
    MET,
    MET_MARK,
    NAME,
    STRENGTH,
    ReferralTreeView,
)


def _items(view: ReferralTreeView) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []
    stack = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        found.append(item)
        stack.extend(item.child(i) for i in range(item.childCount()))
    return found


def test_empty_state_says_what_to_do(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> None:
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "Ana")
        context, _ = page_context(qtbot, doc.sessions, dirs)
        view = ReferralTreeView(context)
        qtbot.addWidget(view)
        view.show()
        assert view.empty.isVisible() and not view.tree.isVisible()
        assert "After the meeting" in view.empty_text.text()
        with qtbot.waitSignal(view.meetings_requested):
            view.meetings_button.click()


def test_tree_markers_activation_and_refresh(
    qtbot: QtBot, new_workbook: Path, dirs: AppDirs
) -> None:
    with document.open_document(new_workbook) as doc:
        sessions = doc.sessions
        ana = add_person(sessions, "Ana Lima", organisation="Globex", strength="1000")
        bea = add_person(sessions, "Bea", introduced_by_id=ana)
        gone = add_person(sessions, "Gone Person", introduced_by_id=ana)
        delete_people(sessions, [gone])
        meeting = create_meeting(sessions, bea)
        update_meeting(
            sessions, meeting, status="met", scheduled_at=datetime(2026, 5, 12, 9, tzinfo=UTC)
        )
        context, _ = page_context(qtbot, sessions, dirs)
        view = ReferralTreeView(context)
        qtbot.addWidget(view)
        view.show()
        assert view.summary.text() == (
            "1 of your people came through 1 introducer, up to 1 step from your first list"
        )
        root = view.tree.topLevelItem(0)
        assert root is not None and root.isExpanded()
        assert (root.text(NAME), root.text(STRENGTH), root.text(INTRODUCED)) == (
            "Ana Lima", "$1000", "2",
        )  # fmt: skip
        bea_item, gone_item = root.child(0), root.child(1)
        assert bea_item.text(MET) == MET_MARK and gone_item.text(MET) == ""
        assert gone_item.text(NAME) == "Gone Person (off your list)" and gone_item.font(0).italic()
        view.tree.setFocus()
        view.tree.setCurrentItem(bea_item)
        with qtbot.waitSignal(view.person_activated) as signal:
            qtbot.keyClick(view.tree, Qt.Key.Key_Return)
        assert signal.args == [bea]
        with qtbot.assertNotEmitted(view.person_activated):
            view.tree.setCurrentItem(gone_item)
            qtbot.keyClick(view.tree, Qt.Key.Key_Return)
        # A referral added elsewhere shows at once; the selection stays.
        view.tree.setCurrentItem(bea_item)
        from workbook.core.referrals import add_referred_person, undo_referral

        added = add_referred_person(sessions, meeting, "Олег")
        context.events.notify("people", "referrals")
        assert view.selected_person() == bea
        assert any(i.text(NAME) == "Олег" for i in _items(view))
        undo_referral(sessions, added)
        context.events.notify("people", "referrals")
        assert all(i.text(NAME) != "Олег" for i in _items(view))


def test_screenshots_on_the_sample(
    qtbot: QtBot, tmp_path: Path, dirs: AppDirs, output_dir: Path
) -> None:
    path = tmp_path / "sample.workbook"
    build_sample(path, people=100, seed=7, today=date(2026, 5, 12))
    with document.open_document(path) as doc:
        leaf = referral_forest(doc.sessions).roots[-1]
        while leaf.children:
            leaf = leaf.children[-1]
        delete_people(doc.sessions, [leaf.person_id])  # shown greyed, marked
        context, _ = page_context(qtbot, doc.sessions, dirs)
        view = ReferralTreeView(context)
        qtbot.addWidget(view)
        view.resize(760, 420)
        view.show()
        forest = referral_forest(doc.sessions)
        assert len(_items(view)) >= forest.introduced
        assert view.summary.text() == forest.summary()
        view.grab().save(str(output_dir / "referral-tree-light.png"))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        original = app.palette()
        app.setPalette(dark_palette())
        try:
            qtbot.wait(50)
            view.reload()  # greys are read from the palette
            view.grab().save(str(output_dir / "referral-tree-dark.png"))
        finally:
            app.setPalette(original)
