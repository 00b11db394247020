"""Advice kinds (built in and the user's own: add, rename, reorder, retire) and tags (one,
bulk, notes) with exact undo and redo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbook.core import document
from workbook.core.advice import (
    BUILTIN_KINDS,
    TagState,
    add_kind,
    delete_kind,
    list_kinds,
    move_kind,
    reapply,
    rename_kind,
    restore_kind,
    retire_kind,
    revert,
    set_kind_order,
    set_tag,
    set_tag_note,
    set_tags,
    shift_kind,
    tags_for,
)
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.people import add_person, delete_people, get_person


@pytest.fixture
def workbook(new_workbook: Path) -> Iterator[tuple[Path, SessionFactory]]:
    with document.open_document(new_workbook) as doc:
        yield new_workbook, doc.sessions


@pytest.fixture
def sessions(workbook: tuple[Path, SessionFactory]) -> SessionFactory:
    return workbook[1]


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The advice tables, for "exactly as before" checks."""
    with sqlite3.connect(path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}"), key=repr)
            for table in ("advice_kind", "person_advice", "person")
        }


def kind(sessions: SessionFactory, key: str) -> int:
    return next(k.id for k in list_kinds(sessions, include_retired=True) if k.key == key)


def names(sessions: SessionFactory, include_retired: bool = False) -> list[str]:
    return [k.name for k in list_kinds(sessions, include_retired)]


# ---------------------------------------------------------------- kinds


def test_a_new_workbook_has_the_built_in_kinds_each_with_a_one_line_explanation(
    sessions: SessionFactory,
) -> None:
    kinds = list_kinds(sessions)
    assert [k.key for k in kinds] == [b.key for b in BUILTIN_KINDS]
    assert len(kinds) == 12 and all(k.builtin and not k.retired for k in kinds)
    assert all(k.description and "\n" not in k.description for k in kinds)
    assert [k.position for k in kinds] == list(range(12))
    assert {k.tag_count for k in kinds} == {0}
    wanted = {
        "industry", "organisation", "role", "local_market", "people", "organisations",
        "introductions", "resume", "interview", "hiring", "learning", "encouragement",
    }  # fmt: skip
    assert {k.key for k in kinds} == wanted


def test_add_kind_goes_last_and_refuses_blank_or_duplicate_names(
    sessions: SessionFactory,
) -> None:
    new = add_kind(sessions, "  Healthcare   data privacy ", " Rules around patient data. ")
    row = list_kinds(sessions)[-1]
    assert (row.id, row.name, row.description) == (
        new, "Healthcare data privacy", "Rules around patient data.",
    )  # fmt: skip
    assert (row.key, row.builtin, row.position) == (None, False, 12)
    with pytest.raises(WorkbookError, match="needs a name"):
        add_kind(sessions, " \t")
    with pytest.raises(WorkbookError, match="already on the list"):
        add_kind(sessions, "HEALTHCARE DATA PRIVACY")
    with pytest.raises(WorkbookError, match="already on the list"):
        add_kind(sessions, "names of people")
    # A retired kind's name is free again.
    retire_kind(sessions, new)
    again = add_kind(sessions, "Healthcare data privacy")
    assert again != new and names(sessions).count("Healthcare data privacy") == 1


