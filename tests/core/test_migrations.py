"""Schema revisions: every released revision's fixture upgrades, and models match migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select

from workbook.core import document
from workbook.core.backups import list_backups
from workbook.core.db import Base
from workbook.core.models import Person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "revisions"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(document.MIGRATIONS_DIR))
    return config


def test_known_revisions_match_alembic_history() -> None:
    script = ScriptDirectory.from_config(_config())
    history = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(history) == document.KNOWN_REVISIONS
    assert script.get_current_head() == document.HEAD_REVISION


def test_every_released_revision_has_a_fixture() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.workbook")) == list(document.KNOWN_REVISIONS)


def test_models_and_migrations_agree(new_workbook: Path) -> None:
    engine = create_engine(f"sqlite:///{new_workbook}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diffs == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.workbook")), ids=lambda p: p.stem)
def test_each_fixture_upgrades_to_head_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    backups = tmp_path / "backups"
    with document.open_document(path, backups_dir=backups) as doc, doc.sessions() as session:
        people = {p.name: p for p in session.scalars(select(Person))}
        assert set(people) == {"Zoë Ångström", "李小龙"}
        assert people["李小龙"].introduced_by_id == people["Zoë Ångström"].id
    assert document.inspect(path).revision == document.HEAD_REVISION
    migrated = fixture.stem != document.HEAD_REVISION
    reasons = [copy.reason for copy in list_backups(path, backups)]
    assert ("before upgrade" in reasons) == migrated


def test_an_older_file_is_backed_up_before_it_is_migrated(
    new_workbook: Path, tmp_path: Path
) -> None:
    # Take a workbook back to the empty base revision, then open it: the app must copy it
    # aside before upgrading.
    engine = create_engine(f"sqlite:///{new_workbook}")
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    engine.dispose()
    assert document.inspect(new_workbook).needs_migration

    backups = tmp_path / "backups"
    document.open_document(new_workbook, backups_dir=backups).close()
    assert document.inspect(new_workbook).revision == document.HEAD_REVISION
    (copy,) = [c.path for c in list_backups(new_workbook, backups) if c.reason != "daily"]
    assert "before upgrade" in copy.name
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 0
    finally:
        conn.close()
