"""The app survives many thousands of Qt calls (PySide6 6.12.0 on Python 3.11
drops a reference to None on every void call; see lmcdesk.ui.qtfix)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import lmcdesk.ui  # applies the workaround
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QComboBox
app = QApplication([])
class R(QObject):
    s = Signal(object)
r = R(); r.s.connect(lambda v: None)
c = QComboBox(); c.addItem("-")
for _ in range(50000):
    QCoreApplication.processEvents(); r.s.emit(None); c.currentData()
print("ok")
"""


def test_fifty_thousand_qt_calls_do_not_abort_the_interpreter():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")
