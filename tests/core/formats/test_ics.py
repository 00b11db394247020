"""The meetings calendar (.ics), parsed back with icalendar and checked field by field:
stable UIDs, SEQUENCE, wall-clock times in the meeting's zone across DST switches, a
VTIMEZONE per zone, CANCELLED for postponed meetings, Unicode and line breaks."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from workbook.core.errors import WorkbookError
from workbook.core.formats import ics
from workbook.core.meetings import MeetingView

NOW = datetime(2026, 3, 20, 12, 0, 5, tzinfo=UTC)
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def meeting(**changes: Any) -> MeetingView:
    created = datetime(2026, 3, 1, 8, tzinfo=UTC)
    values: dict[str, Any] = dict(
        id=1, uid="m-1@networking-workbook", sequence=0, status="scheduled", person_id=1,
        person_name="Zoë Ångström", person_deleted=False, person_email="zoe@example.org",
        person_phone="", person_organisation="Northwind Health", person_title="Nurse lead",
        person_circle="work", person_circle_detail="", person_how_we_know="",
        person_strength="100", introduced_by_id=None, introduced_by_name="", request_text="",
        requested_at=None, scheduled_at=datetime(2026, 3, 30, 8, tzinfo=UTC),
        timezone="Europe/Berlin", duration_minutes=20, channel="coffee",
        place="Café Kränzler, Kurfürstendamm 18", agenda_notes="", outcome_notes="",
        created_at=created, updated_at=created + timedelta(days=1),
    )  # fmt: skip
    values.update(changes)
    return MeetingView(**values)


def local(day: str, zone: ZoneInfo) -> datetime:
    """Wall-clock time ``day`` ("2026-03-30 10:00") in ``zone``, as aware UTC."""
    return datetime.fromisoformat(day).replace(tzinfo=zone).astimezone(UTC)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(data: bytes) -> dict[str, Event]:
    return {str(event["UID"]): event for event in parse(data).events}


def test_calendar_properties() -> None:
    calendar = parse(ics.meetings_calendar([meeting()], now=NOW))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]) == ics.PRODID
    assert str(calendar["X-WR-CALNAME"]) == "Research meetings"


def test_every_field_of_an_event() -> None:
    view = meeting(
        sequence=3,
        duration_minutes=45,
        channel="office",
        agenda_notes="Ask about the night shift.\nThen: names?",
    )
    data = ics.meetings_calendar([view], now=NOW.astimezone(NEW_YORK))
    event = events(data)[view.uid]
    assert event["SEQUENCE"] == 3
    assert event.DTSTAMP == NOW and "DTSTAMP:20260320T120005Z" in data.decode()
    start, end = event.start, event.end
    assert start == local("2026-03-30 10:00", BERLIN) and start.tzinfo == BERLIN
    assert end - start == timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Research meeting with Zoë Ångström"
    assert str(event["LOCATION"]) == "Café Kränzler, Kurfürstendamm 18"
    assert str(event["DESCRIPTION"]) == (
        "How: Their office\nWho: Zoë Ångström — Nurse lead, Northwind Health\n\n"
        "Agenda:\nAsk about the night shift.\nThen: names?"
    )
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["CREATED"].dt == view.created_at
    assert event["LAST-MODIFIED"].dt == view.updated_at


@pytest.mark.parametrize(
    ("zone", "wall_clock", "utc_hour"),
    [
        # Berlin moves its clocks forward on Sunday 29 March 2026.
        (BERLIN, "2026-03-27 10:00", 9),
        (BERLIN, "2026-03-29 10:00", 8),
        (BERLIN, "2026-03-30 10:00", 8),
        # New York moves them back on Sunday 1 November 2026.
        (NEW_YORK, "2026-10-30 14:00", 18),
        (NEW_YORK, "2026-11-01 14:00", 19),
        (NEW_YORK, "2026-11-02 14:00", 19),
    ],
)
def test_the_wall_clock_time_survives_a_dst_switch(
    zone: ZoneInfo, wall_clock: str, utc_hour: int
) -> None:
    start = local(wall_clock, zone)
    assert start.hour == utc_hour
    view = meeting(scheduled_at=start, timezone=zone.key, duration_minutes=30)
    data = ics.meetings_calendar([view], now=NOW)
    stamp = datetime.fromisoformat(wall_clock).strftime("%Y%m%dT%H%M%S")
    end = (datetime.fromisoformat(wall_clock) + timedelta(minutes=30)).strftime("%Y%m%dT%H%M%S")
    assert f"DTSTART;TZID={zone.key}:{stamp}\r\n" in data.decode()
    assert f"DTEND;TZID={zone.key}:{end}\r\n" in data.decode()
    event = events(data)[view.uid]
    assert (event.start, event.end) == (start, start + timedelta(minutes=30))
    # The VTIMEZONE in the file alone (not the computer's zone database) gives the same time.
    (vtimezone,) = parse(data).timezones
    written = vtimezone.to_tz(lookup_tzid=False)
    naive = datetime.fromisoformat(wall_clock)
    assert naive.replace(tzinfo=written).utcoffset() == naive.replace(tzinfo=zone).utcoffset()


def test_one_vtimezone_per_zone_used_and_none_for_utc() -> None:
    views = [
        meeting(uid="a", timezone="Europe/Berlin"),
        meeting(uid="b", timezone="America/New_York"),
        meeting(uid="c", timezone="Europe/Berlin", scheduled_at=local("2027-06-01 09:00", BERLIN)),
        meeting(uid="d", timezone="UTC"),
    ]
    data = ics.meetings_calendar(views, now=NOW)
    calendar = parse(data)
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["America/New_York", "Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()
    assert "DTSTART:20260330T080000Z" in data.decode()  # the UTC meeting
    assert len(calendar.events) == 4
    # Each VTIMEZONE covers every meeting (June 2027 is in the second summer it lists).
    berlin = next(tz for tz in calendar.timezones if tz.tz_name == "Europe/Berlin")
    summer = datetime(2027, 6, 1, 9, tzinfo=berlin.to_tz(lookup_tzid=False))
    assert summer.utcoffset() == timedelta(hours=2)


def test_uid_is_stable_and_sequence_follows_the_meeting() -> None:
    first = meeting(sequence=0)
    moved = dataclasses.replace(first, sequence=1, scheduled_at=local("2026-04-02 15:00", BERLIN))
    before = events(ics.meetings_calendar([first], now=NOW))[first.uid]
    after = events(ics.meetings_calendar([moved], now=NOW + timedelta(days=1)))[first.uid]
    assert before["UID"] == after["UID"] == "m-1@networking-workbook"
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.start == local("2026-04-02 15:00", BERLIN)
    # The same meetings at the same moment give the same bytes.
    assert ics.meetings_calendar([first], now=NOW) == ics.meetings_calendar([first], now=NOW)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("scheduled", "CONFIRMED"),
        ("met", "CONFIRMED"),
        ("thanked", "CONFIRMED"),
        ("reported_back", "CONFIRMED"),
        ("postponed", "CANCELLED"),
        ("declined", "CANCELLED"),
        ("requested", "TENTATIVE"),
    ],
)
def test_status(status: str, expected: str) -> None:
    view = meeting(status=status, sequence=2)
    event = events(ics.meetings_calendar([view], now=NOW))[view.uid]
    assert str(event["STATUS"]) == expected
    assert event["SEQUENCE"] == 2  # a cancellation keeps the UID and its SEQUENCE


def test_meetings_without_a_time_are_left_out() -> None:
    views = [meeting(uid="timed"), meeting(uid="idea", status="idea", scheduled_at=None)]
    assert list(events(ics.meetings_calendar(views, now=NOW))) == ["timed"]
    assert [v.uid for v in ics.exportable(views)] == ["timed"]


def test_no_meetings_is_still_a_valid_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics, "local_zone_name", lambda: "Europe/Berlin")
    calendar = parse(ics.meetings_calendar([], now=NOW))
    assert calendar.events == [] and str(calendar["METHOD"]) == "PUBLISH"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]  # one component
    monkeypatch.setattr(ics, "local_zone_name", lambda: None)
    assert [tz.tz_name for tz in parse(ics.meetings_calendar([], now=NOW)).timezones] == ["UTC"]


def test_unicode_line_breaks_and_folding() -> None:
    view = meeting(
        person_name="محمد O'Brien 李小龙",
        person_organisation='Smith & Sons <NYSE>; R&D, "East"',
        place="Олег's office,\r\n2nd floor; ring twice",
        agenda_notes="Line one\r\nLine two; with, commas\\ and a backslash\n\n"
        + "Долгий текст " * 20
        + "\x00\x07end",
    )
    data = ics.meetings_calendar([view], now=NOW)
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = events(data)[view.uid]
    assert str(event["SUMMARY"]) == "Research meeting with محمد O'Brien 李小龙"
    assert str(event["LOCATION"]) == "Олег's office, 2nd floor; ring twice"
    description = str(event["DESCRIPTION"])
    assert 'Who: محمد O\'Brien 李小龙 — Nurse lead, Smith & Sons <NYSE>; R&D, "East"' in description
    agenda = description.split("Agenda:\n", 1)[1]
    assert agenda.startswith("Line one\nLine two; with, commas\\ and a backslash\n\nДолгий")
    assert agenda.endswith("текст end")  # control characters dropped


@given(
    name=st.text(min_size=1, max_size=60),
    place=st.text(max_size=80),
    notes=st.text(max_size=300),
)
def test_any_text_round_trips(name: str, place: str, notes: str) -> None:
    view = meeting(person_name=name, place=place, agenda_notes=notes)
    data = ics.meetings_calendar([view], now=NOW)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    event = events(data)[view.uid]
    assert str(event["SUMMARY"]) == ics.event_summary(view)
    assert str(event["DESCRIPTION"]) == ics.event_description(view)
    assert str(event.get("LOCATION", "")) == " ".join(ics._text(place).split())


def test_an_empty_time_zone_uses_the_computers(monkeypatch: pytest.MonkeyPatch) -> None:
    view = meeting(timezone="", scheduled_at=local("2026-03-30 17:00", ZoneInfo("Asia/Tokyo")))
    monkeypatch.setattr(ics, "local_zone_name", lambda: "Asia/Tokyo")
    data = ics.meetings_calendar([view], now=NOW)
    assert "DTSTART;TZID=Asia/Tokyo:20260330T170000" in data.decode()
    assert [tz.tz_name for tz in parse(data).timezones] == ["Asia/Tokyo"]
    monkeypatch.setattr(ics, "local_zone_name", lambda: None)  # no IANA name: UTC
    data = ics.meetings_calendar([view], now=NOW)
    assert "DTSTART:20260330T080000Z" in data.decode() and parse(data).timezones == []
    unknown = dataclasses.replace(view, timezone="Mars/Olympus_Mons")
    assert "DTSTART:20260330T080000Z" in ics.meetings_calendar([unknown], now=NOW).decode()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ changes need time.tzset")
@pytest.mark.parametrize(
    ("tz", "expected"),
    [("Europe/Berlin", "Europe/Berlin"), (":America/New_York", "America/New_York")],
)
def test_local_zone_name_from_tz(monkeypatch: pytest.MonkeyPatch, tz: str, expected: str) -> None:
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        assert ics.local_zone_name() == expected
    finally:
        monkeypatch.undo()
        time.tzset()


def test_zone_names_from_paths() -> None:
    assert ics._zone_name("/usr/share/zoneinfo/Europe/Paris") == "Europe/Paris"
    assert ics._zone_name("/usr/share/zoneinfo/posix/Asia/Tokyo") == "Asia/Tokyo"
    assert ics._zone_name("/var/db/timezone/zoneinfo/America/Sao_Paulo") == "America/Sao_Paulo"
    assert ics._zone_name("/etc/localtime") == ""


def test_write_ics(tmp_path: Path) -> None:
    path = tmp_path / "meetings.ics"
    path.write_text("old", encoding="utf-8")
    ics.write_ics(path, [meeting()], now=NOW)
    assert path.read_bytes() == ics.meetings_calendar([meeting()], now=NOW)
    assert [p.name for p in tmp_path.iterdir()] == ["meetings.ics"]  # no temporary file left
    with pytest.raises(WorkbookError, match=r"missing/meetings\.ics: cannot write here"):
        ics.write_ics(tmp_path / "missing" / "meetings.ics", [meeting()], now=NOW)
