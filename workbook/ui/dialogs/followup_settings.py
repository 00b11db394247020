"""The follow-up rules as numbers the user can change (a workbook setting, undoable)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.core.followups import Intervals, get_intervals, set_intervals
from workbook.core.models import Strength
from workbook.ui import prompts
from workbook.ui.page_context import PageContext


class IntervalsCommand(QUndoCommand):
    def __init__(self, context: PageContext, before: Intervals, after: Intervals) -> None:
        super().__init__("Change the follow-up rules")
        self.context, self.before, self.after, self._first = context, before, after, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        set_intervals(self.context.sessions, self.after)
        self.context.events.notify("settings")

    def undo(self) -> None:
        set_intervals(self.context.sessions, self.before)
        self.context.events.notify("settings")


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox(minimum=low, maximum=high, suffix=suffix)
    spin.setValue(value)
    return spin


class FollowupSettingsDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Follow-up rules")
        now = get_intervals(context.sessions)
        keep = now.keep_in_touch
        self.nudge = _spin(1, 30, now.nudge_business_days, " business days")
        self.max_nudges = _spin(0, 10, now.max_nudges, " nudges")
        self.thanks = _spin(0, 14, now.thank_you_days, " days")
        self.report = _spin(1, 60, now.report_back_days, " days")
        self.close_days = _spin(7, 365, keep(Strength.THOUSAND), " days")
        self.good_days = _spin(7, 365, keep(Strength.HUNDRED), " days")
        self.loose_days = _spin(7, 365, keep(Strength.TEN), " days")
        self.country = QLineEdit(now.holiday_country, placeholderText="e.g. US, GB, DE")
        self.country.setMaxLength(3)
        self.country.setToolTip("Public holidays of this country are not business days")
        form = QFormLayout()
        form.addRow("Nudge an unanswered request after", self.nudge)
        form.addRow("Then let it rest after", self.max_nudges)
        form.addRow("Say thank you within", self.thanks)
        form.addRow("Report back after", self.report)
        form.addRow("Keep in touch: close ($1000)", self.close_days)
        form.addRow("Keep in touch: good ($100)", self.good_days)
        form.addRow("Keep in touch: acquaintance ($10)", self.loose_days)
        form.addRow("Public holidays of", self.country)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel("New numbers apply from the next contact on.", wordWrap=True)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.before = now

    def intervals(self) -> Intervals:
        keep = dict(self.before.keep_in_touch_days)
        keep[Strength.THOUSAND] = self.close_days.value()
        keep[Strength.HUNDRED] = self.good_days.value()
        keep[Strength.TEN] = self.loose_days.value()
        return Intervals(
            nudge_business_days=self.nudge.value(),
            max_nudges=self.max_nudges.value(),
            thank_you_days=self.thanks.value(),
            report_back_days=self.report.value(),
            keep_in_touch_days=keep,
            holiday_country=self.country.text().strip().upper(),
            due_hour=self.before.due_hour,
        )

    def accept(self) -> None:
        after = self.intervals()
        try:
            before = set_intervals(self.context.sessions, after)
        except WorkbookError as exc:
            prompts.error(self, "Cannot use these rules", str(exc))
            return
        if before != after:
            self.context.undo_stack.push(IntervalsCommand(self.context, before, after))
            self.context.events.notify("settings")
            self.context.status.showMessage("Follow-up rules saved.", 4000)
        super().accept()
