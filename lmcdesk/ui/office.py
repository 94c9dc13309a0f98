"""No data loss, as the main window shows it: the record already open
elsewhere (offer read-only), the read-only banner, and what became of a backup.

Backups themselves are made on the worker thread by the open record
(``lmcdesk.bootstrap.Record``: on start-up, and after approval from the approve
dialog); this module only tells the user.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from lmcdesk.bootstrap import READ_ONLY_BANNER

log = logging.getLogger(__name__)

#: How long a backup message stays in the status bar.
MESSAGE_MS = 15000

#: The notice's words until a record says its own (``Record.read_only_banner``: an archive's differ).
BANNER_TEXT = READ_ONLY_BANNER


def offer_read_only(parent: QWidget | None, exc: BaseException) -> bool:
    """The record is open in another LMC Desk: say who has it, and ask
    whether to look at it read-only.  True for "Open read-only"."""
    box = QMessageBox(QMessageBox.Icon.Information, getattr(exc, "title", "This record is already open"),
                      str(getattr(exc, "message", exc)), QMessageBox.StandardButton.Cancel, parent)
    box.setAccessibleName("This record is already open")
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def read_only_banner(window: QMainWindow) -> QLabel:
    """A yellow notice in the status bar, shown while the record is read-only."""
    label = QLabel(BANNER_TEXT, window)
    label.setObjectName("readOnlyBanner")
    label.setAccessibleName("Read-only notice")
    label.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; padding: 2px 8px; font-weight: 600; }")
    label.setVisible(False)
    window.statusBar().addPermanentWidget(label)
    return label


def report_backup(window: QWidget | None, path, warning: str | None, *, what: str = "") -> None:
    """Say where a backup went, or (non-modal) that it failed; never blocks."""
    if window is None:
        return
    bar = window.window().statusBar() if hasattr(window.window(), "statusBar") else None
    if warning:
        log.warning("%s", warning)
        text = f"Warning: {warning}"
    elif path is not None:
        text = f"{what}A backup of the record was saved to {path}."
    else:
        return
    if bar is not None:
        bar.showMessage(text, MESSAGE_MS * 4 if warning else MESSAGE_MS)