def test_rename_returns_before_and_after_and_undoes_exactly(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    people = kind(sessions, "people")
    before = dump(path)
    change = rename_kind(sessions, people, "Names to talk to", "Who they would send you to next.")
    assert change.changed and change.id == people
    assert change.before == {
        "name": "Names of people",
        "description": "Others you could talk to next.",
    }
    assert change.after == {
        "name": "Names to talk to",
        "description": "Who they would send you to next.",
    }
    row = next(k for k in list_kinds(sessions) if k.id == people)
    assert (row.key, row.name) == ("people", "Names to talk to")  # the key stays
    rename_kind(sessions, people, change.before["name"], change.before["description"])
    assert dump(path) == before
    # Description None keeps it; the same name in another case is not a duplicate of itself.
    keep = rename_kind(sessions, people, "NAMES OF PEOPLE")
    assert keep.after["description"] == "Others you could talk to next."
    with pytest.raises(WorkbookError, match="already on the list"):
        rename_kind(sessions, people, "industry knowledge")
    with pytest.raises(WorkbookError, match="needs a name"):
        rename_kind(sessions, people, "")
    with pytest.raises(WorkbookError, match="no longer on the list"):
        rename_kind(sessions, 999, "Anything")


def test_move_returns_the_previous_order_for_undo(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    ids = [k.id for k in list_kinds(sessions)]
    before = dump(path)
    previous = move_kind(sessions, ids[5], 0)
    assert previous == ids
    assert [k.id for k in list_kinds(sessions)] == [ids[5], *ids[:5], *ids[6:]]
    assert [k.position for k in list_kinds(sessions)] == list(range(12))
    move_kind(sessions, ids[0], 99)  # clamped: to the end
    assert [k.id for k in list_kinds(sessions)][-1] == ids[0]
    set_kind_order(sessions, previous)
    assert dump(path) == before


def test_up_and_down_skip_retired_kinds_and_partial_orders_keep_them_in_place(
    sessions: SessionFactory,
) -> None:
    ids = [k.id for k in list_kinds(sessions)]
    retire_kind(sessions, ids[1])
    previous = shift_kind(sessions, ids[2], -1)  # up one among the kinds the user sees
    assert previous == ids
    assert [k.id for k in list_kinds(sessions)][:2] == [ids[2], ids[0]]
    assert [k.id for k in list_kinds(sessions, include_retired=True)][:3] == [
        ids[2],
        ids[1],
        ids[0],
    ]
    shift_kind(sessions, ids[2], -5)  # already first: stays
    assert list_kinds(sessions)[0].id == ids[2]
    # Reordering only the visible kinds leaves the retired one where it was.
    visible = [k.id for k in list_kinds(sessions)]
    set_kind_order(sessions, list(reversed(visible)))
    order = [k.id for k in list_kinds(sessions, include_retired=True)]
    assert order[1] == ids[1] and [k for k in order if k != ids[1]] == list(reversed(visible))
    set_kind_order(sessions, previous)
    assert [k.id for k in list_kinds(sessions, include_retired=True)] == ids
    with pytest.raises(WorkbookError, match="no longer on the list"):
        set_kind_order(sessions, [*ids, 999])


def test_retiring_hides_a_kind_but_keeps_its_tags_visible_in_history(
    sessions: SessionFactory,
) -> None:
    ada = add_person(sessions, "Ada")
    hiring = kind(sessions, "hiring")
    set_tag(sessions, ada, hiring, True, note="Sat on hiring panels at Acme")
    retire_kind(sessions, hiring)
    assert "How hiring works in their field" not in names(sessions)
    retired = next(k for k in list_kinds(sessions, include_retired=True) if k.id == hiring)
    assert retired.retired and retired.tag_count == 1
    assert tags_for(sessions, [ada]) == {ada: {hiring: "Sat on hiring panels at Acme"}}
    assert get_person(sessions, ada).advice == ("How hiring works in their field",)
    with pytest.raises(WorkbookError, match="retired"):
        set_tags(sessions, [add_person(sessions, "Bo")], hiring, True)
    set_tag_note(sessions, ada, hiring, "Still true")  # an existing tag's note can change
    retire_kind(sessions, hiring, retired=False)
    assert "How hiring works in their field" in names(sessions)


def test_bringing_back_a_kind_whose_name_was_reused_asks_for_a_rename(
    sessions: SessionFactory,
) -> None:
    mine = add_kind(sessions, "Mentoring")
    retire_kind(sessions, mine)
    add_kind(sessions, "mentoring")
    with pytest.raises(WorkbookError, match="rename one of them first"):
        retire_kind(sessions, mine, retired=False)
    rename_kind(sessions, mine, "Mentoring (old)")  # renaming a retired kind is fine
    retire_kind(sessions, mine, retired=False)


def test_delete_kind_is_for_an_unused_kind_of_ones_own_and_restores_exactly(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    before = dump(path)
    mine = add_kind(sessions, "Grant writing", "Who funds what.")
    after_add = dump(path)
    deleted = delete_kind(sessions, mine)
    assert dump(path) == before
    assert restore_kind(sessions, deleted) == mine
    assert dump(path) == after_add
    with pytest.raises(WorkbookError, match="built in"):
        delete_kind(sessions, kind(sessions, "people"))
    set_tag(sessions, add_person(sessions, "Ada"), mine, True)
    with pytest.raises(WorkbookError, match="retire it instead"):
        delete_kind(sessions, mine)


# ---------------------------------------------------------------- tags


def test_tagging_one_person_keeps_the_note_and_undoes_exactly(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    ada = add_person(sessions, "Ada")
    people = kind(sessions, "people")
    before = dump(path)
    change = set_tag(sessions, ada, people, True, note="  knows the hiring managers at Acme ")
    assert change.changed and change.person_ids == (ada,)
    assert change.before == (TagState(ada, people, None),)
    assert change.after == (TagState(ada, people, "knows the hiring managers at Acme"),)
    assert tags_for(sessions, [ada]) == {ada: {people: "knows the hiring managers at Acme"}}
    assert not set_tag(sessions, ada, people, True).changed  # already tagged: note kept
    assert tags_for(sessions, [ada])[ada][people] == "knows the hiring managers at Acme"
    revert(sessions, change)
    assert dump(path) == before
    reapply(sessions, change)
    assert tags_for(sessions, [ada]) == {ada: {people: "knows the hiring managers at Acme"}}
    off = set_tag(sessions, ada, people, False)
    assert off.after == (TagState(ada, people, None),) and tags_for(sessions, [ada]) == {ada: {}}
    revert(sessions, off)  # the note comes back with the tag
    assert tags_for(sessions, [ada])[ada][people] == "knows the hiring managers at Acme"


def test_a_note_tags_the_person_and_its_undo_puts_the_old_note_back(
    sessions: SessionFactory,
) -> None:
    ada = add_person(sessions, "Ada")
    resume = kind(sessions, "resume")
    first = set_tag_note(sessions, ada, resume, "Reviews résumés every month")
    assert first.before == (TagState(ada, resume, None),)
    second = set_tag_note(sessions, ada, resume, "Hires for her team")
    assert second.before == (TagState(ada, resume, "Reviews résumés every month"),)
    revert(sessions, second)
    assert tags_for(sessions, [ada])[ada] == {resume: "Reviews résumés every month"}
    revert(sessions, first)
    assert tags_for(sessions, [ada])[ada] == {}


def test_bulk_tagging_is_one_change_that_keeps_notes_and_undoes_exactly(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    ids = [add_person(sessions, f"Person {n}") for n in range(1200)]  # more than one chunk
    people = kind(sessions, "people")
    set_tag(sessions, ids[3], people, True, note="Hosts the analysts' dinner")
    before = dump(path)
    change = set_tags(sessions, [*ids, ids[0]], people, True)  # a repeat is harmless
    assert len(change.after) == 1199  # ids[3] was tagged already: untouched
    assert all(state.note == "" for state in change.after)
    tags = tags_for(sessions)
    assert all(people in tags[pid] for pid in ids)
    assert tags[ids[3]][people] == "Hosts the analysts' dinner"
    revert(sessions, change)
    assert dump(path) == before
    off = set_tags(sessions, ids[:10], people, False)
    assert [s.person_id for s in off.before] == [ids[3]]
    revert(sessions, off)
    assert dump(path) == before


def test_tags_need_people_on_the_list_and_a_kind_that_exists(sessions: SessionFactory) -> None:
    ada, bo = add_person(sessions, "Ada"), add_person(sessions, "Bo")
    people = kind(sessions, "people")
    delete_people(sessions, [bo])
    with pytest.raises(WorkbookError, match=f"person {bo} is not on the list"):
        set_tags(sessions, [ada, bo], people, True)
    assert tags_for(sessions, [ada]) == {ada: {}}  # nothing written
    with pytest.raises(WorkbookError, match="no longer on the list"):
        set_tag(sessions, ada, 999, True)


def test_tags_for_everyone_skips_deleted_people_but_asked_for_ids_do_not(
    sessions: SessionFactory,
) -> None:
    ada, bo, cy = (add_person(sessions, n) for n in ("Ada", "Bo", "Cy"))
    people, industry = kind(sessions, "people"), kind(sessions, "industry")
    set_tag(sessions, ada, people, True)
    set_tag(sessions, ada, industry, True, note="Energy")
    set_tag(sessions, bo, people, True)
    delete_people(sessions, [bo])
    assert tags_for(sessions) == {ada: {people: "", industry: "Energy"}, cy: {}}
    assert tags_for(sessions, [bo, cy]) == {bo: {people: ""}, cy: {}}
    assert tags_for(sessions, []) == {}
    counts = {k.key: k.tag_count for k in list_kinds(sessions)}
    assert (counts["people"], counts["industry"]) == (1, 1)  # deleted people do not count


def test_tags_show_in_the_people_table_in_the_users_order(sessions: SessionFactory) -> None:
    ada = add_person(sessions, "Ada")
    mine = add_kind(sessions, "SQL tips")
    for key in ("encouragement", "people"):
        set_tag(sessions, ada, kind(sessions, key), True)
    set_tag(sessions, ada, mine, True)
    assert get_person(sessions, ada).advice == ("Names of people", "Encouragement", "SQL tips")
    move_kind(sessions, mine, 0)
    assert get_person(sessions, ada).advice == ("SQL tips", "Names of people", "Encouragement")
