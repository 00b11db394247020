"""`workbook export json` and `workbook import json`: the whole workbook as one JSON file.

``workbook export json -o OUT.json [--workbook FILE]`` writes every record (read-only open, so
it works while the app has the workbook open). ``workbook import json IN.json --workbook
NEW.workbook [--merge] [--json]`` creates a workbook from such a file, fills an empty one, or
with --merge merges it into one that has people. ``import`` is the contacts command's
subcommand name; its handler hands ``import json ...`` to ``import_json_command``.

Core modules are imported inside the handlers: the GUI path loads this module too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.cli import EXIT_OK, add_subcommand, print_json, resolve_workbook, say
from workbook.commands.export_commands import export_command, export_parser_builder
from workbook.core.errors import WorkbookError
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.formats.workbook_json_write import ImportSummary

IMPORT_USAGE = "usage: workbook import json IN.json --workbook NEW.workbook [--merge] [--json]"


@export_parser_builder
def _export_parser(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = add_subcommand(
        kinds,
        "json",
        "the whole workbook as one JSON file (every record; docs/workbook-json.md)",
        json_option=True,
    )
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT", help="the file to write"
    )


@export_command("json")
def _export_json(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.commands.people_commands import open_for_reading
    from workbook.core.formats.workbook_json import export_workbook

    output = args.output.expanduser().absolute()
    path = resolve_workbook(args, dirs)
    if output.exists() and output.resolve() == path.resolve():
        raise WorkbookError(f"{output}: is the workbook itself; choose another name")
    with open_for_reading(path, dirs) as sessions:
        summary = export_workbook(sessions, output)
    if args.json:
        print_json(
            {"workbook": str(path), "path": str(output), "format": "json", "counts": summary.counts}
        )
    else:
        noun = "person" if summary.people == 1 else "people"
        say(f"Exported {summary.people} {noun} and every record to {output}")
    return EXIT_OK


def import_json_command(args: argparse.Namespace, dirs: AppDirs) -> int:
    """`workbook import json IN.json --workbook NEW.workbook [--merge] [--json]`."""
    from workbook.core.formats.workbook_json_read import read_workbook_json
    from workbook.core.formats.workbook_json_write import import_workbook_json

    files = list(args.files[1:])
    if len(files) != 1:
        raise WorkbookError(f"import json takes one JSON file ({IMPORT_USAGE})")
    if getattr(args, "workbook", None) is None:
        raise WorkbookError(
            f"import json needs --workbook: the new workbook to create, or one to merge into "
            f"({IMPORT_USAGE})"
        )
    source = files[0].expanduser().absolute()
    destination = args.workbook.expanduser().absolute()
    if getattr(args, "dry_run", False):
        raise WorkbookError("import json has no --dry-run; it checks the whole file first")
    data = read_workbook_json(source)  # every check before anything is written
    summary = import_workbook_json(data, destination, merge=bool(getattr(args, "merge", False)))
    if getattr(args, "json", False):
        print_json(summary.as_json())
    else:
        say(import_text(summary))
    return EXIT_OK


def import_text(summary: ImportSummary) -> str:
    """One line: what the import made of the file."""
    people = summary.people_added
    noun = "person" if people == 1 else "people"
    if summary.created:
        return f"Created {summary.workbook} with {people} {noun} and every record from the file"
    if not summary.merged:
        return f"Imported {people} {noun} and every record into {summary.workbook}"
    matched = summary.people_matched
    others = sum(n for key, n in summary.counts.items() if key != "people")
    return (
        f"Merged into {summary.workbook}: {people} {noun} added, {matched} matched people "
        f"already there (not doubled), {others} other records added"
    )
