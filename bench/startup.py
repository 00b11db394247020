"""Start-up time: process start to the main window shown, against a bare PySide6 window.

Prints medians over several runs (offscreen, the sample workbook) and their ratio. The
issue's target: the workbook's window within 1.5x the bare window's time. Also prints the
time until the workbook is loaded into the window (it opens right after the first paint).

Both programs run with Python's bytecode cache, as an installed app does (pip and PyInstaller
ship compiled modules), kept in the bench's temporary folder so the checkout stays clean.
``--no-bytecode-cache`` compiles every module at every start instead (as under
PYTHONDONTWRITEBYTECODE=1): only the workbook pays for that, having modules of its own.

    python bench/startup.py [--runs N] [--no-bytecode-cache]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            QTimer.singleShot(0, app.quit)
            watched.removeEventFilter(self)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env(pycache: Path | None) -> dict[str, str]:
    """The children's environment; ``pycache`` holds their bytecode (None: compile every time)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(REPO),
    }
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def time_until(
    command: list[str], markers: tuple[str, ...], env: dict[str, str]
) -> dict[str, float]:
    """Seconds from process start until each marker line appears on the child's stdout."""
    seen: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            word = line.split(" ", 1)[0].strip()
            if word in markers and word not in seen:
                seen[word] = time.perf_counter() - start
        child.wait()
    missing = [m for m in markers if m not in seen]
    if missing:
        raise SystemExit(f"{command[0]}: never printed {missing}")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile every module at every start (PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        sample = Path(folder) / "sample.workbook"
        env = _env(None if args.no_bytecode_cache else Path(folder) / "pycache")
        subprocess.run(
            [sys.executable, "-m", "workbook", "--data-dir", str(data), "sample", str(sample)],
            check=True,
            env=env,
            capture_output=True,
        )
        app = [
            sys.executable,
            "-m",
            "workbook",
            "--data-dir",
            str(data),
            str(sample),
            "--exit-when-shown",
        ]
        bare = [sys.executable, "-c", BARE_WINDOW]
        time_until(app, ("shown", "loaded"), env)  # warm the file and bytecode caches
        time_until(bare, ("shown",), env)
        bare_runs, shown_runs, loaded_runs = [], [], []
        for _ in range(args.runs):  # interleaved so drift affects both alike
            bare_runs.append(time_until(bare, ("shown",), env)["shown"])
            app_times = time_until(app, ("shown", "loaded"), env)
            shown_runs.append(app_times["shown"])
            loaded_runs.append(app_times["loaded"])

    bare_median = statistics.median(bare_runs)
    shown_median = statistics.median(shown_runs)
    loaded_median = statistics.median(loaded_runs)
    bytecode = "compiled at every start" if args.no_bytecode_cache else "cached, as installed"
    print(f"runs: {args.runs} each, offscreen, sample workbook (100 people), bytecode {bytecode}")
    print(f"bare PySide6 window shown:        {bare_median * 1000:7.1f} ms (median)")
    print(f"workbook main window shown:       {shown_median * 1000:7.1f} ms (median)")
    print(f"workbook loaded into the window:  {loaded_median * 1000:7.1f} ms (median)")
    print(f"ratio shown / bare:               {shown_median / bare_median:7.2f}  (target <= 1.5)")
    print(f"ratio loaded / bare:              {loaded_median / bare_median:7.2f}")
    # On a busy machine the fastest runs say more about the programs than the medians do.
    fastest_bare, fastest_shown = min(bare_runs), min(shown_runs)
    print(
        f"fastest runs: bare {fastest_bare * 1000:.1f} ms, workbook {fastest_shown * 1000:.1f} ms,"
        f" ratio {fastest_shown / fastest_bare:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
