"""Step 5: print — prep sheets, agendas, the 100-people worksheet and cards, with a preview.

The PDF is made off the UI thread (print_job.BuildRunner) a moment after the choice or the
workbook changes, shown by PdfPreview, and saved or printed from the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbook.core.errors import WorkbookError
from workbook.ui import prompts
from workbook.ui.page_context import PageContext
from workbook.ui.pages import print_output
from workbook.ui.pages.print_job import BuildRunner
from workbook.ui.pages.print_options import PrintOptions
from workbook.ui.pages.print_output import (
    Kind,
    PrintChoice,
    build_for,
    describe,
    file_name,
    sentence,
)
from workbook.ui.steps import STEP_BY_KEY
from workbook.ui.widgets.page_header import PageHeader
from workbook.ui.widgets.pdf_preview import PdfPreview

REBUILD_DELAY_MS = 250  # typing or clicking through choices makes one build, not many
PROGRESS_DELAY_MS = 150  # a quick build shows no progress bar at all
NO_MEETINGS = (
    "No meetings yet: plan one on the Meetings page, and its prep sheet will be ready here."
)
NO_DETAILS = "Add your name and how to reach you on the left: your cards appear here."


class PrintPage(QWidget):
    """Choose what to print, see it, then print it or save it as a PDF.

    ``navigate_requested(step_key)`` asks the window to show another step (the empty state's
    "Go to Meetings").
    """

    navigate_requested = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._pdf: bytes | None = None
        self._pdf_choice: PrintChoice | None = None
        self._building: PrintChoice | None = None
        self._dirty = True
        self._after_build: str | None = None  # "save" or "print" once the PDF is ready
        self._folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        step = STEP_BY_KEY["print"]
        header = PageHeader(f"Step {step.number} — {step.name}", step.purpose)

        self.options = PrintOptions(context)
        scroll = QScrollArea()
        scroll.setWidget(self.options)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.preview = PdfPreview()
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Page in view")
        self.page_label.setMinimumWidth(70)
        self.zoom_out = self._tool("−", "Zoom out (Ctrl+-)")
        self.zoom_label = QLabel()
        self.zoom_in = self._tool("+", "Zoom in (Ctrl+=)")
        self.fit = self._tool("Fit", "Fit the page to the width of the preview")
        self.save = QPushButton("Save P&DF…")
        self.save.setToolTip("Save what you see as a PDF file (Ctrl+E)")
        self.print = QPushButton("&Print…")
        self.print.setToolTip("Print what you see (Ctrl+P)")
        self.print.setDefault(True)
        toolbar = QHBoxLayout()
        for widget in (self.page_label, self.zoom_out, self.zoom_label, self.zoom_in, self.fit):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        # Save and Print sit under the choices (what, paper, then print): a narrow window fits.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.print)
        side = QWidget()
        side.setMinimumWidth(240)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(scroll, 1)
        side_layout.addLayout(buttons)

        self.progress_label = QLabel("Making the PDF…")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(False)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop making the PDF (F5 starts again)")
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel)
        self.progress_row.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(toolbar)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.progress_row)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 640])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(splitter, 1)

        self.runner = BuildRunner(self)
        self._rebuild_timer = QTimer(self, singleShot=True, interval=REBUILD_DELAY_MS)
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._connect()
        self._update_buttons()

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        return button

    def _connect(self) -> None:
        self.options.changed.connect(self.schedule_rebuild)
        self.options.meeting_chooser.meetings_requested.connect(
            lambda: self.navigate_requested.emit("meetings")
        )
        self.preview.page_changed.connect(self._on_preview_page_changed)
        self.preview.zoom_changed.connect(lambda p: self.zoom_label.setText(f"{p}%"))
        self.zoom_out.clicked.connect(self.preview.zoom_out)
        self.zoom_in.clicked.connect(self.preview.zoom_in)
        self.fit.clicked.connect(self.preview.fit_width)
        self.save.clicked.connect(self.save_pdf)
        self.print.clicked.connect(self.print_pdf)
        self.cancel.clicked.connect(self.runner.cancel)
        self.runner.started.connect(self._on_runner_started)
        self.runner.progress.connect(self._on_runner_progress)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self._progress_timer.timeout.connect(self._on_progress_timer_timeout)
        self.context.events.changed.connect(self._on_events_changed)
        keys = (
            ("Ctrl+P", self.print_pdf),
            ("Ctrl+E", self.save_pdf),
            ("Ctrl+=", self.preview.zoom_in),
            (QKeySequence.StandardKey.ZoomIn, self.preview.zoom_in),
            ("Ctrl+-", self.preview.zoom_out),
            ("F5", self.rebuild),
        )
        # Window-wide, so they work wherever the focus is (the navigator too); Qt offers
        # them only while this page is visible.
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    # -- public ----------------------------------------------------------------------------

    def select_meeting(self, meeting_id: int) -> None:
        """Show this meeting's prep sheet (e.g. from the Meetings page)."""
        self.options.reload_meetings()
        self.options.set_kind(Kind.PREP)
        self.options.meeting_chooser.select(meeting_id)

    @property
    def is_current(self) -> bool:
        """Whether the preview shows the PDF for the present choice and workbook."""
        return (
            self._pdf is not None
            and not self._dirty
            and not self._rebuild_timer.isActive()
            and self._pdf_choice == self.options.choice()
        )

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Stop any build and wait for the worker (before the workbook closes)."""
        self._rebuild_timer.stop()
        return self.runner.wait(msecs)

    # -- building --------------------------------------------------------------------------

    def schedule_rebuild(self) -> None:
        self._dirty = True
        self._update_buttons()
        if self.isVisible():
            self._rebuild_timer.start()

    def rebuild(self) -> None:
        """Make the PDF for the present choice now (or say what is missing)."""
        self._save_typed_details()
        self._rebuild_timer.stop()
        self._dirty = True
        choice = self.options.choice()
        message = self._missing(choice)
        if message:
            self.runner.cancel(quiet=True)
            self._show_message(message)
            return
        self._building = choice
        self.runner.start(build_for(self.context.sessions, choice))
        self._update_buttons()

    def _save_typed_details(self) -> None:
        # The cards are made from the saved details: typing not saved yet goes in first.
        if self.options.kind is Kind.CARDS:
            self.options.details.save_pending()

    def _missing(self, choice: PrintChoice) -> str:
        if choice.kind is Kind.PREP and choice.meeting_id is None:
            return NO_MEETINGS
        if choice.kind is Kind.CARDS and not self.options.details.details().name.strip():
            return NO_DETAILS
        return ""

    def _show_message(self, text: str) -> None:
        self._pdf, self._pdf_choice = None, None
        self.preview.show_message(text)
        self._end_progress()
        self._fail_pending(text)
        self._update_buttons()

    def _on_runner_started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first page is done
        self.progress_label.setText("Making the PDF…")
        self._progress_timer.start()

    def _on_runner_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(f"Making the PDF: page {done} of {total}…")

    def _on_runner_finished(self, data: bytes) -> None:
        self._end_progress()
        try:
            self.preview.set_pdf(data)
        except WorkbookError as exc:
            self._show_message(sentence(str(exc)))
            return
        self._pdf, self._pdf_choice, self._dirty = data, self._building, False
        self._update_buttons()
        action, self._after_build = self._after_build, None
        if action == "save":
            self.save_pdf()
        elif action == "print":
            self.print_pdf()

    def _on_runner_failed(self, message: str) -> None:
        self._show_message(sentence(message))

    def _on_runner_cancelled(self) -> None:
        self._show_message("Stopped. Press F5, or change a choice, to make the PDF again.")

    def _on_progress_timer_timeout(self) -> None:
        if self.runner.busy:
            self.progress_row.show()

    def _end_progress(self) -> None:
        self._progress_timer.stop()
        self.progress_row.hide()

    def _fail_pending(self, text: str) -> None:
        if self._after_build is not None:
            self._after_build = None
            self.context.status.showMessage(f"Nothing was saved or printed: {text}", 6000)

    def _update_buttons(self) -> None:
        ready = not self._missing_now()  # pressed early, they wait for the PDF
        self.save.setEnabled(ready)
        self.print.setEnabled(ready)
        has_pages = self.preview.page_count > 0
        for button in (self.zoom_in, self.zoom_out, self.fit):
            button.setEnabled(has_pages)
        self.zoom_label.setVisible(has_pages)

    def _missing_now(self) -> bool:
        return bool(self._missing(self.options.choice()))

    # -- events ----------------------------------------------------------------------------

    def _on_events_changed(self, what: frozenset[str]) -> None:
        if what & {"meetings", "people"}:
            self.options.reload_meetings()
        if "people" in what:
            self.options.reload_people()
        if "settings" in what:
            self.options.reload_paper()
            self.options.details.reload()
        self.schedule_rebuild()  # anything in the workbook may show on the page

    def _on_preview_page_changed(self, current: int, count: int) -> None:
        self.page_label.setText(f"Page {current} of {count}" if count else "")
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty and not self.runner.busy:
            self.rebuild()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Nobody is looking: stop working, and make the preview afresh when shown again.
        self._rebuild_timer.stop()
        if self.runner.busy:
            self.runner.cancel(quiet=True)  # the last preview stays until the next one
            self._end_progress()
            self._after_build = None
            self._dirty = True

    # -- save and print --------------------------------------------------------------------

    def _title(self) -> str:
        choice = self.options.choice()
        return describe(choice, self.options.meeting_person(choice.meeting_id))

    def _when_ready(self, action: str) -> bool:
        """True when the PDF is current; else build it and run ``action`` afterwards."""
        self._save_typed_details()
        if self.is_current:
            return True
        if self._missing_now():
            self.context.status.showMessage(self._missing(self.options.choice()), 6000)
            return False
        self._after_build = action
        if self._dirty and self.runner.busy and not self._rebuild_timer.isActive():
            return False  # the build under way is for the present choice
        self.rebuild()
        return False

    def save_pdf(self) -> None:
        """Save the PDF where the user says (Ctrl+E)."""
        if not self._when_ready("save"):
            return
        assert self._pdf is not None
        from workbook.reports.output import save_pdf

        title = self._title()
        path = prompts.save_file_path(
            self, "Save PDF", self._folder / file_name(title), "PDF files (*.pdf)", ".pdf"
        )
        if path is None:
            return
        try:
            save_pdf(path, self._pdf)
        except (OSError, WorkbookError) as exc:
            prompts.error(self, "Cannot save the PDF", str(exc))
            return
        self._folder = path.parent
        self.context.status.showMessage(f"Saved {title} as {path.name}.", 6000)

    def print_pdf(self) -> None:
        """Print through the printer dialog (Ctrl+P)."""
        if not self._when_ready("print"):
            return
        assert self._pdf is not None and self._pdf_choice is not None
        title = self._title()
        count = self.preview.page_count
        size = self.preview.page_size(0)
        printer = print_output.new_printer(self._pdf_choice.paper, size, title)
        if self._pdf_choice.kind is Kind.CARDS:  # fronts and backs on one sheet
            printer.setDuplex(printer.DuplexMode.DuplexLongSide)
        if not print_output.choose_printer(self, printer, count):
            return
        try:
            pages = print_output.print_with_progress(self, self._pdf, printer)
        except WorkbookError as exc:
            prompts.error(self, "Cannot print", sentence(str(exc)))
            return
        where = Path(printer.outputFileName()).name or printer.printerName() or "the printer"
        plural = "page" if pages == 1 else "pages"
        self.context.status.showMessage(f"Sent {pages} {plural} of {title} to {where}.", 6000)
