"""The people service: rows, add/edit/delete with exact undo, the fair ask, merge and unmerge."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.models import (
    AdviceKind,
    Circle,
    GiveBack,
    Interaction,
    Meeting,
    PersonAdvice,
    Referral,
    Strength,
)
from workbook.core.people import (
    EDITABLE_FIELDS,
    PersonRow,
    add_person,
    appropriate_ask,
    count_people,
    delete_people,
    get_person,
    list_people,
    merge_people,
    restore_people,
    unmerge,
    update_person,
)

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def workbook(new_workbook: Path) -> Iterator[tuple[Path, SessionFactory]]:
    with document.open_document(new_workbook) as doc:
        yield new_workbook, doc.sessions


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for "exactly as before" checks."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}


def kind_ids(sessions: SessionFactory) -> dict[str, int]:
    with sessions() as session:
        rows = session.execute(select(AdviceKind.key, AdviceKind.id)).tuples().all()
        return {key: kind_id for key, kind_id in rows if key}


def test_add_list_get_and_count(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    zoe = add_person(sessions, "Zoë Ångström", Circle.WORK, Strength.HUNDRED)
    li = add_person(
        sessions, "李小龙", email="li@example.cn", organisation="Acme", title="Engineer",
        knows_people_at=("Globex",), introduced_by_id=zoe, connected_on=date(2020, 5, 1),
        circle="school", strength="lost",
    )  # fmt: skip
    rows = list_people(sessions)
    assert [r.id for r in rows] == [zoe, li]
    row = get_person(sessions, li)
    assert row == rows[1]
    assert (row.name, row.circle, row.strength, row.email) == (
        "李小龙",
        "school",
        "lost",
        "li@example.cn",
    )
    assert row.knows_people_at == ("Globex",)
    assert (row.introduced_by_id, row.introduced_by) == (zoe, "Zoë Ångström")
    assert row.connected_on == date(2020, 5, 1)
    assert row.created_at.tzinfo is not None and row.last_contact is None and row.status == ""
    assert count_people(sessions) == 2
    assert set(EDITABLE_FIELDS) <= {f for f in PersonRow.__dataclass_fields__}


def test_add_refuses_bad_values(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    with pytest.raises(WorkbookError, match="needs a name"):
        add_person(sessions, "   ")
    with pytest.raises(ValueError, match="not editable: advice"):
        add_person(sessions, "A", advice=("x",))
    with pytest.raises(ValueError, match="unknown circle"):
        add_person(sessions, "A", circle="pets")
    with pytest.raises(ValueError, match="connected_on"):
        add_person(sessions, "A", connected_on=NOW)
    with pytest.raises(WorkbookError, match="introducer"):
        add_person(sessions, "A", introduced_by_id=99)
    assert count_people(sessions) == 0


def test_row_shows_advice_last_contact_and_latest_meeting(
    workbook: tuple[Path, SessionFactory],
) -> None:
    _, sessions = workbook
    pid = add_person(sessions, "Ann")
    kinds = kind_ids(sessions)
    with sessions.begin() as session:
        session.add_all([
            PersonAdvice(person_id=pid, kind_id=kinds["introductions"]),
            PersonAdvice(person_id=pid, kind_id=kinds["industry"], note="energy"),
            Interaction(person_id=pid, occurred_at=NOW - timedelta(days=3)),
            Interaction(person_id=pid, occurred_at=NOW),
            Interaction(person_id=pid, due_at=NOW + timedelta(days=9)),  # due, not happened
            Meeting(person_id=pid, uid="m1", status="met", created_at=NOW - timedelta(days=9)),
            Meeting(person_id=pid, uid="m2", status="no_answer", created_at=NOW),
        ])  # fmt: skip
    row = get_person(sessions, pid)
    assert row.advice == ("Industry knowledge", "Introductions")
    assert row.last_contact == NOW
    assert row.status == "No answer yet"
    assert list_people(sessions) == [row]


def test_update_returns_exact_before_and_after(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    pid = add_person(sessions, "Ann", email="ann@x.org", knows_people_at=["Acme"])
    change = update_person(
        sessions, pid, email="ann@y.org", title="", strength=Strength.THOUSAND,
        knows_people_at=("Acme", "Globex"),
    )  # fmt: skip
    assert change.id == pid
    assert change.before == {"email": "ann@x.org", "strength": "10", "knows_people_at": ("Acme",)}
    assert change.after == {
        "email": "ann@y.org", "strength": "1000", "knows_people_at": ("Acme", "Globex"),
    }  # fmt: skip
    assert get_person(sessions, pid).knows_people_at == ("Acme", "Globex")
    undo = update_person(sessions, pid, **change.before)
    assert (undo.before, undo.after) == (change.after, change.before)
    assert get_person(sessions, pid).email == "ann@x.org"
    assert not update_person(sessions, pid, email="ann@x.org").changed


def test_update_refuses(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    pid = add_person(sessions, "Ann")
    with pytest.raises(WorkbookError, match="themselves"):
        update_person(sessions, pid, introduced_by_id=pid)
    with pytest.raises(WorkbookError, match="needs a name"):
        update_person(sessions, pid, name="")
    delete_people(sessions, [pid])
    with pytest.raises(WorkbookError, match="not on the list"):
        update_person(sessions, pid, name="Bo")
    with pytest.raises(WorkbookError, match="not on the list"):
        get_person(sessions, pid)
    assert get_person(sessions, pid, include_deleted=True).name == "Ann"


def test_delete_and_restore_give_back_the_same_rows(workbook: tuple[Path, SessionFactory]) -> None:
    path, sessions = workbook
    ann = add_person(sessions, "Ann")
    bo = add_person(sessions, "Bo", introduced_by_id=ann)
    with sessions.begin() as session:
        session.add(Meeting(person_id=ann, uid="m1"))
    before = dump(path)
    assert delete_people(sessions, [ann, ann, 404]) == [ann]
    assert delete_people(sessions, [ann]) == []
    assert [r.id for r in list_people(sessions)] == [bo]
    assert get_person(sessions, bo).introduced_by == "Ann"  # history kept
    assert count_people(sessions) == 1
    restore_people(sessions, [ann])
    assert dump(path) == before
    with pytest.raises(WorkbookError, match="no longer exists"):
        restore_people(sessions, [404])


@pytest.mark.parametrize("strength", list(Strength))
def test_appropriate_ask(strength: Strength) -> None:
    text = appropriate_ask(strength.value)
    assert text and len(text) < 200
    if strength is Strength.LOST_TOUCH:
        assert text.startswith("Reconnect first")
    else:
        assert "job" in text  # never ask for one
    with pytest.raises(ValueError):
        appropriate_ask("a million")


def test_appropriate_ask_grows_with_the_tie() -> None:
    assert "introduction" not in appropriate_ask("10")
    assert "introduction" in appropriate_ask("1000")


def _rich_pair(sessions: SessionFactory) -> tuple[int, int, int, int]:
    """Kept (Ann) and other (Anne) with every kind of field and link, and two bystanders."""
    intro = add_person(sessions, "Introducer")
    keep = add_person(
        sessions, "Ann Lee", circle="other", organisation="Acme", phone="555 010 2030",
        knows_people_at=["Globex"], notes="Met at the fair.", connected_on=date(2021, 1, 1),
    )  # fmt: skip
    other = add_person(
        sessions, "Anne Lee", Circle.WORK, Strength.THOUSAND, email="anne@acme.com",
        phone="555 999 0000", organisation="ACME Inc.", title="CTO", introduced_by_id=intro,
        knows_people_at=["globex", "Initech"], notes="Loves chess.", connected_on=date(2019, 6, 1),
    )  # fmt: skip
    introduced = add_person(sessions, "Bo", introduced_by_id=other)
    kinds = kind_ids(sessions)
    with sessions.begin() as session:
        session.add_all([
            PersonAdvice(person_id=keep, kind_id=kinds["industry"], note="energy"),
            PersonAdvice(person_id=other, kind_id=kinds["industry"], note="solar"),
            PersonAdvice(person_id=other, kind_id=kinds["resume"], note="offered"),
            Meeting(person_id=other, uid="m-other", status="met"),
            Interaction(person_id=other, occurred_at=NOW),
            GiveBack(person_id=other, direction="they_asked", description="a book"),
            Referral(kind="person", name="Cy", from_person_id=other),
            Referral(kind="person", name="Anne Lee", from_person_id=intro, person_id=other),
        ])  # fmt: skip
    return keep, other, introduced, intro


def test_merge_keeps_every_field_and_moves_every_link(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    keep, other, introduced, intro = _rich_pair(sessions)
    before = dump(path)
    result = merge_people(sessions, keep, [other])
    assert (result.kept_id, result.merged_ids) == (keep, (other,))

    row = get_person(sessions, keep)
    assert (row.name, row.organisation, row.phone) == ("Ann Lee", "Acme", "555 010 2030")
    assert (row.email, row.title, row.circle) == ("anne@acme.com", "CTO", "work")  # blanks filled
    assert row.strength == "10"  # the kept value wins; the other is in the notes
    assert (row.introduced_by_id, row.introduced_by) == (intro, "Introducer")
    assert row.knows_people_at == ("Globex", "Initech")
    assert row.connected_on == date(2019, 6, 1)
    assert row.notes.startswith("Met at the fair.\n\nMerged from Anne Lee:\n")
    for text in ("Name: Anne Lee", "Phone: 555 999 0000", "Strength: $1000", "Notes: Loves chess."):
        assert text in row.notes
    assert row.advice == ("Industry knowledge", "Résumé or profile feedback")
    assert row.status == "Met" and row.last_contact == NOW
    assert get_person(sessions, introduced).introduced_by_id == keep
    assert [r.id for r in list_people(sessions)] == [intro, keep, introduced]
    with sessions() as session:
        assert {n for (n,) in session.execute(select(PersonAdvice.note))} == {
            "energy; solar", "offered",
        }  # fmt: skip
        for model, column in ((Meeting, Meeting.person_id), (Interaction, Interaction.person_id),
                              (GiveBack, GiveBack.person_id)):  # fmt: skip
            assert set(session.scalars(select(column))) == {keep}, model
        referrals = session.execute(select(Referral.from_person_id, Referral.person_id)).all()
        assert sorted(referrals, key=repr) == sorted([(keep, None), (intro, keep)], key=repr)

    unmerge(sessions, result)
    assert dump(path) == before


def test_merge_of_someone_who_introduced_the_kept_person(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    other = add_person(sessions, "Ann L.")
    keep = add_person(sessions, "Ann Lee", introduced_by_id=other)
    before = dump(path)
    result = merge_people(sessions, keep, [other])
    assert get_person(sessions, keep).introduced_by_id is None  # never introduced by themselves
    unmerge(sessions, result)
    assert dump(path) == before


def test_merge_several_and_refusals(workbook: tuple[Path, SessionFactory]) -> None:
    path, sessions = workbook
    a, b, c = (add_person(sessions, n, email=e) for n, e in (("A", ""), ("B", "b@x"), ("C", "c@x")))
    with pytest.raises(WorkbookError, match="themselves"):
        merge_people(sessions, a, [a])
    with pytest.raises(WorkbookError, match="at least one"):
        merge_people(sessions, a, [])
    with pytest.raises(WorkbookError, match="not on the list"):
        merge_people(sessions, a, [404])
    before = dump(path)
    result = merge_people(sessions, a, [b, c])
    row = get_person(sessions, a)
    assert row.email == "b@x" and "Email: c@x" in row.notes
    assert count_people(sessions) == 1
    unmerge(sessions, result)
    assert dump(path) == before
