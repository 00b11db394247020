"""Building a PDF off the UI thread: progress, Cancel, and newer requests replacing older ones.

A build is a function of the report builders' ``progress`` callback returning the PDF bytes.
It runs on a one-thread pool (the machine may have two cores, and one build at a time keeps
SQLite readers few), and reports back through Qt signals only: nothing here touches a widget
from the worker thread. Cancelling sets a flag that the progress callback checks, so a long
build stops at its next page; whatever a cancelled or superseded build returns is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbook.core.errors import WorkbookError

Build = Callable[[Callable[[int, int], None]], bytes]


class BuildCancelled(Exception):
    """Raised inside a build, from its progress callback, once the build was cancelled."""


class _Relay(QObject):
    """Carries a worker's news to the UI thread (it lives there; emitting is thread-safe)."""

    progress = Signal(int, int, int)  # job, done, total
    finished = Signal(int, object)  # job, bytes
    failed = Signal(int, str)  # job, message ("" when cancelled)


@dataclass
class _Job:
    number: int
    build: Build
    relay: _Relay
    cancelled: threading.Event = field(default_factory=threading.Event)


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.job = job
        # The runner keeps this object until the UI thread has heard the outcome, so Python
        # (not the pool) decides when it goes, always on the UI thread.
        self.setAutoDelete(False)

    def run(self) -> None:
        job = self.job

        def progress(done: int, total: int) -> None:
            if job.cancelled.is_set():
                raise BuildCancelled
            job.relay.progress.emit(job.number, done, total)

        try:
            if job.cancelled.is_set():
                raise BuildCancelled
            data = job.build(progress)
        except BuildCancelled:
            job.relay.failed.emit(job.number, "")
        except WorkbookError as exc:
            job.relay.failed.emit(job.number, str(exc))
        except Exception as exc:  # a bug in a builder must not take the app down
            job.relay.failed.emit(job.number, f"the PDF could not be made ({exc!r})")
        else:
            job.relay.finished.emit(job.number, data)


class BuildRunner(QObject):
    """Runs one build at a time for a page; only the newest request's outcome is reported.

    ``started()`` when a build is requested, ``progress(done, total)`` as it goes, then one of
    ``finished(bytes)``, ``failed(message)`` or ``cancelled()`` for the newest build.
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is made before the relay, so it is deleted first: its destructor waits for
        # the worker, which then never emits on a relay already gone.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_relay_progress)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)
        self._count = 0
        self._running: dict[int, _Runnable] = {}

    @property
    def busy(self) -> bool:
        """Whether the newest build is still under way."""
        return self._count in self._running and not self._newest_cancelled()

    def start(self, build: Build) -> int:
        """Run ``build``; any earlier one still running is cancelled. Returns its number."""
        for runnable in self._running.values():
            runnable.job.cancelled.set()
        self._count += 1
        runnable = _Runnable(_Job(self._count, build, self._relay))
        self._running[self._count] = runnable
        self.pool.start(runnable)
        self.started.emit()
        return self._count

    def cancel(self, quiet: bool = False) -> None:
        """Stop the newest build (and any older one); ``cancelled()`` follows at once
        unless ``quiet``."""
        if not self.busy:
            return
        for runnable in self._running.values():
            runnable.job.cancelled.set()
        if not quiet:
            self.cancelled.emit()

    def wait(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for the worker to be idle (closing the workbook)."""
        for runnable in self._running.values():
            runnable.job.cancelled.set()
        return self.pool.waitForDone(msecs)

    def _newest_cancelled(self) -> bool:
        runnable = self._running.get(self._count)
        return runnable is None or runnable.job.cancelled.is_set()

    def _is_newest(self, number: int) -> bool:
        return number == self._count and not self._newest_cancelled()

    def _on_relay_progress(self, number: int, done: int, total: int) -> None:
        if self._is_newest(number):
            self.progress.emit(done, total)

    def _on_relay_finished(self, number: int, data: object) -> None:
        newest = self._is_newest(number)
        self._running.pop(number, None)
        if newest:
            assert isinstance(data, bytes)
            self.finished.emit(data)

    def _on_relay_failed(self, number: int, message: str) -> None:
        newest = self._is_newest(number)
        self._running.pop(number, None)
        if newest:
            self.failed.emit(message or "The PDF was not made.")
