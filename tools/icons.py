"""Render the app's icon, resources/icons/lmcdesk.svg, to the PNGs the app and the
bundle use (16, 32, 48 and 256 pixels) and to lmcdesk.ico for the Windows
installer (the same four images, stored as PNGs inside the .ico).

Run after changing the SVG:  QT_QPA_PLATFORM=offscreen .venv/bin/python tools/icons.py
(QtSvg is used only here: the app loads the PNGs, so the bundle needs no SVG support.)
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 256)


def render(svg: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding each PNG (Windows Vista and later read PNG entries; 256 is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs an application
    svg = QSvgRenderer(str(ICONS / "lmcdesk.svg"))
    if not svg.isValid():
        print("resources/icons/lmcdesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render(svg, size) for size in SIZES}
    for size, png in pngs.items():
        (ICONS / f"lmcdesk-{size}.png").write_bytes(png)
    (ICONS / "lmcdesk.ico").write_bytes(ico(pngs))
    print(f"wrote {len(pngs)} PNGs and lmcdesk.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
