"""`workbook new`, `workbook sample` and `workbook check`: whole-file commands.

Core modules are imported inside the handlers: the GUI path loads this module too and must
not pay for SQLAlchemy before its window shows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbook.cli import (
    EXIT_OK,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
    say,
)
from workbook.core.errors import DocumentError
from workbook.core.lock import DocumentLock
from workbook.paths import AppDirs

_LABELS = {
    "person": "people",
    "target_organisation": "target organisations",
    "advice_kind": "advice kinds",
    "person_advice": "advice tags",
    "meeting": "meetings",
    "interaction": "interactions and follow-ups",
    "referral": "referrals",
    "give_back": "give-back entries",
}


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = add_subcommand(subparsers, "new", "create a new, empty workbook", workbook_option=False)
    new.add_argument("file", type=Path, metavar="FILE")

    sample = add_subcommand(
        subparsers, "sample", "create a sample workbook to explore", workbook_option=False
    )
    sample.add_argument("file", type=Path, metavar="FILE")
    sample.add_argument("--people", type=_positive, default=100, help="how many people (100)")
    sample.add_argument("--seed", type=int, default=7, help="random seed (7)")
    sample.add_argument("--force", action="store_true", help="replace FILE if it exists")

    check = add_subcommand(
        subparsers, "check", "check that a file is a healthy workbook", json_option=True
    )
    check.add_argument("file", type=Path, nargs="?", metavar="FILE")


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


@command("new")
def _new(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core import document

    path = args.file.expanduser().absolute()
    document.create(path).close()
    say(f"Created {path}")
    return EXIT_OK


@command("sample")
def _sample(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core import document
    from workbook.core.sample import build_sample

    path = args.file.expanduser().absolute()
    if path.exists():
        if not args.force:
            raise DocumentError(f"{path}: already exists (use --force to replace it)")
        document.inspect(path)  # only ever replace a workbook, never another kind of file
        with DocumentLock(path):
            path.unlink()
    summary = build_sample(path, people=args.people, seed=args.seed)
    say(f"Created the sample workbook {path}: {summary.people} people, {summary.meetings} meetings")
    return EXIT_OK


@command("check")
def _check(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core import document

    path = args.file.expanduser().absolute() if args.file else resolve_workbook(args, dirs)
    report = document.inspect(path)
    upgrade = "" if not report.needs_migration else f" (upgrades to {document.HEAD_REVISION})"
    if args.json:
        print_json(
            {
                "path": str(report.path),
                "healthy": True,
                "revision": report.revision,
                "current_revision": document.HEAD_REVISION,
                "needs_upgrade": report.needs_migration,
                "integrity": report.integrity,
                "counts": report.counts,
            }
        )
    else:
        print(f"{report.path}: healthy workbook")
        print(f"  schema revision: {report.revision or '(none)'}{upgrade}")
        print(f"  integrity: {report.integrity}")
        for table, count in report.counts.items():
            print(f"  {_LABELS.get(table, table)}: {count}")
    return EXIT_OK
