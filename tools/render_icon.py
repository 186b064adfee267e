"""Render ``resources/icons/angebotslotse.svg`` to PNGs (256 px by default) with Qt's SVG renderer.

Usage: ``QT_QPA_PLATFORM=offscreen python tools/render_icon.py [SIZE ...]``. The 256 px PNG is
committed (desktop file, installer); other sizes (e.g. 16 32 48 for a Windows .ico) are
written beside it as ``angebotslotse-<size>.png`` when asked for.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "angebotslotse.svg"


def render(size: int, target: Path) -> Path:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")
    return target


def main(argv: list[str]) -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = [int(arg) for arg in argv] or [256]
    for size in sizes:
        name = "angebotslotse.png" if size == 256 else f"angebotslotse-{size}.png"
        print(render(size, ICONS / name))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
