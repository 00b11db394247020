"""The people table model: the model tester, filtering, sorting and edits by signal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbook.core import document
from workbook.core.models import Circle, Strength
from workbook.core.people import PersonRow, add_person, list_people
from workbook.ui.models.people_columns import (
    CIRCLE,
    LAST_CONTACT,
    NAME,
    ORGANISATION,
    STRENGTH,
    fold,
)
from workbook.ui.models.people_model import PeopleModel

PEOPLE = (
    ("Zoë Ångström", Circle.WORK, Strength.THOUSAND, "Acme", "Engineer", "Acme, 2019–2023"),
    ("李小龙", Circle.FRIENDS, Strength.HUNDRED, "", "", ""),
    ("Олег Петров", Circle.FAMILY, Strength.TEN, "Globex", "Analyst", ""),
    ("محمد", Circle.SERVICES, Strength.LOST_TOUCH, "Smith & Sons <NYSE>", "Dentist", ""),
    ("Seán O'Brien", Circle.SCHOOL, Strength.TEN, "acme", "", ""),
)


@pytest.fixture
def rows(new_workbook: Path) -> Iterator[list[PersonRow]]:
    with document.open_document(new_workbook) as doc:
        for name, circle, strength, organisation, title, detail in PEOPLE:
            add_person(doc.sessions, name, circle, strength, organisation=organisation,
                       title=title, circle_detail=detail)  # fmt: skip
        yield list_people(doc.sessions)


def names(model: PeopleModel) -> list[str]:
    return [model.person(row).name for row in range(model.rowCount())]


def test_the_model_passes_the_model_tester_with_and_without_a_filter(
    qtmodeltester,
    rows: list[PersonRow],  # type: ignore[no-untyped-def]
) -> None:
    model = PeopleModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)  # it checks again after every change below
    model.set_filter("acme")
    assert names(model) == ["Seán O'Brien", "Zoë Ångström"]
    model.sort(STRENGTH, Qt.SortOrder.DescendingOrder)
    model.replace_row(dataclasses.replace(model.person(0), title="Lead"))
    model.add_rows([dataclasses.replace(rows[1], id=999, name="Acme Newcomer")])
    model.remove_ids([rows[0].id])
    model.set_filter("")
    assert model.rowCount() == 5


def test_filter_matches_every_word_in_any_text_column_ignoring_case_and_accents(
    rows: list[PersonRow],
) -> None:
    model = PeopleModel()
    model.set_rows(rows)
    assert model.rowCount() == 5
    model.set_filter("ZOE angs")
    assert names(model) == ["Zoë Ångström"]
    model.set_filter("acme 2019")  # the circle's detail is searched too
    assert names(model) == ["Zoë Ångström"]
    model.set_filter("lost")  # the strength column's words
    assert names(model) == ["محمد"]
    model.set_filter("<nyse>")
    assert names(model) == ["محمد"]
    model.set_filter("小龙")
    assert names(model) == ["李小龙"]
    model.set_filter("people who serve")  # the circle's label
    assert names(model) == ["محمد"]
    model.set_filter("nobody like this")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == 5
    assert fold("Zoë Ångström") == "zoe angstrom"


def test_narrowing_and_widening_the_filter_give_the_same_rows_as_fresh(
    rows: list[PersonRow],
) -> None:
    model, fresh = PeopleModel(), PeopleModel()
    model.set_rows(rows)
    fresh.set_rows(rows)
    for text in ("a", "ac", "acm", "acme", "acme e", "acm", "", "o", "o'", "o'b"):
        model.set_filter(text)
        fresh.set_rows(rows)
        fresh.set_filter(text)
        assert names(model) == names(fresh), text


def test_sorting_by_each_column_keeps_ties_in_name_order(rows: list[PersonRow]) -> None:
    model = PeopleModel()
    model.set_rows(rows)
    assert names(model)[:2] == ["Seán O'Brien", "Zoë Ångström"]
    model.sort(STRENGTH, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Zoë Ångström", "李小龙", "Seán O'Brien", "Олег Петров", "محمد"]
    model.sort(CIRCLE, Qt.SortOrder.AscendingOrder)  # the brainstorm's order of circles
    assert names(model) == ["Олег Петров", "李小龙", "Zoë Ångström", "Seán O'Brien", "محمد"]
    model.sort(ORGANISATION, Qt.SortOrder.AscendingOrder)  # blanks last
    assert names(model)[-1] == "李小龙"
    assert names(model)[:2] == ["Seán O'Brien", "Zoë Ångström"]  # "acme" = "Acme"
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert sorted(names(model)) == sorted(row.name for row in rows)
    assert model.data(model.index(0, LAST_CONTACT)) == ""


def test_edits_go_out_as_a_signal_and_come_back_as_a_row(rows: list[PersonRow]) -> None:
    model = PeopleModel()
    model.set_rows(rows)
    asked: list[tuple[int, str, object]] = []
    model.edit_requested.connect(lambda *args: asked.append(args))
    zoe = model.index(names(model).index("Zoë Ångström"), ORGANISATION)
    assert model.flags(zoe) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(zoe, "Initech")
    assert not model.setData(model.index(0, NAME), "   ")  # a blank name is refused
    assert model.data(zoe) == "Acme", "nothing changes until the workbook has it"
    person = model.person(zoe.row())
    assert asked == [(person.id, "organisation", "Initech")]
    model.set_filter("engineer")
    model.replace_row(dataclasses.replace(person, title="Manager"))
    assert names(model) == ["Zoë Ångström"], "an edited row stays until the filter changes"
    model.set_filter("enginee")
    assert names(model) == []


def test_adding_and_removing_rows_keep_sort_and_filter(rows: list[PersonRow]) -> None:
    model = PeopleModel()
    model.set_rows(rows[:3])
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("o")
    model.add_rows(rows[3:])
    assert names(model) == ["محمد", "Олег Петров", "Zoë Ångström", "Seán O'Brien"]
    model.remove_ids([rows[0].id])
    assert names(model) == ["محمد", "Олег Петров", "Seán O'Brien"]
    assert model.total() == 4
    assert model.position_of(rows[0].id) is None
