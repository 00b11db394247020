"""People page figures on a 10,000-person sample workbook (offscreen), in milliseconds.

Prints medians (and the worst) of several runs for:

- opening the page: building it (list_people, the model, the widgets) up to its first paint;
  the model load alone; and the search texts made just after the first paint;
- filter per keystroke: typing a 6-letter query into the filter box one key at a time; each
  key is timed from the key press until the model, the selection and the view are updated
  (the issue's budget: one frame, 16 ms), then the table's repaint is timed on its own;
- sort by each column, ascending and descending, including the repaint (50 ms);
- for scale, the repaint of a table of the same size over Qt's own C++ model: painting text
  offscreen costs that much on this machine whatever the model.

    python bench/people_ui.py [--runs N] [--people N] [--query WORD]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QStatusBar, QTableView  # noqa: E402

from workbook.core import document  # noqa: E402
from workbook.core.db import SessionFactory  # noqa: E402
from workbook.core.people import list_people  # noqa: E402
from workbook.core.sample import build_sample  # noqa: E402
from workbook.paths import configure  # noqa: E402
from workbook.ui.events import AppEvents  # noqa: E402
from workbook.ui.models.people_columns import HEADERS  # noqa: E402
from workbook.ui.models.people_model import PeopleModel  # noqa: E402
from workbook.ui.page_context import PageContext  # noqa: E402
from workbook.ui.pages.people_page import PeoplePage  # noqa: E402

T = TypeVar("T")
FRAME_MS = 16.0
SORT_MS = 50.0
OPEN_MS = 300.0


def timed(function: Callable[[], T]) -> tuple[T, float]:
    """The function's result and how long it took, in milliseconds."""
    start = time.perf_counter()
    result = function()
    return result, (time.perf_counter() - start) * 1000


def ms(function: Callable[[], object]) -> float:
    return timed(function)[1]


def report(label: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    verdict = "" if target is None else ("  ok" if median < target else f"  OVER {target:g} ms")
    print(f"{label:<44} median {median:7.1f} ms   worst {max(times):7.1f} ms{verdict}")


def open_page(sessions: SessionFactory, folder: Path, app: QApplication) -> PeoplePage:
    events = AppEvents()
    context = PageContext(sessions, events, QUndoStack(events), QStatusBar(), configure(folder))
    page = PeoplePage(context)
    page.resize(1280, 800)
    page.show()
    page.repaint()  # the first paint, synchronously
    return page


def type_key(widget: object, char: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def filter_figures(page: PeoplePage, app: QApplication, query: str, runs: int) -> None:
    table, view = page.table, page.table.view
    table.select_ids([page.model.person(5).id], page.model.person(5).id)
    keys: list[float] = []
    paints: list[float] = []
    for _ in range(runs):
        table.filter_box.clear()
        app.processEvents()
        table.filter_box.setFocus()
        for char in query:
            keys.append(ms(lambda char=char: type_key(table.filter_box, char)))  # type: ignore[misc]
            paints.append(ms(view.viewport().repaint))
    print(f"filter '{query}': {page.model.rowCount():,} of {page.model.total():,} people shown")
    report("filter per keystroke (model, selection, view)", keys, FRAME_MS)
    report("  then the table's repaint", paints)
    report("  both", [key + paint for key, paint in zip(keys, paints, strict=True)])
    table.filter_box.clear()
    app.processEvents()


def sort_figures(page: PeoplePage, app: QApplication, runs: int) -> None:
    view = page.table.view
    for column, title in enumerate(HEADERS):
        sorts: list[float] = []
        paints: list[float] = []
        for _ in range(runs):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                sorts.append(ms(lambda: view.sortByColumn(column, order)))  # noqa: B023
                paints.append(ms(view.viewport().repaint))
        both = [sort + paint for sort, paint in zip(sorts, paints, strict=True)]
        report(f"sort by {title.lower()} (with the repaint)", both, SORT_MS)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)


def paint_baseline(page: PeoplePage, app: QApplication, runs: int) -> None:
    """The same table's repaint over Qt's own C++ model: what painting costs on this machine."""
    view = page.table.view
    model = QStandardItemModel(200, len(HEADERS))
    for row in range(200):
        person = page.model.person(row)
        for column in range(len(HEADERS)):
            text = page.model.data(page.model.index(row, column))
            model.setItem(row, column, QStandardItem(text or person.name))
    plain = QTableView()
    plain.setModel(model)
    plain.setAlternatingRowColors(True)
    plain.verticalHeader().hide()
    plain.resize(view.size())
    plain.show()
    app.processEvents()
    paints = [ms(plain.viewport().repaint) for _ in range(runs * 6)]
    mine = [ms(view.viewport().repaint) for _ in range(runs * 6)]
    report("repaint, this table", mine)
    report("repaint, same size over a C++ model (baseline)", paints)
    plain.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--query", default="engine", help="typed one letter at a time")
    args = parser.parse_args()
    from workbook.ui.app import make_application  # the app's own set-up and Qt message filter

    app = make_application()

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        path = folder / "sample.workbook"
        started = time.perf_counter()
        build_sample(path, people=args.people)
        print(f"sample workbook with {args.people:,} people built in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        with document.open_document(path) as doc:
            sessions = doc.sessions
            list_people(sessions)  # warm: imports, the file in the OS cache
            open_page(sessions, folder, app).close()

            opens, loads, lists, searches = [], [], [], []
            for _ in range(args.runs):
                page, took = timed(lambda: open_page(sessions, folder, app))
                opens.append(took)
                searches.append(timed(page.model.prepare)[1])
                page.close()
                page.deleteLater()
                app.processEvents()
                rows, took = timed(lambda: list_people(sessions))
                lists.append(took)
                loads.append(timed(lambda: PeopleModel().set_rows(rows))[1])  # noqa: B023
            report("open the page (to its first paint)", opens, OPEN_MS)
            report("  of which list_people", lists)
            report("  of which the model load", loads)
            report("search texts and sort keys (after the first paint)", searches)

            page = open_page(sessions, folder, app)
            page.model.prepare()
            filter_figures(page, app, args.query, args.runs)
            sort_figures(page, app, args.runs)
            paint_baseline(page, app, args.runs)
            page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
