"""Automatic backup copies of a workbook, their rotation, and restoring one.

Copies live beside the user data (``AppDirs.backups``), never beside the document, which may
sit in a synced folder: one subfolder per workbook, named from its stem and a short hash of
its absolute path, so two "My workbook" files in different folders never mix. Each copy is a
consistent SQLite backup (mode 0600) named ``2026-11-23T091500Z daily.workbook``: the UTC time
it was made and why. The time is read from the name, never from the file's mtime (a copy
through a sync service or a restore from an archive changes that).

Rotation: daily copies keep the newest of each of the 7 most recent days that have one and
the newest of each of the 4 most recent ISO weeks; "before upgrade" and "before restore"
copies are outside that rotation, the newest 5 of each kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from workbook.core import document
from workbook.core.errors import DocumentError, WorkbookError
from workbook.core.lock import DocumentLock

DAILY = "daily"
BEFORE_UPGRADE = "before upgrade"
BEFORE_RESTORE = "before restore"
REASONS = (DAILY, BEFORE_UPGRADE, BEFORE_RESTORE)

KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_OUTSIDE_ROTATION = 5

_STAMP = "%Y-%m-%dT%H%M%SZ"
_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6}Z) (?P<reason>daily|before upgrade|before restore)"
    r"(?: \((?P<seq>\d+)\))?\.workbook$"
)
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


@dataclass(frozen=True)
class BackupInfo:
    """One backup copy as listed: counts are None (and ``problem`` says why) when unreadable."""

    path: Path
    made_at: datetime
    reason: str
    size: int
    people: int | None
    meetings: int | None
    problem: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class _Entry:
    path: Path
    made_at: datetime
    reason: str
    seq: int

    @property
    def order(self) -> tuple[datetime, int]:
        return self.made_at, self.seq


def backup_folder(workbook: Path, backups_dir: Path) -> Path:
    """The folder holding this workbook's copies (not created here)."""
    real = os.path.normcase(os.path.realpath(Path(workbook).expanduser()))
    digest = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stem = _UNSAFE.sub("_", Path(real).stem).strip(" .")[:60] or "workbook"
    return Path(backups_dir) / f"{stem} {digest}"


def backup_now(
    workbook: Path,
    backups_dir: Path,
    reason: str,
    now: datetime | None = None,
    *,
    prune_after: bool = True,
) -> Path:
    """Copy the workbook into its backups folder with SQLite's backup API; returns the copy."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    workbook = Path(workbook).expanduser().absolute()
    folder = _ensure_folder(backup_folder(workbook, backups_dir))
    copy = _free_name(folder, _aware(now), reason)
    document.backup_to(workbook, copy)
    if prune_after:
        prune(workbook, backups_dir)
    return copy


def daily_backup_if_due(
    workbook: Path, backups_dir: Path, now: datetime | None = None
) -> Path | None:
    """The day's copy, unless one was made earlier on this local calendar day (one listing)."""
    now = _aware(now)
    today = _local_day(now)
    entries = _entries(backup_folder(Path(workbook).expanduser().absolute(), backups_dir))
    if any(e.reason == DAILY and _local_day(e.made_at) == today for e in entries):
        return None
    return backup_now(workbook, backups_dir, DAILY, now)


def list_backups(workbook: Path, backups_dir: Path) -> list[BackupInfo]:
    """The workbook's copies, newest first; a damaged copy is listed with its problem."""
    entries = _entries(backup_folder(workbook, backups_dir))
    return [_info(entry) for entry in sorted(entries, key=lambda e: e.order, reverse=True)]


def prune(workbook: Path, backups_dir: Path) -> list[Path]:
    """Remove the copies the rotation no longer keeps; returns what was removed."""
    entries = sorted(
        _entries(backup_folder(workbook, backups_dir)), key=lambda e: e.order, reverse=True
    )
    keep = _kept(entries)
    removed: list[Path] = []
    for entry in entries:
        if entry.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
            removed.append(entry.path)
    return removed


