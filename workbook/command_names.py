"""The names of the command line's subcommands, known without importing their modules.

``cli.main`` tells "GUI or subcommand" from this set, so starting the GUI neither imports
``workbook.commands`` nor builds the subcommand parsers (bench/startup.py). A test checks
that it equals what the command modules register: add a new subcommand's name here too.
"""

from __future__ import annotations

SUBCOMMANDS = frozenset(
    {
        "backups",
        "check",
        "export",
        "gaps",
        "import",
        "meetings",
        "new",
        "people",
        "print",
        "rank",
        "restore",
        "sample",
        "target",
        "today",
    }
)
