"""Advice page figures on a 10,000-person sample workbook (offscreen), in milliseconds.

Prints medians (and the worst) of several runs for:

- opening the page: building it and showing the Tag view up to its first paint (people,
  kinds and every tag read, the matrix model filled); then the first look at "Who to meet
  first" and at the gaps;
- toggling a cell with Space: from the key press until the window has repainted — the
  service writes the tag (one transaction), the model changes one cell (dataChanged), the note
  panel and the count follow, the app is notified, and the event loop repaints what changed
  (the issue's budget: one frame, 16 ms). Then the same with a forced repaint of the whole
  matrix viewport (as if every visible cell had changed), the write alone, and a whole repaint
  alone (most of it is Qt asking the Python model for each visible cell's roles);
- a bulk tag of 500 selected people, and its undo.

    python bench/advice_ui.py [--runs N] [--people N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget  # noqa: E402

from workbook.core import document  # noqa: E402
from workbook.core.advice import set_tag  # noqa: E402
from workbook.core.db import SessionFactory  # noqa: E402
from workbook.core.sample import build_sample  # noqa: E402
from workbook.paths import configure  # noqa: E402
from workbook.ui.events import AppEvents  # noqa: E402
from workbook.ui.page_context import PageContext  # noqa: E402
from workbook.ui.pages.advice_page import AdvicePage  # noqa: E402

FRAME_MS = 16.0
OPEN_MS = 300.0


def ms(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def report(label: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    verdict = "" if target is None else ("  ok" if median < target else f"  OVER {target:g} ms")
    print(f"{label:<50} median {median:7.1f} ms   worst {max(times):7.1f} ms{verdict}")


def open_page(sessions: SessionFactory, folder: Path) -> AdvicePage:
    events = AppEvents()
    context = PageContext(sessions, events, QUndoStack(events), QStatusBar(), configure(folder))
    page = AdvicePage(context)
    page.resize(1280, 800)
    page.show()
    page.repaint()  # the first paint, synchronously
    return page


def open_figures(sessions: SessionFactory, folder: Path, app: QApplication, runs: int) -> None:
    opens, ranks, gaps = [], [], []
    for _ in range(runs):
        page: AdvicePage | None = None

        def build() -> None:
            nonlocal page
            page = open_page(sessions, folder)

        opens.append(ms(build))
        assert page is not None
        ranks.append(ms(partial(show_view, page, page.ranking)))
        gaps.append(ms(partial(show_view, page, page.gaps)))
        page.close()
        page.deleteLater()
        app.processEvents()
    report("open the page (Tag view, first paint)", opens, OPEN_MS)
    report("  then show Who to meet first", ranks)
    report("  then show Network gaps", gaps)


def show_view(page: AdvicePage, view: QWidget) -> None:
    page.tabs.setCurrentWidget(view)
    page.repaint()


def press(widget: object, key: Qt.Key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def toggle_figures(page: AdvicePage, app: QApplication, runs: int) -> None:
    view = page.matrix.view
    model = page.matrix_model
    page.tabs.setCurrentWidget(page.matrix)
    page.matrix.focus_matrix()
    row = model.rowCount() // 2
    view.selectionModel().setCurrentIndex(
        model.index(row, 3), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    view.scrollTo(model.index(row, 3))
    app.processEvents()
    toggles: list[float] = []
    fulls: list[float] = []
    paints: list[float] = []
    for _ in range(runs * 10):

        def toggle() -> None:  # the event loop repaints what changed: the cell, the panel
            press(view, Qt.Key.Key_Space, " ")
            app.processEvents()

        def toggle_full() -> None:  # and the whole matrix, as if all of it were dirty
            press(view, Qt.Key.Key_Space, " ")
            view.viewport().repaint()
            app.processEvents()

        toggles.append(ms(toggle))
        fulls.append(ms(toggle_full))
        paints.append(ms(view.viewport().repaint))
    person, kind = page.matrix.current_cell()
    assert person is not None and kind is not None
    sessions = page.context.sessions
    writes = [ms(partial(set_tag, sessions, person, kind, on)) for on in (True, False) * runs * 5]
    print(f"toggle: {model.total():,} people, {len(model.kinds())} kinds shown")
    report("toggle by Space until repainted", toggles, FRAME_MS)
    report("  the same, repainting the whole matrix", fulls, FRAME_MS)
    report("  of which the tag write (set_tag)", writes)
    report("  a repaint of the whole matrix alone", paints)


def bulk_figures(page: AdvicePage, app: QApplication, runs: int) -> None:
    model = page.matrix_model
    ids = [model.person(row).id for row in range(500)]
    kind = model.kinds()[0].id
    tags, undos = [], []
    for _ in range(runs):
        page.matrix.select(ids, ids[0], kind)
        tags.append(ms(partial(page.editor.toggle, ids, kind, True)))
        undos.append(ms(page.context.undo_stack.undo))
    report("bulk tag of 500 selected people", tags)
    report("  and its undo", undos)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    from workbook.ui.app import make_application  # the app's own set-up and Qt message filter

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.workbook"
        start = time.perf_counter()
        build_sample(path, people=args.people)
        print(f"sample workbook: {args.people:,} people in {time.perf_counter() - start:.1f} s")
        with document.open_document(path) as doc:
            open_figures(doc.sessions, folder, app, args.runs)
            page = open_page(doc.sessions, folder)
            toggle_figures(page, app, args.runs)
            bulk_figures(page, app, args.runs)
            page.close()
            page.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
