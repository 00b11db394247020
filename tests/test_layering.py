"""The one-way-down rule: core and reports never import Qt or the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _modules(package: str) -> list[str]:
    root = REPO / package.replace(".", "/")
    names = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(REPO).with_suffix("")
        if "migrations" in relative.parts:
            continue  # Alembic loads these by path, inside a migration run
        names.append(".".join(relative.parts).removesuffix(".__init__"))
    return names


def _imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_core_and_reports_never_import_qt_or_ui() -> None:
    modules = _modules("workbook.core") + _modules("workbook.reports")
    assert "workbook.core.document" in modules and "workbook.reports.fonts" in modules
    loaded = _imported_after(modules)
    offenders = sorted(m for m in loaded if m.startswith(("PySide6", "shiboken6", "workbook.ui")))
    assert offenders == []


def test_gui_start_path_does_not_load_sqlalchemy_before_the_window() -> None:
    # The window shows first and the workbook opens after the first paint (bench/startup.py).
    loaded = _imported_after(
        ["workbook.cli", "workbook.commands", "workbook.ui.app", "workbook.ui.windows"]
    )
    assert "workbook.ui.main_window" in loaded
    assert not any(m.startswith(("sqlalchemy", "alembic", "reportlab")) for m in loaded)


def test_starting_the_gui_does_not_import_the_command_modules() -> None:
    code = (
        "import sys\n"
        "import workbook.ui.app\n"
        "workbook.ui.app.run_gui = lambda *args, **kwargs: 0\n"
        "from workbook.cli import main\n"
        "assert main(['--temp-data-dir', 'some.workbook']) == 0\n"
        "print('workbook.commands' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


FIRST_FRAME = """
import sys
import PySide6.QtCore, PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from workbook.paths import configure
from workbook.recent import AppState
from workbook.ui.app import make_application, make_settings
from workbook.ui.main_window import MainWindow

lazy = "Qt" not in vars(PySide6.QtCore)  # PySide6 makes a class's Python type on first use
app = make_application()
dirs = configure(sys.argv[1])
window = MainWindow(dirs, AppState.load(dirs.state_file), make_settings(dirs))

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            loaded = [
                name for name, module in (("Qt", PySide6.QtCore), ("QStyle", PySide6.QtWidgets))
                if name in vars(module)
            ]
            loaded += [m for m in sys.modules if m.startswith(("sqlalchemy", "alembic"))]
            print("lazy" if lazy else "eager", *loaded)
            QTimer.singleShot(0, app.quit)
        return False

probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def test_the_first_frame_needs_neither_the_qt_namespace_nor_qstyle(tmp_path: Path) -> None:
    # Their Python enums cost ~45 ms to build (bench/startup.py): the window paints first.
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(tmp_path / "data")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = result.stdout.split()
    if loaded[:1] == ["eager"]:
        pytest.skip("this PySide6 builds its classes on import")
    assert loaded == ["lazy"]
