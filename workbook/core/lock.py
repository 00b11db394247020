"""A lock file beside a workbook so that only one window or program writes to it.

The operating system releases the lock when the process ends, so a crash leaves no stale
lock behind. (DESIGN.md names QLockFile; core stays Qt-free so the command line shares it.)
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from workbook.core.errors import AlreadyOpenError, DocumentError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path_for(document: Path) -> Path:
    return document.with_name(document.name + ".lock")


class DocumentLock:
    """Holds ``<file>.lock`` for as long as a workbook is open for writing."""

    def __init__(self, document: Path) -> None:
        self.document = document
        self.path = lock_path_for(document)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise DocumentError(
                    f"{self.document}: cannot create the lock file {self.path.name} beside it "
                    f"({exc.strerror or exc})"
                ) from exc
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise AlreadyOpenError(
                    f"{self.document}: already open in another window or program{holder}"
                )
            # Another process may have removed the lock file between our open and our lock;
            # then we hold a lock on a dead inode and must try again on the new file.
            if _same_file(fd, self.path):
                break
            _unlock(fd)
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> DocumentLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except (OSError, AttributeError):
        return ""
    return f" (process {text})" if text.isdigit() else ""
