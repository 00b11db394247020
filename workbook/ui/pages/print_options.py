"""The left side of the Print page: what to print, its choices, and the paper."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbook.core.meetings import MeetingView, list_meetings
from workbook.core.people import count_people
from workbook.reports.paper import Paper, set_workbook_paper, workbook_paper
from workbook.ui.page_context import PageContext
from workbook.ui.pages.print_output import KIND_LABELS, Kind, PrintChoice
from workbook.ui.pages.print_panels import AgendaRange, MeetingChooser, WorksheetChoice
from workbook.ui.widgets.my_details_form import MyDetailsForm

PAPER_LABELS = {Paper.LETTER: "US Letter (8.5 × 11 in)", Paper.A4: "A4 (210 × 297 mm)"}


class PaperCommand(QUndoCommand):
    """The workbook's paper changed; the first redo does nothing (already saved)."""

    def __init__(self, context: PageContext, before: Paper, after: Paper) -> None:
        super().__init__(f"Print on {after.label}")
        self.context, self.before, self.after, self._first = context, before, after, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        set_workbook_paper(self.context.sessions, self.after)
        self.context.events.notify("settings")

    def undo(self) -> None:
        set_workbook_paper(self.context.sessions, self.before)
        self.context.events.notify("settings")


class PrintOptions(QWidget):
    """Choose a kind of print and its details; ``changed`` whenever the choice changes."""

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meetings: dict[int, MeetingView] = {}
        self.kind_buttons: dict[Kind, QRadioButton] = {}
        self.kinds = QButtonGroup(self)
        kind_box = QGroupBox("What to print")
        kind_layout = QVBoxLayout(kind_box)
        for kind, label in KIND_LABELS.items():
            button = QRadioButton(label)
            self.kinds.addButton(button)
            kind_layout.addWidget(button)
            self.kind_buttons[kind] = button
        self.kind_buttons[Kind.PREP].setChecked(True)

        self.meeting_chooser = MeetingChooser()
        self.agenda_range = AgendaRange()
        self.worksheet = WorksheetChoice()
        self.details = MyDetailsForm(context)
        cards = QWidget()
        cards_layout = QVBoxLayout(cards)
        cards_layout.setContentsMargins(0, 0, 0, 0)
        cards_note = QLabel(
            "Ten cards to a sheet: your name and contacts on the front, what you bring on "
            "the back. Print both sides, flipping on the long edge, on card stock.",
            wordWrap=True,
        )
        cards_layout.addWidget(QLabel("<b>Your details</b>"))
        cards_layout.addWidget(self.details)
        cards_layout.addWidget(cards_note)
        cards_layout.addStretch(1)
        self.panels = QStackedWidget()
        self._panel_of = {
            Kind.PREP: self.meeting_chooser,
            Kind.AGENDA: self.agenda_range,
            Kind.PEOPLE: self.worksheet,
            Kind.CARDS: cards,
        }
        for panel in self._panel_of.values():
            self.panels.addWidget(panel)

        self.paper = QComboBox()
        for paper, label in PAPER_LABELS.items():
            self.paper.addItem(label, paper.value)
        self.paper.setAccessibleName("Paper")
        self.paper.setToolTip("Saved with this workbook; Ctrl+Z undoes a change")
        paper_row = QFormLayout()
        paper_label = QLabel("Pape&r:")
        paper_label.setBuddy(self.paper)
        paper_row.addRow(paper_label, self.paper)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(kind_box)
        layout.addWidget(self.panels, 1)
        layout.addLayout(paper_row)

        self.kinds.buttonToggled.connect(self._on_kinds_button_toggled)
        for source in (self.meeting_chooser, self.agenda_range, self.worksheet):
            source.changed.connect(self.changed)
        self.paper.currentIndexChanged.connect(self._on_paper_current_index_changed)
        self.reload_paper()
        self.reload_meetings()
        self.reload_people()

    # -- the choice ------------------------------------------------------------------------

    @property
    def kind(self) -> Kind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: Kind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def choice(self) -> PrintChoice:
        """The present choice, with only what its kind uses (so choices compare fairly)."""
        kind, paper = self.kind, Paper(cast(str, self.paper.currentData()))
        if kind is Kind.PREP:
            return PrintChoice(kind, paper, meeting_id=self.meeting_chooser.selected_id())
        if kind is Kind.AGENDA:
            first, last = self.agenda_range.range()
            return PrintChoice(kind, paper, first=first, last=last)
        if kind is Kind.PEOPLE:
            return PrintChoice(kind, paper, blank=self.worksheet.is_blank)
        return PrintChoice(kind, paper)

    def meeting_person(self, meeting_id: int | None) -> str:
        view = self.meetings.get(meeting_id) if meeting_id is not None else None
        return view.person_name if view else ""

    # -- reloading from the workbook -------------------------------------------------------

    def reload_paper(self) -> None:
        index = self.paper.findData(workbook_paper(self.context.sessions).value)
        if index != self.paper.currentIndex():
            self.paper.blockSignals(True)
            self.paper.setCurrentIndex(index)
            self.paper.blockSignals(False)
            self.changed.emit()

    def reload_meetings(self) -> None:
        meetings = list_meetings(self.context.sessions)
        self.meetings = {m.id: m for m in meetings}
        self.meeting_chooser.set_meetings(meetings, datetime.now().astimezone())

    def reload_people(self) -> None:
        self.worksheet.set_people_count(count_people(self.context.sessions))

    # -- slots -----------------------------------------------------------------------------

    def _on_kinds_button_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        kind = next(k for k, b in self.kind_buttons.items() if b is button)
        if self.kind is not Kind.CARDS:
            self.details.save_pending()
        self.panels.setCurrentWidget(self._panel_of[kind])
        self.changed.emit()

    def _on_paper_current_index_changed(self, _index: int) -> None:
        after = Paper(cast(str, self.paper.currentData()))
        before = set_workbook_paper(self.context.sessions, after)
        if before != after:
            self.context.undo_stack.push(PaperCommand(self.context, before, after))
            self.context.events.notify("settings")
        self.changed.emit()
