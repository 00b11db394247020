"""The Schedule tab: when, how long, how and where a meeting happens, and its calendar file.

Every change is saved at once (one undo step per field burst). Warnings say what a demanding
user would want to know: a time in the past, an overlap with another meeting, and the time
in the user's own zone when the meeting is set in another one.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.core.meetings import (
    CHANNEL_LABELS,
    MEETING_CHANNELS,
    MeetingView,
    find_overlaps,
    get_meeting,
    local_zone_name,
    update_meeting,
    zone_or_none,
)
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages.meeting_undo import MeetingFieldCommand


class SchedulePanel(QWidget):
    """Date, time, time zone, duration, channel and place of one meeting."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: MeetingView | None = None
        self._loading = False
        self._pending_place = QTimer(self, singleShot=True, interval=600)
        self._pending_place.timeout.connect(self.save_pending)

        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.zone = QComboBox(editable=True)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setFilterMode(completer.filterMode().MatchContains)
        completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
        self.zone.setCompleter(completer)
        self.zone.setAccessibleName("Time zone")
        self.duration = QSpinBox(minimum=5, maximum=240, singleStep=5, suffix=" minutes")
        self.duration.setToolTip("15–20 minutes is the usual ask; keep to the time agreed.")
        self.channel = QComboBox()
        for channel in MEETING_CHANNELS:
            self.channel.addItem(CHANNEL_LABELS[channel], channel.value)
        self.place = QLineEdit(placeholderText="The café, a video link, their office…")
        self.place.setAccessibleName("Place")
        self.set_time = QPushButton("Set a date and time")
        self.clear_time = QPushButton("Not scheduled yet")
        self.clear_time.setToolTip("Remove the date and time")
        self.export = QPushButton("Add to my calendar (.ics)…")
        self.export.setToolTip("Save a calendar file you can open in any calendar app")
        self.warning = QLabel(wordWrap=True)
        self.warning.setAccessibleName("Schedule notes")

        when = QHBoxLayout()
        for widget in (self.date, self.time, self.set_time, self.clear_time):
            when.addWidget(widget)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow("&When", when)
        form.addRow("Time &zone", self.zone)
        form.addRow("&Duration", self.duration)
        form.addRow("&How", self.channel)
        form.addRow("&Where", self.place)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.date.dateChanged.connect(self._on_when_changed)
        self.time.timeChanged.connect(self._on_when_changed)
        self.zone.currentTextChanged.connect(self._on_zone_changed)
        self.duration.valueChanged.connect(self._on_duration_changed)
        self.channel.currentIndexChanged.connect(self._on_channel_changed)
        self.place.textEdited.connect(lambda _text: self._pending_place.start())
        self.place.editingFinished.connect(self.save_pending)
        self.set_time.clicked.connect(self._on_set_time_clicked)
        self.clear_time.clicked.connect(self._on_clear_time_clicked)
        self.export.clicked.connect(self._on_export_clicked)
        context.events.changed.connect(self._on_events_changed)
        self.show_meeting(None)

    # -- loading ---------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int | None) -> None:
        self.save_pending()
        self.meeting = (
            None if meeting_id is None else get_meeting(self.context.sessions, meeting_id)
        )
        self._load()

    def _load(self) -> None:
        meeting = self.meeting
        self.setEnabled(meeting is not None)
        self._loading = True
        try:
            start = meeting.local_start() if meeting else None
            scheduled = start is not None
            for widget in (self.date, self.time, self.clear_time, self.export):
                widget.setVisible(scheduled)
            self.set_time.setVisible(not scheduled)
            if start is not None:
                self.date.setDate(QDate(start.year, start.month, start.day))
                self.time.setTime(QTime(start.hour, start.minute))
            zone = (meeting.timezone if meeting else "") or local_zone_name()
            self.zone.setCurrentText(zone)
            self.duration.setValue(meeting.duration_minutes if meeting else 20)
            index = self.channel.findData(meeting.channel if meeting else "coffee")
            self.channel.setCurrentIndex(max(index, 0))
            if self.place.text() != (meeting.place if meeting else ""):
                self.place.setText(meeting.place if meeting else "")
        finally:
            self._loading = False
        self._show_warnings()

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if "meetings" in what and self.meeting is not None:
            try:
                self.meeting = get_meeting(self.context.sessions, self.meeting.id)
            except WorkbookError:
                self.meeting = None
            self._load()

    # -- saving ----------------------------------------------------------------------------

    def save_pending(self) -> None:
        self._pending_place.stop()
        if self.meeting is not None and self.place.text() != self.meeting.place:
            self._save("Change the place", merge=True, place=self.place.text())

    def _save(self, text: str, *, merge: bool = False, **values: object) -> None:
        if self._loading or self.meeting is None:
            return
        try:
            change = update_meeting(self.context.sessions, self.meeting.id, **values)
        except WorkbookError as exc:
            prompts.error(self, "Cannot change the meeting", str(exc))
            self._load()
            return
        if not change.changed:
            return
        name = self.meeting.person_name
        self.context.undo_stack.push(
            MeetingFieldCommand(self.context, change, f"{text} ({name})", merge)
        )
        self.context.events.notify("meetings")

    def _start_from_fields(self) -> datetime | None:
        zone = zone_or_none(self.zone.currentText().strip())
        if zone is None:
            return None
        day, clock = self.date.date(), self.time.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        return local.replace(tzinfo=zone).astimezone(UTC)

    def _on_when_changed(self) -> None:
        start = self._start_from_fields()
        if start is not None:
            self._save("Change the time", merge=True, scheduled_at=start)

    def _on_zone_changed(self, name: str) -> None:
        if self._loading or self.meeting is None or zone_or_none(name.strip()) is None:
            self._show_warnings()
            return
        # The wall-clock time stays: "16:00 in Paris" is what the person agreed to.
        start = self._start_from_fields() if self.meeting.scheduled_at else None
        values: dict[str, Any] = {"timezone": name.strip()}
        if start is not None:
            values["scheduled_at"] = start
        self._save("Change the time zone", **values)

    def _on_duration_changed(self, minutes: int) -> None:
        self._save("Change the duration", merge=True, duration_minutes=minutes)

    def _on_channel_changed(self, _index: int) -> None:
        self._save("Change how you meet", channel=self.channel.currentData())

    def _on_set_time_clicked(self) -> None:
        if self.meeting is None:
            return
        zone_name = self.zone.currentText().strip()
        zone = zone_or_none(zone_name)
        now = datetime.now(zone) if zone else datetime.now().astimezone()
        day = now.date() + timedelta(days=2)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        local = datetime(day.year, day.month, day.day, 10, 0, tzinfo=now.tzinfo)
        self._save("Set the date and time", scheduled_at=local.astimezone(UTC),
                   timezone=zone_name if zone else "")  # fmt: skip
        self.date.setFocus()

    def _on_clear_time_clicked(self) -> None:
        self._save("Remove the date and time", scheduled_at=None)

    def _on_export_clicked(self) -> None:
        if self.meeting is None:
            return
        from workbook.core.formats.ics import write_ics

        suggested = self.context.dirs.data.parent / f"meeting-{self.meeting.id}.ics"
        path = prompts.save_file_path(
            self, "Add to my calendar", suggested, "Calendar files (*.ics)", ".ics"
        )
        if path is None:
            return
        try:
            write_ics(path, [self.meeting], now=datetime.now(UTC))
        except (OSError, WorkbookError) as exc:
            prompts.error(self, "Cannot save the calendar file", f"{path}: {exc}")
            return
        self.context.status.showMessage(f"Saved {path.name}: open it to add the meeting.", 6000)

    # -- warnings --------------------------------------------------------------------------

    def _show_warnings(self) -> None:
        notes = self.schedule_notes()
        self.warning.setText("\n".join(notes))
        self.warning.setVisible(bool(notes))

    def schedule_notes(self) -> list[str]:
        meeting = self.meeting
        if meeting is None:
            return []
        notes = []
        if zone_or_none(self.zone.currentText().strip()) is None:
            notes.append("Pick a time zone from the list (for example Europe/Paris).")
        start = meeting.scheduled_at
        if start is None:
            return notes
        if start < datetime.now(UTC) and meeting.status in ("scheduled", "postponed"):
            notes.append("This time is in the past: pick the new date, or mark it as met.")
        for other in find_overlaps(
            self.context.sessions, start, meeting.duration_minutes, exclude=meeting.id
        ):
            begin = other.scheduled_at.astimezone() if other.scheduled_at else None
            when = f"{begin:%H:%M}" if begin else ""
            notes.append(f"Overlaps with your {when} meeting with {other.person_name}.")
        zone = meeting.zone
        mine = start.astimezone()
        theirs = start.astimezone(zone) if zone else mine
        if zone is not None and mine.utcoffset() != theirs.utcoffset():
            notes.append(f"That is {mine:%H:%M} on {mine:%a %d %b} where you are.")
        return notes
