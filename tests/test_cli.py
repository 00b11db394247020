"""The command line as scripts use it: exit codes, one-line messages, JSON on stdout."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook import __version__, commands
from workbook.cli import _gui_parser, main, quick_gui_args, registered_subcommands
from workbook.command_names import SUBCOMMANDS

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.pop("WORKBOOK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"workbook {__version__}"


def test_new_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.workbook"
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "new", str(path)]) == 0
    assert f"Created {path}" in capsys.readouterr().err
    assert main([*data, "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: healthy workbook" in out
    assert "people: 0" in out and "advice kinds: 12" in out

    assert main(["check", "--json", "--workbook", str(path), *data]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True
    assert report["revision"] == report["current_revision"] == "0001"
    assert report["counts"]["advice_kind"] == 12


def test_new_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.workbook"
    path.write_text("precious")
    assert main(["--data-dir", str(tmp_path / "d"), "new", str(path)]) == 1
    assert (
        capsys.readouterr().err
        == f"workbook: {path}: already exists; choose another name or open it\n"
    )
    assert path.read_text() == "precious"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"hello", "not a workbook"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "truncated"),
    ],
)
def test_check_fails_with_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.workbook"
    path.write_bytes(content)
    result = run("--data-dir", str(tmp_path / "d"), "check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"workbook: {path}: ") and reason in lines[0]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_check_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.workbook"
    assert main(["--data-dir", str(tmp_path / "d"), "check", str(missing)]) == 1
    assert capsys.readouterr().err == f"workbook: {missing}: does not exist\n"


def test_sample_then_check(tmp_path: Path) -> None:
    path = tmp_path / "s.workbook"
    made = run("--temp-data-dir", "sample", str(path))
    assert made.returncode == 0, made.stderr
    assert "100 people" in made.stderr
    checked = run("--temp-data-dir", "check", "--json", str(path))
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["counts"]["person"] == 100
    again = run("--temp-data-dir", "sample", str(path))
    assert again.returncode == 1 and "already exists (use --force" in again.stderr
    forced = run("--temp-data-dir", "sample", "--people", "5", "--force", str(path))
    assert forced.returncode == 0, forced.stderr


def test_sample_force_never_replaces_a_non_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes")
    assert main(["--temp-data-dir", "sample", "--force", str(path)]) == 1
    assert "not a workbook" in capsys.readouterr().err
    assert path.read_text() == "my notes"


def test_default_workbook_is_created_in_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "check"]) == 0
    assert f"{data / 'My workbook.workbook'}: healthy workbook" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["new"])
    assert done.value.code == 2
    assert "usage:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["sample", "x.workbook", "--people", "many"])
    assert done.value.code == 2


def test_python_dash_m_is_the_same_command(tmp_path: Path) -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"workbook {__version__}"
    helped = run("--help")
    commands = helped.stdout.split("commands:", 1)[1]
    assert {"check", "new", "sample"} <= {
        c.strip(" .\n") for c in commands.split("(")[0].split(",")
    }


@pytest.mark.slow
def test_smoke_test_passes_with_a_quiet_stderr(tmp_path: Path) -> None:
    result = run("--smoke-test", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "smoke test: all good" in result.stdout
    assert "people badge '1 of 100'" in result.stdout


def test_the_static_subcommand_names_are_the_registered_ones() -> None:
    # cli.main tells GUI from subcommand by SUBCOMMANDS without importing the commands; every
    # module of workbook.commands counts, also one its __init__ does not import yet.
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}")
    assert registered_subcommands() == SUBCOMMANDS


GUI_WORDS = [
    "--data-dir",
    "--temp-data-dir",
    "--exit-when-shown",
    "--smoke-test",
    "--data-dir=d",
    "--exit",
    "--",
    "-",
    "-1",
    "-x",
    "",
    "a.workbook",
    "Zoë Ångström.workbook",
    "b c",
]


@given(st.lists(st.sampled_from(GUI_WORDS), max_size=5))
def test_the_quick_gui_reading_agrees_with_argparse(argv: list[str]) -> None:
    quick = quick_gui_args(argv)
    if quick is not None:  # else argparse reads it (or says why it cannot)
        assert quick == _gui_parser().parse_args(argv)


def test_the_usual_gui_command_lines_are_read_quickly() -> None:
    assert quick_gui_args([]) is not None
    assert quick_gui_args(["a.workbook"]) is not None
    assert quick_gui_args(["--data-dir", "d", "a.workbook", "--exit-when-shown"]) is not None
    assert quick_gui_args(["--temp-data-dir"]) is not None
