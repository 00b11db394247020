"""Today: what is due and overdue (nudges, thank-yous, report-backs, keep-in-touch, promises),
each done or snoozed with one click, and what comes up in the next days."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.core.today import DueItem, complete_item, due_items, snooze_choices, snooze_item
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages.meeting_undo import ChangeLogCommand
from workbook.ui.steps import TODAY
from workbook.ui.widgets.page_header import PageHeader

UPCOMING_DAYS = 7
_REFRESH_ON = frozenset({"meetings", "people", "followups", "give_back", "settings"})
_WHAT = ("followups", "meetings", "give_back")


def due_text(item: DueItem) -> str:
    if item.overdue_days > 1:
        return f"{item.overdue_days} days overdue"
    if item.overdue_days == 1:
        return "since yesterday"
    if item.overdue_days == 0:
        return "today"
    return f"{item.due_at.astimezone():%a %d %b}"


class DueRow(QFrame):
    """One item: what to do, why, and its Done and Snooze buttons."""

    done = Signal(str)
    snooze = Signal(str, object)

    def __init__(self, item: DueItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(item.title)
        title = QLabel(item.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        when = QLabel(f"{item.kind_label} · {due_text(item)}")
        if item.overdue_days > 0:
            when.setForegroundRole(QPalette.ColorRole.Link)
        detail = QLabel(item.detail, wordWrap=True)
        detail.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Mark it done (the next step is planned for you)")
        self.snooze_button = QPushButton("Snooze")
        menu = QMenu(self.snooze_button)
        for label, until in snooze_choices():
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, u=until: self.snooze.emit(self.item.key, u))
        self.snooze_button.setMenu(menu)
        self.done_button.clicked.connect(lambda: self.done.emit(self.item.key))
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(when)
        text.addWidget(detail)
        buttons = QVBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)


class TodayPage(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[DueRow] = []
        header = PageHeader(TODAY.name, TODAY.purpose)
        self.summary = QLabel(wordWrap=True)
        self.summary.setAccessibleName("Summary")
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list_widget)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.settings = QPushButton("Follow-up &rules…")
        self.settings.setToolTip("How long to wait before a nudge, how often to keep in touch")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.settings)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.settings.clicked.connect(self._on_settings_clicked)
        context.events.changed.connect(self._on_events_changed)
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now(UTC)
        items = due_items(self.context.sessions, now, days=UPCOMING_DAYS)
        focused = self.focusWidget()
        focus_at = next(
            (n for n, row in enumerate(self.rows) if focused and row.isAncestorOf(focused)), None
        )
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        while self.list_layout.count():
            taken = self.list_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        due = [i for i in items if i.overdue_days >= 0]
        later = [i for i in items if i.overdue_days < 0]
        overdue = sum(1 for i in due if i.overdue_days > 0)
        if not items:
            self.summary.setText(
                "Nothing due. Plan a meeting, or check in with someone you haven't "
                "talked to in a while — with no request."
            )
        else:
            late = f", {overdue} overdue" if overdue else ""
            self.summary.setText(f"{len(due)} to do today{late}; {len(later)} coming up.")
        for title, group in (("Due now", due), (f"Next {UPCOMING_DAYS} days", later)):
            if not group:
                continue
            heading = QLabel(title)
            font = QFont(heading.font())
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setBold(True)
            heading.setFont(font)
            self.list_layout.addWidget(heading)
            for item in group:
                row = DueRow(item)
                row.done.connect(self.complete)
                row.snooze.connect(self.snooze)
                self.list_layout.addWidget(row)
                self.rows.append(row)
        if focus_at is not None and self.rows:  # the focused item went: on to the next one
            self.rows[min(focus_at, len(self.rows) - 1)].done_button.setFocus()
        elif focus_at is not None:
            self.settings.setFocus()

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if what & _REFRESH_ON:
            self.refresh()

    def complete(self, key: str) -> None:
        item = next((r.item for r in self.rows if r.item.key == key), None)
        try:
            log, message = complete_item(self.context.sessions, key)
        except WorkbookError as exc:
            prompts.error(self, "Cannot mark it done", str(exc))
            self.refresh()
            return
        title = item.title if item else "a follow-up"
        self.context.undo_stack.push(ChangeLogCommand(self.context, log, f"Done: {title}", _WHAT))
        self.context.events.notify(*_WHAT)
        self.context.status.showMessage(message, 6000)

    def snooze(self, key: str, until: datetime) -> None:
        item = next((r.item for r in self.rows if r.item.key == key), None)
        try:
            log = snooze_item(self.context.sessions, key, until)
        except WorkbookError as exc:
            prompts.error(self, "Cannot snooze it", str(exc))
            return
        title = item.title if item else "a follow-up"
        self.context.undo_stack.push(ChangeLogCommand(self.context, log, f"Snooze: {title}", _WHAT))
        self.context.events.notify(*_WHAT)
        day = until.astimezone()
        self.context.status.showMessage(f"Snoozed until {day:%a %d %b}.", 6000)

    def _on_settings_clicked(self) -> None:
        from workbook.ui.dialogs.followup_settings import FollowupSettingsDialog

        FollowupSettingsDialog(self.context, self).open()
