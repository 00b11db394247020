"""Property-based tests of the whole-workbook JSON format: random workbooks (every table, many
scripts, empty and 10,000-character values, nulls) survive import and export byte for byte;
the fast checker agrees with jsonschema on valid and broken files."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.core.workbook_json_helpers import SCHEMA, json_values, workbooks, write_json
from workbook.core import document
from workbook.core.formats.workbook_json import dumps, workbook_dict
from workbook.core.formats.workbook_json_check import SchemaProblem, workbook_checker
from workbook.core.formats.workbook_json_read import read_workbook_json
from workbook.core.formats.workbook_json_write import import_workbook_json

VALIDATOR = Draft202012Validator(SCHEMA)
# No shrinking: examples hold 10,000-character strings, and shrinking them takes minutes; a
# failure is reported as drawn (its repr is large, hence the warning filter).
SETTINGS = settings(
    max_examples=40,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A new workbook's bytes: copying them is faster than creating one per example."""
    path = tmp_path_factory.mktemp("blank") / "blank.workbook"
    document.create(path).close()
    return path.read_bytes()


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
@SETTINGS
@given(data=workbooks())
def test_a_random_workbook_round_trips_byte_for_byte(blank: bytes, data: dict[str, Any]) -> None:
    # Into a new, empty workbook (the path that creates one is the same replace_all, and
    # tests/core/test_workbook_json.py runs it on the sample).
    assert list(VALIDATOR.iter_errors(data)) == []
    with tempfile.TemporaryDirectory() as folder:
        source = write_json(Path(folder) / "in.json", data)
        new = Path(folder) / "new.workbook"
        new.write_bytes(blank)
        summary = import_workbook_json(read_workbook_json(source), new)
        assert summary.people_added == len(data["people"])
        with document.read_only_sessions(new) as sessions:
            exported = dumps(workbook_dict(sessions))
    assert exported == dumps(data)


def _mutations() -> st.SearchStrategy[tuple[list[Any], Any]]:
    """(where, new value): a value put at a random place of a valid file."""
    return st.tuples(
        st.lists(st.integers(0, 30), min_size=1, max_size=4),
        st.one_of(json_values, st.sampled_from(["2026-02-30", "not a date", -1, 0, 6, True, 1.5])),
    )


def _mutate(data: dict[str, Any], steps: list[int], value: Any) -> None:
    """Walk into the data by the steps (each picks a key or index modulo the size) and put
    the value there, or delete the key when the value is the string "DELETE"."""
    node: Any = data
    for number, step in enumerate(steps):
        if isinstance(node, dict) and node:
            key = sorted(node)[step % len(node)]
        elif isinstance(node, list) and node:
            key = step % len(node)
        else:
            return
        if number == len(steps) - 1 or not isinstance(node[key], dict | list) or not node[key]:
            if value == "DELETE" and isinstance(node, dict):
                del node[key]
            else:
                node[key] = value
            return
        node = node[key]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
@settings(SETTINGS, max_examples=150)
@given(workbooks(), _mutations(), st.booleans())
def test_the_fast_checker_agrees_with_jsonschema(
    data: dict[str, Any], mutation: tuple[list[int], Any], delete: bool
) -> None:
    broken = copy.deepcopy(data)
    _mutate(broken, mutation[0], "DELETE" if delete else mutation[1])
    valid = not list(VALIDATOR.iter_errors(broken))
    try:
        workbook_checker()(broken, [])
        ours = True
    except SchemaProblem:
        ours = False
    assert ours == valid, json.dumps(broken, ensure_ascii=False)[:2000]
