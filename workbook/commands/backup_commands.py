"""`workbook backups` and `workbook restore`: the automatic copies of a workbook.

Core modules are imported inside the handlers: the GUI path loads this module too and must
not pay for SQLAlchemy before its window shows.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.cli import (
    EXIT_OK,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
    say,
)
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.backups import BackupInfo

HEADERS = ("Date", "Reason", "Size", "People", "Meetings", "File")


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_subcommand(
        subparsers, "backups", "list the automatic backup copies of a workbook", json_option=True
    )
    restore = add_subcommand(
        subparsers,
        "restore",
        "put a backup copy in place of a workbook (the state before is kept, to undo)",
        workbook_option=False,
        json_option=True,
    )
    restore.add_argument(
        "backup", type=Path, metavar="BACKUP", help="a backup's path, or its name as listed"
    )
    restore.add_argument(
        "--workbook", type=Path, metavar="FILE", required=True, help="the workbook to restore"
    )


@command("backups")
def _backups(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.backups import list_backups

    path = resolve_workbook(args, dirs)
    infos = list_backups(path, dirs.backups)
    if args.json:
        print_json([backup_json(info) for info in infos])
    elif not infos:
        say(f"No backups yet for {path}")
    else:
        print(backups_text(infos), end="")
    return EXIT_OK


@command("restore")
def _restore(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core import document
    from workbook.core.backups import restore_backup

    workbook = args.workbook.expanduser().absolute()
    backup = find_backup(args.backup, workbook, dirs.backups)
    counts = document.inspect(backup).counts
    before = restore_backup(backup, workbook, dirs.backups)
    if args.json:
        print_json(
            {
                "workbook": str(workbook),
                "restored_from": str(backup),
                "before_restore": None if before is None else str(before.path),
            }
        )
    people, meetings = counts.get("person", 0), counts.get("meeting", 0)
    message = f"Restored {workbook} from {backup.name} ({people} people, {meetings} meetings)."
    if before is not None:
        message += f" The state before was kept as {before.name}: restore it to undo."
    say(message)
    return EXIT_OK


def find_backup(given: Path, workbook: Path, backups_dir: Path) -> Path:
    """A backup's path from what was typed: a path, or a name as `workbook backups` lists it."""
    from workbook.core.backups import backup_folder
    from workbook.core.errors import DocumentError

    text = str(given)
    if given.name == text:  # a bare name: the workbook's own backups come first
        folder = backup_folder(workbook, backups_dir)
        for name in (text, text + ".workbook"):
            if (folder / name).is_file():
                return folder / name
    path = given.expanduser().absolute()
    if path.is_file():
        return path
    raise DocumentError(
        f"{given}: no such backup (`workbook backups --workbook {workbook}` lists them)"
    )


def backup_json(info: BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "made_at": info.made_at.astimezone().isoformat(timespec="seconds"),
        "reason": info.reason,
        "size": info.size,
        "people": info.people,
        "meetings": info.meetings,
        "problem": info.problem,
    }


def backups_text(infos: list[BackupInfo]) -> str:
    """A table, newest first; dates in local time."""
    from workbook.core.backups import format_size

    rows = [
        (
            info.made_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            info.reason,
            format_size(info.size),
            "-" if info.people is None else str(info.people),
            "-" if info.meetings is None else str(info.meetings),
            info.name if info.problem is None else f"{info.name}  ({info.problem})",
        )
        for info in infos
    ]
    widths = [max(len(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS) - 1)]
    lines = []
    for row in [HEADERS, *rows]:
        cells = [
            cell.rjust(width) if i in (2, 3, 4) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines) + "\n"
