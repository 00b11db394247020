"""Whole-workbook JSON figures: export and import of 10,000 people and 2,000 meetings.

The sample gives 10,000 people about 1,500 meetings; copies of them (new ids and calendar
uids) bring it to 2,000. Prints the median and best of several runs, in seconds, against the
issue's target of 2 s each:

- export: read every table, encode, write the file atomically (``export_workbook``);
- import: read and check the file (``read_workbook_json``) and build a new workbook from it
  (``import_workbook_json``), the pieces shown apart too.

    python bench/data_transfer.py [--runs N] [--people N] [--meetings N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbook.core import document  # noqa: E402
from workbook.core.formats.workbook_json import dumps, export_workbook, workbook_dict  # noqa: E402
from workbook.core.formats.workbook_json_read import read_workbook_json  # noqa: E402
from workbook.core.formats.workbook_json_write import import_workbook_json  # noqa: E402
from workbook.core.sample import build_sample  # noqa: E402

TARGET = 2.0


def build(path: Path, people: int, meetings: int) -> None:
    build_sample(path, people=people, today=date(2026, 3, 2))
    with document.open_document(path) as doc, doc.sessions.begin() as session:
        db = session.connection().connection.driver_connection
        assert db is not None
        have = db.execute("SELECT count(*), max(id) FROM meeting").fetchone()
        missing, top = meetings - have[0], have[1]
        if missing > 0:
            columns = [row[1] for row in db.execute("PRAGMA table_info(meeting)")]
            rest = [c for c in columns if c not in ("id", "uid")]
            db.execute(
                f"INSERT INTO meeting (id, uid, {', '.join(rest)}) "
                f"SELECT id + {top}, uid || '-copy', {', '.join(rest)} FROM meeting "
                f"ORDER BY id LIMIT {missing}"
            )


def timed(runs: int, work: Callable[[int], object]) -> list[float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        work(run)
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float], target: float | None = None) -> None:
    line = f"{label:<34} median {statistics.median(times):6.3f} s   best {min(times):6.3f} s"
    if target is not None:
        verdict = "under" if statistics.median(times) < target else "OVER"
        line += f"   ({verdict} the {target:.0f} s target)"
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--meetings", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / "big.workbook"
        print(f"building {args.people} people, {args.meetings} meetings …", flush=True)
        build(source, args.people, args.meetings)
        out = base / "big.json"
        with document.read_only_sessions(source) as sessions:
            export = timed(args.runs, lambda _run: export_workbook(sessions, out))
            read_tables = timed(args.runs, lambda _run: workbook_dict(sessions))
            data = workbook_dict(sessions)
        encode = timed(args.runs, lambda _run: dumps(data))
        size = out.stat().st_size / 1e6
        counts = {key: len(rows) for key, rows in data.items() if isinstance(rows, list)}
        print(f"file: {size:.1f} MB; rows: {counts}")
        read = timed(args.runs, lambda _run: read_workbook_json(out))
        checked = read_workbook_json(out)
        build_new = timed(
            args.runs, lambda run: import_workbook_json(checked, base / f"new{run}.workbook")
        )
        whole = timed(
            args.runs,
            lambda run: import_workbook_json(read_workbook_json(out), base / f"all{run}.workbook"),
        )
        show("export (read, encode, write)", export, TARGET)
        show("  read the tables", read_tables)
        show("  encode the JSON", encode)
        show("import (check, build a workbook)", whole, TARGET)
        show("  read and check the file", read)
        show("  build the new workbook", build_new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
