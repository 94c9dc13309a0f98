"""Composition root of the desktop app: Qt application, settings, excepthook,
main window; the database is opened after the first paint.

Start-up is measured (``benchmarks/bench_gui.py``): only PySide6 is imported
before the window is shown.  SQLAlchemy, Alembic and ReportLab are imported on
the worker thread when the record is opened, after the first paint.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lmcdesk import __version__, paths

log = logging.getLogger(__name__)

#: Benchmarks set these to quit at a milestone and print how long it took.
QUIT_AFTER_PAINT = "LMCDESK_QUIT_AFTER_PAINT"
QUIT_AFTER_LOADED = "LMCDESK_QUIT_AFTER_LOADED"


class _FirstPaint(QObject):
    """Notices the window's first paint event (for the benchmark)."""

    def __init__(self, callback) -> None:
        super().__init__()
        self._callback = callback
        self._done = False

    def eventFilter(self, obj, event):  # noqa: N802
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._callback)
        return False


def _setup_logging() -> None:
    root = logging.getLogger()
    if root.handlers:
        return
    try:
        handler: logging.Handler = logging.FileHandler(paths.data_dir() / "lmcdesk.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def app_icon() -> QIcon:
    """The app's icon, drawn at each size a desktop asks for (resources/icons, made by tools/icons.py)."""
    icon = QIcon()
    for size in (16, 32, 48, 256):
        icon.addFile(str(paths.resources_dir() / "icons" / f"lmcdesk-{size}.png"), QSize(size, size))
    return icon


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def create_window(db: str | None = None, *, start: bool = True):
    """The main window, shown, with the record opening after its first paint
    (``db``: a path or URL as for ``--db``; else LMCDESK_DB, the last record
    used, the default record if it exists, or the welcome screen)."""
    from lmcdesk.ui.main_window import MainWindow

    window = MainWindow()
    if os.environ.get(QUIT_AFTER_PAINT):
        after_paint = QApplication.instance().quit
    elif start:
        def after_paint():
            window.start(db)
    else:
        def after_paint():
            return None
    window._first_paint = _FirstPaint(after_paint)
    window.installEventFilter(window._first_paint)
    if os.environ.get(QUIT_AFTER_LOADED):
        window.meetings_loaded.connect(lambda: QTimer.singleShot(0, QApplication.instance().quit))
    window.show()
    return window


def main(db: str | None = None) -> int:
    _setup_logging()
    app = application()
    from lmcdesk.ui.errors import install_excepthook

    install_excepthook()
    window = create_window(db)
    code = app.exec()
    from lmcdesk.ui import operations

    operations.wait_idle(5000)
    del window
    return code
