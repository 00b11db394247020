"""Render the app icon (resources/icons/workbook.svg) to the PNG, .ico and .icns files.

    .venv/bin/python packaging/icons/render_icons.py          (from the repository root)

Writes resources/icons/workbook-<size>.png for every size in PNG_SIZES (the window icon and the
hicolor theme of the .deb), workbook.ico (Windows: the executable and the installer) and
workbook.icns (macOS: the .app). The rendered files are committed, so builds never need this
script; run it again after changing the SVG. Every size is rendered from the SVG (not scaled
down from a large PNG) so small sizes stay sharp. Needs PySide6 (QtSvg) and Pillow (the
`build` extra).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "workbook.svg"
# The hicolor theme's usual sizes; the window icon uses the same files.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows shows at most 256 px
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024: the @2x of 512 on Retina screens


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at size x size, as a Pillow RGBA image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    # Format_ARGB32 is unpremultiplied 0xAARRGGBB words: bytes B, G, R, A on little-endian
    # machines (where this script runs), A, R, G, B on big-endian ones.
    raw = "BGRA" if sys.byteorder == "little" else "ARGB"
    data = bytes(image.constBits())
    return Image.frombuffer("RGBA", (size, size), data, "raw", raw, image.bytesPerLine(), 1)


def _png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)  # no timestamps in PNG: the same SVG gives the same bytes
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write through a temp file in the same folder and rename, as every file the project writes."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
    print(f"render_icons: {path.relative_to(ROOT)} ({len(data):,} bytes)")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG}: not a valid SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        _write(ICONS / f"workbook-{size}.png", _png_bytes(images[size]))

    largest = images[max(ICO_SIZES)]
    ico = io.BytesIO()
    largest.save(
        ico,
        "ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    _write(ICONS / "workbook.ico", ico.getvalue())

    icns = io.BytesIO()
    images[max(ICNS_SIZES)].save(
        icns, "ICNS", append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)]
    )
    _write(ICONS / "workbook.icns", icns.getvalue())
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
