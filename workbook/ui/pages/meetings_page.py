"""Step 4: research meetings — the pipeline, one meeting at a time, and the referral tree."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.core.meetings import create_meeting, get_meeting, list_meetings
from workbook.core.models import MeetingStatus
from workbook.core.people import list_people
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages.meeting_editor import MeetingEditor
from workbook.ui.pages.meeting_undo import DeleteMeetingCommand, NewMeetingCommand
from workbook.ui.pages.meetings_list import MeetingList
from workbook.ui.steps import STEP_BY_KEY
from workbook.ui.widgets.page_header import PageHeader
from workbook.ui.widgets.referral_tree_view import ReferralTreeView

_REFRESH_ON = frozenset({"meetings", "people", "followups"})


class MeetingsPage(QWidget):
    """``print_requested(meeting_id)`` asks the window for that meeting's prep sheet."""

    print_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        step = STEP_BY_KEY["meetings"]
        header = PageHeader(f"Step {step.number} — {step.name}", step.purpose)
        self.person = QComboBox(editable=True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumWidth(160)
        self.person.setAccessibleName("Person to meet")
        self.person_edit = self.person.lineEdit()
        assert self.person_edit is not None
        self.person_edit.setPlaceholderText("Who would you like to meet?")
        self.plan = QPushButton("&Plan a meeting")
        self.plan.setToolTip("Start a meeting with this person as an idea (Alt+W to choose)")
        self.filter = QLineEdit(placeholderText="Filter by name or organisation")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter meetings")
        self.export = QPushButton("Export to calendar…")
        self.export.setToolTip("Save your upcoming meetings as a calendar file (.ics)")
        toolbar = QHBoxLayout()
        meet = QLabel("Meet &with:")
        meet.setBuddy(self.person)
        toolbar.addWidget(meet)
        toolbar.addWidget(self.person)
        toolbar.addWidget(self.plan)
        toolbar.addStretch(1)
        toolbar.addWidget(self.export)

        self.list = MeetingList()
        self.editor = MeetingEditor(context)
        self.empty = QLabel(
            "No meetings yet. Pick someone above — the top of your who-to-meet-first list is a "
            "good start — and press Plan a meeting. Then draft a short request.",
            wordWrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 640])

        self.tree = ReferralTreeView(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "Pipeline")
        self.tabs.addTab(self.tree, "Referral tree")

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(toolbar)
        layout.addWidget(self.tabs, 1)

        self.plan.clicked.connect(self._on_plan_clicked)
        self.person_edit.returnPressed.connect(self._on_plan_clicked)
        self.filter.textChanged.connect(self.list.set_filter)
        self.export.clicked.connect(self._on_export_clicked)
        self.list.meeting_selected.connect(self._on_list_meeting_selected)
        self.list.delete_requested.connect(self._on_list_delete_requested)
        self.editor.print_requested.connect(self.print_requested)
        self.tree.person_activated.connect(self._on_tree_person_activated)
        self.tree.meetings_requested.connect(lambda: self.tabs.setCurrentIndex(0))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter.setFocus)
        context.events.changed.connect(self._on_events_changed)
        self.refresh()
        self._load_people()

    def shutdown(self) -> None:
        """Save a text edit in progress before the workbook closes."""
        self.editor.save_pending()

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        meetings = list_meetings(self.context.sessions)
        self.list.set_meetings(meetings)
        self.list.setVisible(bool(meetings))
        self.empty.setVisible(not meetings)
        self.export.setEnabled(any(m.status == MeetingStatus.SCHEDULED for m in meetings))

    def _load_people(self) -> None:
        text = self.person.currentText()
        people = sorted(list_people(self.context.sessions), key=lambda p: p.name.casefold())
        self.person.blockSignals(True)
        self.person.clear()
        for person in people:
            label = person.name + (f" ({person.organisation})" if person.organisation else "")
            self.person.addItem(label, person.id)
        self.person.setCurrentIndex(-1)
        self.person.setEditText(text)
        self.person.blockSignals(False)
        completer = QCompleter(self.person.model(), self.person)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person.setCompleter(completer)

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if what & _REFRESH_ON:
            self.refresh()
        if "people" in what:
            self._load_people()

    # -- actions ---------------------------------------------------------------------------

    def chosen_person(self) -> int | None:
        text = self.person.currentText().strip()
        index = self.person.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            matches = [
                i
                for i in range(self.person.count())
                if text and self.person.itemText(i).casefold().startswith(text.casefold())
            ]
            index = matches[0] if len(matches) == 1 else -1
        return cast(int, self.person.itemData(index)) if index >= 0 else None

    def plan_meeting(self, person_id: int) -> int | None:
        try:
            meeting_id = create_meeting(self.context.sessions, person_id)
            view = get_meeting(self.context.sessions, meeting_id)
        except WorkbookError as exc:
            prompts.error(self, "Cannot plan the meeting", str(exc))
            return None
        self.context.undo_stack.push(NewMeetingCommand(self.context, view, self._select_later))
        self.context.events.notify("meetings")
        self.list.select(meeting_id)
        self.context.status.showMessage(
            f"Planned a meeting with {view.person_name}: draft the request next.", 6000
        )
        return meeting_id

    def _select_later(self, meeting_id: int) -> None:
        self.refresh()
        self.list.select(meeting_id)

    def _on_plan_clicked(self) -> None:
        person_id = self.chosen_person()
        if person_id is None:
            text = self.person.currentText().strip()
            self.context.status.showMessage(
                f"No one called “{text}” on your list: add them on the People page first."
                if text
                else "Pick the person to meet first.",
                6000,
            )
            self.person.setFocus()
            return
        self.person.setEditText("")
        self.plan_meeting(person_id)
        self.editor.request.setFocus()

    def _on_list_meeting_selected(self, meeting_id: int | None) -> None:
        self.editor.show_meeting(meeting_id)

    def _on_list_delete_requested(self, meeting_id: int) -> None:
        view = get_meeting(self.context.sessions, meeting_id)
        if view.status != MeetingStatus.IDEA:
            self.context.status.showMessage(
                "Only an idea can be deleted; a meeting that went further keeps its history "
                "(mark it declined instead).",
                6000,
            )
            return
        from workbook.core.meetings import delete_meeting

        delete_meeting(self.context.sessions, meeting_id)
        self.context.undo_stack.push(DeleteMeetingCommand(self.context, view))
        self.context.events.notify("meetings")
        self.context.status.showMessage(f"Deleted the idea to meet {view.person_name}.", 6000)

    def _on_tree_person_activated(self, person_id: int) -> None:
        meetings = list_meetings(self.context.sessions, person_id=person_id)
        self.tabs.setCurrentIndex(0)
        if meetings:
            self.list.select(meetings[-1].id)
        else:
            index = self.person.findData(person_id)
            self.person.setCurrentIndex(index)
            self.person.setFocus()

    def _on_export_clicked(self) -> None:
        from workbook.core.formats.ics import write_ics

        now = datetime.now(UTC)
        upcoming = list_meetings(self.context.sessions, start=now, statuses=["scheduled"])
        suggested = self.context.dirs.data.parent / "research-meetings.ics"
        path = prompts.save_file_path(
            self, "Export upcoming meetings", suggested, "Calendar files (*.ics)", ".ics"
        )
        if path is None:
            return
        try:
            write_ics(path, upcoming, now=now)
        except (OSError, WorkbookError) as exc:
            prompts.error(self, "Cannot save the calendar file", f"{path}: {exc}")
            return
        count = len(upcoming)
        self.context.status.showMessage(
            f"Saved {count} meeting{'s' * (count != 1)} to {path.name}.", 6000
        )
