"""Merge people: their details side by side, whose details lead, and what the result keeps.

Nothing is lost in a merge: the person kept fills their blanks from the others, differing
values are kept in the notes, and every link (meetings, advice tags, introductions) moves to
the person kept. The grid shows this per field: the value kept in bold, values that go into
the notes in italics.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbook.core.circles import circle_label, strength_label
from workbook.core.people import PersonRow
from workbook.ui.models.people_columns import short_date

ROWS = (("name", "Name"), ("circle", "Circle"), ("circle_detail", "Where exactly"),
        ("strength", "Strength"), ("organisation", "Organisation"), ("title", "Title"),
        ("email", "Email"), ("phone", "Phone"), ("profile_url", "Profile"),
        ("location", "Location"), ("how_we_know", "How we know each other"),
        ("introduced_by", "Introduced by"), ("notes", "Notes"), ("advice", "Advice"),
        ("last_contact", "Last contact"))  # fmt: skip
ALWAYS_JOINED = {"notes", "advice"}  # nothing to choose: all of it is kept
_ROW_FIELDS = frozenset(field.name for field in dataclasses.fields(PersonRow))


def _value(row: PersonRow, field: str) -> str:
    value = getattr(row, field)
    if field == "circle":
        return circle_label(value)
    if field == "strength":
        return strength_label(value)
    if field == "advice":
        return ", ".join(value)
    if field == "last_contact":
        return short_date(value)
    return " ".join(str(value).split())


def _filled(row: PersonRow) -> int:
    return sum(bool(_value(row, field)) for field, _label in ROWS)


class MergeDialog(QDialog):
    """Choose whose details lead when several people become one."""

    def __init__(self, people: Sequence[PersonRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge People")
        self.people = list(people)
        intro = QLabel(
            f"These {len(self.people)} entries become one person. Nothing is lost: blanks are "
            "filled from the others, differing details go into the notes, and meetings, advice "
            "tags and introductions all move to the person you keep."
        )
        intro.setWordWrap(True)
        question = QLabel("Whose details lead?")
        bold = QFont(question.font())
        bold.setBold(True)
        question.setFont(bold)
        self.choices = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(question)
        lead = max(self.people, key=lambda row: (_filled(row), -row.id))
        for row in self.people:
            extra = ", ".join(part for part in (row.organisation, row.email) if part)
            radio = QRadioButton(f"{row.name} ({extra})" if extra else row.name)
            radio.setChecked(row is lead)
            self.choices.addButton(radio, row.id)
            self.radios.append(radio)
            layout.addWidget(radio)

        self.grid = QTableWidget(len(ROWS), len(self.people) + 1)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setWordWrap(True)
        self.grid.setVerticalHeaderLabels([label for _field, label in ROWS])
        self.grid.setHorizontalHeaderLabels([row.name for row in self.people] + ["After merging"])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setAccessibleName("The details side by side")
        layout.addWidget(self.grid, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.merge_button.setDefault(True)  # in the dialog first: Cancel wins
        self.choices.idToggled.connect(self._on_choices_id_toggled)
        self._fill()
        self.resize(280 + 220 * len(self.people), 620)

    def keep_id(self) -> int:
        return self.choices.checkedId()

    def keep(self, person_id: int) -> None:
        button = self.choices.button(person_id)
        if button is not None:
            button.setChecked(True)

    def after_merging(self) -> dict[str, str]:
        """What the merged person shows per field (the "After merging" column)."""
        values = {}
        for position, (field, _label) in enumerate(ROWS):
            item = self.grid.item(position, len(self.people))
            values[field] = "" if item is None else item.text()
        return values

    def _on_choices_id_toggled(self, _person_id: int, checked: bool) -> None:
        if checked:
            self._fill()

    def _fill(self) -> None:
        result = self.merged()
        for position, (field, _label) in enumerate(ROWS):
            after = _value(result, field)
            for column, row in enumerate(self.people):
                text = _value(row, field)
                item = QTableWidgetItem(text)
                font = item.font()
                kept = bool(text) and (text == after or field in ALWAYS_JOINED)
                font.setBold(kept)
                font.setItalic(bool(text) and not kept)
                item.setFont(font)
                if text and not kept:
                    item.setToolTip("Kept in the notes of the merged person")
                self.grid.setItem(position, column, item)
            result_item = QTableWidgetItem(after)
            result_item.setToolTip(after)
            self.grid.setItem(position, len(self.people), result_item)
        self.grid.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grid.resizeRowsToContents()  # the columns have their real widths now

    def merged(self) -> PersonRow:
        """The person the merge makes, as the people service will write them."""
        from workbook.core.merge import merged_values

        keep_id = self.keep_id()
        keep = next(row for row in self.people if row.id == keep_id)
        others = [row for row in self.people if row.id != keep_id]
        names = {row.introduced_by_id: row.introduced_by for row in self.people
                 if row.introduced_by_id is not None}  # fmt: skip

        def values(row: PersonRow) -> dict[str, Any]:
            return {**dataclasses.asdict(row), "rank_pin": 0}

        new = merged_values(values(keep), [values(row) for row in others], names)
        introducer = new.get("introduced_by_id", keep.introduced_by_id)
        advice = dict.fromkeys(tag for row in (keep, *others) for tag in row.advice)
        contacts = [row.last_contact for row in self.people if row.last_contact is not None]
        fields = {name: value for name, value in new.items() if name in _ROW_FIELDS}
        return dataclasses.replace(
            keep,
            **fields,
            introduced_by=names.get(introducer, "") if introducer is not None else "",
            advice=tuple(advice),
            last_contact=max(contacts, default=None),
        )
