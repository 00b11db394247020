"""What the question picker does to the workbook, each change one undoable command.

Every command calls the question services in one short unit of work, then the picker
redraws and tells the app ("questions"). A ``WorkbookError`` is shown in the status bar and
the command leaves the history. Rewording is queued by the lists' delegate and saved a
moment later (or at once by ``flush_edits``, when the editor switches meetings).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer

from workbook.core import question_bank as qb
from workbook.core.errors import WorkbookError
from workbook.ui.widgets.question_undo import QuestionCommand

if TYPE_CHECKING:
    from workbook.ui.widgets.question_picker import QuestionPicker

T = TypeVar("T")


class QuestionActions(QObject):
    """The picker's changes to the workbook, undoable."""

    def __init__(self, picker: QuestionPicker) -> None:
        super().__init__(picker)
        self.picker = picker
        self._edits: list[tuple[Any, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush_edits)

    @property
    def sessions(self) -> Any:
        return self.picker.context.sessions

    def _push(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        redo: Callable[[Any], Any],
    ) -> bool:
        """Push a command whose steps report errors and redraw; True when it was done."""
        command = QuestionCommand(
            text,
            lambda: self._run(do),
            lambda token: self._run(lambda: undo(token)),
            lambda token: self._run(lambda: redo(token)),
        )
        self.picker.context.undo_stack.push(command)
        return command.token is not None

    def _run(self, step: Callable[[], T]) -> T | None:
        try:
            result = step()
        except WorkbookError as error:
            self.picker.report(error)
            return None
        self.picker.changed()
        return result

    # -- a meeting's questions ---------------------------------------------------------------

    def add_pick(self, meeting_id: int, pick: Any) -> bool:
        """Add a suggestion or a bank question to the meeting."""
        row = pick.row
        if isinstance(row, qb.BankQuestionRow) and any(
            q.bank_question_id == row.id or q.text.casefold() == row.text.casefold()
            for q in self.picker.chosen_rows
        ):
            self.picker.context.status.showMessage(
                "That question is already in this meeting.", 5000
            )
            return False
        bank_id = row.id if isinstance(row, qb.BankQuestionRow) else row.bank_question_id
        return self._push(
            "add a question",
            lambda: qb.add_meeting_question(
                self.sessions, meeting_id, row.letter, row.text, bank_id
            ),
            lambda question_id: qb.remove_meeting_question(self.sessions, question_id),
            lambda removed: qb.restore_meeting_question(self.sessions, removed),
        )

    def remove(self, row: qb.MeetingQuestionRow) -> bool:
        return self._push(
            "remove a question",
            lambda: qb.remove_meeting_question(self.sessions, row.id),
            lambda removed: qb.restore_meeting_question(self.sessions, removed),
            lambda question_id: qb.remove_meeting_question(self.sessions, question_id),
        )

    def move(self, row: qb.MeetingQuestionRow, step: int) -> bool:
        def do() -> tuple[list[int], list[int]] | None:
            before = qb.move_meeting_question(self.sessions, row.id, step)
            after = [q.id for q in qb.meeting_questions(self.sessions, row.meeting_id)]
            return None if after == before else (before, after)

        def order(index: int) -> Callable[[tuple[list[int], list[int]]], Any]:
            def put(orders: tuple[list[int], list[int]]) -> tuple[list[int], list[int]]:
                qb.set_meeting_question_order(self.sessions, row.meeting_id, orders[index])
                return orders

            return put

        return self._push("move a question", do, order(0), order(1))

    def fill(self, meeting_id: int) -> bool:
        """Add default questions up to what the meeting's time allows."""

        def do() -> tuple[int, ...] | None:
            return qb.add_default_questions(self.sessions, meeting_id, only_if_empty=False) or None

        def restore(rows: tuple[qb.MeetingQuestionRow, ...]) -> tuple[int, ...]:
            qb.restore_meeting_questions(self.sessions, rows)
            return tuple(row.id for row in rows)

        return self._push(
            "fill the time with questions",
            do,
            lambda ids: qb.remove_meeting_questions(self.sessions, ids),
            restore,
        )

    def add_own(self, meeting_id: int, letter: str, text: str) -> bool:
        """Save the user's own question to the bank and add it to the meeting."""
        made: list[qb.OwnQuestion] = []

        def do() -> qb.OwnQuestion:
            made.append(qb.add_own_question(self.sessions, meeting_id, letter, text))
            return made[0]

        def redo(undone: tuple[qb.MeetingQuestionRow, qb.DeletedBankQuestion | None]) -> Any:
            qb.restore_own_question(self.sessions, *undone)
            return made[0]  # the same ids as the first time

        done = self._push(
            "add your own question",
            do,
            lambda own: qb.remove_own_question(self.sessions, own),
            redo,
        )
        if done:
            self.picker.context.status.showMessage(
                "Added to this meeting, and saved in your question bank.", 5000
            )
        return done

    # -- the bank ----------------------------------------------------------------------------

    def retire(self, row: qb.BankQuestionRow, retired: bool) -> bool:
        def put(state: bool) -> int:
            qb.retire_question(self.sessions, row.id, state)
            return row.id

        text = "retire a question" if retired else "bring back a question"
        return self._push(
            text,
            lambda: put(retired),
            lambda _token: put(not retired),
            lambda _token: put(retired),
        )

    def delete(self, row: qb.BankQuestionRow) -> bool:
        return self._push(
            "delete a question from the bank",
            lambda: qb.delete_question(self.sessions, row.id),
            lambda deleted: qb.restore_question(self.sessions, deleted),
            lambda question_id: qb.delete_question(self.sessions, question_id),
        )

    # -- rewording ---------------------------------------------------------------------------

    def queue_edit(self, pick: Any, text: str) -> None:
        self._edits.append((pick, text))

    def flush_edits_soon(self) -> None:
        self._timer.start()

    def flush_edits(self) -> None:
        """Save every queued rewording (one command each); redraw if something waited."""
        self._timer.stop()
        edits, self._edits = self._edits, []
        for pick, text in edits:
            self._reword(pick.row, text)
        if self.picker.stale:
            self.picker.reload()

    def _reword(self, row: Any, text: str) -> None:
        try:
            cleaned = qb.clean_question(text)
        except WorkbookError as error:
            self.picker.report(error)
            self.picker.reload()  # show the saved text again
            return
        if cleaned == row.text:
            return
        if isinstance(row, qb.MeetingQuestionRow):
            setter: Callable[[int, str], qb.QuestionTextChange] = partial(
                qb.set_meeting_question_text, self.sessions
            )
            label = "reword a question"
        elif isinstance(row, qb.BankQuestionRow):
            setter = partial(qb.edit_question, self.sessions)
            label = "reword a question in the bank"
        else:
            return

        def put(after: bool) -> Callable[[qb.QuestionTextChange], qb.QuestionTextChange]:
            def step(change: qb.QuestionTextChange) -> qb.QuestionTextChange:
                setter(change.id, change.after if after else change.before)
                return change

            return step

        self._push(label, lambda: setter(row.id, cleaned), put(False), put(True))
