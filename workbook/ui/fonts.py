"""Shipped fonts for the screen: a fresh Linux has no CJK font, so names would show as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from workbook.paths import resource

_UI_FONTS = ("wqy-microhei.ttc",)  # Chinese, Japanese and Korean; Qt falls back to it per glyph
_loaded = False


def register_ui_fonts() -> None:
    """Add the shipped fonts to Qt's font database (once; ~50 ms, so after the first paint)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in _UI_FONTS:
        try:
            QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        except FileNotFoundError:
            continue  # the system's own fonts still work; printing reports the missing file
