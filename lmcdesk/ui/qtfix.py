"""Work around a reference-count bug of PySide6 6.12.0 (cp310-abi3 wheel) on Python 3.11.

Measured here (``tests/gui/test_qtfix.py``): every Qt call that returns
nothing (``processEvents``, ``setText``, ``repaint``, ``QTimer.start`` ...)
drops one reference to ``None``; every Python ``Signal.emit()`` drops one to
``True``; every empty ``QVariant`` read as ``None`` drops one to ``None``.  On
Python 3.11 these are ordinary objects with a few thousand references, so an
LMC Desk session aborts after a few thousand Qt calls with "Fatal Python
error: none_dealloc: deallocating None" — minutes into a meeting.  Python 3.12
made None/True/False immortal (a huge reference count), which is why the same
wheel is fine there.

``apply()`` does what Python 3.12 does: it gives None, True and False a
reference count so large (2**40) that the leak can never bring it to zero.
Nothing else changes (these three objects are never freed anyway).  It runs
only on Python < 3.12 and only when the leak is measured, so a fixed PySide6
or a newer Python makes it a no-op.  The real fix is environmental: ship
Python >= 3.12 in the installer, or pin a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

HEADROOM = 1 << 40
_applied = False


def leak_per_call() -> int:
    """References to None lost by one void Qt call (0 on a healthy stack)."""
    from PySide6.QtCore import QCoreApplication

    n = 64
    before = sys.getrefcount(None)
    for _ in range(n):
        QCoreApplication.processEvents()
    lost = max(0, round((before - sys.getrefcount(None)) / n))
    if lost:
        _add(None, n * lost)  # give back what the measurement took
    return lost


def _add(obj, count: int) -> None:
    ctypes.c_ssize_t.from_address(id(obj)).value += count


def apply() -> bool:
    """Make None/True/False effectively immortal if this PySide6 leaks them."""
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return False
    if not leak_per_call():
        return False
    for obj in (None, True, False):
        _add(obj, HEADROOM)
    _applied = True
    log.warning("PySide6 leaks references to None/True on Python %s; applied the immortal-singletons "
                "workaround (lmcdesk.ui.qtfix)", sys.version.split()[0])
    return True
