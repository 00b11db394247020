"""Subcommands of the `workbook` command line, one module per area; each registers itself."""

from workbook.commands import document_commands, people_commands, target_commands  # noqa: F401
