"""The follow-up rules: business days, channel rotation, the nudge cap, restarting the clock on
any contact, the thank-you and report-back, keep-in-touch by strength, and DST."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from meeting_helpers import at, followups, local_zone, person, status

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.errors import WorkbookError
from workbook.core.followups import (
    Intervals,
    add_business_days,
    check_intervals,
    due_on,
    get_intervals,
    parse_intervals,
    record_contact,
    set_intervals,
)
from workbook.core.meetings import create_meeting, update_meeting
from workbook.core.models import Channel, InteractionKind, Strength
from workbook.core.pipeline import move_meeting


@pytest.fixture
def sessions(new_workbook: Path) -> Iterator[SessionFactory]:
    with local_zone("UTC"), document.open_document(new_workbook) as doc:
        yield doc.sessions


# -- days -------------------------------------------------------------------------------------


def test_business_days_skip_weekends() -> None:
    friday = date(2026, 11, 20)
    assert add_business_days(friday, 3) == date(2026, 11, 25)  # Mon, Tue, Wed
    assert add_business_days(friday, 1) == date(2026, 11, 23)
    assert add_business_days(date(2026, 11, 25), -3) == friday
    assert add_business_days(friday, 0) == friday


def test_business_days_skip_the_countrys_public_holidays() -> None:
    monday = date(2026, 11, 23)  # Thanksgiving is Thursday 26 November 2026
    assert add_business_days(monday, 3) == date(2026, 11, 26)
    assert add_business_days(monday, 3, "US") == date(2026, 11, 27)
    assert add_business_days(date(2026, 12, 24), 1, "GB") == date(2026, 12, 29)  # 25, 28 off


def test_due_times_are_nine_in_the_morning_local_across_dst() -> None:
    with local_zone("America/New_York"):  # clocks go forward on Sunday 8 March 2026
        assert due_on(date(2026, 3, 6)) == at("2026-03-06 14:00")
        assert due_on(date(2026, 3, 9)) == at("2026-03-09 13:00")
    with local_zone("Europe/Berlin"):  # and back on Sunday 25 October 2026
        assert due_on(date(2026, 10, 23)) == at("2026-10-23 07:00")
        assert due_on(date(2026, 10, 26)) == at("2026-10-26 08:00")


def test_a_nudge_over_the_dst_change_is_still_due_at_nine_local(new_workbook: Path) -> None:
    with local_zone("America/New_York"), document.open_document(new_workbook) as doc:
        meeting = create_meeting(doc.sessions, person(doc.sessions))
        move_meeting(doc.sessions, meeting, "send", now=at("2026-03-05 15:00"))  # Thu 10:00
        (nudge,) = followups(doc.sessions, meeting)
        assert nudge.due_at == at("2026-03-10 13:00")  # Tue 9:00 EDT (was EST on Thursday)


# -- intervals --------------------------------------------------------------------------------


def test_intervals_fall_back_to_defaults_for_anything_odd() -> None:
    assert parse_intervals(None) == Intervals()
    assert parse_intervals("garbage") == Intervals()
    odd = parse_intervals(
        {"nudge_business_days": "3", "max_nudges": -1, "thank_you_days": True,
         "keep_in_touch_days": {"1000": 2, "100": 45, "bogus": 5}, "holiday_country": "XX"}
    )  # fmt: skip
    assert odd.nudge_business_days == 3 and odd.max_nudges == 3 and odd.thank_you_days == 1
    assert odd.keep_in_touch("1000") == 30 and odd.keep_in_touch("100") == 45
    assert odd.holiday_country == ""


def test_intervals_are_checked_and_stored(sessions: SessionFactory) -> None:
    with pytest.raises(WorkbookError, match="nudge business days"):
        check_intervals(Intervals(nudge_business_days=0))
    with pytest.raises(WorkbookError, match="holidays"):
        check_intervals(Intervals(holiday_country="ZZ"))
    new = Intervals(nudge_business_days=5, max_nudges=2, holiday_country="DE")
    assert set_intervals(sessions, new) == Intervals()
    assert get_intervals(sessions) == new


# -- the request and its nudges ---------------------------------------------------------------


def test_no_answer_nudges_rotate_channels_and_stop_at_the_cap(sessions: SessionFactory) -> None:
    meeting = create_meeting(sessions, person(sessions))
    move_meeting(sessions, meeting, "send", now=at("2026-11-20 10:00"), channel="email")  # Fri
    (first,) = followups(sessions, meeting)
    assert first.kind == InteractionKind.NUDGE and first.channel == Channel.PHONE
    assert first.due_at == at("2026-11-25 09:00")  # 3 business days later
    channels = []
    now = at("2026-11-25 10:00")
    for _ in range(3):
        result = move_meeting(sessions, meeting, "nudge", now=now)
        channels.append(followups(sessions, meeting, done=True)[-1].channel)
        now += timedelta(days=5)
    assert channels == ["phone", "message", "note"]
    assert "last nudge" in result.message and "rest" in result.message
    (rest,) = followups(sessions, meeting)
    assert rest.kind == InteractionKind.KEEP_IN_TOUCH and "no request" in rest.summary
    assert status(sessions, meeting) == "no_answer"


def test_channels_need_the_details_they_use(sessions: SessionFactory) -> None:
    only_email = person(sessions, "Олег Петров", phone="")
    meeting = create_meeting(sessions, only_email)
    move_meeting(sessions, meeting, "send", now=at("2026-11-20 10:00"), channel="email")
    assert followups(sessions, meeting)[0].channel == Channel.NOTE
    move_meeting(sessions, meeting, "nudge", now=at("2026-11-25 10:00"))
    assert followups(sessions, meeting)[0].channel == Channel.EMAIL


def test_a_cap_of_zero_means_no_nudges(sessions: SessionFactory) -> None:
    set_intervals(sessions, Intervals(max_nudges=0))
    meeting = create_meeting(sessions, person(sessions))
    result = move_meeting(sessions, meeting, "send", now=at("2026-11-20 10:00"))
    assert followups(sessions, meeting) == []
    assert "nudge" not in result.message


def test_any_contact_restarts_the_clock(sessions: SessionFactory) -> None:
    someone = person(sessions)
    meeting = create_meeting(sessions, someone)
    move_meeting(sessions, meeting, "send", now=at("2026-11-16 10:00"))  # Monday
    assert followups(sessions, meeting)[0].due_at == at("2026-11-19 09:00")  # Thursday
    with sessions.begin() as session:  # they called on Wednesday about something else
        record_contact(session, someone, kind="other", channel="phone", summary="Caught up.",
                       when=at("2026-11-18 17:00"), direction="in")  # fmt: skip
    assert followups(sessions, meeting)[0].due_at == at("2026-11-23 09:00")  # Monday
    with sessions.begin() as session:  # a contact logged late, back-dated: never earlier
        record_contact(session, someone, kind="other", channel="email", summary="Old note.",
                       when=at("2026-11-10 09:00"))  # fmt: skip
    assert followups(sessions, meeting)[0].due_at == at("2026-11-23 09:00")


def test_a_contact_needs_a_time_zone(sessions: SessionFactory) -> None:
    someone = person(sessions)
    with pytest.raises(WorkbookError, match="time zone"), sessions.begin() as session:
        record_contact(session, someone, kind="other", channel="email", summary="",
                       when=at("2026-11-18 17:00").replace(tzinfo=None))  # fmt: skip


# -- after the meeting ------------------------------------------------------------------------


def _held(sessions: SessionFactory, strength: Strength = Strength.HUNDRED) -> int:
    meeting = create_meeting(sessions, person(sessions, strength=strength))
    move_meeting(sessions, meeting, "send", now=at("2026-11-02 10:00"))
    move_meeting(sessions, meeting, "accept", now=at("2026-11-03 10:00"))
    update_meeting(sessions, meeting, scheduled_at=at("2026-11-10 15:00"), timezone="UTC")
    move_meeting(sessions, meeting, "met", now=at("2026-11-10 16:00"))
    return meeting


def test_thank_you_within_a_day_and_report_back_after_a_week(sessions: SessionFactory) -> None:
    meeting = _held(sessions)
    thanks, report = followups(sessions, meeting)
    assert (thanks.kind, thanks.due_at) == ("thank_you", at("2026-11-11 09:00"))
    assert (report.kind, report.due_at) == ("report_back", at("2026-11-17 09:00"))
    held = [i for i in followups(sessions, meeting, done=True) if i.kind == "meeting"]
    assert held[0].occurred_at == at("2026-11-10 15:00")  # when it was scheduled, not now


@pytest.mark.parametrize(
    ("strength", "days"), [(Strength.THOUSAND, 30), (Strength.HUNDRED, 60), (Strength.TEN, 90)]
)
def test_keep_in_touch_by_strength(sessions: SessionFactory, strength: Strength, days: int) -> None:
    meeting = _held(sessions, strength)
    move_meeting(sessions, meeting, "thank", now=at("2026-11-11 08:00"))
    move_meeting(sessions, meeting, "report", now=at("2026-11-18 08:00"))
    with sessions() as session:
        from workbook.core.followups import open_followups

        (keep,) = open_followups(session, kinds=["keep_in_touch"])
    assert keep.due_at == due_on(date(2026, 11, 18) + timedelta(days=days))