def restore_backup(
    backup: Path, workbook: Path, backups_dir: Path, now: datetime | None = None
) -> BackupInfo | None:
    """Put a backup's content in place of the workbook; returns the copy of the state before.

    The backup is checked first (a damaged file or not a workbook is refused and nothing
    changes); the workbook must not be open anywhere (its lock is taken). The state before is
    kept as a "before restore" copy, so restoring that copy undoes the restore. None is
    returned only when there was no workbook file to keep.
    """
    backup = Path(backup).expanduser().absolute()
    workbook = Path(workbook).expanduser().absolute()
    document.inspect(backup)
    if workbook.exists() and os.path.samefile(backup, workbook):
        raise DocumentError(f"{backup}: is the workbook itself; choose a backup copy")
    if not workbook.parent.is_dir():
        raise DocumentError(f"{workbook}: the folder {workbook.parent} does not exist")
    with DocumentLock(workbook):
        before = _keep_current_state(workbook, backups_dir, now) if workbook.exists() else None
        # A journal left by a crashed writer belongs to the old file: SQLite would replay it
        # into the restored one. (The copy above already rolled it back when it could.)
        for suffix in ("-journal", "-wal", "-shm"):
            workbook.with_name(workbook.name + suffix).unlink(missing_ok=True)
        document.backup_to(backup, workbook)
    # Pruned only now: the new copy must not push out the one being restored.
    prune(workbook, backups_dir)
    if before is None or not before.exists():
        return None
    entry = _parse(before)
    return _info(entry) if entry is not None else None


def format_size(size: int) -> str:
    """A size for people: "812 bytes", "48 KB", "1.4 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# ---------------------------------------------------------------- helpers


def _keep_current_state(workbook: Path, backups_dir: Path, now: datetime | None) -> Path:
    try:
        return backup_now(workbook, backups_dir, BEFORE_RESTORE, now, prune_after=False)
    except WorkbookError:
        # SQLite cannot read a damaged workbook (the usual reason to restore): keep its bytes.
        from workbook.core.files import atomic_path

        folder = _ensure_folder(backup_folder(workbook, backups_dir))
        copy = _free_name(folder, _aware(now), BEFORE_RESTORE)
        with atomic_path(copy) as tmp:
            tmp.write_bytes(workbook.read_bytes())
        return copy


def _kept(entries: list[_Entry]) -> set[Path]:
    """What the rotation keeps, from entries sorted newest first."""
    days: dict[date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    keep: set[Path] = set()
    outside: dict[str, int] = {}
    for entry in entries:
        if entry.reason != DAILY:
            outside[entry.reason] = outside.get(entry.reason, 0) + 1
            if outside[entry.reason] <= KEEP_OUTSIDE_ROTATION:
                keep.add(entry.path)
            continue
        day = _local_day(entry.made_at)
        week = day.isocalendar()[:2]
        # Newest first: the first copy seen of a day or week is its newest.
        if day not in days and len(days) < KEEP_DAYS:
            days[day] = entry.path
        if week not in weeks and len(weeks) < KEEP_WEEKS:
            weeks[week] = entry.path
    return keep | set(days.values()) | set(weeks.values())


def _entries(folder: Path) -> list[_Entry]:
    try:
        with os.scandir(folder) as listing:
            names: Iterable[str] = [item.name for item in listing if item.is_file()]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise DocumentError(f"{folder}: cannot read the backups ({exc.strerror or exc})") from exc
    return [entry for name in names if (entry := _parse(folder / name)) is not None]


def _parse(path: Path) -> _Entry | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        made_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return _Entry(path, made_at, match["reason"], int(match["seq"] or 1))


def _info(entry: _Entry) -> BackupInfo:
    try:
        size = entry.path.stat().st_size
    except OSError:
        size = 0
    try:
        counts = document.inspect(entry.path).counts
    except DocumentError as exc:
        problem = str(exc).removeprefix(f"{entry.path}: ")  # the path is listed already
        return BackupInfo(entry.path, entry.made_at, entry.reason, size, None, None, problem)
    people, meetings = counts.get("person", 0), counts.get("meeting", 0)
    return BackupInfo(entry.path, entry.made_at, entry.reason, size, people, meetings)


def _free_name(folder: Path, now: datetime, reason: str) -> Path:
    # Two copies in the same second (a restore and its undo) get " (2)", " (3)", ...
    base = now.astimezone(UTC).strftime(_STAMP) + f" {reason}"
    copy = folder / f"{base}{document.FILE_SUFFIX}"
    seq = 1
    while copy.exists():
        seq += 1
        copy = folder / f"{base} ({seq}){document.FILE_SUFFIX}"
    return copy


def _ensure_folder(folder: Path) -> Path:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        if folder.stat().st_mode & 0o777 != 0o700:
            folder.chmod(0o700)
    except OSError as exc:
        raise DocumentError(
            f"{folder}: cannot create the backups folder ({exc.strerror or exc})"
        ) from exc
    return folder


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()
