"""One way to run slow work (database, export) off the UI thread.

``run(fn, on_success, on_failure)`` queues ``fn`` on a single worker thread, so
database work happens in the order it was asked for and never overlaps; the
callbacks are delivered on the UI thread.  Workers never touch widgets: ``fn``
gets no widget and returns plain data.  When the work has not finished after
half a second a progress dialog appears (STYLE.md rule 4, after anki's
``aqt.operations``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


log = logging.getLogger(__name__)

#: Work that takes longer than this shows a progress indicator.
PROGRESS_DELAY_MS = 500

_pool: QThreadPool | None = None
_relay: "_Relay | None" = None
_pending: dict[int, "_Operation"] = {}
_next_token = 0


def pool() -> QThreadPool:
    """The one worker thread (ordering matters more than parallelism here)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


class _Relay(QObject):
    """Lives on the UI thread for the whole run; the worker only emits it.
    (No per-operation QObject crosses threads, so none can be destroyed on
    the wrong one.)"""

    #: one tuple (token, result, exception).  Never ``None`` as a bare
    #: ``object`` argument: PySide6 6.12 on Python 3.11 loses a reference to
    #: None each time, which ends in "deallocating None" at exit.
    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, payload: tuple) -> None:
        token, result, exc = payload
        op = _pending.get(token)
        if op is not None:
            op.done(result, exc)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Operation:
    def __init__(self, fn, on_success, on_failure, parent: QWidget | None, label: str) -> None:
        global _next_token
        _next_token += 1
        self.token = _next_token
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._parent = parent
        self._label = label
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None

    def start(self) -> None:
        relay = _the_relay()
        _pending[self.token] = self
        if self._label:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start(PROGRESS_DELAY_MS)
        fn, token, signal = self._fn, self.token, relay.finished

        def work() -> None:  # worker thread: plain data in, plain data out
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
                signal.emit((token, None, exc))
            else:
                signal.emit((token, result, None))

        pool().start(work)

    def _show_progress(self) -> None:
        if self.token not in _pending:
            return
        dialog = QProgressDialog(self._label, "", 0, 0, self._parent)
        dialog.setWindowTitle("LMC Desk")
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAccessibleName(self._label)
        dialog.show()
        self._dialog = dialog

    def done(self, result: Any, exc: BaseException | None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        _pending.pop(self.token, None)
        if exc is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            from lmcdesk.ui.errors import show_error

            show_error(self._parent, exc)


def run(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    parent: QWidget | None = None,
    label: str = "",
) -> None:
    """Run ``fn()`` on the worker thread; call ``on_success(result)`` or
    ``on_failure(exc)`` on the UI thread.  Without ``on_failure`` the error is
    shown with :func:`lmcdesk.ui.errors.show_error`.  A non-empty ``label`` is
    what the progress dialog says if the work takes more than half a second."""
    _Operation(fn, on_success, on_failure, parent, label).start()


def busy() -> bool:
    """True while any operation is queued or running (tests wait on this)."""
    return bool(_pending)


def wait_idle(timeout_ms: int = 10000) -> bool:
    """Block until every queued operation has delivered its callback (used when
    closing the window, so the last autosave is not lost, and by tests)."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    while _pending and not deadline.hasExpired():
        pool().waitForDone(20)
        QCoreApplication.processEvents()
    return not _pending
