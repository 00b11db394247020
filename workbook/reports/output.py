"""Handing a finished PDF to the file system, and the progress callback report builders take."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbook.core import files

# Report builders call this with (pages or sheets done, total) as they go; it may be None.
Progress = Callable[[int, int], None]


def save_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the old file stays whole if anything fails.

    Raises WorkbookError naming the path (a read-only folder, a full disk, a missing folder).
    PDFs are written readable by others (0644), like any document a person saves.
    """
    path = Path(path)
    files.write_bytes(path, data, mode=0o644)


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Call ``progress`` if there is one (so builders need no ``if`` at every step)."""
    if progress is not None:
        progress(done, total)
