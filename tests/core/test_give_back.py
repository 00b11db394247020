"""The give-back ledger: adding (due in a week by default), done logs a contact and restarts
the clocks, undo of each change, edits, delete and restore, gesture ideas."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from workbook.core import document, followups
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.give_back import (
    GESTURE_IDEAS,
    add_give_back,
    default_due,
    delete_give_back,
    due_at_for,
    gesture_idea,
    list_give_back,
    reapply_give_back,
    restore_give_back,
    revert_give_back,
    set_give_back_done,
    update_give_back,
)
from workbook.core.meetings import create_meeting
from workbook.core.models import Interaction, InteractionKind
from workbook.core.people import add_person, delete_people

NOW = datetime(2026, 5, 12, 15, 30, tzinfo=UTC)


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with document.open_document(new_workbook) as doc:
        yield doc.sessions


@pytest.fixture
def ana(sessions: SessionFactory) -> int:
    return add_person(sessions, "Ana Lima", email="ana@example.com")


def _contacts(sessions: SessionFactory, person: int) -> list[tuple[str, str, datetime | None]]:
    with sessions() as session:
        rows = session.scalars(
            select(Interaction).where(
                Interaction.person_id == person, Interaction.kind == InteractionKind.GIVE_BACK
            )
        )
        return [(r.kind, r.summary, r.occurred_at) for r in rows]


def test_an_entry_is_due_in_a_week_at_nine_local(sessions: SessionFactory, ana: int) -> None:
    meeting = create_meeting(sessions, ana)
    entry = add_give_back(
        sessions, ana, "they_asked", "  An intro to a  data engineer ", meeting_id=meeting,
        today=date(2026, 5, 12),
    )  # fmt: skip
    [row] = list_give_back(sessions, person_id=ana)
    assert row.id == entry and row.description == "An intro to a data engineer"
    assert row.direction_label == "They asked for" and row.meeting_id == meeting
    assert row.due_at == due_at_for(date(2026, 5, 19)) == default_due(date(2026, 5, 12))
    local = row.due_at.astimezone() if row.due_at else None
    assert local is not None and (local.date(), local.hour) == (date(2026, 5, 19), 9)
    assert row.due_date == date(2026, 5, 19) and not row.done
    assert row.overdue(due_at_for(date(2026, 5, 20))) and not row.overdue(NOW)


def test_done_logs_a_give_back_contact_and_undo_takes_it_back(
    sessions: SessionFactory, ana: int
) -> None:
    entry = add_give_back(sessions, ana, "i_offered", "Send the solar article", due=NOW.date())
    with sessions.begin() as session:  # a keep-in-touch due soon: the contact pushes it out
        reminder = followups.plan(
            session, ana, InteractionKind.KEEP_IN_TOUCH, date(2026, 5, 14), channel="email",
            summary="Check in.",
        )  # fmt: skip
        session.flush()
        reminder_id, due_before = reminder.id, reminder.due_at
    change = set_give_back_done(sessions, entry, True, NOW)
    assert change.logged is not None and change.changed
    assert _contacts(sessions, ana) == [("give_back", "Send the solar article", NOW)]
    [row] = list_give_back(sessions, person_id=ana)
    assert row.done and row.done_at == NOW
    assert list_give_back(sessions, person_id=ana, open_only=True) == []
    with sessions() as session:
        moved = session.get(Interaction, reminder_id)
        assert moved is not None and moved.due_at is not None and due_before is not None
        assert moved.due_at > due_before  # the clock restarted from the contact
    revert_give_back(sessions, change)
    assert _contacts(sessions, ana) == []
    [row] = list_give_back(sessions, person_id=ana)
    assert not row.done and row.done_at is None
    with sessions() as session:
        restored = session.get(Interaction, reminder_id)
        assert restored is not None and restored.due_at == due_before
    again = reapply_give_back(sessions, change)
    assert again.logged is not None and len(_contacts(sessions, ana)) == 1
    assert list_give_back(sessions, person_id=ana)[0].done


def test_marking_open_again_removes_the_logged_contact(sessions: SessionFactory, ana: int) -> None:
    entry = add_give_back(sessions, ana, "i_offered", "Lend my copy of the book")
    set_give_back_done(sessions, entry, True, NOW)
    reopen = set_give_back_done(sessions, entry, False, NOW + timedelta(hours=1))
    assert reopen.unlogged is not None and _contacts(sessions, ana) == []
    assert not list_give_back(sessions, person_id=ana)[0].done
    revert_give_back(sessions, reopen)  # undo the reopen: done again, the contact is back
    assert _contacts(sessions, ana) == [("give_back", "Lend my copy of the book", NOW)]
    assert list_give_back(sessions, person_id=ana)[0].done
    same = set_give_back_done(sessions, entry, True, NOW)
    assert not same.changed and len(_contacts(sessions, ana)) == 1


def test_edit_description_and_due(sessions: SessionFactory, ana: int) -> None:
    entry = add_give_back(sessions, ana, "they_asked", "A name", today=date(2026, 5, 12))
    change = update_give_back(sessions, entry, description="A name in design", due=date(2026, 6, 1))
    [row] = list_give_back(sessions)
    assert row.description == "A name in design" and row.due_date == date(2026, 6, 1)
    revert_give_back(sessions, change)
    [row] = list_give_back(sessions)
    assert row.description == "A name" and row.due_date == date(2026, 5, 19)
    reapply_give_back(sessions, change)
    assert list_give_back(sessions)[0].description == "A name in design"
    cleared = update_give_back(sessions, entry, due=None)
    assert list_give_back(sessions)[0].due_at is None and cleared.changed
    assert not update_give_back(sessions, entry, description="A name in design").changed


def test_delete_and_restore(sessions: SessionFactory, ana: int) -> None:
    meeting = create_meeting(sessions, ana)
    entry = add_give_back(sessions, ana, "i_offered", "Review their talk", meeting_id=meeting)
    before = list_give_back(sessions)
    deleted = delete_give_back(sessions, entry)
    assert list_give_back(sessions) == []
    assert restore_give_back(sessions, deleted) == entry
    assert list_give_back(sessions) == before


def test_order_open_by_due_then_done_latest_first(sessions: SessionFactory, ana: int) -> None:
    late = add_give_back(sessions, ana, "i_offered", "Later", due=date(2026, 6, 1))
    soon = add_give_back(sessions, ana, "i_offered", "Soon", due=date(2026, 5, 13))
    old = add_give_back(sessions, ana, "i_offered", "Done long ago")
    new = add_give_back(sessions, ana, "i_offered", "Done just now")
    set_give_back_done(sessions, old, True, NOW - timedelta(days=3))
    set_give_back_done(sessions, new, True, NOW)
    assert [r.id for r in list_give_back(sessions)] == [soon, late, new, old]
    assert [r.id for r in list_give_back(sessions, open_only=True)] == [soon, late]


def test_bad_input_is_refused(sessions: SessionFactory, ana: int) -> None:
    with pytest.raises(WorkbookError, match="say what they asked for"):
        add_give_back(sessions, ana, "they_asked", "  ")
    with pytest.raises(WorkbookError, match="under 2,000"):
        add_give_back(sessions, ana, "they_asked", "x" * 2001)
    with pytest.raises(WorkbookError, match="not a give-back direction"):
        add_give_back(sessions, ana, "sideways", "Something")
    other = create_meeting(sessions, add_person(sessions, "Bea"))
    with pytest.raises(WorkbookError, match="someone else"):
        add_give_back(sessions, ana, "they_asked", "Something", meeting_id=other)
    delete_people(sessions, [ana])
    with pytest.raises(WorkbookError, match="not on the list"):
        add_give_back(sessions, ana, "they_asked", "Something")
    with pytest.raises(WorkbookError, match="no longer in the ledger"):
        set_give_back_done(sessions, 999, True, NOW)
    with pytest.raises(WorkbookError, match="time zone"):
        set_give_back_done(sessions, 999, True, datetime(2026, 5, 12))


def test_gesture_ideas_rotate_deterministically() -> None:
    today = date(2026, 5, 12)
    assert len(GESTURE_IDEAS) >= 6 and len(set(GESTURE_IDEAS)) == len(GESTURE_IDEAS)
    assert gesture_idea(7, today) == gesture_idea(7, today)
    assert gesture_idea(7, today) != gesture_idea(8, today)
    assert gesture_idea(7, today) != gesture_idea(7, today + timedelta(days=1))
    seen = {gesture_idea(7, today + timedelta(days=n)) for n in range(len(GESTURE_IDEAS))}
    assert seen == set(GESTURE_IDEAS)
