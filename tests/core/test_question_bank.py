"""The TIARA question bank (seeding, the user's own questions, retire, delete with undo), each
meeting's questions (choose, move, reword, remove and restore), suggestions tailored to a
hand-made person and target, and default picks that fit the meeting's time."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from workbook.core import document
from workbook.core.advice import list_kinds, set_tag
from workbook.core.agenda import question_budget, question_minutes
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import BankQuestion, Strength
from workbook.core.organisations import add_organisation
from workbook.core.people import add_person
from workbook.core.question_bank import (
    BUILTIN_QUESTIONS,
    LETTERS,
    PersonFacts,
    add_default_questions,
    add_meeting_question,
    add_own_question,
    add_question,
    default_questions,
    delete_question,
    edit_question,
    ensure_builtin_questions,
    list_bank,
    meeting_questions,
    move_meeting_question,
    remove_meeting_question,
    remove_meeting_questions,
    remove_own_question,
    restore_meeting_question,
    restore_own_question,
    restore_question,
    retire_question,
    seed_question_bank,
    set_meeting_question_order,
    set_meeting_question_text,
    suggest_questions,
    tailored_questions,
)
from workbook.core.target import TargetAnswers, update_field


@pytest.fixture
def workbook(new_workbook: Path) -> Iterator[tuple[Path, SessionFactory]]:
    with document.open_document(new_workbook) as doc:
        yield new_workbook, doc.sessions


@pytest.fixture
def sessions(workbook: tuple[Path, SessionFactory]) -> SessionFactory:
    return workbook[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}"), key=repr)
            for table in ("bank_question", "meeting_question")
        }


def meeting_with(sessions: SessionFactory, name: str = "Ana Lima", **fields: Any) -> int:
    strength = fields.pop("strength", Strength.HUNDRED)
    person = add_person(sessions, name, strength=strength, **fields)
    return create_meeting(sessions, person)


def tag(sessions: SessionFactory, meeting_id: int, *keys: str) -> None:
    from workbook.core.meetings import get_meeting

    person = get_meeting(sessions, meeting_id).person_id
    ids = {k.key: k.id for k in list_kinds(sessions)}
    for key in keys:
        set_tag(sessions, person, ids[key], True)


# -- the built-in bank -------------------------------------------------------------------------


def test_the_built_in_bank_has_at_least_six_warm_questions_per_letter() -> None:
    for letter in LETTERS:
        texts = [q.text for q in BUILTIN_QUESTIONS if q.letter == letter]
        assert len(texts) >= 6, letter
        assert all(t.endswith("?") and len(t) < 100 for t in texts)
    keys = [q.key for q in BUILTIN_QUESTIONS]
    assert len(set(keys)) == len(keys) and all(len(k) <= 40 for k in keys)
    texts = [q.text.casefold() for q in BUILTIN_QUESTIONS]
    assert len(set(texts)) == len(texts)
    never = re.compile(r"\b(jobs?|openings?|vacanc\w*|hire me|résumé|resume|position)\b", re.I)
    assert not [q.text for q in BUILTIN_QUESTIONS if never.search(q.text)]


def test_a_new_workbook_has_the_whole_bank_in_tiara_order(sessions: SessionFactory) -> None:
    bank = list_bank(sessions)
    assert [(q.key, q.letter, q.text) for q in bank] == [
        (q.key, q.letter, q.text) for q in BUILTIN_QUESTIONS
    ]
    assert all(q.builtin and not q.retired for q in bank)


def test_seeding_is_idempotent_and_fills_in_only_missing_keys(sessions: SessionFactory) -> None:
    with sessions.begin() as session:
        assert ensure_builtin_questions(session) == 0
    first = list_bank(sessions)[0]
    edit_question(sessions, first.id, "What is shifting fastest in your corner of the field?")
    retire_question(sessions, list_bank(sessions)[1].id)
    with sessions.begin() as session:  # as if an older version had made the file
        session.execute(delete(BankQuestion).where(BankQuestion.key.in_(["a2.proud", "r.online"])))
    assert seed_question_bank(sessions) == 2
    assert seed_question_bank(sessions) == 0
    bank = list_bank(sessions, include_retired=True)
    assert len(bank) == len(BUILTIN_QUESTIONS)
    assert bank[0].text == "What is shifting fastest in your corner of the field?"  # kept
    assert bank[1].retired  # a retired built-in question does not come back


def test_an_existing_workbook_opened_again_gets_missing_questions(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc, doc.sessions.begin() as session:
        session.execute(delete(BankQuestion))
    with document.open_document(new_workbook) as doc:
        assert len(list_bank(doc.sessions)) == len(BUILTIN_QUESTIONS)


def test_opening_a_complete_workbook_writes_nothing(new_workbook: Path) -> None:
    before = digest(new_workbook)
    document.open_document(new_workbook).close()
    assert digest(new_workbook) == before


def test_a_read_only_open_does_not_write(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc, doc.sessions.begin() as session:
        session.execute(delete(BankQuestion).where(BankQuestion.letter == "T"))
    before = digest(new_workbook)
    with document.read_only_sessions(new_workbook) as sessions:
        assert not [q for q in list_bank(sessions) if q.letter == "T"]
    document.inspect(new_workbook)
    assert digest(new_workbook) == before


# -- the user's own questions ------------------------------------------------------------------


def test_add_edit_retire_and_bring_back(sessions: SessionFactory) -> None:
    own = add_question(sessions, "A2", "  What is on your\nteam's wish list?  ")
    row = next(q for q in list_bank(sessions) if q.id == own)
    assert (row.letter, row.text, row.builtin, row.key) == (
        "A2", "What is on your team's wish list?", False, None,
    )  # fmt: skip
    assert [q.id for q in list_bank(sessions) if q.letter == "A2"][-1] == own  # at the end
    change = edit_question(sessions, own, "What is on your team's wish list this year?")
    assert change.before == "What is on your team's wish list?" and change.changed
    retire_question(sessions, own)
    assert own not in [q.id for q in list_bank(sessions)]
    assert own in [q.id for q in list_bank(sessions, include_retired=True)]
    retire_question(sessions, own, retired=False)
    assert own in [q.id for q in list_bank(sessions)]


@pytest.mark.parametrize(
    ("letter", "text", "message"),
    [
        ("X", "What now?", "not a TIARA letter"),
        ("T", "   ", "needs some words"),
        ("T", "Why? " * 100, "under 400 characters"),
        ("T", "what is changing fastest in your field at the moment?", "already in the bank"),
    ],
)
def test_bad_questions_are_refused_clearly(
    sessions: SessionFactory, letter: str, text: str, message: str
) -> None:
    with pytest.raises(WorkbookError, match=message):
        add_question(sessions, letter, text)


def test_a_retired_duplicate_says_to_bring_it_back(sessions: SessionFactory) -> None:
    first = list_bank(sessions)[0]
    retire_question(sessions, first.id)
    with pytest.raises(WorkbookError, match="retired: bring it back"):
        add_question(sessions, first.letter, first.text)


def test_deleting_own_question_and_restoring_it_is_exact(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    meeting = meeting_with(sessions)
    own = add_question(sessions, "R", "Which podcasts do you actually finish?")
    add_meeting_question(sessions, meeting, "R", "Which podcasts do you actually finish?", own)
    before = dump(path)
    deleted = delete_question(sessions, own)
    assert own not in [q.id for q in list_bank(sessions, include_retired=True)]
    assert meeting_questions(sessions, meeting)[0].bank_question_id is None  # the copy stays
    restore_question(sessions, deleted)
    assert dump(path) == before


def test_built_in_questions_are_retired_not_deleted(sessions: SessionFactory) -> None:
    with pytest.raises(WorkbookError, match="built in: retire it"):
        delete_question(sessions, list_bank(sessions)[0].id)


# -- a meeting's questions ---------------------------------------------------------------------


def test_questions_are_kept_in_tiara_order_and_move_within_their_letter(
    sessions: SessionFactory,
) -> None:
    meeting = meeting_with(sessions)
    a2 = add_meeting_question(sessions, meeting, "A2", "What is your team building?")
    t1 = add_meeting_question(sessions, meeting, "T", "What is changing?")
    i1 = add_meeting_question(sessions, meeting, "I", "What surprised you?")
    t2 = add_meeting_question(sessions, meeting, "T", "Where is it heading?")
    assert [q.id for q in meeting_questions(sessions, meeting)] == [t1, t2, i1, a2]
    before = move_meeting_question(sessions, t2, -1)
    assert before == [t1, t2, i1, a2]
    assert [q.id for q in meeting_questions(sessions, meeting)] == [t2, t1, i1, a2]
    move_meeting_question(sessions, t2, -5)  # clamped: stays first
    move_meeting_question(sessions, i1, 1)  # alone in its letter: stays
    assert [q.id for q in meeting_questions(sessions, meeting)] == [t2, t1, i1, a2]
    set_meeting_question_order(sessions, meeting, before)  # undo
    assert [q.id for q in meeting_questions(sessions, meeting)] == [t1, t2, i1, a2]


def test_copies_keep_their_text_when_the_bank_changes(sessions: SessionFactory) -> None:
    meeting = meeting_with(sessions)
    first = list_bank(sessions)[0]
    add_meeting_question(sessions, meeting, first.letter, first.text, first.id)
    edit_question(sessions, first.id, "What is moving quickest in your world?")
    retire_question(sessions, first.id)
    (chosen,) = meeting_questions(sessions, meeting)
    assert (chosen.text, chosen.bank_question_id) == (first.text, first.id)


def test_reword_remove_and_restore_a_meeting_question(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    meeting = meeting_with(sessions)
    ids = [
        add_meeting_question(sessions, meeting, letter, f"Question {letter}?")
        for letter in ("T", "I", "A")
    ]
    change = set_meeting_question_text(sessions, ids[1], "  What  surprised you most? ")
    assert (change.before, change.after) == ("Question I?", "What surprised you most?")
    before = dump(path)
    removed = remove_meeting_question(sessions, ids[1])
    assert [q.id for q in meeting_questions(sessions, meeting)] == [ids[0], ids[2]]
    assert restore_meeting_question(sessions, removed) == ids[1]
    assert dump(path) == before
    many = remove_meeting_questions(sessions, ids)
    assert meeting_questions(sessions, meeting) == []
    for row in many:
        restore_meeting_question(sessions, row)
    assert dump(path) == before
    with pytest.raises(WorkbookError, match="no meeting"):
        add_meeting_question(sessions, 999, "T", "Hello?")
    with pytest.raises(WorkbookError, match="no longer"):
        remove_meeting_question(sessions, 999)


def test_add_own_question_saves_it_to_the_bank_and_undoes_exactly(
    workbook: tuple[Path, SessionFactory],
) -> None:
    path, sessions = workbook
    meeting = meeting_with(sessions)
    before = dump(path)
    own = add_own_question(sessions, meeting, "A", "What would you do with a free month?")
    assert own.created
    assert [q.text for q in meeting_questions(sessions, meeting)] == [
        "What would you do with a free month?"
    ]
    assert own.bank_question_id in [q.id for q in list_bank(sessions)]
    after = dump(path)
    removed, deleted = remove_own_question(sessions, own)
    assert dump(path) == before
    restore_own_question(sessions, removed, deleted)
    assert dump(path) == after
    # The same words again (any case): the bank question is reused, not doubled.
    again = add_own_question(sessions, meeting, "A", "what would you do with a FREE month?")
    assert not again.created and again.bank_question_id == own.bank_question_id
    remove_own_question(sessions, again)
    assert own.bank_question_id in [q.id for q in list_bank(sessions)]


# -- suggestions -------------------------------------------------------------------------------


def test_tailored_questions_name_the_organisation_title_and_place() -> None:
    person = PersonFacts("Ana Lima", organisation="Northwind", title="Product Manager")
    answers = TargetAnswers(industries=("healthcare",), places=("Boston",), skills=("SQL",))
    found = tailored_questions(
        person, {"organisation", "role", "local_market", "hiring", "people"}, answers
    )
    by_text = {s.text: s for s in found}
    inside = by_text["What is it really like to work at Northwind?"]
    assert (inside.letter, inside.reason) == ("I", "they know Northwind")
    assert "What are the teams at Northwind busiest with right now?" in by_text
    role = next(s for s in found if "as a Product Manager" in s.text)
    assert role.reason == "they know the role: Product Manager"
    local = next(s for s in found if "around Boston" in s.text)
    assert (local.letter, local.reason) == ("R", "they know the local market in Boston")
    hiring = next(s for s in found if s.reason == "they know how hiring works in their field")
    assert "into healthcare" in hiring.text and hiring.letter == "A"
    names = next(s for s in found if s.reason == "they can suggest people to talk to")
    assert names.letter == "R" and "healthcare" in names.text
    assert [s.letter for s in found] == sorted(
        (s.letter for s in found), key=LETTERS.index
    )  # TIARA order
    assert all(s.bank_question_id is None for s in found)


def test_no_tags_and_no_target_means_no_tailored_questions() -> None:
    assert tailored_questions(PersonFacts("Bo"), (), TargetAnswers()) == []


def test_suggestions_for_a_meeting_use_tags_target_and_fill_empty_letters(
    sessions: SessionFactory,
) -> None:
    update_field(sessions, "industries", ["renewable energy"])
    update_field(sessions, "places", ["Lisbon"])
    add_organisation(sessions, "Northwind Traders")
    meeting = meeting_with(sessions, "Zoë Ångström", organisation="Northwind Traders")
    tag(sessions, meeting, "organisation", "industry", "local_market")
    found = suggest_questions(sessions, meeting)
    reasons = {s.text: s.reason for s in found}
    assert reasons["What is it really like to work at Northwind Traders?"] == (
        "they know Northwind Traders, one of your targets"
    )
    assert reasons["Where do you see renewable energy heading over the next few years?"] == (
        "they know renewable energy"
    )
    assert "they know the local market in Lisbon" in reasons.values()
    fill = [s for s in found if s.bank_question_id is not None]
    assert {s.letter for s in fill} == {"A"}  # T, I, R and A2 have tailored questions
    assert fill[0].reason == "nothing chosen for Advice yet"
    # What the meeting has already is not suggested again.
    chosen = found[0]
    add_meeting_question(sessions, meeting, chosen.letter, chosen.text)
    assert chosen.text not in [s.text for s in suggest_questions(sessions, meeting)]


def test_a_person_at_a_target_organisation_gets_a_question_even_untagged(
    sessions: SessionFactory,
) -> None:
    add_organisation(sessions, "Fabrikam")
    meeting = meeting_with(sessions, organisation="Fabrikam")
    (first, *_rest) = suggest_questions(sessions, meeting)
    assert (first.text, first.reason) == (
        "What is it like to work at Fabrikam?", "Fabrikam is on your target list",
    )  # fmt: skip


# -- default picks -----------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [10, 15, 20, 30, 45, 60, 90])
@pytest.mark.parametrize("strength", [Strength.HUNDRED, Strength.LOST_TOUCH])
def test_default_picks_fit_the_time(sessions: SessionFactory, minutes: int, strength: str) -> None:
    meeting = meeting_with(sessions, strength=strength)
    tag(sessions, meeting, "industry", "people")
    update_meeting(sessions, meeting, duration_minutes=minutes)
    picks = default_questions(sessions, meeting)
    assert picks
    budget = question_budget(minutes, strength)
    assert question_minutes(len(picks)) <= max(budget, question_minutes(1))
    if len(picks) >= 5:
        assert {s.letter for s in picks} == set(LETTERS)  # one per letter when time allows
    assert [s.letter for s in picks] == sorted((s.letter for s in picks), key=LETTERS.index)
    assert len({s.text for s in picks}) == len(picks)


def test_a_twenty_minute_meeting_gets_five_questions_tailored_first(
    sessions: SessionFactory,
) -> None:
    meeting = meeting_with(sessions, organisation="Northwind")
    tag(sessions, meeting, "organisation")
    picks = default_questions(sessions, meeting)
    assert [s.letter for s in picks] == list(LETTERS)
    assert picks[1].text == "What is it really like to work at Northwind?"
    assert picks[4].text == "What are the teams at Northwind busiest with right now?"


def test_add_default_questions_only_fills_an_empty_meeting(sessions: SessionFactory) -> None:
    meeting = meeting_with(sessions)
    added = add_default_questions(sessions, meeting)
    assert len(added) == 5
    assert [q.id for q in meeting_questions(sessions, meeting)] == list(added)
    assert add_default_questions(sessions, meeting) == ()
    remove_meeting_questions(sessions, added)  # the undo
    assert meeting_questions(sessions, meeting) == []
