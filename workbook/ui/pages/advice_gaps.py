"""The Network gaps and Coverage views: where the network is thin, and the counts as a chart.

Gaps calls out each kind of advice nobody on the list can give (or only people the user lost
touch with), with the circles to brainstorm next and their memory-jogging questions, then
lists every kind with how many people could help. Coverage draws people per strength, per
circle and per kind, and the progress toward 100, with ``CoverageChart``. Both show one
``Coverage`` from the core; neither writes anything.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import CIRCLE_BY_VALUE, CIRCLES, STRENGTH_HINTS, STRENGTH_LABELS
from workbook.ui.widgets.coverage_chart import Bar, BarGroup, CoverageChart

if TYPE_CHECKING:
    from workbook.core.gaps import Coverage, KindCoverage

NONE, LOST_ONLY, THIN = "none", "lost_only", "thin"
STATUS_WORDS = {NONE: "nobody yet", LOST_ONLY: "only people you lost touch with",
                THIN: "thin", "ok": "covered"}  # fmt: skip
CHART_NOTES = {NONE: "nobody yet", LOST_ONLY: "lost touch only"}  # the kinds called out
PEOPLE_STEP = "Add them on the People step (Ctrl+2), then tag them on the Tag view."


class GapsView(QScrollArea):
    """The call-outs, then every kind with its count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setAccessibleName("Network gaps")
        self.callouts = QVBoxLayout()
        self.callouts.setSpacing(10)
        self.table_title = QLabel("Every kind of advice")
        bold = QFont(self.table_title.font())
        bold.setBold(True)
        self.table_title.setFont(bold)
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(18)
        self.table.setVerticalSpacing(4)
        self.table.setColumnStretch(3, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 8, 12, 12)
        layout.addWidget(self.headline)
        layout.addLayout(self.callouts)
        layout.addSpacing(12)
        layout.addWidget(self.table_title)
        layout.addLayout(self.table)
        layout.addStretch(1)
        self.setWidget(content)
        self.cards: list[QFrame] = []

    def show_coverage(self, coverage: Coverage) -> None:
        kinds = coverage.kinds
        missing = [k for k in kinds if k.status == NONE]
        lost = [k for k in kinds if k.status == LOST_ONLY]
        self.headline.setText(_headline(len(missing), len(lost), bool(kinds)))
        for card in self.cards:
            self.callouts.removeWidget(card)
            card.deleteLater()
        self.cards = [_card(kind) for kind in (*missing, *lost)]
        for card in self.cards:
            self.callouts.addWidget(card)
        self._fill_table(kinds)

    def _fill_table(self, kinds: list[KindCoverage]) -> None:
        while self.table.count():
            item = self.table.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.table_title.setVisible(bool(kinds))
        if not kinds:
            return
        for column, title in enumerate(("Kind of advice", "Could help", "In touch", "")):
            label = QLabel(title)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.table.addWidget(label, 0, column)
        for row, kind in enumerate(kinds, start=1):
            name = QLabel(kind.name)
            gap = kind.status in (NONE, LOST_ONLY)
            if gap:
                font = QFont(name.font())
                font.setBold(True)
                name.setFont(font)
            status = STATUS_WORDS.get(kind.status, kind.status)
            if kind.status in (NONE, LOST_ONLY, THIN) and kind.suggested_circles:
                status += " — try " + ", ".join(_circle(c) for c in kind.suggested_circles)
            cells = (name, QLabel(str(kind.people)), QLabel(str(kind.active_people)),
                     QLabel(status))  # fmt: skip
            cells[3].setWordWrap(True)
            for column, cell in enumerate(cells):
                if column in (1, 2):
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.addWidget(cell, row, column)
            cells[0].setAccessibleName(f"{kind.name}: {kind.people} could help, {status}")


class CoverageView(QScrollArea):
    """The coverage chart with a line saying what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        intro = QLabel(
            "Who is on your list: how close you are, which circles they come from and what "
            "they could tell you. Short bars show where to brainstorm next."
        )
        intro.setWordWrap(True)
        self.chart = CoverageChart()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 8, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        self.setWidget(content)

    def show_coverage(self, coverage: Coverage) -> None:
        self.chart.set_data(coverage.people, coverage.goal, coverage_groups(coverage))


def coverage_groups(coverage: Coverage) -> list[BarGroup]:
    """The chart's bars: strength, circles, kinds of advice (gaps marked in words)."""
    strengths = tuple(
        Bar(label, coverage.by_strength.get(value, 0), STRENGTH_HINTS.get(value, ""))
        for value, label in STRENGTH_LABELS.items()
    )
    circles = tuple(
        Bar(p.label, coverage.by_circle.get(p.circle.value, 0), p.question) for p in CIRCLES
    )
    kinds = tuple(
        Bar(
            kind.name,
            kind.people,
            f"{kind.name}: {kind.people} could help, {kind.active_people} still in touch",
            CHART_NOTES.get(kind.status, ""),
            kind.status in CHART_NOTES,
        )
        for kind in coverage.kinds
    )
    return [
        BarGroup("How close you are", strengths),
        BarGroup("Circles", circles),
        BarGroup("Kinds of advice", kinds),
    ]


def _headline(missing: int, lost: int, any_kinds: bool) -> str:
    if not any_kinds:
        return "No kinds of advice are in use: add or bring one back with Kinds… on the Tag view."
    if not missing and not lost:
        return "Every kind of advice is covered by someone you are in touch with."
    parts = []
    if missing:
        parts.append(
            f"{missing} {'kind' if missing == 1 else 'kinds'} of advice nobody can give yet"
        )
    if lost:
        which = "kind" if lost == 1 else "kinds"
        parts.append(f"{lost} {which} only through people you lost touch with")
    return "Where your network is thin: " + "; ".join(parts) + "."


def _circle(value: str) -> str:
    prompt = CIRCLE_BY_VALUE.get(value)
    return prompt.label if prompt is not None else value


def _card(kind: KindCoverage) -> QFrame:
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setAccessibleName(f"Gap: {kind.name}")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 10, 12, 10)
    if kind.status == NONE:
        title = f"{escape(kind.name)} — nobody on your list yet"
        advice = "Who might know? Think through these circles:"
    else:
        people = "person" if kind.people == 1 else "people"
        title = f"{escape(kind.name)} — only {kind.people} {people} you lost touch with"
        advice = (
            "Reconnect first: say hello and share your news before asking. And think "
            "through these circles for someone closer:"
        )
    heading = QLabel(f"<b>{title}</b>")
    heading.setWordWrap(True)
    layout.addWidget(heading)
    lines = [escape(advice)]
    for value in kind.suggested_circles:
        prompt = CIRCLE_BY_VALUE.get(value)
        if prompt is not None:
            lines.append(f"• <b>{escape(prompt.label)}</b>: {escape(prompt.question)}")
    lines.append(escape(PEOPLE_STEP))
    body = QLabel("<br>".join(lines))
    body.setWordWrap(True)
    body.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(body)
    return card
