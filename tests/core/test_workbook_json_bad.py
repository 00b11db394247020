"""Whole-workbook JSON that cannot be imported: one clear line with the JSON path of the first
problem, and nothing written (no workbook, no temporary file)."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.core.workbook_json_helpers import SAMPLE_TODAY
from workbook.core import document
from workbook.core.errors import WorkbookError
from workbook.core.formats import workbook_json_read
from workbook.core.formats.workbook_json import export_workbook
from workbook.core.formats.workbook_json_read import read_workbook_json
from workbook.core.formats.workbook_json_write import import_workbook_json
from workbook.core.sample import build_sample

Edit = Callable[[dict[str, Any]], Any]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("good")
    build_sample(folder / "s.workbook", people=60, today=SAMPLE_TODAY)
    with document.read_only_sessions(folder / "s.workbook") as sessions:
        export_workbook(sessions, folder / "s.json")
    return json.loads((folder / "s.json").read_bytes())  # type: ignore[no-any-return]


def _set(path: list[Any], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return edit


def _delete(path: list[Any]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return edit


def _duplicate_person(data: dict[str, Any]) -> None:
    data["people"].append(dict(data["people"][3]))


def _duplicate_uid(data: dict[str, Any]) -> None:
    data["meetings"][2]["uid"] = data["meetings"][0]["uid"]


CASES: list[tuple[str, Edit, str]] = [
    ("wrong top-level shape", lambda d: [d], r"^expected a JSON object with format_version"),
    ("format_version missing", _delete(["format_version"]), r"^format_version: missing"),
    ("format_version text", _set(["format_version"], "1"),
     r"^format_version: expected an integer, not \"1\""),
    ("format_version newer", _set(["format_version"], 2),
     r"^format_version 2 is newer than this app reads \(1\); update the app$"),
    ("format_version zero", _set(["format_version"], 0), r"^format_version: unknown version 0"),
    ("strength not one of", _set(["people", 41, "strength"], "close"),
     r"^people\[41\]\.strength: expected one of '10', '100', '1000', 'lost'; not \"close\"$"),
    ("missing required field", _delete(["people", 5, "name"]),
     r"^people\[5\]: missing name \(required\)$"),
    ("missing table", _delete(["meetings"]), r"^missing meetings \(required\)$"),
    ("unknown field", _set(["people", 0, "nickname"], "Zo"),
     r"^people\[0\]: unknown field 'nickname'$"),
    ("wrong type", _set(["meetings", 1, "duration_minutes"], "20"),
     r"^meetings\[1\]\.duration_minutes: expected an integer, not \"20\"$"),
    ("bool is not an integer", _set(["people", 2, "rank_pin"], True),
     r"^people\[2\]\.rank_pin: expected an integer, not true$"),
    ("null where not nullable", _set(["people", 2, "email"], None),
     r"^people\[2\]\.email: expected a string, not null$"),
    ("table not an array", _set(["people"], {}), r"^people: expected an array, not an object$"),
    ("out of range", _set(["target_organisations", 0, "motivation"], 9),
     r"^target_organisations\[0\]\.motivation: expected at most 5, not 9$"),
    ("duplicate id", _duplicate_person, r"^people\[60\]\.id: id 4 is already used by people\[3\]$"),
    ("duplicate unique value", _duplicate_uid, r"^meetings\[2\]\.uid: .* is already used by "
     r"meetings\[0\]$"),
    ("reference to a missing id", _set(["meetings", 3, "person_id"], 999),
     r"^meetings\[3\]\.person_id: no person with id 999 \(in people\)$"),
    ("reference to a missing kind", _set(["advice_tags", 0, "kind_id"], 77),
     r"^advice_tags\[0\]\.kind_id: no advice kind with id 77"),
    ("date that does not parse", _set(["people", 1, "created_at"], "yesterday"),
     r"^people\[1\]\.created_at: expected a date and time with an offset, like "
     r"2026-11-23T09:00:00\+00:00; not \"yesterday\"$"),
    ("datetime without offset", _set(["people", 1, "created_at"], "2026-11-23T09:00:00"),
     r"^people\[1\]\.created_at: expected a date and time with an offset"),
    ("date that does not exist", _set(["people", 1, "created_at"], "2026-02-30T09:00:00+00:00"),
     r"^people\[1\]\.created_at: \"2026-02-30T09:00:00\+00:00\" is not a date and time that "
     r"exists$"),
    ("a day that does not exist", _set(["people", 1, "connected_on"], "2026-13-01"),
     r"^people\[1\]\.connected_on: \"2026-13-01\" is not a date that exists$"),
    ("target of the wrong type", _set(["target"], []),
     r"^target: expected an object or null, not an array$"),
    ("settings of the wrong type", _set(["settings"], [1]),
     r"^settings: expected an object, not an array$"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_broken_file_is_refused_with_the_path_of_its_first_problem(
    good: dict[str, Any], tmp_path: Path, edit: Edit, message: str
) -> None:
    data = copy.deepcopy(good)
    result = edit(data)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data if result is None else result), encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_workbook_json(source)
    text = str(caught.value)
    assert text.startswith(f"{source}: ")
    assert "\n" not in text
    assert __import__("re").search(message, text.removeprefix(f"{source}: ")), text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", r"is empty, not a workbook JSON file"),
        (b"{\n  \"format_version\": 1,\n  oops\n}", r"is not JSON \(line 3 column 3: "),
        (b"\xff\xfe\x00garbage", r"is not JSON"),
        (b"[1, 2", r"is not JSON \(line 1 column 6"),
        (b'{"format_version": NaN}', r"is not JSON the app can read \(NaN is not a JSON number\)"),
        (b'"just text"', r"expected a JSON object with format_version at the top, not "
                         r"\"just text\""),
        (b'{"format_version": 1, "people": ["\\ud800"]}',
         r"people\[0\]: holds a lone UTF-16 surrogate"),
    ],
    ids=["empty", "syntax", "not utf-8", "truncated", "nan", "a string", "lone surrogate"],
)  # fmt: skip
def test_text_that_is_not_a_workbook_json_file_is_refused(
    tmp_path: Path, raw: bytes, message: str
) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(raw)
    with pytest.raises(WorkbookError, match=message):
        read_workbook_json(source)


def test_a_file_of_100_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    source = tmp_path / "huge.json"
    with source.open("wb") as handle:  # sparse: no 100 MB written to the disk
        handle.truncate(100 * 1000 * 1000)
    with pytest.raises(WorkbookError, match=r"huge.json: is 100.0 MB; a workbook file is at "
                                            r"most 64 MB, so this is not one$"):  # fmt: skip
        read_workbook_json(source)


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"nothing.json: does not exist$"):
        read_workbook_json(tmp_path / "nothing.json")
    with pytest.raises(WorkbookError, match=r"is a folder, not a JSON file$"):
        read_workbook_json(tmp_path)


def test_the_first_problem_is_the_first_in_the_file(good: dict[str, Any], tmp_path: Path) -> None:
    data = copy.deepcopy(good)
    data["people"][7]["circle"] = "aliens"
    data["people"][30]["strength"] = "close"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"people\[7\]\.circle: expected one of"):
        read_workbook_json(source)


def test_an_older_format_is_upgraded(
    good: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend this app reads format 2 and format 1 files need an upgrade.
    seen: list[int] = []

    def upgrade(data: dict[str, Any]) -> dict[str, Any]:
        seen.append(data["format_version"])
        return {**data, "format_version": 2}

    monkeypatch.setattr(workbook_json_read, "FORMAT_VERSION", 2)
    monkeypatch.setitem(workbook_json_read.UPGRADES, 1, upgrade)
    source = tmp_path / "old.json"
    source.write_text(json.dumps(good), encoding="utf-8")
    # The shipped schema is format 1's: the upgraded data then fails its const, which shows
    # the upgrade ran before the schema check.
    with pytest.raises(WorkbookError, match=r"format_version: expected 1, not 2"):
        read_workbook_json(source)
    assert seen == [1]


def test_nothing_is_written_when_a_reference_is_broken(
    good: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(good)
    data["referrals"][0]["organisation_id"] = 4242
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "new.workbook"
    with pytest.raises(WorkbookError, match=r"referrals\[0\]\.organisation_id: no target "
                                            r"organisation with id 4242"):  # fmt: skip
        import_workbook_json(read_workbook_json(source), target)
    assert not target.exists()
    assert sorted(os.listdir(tmp_path)) == ["in.json"]
