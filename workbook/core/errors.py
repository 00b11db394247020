"""Errors a person can act on: each message names the file or thing and what is wrong."""

from __future__ import annotations


class WorkbookError(Exception):
    """A problem to show to the user as one clear line (never a traceback)."""


class DocumentError(WorkbookError):
    """A workbook file cannot be created, opened or written."""


class AlreadyOpenError(DocumentError):
    """Another window or program has the workbook open for writing."""
