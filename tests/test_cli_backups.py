"""`workbook backups` and `workbook restore`: the table, the JSON, restore, undo and refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core import document
from workbook.core.backups import DAILY, backup_folder, backup_now
from workbook.core.people import add_person, list_people
from workbook.paths import AppDirs

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
KEYS = {"path", "made_at", "reason", "size", "people", "meetings", "problem"}


def run(capsys: pytest.CaptureFixture[str], dirs: AppDirs, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(dirs.data), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def names(path: Path) -> set[str]:
    with document.open_document(path) as doc:
        return {row.name for row in list_people(doc.sessions)}


def add(path: Path, name: str) -> None:
    with document.open_document(path) as doc:
        add_person(doc.sessions, name)


@pytest.fixture
def with_copies(new_workbook: Path, dirs: AppDirs) -> tuple[Path, Path]:
    """A workbook with Zoë in a daily copy, Олег added since, and one damaged copy."""
    add(new_workbook, "Zoë Ångström")
    good = backup_now(new_workbook, dirs.backups, DAILY, now=START)
    good.with_name("2026-03-03T120000Z daily.workbook").write_bytes(b"garbage")
    add(new_workbook, "Олег Петров")
    return new_workbook, good


def test_no_backups_yet(
    new_workbook: Path, dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, dirs, "backups", "--workbook", str(new_workbook)) == (
        0,
        "",
        f"No backups yet for {new_workbook}\n",
    )
    assert run(capsys, dirs, "backups", "--workbook", str(new_workbook), "--json") == (
        0,
        "[]\n",
        "",
    )


def test_backups_as_a_table(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, good = with_copies
    code, out, err = run(capsys, dirs, "backups", "--workbook", str(workbook))
    assert (code, err) == (0, "")
    header, damaged, daily = out.splitlines()
    assert header.split() == ["Date", "Reason", "Size", "People", "Meetings", "File"]
    local = START.astimezone().strftime("%Y-%m-%d %H:%M")
    assert daily.startswith(f"{local}  daily")
    cells = daily.split()
    assert cells[4:] == ["KB", "1", "0", *good.name.split()]
    assert "7 bytes" in damaged and "not a workbook" in damaged


def test_backups_as_json(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, good = with_copies
    code, out, err = run(capsys, dirs, "backups", "--workbook", str(workbook), "--json")
    assert (code, err) == (0, "")
    damaged, daily = json.loads(out)
    assert set(daily) == set(damaged) == KEYS
    assert daily["path"] == str(good)
    assert datetime.fromisoformat(daily["made_at"]) == START
    assert datetime.fromisoformat(daily["made_at"]).utcoffset() is not None
    assert (daily["reason"], daily["people"], daily["meetings"], daily["problem"]) == (
        "daily",
        1,
        0,
        None,
    )
    assert daily["size"] == good.stat().st_size
    assert (damaged["people"], damaged["meetings"], damaged["size"]) == (None, None, 7)
    assert "not a workbook" in damaged["problem"]


def test_restore_by_listed_name_then_undo(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, good = with_copies
    code, out, err = run(capsys, dirs, "restore", good.stem, "--workbook", str(workbook))
    assert (code, out) == (0, "")
    (before,) = backup_folder(workbook, dirs.backups).glob("* before restore.workbook")
    assert err == (
        f"Restored {workbook} from {good.name} (1 people, 0 meetings). "
        f"The state before was kept as {before.name}: restore it to undo.\n"
    )
    assert names(workbook) == {"Zoë Ångström"}

    code, out, err = run(
        capsys, dirs, "restore", str(before), "--workbook", str(workbook), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["workbook"] == str(workbook) and data["restored_from"] == str(before)
    assert Path(data["before_restore"]).parent == before.parent
    assert "(2 people, 0 meetings)" in err
    assert names(workbook) == {"Zoë Ångström", "Олег Петров"}


@pytest.mark.parametrize(
    ("backup", "problem"),
    [
        ("nope.workbook", "nope.workbook: no such backup (`workbook backups --workbook "),
        ("2026-03-03T120000Z daily.workbook", "daily.workbook: is not a workbook"),
    ],
)
def test_restore_refusals_are_one_line_and_change_nothing(
    with_copies: tuple[Path, Path],
    dirs: AppDirs,
    capsys: pytest.CaptureFixture[str],
    backup: str,
    problem: str,
) -> None:
    workbook, _good = with_copies
    before = workbook.read_bytes()
    code, out, err = run(capsys, dirs, "restore", backup, "--workbook", str(workbook))
    assert (code, out) == (1, "")
    assert err.startswith("workbook: ") and err.count("\n") == 1 and problem in err
    assert workbook.read_bytes() == before


def test_restore_refused_while_open(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, good = with_copies
    with document.open_document(workbook):
        code, _out, err = run(capsys, dirs, "restore", str(good), "--workbook", str(workbook))
    assert code == 1
    assert err.startswith(f"workbook: {workbook}: already open in another window or program")
    assert err.count("\n") == 1


def test_restore_needs_the_workbook_named(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    _workbook, good = with_copies
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(dirs.data), "restore", str(good)])
    assert done.value.code == 2
    assert "--workbook" in capsys.readouterr().err


def test_an_open_for_writing_adds_todays_copy_to_the_list(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, _good = with_copies
    document.open_document(workbook, backups_dir=dirs.backups).close()
    _code, out, _err = run(capsys, dirs, "backups", "--workbook", str(workbook), "--json")
    listed = json.loads(out)
    assert len(listed) == 3 and listed[0]["reason"] == "daily" and listed[0]["people"] == 2
    assert datetime.fromisoformat(listed[0]["made_at"]) > START + timedelta(days=1)


def test_a_deleted_workbook_comes_back_from_its_backup(
    with_copies: tuple[Path, Path], dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, good = with_copies
    workbook.unlink()
    code, out, err = run(capsys, dirs, "restore", good.name, "--workbook", str(workbook), "--json")
    assert code == 0
    assert json.loads(out)["before_restore"] is None, "there was nothing to keep"
    assert err == f"Restored {workbook} from {good.name} (1 people, 0 meetings).\n"
    assert names(workbook) == {"Zoë Ångström"}
