"""`workbook meetings` and `workbook today`: text, JSON keys, filters and clear failures."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core.sample import build_sample

TODAY = date.today()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "sample.workbook"
    build_sample(path, today=TODAY)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--temp-data-dir", *args])
    out, err = capsys.readouterr()
    return code, out, err


MEETING_KEYS = {
    "id", "uid", "status", "status_label", "person_id", "person", "organisation", "scheduled_at",
    "timezone", "duration_minutes", "channel", "place", "requested_at", "sequence",
}  # fmt: skip
ITEM_KEYS = {
    "key", "kind", "kind_label", "title", "detail", "person_id", "person", "meeting_id",
    "channel", "due_at", "overdue_days",
}  # fmt: skip


def test_meetings_json_lists_every_state(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    code, out, err = run(capsys, "meetings", "--workbook", str(sample), "--json")
    assert code == 0 and err == ""
    meetings = json.loads(out)
    assert {m["status"] for m in meetings} == {
        "idea", "requested", "no_answer", "scheduled", "postponed", "declined", "met",
        "thanked", "reported_back",
    }  # fmt: skip
    assert all(set(m) == MEETING_KEYS for m in meetings)
    scheduled = [m for m in meetings if m["scheduled_at"]]
    assert any("+" in m["scheduled_at"] or "-" in m["scheduled_at"][19:] for m in scheduled)


def test_meetings_text_and_filters(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    code, out, _ = run(capsys, "meetings", "--workbook", str(sample))
    assert code == 0 and "Scheduled" in out and "Zoë Ångström" in out
    week = (TODAY + timedelta(days=7)).isoformat()
    code, out, _ = run(
        capsys, "meetings", "--workbook", str(sample), "--from", "today", "--to", week, "--json"
    )
    assert code == 0
    upcoming = json.loads(out)
    assert upcoming and all(m["scheduled_at"][:10] >= TODAY.isoformat() for m in upcoming)
    code, out, _ = run(
        capsys, "meetings", "--workbook", str(sample), "--status", "met", "--status", "thanked",
        "--json",
    )  # fmt: skip
    assert {m["status"] for m in json.loads(out)} == {"met", "thanked"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--status", "done"], 1, "unknown status 'done'"),
        (["--from", "2026-12-01", "--to", "2026-11-01"], 1, "is before"),
        (["--from", "next tuesday"], 2, "is not a day"),
    ],
)
def test_meetings_bad_input(
    capsys: pytest.CaptureFixture[str], sample: Path, args: list[str], code: int, message: str
) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(["--temp-data-dir", "meetings", "--workbook", str(sample), *args])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
    else:
        got, _, err = run(capsys, "meetings", "--workbook", str(sample), *args)
        assert got == code
    assert message in err and "Traceback" not in err


def test_today_json_and_text(capsys: pytest.CaptureFixture[str], sample: Path) -> None:
    code, out, err = run(capsys, "today", "--workbook", str(sample), "--json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert items and all(set(i) == ITEM_KEYS for i in items)
    assert all(i["overdue_days"] >= 0 for i in items)
    assert {"nudge", "thank_you", "keep_in_touch"} <= {i["kind"] for i in items}
    code, out, _ = run(capsys, "today", "--workbook", str(sample), "--days", "7")
    assert code == 0 and "overdue" in out and "today" in out
    assert len(out.splitlines()) > len(items)


def test_today_on_an_empty_workbook_says_so(
    capsys: pytest.CaptureFixture[str], new_workbook: Path
) -> None:
    code, out, err = run(capsys, "today", "--workbook", str(new_workbook))
    assert code == 0 and out == "" and "Nothing due today" in err
    code, out, _ = run(capsys, "today", "--workbook", str(new_workbook), "--json")
    assert json.loads(out) == []


def test_today_missing_workbook_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "today", "--workbook", str(tmp_path / "gone.workbook"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "gone.workbook" in err
