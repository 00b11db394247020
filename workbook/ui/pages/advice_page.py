"""Step 3 — Advice: tag what each person could tell you, see who to meet first and where the
network is thin.

Four views in tabs: Tag (Alt+T: the matrix of people and kinds, with notes and bulk tagging),
Who to meet first (Alt+W: the ranked list with its reasons, pin and dismiss), Network gaps
(Alt+N) and Coverage (Alt+C: the chart). Ctrl+F filters the matrix; Ctrl+Z / Ctrl+Shift+Z
undo and redo every change here. An empty list says where to start.

The page reads the workbook when it is first shown (opening a workbook does not wait for
it), and each view only when it is shown: the ranking and the gaps are worked out on demand.
Changes made here update the view in place; changes from elsewhere ("people", "target",
"organisations", "meetings", ...) mark the views stale, reloaded when next shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from workbook.ui.dialogs import kinds_dialog
from workbook.ui.models.advice_matrix_model import AdviceMatrixModel
from workbook.ui.models.ranking_model import RankingModel
from workbook.ui.page_context import PageContext
from workbook.ui.pages.advice_actions import AdviceActions
from workbook.ui.pages.advice_gaps import CoverageView, GapsView
from workbook.ui.pages.advice_matrix import MatrixView
from workbook.ui.pages.advice_ranking import RankingView
from workbook.ui.steps import STEP_BY_KEY
from workbook.ui.widgets.page_header import PageHeader
from workbook.ui.widgets.undo_keys import UndoKeys, run_undo_key

if TYPE_CHECKING:
    from workbook.core.advice import KindRow

RELOAD_ON = frozenset({"people", "advice", "target", "organisations", "meetings", "ranking"})
MATRIX, RANKING, GAPS, COVERAGE = "matrix", "ranking", "gaps", "coverage"
ALL_VIEWS = frozenset({MATRIX, RANKING, GAPS, COVERAGE})
TARGET_HINT = (
    "Your target is still open, so the ranking can only weigh relationships and tags. "
    "Answer the questions of Step 1 (Ctrl+1) and it will see who fits what you look for."
)


class AdvicePage(QWidget):
    """The Advice step for one open workbook."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("advicePage")
        self.context = context
        self._stale: set[str] = set(ALL_VIEWS)
        self.matrix_model = AdviceMatrixModel(self)
        self.ranking_model = RankingModel(self)
        self.editor = AdviceActions(self)

        step = STEP_BY_KEY["advice"]
        self.header = PageHeader(f"Step {step.number} — {step.name}", step.purpose)
        self.matrix = MatrixView(self.matrix_model)
        self.ranking = RankingView(self.ranking_model)
        self.gaps = GapsView()
        self.coverage = CoverageView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.matrix, "&Tag")
        self.tabs.addTab(self.ranking, "&Who to meet first")
        self.tabs.addTab(self.gaps, "&Network gaps")
        self.tabs.addTab(self.coverage, "&Coverage")
        self.empty = _EmptyState()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

        self._undo_keys = UndoKeys(self.undo, self.redo, self)
        self._undo_keys.watch(self.matrix.filter_box, self.matrix.note.note_box)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find_activated)
        self._wire()

    # ------------------------------------------------------------ loading

    def load_visible(self) -> None:
        """Read what the shown view needs, if it is stale (the matrix always first: it knows
        the people and the kinds)."""
        if MATRIX in self._stale:
            self.reload_matrix()
        if not self.matrix_model.total():
            return
        view = self.tabs.currentWidget()
        if view is self.ranking and RANKING in self._stale:
            self.reload_ranking()
        elif view in (self.gaps, self.coverage) and self._stale & {GAPS, COVERAGE}:
            self.reload_coverage()

    def reload_matrix(self, people: bool = True) -> None:
        """Read the kinds and tags again, and the people too unless ``people`` is False (a
        change of kinds leaves them as they are)."""
        from workbook.core.advice import list_kinds, tags_for
        from workbook.core.people import list_people

        sessions = self.context.sessions
        kinds = list_kinds(sessions, include_retired=True)
        rows = list_people(sessions) if people else self.matrix_model.all_people()
        with self.matrix.keeping_place():
            self.matrix.all_kinds = {kind.id: kind for kind in kinds}
            self.matrix_model.set_data(rows, kinds, tags_for(sessions))
        self._stale.discard(MATRIX)
        QTimer.singleShot(0, self.matrix_model.search_texts)  # after the first paint
        self.stack.setCurrentWidget(self.tabs if self.matrix_model.total() else self.empty)

    def ranking_changed(self) -> None:
        """A pin changed (or its undo): re-rank now if the list is shown, else when it is."""
        if self.isVisible() and self.tabs.currentWidget() is self.ranking:
            self.reload_ranking(keep_row=True)
        else:
            self._stale.add(RANKING)

    def reload_ranking(self, keep_row: bool = False) -> None:
        from workbook.core.ranking import rank_people
        from workbook.core.target import get_target

        sessions = self.context.sessions
        show_dismissed = self.ranking.show_dismissed_box.isChecked()
        rows = rank_people(sessions, include_dismissed=show_dismissed)
        self.ranking.show_rows(rows, keep_row=keep_row)
        answers = get_target(sessions).answers
        open_target = not (answers.industries or answers.role or answers.skills)
        self.ranking.set_target_hint(TARGET_HINT if open_target else "")
        self._stale.discard(RANKING)

    def reload_coverage(self) -> None:
        from workbook.core.gaps import coverage

        found = coverage(self.context.sessions)
        self.gaps.show_coverage(found)
        self.coverage.show_coverage(found)
        self._stale -= {GAPS, COVERAGE}

    # ------------------------------------------------------------ what the actions call

    def show_tags(self, cells: dict[tuple[int, int], str | None]) -> None:
        """The workbook has these tags now: repaint those cells, nothing more."""
        self.matrix_model.show_tags(cells)
        self.matrix.refresh_current()
        self.matrix.show_counts()

    def kind_by_id(self, kind_id: int) -> KindRow | None:
        return self.matrix.all_kinds.get(kind_id)

    def person_name(self, person_id: int) -> str:
        person = self.matrix_model.person_by_id(person_id)
        if person is not None:
            return person.name
        position = self.ranking_model.position_of(person_id)
        return "this person" if position is None else self.ranking_model.person(position).name

    def open_kinds(self) -> None:
        """The kinds of advice dialog (the matrix follows every change made there)."""
        self.matrix.note.flush()
        dialog = kinds_dialog.KindsDialog(self.editor, self.context.undo_stack.indexChanged, self)
        self.context.status.messageChanged.connect(dialog.show_message)
        try:
            kinds_dialog.run_dialog(dialog)
        finally:
            self.context.status.messageChanged.disconnect(dialog.show_message)
            dialog.deleteLater()
        self.matrix.focus_matrix()

    def undo(self) -> None:
        self.matrix.note.flush()
        self.context.undo_stack.undo()

    def redo(self) -> None:
        self.matrix.note.flush()
        self.context.undo_stack.redo()

    # ------------------------------------------------------------ wiring and slots

    def _wire(self) -> None:
        self.matrix.toggle_requested.connect(self._on_matrix_toggle_requested)
        self.matrix.note_edited.connect(self._on_matrix_note_edited)
        self.matrix.kinds_requested.connect(self.open_kinds)
        self.ranking.pin_requested.connect(self._on_ranking_pin_requested)
        self.ranking.show_dismissed_changed.connect(self._on_ranking_show_dismissed_changed)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.context.events.changed.connect(self._on_events_changed)

    def _on_matrix_toggle_requested(self, person_ids: list[int], kind_id: int, on: bool) -> None:
        self.editor.toggle(person_ids, kind_id, on)

    def _on_matrix_note_edited(self, person_id: int, kind_id: int, note: str) -> None:
        self.editor.write_note(person_id, kind_id, note)

    def _on_ranking_pin_requested(self, person_id: int, state: int) -> None:
        self.editor.pin(person_id, state)

    def _on_ranking_show_dismissed_changed(self, _checked: bool) -> None:
        self.reload_ranking()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.matrix.note.flush()
        if self.isVisible():
            self.load_visible()

    def _on_find_activated(self) -> None:
        self.tabs.setCurrentWidget(self.matrix)
        self.matrix.focus_filter()

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if not what & RELOAD_ON:
            return
        if self.editor.notifying:  # our own change: the matrix shows it already
            if "advice" in what:
                self._stale |= {RANKING, GAPS, COVERAGE}
        else:
            self._stale = set(ALL_VIEWS)
        if self.isVisible():
            self.load_visible()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_visible()

    def hideEvent(self, event: QHideEvent) -> None:
        self.matrix.note.flush()
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when no shortcut took the key (a page shown outside the main window).
        if not run_undo_key(event, self.undo, self.redo):
            super().keyPressEvent(event)


class _EmptyState(QWidget):
    """No one on the list yet: where to start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Nobody to tag yet.")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            "Start with the people you know on the People step (Ctrl+2): names are enough. "
            "Then come back here to note what each of them could tell you, and the workbook "
            "will suggest who to meet first."
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 40, 0, 0)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
        self.setMaximumWidth(720)
