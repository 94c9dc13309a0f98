"""The screenshot tool runs offscreen and writes a non-blank PNG per screen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshots_of_every_main_screen(qtbot, demo_db, tmp_path):
    files = _tool().capture(tmp_path / "shots", demo_db)
    names = [f.stem.split("-", 1)[1] for f in files]
    assert names == ["welcome", "meetings", "people", "bodies", "interests", "gifts", "actions", "agenda",
                     "attendance", "live-minutes", "approve-refused", "approve",
                     "minutes-preview"]
    for f in files:
        image = QImage(str(f))
        assert image.width() > 300 and image.height() > 200
        # not one flat colour
        assert len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}) > 3
