"""An export killed with SIGKILL half-way leaves the previous file exactly as it was.

``workbook export json`` writes to ``.OUT.<random>.part`` beside OUT and renames it over OUT
only when the file is complete and synced. The test kills the process the moment that
temporary file appears (the export is then writing it) and checks OUT byte for byte.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import workbook
from workbook.core.sample import build_sample

REPO = Path(workbook.__file__).resolve().parent.parent
PREVIOUS = b'{"format_version": 1, "note": "the previous export, which must survive"}\n'

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def test_an_export_killed_half_way_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    source = tmp_path / "big.workbook"
    build_sample(source, people=3000, today=date(2026, 3, 2))
    out = tmp_path / "all.json"
    command = [sys.executable, "-m", "workbook", "export", "json", "-o", str(out),
               "--workbook", str(source), "--data-dir", str(tmp_path / "data")]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed_while_writing = 0
    for _attempt in range(6):
        out.write_bytes(PREVIOUS)
        log = tmp_path / "stderr.txt"
        with log.open("wb") as stderr:
            process = subprocess.Popen(command, env=env, stderr=stderr)
        while process.poll() is None:
            if any(p.name.startswith(".all.json.") for p in tmp_path.iterdir()):
                process.send_signal(signal.SIGKILL)
                process.wait()
                killed_while_writing += 1
                break
            time.sleep(0.0005)
        else:
            assert process.returncode == 0, log.read_text(encoding="utf-8")
            continue  # finished before we saw the temporary file: try again
        assert process.returncode == -signal.SIGKILL
        assert out.read_bytes() == PREVIOUS
        for part in tmp_path.glob(".all.json.*.part"):
            part.unlink()  # what the killed process could not clean up
        if killed_while_writing >= 2:
            break
    assert killed_while_writing >= 1, "the export always finished before the kill"
