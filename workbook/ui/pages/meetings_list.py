"""The meetings pipeline as a grouped list: one group per status, in pipeline order.

Few enough rows (tens to a few hundred) for a QTreeWidget; refreshing keeps the selection
and the scroll position, and a filter box narrows the list by name or organisation.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from workbook.core.meetings import PIPELINE, STATUS_LABELS, MeetingView
from workbook.core.models import MeetingStatus
from workbook.core.pipeline import next_move

_ID = Qt.ItemDataRole.UserRole
# Groups a user rarely needs open: they start collapsed.
_QUIET = {MeetingStatus.DECLINED.value, MeetingStatus.REPORTED_BACK.value}


def when_text(meeting: MeetingView, now: datetime) -> str:
    start = meeting.scheduled_at
    if start is None:
        if meeting.requested_at is not None:
            days = (now - meeting.requested_at).days
            return "asked today" if days <= 0 else f"asked {days} day{'s' * (days != 1)} ago"
        return ""
    local = start.astimezone()
    if local.date() == now.astimezone().date():
        return f"today {local:%H:%M}"
    return f"{local:%a %d %b %H:%M}"


class MeetingList(QTreeWidget):
    """Meetings grouped by status; emits ``meeting_selected`` with an id (or None)."""

    meeting_selected = Signal(object)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Person", "When", "Next step"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Meetings")
        self.setColumnWidth(0, 220)
        self.setColumnWidth(1, 130)
        self.meetings: list[MeetingView] = []
        self._filter = ""
        self._collapsed = set(_QUIET)
        self.itemSelectionChanged.connect(self._on_selection_changed)
        self.itemCollapsed.connect(self._on_group_collapsed)
        self.itemExpanded.connect(self._on_group_expanded)

    def set_meetings(self, meetings: list[MeetingView]) -> None:
        self.meetings = meetings
        self._rebuild()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._rebuild()

    def selected_id(self) -> int | None:
        items = self.selectedItems()
        value = items[0].data(0, _ID) if items else None
        return value if isinstance(value, int) else None

    def select(self, meeting_id: int | None) -> None:
        for group in range(self.topLevelItemCount()):
            top = self.topLevelItem(group)
            if top is None:
                continue
            for row in range(top.childCount()):
                item = top.child(row)
                if item is not None and item.data(0, _ID) == meeting_id:
                    top.setExpanded(True)
                    self.setCurrentItem(item)
                    self.scrollToItem(item)
                    return
        self.clearSelection()

    def _matches(self, meeting: MeetingView) -> bool:
        if not self._filter:
            return True
        text = f"{meeting.person_name} {meeting.person_organisation} {meeting.place}"
        return self._filter in text.casefold()

    def _rebuild(self) -> None:
        selected = self.selected_id()
        scroll = self.verticalScrollBar().value()
        self.blockSignals(True)
        try:
            self.clear()
            now = datetime.now(UTC)
            bold = QFont(self.font())
            bold.setBold(True)
            for status in PIPELINE:
                rows = [m for m in self.meetings if m.status == status and self._matches(m)]
                if not rows:
                    continue
                group = QTreeWidgetItem([f"{STATUS_LABELS[status]} ({len(rows)})"])
                group.setData(0, _ID, status.value)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.addTopLevelItem(group)
                for meeting in rows:
                    move = next_move(meeting.status)
                    name = meeting.person_name + (" (removed)" if meeting.person_deleted else "")
                    item = QTreeWidgetItem(
                        [name, when_text(meeting, now), move.label if move else ""]
                    )
                    item.setData(0, _ID, meeting.id)
                    item.setToolTip(0, meeting.person_organisation or meeting.person_name)
                    group.addChild(item)
                group.setExpanded(status.value not in self._collapsed)
        finally:
            self.blockSignals(False)
        self.verticalScrollBar().setValue(scroll)
        self.select(selected)
        if self.selected_id() != selected:
            self.meeting_selected.emit(self.selected_id())

    def _on_selection_changed(self) -> None:
        self.meeting_selected.emit(self.selected_id())

    def _on_group_collapsed(self, item: QTreeWidgetItem) -> None:
        self._collapsed.add(str(item.data(0, _ID)))

    def _on_group_expanded(self, item: QTreeWidgetItem) -> None:
        self._collapsed.discard(str(item.data(0, _ID)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        meeting_id = self.selected_id()
        if event.key() == Qt.Key.Key_Delete and meeting_id is not None:
            self.delete_requested.emit(meeting_id)
            return
        super().keyPressEvent(event)
