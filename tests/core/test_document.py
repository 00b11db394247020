"""Creating, opening, locking, copying and refusing workbook files."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from workbook.core import document
from workbook.core.db import APPLICATION_ID
from workbook.core.errors import AlreadyOpenError, DocumentError
from workbook.core.models import AdviceKind, Person, Target
from workbook.core.people import add_person, count_people


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_makes_a_private_sqlite_workbook_at_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "mine.workbook"
    with document.create(path) as doc:
        assert doc.name == "mine"
        with doc.sessions() as session:
            assert session.get(Target, 1) is not None
            assert len(session.scalars(select(AdviceKind)).all()) == 12
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    finally:
        conn.close()
    assert not list(tmp_path.glob(".*part")), "no temporary file left behind"
    assert not document.inspect(path).needs_migration


def test_create_refuses_to_overwrite(new_workbook: Path) -> None:
    before = digest(new_workbook)
    with pytest.raises(DocumentError, match="already exists"):
        document.create(new_workbook)
    assert digest(new_workbook) == before


def test_create_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        document.create(tmp_path / "nowhere" / "x.workbook")


def test_edits_are_committed_as_they_happen(new_workbook: Path) -> None:
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "Zoë Ångström")
    with document.open_document(new_workbook) as doc:
        assert count_people(doc.sessions) == 1
        with doc.sessions() as session:
            assert session.scalars(select(Person.name)).one() == "Zoë Ångström"


def test_a_second_writer_is_refused_until_the_first_closes(new_workbook: Path) -> None:
    first = document.open_document(new_workbook)
    try:
        with pytest.raises(AlreadyOpenError, match=r"already open .*process \d+"):
            document.open_document(new_workbook)
    finally:
        first.close()
    assert not (new_workbook.parent / "fresh.workbook.lock").exists()
    document.open_document(new_workbook).close()


def test_a_lock_held_by_another_process_is_respected(new_workbook: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, time\n"
        "from workbook.core import document\n"
        f"doc = document.open_document(__import__('pathlib').Path({str(new_workbook)!r}))\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
        "doc.close()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            assert child.stdout.readline().strip() == "open"
            with pytest.raises(AlreadyOpenError, match=f"process {child.pid}"):
                document.open_document(new_workbook)
        finally:
            child.stdin.write("\n")
            child.stdin.flush()
            child.wait(timeout=30)
    document.open_document(new_workbook).close()


def _not_sqlite(path: Path) -> None:
    path.write_text("name,email\nZoë,zoe@example.com\n", encoding="utf-8")


def _junk(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    document.create(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _header_only(path: Path) -> None:
    document.create(path).close()
    path.write_bytes(path.read_bytes()[:60])


def _corrupt(path: Path) -> None:
    document.create(path).close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 20), 7):
        data[offset] = 0xA5  # scribble over b-tree pages, keep the header intact
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    document.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _no_revision_table(path: Path) -> None:
    _other_sqlite(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "text": (_not_sqlite, "not a workbook"),
    "junk": (_junk, "not a workbook"),
    "empty": (_empty, "is empty"),
    "other sqlite": (_other_sqlite, "not a workbook"),
    "truncated": (_truncated, "truncated"),
    "header only": (_header_only, "truncated"),
    "corrupt": (_corrupt, "damaged"),
    "newer": (_newer, "newer version"),
    "no revision": (_no_revision_table, "not a workbook"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_clearly_and_left_untouched(tmp_path: Path, case: str) -> None:
    make, expected = BAD_FILES[case]
    path = tmp_path / f"{case}.workbook"
    make(path)
    before = digest(path)
    for attempt in (document.open_document, document.inspect):
        with pytest.raises(DocumentError) as caught:
            attempt(path)
        message = str(caught.value)
        assert message.startswith(f"{path}: ")
        assert expected in message
        assert "\n" not in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], "nothing else written"


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        document.open_document(tmp_path / "gone.workbook")
    folder = tmp_path / "folder.workbook"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        document.open_document(folder)


def test_a_read_only_file_is_refused_and_unchanged(new_workbook: Path) -> None:
    new_workbook.chmod(0o400)
    before = digest(new_workbook)
    try:
        with pytest.raises(DocumentError, match="is read-only"):
            document.open_document(new_workbook)
        assert document.inspect(new_workbook).integrity == "ok"  # still readable
    finally:
        new_workbook.chmod(0o600)
    assert digest(new_workbook) == before


def test_a_read_only_folder_is_refused(new_workbook: Path) -> None:
    before = digest(new_workbook)
    new_workbook.parent.chmod(0o500)
    try:
        with pytest.raises(DocumentError, match="folder is read-only"):
            document.open_document(new_workbook)
    finally:
        new_workbook.parent.chmod(0o700)
    assert digest(new_workbook) == before


def test_save_a_copy_as_writes_a_consistent_private_copy(
    new_workbook: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.workbook"
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, "李小龙")
        doc.save_copy_as(copy)
        with pytest.raises(DocumentError, match="is the open workbook"):
            doc.save_copy_as(new_workbook)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert document.inspect(copy).counts["person"] == 1
    with document.open_document(copy) as doc:
        assert count_people(doc.sessions) == 1


def test_save_a_copy_over_a_workbook_open_elsewhere_is_refused(tmp_path: Path) -> None:
    first = document.create(tmp_path / "a.workbook")
    second = document.create(tmp_path / "b.workbook")
    try:
        before = digest(second.path)
        with pytest.raises(AlreadyOpenError):
            first.save_copy_as(second.path)
        assert digest(second.path) == before
    finally:
        first.close()
        second.close()
