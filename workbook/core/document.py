"""Open, create, check, lock, copy and migrate a workbook file.

A workbook is one SQLite file (``.workbook``). Opening checks everything read-only first
(it exists, is an SQLite database, is ours, is intact, is not from a newer version, can be
written), so a bad file is reported in one clear line and never modified.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import Engine

from workbook.core.db import APPLICATION_ID, SessionFactory, make_engine, make_session_factory
from workbook.core.errors import DocumentError, WorkbookError
from workbook.core.files import atomic_path
from workbook.core.lock import DocumentLock

FILE_SUFFIX = ".workbook"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Every schema revision this version knows, oldest first. A test checks it against Alembic;
# keeping it here spares importing Alembic when no migration is needed (most opens).
KNOWN_REVISIONS: tuple[str, ...] = ("0001",)
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

COUNTED_TABLES = (
    "person",
    "target_organisation",
    "advice_kind",
    "person_advice",
    "meeting",
    "interaction",
    "referral",
    "give_back",
)


@dataclass(frozen=True)
class FileReport:
    """What a read-only look at a workbook file found (``workbook check``)."""

    path: Path
    revision: str
    integrity: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def needs_migration(self) -> bool:
        return self.revision != HEAD_REVISION


class Document:
    """An open workbook: its engine, its session factory and its lock."""

    def __init__(self, path: Path, engine: Engine, lock: DocumentLock) -> None:
        self.path = path
        self.engine = engine
        self.sessions: SessionFactory = make_session_factory(engine)
        self._lock = lock

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def is_open(self) -> bool:
        return self._lock.held

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def save_copy_as(self, destination: Path) -> None:
        """Write a consistent copy with SQLite's backup API (the document stays this one)."""
        destination = Path(destination).expanduser().absolute()
        if destination.exists() and destination.resolve() == self.path.resolve():
            raise DocumentError(f"{destination}: is the open workbook; choose another name")
        with DocumentLock(destination):  # refuses a copy over a workbook open elsewhere
            backup_to(self.path, destination)

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def create(path: Path) -> Document:
    """Create a new, empty workbook (mode 0600) and open it. Refuses to overwrite."""
    path = Path(path).expanduser().absolute()
    if path.exists():
        raise DocumentError(f"{path}: already exists; choose another name or open it")
    if not path.parent.is_dir():
        raise DocumentError(f"{path}: the folder {path.parent} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot create it here ({exc.strerror or exc})") from exc
    os.close(fd)  # mkstemp made it 0600: personal data from the first byte
    tmp = Path(tmp_name)
    try:
        _build_new(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        # A hard link never replaces a file created meanwhile; a plain rename is the fallback
        # on file systems without links.
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise DocumentError(f"{path}: already exists; choose another name") from None
        except OSError:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return open_document(path)


def open_document(path: Path, backups_dir: Path | None = None) -> Document:
    """Open a workbook for writing, migrating it (after a backup copy) when it is older."""
    path = Path(path).expanduser().absolute()
    report = inspect(path)
    _check_writable(path)
    lock = DocumentLock(path)
    lock.acquire()
    try:
        if backups_dir is not None:
            _daily_backup(path, backups_dir)
        if report.needs_migration:
            if backups_dir is not None:
                backup_before_migration(path, backups_dir)
            _migrate(path)
        doc = Document(path, make_engine(path), lock)
        _seed_builtins(doc.sessions)
        return doc
    except BaseException:
        lock.release()
        raise


def inspect(path: Path) -> FileReport:
    """Check a workbook file without writing to it; raises DocumentError naming the problem."""
    path = Path(path).expanduser().absolute()
    _check_file(path)
    try:
        with _read_only(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DocumentError(f"{path}: is an SQLite database but not a workbook")
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DocumentError(f"{path}: is damaged ({problems[0]})")
            revision = _revision(conn, path)
            counts = _counts(conn)
    except sqlite3.DatabaseError as exc:
        raise DocumentError(f"{path}: is damaged or not a workbook ({exc})") from exc
    return FileReport(path=path, revision=revision, integrity="ok", counts=counts)


@contextlib.contextmanager
def read_only_sessions(path: Path, backups_dir: Path | None = None) -> Iterator[SessionFactory]:
    """Sessions for reading a workbook, even while the app has it open (no lock taken).

    A bad file raises DocumentError and stays untouched. An older workbook is opened for
    writing and upgraded first, as the app would (so the models can read it).
    """
    path = Path(path).expanduser().absolute()
    if inspect(path).needs_migration:
        with open_document(path, backups_dir=backups_dir) as doc:
            yield doc.sessions
        return
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(
        f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true", poolclass=NullPool
    )
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def backup_to(source: Path, destination: Path) -> None:
    """Copy a workbook with SQLite's online backup API, atomically, mode 0600."""
    with atomic_path(destination) as tmp:
        src = sqlite3.connect(source)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        except sqlite3.Error as exc:
            # SQLite words a failed write as "disk I/O error"; most often the disk is full.
            full = (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)
            why = f"the disk is full or cannot be written ({exc})" if full else str(exc)
            raise DocumentError(f"{destination}: the copy failed: {why}") from exc
        finally:
            dst.close()
            src.close()


def backup_before_migration(path: Path, backups_dir: Path) -> Path:
    """The copy kept before an upgrade, in the workbook's backups folder (see backups.py)."""
    from workbook.core.backups import BEFORE_UPGRADE, backup_now

    return backup_now(path, backups_dir, BEFORE_UPGRADE)


def _daily_backup(path: Path, backups_dir: Path) -> None:
    # At most one copy a day, and a single folder listing otherwise (open stays quick). A copy
    # that cannot be made must not keep a person from their workbook: it is logged instead.
    from workbook.core.backups import daily_backup_if_due

    try:
        daily_backup_if_due(path, backups_dir)
    except WorkbookError as exc:
        logging.getLogger(__name__).warning("no daily backup: %s", exc)


def _build_new(path: Path) -> None:
    from workbook.core import models
    from workbook.core.advice import ensure_builtin_kinds
    from workbook.core.question_texts import ensure_builtin_questions

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(path, engine)
        with make_session_factory(engine).begin() as session:
            session.add(models.Target(id=1))
            ensure_builtin_kinds(session)
            ensure_builtin_questions(session)
    finally:
        engine.dispose()


def _seed_builtins(sessions: SessionFactory) -> None:
    """Built-in rows a later version added (questions): nothing is written when none is missing."""
    from workbook.core.question_texts import seed_question_bank

    seed_question_bank(sessions)


def _migrate(path: Path, engine: Engine | None = None) -> None:
    # Alembic is imported only here: most opens need no migration and start faster.
    from alembic import command
    from alembic.config import Config

    own_engine = engine is None
    engine = engine or make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except Exception as exc:
        raise DocumentError(
            f"{path}: the upgrade to schema {HEAD_REVISION} failed ({exc})"
        ) from exc
    finally:
        if own_engine:
            engine.dispose()


def _check_file(path: Path) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentError(f"{path}: does not exist") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{path}: is a folder, not a workbook file")
    if info.st_size == 0:
        raise DocumentError(f"{path}: is empty (0 bytes), not a workbook")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not header.startswith(SQLITE_MAGIC):
        raise DocumentError(f"{path}: is not a workbook (not an SQLite database)")
    if len(header) < 100:
        raise DocumentError(f"{path}: is truncated ({info.st_size} bytes)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header page count is trustworthy when the two change counters agree.
    if header[24:28] == header[92:96] and info.st_size < pages * page_size:
        raise DocumentError(
            f"{path}: is truncated ({info.st_size} bytes of {pages * page_size} expected)"
        )


def _check_writable(path: Path) -> None:
    info = path.stat()
    # Root passes os.access on any file, so the permission bits decide too.
    if not os.access(path, os.W_OK) or not info.st_mode & stat.S_IWUSR:
        raise DocumentError(f"{path}: is read-only; make it writable or save a copy elsewhere")
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & stat.S_IWUSR:
        raise DocumentError(
            f"{path}: its folder is read-only (a workbook writes a journal file beside itself)"
        )


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    uri = f"file:{quote(str(path))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in COUNTED_TABLES
        if table in tables
    }
    if "person" in counts:  # people deleted with undo kept are not on the list
        counts["person"] = conn.execute(
            "SELECT count(*) FROM person WHERE deleted_at IS NULL"
        ).fetchone()[0]
    return counts


def _revision(conn: sqlite3.Connection, path: Path) -> str:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        raise DocumentError(f"{path}: is not a workbook (it has no schema revision)")
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = "" if row is None else str(row[0])
    if revision and revision not in KNOWN_REVISIONS:
        raise DocumentError(
            f"{path}: was made by a newer version of the app (schema {revision}); "
            "update the app to open it"
        )
    return revision
