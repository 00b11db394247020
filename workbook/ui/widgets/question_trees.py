"""The two lists of the question picker: the bank (with suggestions) and a meeting's questions.

Both are trees of headings (a TIARA letter, or "Suggested for …") over questions. Rows wrap
long questions and can carry a second, quieter line: the reason for a suggestion, or what a
letter is about. Keys: Enter adds from the bank, Delete removes from the meeting, Alt+Up and
Alt+Down reorder, F2 rewords. A reworded text is not written into the tree: ``edited``
carries it to the picker, which saves it (undoably) and redraws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from workbook.core.question_bank import BankQuestionRow, MeetingQuestionRow, Suggestion

SECONDARY = Qt.ItemDataRole.UserRole + 1  # the quieter second line
PAYLOAD = Qt.ItemDataRole.UserRole + 2  # the row behind the item (a Suggestion, a bank row…)
MUTED = Qt.ItemDataRole.UserRole + 3  # drawn quietly: already chosen, or retired
HEADING = Qt.ItemDataRole.UserRole + 4  # a heading, not a question
_PAD = 5
_WRAP = Qt.TextFlag.TextWordWrap
Index = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """Draws a wrapped question and an optional second line; headings in bold."""

    edited = Signal(object, str)  # the item's payload, the new text

    def __init__(self, tree: QuestionTree) -> None:
        super().__init__(tree)
        self.tree = tree
        self.editor: QLineEdit | None = None
        self.editing: QPersistentModelIndex | None = None

    # -- drawing -------------------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._text_width(index)
        primary, secondary = self._fonts(option.font, index)
        height = _height(primary, width, str(index.data() or ""))
        extra = str(index.data(SECONDARY) or "")
        if extra:
            height += 1 + _height(secondary, width, extra)
        return QSize(width, height + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        state = opt.state
        palette: QPalette = opt.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        normal = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        quiet = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        primary, secondary = self._fonts(opt.font, index)
        rect: QRect = opt.rect.adjusted(_PAD + 1, _PAD, -_PAD, -_PAD)
        painter.save()
        painter.setFont(primary)
        painter.setPen(palette.color(group, quiet if index.data(MUTED) else normal))
        used = painter.boundingRect(rect, _WRAP, text)
        painter.drawText(rect, _WRAP, text)
        extra = str(index.data(SECONDARY) or "")
        if extra:
            painter.setFont(secondary)
            painter.setPen(palette.color(group, quiet))
            painter.drawText(rect.adjusted(0, used.height() + 1, 0, 0), _WRAP, extra)
        painter.restore()

    def _fonts(self, base: QFont, index: Index) -> tuple[QFont, QFont]:
        primary = QFont(base)
        if index.data(HEADING):
            primary.setBold(True)
        secondary = QFont(base)
        secondary.setPointSizeF(max(6.0, base.pointSizeF() * 0.92))
        return primary, secondary

    def _text_width(self, index: Index) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        if self.tree.rootIsDecorated():
            depth += 1
        return max(80, self.tree.viewport().width() - self.tree.indentation() * depth - 2 * _PAD)

    # -- editing -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        self.editor = editor
        self.editing = QPersistentModelIndex(index)
        editor.destroyed.connect(self._on_editor_destroyed)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect: QRect = option.rect
        height = max(editor.sizeHint().height(), QFontMetrics(editor.font()).height() + 6)
        editor.setGeometry(rect.x(), rect.y() + max(0, (rect.height() - height) // 2),
                           rect.width(), height)  # fmt: skip

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data() or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Hand the new text to the picker (which saves it) instead of the tree."""
        if isinstance(editor, QLineEdit):
            self.edited.emit(index.data(PAYLOAD), editor.text())

    def take_open_edit(self) -> tuple[Any, str] | None:
        """Close an edit in progress without writing it to the tree; returns (payload,
        text) so the caller can save it, or None when nothing is being edited."""
        editor, index = self.editor, self.editing
        if editor is None or index is None or not index.isValid():
            return None
        found = (index.data(PAYLOAD), editor.text())
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self.editor = self.editing = None
        return found

    def _on_editor_destroyed(self) -> None:
        self.editor = self.editing = None


def _height(font: QFont, width: int, text: str) -> int:
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), _WRAP, text).height()


