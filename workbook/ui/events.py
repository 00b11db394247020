"""One app-level change signal: services say what changed, pages refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Emitted after a mutating service call, with the names of what changed ("people", …)."""

    changed = Signal(frozenset)

    def notify(self, *what: str) -> None:
        self.changed.emit(frozenset(what))
