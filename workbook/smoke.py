"""`workbook --smoke-test`: prove an installation works, in a temporary data folder.

Creates a workbook, adds a person, renders a small PDF with the shipped fonts, shows the
main window offscreen, and exits 0. Progress goes to stdout; stderr stays empty on success.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbook.paths import AppDirs, configure


def run_smoke_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    dirs = configure(temporary=True)
    try:
        _run(dirs)
    finally:
        dirs.cleanup()
    print("smoke test: all good")
    return 0


def _run(dirs: AppDirs) -> None:
    from workbook.core import document
    from workbook.core.models import Circle, Strength
    from workbook.core.people import add_person, count_people
    from workbook.reports.font_check import render_font_check

    path = dirs.data / "smoke.workbook"
    with document.create(path) as doc:
        add_person(doc.sessions, "Zoë Ångström", Circle.WORK, Strength.HUNDRED)
        count = count_people(doc.sessions)
    if count != 1:
        raise RuntimeError(f"expected 1 person, found {count}")
    report = document.inspect(path)
    print(f"smoke test: workbook {path.name} at schema {report.revision}, {count} person")

    pdf = dirs.data / "font-check.pdf"
    render_font_check(pdf)
    head = pdf.read_bytes()[:5]
    if head != b"%PDF-":
        raise RuntimeError(f"{pdf}: not a PDF")
    print(f"smoke test: rendered {pdf.name} ({pdf.stat().st_size} bytes)")
    _check_business_days()
    _show_window(path, dirs)
    _check_preview(pdf)


def _check_business_days() -> None:
    """Follow-ups skip public holidays: the holidays package and its country data load."""
    from datetime import date

    from workbook.core.followups import add_business_days

    after = add_business_days(date(2026, 11, 25), 1, "US")  # Thanksgiving is the 26th
    if after != date(2026, 11, 27):
        raise RuntimeError(f"business day after 25 Nov 2026 in the US: {after}, expected 27")
    print("smoke test: business days skip public holidays")


def _check_preview(pdf: Path) -> None:
    """The print preview renders PDF pages (PDFium's native library is bundled)."""
    from workbook.ui.widgets.pdf_preview import open_pdf, render_page

    image = render_page(open_pdf(pdf.read_bytes()), 0, 0.5)
    if image.isNull() or image.width() < 100:
        raise RuntimeError(f"{pdf}: the preview could not render its first page")
    print(f"smoke test: preview rendered page 1 ({image.width()} x {image.height()} px)")


def _show_window(path: Path, dirs: AppDirs) -> None:
    from PySide6.QtCore import QTimer

    from workbook.recent import AppState
    from workbook.ui.app import make_application, make_settings
    from workbook.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(dirs, AppState(dirs.state_file, welcomed=True), make_settings(dirs))
    window.show()
    window.start(path, first_run=False)
    badge = window.navigator.badge("people")
    title = window.windowTitle()
    QTimer.singleShot(50, window.close)
    app.exec()
    if badge != "1 of 100":
        raise RuntimeError(f"main window shows {badge!r} people, expected '1 of 100'")
    print(f"smoke test: main window shown ({title}), people badge {badge!r}")
