"""`workbook export json` and `workbook import json`: files, messages, --json, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.workbook_json_helpers import SAMPLE_TODAY
from workbook.cli import main
from workbook.core.sample import build_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    build_sample(path, people=40, today=SAMPLE_TODAY)
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def test_export_json_writes_the_file_and_says_so(
    sample: Path, data_dir: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert main(["export", "json", "-o", str(out), "--workbook", str(sample), *data_dir]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"Exported 40 people and every record to {out}\n"
    data = json.loads(out.read_bytes())
    assert data["format_version"] == 1 and len(data["people"]) == 40


def test_export_json_with_json_prints_the_counts(
    sample: Path, data_dir: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    args = ["export", "json", "--json", "-o", str(out), "--workbook", str(sample), *data_dir]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    summary = json.loads(captured.out)
    assert summary["path"] == str(out) and summary["format"] == "json"
    assert summary["workbook"] == str(sample)
    assert summary["counts"]["people"] == 40 and summary["counts"]["target"] == 1


def test_import_json_creates_a_workbook_and_the_round_trip_is_identical(
    sample: Path, data_dir: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.json"
    new = tmp_path / "new.workbook"
    assert main(["export", "json", "-o", str(first), "--workbook", str(sample), *data_dir]) == 0
    assert main(["import", "json", str(first), "--workbook", str(new), "--json", *data_dir]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["created"] is True and summary["merged"] is False
    assert summary["workbook"] == str(new)
    assert summary["people"] == {"added": 40, "matched": 0}
    assert summary["counts"]["people"] == 40
    second = tmp_path / "second.json"
    assert main(["export", "json", "-o", str(second), "--workbook", str(new), *data_dir]) == 0
    assert second.read_bytes() == first.read_bytes()


def test_import_json_into_a_workbook_with_people_needs_merge(
    sample: Path, data_dir: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s.json"
    assert main(["export", "json", "-o", str(source), "--workbook", str(sample), *data_dir]) == 0
    copy = tmp_path / "copy.workbook"
    copy.write_bytes(sample.read_bytes())
    capsys.readouterr()
    assert main(["import", "json", str(source), "--workbook", str(copy), *data_dir]) == 1
    err = capsys.readouterr().err
    assert err == (f"workbook: {copy}: already has 40 people; add --merge to merge the file into "
                   "it (people already there are matched, not doubled)\n")  # fmt: skip
    args = ["import", "json", str(source), "--workbook", str(copy), "--merge", *data_dir]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err == (f"Merged into {copy}: 0 people added, 40 matched people already there "
                   "(not doubled), 0 other records added\n")  # fmt: skip
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["merged"] is True and summary["people"] == {"added": 0, "matched": 40}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "json", "--workbook", "{new}"], r"import json takes one JSON file \(usage: "),
        (["import", "json", "{bad}", "{bad}", "--workbook", "{new}"], "takes one JSON file"),
        (["import", "json", "{bad}"], r"import json needs --workbook"),
        (["import", "json", "{bad}", "--workbook", "{new}"],
         r"bad.json: missing advice_kinds, advice_tags, .*, tiara_notes \(required\)$"),
        (["import", "json", "{newer}", "--workbook", "{new}"],
         r"newer.json: format_version 2 is newer than this app reads \(1\); update the app$"),
        (["import", "json", "{tmp}/none.json", "--workbook", "{new}"], "none.json: does not exist"),
    ],
    ids=["no file", "two files", "no workbook", "bad value", "newer", "missing"],
)  # fmt: skip
def test_import_json_failures_are_one_line_and_write_nothing(
    data_dir: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    import re

    person = {"id": 1, "strength": "close"}
    (tmp_path / "bad.json").write_text(json.dumps({"format_version": 1, "people": [person]}))
    (tmp_path / "newer.json").write_text(json.dumps({"format_version": 2}))
    names = {"new": str(tmp_path / "new.workbook"), "bad": str(tmp_path / "bad.json"),
             "newer": str(tmp_path / "newer.json"), "tmp": str(tmp_path)}  # fmt: skip
    before = sorted(tmp_path.iterdir())
    assert main([a.format(**names) for a in argv] + data_dir) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("workbook: ") and captured.err.count("\n") == 1
    assert re.search(message, captured.err.strip()), captured.err
    assert not (tmp_path / "new.workbook").exists()
    assert [p for p in sorted(tmp_path.iterdir()) if p.name != "data"] == [
        p for p in before if p.name != "data"
    ]


def test_export_json_refuses_to_overwrite_the_workbook_itself(
    sample: Path, data_dir: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "c.workbook"
    copy.write_bytes(sample.read_bytes())
    args = ["export", "json", "-o", str(copy), "--workbook", str(copy), *data_dir]
    assert main(args) == 1
    assert "is the workbook itself" in capsys.readouterr().err
    assert copy.read_bytes() == sample.read_bytes()
