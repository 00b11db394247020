"""The choices under each kind of print: which meeting, which days, blank or filled."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workbook.core.meetings import MeetingView
from workbook.core.models import MeetingStatus

_ID_ROLE = Qt.ItemDataRole.UserRole


def meeting_label(view: MeetingView) -> str:
    who = view.person_name + (f" · {view.person_organisation}" if view.person_organisation else "")
    start = view.local_start()
    if start is None:
        return f"{who} ({view.status_label.lower()})"
    return f"{start:%a %d %b, %H:%M} — {who}"


def group_meetings(
    meetings: list[MeetingView], now: datetime
) -> list[tuple[str, list[MeetingView]]]:
    """Coming up (soonest first), not scheduled yet, then earlier ones (latest first).

    Declined meetings are left out: there is nothing to prepare. A meeting earlier today
    still counts as coming up, so its sheet is at the top on the day itself.
    """
    today = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    live = [m for m in meetings if m.status != MeetingStatus.DECLINED]
    upcoming = [m for m in live if m.scheduled_at is not None and m.scheduled_at >= today]
    unscheduled = [m for m in live if m.scheduled_at is None]
    earlier = [m for m in live if m.scheduled_at is not None and m.scheduled_at < today]
    upcoming.sort(key=lambda m: cast(datetime, m.scheduled_at))
    earlier.sort(key=lambda m: cast(datetime, m.scheduled_at), reverse=True)
    groups = [("Coming up", upcoming), ("Not scheduled yet", unscheduled), ("Earlier", earlier)]
    return [(title, group) for title, group in groups if group]


class MeetingChooser(QWidget):
    """The meetings to print a prep sheet for; says what to do when there are none."""

    changed = Signal()
    meetings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Meeting")
        self.list.setMinimumHeight(160)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip has it all
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(
            "No meetings yet: plan one on the Meetings page, and its prep sheet will be "
            "ready to print here.",
            wordWrap=True,
        )
        self.go = QPushButton("&Go to Meetings")
        self.go.setToolTip("Plan a meeting first (Ctrl+4)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("&Meeting:")
        self.label.setBuddy(self.list)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.go, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(0)  # takes the room only while the list is hidden
        self.list.currentItemChanged.connect(lambda *_: self.changed.emit())
        self.go.clicked.connect(self.meetings_requested.emit)
        self.set_meetings([], datetime.now().astimezone())

    def set_meetings(self, meetings: list[MeetingView], now: datetime) -> None:
        """Fill the list; the selection stays on the same meeting, else the next one up."""
        keep = self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        first: QListWidgetItem | None = None
        for title, group in group_meetings(meetings, now):
            heading = QListWidgetItem(title)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.list.addItem(heading)
            for view in group:
                item = QListWidgetItem(meeting_label(view))
                item.setData(_ID_ROLE, view.id)
                item.setToolTip(f"{meeting_label(view)}\n{view.status_label}")
                self.list.addItem(item)
                first = first or item
        self.list.blockSignals(False)
        has_any = first is not None
        self.list.setVisible(has_any)
        self.label.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.go.setVisible(not has_any)
        if not (keep is not None and self.select(keep)) and first is not None:
            self.list.setCurrentItem(first)
        if self.selected_id() != keep:
            self.changed.emit()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(_ID_ROLE) if item is not None else None
        return cast(int, value) if value is not None else None

    def select(self, meeting_id: int) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ID_ROLE) == meeting_id:
                self.list.setCurrentItem(item)
                return True
        return False

    @property
    def is_empty(self) -> bool:
        return self.list.count() == 0


def week_of(day: date, first_weekday: int) -> tuple[date, date]:
    """The week (``first_weekday`` 1 = Monday … 7 = Sunday) that holds ``day``."""
    start = day - timedelta(days=(day.isoweekday() - first_weekday) % 7)
    return start, start + timedelta(days=6)


class AgendaRange(QWidget):
    """The days an agenda covers, with one-click today, this week and next week."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit, name in ((self.first, "First day"), (self.last, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.today = QPushButton("&Today")
        self.this_week = QPushButton("This &week")
        self.next_week = QPushButton("&Next week")
        grid = QFormLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for text, edit in (("&From:", self.first), ("T&o:", self.last)):
            label = QLabel(text)
            label.setBuddy(edit)
            grid.addRow(label, edit)
        shortcuts = QHBoxLayout()
        for button in (self.today, self.this_week, self.next_week):
            shortcuts.addWidget(button)
        shortcuts.addStretch(1)
        note = QLabel("Every meeting in these days, in order, each with its prep sheet.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(shortcuts)
        layout.addWidget(note)
        layout.addStretch(1)
        self.set_range(*self._week(0))
        self.first.dateChanged.connect(self._on_first_date_changed)
        self.last.dateChanged.connect(self._on_last_date_changed)
        self.today.clicked.connect(lambda: self.set_range(date.today(), date.today()))
        self.this_week.clicked.connect(lambda: self.set_range(*self._week(0)))
        self.next_week.clicked.connect(lambda: self.set_range(*self._week(1)))

    def _week(self, weeks_ahead: int) -> tuple[date, date]:
        first_weekday = QLocale().firstDayOfWeek().value
        return week_of(date.today() + timedelta(weeks=weeks_ahead), first_weekday)

    def range(self) -> tuple[date, date]:
        first = cast(date, self.first.date().toPython())
        last = cast(date, self.last.date().toPython())
        return first, last

    def set_range(self, first: date, last: date) -> None:
        if (first, last) == self.range():
            return
        for edit in (self.first, self.last):
            edit.blockSignals(True)
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))
        for edit in (self.first, self.last):
            edit.blockSignals(False)
        self.changed.emit()

    def _on_first_date_changed(self, value: QDate) -> None:
        if value > self.last.date():  # the range follows rather than refusing the date
            self.last.blockSignals(True)
            self.last.setDate(value)
            self.last.blockSignals(False)
        self.changed.emit()

    def _on_last_date_changed(self, value: QDate) -> None:
        if value < self.first.date():
            self.first.blockSignals(True)
            self.first.setDate(value)
            self.first.blockSignals(False)
        self.changed.emit()


class WorksheetChoice(QWidget):
    """The 100-people worksheet blank (to fill by hand) or filled with the list so far."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filled = QRadioButton("Your &list so far, with strength and advice")
        self.blank = QRadioButton("Blan&k, numbered 1–100 by circle, to fill by hand")
        self.group = QButtonGroup(self)
        self.group.addButton(self.filled)
        self.group.addButton(self.blank)
        self.filled.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filled)
        layout.addWidget(self.blank)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._on_group_button_toggled)
        self._count: int | None = None

    def set_people_count(self, count: int) -> None:
        if count == 0 and self._count is None:
            self.blank.setChecked(True)  # nothing to fill in yet: start with the blank one
        self._count = count
        plural = "person" if count == 1 else "people"
        self.filled.setText(f"Your &list so far ({count} {plural}), with strength and advice")

    @property
    def is_blank(self) -> bool:
        return self.blank.isChecked()

    def _on_group_button_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.changed.emit()
