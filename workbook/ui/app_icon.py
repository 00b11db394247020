"""The app's window icon, from the PNGs rendered from resources/icons/workbook.svg.

PNGs rather than the SVG: loading a few small PNGs is cheap at start-up, and QtSvg stays out
of the first frame. Add to make_application: ``app.setWindowIcon(app_icon())``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from workbook.paths import resource

# The sizes packaging/icons/render_icons.py writes; Qt picks the nearest for each use
# (title bar, task switcher, dock).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        # Giving the size lets Qt load each file only when that size is drawn.
        icon.addFile(str(resource("icons", f"workbook-{size}.png")), QSize(size, size))
    return icon
