"""What is due today on the sample workbook, and doing or snoozing each kind of item."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from meeting_helpers import at, followups, local_zone, person, status

from workbook.core import document
from workbook.core.changes import redo_changes, undo_changes
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.followups import count_due, due_on
from workbook.core.give_back import add_give_back
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import GiveBackDirection
from workbook.core.pipeline import move_meeting
from workbook.core.sample import build_sample
from workbook.core.today import complete_item, due_items, snooze_choices, snooze_item

TODAY = date(2026, 11, 23)
NOW = at("2026-11-23 12:00")


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[SessionFactory]:
    with local_zone("UTC"):
        path = tmp_path / "sample.workbook"
        build_sample(path, today=TODAY)
        with document.open_document(path) as doc:
            yield doc.sessions


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with local_zone("UTC"), document.open_document(new_workbook) as doc:
        yield doc.sessions


def test_the_sample_has_every_kind_due_today(sample: SessionFactory) -> None:
    items = due_items(sample, NOW)
    assert len(items) == count_due(sample, NOW) > 0
    kinds = {item.kind for item in items}
    assert {"nudge", "thank_you", "report_back", "keep_in_touch"} <= kinds
    assert any(item.overdue_days > 0 for item in items)
    assert any(item.overdue_days == 0 for item in items)
    assert [i.due_at for i in items] == sorted(i.due_at for i in items)
    later = due_items(sample, NOW, days=7)
    assert len(later) > len(items) and any(i.overdue_days < 0 for i in later)
    keep = next(i for i in items if i.kind == "keep_in_touch")
    assert "Idea:" in keep.detail  # a small gesture, not a request


def test_a_done_nudge_plans_the_next_by_another_channel(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-18 10:00"), channel="email")
    (item,) = due_items(sessions, NOW)
    assert item.kind == "nudge" and item.channel == "phone" and "nudge 1 of 3" in item.detail
    log, message = complete_item(sessions, item.key, now=NOW)
    assert message.startswith("Followed up")
    assert status(sessions, meeting) == "no_answer"
    (nxt,) = followups(sessions, meeting)
    assert nxt.channel == "message" and nxt.due_at == due_on(TODAY + timedelta(days=3))
    undo_changes(sessions, log)
    assert status(sessions, meeting) == "requested" and due_items(sessions, NOW) == [item]
    redo_changes(sessions, log)
    assert due_items(sessions, NOW) == []


def test_a_done_thank_you_moves_the_meeting_on(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-10 10:00"))
    move_meeting(sessions, meeting, "accept", now=at("2026-11-11 10:00"))
    update_meeting(sessions, meeting, scheduled_at=at("2026-11-22 15:00"))
    move_meeting(sessions, meeting, "met", now=at("2026-11-22 16:00"))
    (thanks,) = due_items(sessions, NOW)
    assert thanks.kind == "thank_you" and thanks.kind_label == "Say thank you"
    complete_item(sessions, thanks.key, now=NOW)
    assert status(sessions, meeting) == "thanked"
    (report,) = [i for i in due_items(sessions, NOW, days=7) if i.kind == "report_back"]
    _, message = complete_item(sessions, report.key, now=NOW)
    assert status(sessions, meeting) == "reported_back" and "Next check-in" in message
    (keep,) = due_items(sessions, NOW, days=90)
    assert keep.kind == "keep_in_touch"
    _, message = complete_item(sessions, keep.key, now=NOW + timedelta(days=60))
    assert "Next check-in" in message  # keeping in touch goes on


def test_snooze_hides_an_item_until_then(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-18 10:00"))
    (item,) = due_items(sessions, NOW)
    label, until = snooze_choices(NOW)[0]
    assert label == "Tomorrow" and until == due_on(TODAY + timedelta(days=1))
    log = snooze_item(sessions, item.key, until, now=NOW)
    assert due_items(sessions, NOW) == [] and count_due(sessions, NOW) == 0
    assert len(due_items(sessions, until + timedelta(minutes=1))) == 1
    undo_changes(sessions, log)
    assert len(due_items(sessions, NOW)) == 1
    with pytest.raises(WorkbookError, match="later than now"):
        snooze_item(sessions, item.key, NOW - timedelta(hours=1), now=NOW)


def test_a_promise_kept_is_logged_as_a_contact(sessions: SessionFactory) -> None:
    someone = person(sessions)
    promise = add_give_back(sessions, someone, GiveBackDirection.THEY_ASKED,
                            "Introduce them to my old manager", due=TODAY)  # fmt: skip
    (item,) = due_items(sessions, NOW)
    assert item.kind == "give_back" and item.detail == "Introduce them to my old manager"
    log, _ = complete_item(sessions, item.key, now=NOW)
    assert due_items(sessions, NOW) == []
    assert any(values.get("kind") == "give_back" for values in _inserted(log))
    with pytest.raises(WorkbookError, match="already done"):
        complete_item(sessions, f"give_back:{promise}", now=NOW)


def _inserted(log: object) -> list[dict[str, object]]:
    return [values for _cls, _key, values in log.inserted]  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["interaction:999", "bogus:1", "interaction:x", ""])
def test_unknown_items_are_refused(sessions: SessionFactory, key: str) -> None:
    with pytest.raises(WorkbookError):
        complete_item(sessions, key, now=NOW)
