"""How errors reach the user: one ``show_error`` and one excepthook.

``LmcDeskError`` is the environment's or the input's fault (locked file, disk
full, bad meeting file): its plain message is shown as it is.  Anything else is
a bug: logged with its traceback and shown as a crash report the user can copy
(STYLE.md rule 5, after qutebrowser's ``misc/msgbox.py``).
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lmcdesk.errors import LmcDeskError

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user what went wrong, in the right voice for the kind of error."""
    if isinstance(exc, LmcDeskError):
        log.info("shown to user: %s", exc.message)
        box = QMessageBox(QMessageBox.Icon.Warning, exc.title, exc.message, QMessageBox.StandardButton.Ok, parent)
        if exc.detail:
            box.setDetailedText(exc.detail)
        box.setAccessibleName(exc.title)
        box.exec()
        return
    show_crash(parent, type(exc), exc, exc.__traceback__)


def show_crash(parent, exc_type, exc, tb) -> None:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", text)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "LMC Desk has hit a bug",
        "Something unexpected went wrong. Your minutes are saved as you type, so at most the "
        "last couple of seconds may be missing.\n\nThe details below help whoever looks after "
        "LMC Desk to fix it.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(text)
    box.setAccessibleName("Crash report")
    box.exec()


def install_excepthook() -> None:
    """Uncaught exceptions in slots end up here instead of killing the app."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        parent = QApplication.activeWindow()
        if isinstance(exc, LmcDeskError):
            show_error(parent, exc)
        else:
            show_crash(parent, exc_type, exc, tb)

    sys.excepthook = hook
