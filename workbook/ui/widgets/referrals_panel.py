"""Names and organisations received in a meeting: typed in, checked, added to the list.

"Names they suggested" takes a name, an organisation and a note. While the user types, the
people step's duplicate rules look for the person on the list already; a match shows inline
("That's Zoë Ångström already on my list" / "Add as a new person") before anything is
added. A name written down earlier but not on the list yet can be added from the list below
the form. "Organisations to look at" become target organisations (or link the one already
there under a variant of its name). Every add is one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.after_meeting_parts import (
    DuplicateChoice,
    fit_rows,
    heading,
    line,
    quiet,
)
from workbook.ui.widgets.after_meeting_undo import StepCommand

if TYPE_CHECKING:
    from workbook.core.meetings import MeetingView
    from workbook.core.referrals import ReferralAdded, ReferralRow

CHECK_PAUSE_MS = 250
ID_ROLE = Qt.ItemDataRole.UserRole


class ReferralsPanel(QWidget):
    """The names and organisations one meeting brought, and the form to add more."""

    person_activated = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: MeetingView | None = None
        self.rows: list[ReferralRow] = []
        self._listing: int | None = None  # the earlier name the duplicate choice is for
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_PAUSE_MS)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)

        self.name_box = line("Name", "Their name")
        self.organisation_box = line("Organisation", "Where they work (optional)")
        self.note_box = line("Note", "Why talk to them, how to reach them (optional)")
        self.add_button = QPushButton("Add &name")
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for column, (text, box) in enumerate(
            (("Na&me", self.name_box), ("Or&ganisation", self.organisation_box),
             ("N&ote", self.note_box))
        ):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(box)
            form.addWidget(label, 0, column)
            form.addWidget(box, 1, column)
        form.addWidget(self.add_button, 1, 3)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(2, 4)

        self.duplicates = DuplicateChoice()

        self.names = QListWidget()
        self.names.setAccessibleName("Names they suggested")
        self.list_button = QPushButton("Add to my &list")
        self.list_button.setToolTip("Put the selected name on your list of people")
        self.names_empty = quiet("No names yet. Ask: “Who else should I talk to?”")

        self.org_box = line("Organisation to look at", "An organisation they mentioned")
        self.org_note_box = line("Note on the organisation", "Why it is worth a look (optional)")
        self.org_button = QPushButton("A&dd organisation")
        org_form = QHBoxLayout()
        org_form.addWidget(self.org_box, 3)
        org_form.addWidget(self.org_note_box, 4)
        org_form.addWidget(self.org_button)
        self.orgs = QListWidget()
        self.orgs.setAccessibleName("Organisations to look at")
        self.orgs_empty = quiet("None yet. Teams, companies, groups or events all count.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Names they suggested"))
        layout.addLayout(form)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.names_empty)
        layout.addWidget(self.names)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.list_button)
        layout.addLayout(under)
        layout.addSpacing(12)
        layout.addWidget(heading("Organisations to look at"))
        layout.addLayout(org_form)
        layout.addWidget(self.orgs_empty)
        layout.addWidget(self.orgs)

        self.duplicates.chosen.connect(self._on_duplicates_chosen)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        for box in (self.name_box, self.organisation_box, self.note_box):
            box.returnPressed.connect(self._on_add_button_clicked)
        self.name_box.textEdited.connect(self._on_name_box_text_edited)
        self.organisation_box.textEdited.connect(self._on_name_box_text_edited)
        self.org_button.clicked.connect(self._on_org_button_clicked)
        self.org_box.returnPressed.connect(self._on_org_button_clicked)
        self.org_note_box.returnPressed.connect(self._on_org_button_clicked)
        self.list_button.clicked.connect(self._on_list_button_clicked)
        self.names.itemActivated.connect(self._on_names_item_activated)
        self.names.currentItemChanged.connect(self._on_names_current_item_changed)
        self.show_meeting(None, [])

    def text_boxes(self) -> list[QLineEdit]:
        return [self.name_box, self.organisation_box, self.note_box, self.org_box,
                self.org_note_box]  # fmt: skip

    def show_meeting(self, meeting: MeetingView | None, rows: list[ReferralRow]) -> None:
        """Show a meeting's referrals (None: clear and disable); typed text stays."""
        if meeting is None or self.meeting is None or meeting.id != self.meeting.id:
            for box in self.text_boxes():
                box.clear()
            self.duplicates.show_matches([])
        self.meeting, self.rows = meeting, rows
        _fill(self.names, [r for r in rows if r.kind == "person"], _person_text)
        _fill(self.orgs, [r for r in rows if r.kind == "organisation"], _org_text)
        self.names.setVisible(self.names.count() > 0)
        self.names_empty.setVisible(self.names.count() == 0)
        self.orgs.setVisible(self.orgs.count() > 0)
        self.orgs_empty.setVisible(self.orgs.count() == 0)
        self._update_list_button()
        self.setEnabled(meeting is not None)

    # ------------------------------------------------------------ adding a name

    def add_name(self, link_to: int | None = None, *, force: bool = False) -> None:
        """Add the typed name: first offer people who may be the same (unless ``force``)."""
        from workbook.core.referrals import add_referred_person, check_name

        meeting = self.meeting
        if meeting is None:
            return
        self._listing = None
        name, organisation = self.name_box.text(), self.organisation_box.text()
        note = self.note_box.text()
        try:
            check_name(name, "person")
        except WorkbookError as error:
            self._say(f"{str(error)[0].upper()}{str(error)[1:]}.")
            self.name_box.setFocus()
            return
        if link_to is None and not force:
            self._check_now()
            if self.duplicates.matches:
                self.duplicates.focus_first()
                return
        sessions, meeting_id = self.context.sessions, meeting.id

        def do() -> ReferralAdded:
            return add_referred_person(
                sessions, meeting_id, name, organisation=organisation, notes=note, link_to=link_to
            )

        self._push_add(f"add “{name.strip()}” from {meeting.person_name}", do, ("people",))
        for box in (self.name_box, self.organisation_box, self.note_box):
            box.clear()
        self.duplicates.show_matches([])
        self.name_box.setFocus()

    def list_earlier_name(self, referral_id: int, link_to: int | None = None) -> None:
        """Put a name written down earlier on the list (after the duplicate check)."""
        from workbook.core.referrals import check_referred_person, list_referred_name

        row = next((r for r in self.rows if r.id == referral_id), None)
        if row is None or row.person_id is not None:
            return
        if link_to is None and self._listing != referral_id:
            matches = check_referred_person(self.context.sessions, row.name)
            if matches:
                self._listing = referral_id
                self.duplicates.show_matches(matches, row.name)
                self.duplicates.focus_first()
                return
        self._listing = None
        self.duplicates.show_matches([])
        sessions = self.context.sessions

        def do() -> ReferralAdded:
            return list_referred_name(sessions, referral_id, link_to=link_to)

        self._push_add(f"add “{row.name}” to the list", do, ("people",))

    def add_organisation(self) -> None:
        from workbook.core.referrals import add_referred_organisation

        if self.meeting is None:
            return
        name, note = self.org_box.text(), self.org_note_box.text()
        sessions, meeting_id = self.context.sessions, self.meeting.id

        def do() -> ReferralAdded:
            return add_referred_organisation(sessions, meeting_id, name, note)

        if self._push_add(f"add “{name.strip()}” to target organisations", do, ("organisations",)):
            self.org_box.clear()
            self.org_note_box.clear()
        self.org_box.setFocus()

    # ------------------------------------------------------------ the commands' callables

    def _push_add(self, text: str, do: Callable[[], ReferralAdded], what: tuple[str, ...]) -> bool:
        """Push one add as an undoable command; False when the service refused it."""
        command = StepCommand(
            text,
            lambda: self._call(lambda: self._did(do()), what),
            lambda added: self._call(lambda: self._undo(added), what),
            lambda added: self._call(lambda: self._redo(added), what),
        )
        self.context.undo_stack.push(command)
        return command.token is not None

    def _did(self, added: ReferralAdded) -> ReferralAdded:
        self._say(_added_text(added, self.meeting))
        return added

    def _undo(self, added: ReferralAdded) -> ReferralAdded:
        from workbook.core.referrals import undo_referral

        undo_referral(self.context.sessions, added)
        self._say(f"Took back “{added.name}”.")
        return added

    def _redo(self, added: ReferralAdded) -> ReferralAdded:
        from workbook.core.referrals import redo_referral

        redo_referral(self.context.sessions, added)
        return self._did(added)

    def _call(
        self, action: Callable[[], ReferralAdded], what: tuple[str, ...]
    ) -> ReferralAdded | None:
        """Run a service call; report a refusal; notify the app of what changed."""
        try:
            added = action()
        except WorkbookError as error:
            self._say(f"Not done: {error}.")
            return None
        self.context.events.notify("referrals", *what)
        return added

    # ------------------------------------------------------------ duplicates

    def _check_now(self) -> None:
        from workbook.core.referrals import check_referred_person

        self._check_timer.stop()
        name = self.name_box.text()
        found = (
            check_referred_person(self.context.sessions, name, self.organisation_box.text())
            if name.strip()
            else []
        )
        self.duplicates.show_matches(found, name.strip())

    def _on_duplicates_chosen(self, person_id: int) -> None:
        """The user's answer to "may be on your list already" (0: a new person)."""
        link_to = person_id or None
        if self._listing is not None:  # still set: the name is listed without a new check
            self.list_earlier_name(self._listing, link_to)
        elif link_to is None:
            self.add_name(force=True)
        else:
            self.add_name(link_to=link_to)

    # ------------------------------------------------------------ slots

    def _on_add_button_clicked(self) -> None:
        self.add_name()

    def _on_name_box_text_edited(self, _text: str) -> None:
        self._listing = None
        self._check_timer.start()

    def _on_check_timer_timeout(self) -> None:
        if self.meeting is not None:
            self._check_now()

    def _on_org_button_clicked(self) -> None:
        self.add_organisation()

    def _on_list_button_clicked(self) -> None:
        item = self.names.currentItem()
        if item is not None:
            self.list_earlier_name(int(item.data(ID_ROLE)))

    def _on_names_current_item_changed(self, *_: object) -> None:
        self._update_list_button()

    def _on_names_item_activated(self, item: QListWidgetItem) -> None:
        row = next((r for r in self.rows if r.id == item.data(ID_ROLE)), None)
        if row is None:
            return
        if row.person_id is None:
            self.list_earlier_name(row.id)
        elif not row.person_deleted:
            self.person_activated.emit(row.person_id)

    def _update_list_button(self) -> None:
        item = self.names.currentItem()
        row = (
            None
            if item is None
            else next((r for r in self.rows if r.id == item.data(ID_ROLE)), None)
        )
        waiting = any(r.kind == "person" and r.person_id is None for r in self.rows)
        self.list_button.setVisible(waiting)
        self.list_button.setEnabled(row is not None and row.person_id is None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.duplicates.isVisible():
            self.duplicates.show_matches([])
            self._listing = None
            self.name_box.setFocus()
            return
        super().keyPressEvent(event)

    def _say(self, message: str) -> None:
        self.context.status.showMessage(message, 6000)


def _added_text(added: ReferralAdded, meeting: MeetingView | None) -> str:
    who = meeting.person_name if meeting is not None else "them"
    if added.kind == "organisation":
        if added.created:
            return f"{added.name} is now one of your target organisations."
        return f"{added.name} is already a target organisation: noted that {who} mentioned it."
    if added.created:
        return f"Added {added.name} to your list, introduced by {who}."
    return f"Linked “{added.name}” to the person already on your list."


def _person_text(row: ReferralRow) -> str:
    at = f" ({row.notes})" if row.notes else ""
    if row.person_id is None:
        return f"{row.name}{at} — not on your list yet"
    shown = row.person_name if row.person_name == row.name else f"{row.name} → {row.person_name}"
    if row.person_deleted:
        return f"{shown}{at} — taken off your list"
    intro = f", introduced by {row.introduced_by}" if row.introduced_by else ""
    return f"{shown}{at} — on your list{intro}"


def _org_text(row: ReferralRow) -> str:
    note = f" ({row.notes})" if row.notes else ""
    if row.organisation_id is None:
        return f"{row.name}{note} — no longer a target"
    shown = (
        row.name if row.organisation_name == row.name else f"{row.name} → {row.organisation_name}"
    )
    return f"{shown}{note} — a target organisation"


def _fill(widget: QListWidget, rows: list[ReferralRow], text: Callable[[ReferralRow], str]) -> None:
    current = widget.currentItem()
    keep = None if current is None else current.data(ID_ROLE)
    widget.clear()
    for row in rows:
        item = QListWidgetItem(text(row))
        item.setData(ID_ROLE, row.id)
        if row.person_deleted or (row.kind == "person" and row.person_id is None):
            item.setForeground(widget.palette().color(QPalette.ColorRole.PlaceholderText))
        widget.addItem(item)
        if row.id == keep:
            widget.setCurrentItem(item)
    fit_rows(widget, widget.count())
