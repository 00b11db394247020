"""`workbook import`, `workbook people` and `workbook export people`.

Core modules are imported inside the handlers: the GUI path loads this module too and must
not pay for SQLAlchemy before its window shows. Contact files are read before the workbook is
touched, so a file that cannot be read leaves the workbook exactly as it was; reading commands
open the workbook read-only, so they work while it is open in the app.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
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
from workbook.commands.export_commands import export_command, export_parser_builder
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.db import SessionFactory
    from workbook.core.importing import ImportPlan, ImportResult
    from workbook.core.people import PersonRow

# Kept here as text so that building the parser imports no core module (a test checks them).
FORMATS = ("linkedin", "google", "outlook", "vcard", "csv")
CIRCLES = ("family", "friends", "neighbours", "work", "school", "services", "community",
           "parents", "online", "events", "other")  # fmt: skip
EXPORT_FORMATS = ("csv", "vcard")


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = add_subcommand(
        subparsers,
        "import",
        "add people from contact files (LinkedIn, Google, Outlook, vCard or CSV); "
        "`import json IN.json --workbook NEW.workbook` makes one from a whole-workbook export",
        json_option=True,
    )
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imp.add_argument(
        "--merge",
        action="store_true",
        help="import json: merge into a workbook that has people (matching people are merged)",
    )
    imp.add_argument(
        "--format", choices=("auto", *FORMATS), default="auto", help="the files' format (auto)"
    )
    imp.add_argument(
        "--circle", choices=CIRCLES, default="other", help="circle for the people added (other)"
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would be added, merged and skipped"
    )

    add_subcommand(subparsers, "people", "list the people on the list", json_option=True)


@export_parser_builder
def _export_parser(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = add_subcommand(kinds, "people", "the people on the list as CSV or vCard")
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, help="csv or vcard (default: from OUT's extension)"
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")


@contextlib.contextmanager
def open_for_reading(path: Path, dirs: AppDirs) -> Iterator[SessionFactory]:
    """Sessions on the workbook, read-only (works while it is open in the app)."""
    from workbook.core.document import read_only_sessions

    with read_only_sessions(path, dirs.backups) as sessions:
        yield sessions


# ---------------------------------------------------------------- workbook import


@command("import")
def _import(args: argparse.Namespace, dirs: AppDirs) -> int:
    if [str(f) for f in args.files][:1] == ["json"]:  # `workbook import json IN.json`
        from workbook.commands.json_commands import import_json_command

        return import_json_command(args, dirs)
    from workbook.core import document
    from workbook.core.formats.contacts import read_contacts
    from workbook.core.people import apply_import, plan_imports

    files = [read_contacts(path, args.format) for path in args.files]  # all read, or nothing
    results: list[ImportResult | None]
    path = resolve_workbook(args, dirs)
    if args.dry_run:
        with open_for_reading(path, dirs) as sessions:
            plans = plan_imports(sessions, files, args.circle)
        results = [None] * len(plans)
    else:
        with document.open_document(path, backups_dir=dirs.backups) as doc:
            plans = plan_imports(doc.sessions, files, args.circle)
            results = [apply_import(doc.sessions, plan) for plan in plans]
    names = [str(p) for p in args.files]
    if args.json:
        print_json(
            {
                "workbook": str(path),
                "dry_run": args.dry_run,
                "files": [
                    import_json(name, plan, result)
                    for name, plan, result in zip(names, plans, results, strict=True)
                ],
            }
        )
        return EXIT_OK
    for name, plan, result in zip(names, plans, results, strict=True):
        print(import_text(name, plan, result), end="")
    if args.dry_run:
        say("Dry run: nothing was written.")
    return EXIT_OK


def import_text(name: str, plan: ImportPlan, result: ImportResult | None) -> str:
    """The summary line, then one line per skipped record and per near miss to check."""
    from workbook.core.importing import FORMAT_LABELS

    label = FORMAT_LABELS.get(plan.source.format, plan.source.format)
    if result is None:
        c = plan.counts
        head = f"{name} ({label}): would add {c['add']}, merge {c['merge']}, skip {c['skip']}"
    else:
        c = result.counts
        head = f"{name} ({label}): added {c['add']}, merged {c['merge']}, skipped {c['skip']}"
    lines = [head]
    for item in plan.items:  # in line order
        if item.action == "skip":
            lines.append(f"{name}:{item.line}: {item.reason}")
        elif item.action == "add" and item.similar_to:
            lines.append(f"{name}:{item.line}: {item.name} added; {item.reason}")
    return "\n".join(lines) + "\n"


def import_json(name: str, plan: ImportPlan, result: ImportResult | None) -> dict[str, Any]:
    return {
        "file": name,
        "format": plan.source.format,
        "encoding": plan.source.encoding,
        "counts": dict(plan.counts if result is None else result.counts),
        "added_ids": [] if result is None else list(result.added_ids),
        "items": [
            {
                "line": item.line,
                "action": item.action,
                "name": item.name,
                "reason": item.reason,
                "person_id": item.person_id,
                "similar_to": [m.person_id for m in item.similar_to if m.line is None],
            }
            for item in plan.items
        ],
    }


# ---------------------------------------------------------------- workbook people


@command("people")
def _people(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.people import GOAL, list_people

    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        rows = list_people(sessions)
    if args.json:
        print_json([person_json(row) for row in rows])
        return EXIT_OK
    if not rows:
        say("No one on the list yet: add people in the app, or `workbook import FILE`.")
        return EXIT_OK
    print(people_text(rows), end="")
    say(f"{len(rows)} of {GOAL} people")
    return EXIT_OK


def person_json(row: PersonRow) -> dict[str, Any]:
    """A person for JSON: every PersonRow field, dates in ISO 8601, lists for tuples."""
    return {
        "id": row.id,
        "name": row.name,
        "circle": row.circle,
        "circle_detail": row.circle_detail,
        "strength": row.strength,
        "how_we_know": row.how_we_know,
        "email": row.email,
        "phone": row.phone,
        "profile_url": row.profile_url,
        "organisation": row.organisation,
        "title": row.title,
        "location": row.location,
        "notes": row.notes,
        "knows_people_at": list(row.knows_people_at),
        "introduced_by_id": row.introduced_by_id,
        "introduced_by": row.introduced_by,
        "advice": list(row.advice),
        "last_contact": row.last_contact.isoformat() if row.last_contact else None,
        "status": row.status,
        "connected_on": row.connected_on.isoformat() if row.connected_on else None,
        "source": row.source,
        "created_at": row.created_at.isoformat(),
    }


def people_text(rows: list[PersonRow]) -> str:
    """One line per person: name, what they do and where, circle and strength."""
    from workbook.core.circles import circle_label, strength_label

    width = len(str(rows[-1].id)) if rows else 1
    lines = []
    for row in rows:
        work = ", ".join(part for part in (row.title, row.organisation) if part)
        kind = f"{circle_label(row.circle)}, {strength_label(row.strength)}"
        lines.append(
            f"{row.id:>{width}}  {row.name}" + (f" — {work}" if work else "") + f" ({kind})"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- workbook export people


@export_command("people")
def _export_people(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.formats.contacts import write_people_csv, write_people_vcard
    from workbook.core.people import list_people

    out: Path = args.output.expanduser().absolute()
    fmt = args.format or ("vcard" if out.suffix.lower() in (".vcf", ".vcard") else "csv")
    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        rows = list_people(sessions)
    (write_people_vcard if fmt == "vcard" else write_people_csv)(out, rows)
    say(f"Exported {len(rows)} {'person' if len(rows) == 1 else 'people'} to {out} ({fmt})")
    return EXIT_OK
