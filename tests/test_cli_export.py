"""`workbook export meetings`: which meetings it picks (upcoming, a range of days, chosen
ids), its messages, --json, exit codes and one-line failures; and the --from/--to days
(`workbook.commands.dates`), DST days included."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

import workbook
from workbook.cli import main
from workbook.commands.dates import day_argument, day_range
from workbook.core import document
from workbook.core.meetings import MeetingView, list_meetings, update_meeting

# The checkout this test imports `workbook` from (python -m workbook runs from there).
REPO = Path(workbook.__file__).resolve().parent.parent
# The sample's "today" lies ahead, so all its scheduled meetings are still to come.
SAMPLE_TODAY = date.today() + timedelta(days=10)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.core.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    build_sample(path, people=40, today=SAMPLE_TODAY)
    return path


@pytest.fixture
def options(sample: Path, tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data"), "--workbook", str(sample)]


def meetings(path: Path) -> list[MeetingView]:
    with document.read_only_sessions(path) as sessions:
        return list_meetings(sessions)


def uids(path: Path) -> list[str]:
    return [str(event["UID"]) for event in Calendar.from_ical(path.read_bytes()).events]


def export(
    options: list[str], out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> dict[str, object]:
    """Run the export with --json; the parsed JSON (stderr must stay quiet)."""
    argv = ["export", "meetings", "--format", "ics", "-o", str(out), "--json"]
    assert main([*argv, *options, *extra]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data: dict[str, object] = json.loads(captured.out)
    return data


def test_default_is_the_upcoming_scheduled_meetings(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "upcoming.ics"
    assert main(["export", "meetings", "-o", str(out), *options]) == 0
    captured = capsys.readouterr()
    upcoming = [m for m in meetings(sample) if m.status == "scheduled"]
    assert len(upcoming) >= 2  # today and later this week
    assert captured.out == ""
    assert captured.err == f"Wrote {len(upcoming)} meetings to {out}\n"
    assert uids(out) == [m.uid for m in upcoming]
    calendar = Calendar.from_ical(out.read_bytes())
    assert {str(e["STATUS"]) for e in calendar.events} == {"CONFIRMED"}
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    first = calendar.events[0]
    assert first.start == upcoming[0].scheduled_at
    assert str(first["SUMMARY"]) == f"Research meeting with {upcoming[0].person_name}"


def test_a_range_takes_every_meeting_with_a_time_in_it(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, last = SAMPLE_TODAY - timedelta(days=3), SAMPLE_TODAY + timedelta(days=6)
    out = tmp_path / "week.ics"
    data = export(options, out, capsys, "--from", first.isoformat(), "--to", last.isoformat())
    expected = in_range(sample, first, last)
    assert {m.status for m in expected} >= {"scheduled", "postponed"}
    assert data == {
        "path": str(out),
        "format": "ics",
        "meetings": len(expected),
        "ids": [m.id for m in expected],
        "uids": [m.uid for m in expected],
    }
    assert uids(out) == data["uids"]
    postponed = next(m for m in expected if m.status == "postponed")
    event = next(
        e for e in Calendar.from_ical(out.read_bytes()).events if e["UID"] == postponed.uid
    )
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == postponed.sequence
    # --from alone: from that day on; --to alone: up to and including that day.
    tomorrow, yesterday = SAMPLE_TODAY + timedelta(days=1), SAMPLE_TODAY - timedelta(days=1)
    later = export(options, out, capsys, "--from", tomorrow.isoformat())
    assert later["uids"] == [m.uid for m in in_range(sample, tomorrow, None)]
    earlier = export(options, out, capsys, "--to", yesterday.isoformat())
    assert earlier["uids"] == [m.uid for m in in_range(sample, None, yesterday)]
    held = {m.uid for m in meetings(sample) if m.status in ("met", "thanked", "reported_back")}
    assert held and held <= set(earlier["uids"])  # type: ignore[call-overload]


def in_range(sample: Path, first: date | None, last: date | None) -> list[MeetingView]:
    start, end = day_range(first, last)
    return [
        m
        for m in meetings(sample)
        if m.scheduled_at
        and (start is None or m.scheduled_at >= start)
        and (end is None or m.scheduled_at < end)
    ]


def test_one_meeting_by_id(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = next(m for m in meetings(sample) if m.status == "met")
    out = tmp_path / "one.ics"
    assert main(["export", "meetings", "--meeting", str(chosen.id), "-o", str(out), *options]) == 0
    assert capsys.readouterr().err == f"Wrote 1 meeting to {out}\n"
    (event,) = Calendar.from_ical(out.read_bytes()).events
    assert event["UID"] == chosen.uid and event.start == chosen.scheduled_at


def test_uid_stays_and_sequence_rises_when_a_meeting_moves(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.workbook"
    shutil.copy(sample, copy)
    options = ["--data-dir", str(tmp_path / "data"), "--workbook", str(copy)]
    chosen = next(m for m in meetings(copy) if m.status == "scheduled")
    out = tmp_path / "one.ics"
    export(options, out, capsys, "--meeting", str(chosen.id))
    (before,) = Calendar.from_ical(out.read_bytes()).events
    assert chosen.scheduled_at is not None
    with document.open_document(copy) as doc:
        update_meeting(
            doc.sessions, chosen.id, scheduled_at=chosen.scheduled_at + timedelta(hours=1)
        )
        # Exporting works while the app has the workbook open (read-only, no lock taken).
        export(options, out, capsys, "--meeting", str(chosen.id))
    (after,) = Calendar.from_ical(out.read_bytes()).events
    assert before["UID"] == after["UID"] == chosen.uid
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.start - before.start == timedelta(hours=1)


def test_nothing_to_export_writes_an_empty_calendar(
    options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.ics"
    argv = ["export", "meetings", "-o", str(out), "--from", "2001-01-01", "--to", "2001-01-31"]
    assert main([*argv, *options]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == f"No meetings to export in that range: wrote an empty calendar to {out}\n"
    )
    calendar = Calendar.from_ical(out.read_bytes())
    assert calendar.events == [] and str(calendar["METHOD"]) == "PUBLISH"


def test_failures_are_one_line(
    sample: Path, options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    idea = next(m for m in meetings(sample) if m.scheduled_at is None)
    cases = [
        (["--meeting", "9999"], f"workbook: {sample}: there is no meeting 9999"),
        (["--meeting", str(idea.id)], f"workbook: {sample}: meeting {idea.id} with"),
        (["-o", str(tmp_path / "no" / "such" / "x.ics")], "x.ics: cannot write here"),
        (["-o", str(tmp_path)], "could not be written"),  # a folder, not a file
        (["--workbook", str(tmp_path / "gone.workbook")], "gone.workbook: does not exist"),
    ]
    for extra, message in cases:
        out = ["-o", str(tmp_path / "out.ics")] if "-o" not in extra else []
        assert main(["export", "meetings", *out, *options, *extra]) == 1, extra
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1, captured.err
        assert message in captured.err and "Traceback" not in captured.err
    assert not (tmp_path / "out.ics").exists()  # nothing written when the export failed


@pytest.mark.parametrize(
    "extra",
    [
        ["--from", "2026-02-30"],
        ["--from", "next week"],
        ["--to", "30/03/2026"],
        ["--from", "20260330"],
        ["--from", "2026-03-30", "--to", "2026-03-29"],
        ["--meeting", "0"],
        ["--meeting", "abc"],
        ["--meeting", "3", "--from", "today"],
        ["--format", "csv"],
        ["-o", "meetings.csv"],
    ],
)
def test_usage_errors(
    extra: list[str], options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = [] if "-o" in extra else ["-o", str(tmp_path / "x.ics")]
    with pytest.raises(SystemExit) as done:
        main(["export", "meetings", *out, *options, *extra])
    assert done.value.code == 2
    assert "workbook export meetings: error: " in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def test_format_comes_from_the_name_unless_given(
    options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", "meetings", "-o", str(tmp_path / "x.csv"), *options])
    assert done.value.code == 2
    assert "error: x.csv: meetings export as .ics (or add --format ics)" in capsys.readouterr().err
    out = tmp_path / "calendar.txt"
    assert main(["export", "meetings", "--format", "ics", "-o", str(out), *options]) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    with pytest.raises(SystemExit) as done:
        main(["export", *options[:2]])  # export what?
    assert done.value.code == 2


def test_subprocess(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "Besprechungen für Zoë.ics"
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "export", "meetings", "--format", "ics",
         "-o", str(out), "--workbook", str(sample), "--data-dir", str(tmp_path / "data")],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr.startswith("Wrote ")
    assert uids(out) == [m.uid for m in meetings(sample) if m.status == "scheduled"]


# ---------------------------------------------------------------- dates.py


def test_day_argument() -> None:
    assert day_argument("2026-03-29") == date(2026, 3, 29)
    assert day_argument(" Today ") == date.today()
    assert day_argument("tomorrow") == date.today() + timedelta(days=1)
    for bad in ("2026-02-30", "29.03.2026", "20260329", "2026-W13-7", "", "soon"):
        with pytest.raises(argparse.ArgumentTypeError, match="is not a day: use YYYY-MM-DD"):
            day_argument(bad)


@pytest.mark.parametrize(
    ("zone", "day", "hours", "first_instant"),
    [
        ("Europe/Berlin", "2026-03-29", 23, "2026-03-28T23:00:00+00:00"),
        ("Europe/Berlin", "2026-10-25", 25, "2026-10-24T22:00:00+00:00"),
        ("Europe/Berlin", "2026-06-15", 24, "2026-06-14T22:00:00+00:00"),
        ("America/New_York", "2026-11-01", 25, "2026-11-01T04:00:00+00:00"),
        ("America/New_York", "2026-03-08", 23, "2026-03-08T05:00:00+00:00"),
        ("America/Santiago", "2026-09-06", 23, "2026-09-06T04:00:00+00:00"),  # starts at 1:00
    ],
)
def test_day_range_over_dst_days(zone: str, day: str, hours: int, first_instant: str) -> None:
    one = date.fromisoformat(day)
    start, end = day_range(one, one, ZoneInfo(zone))
    assert start is not None and end is not None and start.tzinfo is UTC
    assert start.isoformat() == first_instant
    assert end - start == timedelta(hours=hours)


def test_day_range_sides_and_order() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start, end = day_range(date(2026, 3, 28), date(2026, 3, 30), berlin)
    assert (start, end) == (
        datetime(2026, 3, 27, 23, tzinfo=UTC),
        datetime(2026, 3, 30, 22, tzinfo=UTC),  # 71 hours: the Sunday is short
    )
    assert day_range(None, None) == (None, None)
    assert day_range(date(2026, 3, 28), None, berlin)[1] is None
    assert day_range(None, date(2026, 3, 28), berlin)[0] is None
    with pytest.raises(ValueError, match="--to 2026-03-27 is before --from 2026-03-28"):
        day_range(date(2026, 3, 28), date(2026, 3, 27))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ changes need time.tzset")
def test_day_range_uses_the_computers_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        day = date(2026, 3, 29)
        assert day_range(day, day) == day_range(day, day, ZoneInfo("Europe/Berlin"))
    finally:
        monkeypatch.undo()
        time.tzset()


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    zone=st.sampled_from(
        ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Tehran"]
    ),
)
def test_a_day_runs_from_midnight_to_midnight(day: date, zone: str) -> None:
    tz = ZoneInfo(zone)
    start, end = day_range(day, day, tz)
    assert start is not None and end is not None
    assert timedelta(hours=22) < end - start < timedelta(hours=26)
    assert (
        start.astimezone(tz).date() == day
        and (start - timedelta(seconds=1)).astimezone(tz).date() < day
    )
    assert end.astimezone(tz).date() == day + timedelta(days=1)
    assert (end - timedelta(seconds=1)).astimezone(tz).date() == day
