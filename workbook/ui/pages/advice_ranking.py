"""The "Who to meet first" view: the ranked list, why each person is there, pin and dismiss.

Keys in the list: arrows move, P pins the current person to the top (P again unpins), D
dismisses them (D again brings them back); the buttons do the same (Alt+P, Alt+D). After a
pin or a dismissal the cursor stays on the same line, so the user can walk down the list
deciding. "Show dismissed" lists dismissed people at the end, greyed.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import strength_label
from workbook.ui.models.ranking_model import NAME, ORGANISATION, RANK, STRENGTH, RankingModel

if TYPE_CHECKING:
    from workbook.core.ranking import RankedPerson

PINNED, NORMAL, DISMISSED = 1, 0, -1
INTRO = (
    "Ranked by how well each person fits your target, how close you are, what they could "
    "tell you and whether you have met already. Pin the people you want to see first."
)


class RankingView(QWidget):
    """The ranked table with a side panel of reasons; emits pin requests."""

    pin_requested = Signal(int, int)  # person id, new state (1 pinned, 0, -1 dismissed)
    show_dismissed_changed = Signal(bool)

    def __init__(self, model: RankingModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.target_hint = QLabel()
        self.target_hint.setWordWrap(True)
        self.target_hint.setForegroundRole(QPalette.ColorRole.Accent)
        self.show_dismissed_box = QCheckBox("Show dis&missed")
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(intro, 1)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addWidget(self.show_dismissed_box)

        self.view = QTableView()
        self.view.setModel(model)
        self.view.setAccessibleName("Who to meet first")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        x = self.fontMetrics().horizontalAdvance("x")
        for column, width in ((RANK, 7), (NAME, 22), (ORGANISATION, 18), (STRENGTH, 10)):
            header.resizeSection(column, x * width)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 16, 4, 4)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.detail = _Detail()
        detail_area = QScrollArea()  # its size changes stop here (no page-wide layout)
        detail_area.setWidget(self.detail)
        detail_area.setWidgetResizable(True)
        detail_area.setFrameShape(QFrame.Shape.NoFrame)
        detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(detail_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.target_hint)
        layout.addWidget(self.splitter, 1)

        self.show_dismissed_box.toggled.connect(self.show_dismissed_changed)
        self.detail.pin_button.clicked.connect(self._on_pin_button_clicked)
        self.detail.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.view.installEventFilter(self)
        self.set_target_hint("")

    # ------------------------------------------------------------ showing

    def show_rows(self, rows: list[RankedPerson], keep_row: bool = False) -> None:
        """Show a new ranking; the same person stays current (or, with ``keep_row``, the
        same line: after a pin or a dismissal the next person comes up under the cursor)."""
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else -1
        person_id = self.current_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.set_rows(rows)
        target = row if keep_row else self.model.position_of(person_id) if person_id else None
        if target is None or target < 0:
            target = 0
        if self.model.rowCount():
            target = min(target, self.model.rowCount() - 1)
            model = self.view.selectionModel()
            current = self.model.index(target, NAME)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            model.setCurrentIndex(current, flags | QItemSelectionModel.SelectionFlag.Rows)
        self.view.verticalScrollBar().setValue(scroll)
        self._show_counts()
        self._on_selection_current_row_changed(self.view.currentIndex())

    def set_target_hint(self, text: str) -> None:
        self.target_hint.setText(text)
        self.target_hint.setVisible(bool(text))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.person(index.row()).person_id if index.isValid() else None

    def _show_counts(self) -> None:
        rows = self.model.people()
        dismissed = sum(1 for row in rows if row.dismissed)
        pinned = sum(1 for row in rows if row.pinned)
        parts = [f"{len(rows) - dismissed:,} ranked"]
        if pinned:
            parts.append(f"{pinned} pinned")
        if dismissed:
            parts.append(f"{dismissed} dismissed")
        self.count_label.setText(" · ".join(parts))
        if rows:
            self.stack.setCurrentWidget(self.view)
        else:
            self.empty.setText(
                "Everyone on your list is dismissed. Tick “Show dismissed” to see them and "
                "bring back the ones you want to meet."
                if not self.show_dismissed_box.isChecked()
                else "Nobody on your list yet."
            )
            self.stack.setCurrentWidget(self.empty)

    # ------------------------------------------------------------ slots

    def _on_selection_current_row_changed(self, current: QModelIndex) -> None:
        self.detail.show_person(self.model.person(current.row()) if current.isValid() else None)

    def _on_pin_button_clicked(self) -> None:
        self.toggle(PINNED)

    def _on_dismiss_button_clicked(self) -> None:
        self.toggle(DISMISSED)

    def toggle(self, state: int) -> None:
        """Pin (or dismiss) the current person, or put them back when they already are."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        person = self.model.person(index.row())
        now = PINNED if person.pinned else DISMISSED if person.dismissed else NORMAL
        self.pin_requested.emit(person.person_id, NORMAL if now == state else state)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if event.key() == Qt.Key.Key_P:
                    self.toggle(PINNED)
                    return True
                if event.key() == Qt.Key.Key_D:
                    self.toggle(DISMISSED)
                    return True
        return super().eventFilter(watched, event)


