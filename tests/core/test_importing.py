"""Import planning (the preview) and applying: reasons, line numbers, one transaction, one undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from workbook.core import document, importing
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.formats.records import ContactFile, ContactRecord, SkippedRecord
from workbook.core.models import Meeting
from workbook.core.people import (
    add_person,
    apply_import,
    delete_people,
    get_person,
    list_people,
    plan_import,
    plan_imports,
    undo_import,
)

R = ContactRecord


@pytest.fixture
def workbook(new_workbook: Path) -> Iterator[tuple[Path, SessionFactory]]:
    with document.open_document(new_workbook) as doc:
        yield new_workbook, doc.sessions


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for "exactly as before" checks."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}


def contacts(*records: ContactRecord, skipped: tuple[SkippedRecord, ...] = (),
             name: str = "contacts.csv") -> ContactFile:  # fmt: skip
    return ContactFile(Path(name), "linkedin", list(records), list(skipped), [], "utf-8")


def seed(sessions: SessionFactory) -> tuple[int, int]:
    zoe = add_person(sessions, "Zoë Ångström", email="Zoe@Example.com", title="Lead",
                     notes="Old friend.")  # fmt: skip
    john = add_person(sessions, "John Smith", organisation="Acme, Inc.",
                      profile_url="https://www.linkedin.com/in/jsmith/")  # fmt: skip
    return zoe, john


FILE = contacts(
    R(5, "Zoe Angstrom", email="zoe@example.com", phone="555 010 2030", title="Director",
      connected_on=date(2020, 1, 2), other_emails=("zoe@home.org",)),
    R(6, "Jon Smith", organisation="ACME Inc"),
    R(7, "Ann Lee", email="ann@lee.org", organisation="Globex", notes="Met at PyCon"),
    R(8, "Ann Lee", email="ANN@lee.org"),
    R(9, "", email="nameless@x.org"),
    R(10, ""),
    R(11, "J. Smith", profile_url="linkedin.com/in/JSmith"),
    skipped=(SkippedRecord(4, "row has 3 columns, header has 7"),),
)  # fmt: skip


def test_plan_says_what_happens_to_every_line_and_why(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    zoe, john = seed(sessions)
    before = dump(path)
    plan = plan_import(sessions, FILE)
    assert dump(path) == before  # planning writes nothing
    got = [(i.line, i.action, i.name, i.reason, i.person_id) for i in plan.items]
    assert got == [
        (4, "skip", "", "row has 3 columns, header has 7", None),
        (5, "merge", "Zoe Angstrom", "same email as Zoë Ångström", zoe),
        (6, "add", "Jon Smith", "similar to John Smith at Acme, Inc.: check", None),
        (7, "add", "Ann Lee", "", None),
        (8, "skip", "Ann Lee", "also on line 7", None),
        (9, "add", "nameless@x.org", "", None),
        (10, "skip", "", "no name, email or phone", None),
        (11, "merge", "J. Smith", "same profile URL as John Smith", john),
    ]  # fmt: skip
    assert plan.counts == {"add": 3, "merge": 2, "skip": 3}
    assert [i.line for i in plan.near_misses] == [6]
    assert [m.person_id for m in plan.near_misses[0].similar_to] == [john]
    assert plan.items[1].fills == ("phone", "connected_on", "notes")


def test_merge_fills_blanks_and_keeps_the_rest_in_notes(
    workbook: tuple[Path, SessionFactory],
) -> None:
    _, sessions = workbook
    zoe, john = seed(sessions)
    result = apply_import(sessions, plan_import(sessions, FILE))
    row = get_person(sessions, zoe)
    assert (row.email, row.title) == ("Zoe@Example.com", "Lead")  # never overwritten
    assert (row.phone, row.connected_on) == ("555 010 2030", date(2020, 1, 2))  # blanks filled
    assert row.notes == (
        "Old friend.\n\nFrom contacts.csv line 5:\nTitle: Director\nOther email: zoe@home.org"
    )
    assert "Name: J. Smith" in get_person(sessions, john).notes
    assert [c.id for c in result.merged] == [zoe, john]
    assert result.merged[0].before == {"phone": "", "connected_on": None, "notes": "Old friend."}
    assert result.counts == {"add": 3, "merge": 2, "skip": 3}
    added = [get_person(sessions, pid) for pid in result.added_ids]
    assert [p.name for p in added] == ["Jon Smith", "Ann Lee", "nameless@x.org"]
    assert added[1].notes == "Met at PyCon" and added[1].source == "LinkedIn import: contacts.csv"
    assert {p.circle for p in added} == {"other"} and {p.strength for p in added} == {"10"}

    again = plan_import(sessions, FILE)  # the same file twice changes nothing
    assert again.counts == {"add": 0, "merge": 0, "skip": 8}
    assert again.items[1].reason == "nothing new: same email as Zoë Ångström"


def test_undo_import_restores_the_exact_previous_state(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    seed(sessions)
    twice = contacts(R(2, "Zoë", email="zoe@example.com", phone="1"),
                     R(3, "Zoë Ångström", email="zoe@home.org", other_emails=("zoe@example.com",),
                       location="Oslo"), R(4, "New"))  # fmt: skip
    before = dump(path)
    result = apply_import(sessions, plan_import(sessions, twice))
    assert len(result.merged) == 1 and len(result.added_ids) == 1
    assert dump(path) != before
    undo_import(sessions, result)
    assert dump(path) == before
    # and redo (the undo stack applies the same plan again)
    result = apply_import(sessions, plan_import(sessions, twice))
    undo_import(sessions, result)
    assert dump(path) == before


def test_a_person_merged_twice_in_one_import_is_undone_in_order(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    pid = add_person(sessions, "Ann Lee", email="ann@x.org", profile_url="linkedin.com/in/ann")
    file = contacts(
        R(2, "Ann Lee", email="ann@x.org", phone="555 010 2030"),
        R(3, "A. Lee", profile_url="https://linkedin.com/in/ann", title="CTO"),
    )
    before = dump(path)
    plan = plan_import(sessions, file)
    assert [(i.action, i.person_id) for i in plan.items] == [("merge", pid), ("merge", pid)]
    result = apply_import(sessions, plan)
    assert (get_person(sessions, pid).phone, get_person(sessions, pid).title) == (
        "555 010 2030", "CTO",
    )  # fmt: skip
    undo_import(sessions, result)
    assert dump(path) == before


def test_apply_is_one_transaction(
    workbook: tuple[Path, SessionFactory], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, sessions = workbook
    seed(sessions)
    plan = plan_import(sessions, FILE)
    before = dump(path)

    def broken(*_args: object) -> tuple[Any, ...]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "_new_person", broken)
    with pytest.raises(RuntimeError):
        apply_import(sessions, plan)  # the merges ran before the adds failed
    assert dump(path) == before


def test_choices_for_near_misses(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    _, john = seed(sessions)
    plan = plan_import(sessions, FILE)
    merged = plan.choose(6, "merge", john)
    assert merged.counts == {"add": 2, "merge": 3, "skip": 3} and merged.near_misses == []
    assert plan.choose(6, "skip").counts["skip"] == 4
    with pytest.raises(ValueError):
        plan.choose(6, "merge")
    result = apply_import(sessions, merged)
    assert get_person(sessions, john).notes.startswith(
        "From contacts.csv line 6:\nName: Jon Smith\n"
    )
    assert len(result.added_ids) == 2


def test_a_merge_target_deleted_after_the_preview_is_added(
    workbook: tuple[Path, SessionFactory],
) -> None:
    _, sessions = workbook
    zoe, _ = seed(sessions)
    plan = plan_import(sessions, contacts(R(2, "Zoë", email="zoe@example.com", phone="1")))
    delete_people(sessions, [zoe])
    result = apply_import(sessions, plan)
    assert result.counts == {"add": 1, "merge": 0, "skip": 0}
    assert get_person(sessions, result.added_ids[0]).email == "zoe@example.com"


def test_several_files_share_one_look_at_duplicates(workbook: tuple[Path, SessionFactory]) -> None:
    _, sessions = workbook
    first = contacts(R(2, "Ann Lee", email="ann@x.org"), name="a.csv")
    second = contacts(R(3, "Ann  Lee", email="ANN@x.org"), R(4, "Bo"), name="b.vcf")
    plans = plan_imports(sessions, [first, second])
    assert [(i.action, i.reason) for i in plans[1].items] == [
        ("skip", "also in a.csv line 2"), ("add", ""),
    ]  # fmt: skip


def test_undo_is_refused_once_an_imported_person_has_a_meeting(
    workbook: tuple[Path, SessionFactory],
) -> None:
    _, sessions = workbook
    result = apply_import(sessions, plan_import(sessions, contacts(R(2, "Ann"))))
    with sessions.begin() as session:
        session.add(Meeting(person_id=result.added_ids[0], uid="m"))
    with pytest.raises(WorkbookError, match="cannot be undone"):
        undo_import(sessions, result)
    assert [p.name for p in list_people(sessions)] == ["Ann"]


def test_the_bulk_insert_names_every_column_of_person() -> None:
    assert set(importing._INSERT_COLUMNS) == set(importing.PERSON.c.keys())


def test_imported_people_read_back_like_added_ones(workbook: tuple[Path, SessionFactory]) -> None:
    path, sessions = workbook
    result = apply_import(sessions, plan_import(sessions, contacts(
        R(2, "Ann", email="a@x", connected_on=date(2020, 2, 29)))))  # fmt: skip
    pid = add_person(sessions, "Ann", email="a@x", connected_on=date(2020, 2, 29))
    imported, added = get_person(sessions, result.added_ids[0]), get_person(sessions, pid)
    assert imported.created_at.tzinfo is not None
    same = ("name", "email", "circle", "strength", "knows_people_at", "connected_on", "notes")
    assert [getattr(imported, f) for f in same] == [getattr(added, f) for f in same]
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        first, second = (dict(r) for r in conn.execute("SELECT * FROM person ORDER BY id"))
    assert first.keys() == second.keys()
    for column in first.keys() - {"id", "source"}:  # stored the same way, timestamps too
        a, b = first[column], second[column]
        assert (type(a), len(str(a))) == (type(b), len(str(b))), column
        assert a == b or column in ("created_at", "updated_at"), column
