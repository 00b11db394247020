"""UI test set-up: the shipped fonts, as the app loads them after its first paint."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True, scope="session")
def _shipped_ui_fonts(qapp: QApplication) -> None:
    """So screenshots show CJK names, not empty boxes."""
    from workbook.ui.fonts import register_ui_fonts

    register_ui_fonts()
