"""The main window: a thin shell of step navigator, pages, menus and status bar.

It owns the open document and wires signals in one place; pages get what they need through
their constructors and refresh from the one app-level ``AppEvents.changed`` signal.

Start-up (bench/startup.py): the constructor builds only what the first frame shows (the
menu titles, navigator, "no workbook" page and status bar). ``_complete()`` adds the rest —
the menus' actions, the welcome and placeholder pages — in ``start()``, right after the
first paint, or sooner if a key is pressed or a menu opened, so every shortcut works from the
first frame. Nothing before that paint touches the ``Qt`` namespace or ``QStyle``: PySide6
builds their Python enums on first use (~45 ms).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QStackedWidget, QWidget

from workbook import APP_NAME
from workbook.paths import AppDirs
from workbook.recent import AppState
from workbook.ui.events import AppEvents
from workbook.ui.pages.closed_page import ClosedPage
from workbook.ui.steps import STEPS
from workbook.ui.widgets.navigator import StepNavigator

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from workbook.core.document import Document
    from workbook.ui.file_menu import FileMenu
    from workbook.ui.page_context import PageContext
    from workbook.ui.pages.welcome_page import WelcomePage

# Key events nobody accepts go up to the window; ShortcutOverride comes before the shortcut
# is matched, so eventFilter() can still build the actions for it.
_KEY_EVENTS = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)


@runtime_checkable
class ContactImporter(Protocol):
    """A page that imports contact files (the People page)."""

    def import_files(self, paths: list[Path]) -> None: ...

    def choose_and_import(self) -> None: ...


class MainWindow(QMainWindow):
    def __init__(self, dirs: AppDirs, state: AppState, settings: QSettings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.dirs = dirs
        self.state = state
        self.settings = settings
        self.events = AppEvents(self)
        self.document: Document | None = None
        self.undo_group = QUndoGroup(self)
        # Set by windows.WindowManager: raises the window of this process that has a workbook
        # open (True), as its lock cannot be taken twice; open_path() then leaves this one be.
        self.open_elsewhere: Callable[[Path], bool] | None = None

        self.navigator = StepNavigator()
        self.stack = QStackedWidget()
        self.closed_page = ClosedPage()
        self.stack.addWidget(self.closed_page)
        self.step_pages: dict[str, QWidget] = {}  # these come with _complete()
        self.welcome_page: WelcomePage
        self._file_menu: FileMenu
        self.undo_action: QAction
        self.redo_action: QAction

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigator)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.statusBar()  # created up front so the layout does not jump at the first message
        bar = self.menuBar()
        self._menus = [bar.addMenu(title) for title in ("&File", "&Edit", "&Go", "&Help")]
        for menu in self._menus:
            menu.aboutToShow.connect(self._complete)
        self._completed = False
        self.installEventFilter(self)  # for keys, until _complete()
        self._wire()
        self._restore_geometry()
        self.setAcceptDrops(True)
        self._show_document_state()

    def _complete(self) -> None:
        """Build what the first frame does not show (see the module's note); once."""
        if self._completed:
            return
        self._completed = True
        self.removeEventFilter(self)
        from workbook.ui.file_menu import FileMenu
        from workbook.ui.pages.step_placeholder import StepPlaceholderPage
        from workbook.ui.pages.welcome_page import WelcomePage

        self.welcome_page = WelcomePage()
        self.stack.addWidget(self.welcome_page)
        for step in STEPS:
            page = StepPlaceholderPage(step)
            self.step_pages[step.key] = page
            self.stack.addWidget(page)
        self.welcome_page.start_requested.connect(self._on_welcome_start)
        self.welcome_page.sample_requested.connect(self._on_open_sample)
        file_menu, edit_menu, go_menu, help_menu = self._menus
        self._file_menu = FileMenu(self, file_menu)
        self._file_menu.set_document_actions_enabled(self.document is not None)
        self._build_edit_menu(edit_menu)
        self._build_go_menu(go_menu)
        self._build_help_menu(help_menu)

    @property
    def file_menu(self) -> FileMenu:
        self._complete()
        return self._file_menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A key pressed before start(): its shortcut finds the menus' actions in place.
        if watched is self and event.type() in _KEY_EVENTS:
            self._complete()
        return False

    # ------------------------------------------------------------ document lifecycle

    def start(self, path: Path, first_run: bool) -> None:
        """Open the first workbook after the window is on screen (keeps start-up quick)."""
        self._complete()
        if path == self.dirs.default_workbook and not path.exists():
            from workbook.core import document
            from workbook.core.errors import WorkbookError

            try:
                document.create(path).close()
            except WorkbookError as exc:
                self._show_document_state(str(exc))
                return
        self.open_path(path, quiet=True)
        if first_run and self.document is not None:
            self.show_welcome()

    def show_welcome(self) -> None:
        self._complete()
        self.navigator.setCurrentRow(-1)  # the welcome is not one of the steps
        self.stack.setCurrentWidget(self.welcome_page)
        self.welcome_page.start_button.setFocus()

    def open_path(self, path: Path, quiet: bool = False) -> bool:
        """Open a workbook in this window; on failure say why and keep what was open."""
        from workbook.core import document
        from workbook.core.errors import WorkbookError
        from workbook.ui import prompts

        path = Path(path).expanduser().absolute()
        if self.document is not None and self.document.path == path:
            return True
        if self.open_elsewhere is not None and self.open_elsewhere(path):
            return False
        try:
            opened = document.open_document(path, backups_dir=self.dirs.backups)
        except WorkbookError as exc:
            if quiet or self.document is None:
                self._show_document_state(str(exc))
            else:
                prompts.error(self, "Cannot open the workbook", str(exc))
            return False
        self._set_document(opened)
        self.state.add_recent(path)
        self._save_state()
        self.statusBar().showMessage(f"Opened {opened.name}", 5000)
        return True

    def close_document(self) -> None:
        if self.document is not None:
            self._install_pages(None)
            self.document.close()
            self.document = None
        self._show_document_state()

    def _set_document(self, opened: Document) -> None:
        from workbook.ui.page_context import PageContext

        self._complete()
        if self.document is not None:
            self._install_pages(None)
            self.document.close()
        self.document = opened
        undo_stack = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(undo_stack)
        context = PageContext(opened.sessions, self.events, undo_stack, self.statusBar(), self.dirs)
        self._install_pages(context)
        self._show_document_state()
        self._refresh_badges()

    def _install_pages(self, context: PageContext | None) -> None:
        """Build each step's real page for the open workbook, or put placeholders back."""
        from workbook.ui.pages.registry import PAGE_FACTORIES
        from workbook.ui.pages.step_placeholder import StepPlaceholderPage

        current = self.stack.currentWidget()
        for key, factory in PAGE_FACTORIES.items():
            old = self.step_pages[key]
            step = next(s for s in STEPS if s.key == key)
            # A page may save edits in progress and stop background work before its workbook
            # closes (``shutdown``), and may ask to show another step (``navigate_requested``).
            shutdown = getattr(old, "shutdown", None)
            if callable(shutdown):
                shutdown()
            page = factory(context) if context is not None else StepPlaceholderPage(step)
            navigate = getattr(page, "navigate_requested", None)
            if navigate is not None:
                navigate.connect(self._go_to)
            self.stack.insertWidget(self.stack.indexOf(old), page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.step_pages[key] = page
            if current is old:
                self.stack.setCurrentWidget(page)
        meetings, printing = self.step_pages.get("meetings"), self.step_pages.get("print")
        wanted = getattr(meetings, "print_requested", None)
        if wanted is not None and hasattr(printing, "select_meeting"):
            wanted.connect(self._print_meeting)
        if context is None:
            for stack in list(self.undo_group.stacks()):
                self.undo_group.removeStack(stack)
                stack.deleteLater()

    def _show_document_state(self, problem: str | None = None) -> None:
        has_document = self.document is not None
        self.navigator.setEnabled(has_document)
        if self._completed:
            self._file_menu.set_document_actions_enabled(has_document)
        if has_document:
            assert self.document is not None
            self.setWindowTitle(f"{self.document.name} — {APP_NAME}")
            self._go_to(self.navigator.current_key() or "target")
        else:
            self.setWindowTitle(APP_NAME)
            self.closed_page.show_problem(problem)
            self.stack.setCurrentWidget(self.closed_page)
            for step in STEPS:
                self.navigator.set_badge(step.key, "")

    # ------------------------------------------------------------ navigation

    def _print_meeting(self, meeting_id: int) -> None:
        """The Meetings page's "Prep sheet…": the Print page, on that meeting."""
        page = self.step_pages.get("print")
        select = getattr(page, "select_meeting", None)
        if callable(select):
            select(meeting_id)
            self._go_to("print")

    def _go_to(self, key: str) -> None:
        self.navigator.select(key)
        page = self.step_pages.get(key)
        if page is not None and self.document is not None:
            self.stack.setCurrentWidget(page)

    def _on_welcome_start(self) -> None:
        self.state.welcomed = True
        self._save_state()
        self._go_to("target")

    def _on_open_sample(self) -> None:
        from PySide6.QtCore import Qt

        from workbook.core.errors import WorkbookError
        from workbook.core.sample import build_sample
        from workbook.ui import prompts

        self.state.welcomed = True
        path = self.dirs.sample_workbook
        if not path.exists():
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                build_sample(path)
            except WorkbookError as exc:
                prompts.error(self, "Cannot create the sample workbook", str(exc))
                return
            finally:
                QApplication.restoreOverrideCursor()
        if self.open_path(path):
            self._go_to("people")

    def _refresh_badges(self, _what: frozenset[str] = frozenset()) -> None:
        if self.document is None:
            return
        from workbook.core.followups import count_due
        from workbook.core.people import GOAL, count_people

        people = count_people(self.document.sessions)
        self.navigator.set_badge("people", f"{people} of {GOAL}")
        due = count_due(self.document.sessions)
        self.navigator.set_badge("today", f"{due} due" if due else "", urgent=due > 0)

    # ------------------------------------------------------------ contact files

    def import_contacts(self, paths: list[Path] | None = None) -> None:
        """Import contact files on the People page (asks for them when ``paths`` is None)."""
        page: object = self.step_pages.get("people")  # the placeholder until a workbook opens
        if self.document is None or not isinstance(page, ContactImporter):
            return
        self._go_to("people")
        if paths is None:
            page.choose_and_import()
        else:
            page.import_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event)
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and paths[0].suffix.lower() == ".workbook":
            self.open_path(paths[0])
        elif self.document is None:
            from workbook.ui import prompts

            prompts.error(self, "No workbook is open", "Open a workbook first, then drop contacts.")
        else:
            self.import_contacts(paths)

    # ------------------------------------------------------------ menus and wiring

    def _build_edit_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QKeySequence

        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu.addAction(undo)
        menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

    def _build_go_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        for step in STEPS:
            shortcut = "Ctrl+0" if step.number is None else f"Ctrl+{step.number}"
            label = step.name if step.number is None else f"&{step.number} {step.name}"
            action = QAction(label, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, key=step.key: self._go_to(key))
            menu.addAction(action)

    def _build_help_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        method = QAction("The &Method in Brief", self)
        method.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        method.triggered.connect(self.show_welcome)
        menu.addAction(method)

    def _wire(self) -> None:
        # The welcome page's signals: in _complete(), which builds that page.
        self.navigator.step_chosen.connect(self._go_to)
        self.closed_page.new_requested.connect(lambda: self.file_menu.new_workbook())
        self.closed_page.open_requested.connect(lambda: self.file_menu.open_workbook())
        self.closed_page.sample_requested.connect(self._on_open_sample)
        self.events.changed.connect(self._refresh_badges)

    # ------------------------------------------------------------ persistence

    def _save_state(self) -> None:
        try:
            self.state.save()
        except Exception as exc:  # settings are a convenience; never block work on them
            self.statusBar().showMessage(f"Could not save settings: {exc}", 8000)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.close_document()
        event.accept()


def _local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
