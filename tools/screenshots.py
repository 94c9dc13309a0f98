"""Save a PNG of each main screen of LMC Desk, on the fictional example county.

    python tools/screenshots.py OUT_DIR [--scale 1.5]

Runs offscreen by default (``QWidget.grab()`` needs no display); under Xvfb use
``xvfb-run -a env QT_QPA_PLATFORM=xcb python tools/screenshots.py out``.
``--scale`` sets QT_SCALE_FACTOR (Windows 125 % / 150 % display scaling).
Per-user folders go to a temporary LMCDESK_HOME unless one is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)  # the commonest laptop screen in GP surgeries
#: With display scaling the window is fitted to a 1920x1080 screen at that scale
#: (1280x720 logical pixels at 150 %), as a full-HD surgery PC would show it.
SCALED_SCREEN = (1920, 1080)


def window_size() -> tuple[int, int]:
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1)
    if scale == 1:
        return SIZE
    return int(SCALED_SCREEN[0] / scale), int(SCALED_SCREEN[1] / scale)


def _pump(seconds: float = 0.2) -> None:
    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _until(predicate, timeout: float = 60.0) -> None:
    from lmcdesk.ui import operations

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        _pump(0.05)
        if predicate() and not operations.busy():
            return
    raise TimeoutError("the window did not get there in time")


def capture(out_dir: Path, db_path: Path | None = None) -> list[Path]:
    """Open the example record and save one PNG per screen; returns the files."""

    from lmcdesk.app import application
    from lmcdesk.ui.main_window import MainWindow

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    application()
    saved: list[Path] = []

    def shot(widget, name: str) -> None:
        _pump(0.15)
        path = out_dir / f"{len(saved) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    window = MainWindow()
    window.resize(*window_size())
    window.show()
    window.start(None)
    _pump(0.2)
    shot(window, "welcome")

    if db_path is None:
        window.try_example()
    else:
        window.open_record("sqlite:///" + str(db_path))
    _until(lambda: window.overview is not None and bool(window.overview.meetings))
    window.resize(*window_size())
    shot(window, "meetings")
    for page, name in ((window.people_page, "people"), (window.bodies_page, "bodies"),
                       (window.interests_page, "interests"), (window.gifts_page, "gifts"),
                       (window.actions_page, "actions")):
        window.tabs.setCurrentWidget(page)
        shot(window, name)

    draft = next((r for r in window.overview.meetings if str(r.status) == "draft" and "joint" in r.id), window.overview.meetings[0])
    window.open_meeting(draft.id)
    _until(lambda: window.current_editor() is not None)
    editor = window.current_editor()
    window.resize(*window_size())
    items = editor.meeting.ordered_items()
    business = next((i for i in items if str(i.business_kind) not in ("general",)), items[0])
    editor.agenda.select_item(business.id)
    shot(window, "agenda")
    editor.show_page("attendance")
    shot(window, "attendance")
    editor.show_page("minutes")
    editor.minutes.select_item(business.id)
    _until(lambda: True)
    shot(window, "live-minutes")

    dialog = editor.approval_dialog()
    dialog.show()
    shot(dialog, "approve-refused")
    dialog.close()

    # the approval form on a clean draft: the meeting that approved them, who signs, the key's passphrase
    clean = next((r for r in window.overview.meetings if str(r.status) == "draft" and r.id != draft.id), None)
    if clean is not None:
        window.open_meeting(clean.id)
        _until(lambda: getattr(window.current_editor(), "meeting_id", None) == clean.id)
        form = window.current_editor().approval_dialog()
        form.show()
        _until(lambda: form.choices is not None)
        shot(form, "approve")
        form.close()

    ready: list = []
    editor.preview(on_ready=ready.append)
    _until(lambda: bool(ready))
    _pump(0.5)
    shot(ready[0], "minutes-preview")
    ready[0].close()

    for e in window.editors():
        e.close_editor()
    window.close()
    _pump(0.2)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", help="QT_SCALE_FACTOR, e.g. 1.25 or 1.5")
    parser.add_argument("--db", type=Path, help="an existing record instead of the example county")
    args = parser.parse_args(argv)
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("LMCDESK_HOME", tempfile.mkdtemp(prefix="lmcdesk-shots-"))
    for path in capture(args.out_dir, args.db):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
