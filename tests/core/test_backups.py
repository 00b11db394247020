"""Automatic backups: where they go, the 7 daily + 4 weekly rotation, restore and its undo."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from workbook.core import backups, document
from workbook.core.backups import (
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    DAILY,
    backup_folder,
    backup_now,
    daily_backup_if_due,
    list_backups,
    prune,
    restore_backup,
)
from workbook.core.errors import AlreadyOpenError, DocumentError
from workbook.core.people import add_person, list_people

# Noon UTC: the same calendar day in every zone from UTC-11 to UTC+11, where tests run.
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def names(path: Path) -> set[str]:
    with document.open_document(path) as doc:
        return {row.name for row in list_people(doc.sessions)}


def add(path: Path, name: str) -> None:
    with document.open_document(path) as doc:
        add_person(doc.sessions, name)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def expected_rotation(days: list[date]) -> set[date]:
    """The rule, written out plainly: the last 7 days and the newest day of the last 4 weeks."""
    newest_first = sorted(days, reverse=True)
    kept = set(newest_first[:7])
    weeks: dict[tuple[int, int], date] = {}
    for day in newest_first:
        weeks.setdefault(day.isocalendar()[:2], day)
    kept |= set(sorted(weeks.values(), reverse=True)[:4])
    return kept


def test_two_months_of_daily_opens_keep_7_daily_and_4_weekly(
    new_workbook: Path, tmp_path: Path
) -> None:
    store = tmp_path / "backups"
    opened: list[date] = []
    for offset in range(61):
        now = START + timedelta(days=offset)
        made = daily_backup_if_due(new_workbook, store, now=now)
        assert made is not None and made.name == now.strftime("%Y-%m-%dT%H%M%SZ daily.workbook")
        # Opened again the same day: no second copy.
        assert daily_backup_if_due(new_workbook, store, now=now + timedelta(hours=6)) is None
        opened.append(now.astimezone().date())
        left = list_backups(new_workbook, store)
        assert len(left) <= 11
        assert {b.made_at.astimezone().date() for b in left} == expected_rotation(opened)

    left = list_backups(new_workbook, store)
    kept_days = [b.made_at.astimezone().date() for b in left]
    assert kept_days == sorted(kept_days, reverse=True), "newest first"
    last = opened[-1]  # 2026-05-01, a Friday: this week's Monday..Friday are among the 7 days
    daily_rule = [last - timedelta(days=n) for n in range(7)]
    assert kept_days[:7] == daily_rule
    # The weekly rule keeps the Sundays of the 3 weeks before; one is among the 7 days.
    assert kept_days[7:] == [date(2026, 4, 19), date(2026, 4, 12)]
    assert len({d.isocalendar()[:2] for d in kept_days}) == 4
    assert {b.reason for b in left} == {DAILY}
    assert all(b.people == 0 and b.problem is None for b in left)


def test_weekly_rule_after_a_gap_keeps_the_newest_of_each_of_the_4_last_weeks(
    new_workbook: Path, tmp_path: Path
) -> None:
    # Opened only on Mondays for 8 weeks: the 7 most recent days that have a copy are 7
    # Mondays, and the 4 most recent weeks' copies are among them.
    store = tmp_path / "backups"
    mondays = [START + timedelta(weeks=n) for n in range(8)]  # 2026-03-02 is a Monday
    for now in mondays:
        daily_backup_if_due(new_workbook, store, now=now)
    left = [b.made_at for b in list_backups(new_workbook, store)]
    assert left == sorted(mondays[1:], reverse=True)


def test_copies_are_private_and_apart_per_workbook(tmp_path: Path) -> None:
    store = tmp_path / "data" / "backups"
    one, two = tmp_path / "a" / "My workbook.workbook", tmp_path / "b" / "My workbook.workbook"
    for path in (one, two):
        path.parent.mkdir()
        document.create(path).close()
    add(two, "Zoë Ångström")
    copy_one = backup_now(one, store, DAILY, now=START)
    copy_two = backup_now(two, store, DAILY, now=START)
    assert copy_one.parent != copy_two.parent
    assert copy_one.parent.name.startswith("My workbook ")
    assert copy_one.parent == backup_folder(one, store)
    assert mode(copy_one) == mode(copy_two) == 0o600
    assert mode(copy_one.parent) == mode(store) == 0o700
    assert [b.people for b in list_backups(one, store)] == [0]
    assert [b.people for b in list_backups(two, store)] == [1]
    assert not list(copy_one.parent.glob(".*")), "no temporary file left"


def test_open_makes_one_daily_copy_a_day(new_workbook: Path, tmp_path: Path) -> None:
    store = tmp_path / "backups"
    document.open_document(new_workbook).close()
    assert list_backups(new_workbook, store) == [], "no backups folder given: no copy"
    for _ in range(3):
        document.open_document(new_workbook, backups_dir=store).close()
    (copy,) = list_backups(new_workbook, store)
    assert copy.reason == DAILY
    assert copy.made_at.astimezone().date() == datetime.now(UTC).astimezone().date()


def test_a_daily_copy_that_cannot_be_made_does_not_block_the_open(
    new_workbook: Path, tmp_path: Path
) -> None:
    store = tmp_path / "backups"
    store.write_text("a file where the folder should be")
    with document.open_document(new_workbook, backups_dir=store) as doc:
        assert doc.is_open


def test_the_copy_before_an_upgrade_lands_in_the_backups_folder(
    new_workbook: Path, tmp_path: Path
) -> None:
    config = Config()
    config.set_main_option("script_location", str(document.MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{new_workbook}")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    engine.dispose()

    store = tmp_path / "backups"
    document.open_document(new_workbook, backups_dir=store).close()
    assert document.inspect(new_workbook).revision == document.HEAD_REVISION
    by_reason = {b.reason: b for b in list_backups(new_workbook, store)}
    assert set(by_reason) == {DAILY, BEFORE_UPGRADE}
    upgrade_copy = by_reason[BEFORE_UPGRADE].path
    assert upgrade_copy.parent == backup_folder(new_workbook, store)
    assert mode(upgrade_copy) == 0o600
    conn = sqlite3.connect(upgrade_copy)
    try:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 0
    finally:
        conn.close()


def test_copies_outside_the_rotation_keep_the_newest_5_of_each(
    new_workbook: Path, tmp_path: Path
) -> None:
    store = tmp_path / "backups"
    for n in range(7):
        backup_now(new_workbook, store, BEFORE_RESTORE, now=START + timedelta(days=n))
        backup_now(new_workbook, store, BEFORE_UPGRADE, now=START + timedelta(days=n))
    for n in range(20):
        backup_now(new_workbook, store, DAILY, now=START + timedelta(days=n))
    left = list_backups(new_workbook, store)
    for reason in (BEFORE_RESTORE, BEFORE_UPGRADE):
        kept = [b.made_at for b in left if b.reason == reason]
        assert kept == [START + timedelta(days=n) for n in range(6, 1, -1)]
    assert sum(b.reason == DAILY for b in left) == 7 + 1  # and the first week's Sunday
    assert prune(new_workbook, store) == []


def test_copies_in_the_same_second_do_not_overwrite_each_other(
    new_workbook: Path, tmp_path: Path
) -> None:
    store = tmp_path / "backups"
    first = backup_now(new_workbook, store, BEFORE_RESTORE, now=START)
    second = backup_now(new_workbook, store, BEFORE_RESTORE, now=START)
    assert second.name == "2026-03-02T120000Z before restore (2).workbook"
    assert [b.path for b in list_backups(new_workbook, store)] == [second, first]


def test_restore_then_undo_the_restore(new_workbook: Path, tmp_path: Path) -> None:
    store = tmp_path / "backups"
    add(new_workbook, "Zoë Ångström")
    copy = backup_now(new_workbook, store, DAILY, now=START)
    add(new_workbook, "Олег Петров")

    before = restore_backup(copy, new_workbook, store, now=START + timedelta(hours=1))
    assert names(new_workbook) == {"Zoë Ångström"}, "the person added later is gone"
    assert before is not None and before.reason == BEFORE_RESTORE and before.people == 2
    assert mode(new_workbook) == 0o600

    again = restore_backup(before.path, new_workbook, store, now=START + timedelta(hours=2))
    assert names(new_workbook) == {"Zoë Ångström", "Олег Петров"}, "the undo brings them back"
    assert again is not None and again.people == 1
    listed = list_backups(new_workbook, store)
    assert [(b.reason, b.people) for b in listed] == [
        (BEFORE_RESTORE, 1),
        (BEFORE_RESTORE, 2),
        (DAILY, 1),
    ]


def test_restore_is_refused_while_the_workbook_is_open(new_workbook: Path, tmp_path: Path) -> None:
    store = tmp_path / "backups"
    copy = backup_now(new_workbook, store, DAILY, now=START)
    add(new_workbook, "O'Brien")
    before = digest(new_workbook)
    with document.open_document(new_workbook), pytest.raises(AlreadyOpenError):
        restore_backup(copy, new_workbook, store)
    assert digest(new_workbook) == before
    assert [b.reason for b in list_backups(new_workbook, store)] == [DAILY], "no copy made"


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"not a database at all", "not an SQLite database"), (None, "not a workbook")],
)
def test_a_damaged_backup_is_listed_and_refused_and_nothing_changes(
    new_workbook: Path, tmp_path: Path, content: bytes | None, problem: str
) -> None:
    store = tmp_path / "backups"
    good = backup_now(new_workbook, store, DAILY, now=START)
    bad = good.with_name("2026-03-03T120000Z daily.workbook")
    if content is None:
        sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.close()
    else:
        bad.write_bytes(content)
    listed = list_backups(new_workbook, store)
    assert [b.path for b in listed] == [bad, good]
    assert listed[0].problem is not None and problem in listed[0].problem
    assert listed[0].people is None and listed[0].meetings is None
    assert not listed[0].problem.startswith(str(bad)), "the path is not repeated"

    before = digest(new_workbook)
    with pytest.raises(DocumentError, match=problem):
        restore_backup(bad, new_workbook, store)
    assert digest(new_workbook) == before
    assert [b.path for b in list_backups(new_workbook, store)] == [bad, good]


def test_a_damaged_workbook_can_be_restored_and_its_bytes_are_kept(
    new_workbook: Path, tmp_path: Path
) -> None:
    store = tmp_path / "backups"
    add(new_workbook, "李小龙")
    copy = backup_now(new_workbook, store, DAILY, now=START)
    new_workbook.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)  # wrecked
    (new_workbook.parent / (new_workbook.name + "-journal")).write_bytes(b"stale")
    wrecked = digest(new_workbook)

    before = restore_backup(copy, new_workbook, store, now=START + timedelta(hours=1))
    assert names(new_workbook) == {"李小龙"}
    assert before is not None and before.problem is not None, "listed as damaged"
    assert digest(before.path) == wrecked and mode(before.path) == 0o600
    assert not (new_workbook.parent / (new_workbook.name + "-journal")).exists()


def test_restore_refuses_the_workbook_itself_and_an_unknown_reason(
    new_workbook: Path, tmp_path: Path
) -> None:
    with pytest.raises(DocumentError, match="is the workbook itself"):
        restore_backup(new_workbook, new_workbook, tmp_path / "backups")
    with pytest.raises(ValueError, match="unknown backup reason"):
        backup_now(new_workbook, tmp_path / "backups", "weekly")


def test_names_not_ours_are_left_alone(new_workbook: Path, tmp_path: Path) -> None:
    store = tmp_path / "backups"
    copy = backup_now(new_workbook, store, DAILY, now=START)
    stranger = copy.with_name("notes.txt")
    stranger.write_text("mine")
    for n in range(1, 12):
        backup_now(new_workbook, store, DAILY, now=START + timedelta(days=n))
    assert stranger.read_text() == "mine"
    assert len(list_backups(new_workbook, store)) == 7


def test_sizes_for_people() -> None:
    assert backups.format_size(812) == "812 bytes"
    assert backups.format_size(48 * 1024) == "48 KB"
    assert backups.format_size(1468006) == "1.4 MB"
