"""The give-back ledger for the person met: what they asked for, what the user offered.

Prompted by the closing question, "Is there anything I can do for you?". Each entry shows a
done box, what it is, who it came from and when it is due; ticking the box logs a give-back
contact. F2 (or a double-click) edits what an entry says or its due date; Delete removes it.
New entries are due in a week unless the user picks a day. Every change is undoable.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.core.give_back import DEFAULT_DUE_DAYS
from workbook.core.models import GiveBackDirection
from workbook.ui.page_context import PageContext
from workbook.ui.widgets.after_meeting_parts import fit_rows, heading, quiet
from workbook.ui.widgets.after_meeting_undo import StepCommand

if TYPE_CHECKING:
    from workbook.core.give_back import GiveBackRow

PROMPT = "“Is there anything I can do for you?”"
HINT = "Note what they asked for, or what you offered. Tick it when it is done."
EMPTY = "Nothing yet. Even a small promise counts: an article, a name, a kind word."
ID_ROLE = Qt.ItemDataRole.UserRole
DATE_ROLE = Qt.ItemDataRole.UserRole + 1
WHAT, WHO, DUE = 0, 1, 2
_DIRECTIONS = ((GiveBackDirection.THEY_ASKED, "They asked for"),
               (GiveBackDirection.I_OFFERED, "I offered"))  # fmt: skip
_WHO: dict[str, str] = {
    GiveBackDirection.THEY_ASKED: "They asked",
    GiveBackDirection.I_OFFERED: "I offered",
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class GiveBackPanel(QWidget):
    """The ledger for one person, and the row to add to it."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id: int | None = None
        self.meeting_id: int | None = None
        self.rows: list[GiveBackRow] = []
        self._loading = False

        prompt = QLabel(PROMPT)
        italic = QFont(prompt.font())
        italic.setItalic(True)
        prompt.setFont(italic)
        hint = quiet(HINT)

        self.direction_box = QComboBox()
        for value, text in _DIRECTIONS:
            self.direction_box.addItem(text, value.value)
        self.direction_box.setAccessibleName("Who it came from")
        self.description_box = QLineEdit()
        self.description_box.setPlaceholderText("e.g. the name of a good accountant")
        self.description_box.setAccessibleName("What it is")
        self.description_box.setClearButtonEnabled(True)
        self.due_box = QDateEdit()
        self.due_box.setCalendarPopup(True)
        self.due_box.setDisplayFormat("d MMM yyyy")
        self.due_box.setAccessibleName("Due")
        self.due_box.setToolTip("When to do it by")
        self.add_button = QPushButton("Add to l&edger")
        form = QHBoxLayout()
        form.addWidget(self.direction_box)
        form.addWidget(self.description_box, 1)
        due_label = QLabel("D&ue")
        due_label.setBuddy(self.due_box)
        form.addWidget(due_label)
        form.addWidget(self.due_box)
        form.addWidget(self.add_button)

        self.ledger = QTreeWidget()
        self.ledger.setColumnCount(3)
        self.ledger.setHeaderLabels(["What", "Who", "Due"])
        self.ledger.setRootIsDecorated(False)
        self.ledger.setUniformRowHeights(True)
        self.ledger.setAccessibleName("Give-back ledger")
        self.ledger.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.ledger.setItemDelegateForColumn(DUE, _DueDelegate(self.ledger))
        header = self.ledger.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = quiet(EMPTY)
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setToolTip("Remove the selected entry from the ledger (Delete)")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Give back"))
        layout.addWidget(prompt)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addWidget(self.ledger)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.remove_button)
        layout.addLayout(under)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.description_box.returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.ledger.itemChanged.connect(self._on_ledger_item_changed)
        self.ledger.currentItemChanged.connect(self._on_ledger_current_item_changed)
        self.ledger.installEventFilter(self)
        self.show_ledger(None, None, [])

    def text_boxes(self) -> list[QLineEdit]:
        return [self.description_box]

    def show_ledger(
        self, person_id: int | None, meeting_id: int | None, rows: list[GiveBackRow]
    ) -> None:
        """Show a person's entries (None: clear and disable); the selection stays."""
        if person_id != self.person_id:
            self.description_box.clear()
            self.due_box.setMinimumDate(_qdate(date.today()))
            self.due_box.setDate(_qdate(date.today() + timedelta(days=DEFAULT_DUE_DAYS)))
        self.person_id, self.meeting_id, self.rows = person_id, meeting_id, rows
        current = self.ledger.currentItem()
        keep = None if current is None else current.data(WHAT, ID_ROLE)
        self._loading = True
        try:
            self.ledger.clear()
            now = datetime.now(UTC)
            for row in rows:
                item = _item(row, now, self.ledger.palette())
                self.ledger.addTopLevelItem(item)
                if row.id == keep:
                    self.ledger.setCurrentItem(item)
        finally:
            self._loading = False
        fit_rows(self.ledger, len(rows), most=8)
        self.ledger.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.remove_button.setVisible(bool(rows))
        self.remove_button.setEnabled(self.ledger.currentItem() is not None)
        self.setEnabled(person_id is not None)

    # ------------------------------------------------------------ actions

    def add_entry(self) -> None:
        from workbook.core.give_back import add_give_back, delete_give_back, restore_give_back

        if self.person_id is None:
            return
        person_id, meeting_id = self.person_id, self.meeting_id
        direction = str(self.direction_box.currentData())
        text = self.description_box.text()
        due = self.due_box.date().toPython()
        assert isinstance(due, date)
        sessions = self.context.sessions
        command = StepCommand(
            f"add “{text.strip()}” to the give-back ledger",
            lambda: self._call(
                lambda: add_give_back(
                    sessions, person_id, direction, text, meeting_id=meeting_id, due=due
                )
            ),
            lambda entry_id: self._call(lambda: delete_give_back(sessions, entry_id)),
            lambda deleted: self._call(lambda: restore_give_back(sessions, deleted)),
        )
        self.context.undo_stack.push(command)
        if command.token is not None:
            self.description_box.clear()
            self.description_box.setFocus()

    def set_done(self, entry_id: int, done: bool) -> None:
        from workbook.core.give_back import set_give_back_done

        sessions = self.context.sessions
        row = next((r for r in self.rows if r.id == entry_id), None)
        label = f"“{row.description}”" if row else "an entry"
        self._push_change(
            f"mark {label} {'done' if done else 'not done'}",
            lambda: set_give_back_done(sessions, entry_id, done, datetime.now(UTC)),
        )
        if done and row is not None:
            self.context.status.showMessage(
                f"Done, and logged as a contact with {row.person_name}: {row.description}", 6000
            )

    def edit_entry(self, entry_id: int, **fields: Any) -> None:
        from workbook.core.give_back import update_give_back

        sessions = self.context.sessions
        self._push_change(
            "edit a give-back entry", lambda: update_give_back(sessions, entry_id, **fields)
        )

    def remove_entry(self, entry_id: int) -> None:
        from workbook.core.give_back import delete_give_back, restore_give_back

        sessions = self.context.sessions
        command = StepCommand(
            "remove a give-back entry",
            lambda: self._call(lambda: delete_give_back(sessions, entry_id)),
            lambda deleted: self._call(lambda: restore_give_back(sessions, deleted)),
            lambda _: self._call(lambda: delete_give_back(sessions, entry_id)),
        )
        self.context.undo_stack.push(command)

    def _push_change(self, text: str, action: Any) -> None:
        from workbook.core.give_back import reapply_give_back, revert_give_back

        sessions = self.context.sessions

        def do() -> Any:
            change = self._call(action)
            return change if change is not None and change.changed else None

        command = StepCommand(
            text,
            do,
            lambda change: self._call(lambda: revert_give_back(sessions, change)),
            lambda change: self._call(lambda: reapply_give_back(sessions, change)),
        )
        self.context.undo_stack.push(command)
        if command.token is None:
            self.reload()  # a refused change: show the entry as it is

    def _call(self, action: Any) -> Any:
        """Run a service call, report a refusal, notify the app."""
        try:
            result = action()
        except WorkbookError as error:
            self.context.status.showMessage(f"Not done: {error}.", 8000)
            return None
        self.context.events.notify("give_back", "followups")
        return result

    def reload(self) -> None:
        from workbook.core.give_back import list_give_back

        if self.person_id is not None:
            rows = list_give_back(self.context.sessions, person_id=self.person_id)
            self.show_ledger(self.person_id, self.meeting_id, rows)

    # ------------------------------------------------------------ slots

    def _on_add_button_clicked(self) -> None:
        self.add_entry()

    def _on_remove_button_clicked(self) -> None:
        item = self.ledger.currentItem()
        if item is not None:
            self.remove_entry(int(item.data(WHAT, ID_ROLE)))

    def _on_ledger_current_item_changed(self, *_: object) -> None:
        self.remove_button.setEnabled(self.ledger.currentItem() is not None)

    def _on_ledger_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading:
            return
        entry_id = int(item.data(WHAT, ID_ROLE))
        row = next((r for r in self.rows if r.id == entry_id), None)
        if row is None:
            return
        if column == WHAT:
            done = item.checkState(WHAT) == Qt.CheckState.Checked
            if done != row.done:
                self.set_done(entry_id, done)
            elif item.text(WHAT).strip() != row.description:
                self.edit_entry(entry_id, description=item.text(WHAT))
        elif column == DUE:
            value = item.data(DUE, DATE_ROLE)
            due = value if isinstance(value, date) else None
            if due != row.due_date and not row.done:
                self.edit_entry(entry_id, due=due)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ledger
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.ledger.state() != QAbstractItemView.State.EditingState
        ):
            self._on_remove_button_clicked()
            return True
        return bool(super().eventFilter(watched, event))


