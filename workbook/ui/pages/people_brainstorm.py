"""The brainstorm: walk the circles of people you know, one concrete question at a time.

Keyboard: type a name and press Enter to add it (the cursor stays in the box); Ctrl+Page Down
and Ctrl+Page Up move to the next and previous circle; the circle list is a Tab away. When
the name is certainly someone already on the list, a bar says so with "Add anyway" (Alt+A) and
"Open existing" (Alt+O); Escape dismisses it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import CIRCLES, CirclePrompt
from workbook.core.models import Circle

if TYPE_CHECKING:
    from workbook.core.people import PersonRow

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_LISTED = 500  # names shown under the question (the most recent first)


class BrainstormPanel(QWidget):
    """Circles on the left, the current circle's question and the name box on the right."""

    name_entered = Signal(str)  # a name to add to the current circle
    add_anyway_requested = Signal(str)
    open_requested = Signal(int)  # a person's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("brainstormPanel")
        self._rows: list[PersonRow] = []
        self._stale = False
        self._pending_name = ""
        self._duplicate_id: int | None = None

        self.circles = QTreeWidget()
        self.circles.setAccessibleName("Circles")
        self.circles.setColumnCount(2)
        self.circles.setHeaderHidden(True)
        self.circles.setRootIsDecorated(False)
        self.circles.setUniformRowHeights(True)
        self.circles.setFrameShape(QFrame.Shape.NoFrame)
        self.circles.header().setStretchLastSection(False)
        self.circles.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.circles.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for prompt in CIRCLES:
            item = QTreeWidgetItem([prompt.label, ""])
            item.setData(0, ID_ROLE, prompt.circle.value)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setSizeHint(0, QSize(0, self.fontMetrics().height() + 14))
            item.setToolTip(0, prompt.question)
            self.circles.addTopLevelItem(item)
        self.circles.setMinimumWidth(150)
        self.circles.setMaximumWidth(240)

        self.circle_name = QLabel()
        self.circle_name.setForegroundRole(QPalette.ColorRole.Accent)
        self.question = QLabel()
        self.question.setWordWrap(True)
        font = QFont(self.question.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.question.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.detail_label = QLabel()
        self.detail_box = QLineEdit()
        self.detail_box.setClearButtonEnabled(True)
        self.detail_label.setBuddy(self.detail_box)
        self._jobs = QStringListModel(self)
        completer = QCompleter(self._jobs, self.detail_box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.detail_box.setCompleter(completer)
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.detail_label)
        detail_row.addWidget(self.detail_box, 1)
        self.detail_widget = QWidget()
        self.detail_widget.setLayout(detail_row)
        detail_row.setContentsMargins(0, 0, 0, 0)

        self.name_box = QLineEdit()
        self.name_box.setAccessibleName("Name")
        self.name_box.setPlaceholderText("Type a name and press Enter")
        self.name_box.setClearButtonEnabled(True)
        name_font = QFont(self.name_box.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.2)
        self.name_box.setFont(name_font)
        self.add_button = QPushButton("Add")
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_box, 1)
        name_row.addWidget(self.add_button)

        self.duplicate_bar = QFrame()
        self.duplicate_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        self.add_anyway_button = QPushButton("&Add anyway")
        self.open_existing_button = QPushButton("&Open existing")
        bar = QHBoxLayout(self.duplicate_bar)
        bar.setContentsMargins(10, 6, 6, 6)
        bar.addWidget(self.duplicate_text, 1)
        bar.addWidget(self.add_anyway_button)
        bar.addWidget(self.open_existing_button)
        self.duplicate_bar.hide()
        self.near_hint = QLabel()
        self.near_hint.setWordWrap(True)
        self.near_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.near_hint.hide()

        self.listed_caption = QLabel()
        self.listed_caption.setWordWrap(True)
        self.listed = QListWidget()
        self.listed.setAccessibleName("People in this circle")
        self.listed.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.listed.setSpacing(2)
        self.previous_button = QPushButton("← Previous circle")
        self.previous_button.setToolTip("Ctrl+Page Up")
        self.next_button = QPushButton("Next circle →")
        self.next_button.setToolTip("Ctrl+Page Down")
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addStretch(1)
        steps.addWidget(self.next_button)

        right = QVBoxLayout()
        right.setContentsMargins(20, 0, 0, 0)
        right.setSpacing(8)
        right.addWidget(self.circle_name)
        right.addWidget(self.question)
        right.addWidget(self.hint)
        right.addSpacing(6)
        right.addWidget(self.detail_widget)
        right.addLayout(name_row)
        right.addWidget(self.duplicate_bar)
        right.addWidget(self.near_hint)
        right.addSpacing(6)
        right.addWidget(self.listed_caption)
        right.addWidget(self.listed, 1)
        right.addLayout(steps)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.circles)
        layout.addLayout(right, 1)

        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_circle(step))
        self.name_box.installEventFilter(self)
        self._wire()
        self.circles.setCurrentItem(self._circle_item(0))

    # ------------------------------------------------------------ public

    def current_prompt(self) -> CirclePrompt:
        item = self.circles.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else Circle.FAMILY.value
        return next(p for p in CIRCLES if p.circle.value == value)

    def detail(self) -> str:
        """The job typed for the work circle ("" elsewhere)."""
        return (
            " ".join(self.detail_box.text().split()) if self.current_prompt().detail_label else ""
        )

    def select_circle(self, circle: str) -> None:
        for position, prompt in enumerate(CIRCLES):
            if prompt.circle.value == circle:
                self.circles.setCurrentItem(self._circle_item(position))

    def step_circle(self, step: int) -> None:
        current = self.circles.currentItem()
        position = (0 if current is None else self.circles.indexOfTopLevelItem(current)) + step
        if 0 <= position < len(CIRCLES):
            self.circles.setCurrentItem(self._circle_item(position))
        self.focus_name()

    def focus_name(self) -> None:
        self.name_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_people(self, rows: Sequence[PersonRow]) -> None:
        """Show how many people each circle has, and the current circle's names."""
        self._rows = list(rows)
        self._stale = not self.isVisible()
        if not self._stale:
            self._show_people()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._show_people()
        super().showEvent(event)

    def _show_people(self) -> None:
        self._stale = False
        counts = Counter(row.circle for row in self._rows)
        for position, prompt in enumerate(CIRCLES):
            count = counts.get(prompt.circle.value, 0)
            self._circle_item(position).setText(1, str(count) if count else "")
        work = Circle.WORK.value
        jobs = {row.circle_detail for row in self._rows if row.circle == work}
        self._jobs.setStringList(sorted(jobs - {""}, key=str.casefold))
        self._show_listed()

    def show_duplicate(self, name: str, message: str, person_id: int) -> None:
        """Say that ``name`` seems to be someone on the list; offer to add or open."""
        self._pending_name, self._duplicate_id = name, person_id
        self.duplicate_text.setText(message)
        self.duplicate_bar.show()
        self.near_hint.hide()

    def show_hint(self, text: str) -> None:
        self.near_hint.setText(text)
        self.near_hint.setVisible(bool(text))

    def clear_messages(self) -> None:
        self.duplicate_bar.hide()
        self.near_hint.hide()
        self._pending_name, self._duplicate_id = "", None

    # ------------------------------------------------------------ slots

    def _wire(self) -> None:
        self.circles.currentItemChanged.connect(self._on_circles_current_item_changed)
        self.name_box.returnPressed.connect(self._on_name_box_return_pressed)
        self.add_button.clicked.connect(self._on_name_box_return_pressed)
        self.add_anyway_button.clicked.connect(self._on_add_anyway_button_clicked)
        self.open_existing_button.clicked.connect(self._on_open_existing_button_clicked)
        self.listed.itemActivated.connect(self._on_listed_item_activated)
        self.previous_button.clicked.connect(lambda: self.step_circle(-1))
        self.next_button.clicked.connect(lambda: self.step_circle(1))

    def _on_circles_current_item_changed(self, current: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        prompt = self.current_prompt()
        self.circle_name.setText(prompt.label)
        self.question.setText(prompt.question)
        self.hint.setText(prompt.hint)
        self.detail_widget.setVisible(bool(prompt.detail_label))
        self.detail_label.setText(prompt.detail_label)
        self.detail_box.setPlaceholderText(prompt.detail_placeholder)
        self.name_box.setAccessibleDescription(prompt.question)
        position = self.circles.indexOfTopLevelItem(current)
        self.previous_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < len(CIRCLES) - 1)
        self.clear_messages()
        self._show_listed()

    def _on_name_box_return_pressed(self) -> None:
        name = " ".join(self.name_box.text().split())
        self.clear_messages()
        if name:
            self.name_entered.emit(name)
        self.focus_name()

    def _on_add_anyway_button_clicked(self) -> None:
        name = self._pending_name
        self.clear_messages()
        if name:
            self.add_anyway_requested.emit(name)
        self.focus_name()

    def _on_open_existing_button_clicked(self) -> None:
        person_id = self._duplicate_id
        self.clear_messages()
        self.name_box.clear()
        if person_id is not None:
            self.open_requested.emit(person_id)

    def _on_listed_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(int(item.data(ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.name_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.duplicate_bar.isVisible():
                self.clear_messages()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ helpers

    def _circle_item(self, position: int) -> QTreeWidgetItem:
        item = self.circles.topLevelItem(position)
        assert item is not None
        return item

    def _show_listed(self) -> None:
        prompt = self.current_prompt()
        circle = prompt.circle.value
        here = [row for row in self._rows if row.circle == circle]
        self.listed.clear()
        for row in reversed(here[-MAX_LISTED:]):
            text = f"{row.name} — {row.circle_detail}" if row.circle_detail else row.name
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            self.listed.addItem(item)
        count = len(here)
        self.listed_caption.setText(
            f"{count} {'person' if count == 1 else 'people'} in this circle so far"
            if count
            else "Nobody here yet. Names are enough for now: details can wait."
        )
