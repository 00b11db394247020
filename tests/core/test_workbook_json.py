"""Whole-workbook JSON: the export (schema, every column, byte-identical), the round trip on
the sample, imports into new, empty and full workbooks, and merging without doubling."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select

from tests.core.workbook_json_helpers import SAMPLE_TODAY, SCHEMA
from tests.fixtures.make_workbook_schema import render
from workbook.core import document
from workbook.core.errors import WorkbookError
from workbook.core.formats.workbook_json import (
    TABLES,
    dumps,
    export_workbook,
    table,
    workbook_dict,
)
from workbook.core.formats.workbook_json_read import read_workbook_json
from workbook.core.formats.workbook_json_write import import_workbook_json
from workbook.core.models import Base, Person
from workbook.core.people import add_person
from workbook.core.sample import build_sample
from workbook.paths import resource


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    build_sample(path, people=120, today=SAMPLE_TODAY)
    return path


@pytest.fixture(scope="module")
def sample_json(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "sample.json"
    with document.read_only_sessions(sample) as sessions:
        export_workbook(sessions, out)
    return out


def export_bytes(path: Path) -> bytes:
    with document.read_only_sessions(path) as sessions:
        return dumps(workbook_dict(sessions))


def test_the_shipped_schema_is_the_one_the_models_give() -> None:
    shipped = resource("schema", "workbook-1.schema.json").read_text(encoding="utf-8")
    assert shipped == render(), "run: python -m tests.fixtures.make_workbook_schema"
    Draft202012Validator.check_schema(json.loads(shipped))


def test_the_sample_export_validates_against_the_schema(sample_json: Path) -> None:
    data = json.loads(sample_json.read_bytes())
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    assert list(validator.iter_errors(data)) == []
    assert data["format_version"] == 1
    assert data["people"] and data["meetings"] and data["tiara_notes"] and data["give_backs"]
    assert data["settings"]["paper_size"] == "letter"


def test_every_column_of_every_table_is_exported(sample_json: Path) -> None:
    data = json.loads(sample_json.read_bytes())
    exported = {"target": set(data["target"])} | {key: set(data[key][0]) for key, _ in TABLES}
    models = {m.__tablename__: m for m in Base.registry._class_registry.values()  # type: ignore[attr-defined]
              if isinstance(m, type) and hasattr(m, "__tablename__")}  # fmt: skip
    for name, model in models.items():
        if name == "setting":
            assert data["settings"]
            continue
        key = "target" if name == "target" else dict((table(m).name, k) for k, m in TABLES)[name]
        columns = {column.name for column in table(model).columns}
        assert exported[key] == columns, name
    assert set(models) == {table(m).name for _, m in TABLES} | {"target", "setting"}


def test_two_exports_are_byte_identical_sorted_and_dated_with_offsets(
    sample: Path, sample_json: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.json"
    with document.read_only_sessions(sample) as sessions:
        export_workbook(sessions, again)
    raw = sample_json.read_bytes()
    assert again.read_bytes() == raw
    assert raw == (json.dumps(json.loads(raw), sort_keys=True, ensure_ascii=False, indent=2)
                   + "\n").encode()  # fmt: skip
    assert "Zoë" in raw.decode("utf-8")  # UTF-8, not \u escapes
    data = json.loads(raw)
    assert [p["id"] for p in data["people"]] == sorted(p["id"] for p in data["people"])
    assert data["meetings"][0]["created_at"].endswith("+00:00")
    assert os.stat(sample_json).st_mode & 0o777 == 0o600


def test_fast_dumps_equals_json_dumps_on_awkward_shapes() -> None:
    for value in [{}, {"a": []}, {"a": [{}]}, {"t": [{"x": ["a"], "y": 1}, {"z": None}]},
                  {"a": {"b": [1, {"c": []}]}, "s": "李\n\"\\"}]:  # fmt: skip
        expected = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
        assert dumps(value) == expected.encode()


def test_round_trip_on_the_sample_gives_the_identical_file(
    sample_json: Path, tmp_path: Path
) -> None:
    new = tmp_path / "copy.workbook"
    summary = import_workbook_json(read_workbook_json(sample_json), new)
    assert summary.created and not summary.merged
    assert summary.people_added == len(json.loads(sample_json.read_bytes())["people"])
    assert export_bytes(new) == sample_json.read_bytes()
    assert os.stat(new).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.workbook"]  # no temp left
    document.open_document(new).close()  # a normal workbook: opens, checks, locks


def test_import_fills_a_new_empty_workbook_with_the_exact_rows(
    sample_json: Path, new_workbook: Path
) -> None:
    summary = import_workbook_json(read_workbook_json(sample_json), new_workbook)
    assert not summary.created and not summary.merged
    assert export_bytes(new_workbook) == sample_json.read_bytes()


def test_import_into_a_workbook_with_people_is_refused_without_merge(
    sample_json: Path, new_workbook: Path
) -> None:
    with document.open_document(new_workbook) as doc:
        add_person(doc.sessions, name="Zoë Ångström", email="zoe@example.se")
    before = new_workbook.read_bytes()
    with pytest.raises(WorkbookError, match=r"already has 1 person; add --merge"):
        import_workbook_json(read_workbook_json(sample_json), new_workbook)
    assert new_workbook.read_bytes() == before


def test_merging_an_export_into_its_own_workbook_changes_nothing(
    sample: Path, sample_json: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "own.workbook"
    copy.write_bytes(sample.read_bytes())
    summary = import_workbook_json(read_workbook_json(sample_json), copy, merge=True)
    assert summary.merged and summary.people_added == 0
    assert summary.people_matched == len(json.loads(sample_json.read_bytes())["people"])
    assert set(summary.counts.values()) == {0}
    assert export_bytes(copy) == sample_json.read_bytes()


def test_merge_adds_the_others_remaps_every_reference_and_never_doubles(
    sample_json: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.workbook"
    build_sample(other, people=40, seed=3, today=SAMPLE_TODAY)
    with document.open_document(other) as doc:
        zoe = add_person(doc.sessions, name="Zoë Ångström", email="ZOE@example.se")
        before = _people(doc.sessions)
    data = read_workbook_json(sample_json)
    first = import_workbook_json(data, other, merge=True)
    assert first.people_matched >= 1 and first.people_added >= 1
    assert first.people_added + first.people_matched == len(data.tables["people"])
    with document.open_document(other) as doc:
        after = _people(doc.sessions)
        query = select(Person.email).where(Person.email != "", Person.deleted_at.is_(None))
        with doc.sessions() as session:
            emails = [email.casefold() for email in session.scalars(query)]
    assert len(after) == len(before) + first.people_added
    assert len(emails) == len(set(emails)), "someone was doubled"
    assert zoe in after
    # Every reference points at a row of this workbook (the deferred foreign keys held).
    with document.open_document(other) as doc, doc.sessions() as session:
        db = session.connection().connection.driver_connection
        assert db is not None
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    merged_once = export_bytes(other)
    second = import_workbook_json(data, other, merge=True)
    assert second.people_added == 0 and set(second.counts.values()) == {0}
    assert export_bytes(other) == merged_once


def test_merge_fills_blank_fields_of_a_matched_person(tmp_path: Path) -> None:
    source = tmp_path / "source.workbook"
    dest = tmp_path / "dest.workbook"
    with document.create(source) as doc:
        add_person(
            doc.sessions,
            name="Олег Петров",
            email="oleg@example.ru",
            phone="+7 912 345 67 89",
            title="Engineer",
            notes="Met at the meetup",
        )
    with document.create(dest) as doc:
        kept = add_person(doc.sessions, name="Oleg Petrov", email="OLEG@example.ru")
    out = tmp_path / "source.json"
    with document.read_only_sessions(source) as sessions:
        export_workbook(sessions, out)
    summary = import_workbook_json(read_workbook_json(out), dest, merge=True)
    assert (summary.people_added, summary.people_matched) == (0, 1)
    with document.read_only_sessions(dest) as sessions, sessions() as session:
        person = session.get(Person, kept)
        assert person is not None
        assert (person.name, person.phone, person.title) == ("Oleg Petrov", "+7 912 345 67 89",
                                                             "Engineer")  # fmt: skip
        assert "Met at the meetup" in person.notes


def _people(sessions: Any) -> set[int]:
    with sessions() as session:
        return set(session.scalars(select(Person.id).where(Person.deleted_at.is_(None))))


def test_counts_in_the_summary_match_the_file(sample_json: Path, tmp_path: Path) -> None:
    data = read_workbook_json(sample_json)
    summary = import_workbook_json(data, tmp_path / "n.workbook")
    assert summary.counts == data.counts()
    with document.read_only_sessions(tmp_path / "n.workbook") as sessions, sessions() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == summary.counts["people"]