def _item(row: GiveBackRow, now: datetime, palette: QPalette) -> QTreeWidgetItem:
    item = QTreeWidgetItem([row.description, _WHO.get(row.direction, row.direction), ""])
    item.setData(WHAT, ID_ROLE, row.id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
    item.setCheckState(WHAT, Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked)
    item.setToolTip(WHAT, row.description)
    if row.done:
        item.setText(DUE, f"done {short_day(row.done_at)}" if row.done_at else "done")
        for column in (WHAT, WHO, DUE):
            item.setForeground(column, palette.color(QPalette.ColorRole.PlaceholderText))
    else:
        item.setData(DUE, DATE_ROLE, row.due_date)
        item.setText(DUE, short_day(row.due_at) if row.due_at else "no date")
        if row.overdue(now):
            item.setText(DUE, f"{item.text(DUE)} (overdue)")
            bold = QFont(item.font(DUE))
            bold.setBold(True)
            item.setFont(DUE, bold)
    return item


def short_day(moment: datetime | None) -> str:
    """ "19 May" (with the year when it is not this year), on the computer's calendar."""
    if moment is None:
        return ""
    day = moment.astimezone().date()
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == date.today().year else f"{text} {day.year}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _DueDelegate(QStyledItemDelegate):
    """Edits the due column with a date box (done entries have no due date to edit)."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QDateEdit(parent)
        editor.setMinimumDate(_qdate(date.today()))
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("d MMM yyyy")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(DATE_ROLE)
        day = value if isinstance(value, date) else date.today() + timedelta(days=DEFAULT_DUE_DAYS)
        assert isinstance(editor, QDateEdit)
        editor.setDate(_qdate(day))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QDateEdit)
        day = editor.date().toPython()
        model.setData(index, day, DATE_ROLE)
