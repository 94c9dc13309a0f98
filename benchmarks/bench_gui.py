"""Desktop app figures (issue 4), each measured in a fresh process:

* first painted window: ``lmcdesk`` start to its first paint event, against a
  bare PySide6 window measured the same way (target <= 2x the bare window);
* populated meeting list on the 10-year record: start to the meetings list
  filled from the database (database opened after the first paint, off the UI
  thread);
* typing latency in live minute-taking: keystrokes at 25 per second into the
  minutes box of a meeting from the 10-year record while the continuous
  autosave runs; how late each keystroke is handled, and how long after the
  last keystroke the text is on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1180, 760)
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = First(); w.installEventFilter(f); w.show(); app.exec()
"""

APP = "import sys; from lmcdesk.app import main; sys.exit(main(db=sys.argv[1] if len(sys.argv) > 1 else None))"

TYPING = r"""
import json, sys, time
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtTest import QTest
from lmcdesk.app import application
from lmcdesk.ui import operations
from lmcdesk.ui.main_window import MainWindow

db, meeting_id, keys = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = application()
w = MainWindow(); w.show(); w.start(db)
def pump(until, timeout=120):
    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end: raise SystemExit("timed out")
        QCoreApplication.processEvents(); time.sleep(0.002)
pump(lambda: w.overview is not None and not operations.busy())
w.open_meeting(meeting_id)
pump(lambda: w.current_editor() is not None and not operations.busy())
editor = w.current_editor(); editor.show_page("minutes")
text = editor.minutes.text; text.setFocus()
item_id = editor.minutes.current_item().id
pump(lambda: not operations.busy())
interval = 0.040
lateness, handling, saves = [], [], []
editor.saved.connect(lambda _id: saves.append(time.perf_counter()))
start = time.perf_counter()
for n in range(keys):
    due = start + n * interval
    while time.perf_counter() < due:
        QCoreApplication.processEvents(); time.sleep(0.001)
    t0 = time.perf_counter()
    lateness.append((t0 - due) * 1000)
    QTest.keyClick(text, "abcdefghij klmnopqrs tuvwxyz."[n % 29])
    QCoreApplication.processEvents()
    handling.append((time.perf_counter() - t0) * 1000)
last_key = time.perf_counter()
typed = text.toPlainText()
from lmcdesk.services.meetings import get_meeting
def on_disk():
    return get_meeting(editor.session.unit_of_work(), meeting_id).item(item_id).discussion == typed
pump(lambda: not operations.busy() and len(saves) > 0 and saves[-1] >= last_key - 0.001 or on_disk(), 30)
pump(lambda: not operations.busy())
assert on_disk()
to_disk = ((saves[-1] if saves and saves[-1] > last_key else time.perf_counter()) - last_key) * 1000
print(json.dumps({"lateness": lateness, "handling": handling, "saves_during": sum(1 for s in saves if s < last_key),
                  "to_disk_ms": to_disk}))
editor.close_editor(); w.close()
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["LMCDESK_HOME"] = str(home)
    env.pop("LMCDESK_DB", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _wall(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True, timeout=120)
    return (time.perf_counter() - t0) * 1000


def run(ctx) -> None:
    runs = 3 if ctx.quick else 7
    home = Path(ctx.tmp_dir) / "gui-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)

    bare = [_wall(["-c", BARE], _env(home)) for _ in range(runs)]
    ctx.record("bare PySide6 window: start to first paint (process)", bare, note="the yardstick")
    paint = [_wall(["-c", APP], _env(home, LMCDESK_QUIT_AFTER_PAINT="1")) for _ in range(runs)]
    ctx.record("lmcdesk: start to first painted window (process)", paint,
               target_ms=2 * statistics.median(bare),
               note=f"{statistics.median(paint) / statistics.median(bare):.2f}x the bare window; "
                    "SQLAlchemy/ReportLab imported after the first paint")

    db = Path(ctx.tmp_dir) / "gui-10-year.sqlite3"
    shutil.copy(ctx.db_path, db)
    loaded = [_wall(["-c", APP, str(db)], _env(home, LMCDESK_QUIT_AFTER_LOADED="1")) for _ in range(runs)]
    meetings = ctx.meta.get("counts", {}).get("meetings", "?")
    ctx.record("lmcdesk: start to populated meeting list, 10-year record (process)", loaded,
               note=f"{meetings} meetings; record opened and listed off the UI thread")

    meeting_id = ctx.meta["sample_meeting_ids"][0]
    keys = 100 if ctx.quick else 250
    out = subprocess.run([sys.executable, "-c", TYPING, str(db), meeting_id, str(keys)], env=_env(home),
                         check=True, capture_output=True, text=True, timeout=600)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    ctx.record("live minutes: keystroke handling (keyClick + events)", result["handling"], target_ms=16.0,
               note=f"{keys} keys at 25/s; {result['saves_during']} autosaves while typing")
    ctx.record("live minutes: keystroke lateness (event loop delay)", result["lateness"], target_ms=50.0,
               note="how late the next keystroke could be handled (max shows the worst autosave stall)")
    ctx.record("live minutes: last keystroke to text on disk", result["to_disk_ms"], target_ms=2000.0,
               note="autosave debounce 0.7 s, at least every 1 s while typing")
