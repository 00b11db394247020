"""Every file the app writes survives a failed write: the old file stays whole, no temp is left.

A full disk is simulated with a file-size limit (RLIMIT_FSIZE) on a subprocess: writes past it
fail with EFBIG, as they would with ENOSPC, on any file system and without root. Each writer
runs through the real command line (or the real Save a Copy As) on a real sample workbook.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIMIT = 1024  # bytes: every output below is larger, and reading needs no writes


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.core.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.workbook"
    build_sample(path)
    return path


def _limited() -> None:
    # Past the limit the kernel sends SIGXFSZ, which would kill the process; ignored, the
    # write fails with EFBIG instead, as a full disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=data,
        preexec_fn=_limited,
        timeout=120,
        check=False,
    )


def _cli(*words: str) -> Callable[[Path, Path, Path], list[str]]:
    def build(workbook: Path, out: Path, data: Path) -> list[str]:
        return [
            "-m", "workbook", "--data-dir", str(data), *words,
            "-o", str(out), "--workbook", str(workbook),
        ]  # fmt: skip

    return build


def _save_copy(workbook: Path, out: Path, data: Path) -> list[str]:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from workbook.core import document\n"
        "from workbook.core.errors import WorkbookError\n"
        "try:\n"
        f"    with document.open_document(Path({str(workbook)!r})) as doc:\n"
        f"        doc.save_copy_as(Path({str(out)!r}))\n"
        "except WorkbookError as exc:\n"
        "    print(f'workbook: {exc}', file=sys.stderr)\n"
        "    sys.exit(1)\n"
    )
    return ["-c", script]


WRITERS: dict[str, tuple[str, Callable[[Path, Path, Path], list[str]]]] = {
    "csv": ("people.csv", _cli("export", "people")),
    "vcard": ("people.vcf", _cli("export", "people")),
    "ics": (
        "meetings.ics",
        _cli("export", "meetings", "--from", "2000-01-01", "--to", "2100-01-01"),
    ),
    "pdf": ("people.pdf", _cli("print", "people")),
    "json": ("workbook.json", _cli("export", "json")),
    "copy": ("copy.workbook", _save_copy),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_full_disk_leaves_the_old_file_whole(kind: str, sample: Path, tmp_path: Path) -> None:
    name, build = WRITERS[kind]
    workbook = tmp_path / "work.workbook"
    workbook.write_bytes(sample.read_bytes())
    workbook.chmod(0o600)
    out = tmp_path / "out" / name
    out.parent.mkdir()
    old = b"the previous file, which must survive\n"
    out.write_bytes(old)

    result = _run(build(workbook, out, tmp_path / "data"), tmp_path)

    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one clear line, never a traceback
    assert lines[0].startswith(f"workbook: {out}:"), lines[0]
    # SQLite reports the failed write of Save a Copy As as an I/O error.
    assert ("disk is full" if kind == "copy" else "File too large") in lines[0]
    assert out.read_bytes() == old
    assert sorted(p.name for p in out.parent.iterdir()) == [name]  # no temp file left


def test_a_missing_folder_is_named(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "people.csv"
    result = _run(_cli("export", "people")(sample, out, tmp_path / "data"), tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"workbook: {out}:"), result.stderr
    assert result.stderr.count("\n") == 1
