"""Subcommands of the `workbook` command line, one module per area; each registers itself."""

from workbook.commands import (  # noqa: F401
    advice_commands,
    backup_commands,
    document_commands,
    export_commands,
    json_commands,
    meeting_commands,
    people_commands,
    print_commands,
    target_commands,
)
