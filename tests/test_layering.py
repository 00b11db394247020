"""The one-way-down rule: core and reports never import Qt or the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    loaded = _imported_after(["workbook.cli", "workbook.commands", "workbook.ui.app"])
    assert "workbook.ui.main_window" in loaded
    assert not any(m.startswith(("sqlalchemy", "alembic", "reportlab")) for m in loaded)
