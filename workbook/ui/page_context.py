"""What a step page gets from the main window when a workbook is open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar, QWidget

from workbook.paths import AppDirs
from workbook.ui.events import AppEvents

if TYPE_CHECKING:  # SQLAlchemy loads after the first paint (bench/startup.py)
    from workbook.core.db import SessionFactory


@dataclass(frozen=True)
class PageContext:
    """The open workbook's services and the app-wide plumbing a page may use.

    ``sessions`` opens units of work on the workbook; ``events`` is the one change signal
    (emit through ``events.notify("people", ...)`` after a mutation, refresh on
    ``events.changed``); ``undo_stack`` is the workbook's undo history (Edit menu,
    Ctrl+Z / Ctrl+Shift+Z); ``status`` shows quiet confirmations.
    """

    sessions: SessionFactory
    events: AppEvents
    undo_stack: QUndoStack
    status: QStatusBar
    dirs: AppDirs


# A step's real page: built with the context each time a workbook is opened.
PageFactory = Callable[[PageContext], QWidget]
