"""The Print page driven as a user would: choose what to print, see the preview, switch
the paper, save a PDF, print through the (replaced) printer dialog, cancel a long build,
fill in the details for the cards, and undo."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_pdf_preview import ink
from ui_helpers import dark_palette, page_context, type_text

from workbook.core import document
from workbook.core.db import SessionFactory
from workbook.core.meetings import create_meeting, list_meetings
from workbook.core.my_details import MyDetails, get_my_details, set_my_details
from workbook.core.people import add_person
from workbook.core.sample import build_sample
from workbook.paths import AppDirs
from workbook.reports import people_sheet
from workbook.reports.paper import Paper, set_workbook_paper, workbook_paper
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages import print_output
from workbook.ui.pages.print_output import Kind
from workbook.ui.pages.print_page import NO_DETAILS, NO_MEETINGS, REBUILD_DELAY_MS, PrintPage
from workbook.ui.widgets.pdf_preview import open_pdf, render_page

CTRL = Qt.KeyboardModifier.ControlModifier
BUILD_TIMEOUT = 30_000  # ms; a 2-core machine shared with other test runs
REBUILD_WAIT = REBUILD_DELAY_MS + 200


@dataclass
class Env:
    page: PrintPage
    sessions: SessionFactory
    context: PageContext
    seen: list[frozenset[str]]


def _build(qtbot: QtBot, sessions: SessionFactory, dirs: AppDirs) -> Env:
    context, seen = page_context(qtbot, sessions, dirs)
    page = PrintPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 820)
    with qtbot.waitExposed(page):
        page.show()
    return Env(page, sessions, context, seen)


@pytest.fixture
def sample_env(qtbot: QtBot, tmp_path: Path, dirs: AppDirs) -> Iterator[Env]:
    path = tmp_path / "sample.workbook"
    build_sample(path, today=date.today())
    with document.open_document(path) as doc:
        set_workbook_paper(doc.sessions, Paper.LETTER)
        env = _build(qtbot, doc.sessions, dirs)
        yield env
        assert env.page.shutdown()


@pytest.fixture
def empty_env(qtbot: QtBot, new_workbook: Path, dirs: AppDirs) -> Iterator[Env]:
    with document.open_document(new_workbook) as doc:
        env = _build(qtbot, doc.sessions, dirs)
        yield env
        assert env.page.shutdown()


def wait_preview(qtbot: QtBot, page: PrintPage) -> None:
    qtbot.waitUntil(lambda: page.is_current, timeout=BUILD_TIMEOUT)


def pdf_text(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode()


def pdf_pages(path: Path) -> int:
    run = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    line = next(x for x in run.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def sizes(data: bytes) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [tuple(round(v) for v in pdf.get_page_size(i)) for i in range(len(pdf))]
    finally:
        pdf.close()


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[Path]:
    asked: list[Path] = []

    def save_file_path(
        parent: QWidget, title: str, suggested: Path, file_filter: str, suffix: str
    ) -> Path | None:
        asked.append(suggested)
        return path

    monkeypatch.setattr(prompts, "save_file_path", save_file_path)
    return asked


def print_to(
    monkeypatch: pytest.MonkeyPatch, out: Path, first: int = 0, last: int = 0
) -> list[int]:
    """Replace the printer dialog: print to a PDF file (pages ``first``-``last``, 0 = all)."""
    asked: list[int] = []

    def choose_printer(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
        asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        return True

    monkeypatch.setattr(print_output, "choose_printer", choose_printer)
    return asked


def screenshots(page: PrintPage, output_dir: Path, name: str) -> None:
    QApplication.processEvents()  # scroll bars settle after a new preview
    page.grab().save(str(output_dir / f"{name}.png"))
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    app.setPalette(dark_palette())
    try:
        QApplication.processEvents()
        page.grab().save(str(output_dir / f"{name}-dark.png"))
    finally:
        app.setPalette(old)
        QApplication.processEvents()


# -- each kind previews ----------------------------------------------------------------------


def test_prep_sheet_of_the_next_meeting_previews_and_saves(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, output_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    now = datetime.now(UTC)
    upcoming = [
        m
        for m in list_meetings(sample_env.sessions, start=now - timedelta(hours=12))
        if m.status != "declined"
    ]
    assert upcoming, "the sample has meetings coming up"
    chooser = page.options.meeting_chooser
    assert page.options.kind is Kind.PREP
    wait_preview(qtbot, page)
    chosen = chooser.selected_id()
    assert chosen is not None and chosen in {m.id for m in upcoming}
    assert page.page_label.text() == "Page 1 of 1"
    assert ink(page.preview.page_image(0)) > 2000
    screenshots(page, output_dir, "print-prep")

    out = tmp_path / "out" / "sheet.pdf"
    out.parent.mkdir()
    asked = answer_save(monkeypatch, out)
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    name = page.options.meeting_person(chosen)
    assert asked and asked[0].name == f"Prep sheet — {name}.pdf"
    assert name in pdf_text(out)
    assert sample_env.context.status.currentMessage() == (
        f"Saved Prep sheet — {name} as sheet.pdf."
    )


@pytest.mark.parametrize("blank", [False, True])
def test_worksheet_previews_blank_or_filled(
    qtbot: QtBot, sample_env: Env, blank: bool, output_dir: Path
) -> None:
    page = sample_env.page
    page.options.set_kind(Kind.PEOPLE)
    (page.options.worksheet.blank if blank else page.options.worksheet.filled).setChecked(True)
    wait_preview(qtbot, page)
    count = page.preview.page_count
    assert count >= 1 and page.page_label.text() == f"Page 1 of {count}"
    width, height = page.preview.page_size(0)
    assert width > height, "the worksheet is landscape"
    assert ink(page.preview.page_image(0)) > 2000
    screenshots(page, output_dir, f"print-people-{'blank' if blank else 'filled'}")


def test_agenda_for_this_week_previews(
    qtbot: QtBot, sample_env: Env, output_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    page.options.set_kind(Kind.AGENDA)
    qtbot.mouseClick(page.options.agenda_range.next_week, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.options.agenda_range.this_week, Qt.MouseButton.LeftButton)
    first, last = page.options.agenda_range.range()
    assert (last - first).days == 6 and first <= date.today() <= last
    wait_preview(qtbot, page)
    assert page.preview.page_count >= 1
    assert page.page_label.text().startswith("Page 1 of ")
    assert ink(page.preview.page_image(0)) > 1000
    screenshots(page, output_dir, "print-agenda")
    out = tmp_path / "week.pdf"
    asked = answer_save(monkeypatch, out)
    page.save_pdf()
    assert asked[0].name == f"Agenda {first:%Y-%m-%d} to {last:%Y-%m-%d}.pdf"
    assert "AGENDA" in pdf_text(out) and pdf_pages(out) == page.preview.page_count
    qtbot.mouseClick(page.options.agenda_range.today, Qt.MouseButton.LeftButton)
    assert page.options.agenda_range.range() == (date.today(), date.today())
    wait_preview(qtbot, page)


def test_cards_preview_after_the_details_are_typed(
    qtbot: QtBot, sample_env: Env, output_dir: Path
) -> None:
    page = sample_env.page
    set_my_details(sample_env.sessions, MyDetails())
    sample_env.context.events.notify("settings")
    page.options.set_kind(Kind.CARDS)
    qtbot.waitUntil(lambda: page.preview.message.text() == NO_DETAILS)
    assert not page.save.isEnabled() and not page.print.isEnabled()
    form = page.options.details
    form.edits["name"].setFocus()
    type_text(form.edits["name"], "Zoë Ångström")
    form.edits["headline"].setFocus()
    type_text(form.edits["headline"], "R&D <NYSE> analyst")
    type_text(form.edits["email"], "zoe@example.org")
    qtbot.waitUntil(lambda: get_my_details(sample_env.sessions).email == "zoe@example.org")
    wait_preview(qtbot, page)
    assert page.preview.page_count == 2 and page.page_label.text() == "Page 1 of 2"
    assert ink(page.preview.page_image(0)) > 1000
    screenshots(page, output_dir, "print-cards")


def test_tricky_names_print_exactly_as_typed(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    (smith,) = [m for m in list_meetings(sample_env.sessions) if "NYSE" in m.person_name]
    page.select_meeting(smith.id)
    assert page.options.meeting_chooser.selected_id() == smith.id
    out = tmp_path / "smith.pdf"
    answer_save(monkeypatch, out)
    page.save_pdf()  # pressed before the preview is ready: it waits for the PDF
    qtbot.waitUntil(out.exists, timeout=BUILD_TIMEOUT)
    assert "Smith & Sons <NYSE>" in pdf_text(out)
    assert page.page_label.text() == "Page 1 of 1"


# -- paper -----------------------------------------------------------------------------------


def test_paper_switch_changes_the_page_size_and_undoes(qtbot: QtBot, sample_env: Env) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    assert page._pdf is not None and sizes(page._pdf) == [(612, 792)]
    combo = page.options.paper
    combo.setCurrentIndex(combo.findData("a4"))
    assert workbook_paper(sample_env.sessions) is Paper.A4
    assert sample_env.seen[-1] == frozenset({"settings"})
    wait_preview(qtbot, page)
    assert sizes(page._pdf) == [(595, 842)]
    assert page.preview.page_size(0) == pytest.approx((595.28, 841.89), abs=0.01)

    sample_env.context.undo_stack.undo()
    assert workbook_paper(sample_env.sessions) is Paper.LETTER
    assert combo.currentData() == "letter"
    wait_preview(qtbot, page)
    assert sizes(page._pdf) == [(612, 792)]
    sample_env.context.undo_stack.redo()
    assert workbook_paper(sample_env.sessions) is Paper.A4 and combo.currentData() == "a4"


# -- long builds: progress, cancel, newer requests ---------------------------------------------


@dataclass
class Held:
    gate: threading.Event
    calls: list[bool]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """The real worksheet builder, held after each page until ``gate`` is set (and always
    let go before the page is closed)."""
    gate = threading.Event()
    calls: list[bool] = []
    real = people_sheet.people_sheet_pdf

    def held_build(
        sessions: SessionFactory, *, blank: bool, paper: Paper, progress: Any = None
    ) -> bytes:
        calls.append(blank)

        def after_page(done: int, total: int) -> None:
            progress(done, total)
            gate.wait(20)

        return real(sessions, blank=blank, paper=paper, progress=after_page)

    monkeypatch.setattr(people_sheet, "people_sheet_pdf", held_build)
    yield Held(gate, calls)
    gate.set()


def test_worksheet_shows_progress_and_can_be_cancelled(
    qtbot: QtBot, sample_env: Env, held: Held, output_dir: Path
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    gate, calls = held.gate, held.calls
    page.options.set_kind(Kind.PEOPLE)
    page.options.worksheet.filled.setChecked(True)
    qtbot.waitUntil(lambda: page.progress_row.isVisible() and page.progress.value() == 1)
    total = page.progress.maximum()
    assert total > 1 and page.progress_label.text() == f"Making the PDF: page 1 of {total}…"
    assert page.runner.busy
    page.grab().save(str(output_dir / "print-progress.png"))

    qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
    assert not page.progress_row.isVisible() and not page.runner.busy
    assert page.preview.message.text().startswith("Stopped.")
    gate.set()
    qtbot.waitUntil(lambda: not page.runner._running)
    QApplication.processEvents()
    assert page.preview.page_count == 0, "a cancelled build is dropped"

    qtbot.keyClick(page.preview, Qt.Key.Key_F5)
    wait_preview(qtbot, page)
    assert page.preview.page_count == total and calls == [False, False]


def test_a_newer_choice_replaces_the_build_under_way(
    qtbot: QtBot, sample_env: Env, held: Held
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    gate, calls = held.gate, held.calls
    page.options.set_kind(Kind.PEOPLE)
    page.options.worksheet.blank.setChecked(True)
    qtbot.waitUntil(lambda: calls == [True])
    page.options.worksheet.filled.setChecked(True)
    qtbot.waitUntil(lambda: len(page.runner._running) == 2)
    gate.set()
    wait_preview(qtbot, page)
    assert calls == [True, False]
    assert page._pdf_choice is not None and not page._pdf_choice.blank
    assert page.preview.page_count > 2, "the filled list, not the blank sheet"


# -- printing ----------------------------------------------------------------------------------


def test_print_renders_the_pages_on_the_chosen_printer(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    out = tmp_path / "printed.pdf"
    asked = print_to(monkeypatch, out)
    qtbot.mouseClick(page.print, Qt.MouseButton.LeftButton)
    assert asked == [1] and pdf_pages(out) == 1
    name = page.options.meeting_person(page.options.meeting_chooser.selected_id())
    assert sample_env.context.status.currentMessage() == (
        f"Sent 1 page of Prep sheet — {name} to printed.pdf."
    )
    printed = pdfium.PdfDocument(out)
    assert [round(v) for v in printed.get_page_size(0)] == [612, 792]
    printed.close()

    page.options.set_kind(Kind.PEOPLE)
    page.options.worksheet.filled.setChecked(True)
    wait_preview(qtbot, page)
    ranged = tmp_path / "pages-2-3.pdf"
    print_to(monkeypatch, ranged, first=2, last=3)
    page.print_pdf()
    assert pdf_pages(ranged) == 2
    printed = open_pdf(ranged.read_bytes())
    assert [round(v) for v in printed.get_page_size(0)] == [792, 612], "landscape"
    assert ink(render_page(printed, 0, 0.5)) > 1000, "the page was painted"
    printed.close()


def test_print_dialog_cancelled_prints_nothing(
    qtbot: QtBot, sample_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    monkeypatch.setattr(print_output, "choose_printer", lambda *args: False)
    sample_env.context.status.clearMessage()
    page.print_pdf()
    assert sample_env.context.status.currentMessage() == ""


# -- your details ------------------------------------------------------------------------------


def test_details_form_saves_as_you_type_and_undoes(qtbot: QtBot, sample_env: Env) -> None:
    page = sample_env.page
    set_my_details(sample_env.sessions, MyDetails(name="Ann Old"))
    sample_env.context.events.notify("settings")
    page.options.set_kind(Kind.CARDS)
    form = page.options.details
    assert form.edits["name"].text() == "Ann Old"
    name = form.edits["name"]
    name.setFocus()
    name.selectAll()
    type_text(name, "Олег O'Brien")
    assert form.has_pending and get_my_details(sample_env.sessions).name == "Ann Old"
    qtbot.waitUntil(lambda: get_my_details(sample_env.sessions).name == "Олег O'Brien")
    assert sample_env.seen[-1] == frozenset({"settings"})
    stack = sample_env.context.undo_stack
    assert stack.count() == 1, "one burst of typing is one undo step"

    form.edits["email"].setFocus()
    type_text(form.edits["email"], "oleg at example")
    form.save_pending()
    assert form.problem.isVisible() and "email address" in form.problem.text()
    assert get_my_details(sample_env.sessions).email == ""
    form.edits["email"].clear()
    type_text(form.edits["email"], "oleg@example.org")
    form.save_pending()
    assert not form.problem.isVisible()
    assert get_my_details(sample_env.sessions).email == "oleg@example.org"

    stack.undo()
    assert get_my_details(sample_env.sessions).email == ""
    assert form.edits["email"].text() == ""
    stack.undo()
    assert get_my_details(sample_env.sessions).name == "Ann Old" and name.text() == "Ann Old"
    stack.redo()
    assert name.text() == "Олег O'Brien"
    wait_preview(qtbot, page)
    assert page.preview.page_count >= 1


# -- empty states ------------------------------------------------------------------------------


def test_a_new_workbook_says_what_to_do(qtbot: QtBot, empty_env: Env, output_dir: Path) -> None:
    page = empty_env.page
    chooser = page.options.meeting_chooser
    assert page.preview.message.text() == NO_MEETINGS
    assert chooser.empty.isVisible() and chooser.go.isVisible() and not chooser.list.isVisible()
    assert not page.save.isEnabled() and not page.print.isEnabled()
    assert page.page_label.text() == ""
    screenshots(page, output_dir, "print-empty")
    with qtbot.waitSignal(page.navigate_requested) as signal:
        qtbot.mouseClick(chooser.go, Qt.MouseButton.LeftButton)
    assert signal.args == ["meetings"]

    page.options.set_kind(Kind.CARDS)
    qtbot.waitUntil(lambda: page.preview.message.text() == NO_DETAILS)
    page.options.set_kind(Kind.PEOPLE)
    assert page.options.worksheet.is_blank, "nobody on the list yet: the blank sheet"
    wait_preview(qtbot, page)

    person = add_person(empty_env.sessions, "Zoë Ångström", organisation="R&D <NYSE>")
    meeting = create_meeting(empty_env.sessions, person)
    empty_env.context.events.notify("people", "meetings")
    assert chooser.selected_id() == meeting and not chooser.list.isHidden()
    assert "Your list so far (1 person)" in page.options.worksheet.filled.text().replace("&", "")
    page.options.set_kind(Kind.PREP)
    wait_preview(qtbot, page)
    assert page.save.isEnabled() and page.page_label.text() == "Page 1 of 1"


def test_no_build_while_the_page_is_hidden(qtbot: QtBot, sample_env: Env) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    page.hide()
    sample_env.context.events.notify("people")
    qtbot.wait(REBUILD_WAIT)
    assert not page.runner.busy and not page.is_current
    page.show()
    wait_preview(qtbot, page)


# -- keyboard and errors -----------------------------------------------------------------------


def test_keyboard_save_print_and_zoom(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    page.preview.area.setFocus()
    out = tmp_path / "keys.pdf"
    answer_save(monkeypatch, out)
    qtbot.keyClick(page.preview.area, Qt.Key.Key_E, CTRL)
    assert out.exists()
    printed = tmp_path / "printed.pdf"
    asked = print_to(monkeypatch, printed)
    qtbot.keyClick(page.preview.area, Qt.Key.Key_P, CTRL)
    assert asked == [1] and printed.exists()
    zoom = page.preview.zoom_percent
    qtbot.keyClick(page.preview.area, Qt.Key.Key_Equal, CTRL)
    assert page.preview.zoom_percent > zoom and page.zoom_label.text().endswith("%")
    qtbot.keyClick(page.preview.area, Qt.Key.Key_Minus, CTRL)
    assert page.preview.zoom_percent == zoom
    assert "Ctrl+E" in page.save.toolTip() and "Ctrl+P" in page.print.toolTip()


def test_a_file_that_cannot_be_written_is_explained(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    answer_save(monkeypatch, tmp_path / "no such folder" / "x.pdf")
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: errors.append((title, text)))
    page.save_pdf()
    assert errors and errors[0][0] == "Cannot save the PDF" and "no such folder" in errors[0][1]
    answer_save(monkeypatch, None)  # the user cancelled the dialog
    sample_env.context.status.clearMessage()
    page.save_pdf()
    assert sample_env.context.status.currentMessage() == ""


def test_leaving_the_page_stops_the_build_and_coming_back_redoes_it(
    qtbot: QtBot, sample_env: Env, held: Held
) -> None:
    page = sample_env.page
    wait_preview(qtbot, page)
    page.options.set_kind(Kind.PEOPLE)
    qtbot.waitUntil(lambda: held.calls == [False])
    page.hide()
    assert not page.runner.busy and not page.progress_row.isVisible()
    assert page.preview.page_count == 1, "the last preview stays"
    held.gate.set()
    qtbot.waitUntil(lambda: not page.runner._running)
    page.show()
    wait_preview(qtbot, page)
    assert held.calls == [False, False] and page.preview.page_count > 1


def test_saving_right_after_typing_uses_the_new_details(
    qtbot: QtBot, sample_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = sample_env.page
    set_my_details(sample_env.sessions, MyDetails(name="Zoë Ångström", phone="+1 555 0100"))
    sample_env.context.events.notify("settings")
    page.options.set_kind(Kind.CARDS)
    wait_preview(qtbot, page)
    name = page.options.details.edits["name"]
    name.setFocus()
    name.selectAll()
    type_text(name, "שרה כהן & Ελένη")
    out = tmp_path / "cards.pdf"
    answer_save(monkeypatch, out)
    qtbot.keyClick(name, Qt.Key.Key_E, CTRL)  # before the form's own save
    qtbot.waitUntil(out.exists, timeout=BUILD_TIMEOUT)
    assert get_my_details(sample_env.sessions).name == "שרה כהן & Ελένη"
    assert "Ελένη" in pdf_text(out) and pdf_pages(out) == 2
