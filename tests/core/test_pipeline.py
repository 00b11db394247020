"""Moving meetings along the pipeline, each move exactly undoable, and meeting edits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from meeting_helpers import at, followups, local_zone, person, status

from workbook.core import document
from workbook.core.changes import redo_changes, undo_changes
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.meetings import (
    create_meeting,
    delete_meeting,
    find_overlaps,
    get_meeting,
    list_meetings,
    reapply,
    restore_meeting,
    revert,
    update_meeting,
)
from workbook.core.models import MeetingStatus
from workbook.core.people import delete_people
from workbook.core.pipeline import MOVES, move_meeting, moves_for, next_move


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with local_zone("UTC"), document.open_document(new_workbook) as doc:
        yield doc.sessions


def test_every_status_has_its_moves_and_a_next_step() -> None:
    assert set(MOVES) == set(MeetingStatus)
    assert next_move("idea").key == "send"  # type: ignore[union-attr]
    assert [m.key for m in moves_for("scheduled")] == ["met", "postpone", "decline"]
    assert next_move("reported_back") is None


def test_the_happy_path_from_idea_to_reported_back(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    seen = [status(sessions, meeting)]
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    seen.append(status(sessions, meeting))
    move_meeting(sessions, meeting, "accept", now=at("2026-11-03 10:00"))
    assert followups(sessions, meeting) == []  # the planned nudge went
    update_meeting(sessions, meeting, scheduled_at=at("2026-11-10 15:00"))
    for key in ("met", "thank", "report"):
        seen.append(status(sessions, meeting))
        move_meeting(sessions, meeting, key, now=at("2026-11-10 16:00"))
    seen.append(status(sessions, meeting))
    assert seen == ["idea", "requested", "scheduled", "met", "thanked", "reported_back"]
    kinds = [i.kind for i in followups(sessions, meeting, done=True)]
    assert kinds == ["request", "other", "meeting", "thank_you", "report_back"]


def test_a_move_that_does_not_fit_the_status_is_refused(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    with pytest.raises(WorkbookError, match="cannot move"):
        move_meeting(sessions, meeting, "met")
    with pytest.raises(WorkbookError, match="unknown move"):
        move_meeting(sessions, meeting, "teleport")
    with pytest.raises(WorkbookError, match="no meeting"):
        move_meeting(sessions, 999, "send")
    assert status(sessions, meeting) == "idea"


def test_decline_postpone_reschedule_and_try_again(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    move_meeting(sessions, meeting, "accept", now=at("2026-11-03 10:00"))
    update_meeting(sessions, meeting, scheduled_at=at("2026-11-10 15:00"))
    result = move_meeting(sessions, meeting, "postpone", now=at("2026-11-09 10:00"))
    assert "new times" in result.message
    (todo,) = followups(sessions, meeting)
    assert todo.summary == "Suggest two new times." and todo.due_at == at("2026-11-11 09:00")
    with pytest.raises(WorkbookError, match="new date and time"):
        move_meeting(sessions, meeting, "reschedule", now=at("2026-11-11 10:00"))
    update_meeting(sessions, meeting, scheduled_at=at("2026-11-20 15:00"))
    move_meeting(sessions, meeting, "reschedule", now=at("2026-11-11 10:00"))
    assert status(sessions, meeting) == "scheduled" and followups(sessions, meeting) == []
    move_meeting(sessions, meeting, "decline", now=at("2026-11-12 10:00"))
    move_meeting(sessions, meeting, "reopen", now=at("2026-12-12 10:00"))
    assert status(sessions, meeting) == "idea"


def test_each_move_undoes_and_redoes_exactly(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    steps = [("send", "2026-11-02 10:00"), ("nudge", "2026-11-05 10:00"),
             ("accept", "2026-11-06 10:00")]  # fmt: skip
    for key, when in steps:
        before = (status(sessions, meeting), _rows(sessions, meeting))
        result = move_meeting(sessions, meeting, key, now=at(when))
        after = (status(sessions, meeting), _rows(sessions, meeting))
        undo_changes(sessions, result.log)
        assert (status(sessions, meeting), _rows(sessions, meeting)) == before
        redo_changes(sessions, result.log)
        assert (status(sessions, meeting), _rows(sessions, meeting)) == after


def _rows(sessions: SessionFactory, meeting: int) -> list[tuple[object, ...]]:
    both = followups(sessions, meeting) + followups(sessions, meeting, done=True)
    return sorted((i.id, i.kind, i.channel, i.due_at, i.done, i.occurred_at) for i in both)


def test_calendar_changes_bump_the_sequence_and_undo_never_lowers_it(
    sessions: SessionFactory,
) -> None:
    meeting = create_meeting(sessions, person(sessions))
    start = get_meeting(sessions, meeting).sequence
    change = update_meeting(sessions, meeting, place="Café Ångström", duration_minutes=15)
    assert get_meeting(sessions, meeting).sequence == start + 1
    revert(sessions, change)
    view = get_meeting(sessions, meeting)
    assert (view.place, view.duration_minutes, view.sequence) == ("", 20, start + 2)
    reapply(sessions, change)
    assert get_meeting(sessions, meeting).place == "Café Ångström"
    notes = update_meeting(sessions, meeting, agenda_notes="Ask about the new clinic.")
    assert "sequence" not in notes.after  # not a calendar field


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration_minutes": 0}, "1 to 480 minutes"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"channel": "carrier pigeon"}, "unknown channel"),
        ({"scheduled_at": at("2026-11-10 15:00").replace(tzinfo=None)}, "time zone"),
        ({"colour": "red"}, "no field"),
    ],
)
def test_bad_meeting_values_are_refused(
    sessions: SessionFactory, fields: dict[str, object], message: str
) -> None:
    meeting = create_meeting(sessions, person(sessions))
    with pytest.raises(WorkbookError, match=message):
        update_meeting(sessions, meeting, **fields)


def test_overlapping_meetings_are_found(sessions: SessionFactory) -> None:
    a = create_meeting(sessions, person(sessions))
    b = create_meeting(sessions, person(sessions, "李小龙", email=""))
    for meeting, start in ((a, "2026-11-24 15:00"), (b, "2026-11-24 15:15")):
        move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
        move_meeting(sessions, meeting, "accept", now=at("2026-11-03 10:00"))
        update_meeting(sessions, meeting, scheduled_at=at(start))
    assert [m.id for m in find_overlaps(sessions, at("2026-11-24 15:00"), 20, exclude=a)] == [b]
    assert find_overlaps(sessions, at("2026-11-24 15:35"), 20) == []
    assert find_overlaps(sessions, at("2026-11-24 14:40"), 20) == []  # ends as it starts
    assert find_overlaps(sessions, at("2026-11-24 14:50"), 20) == [get_meeting(sessions, a)]


def test_only_an_idea_can_be_deleted_and_it_comes_back(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    view = get_meeting(sessions, meeting)
    delete_meeting(sessions, meeting)
    assert list_meetings(sessions) == []
    restore_meeting(sessions, view)
    assert get_meeting(sessions, meeting).uid == view.uid
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    with pytest.raises(WorkbookError, match="only a meeting that is still an idea"):
        delete_meeting(sessions, meeting)


def test_a_deleted_person_keeps_the_history_but_moves_stop(sessions: SessionFactory) -> None:
    someone = person(sessions)
    meeting = create_meeting(sessions, someone)
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    delete_people(sessions, [someone])
    view = get_meeting(sessions, meeting)
    assert view.person_deleted and view.status == "requested"
    with pytest.raises(WorkbookError, match="no longer on the list"):
        move_meeting(sessions, meeting, "accept")
    with pytest.raises(WorkbookError, match="not on the list"):
        create_meeting(sessions, someone)


def test_list_meetings_by_range_status_and_person(sessions: SessionFactory) -> None:
    a = create_meeting(sessions, person(sessions))
    b = create_meeting(sessions, person(sessions, "محمد الأحمد"))
    update_meeting(sessions, a, scheduled_at=at("2026-11-24 15:00"))
    update_meeting(sessions, b, scheduled_at=at("2026-11-30 15:00"))
    start = at("2026-11-24 00:00")
    assert [m.id for m in list_meetings(sessions, start=start, end=start + timedelta(days=1))] == [
        a
    ]
    assert [m.id for m in list_meetings(sessions, statuses=["idea"])] == [a, b]
    assert list_meetings(sessions, statuses=["met"]) == []
    assert [
        m.person_name for m in list_meetings(sessions, person_id=get_meeting(sessions, b).person_id)
    ] == ["محمد الأحمد"]


def test_a_yes_gives_the_meeting_questions_that_fit_and_undo_takes_them(
    sessions: SessionFactory,
) -> None:
    from workbook.core.question_bank import meeting_questions

    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    result = move_meeting(sessions, meeting, "accept", now=at("2026-11-03 10:00"))
    chosen = meeting_questions(sessions, meeting)
    assert 3 <= len(chosen) <= 6
    letters = [q.letter for q in chosen]
    assert letters == sorted(letters, key=["T", "I", "A", "R", "A2"].index)
    undo_changes(sessions, result.log)
    assert meeting_questions(sessions, meeting) == []
    redo_changes(sessions, result.log)
    assert [q.text for q in meeting_questions(sessions, meeting)] == [q.text for q in chosen]
