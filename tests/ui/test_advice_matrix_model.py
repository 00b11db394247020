"""The tagging matrix model and the ranking model: Qt's model checks, filters, in-place updates."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbook.core.advice import KindRow
from workbook.core.people import PersonRow
from workbook.core.ranking import RankedPerson
from workbook.ui.models.advice_matrix_model import NOTE_ROLE, AdviceMatrixModel
from workbook.ui.models.ranking_model import NAME, RANK, REASONS, RankingModel

DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def person(pid: int, name: str, organisation: str = "", title: str = "") -> PersonRow:
    return PersonRow(
        id=pid, name=name, circle="work", circle_detail="", strength="100", how_we_know="",
        email="", phone="", profile_url="", organisation=organisation, title=title,
        location="", notes="", knows_people_at=(), introduced_by_id=None, introduced_by="",
        advice=(), last_contact=None, status="", connected_on=None, source="",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip


def kind(kid: int, name: str, retired: bool = False) -> KindRow:
    return KindRow(kid, None, name, f"What {name} means", kid, retired, False, 0)


PEOPLE = [
    person(1, "Zoë Ångström", "Northwind", "Designer"),
    person(2, "李小龙", "Contoso Clinics"),
    person(3, "Олег Петров"),
    person(4, "O'Brien", title="Nurse"),
    person(5, "Smith & Sons <NYSE>"),
]
KINDS = [kind(10, "Industry knowledge"), kind(11, "Old kind", retired=True), kind(12, "Intros")]
TAGS = {1: {10: "knows the hiring managers at Acme", 11: ""}, 3: {12: ""}}


def make_model(qtbot: QtBot) -> AdviceMatrixModel:
    model = AdviceMatrixModel()
    model.set_data(PEOPLE, KINDS, TAGS)
    return model


def icons() -> list[QIcon]:
    found = []
    for colour in ("white", "blue", "navy", "gray", "green", "black"):
        pixmap = QPixmap(8, 8)
        pixmap.fill(QColor(colour))
        found.append(QIcon(pixmap))
    return found


def test_matrix_model_passes_qt_model_checks(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = make_model(qtbot)
    model.set_look(icons(), QBrush(QColor("gray")))
    qtmodeltester.check(model, force_py=True)
    model.set_filter("o")
    qtmodeltester.check(model, force_py=True)


def test_people_by_name_retired_kinds_hidden_and_where_they_work_last(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    names = [model.person(row).name for row in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "Industry knowledge", "Intros", "Works at"]
    assert "What Intros means" in model.headerData(2, Qt.Orientation.Horizontal, TOOLTIP)
    zoe = model.position_of(1)
    assert zoe is not None
    assert model.index(zoe, 3).data() == "Designer at Northwind"
    assert model.note(zoe, 1) == "knows the hiring managers at Acme"
    assert model.index(zoe, 1).data(NOTE_ROLE) == "knows the hiring managers at Acme"
    assert model.note(zoe, 2) is None
    assert "not tagged" in model.index(zoe, 2).data(TOOLTIP)
    assert model.tagged_people() == 2, "Zoë and Олег; the retired kind does not count"


def test_filter_folds_accents_and_case_and_untagged_only(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    model.set_filter("zoe angs")
    assert [model.person(r).id for r in range(model.rowCount())] == [1]
    model.set_filter("nurse")
    assert [model.person(r).id for r in range(model.rowCount())] == [4]
    model.set_filter("", untagged_only=True)
    assert sorted(model.person(r).id for r in range(model.rowCount())) == [2, 4, 5]
    model.set_filter("nobody here")
    assert model.rowCount() == 0


def test_show_tags_changes_one_cell_in_place(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    model.set_look(icons(), QBrush(QColor("gray")))
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, _roles=(): changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    row = model.position_of(2)
    assert row is not None
    untagged = model.index(row, 2).data(DECORATION)
    model.show_tags({(2, 12): ""})
    assert changed == [(row, 2, row, 2)] and not resets
    assert model.is_tagged(2, 12) and model.tagged_people() == 3
    assert model.index(row, 2).data(DECORATION).cacheKey() != untagged.cacheKey()
    model.show_tags({(2, 12): "met at the meetup"})
    assert model.index(row, 2).data(NOTE_ROLE) == "met at the meetup"
    model.show_tags({(2, 12): None, (4, 12): "", (5, 12): ""})
    assert not model.is_tagged(2, 12) and model.tagged_people() == 4
    rows = sorted(r for r in (model.position_of(4), model.position_of(5)) if r is not None)
    assert changed[-1] == (min(rows[0], row), 2, max(rows[-1], row), 2), "one range per kind"


def test_current_cell_gets_the_outlined_mark(qtbot: QtBot) -> None:
    model = make_model(qtbot)
    marks = icons()
    model.set_look(marks, QBrush(QColor("gray")))
    row = model.position_of(1)
    assert row is not None
    assert model.index(row, 1).data(DECORATION).cacheKey() == marks[2].cacheKey(), "with a note"
    model.set_current(1, 10)
    assert model.index(row, 1).data(DECORATION).cacheKey() == marks[5].cacheKey()
    model.set_current(1, 12)
    assert model.index(row, 1).data(DECORATION).cacheKey() == marks[2].cacheKey()
    assert model.index(row, 2).data(DECORATION).cacheKey() == marks[3].cacheKey()


def ranked(pid: int, name: str, pinned: bool = False, dismissed: bool = False) -> RankedPerson:
    return RankedPerson(
        pid, name, 3.5, ("works in your target industry", "friendly tie"), pinned, dismissed,
        "Northwind", "100", (3.0, 1.5),
    )  # fmt: skip


def test_ranking_model_passes_qt_model_checks_and_shows_pins(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = RankingModel()
    rows = [ranked(7, "Zoë", pinned=True), ranked(8, "Олег"), ranked(9, "O'Brien", dismissed=True)]
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    ranks = [model.index(r, RANK).data() for r in range(3)]
    assert ranks == ["★ 1", "2", "–"]
    assert model.index(1, REASONS).data() == "works in your target industry; friendly tie"
    assert "• friendly tie" in model.index(0, NAME).data(TOOLTIP)
    assert model.index(0, NAME).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(2, NAME).data(Qt.ItemDataRole.FontRole).italic()
    assert model.position_of(9) == 2 and model.position_of(1) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == 7
    assert not model.index(0, 0, model.index(0, 0)).isValid()
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(QModelIndex()) == 3