class _Detail(QWidget):
    """One ranked person: why they are where they are, and the pin and dismiss buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel()
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.why_title = QLabel("Why meet them")
        bold = QFont(self.why_title.font())
        bold.setBold(True)
        self.why_title.setFont(bold)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAccessibleName("Reasons")
        self.ask_title = QLabel("What to ask")
        self.ask_title.setFont(bold)
        self.ask = QLabel()
        self.ask.setWordWrap(True)
        self.pin_button = QPushButton("&Pin to top")
        self.pin_button.setToolTip("Keep them at the top of the list (P)")
        self.dismiss_button = QPushButton("&Dismiss")
        self.dismiss_button.setToolTip("Move them out of the ranking (D)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.pin_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        hint = QLabel("In the list: P pins or unpins, D dismisses or brings back.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.about)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.why_title)
        layout.addWidget(self.reasons)
        layout.addSpacing(8)
        layout.addWidget(self.ask_title)
        layout.addWidget(self.ask)
        layout.addStretch(1)
        layout.addWidget(hint)
        self.show_person(None)

    def show_person(self, person: RankedPerson | None) -> None:
        from workbook.core.people import appropriate_ask

        for widget in (self.why_title, self.reasons, self.ask_title, self.ask, self.about):
            widget.setVisible(person is not None)
        self.pin_button.setEnabled(person is not None)
        self.dismiss_button.setEnabled(person is not None)
        if person is None:
            self.name.setText("")
            return
        self.name.setText(person.name)
        about = [strength_label(person.strength)]
        if person.organisation:
            about.insert(0, person.organisation)
        if person.pinned:
            about.append("pinned to the top")
        if person.dismissed:
            about.append("dismissed")
        self.about.setText(" · ".join(about))
        self.reasons.setText(_reasons(person))
        self.ask.setText(appropriate_ask(person.strength))
        self.pin_button.setText("Un&pin" if person.pinned else "&Pin to top")
        self.dismiss_button.setText("Bring &back" if person.dismissed else "&Dismiss")
        self.dismiss_button.setToolTip(
            "Put them back in the ranking (D)"
            if person.dismissed
            else "Move them out of the ranking (D)"
        )


def _reasons(person: RankedPerson) -> str:
    if not person.reasons:
        return "<i>Nothing points to them yet: tag what they could tell you.</i>"
    points = person.points if len(person.points) == len(person.reasons) else ()
    lines = []
    for n, reason in enumerate(person.reasons):
        score = f" <span style='color: gray'>({points[n]:+g})</span>" if points else ""
        lines.append(f"• {escape(reason)}{score}")
    return "<br>".join(lines)
