"""The window icon: every rendered size, loaded from the shipped PNGs without QtSvg."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from workbook.ui.app_icon import ICON_SIZES, app_icon


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} == {
        (size, size) for size in ICON_SIZES
    }
    pixmap = icon.pixmap(QSize(32, 32))
    assert pixmap.width() == 32 and not pixmap.toImage().isNull()


def test_app_icon_does_not_load_qtsvg() -> None:
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "from workbook.ui.app_icon import app_icon; app.setWindowIcon(app_icon()); "
        "print('PySide6.QtSvg' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