class QuestionTree(QTreeWidget):
    """A tree of headings and wrapped questions (headings cannot be selected)."""

    removal_requested = Signal()
    move_requested = Signal(int)  # -1 up, +1 down
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(False)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.delegate = TwoLineDelegate(self)
        self.setItemDelegate(self.delegate)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.scheduleDelayedItemsLayout)

    def heading(self, text: str, hint: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        # Enabled (its questions would be disabled otherwise) but not selectable; the arrow
        # keys skip it (moveCursor).
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setData(0, HEADING, True)
        item.setData(0, SECONDARY, hint)
        item.setToolTip(0, hint)
        self.addTopLevelItem(item)
        item.setExpanded(True)
        return item

    @staticmethod
    def question(
        heading: QTreeWidgetItem,
        text: str,
        payload: object,
        *,
        secondary: str = "",
        muted: bool = False,
        editable: bool = False,
        tip: str = "",
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(heading, [text])
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        item.setData(0, PAYLOAD, payload)
        item.setData(0, SECONDARY, secondary)
        item.setData(0, MUTED, muted)
        item.setToolTip(0, tip or text)
        return item

    def questions(self) -> list[QTreeWidgetItem]:
        """Every question item, top to bottom."""
        found: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            heading = self.topLevelItem(i)
            children = [] if heading is None else map(heading.child, range(heading.childCount()))
            found.extend(child for child in children if child is not None)
        return found

    def current_payload(self) -> Any:
        item = self.currentItem()
        return None if item is None else item.data(0, PAYLOAD)

    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout.start()  # wrapped rows change height with the width

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Arrow keys, Page Up/Down, Home and End land on questions, never on headings."""
        start = self.currentIndex()
        index = super().moveCursor(action, modifiers)
        seen = 0
        while index.isValid() and index.data(HEADING) and seen < 3:
            self.setCurrentIndex(index)  # step past it in the same direction
            if action in (QAbstractItemView.CursorAction.MoveHome,):
                action = QAbstractItemView.CursorAction.MoveDown
            elif action in (QAbstractItemView.CursorAction.MoveEnd,):
                action = QAbstractItemView.CursorAction.MoveUp
            following = super().moveCursor(action, modifiers)
            if following == index:
                break
            index, seen = following, seen + 1
        self.setCurrentIndex(start)
        if index.isValid() and index.data(HEADING):
            return start
        return index

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._select_first()

    def _select_first(self) -> bool:
        """Make the first question current when none is (headings cannot be)."""
        if self.currentItem() is not None:
            return False
        first = next(iter(self.questions()), None)
        if first is not None:
            self.setCurrentItem(first)
        return first is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._select_first():
            return
        alt = Qt.KeyboardModifier.AltModifier
        if mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif mods == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
        ):
            self.removal_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.editing():
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)


@dataclass(frozen=True)
class Pick:
    """What a row of either list stands for."""

    kind: str  # "suggestion", "bank" or "chosen"
    row: Suggestion | BankQuestionRow | MeetingQuestionRow

    @property
    def identity(self) -> tuple[str, object]:
        if isinstance(self.row, Suggestion):
            return ("suggestion", self.row.text)
        return (self.kind, self.row.id)


class KeepingSelection:
    """Rebuild a tree keeping its selection (by what the row stands for, else by place) and
    its scroll position."""

    def __init__(self, tree: QuestionTree) -> None:
        self.tree = tree

    def __enter__(self) -> None:
        tree = self.tree
        current = tree.current_payload()
        self.identity = current.identity if isinstance(current, Pick) else None
        items = tree.questions()
        item = tree.currentItem()
        self.place = items.index(item) if item is not None and item in items else None
        self.scroll = tree.verticalScrollBar().value()
        self.had_focus = tree.hasFocus()
        tree.setUpdatesEnabled(False)
        tree.clear()

    def __exit__(self, *_exc: object) -> None:
        tree = self.tree
        items = tree.questions()
        found = next(
            (i for i in items if _identity(i) == self.identity and self.identity is not None),
            None,
        )
        if found is None and self.place is not None and items:
            found = items[min(self.place, len(items) - 1)]
        if found is not None:
            tree.setCurrentItem(found)
        tree.setUpdatesEnabled(True)
        tree.verticalScrollBar().setValue(self.scroll)
        if found is not None and self.had_focus:
            tree.scrollToItem(found)


def _identity(item: QTreeWidgetItem) -> tuple[str, object] | None:
    pick = item.data(0, PAYLOAD)
    return pick.identity if isinstance(pick, Pick) else None
