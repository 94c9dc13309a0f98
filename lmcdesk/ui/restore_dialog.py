"""File > Restore from backup…: put the record back to how it was.

The dialog lists the record's backups newest first (``services.backup.
list_backups``: a listing of the backups folder, quick enough for the UI
thread).  Restoring closes the meeting editors (saving them), lets go of the
record and its lock, restores on the worker thread (``restore_backup`` keeps
the record as it is now as a ``before-restore`` backup first and takes the
lock itself while it works) and opens the record again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox,
                               QTableView, QVBoxLayout)

from lmcdesk import paths
from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error
from lmcdesk.ui.models.base import Column, RowTableModel

log = logging.getLogger(__name__)

REASONS = {
    "start": "When LMC Desk opened the record",
    "approval": "After minutes were approved",
    "manual": "Made by hand (lmcdesk backup)",
    "before-restore": "Just before a restore",
}


def when(backup) -> str:
    return backup.created.astimezone().strftime("%a %d %b %Y at %H:%M:%S")


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024:
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


class BackupsModel(RowTableModel):
    """Rows are ``services.backup.BackupInfo`` (frozen), newest first."""

    COLUMNS = (
        Column("Made", when, sort=lambda b: b.created.isoformat()),
        Column("Why", lambda b: REASONS.get(b.reason, b.reason.replace("-", " ").capitalize()),
               tooltip=lambda b: b.path.name),
        Column("Size", lambda b: human_size(b.size), sort=lambda b: f"{b.size:015d}",
               align=Qt.AlignmentFlag.AlignRight),
    )

    def row_id(self, row) -> str:
        return str(row.path)


class RestoreDialog(QDialog):
    def __init__(self, backups, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.resize(620, 380)
        self.model = BackupsModel(self)
        self.model.set_rows(backups)
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            "Choose the backup to put back. The newest is at the top."
            if backups else "There are no backups of this record yet."
        )
        folder = QLabel(f"Backups are kept in {paths.backup_dir()}", self)
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QTableView(self)
        self.view.setAccessibleName("Backups of the record")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setAccessibleName("Restore the chosen backup")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(folder)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm)
        self.view.doubleClicked.connect(lambda _i: self.confirm())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        if backups:
            self.view.selectRow(0)
        self._selection_changed()

    def chosen(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def confirm(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        answer = QMessageBox.question(
            self, "Restore from backup",
            f"The record will be put back to how it was on {when(backup)}; changes since then will be lost.\n\n"
            "A backup of the record as it is now is kept first, so this can be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()


def restore_from_backup(window) -> None:
    """The whole File > Restore from backup… path for the main window."""
    from lmcdesk.services.backup import SERVER_MESSAGE, list_backups, restore_backup
    from lmcdesk.ui.session import READ_ONLY_MESSAGE

    session = window.session
    if session is None:
        return
    if session.file is None:
        QMessageBox.information(window, "Restore from backup", SERVER_MESSAGE)
        return
    if session.read_only:
        QMessageBox.information(window, "Restore from backup", getattr(session, "read_only_message", READ_ONLY_MESSAGE))
        return
    dialog = RestoreDialog(list_backups(session.file), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    backup, url, file = dialog.chosen(), session.url, session.file
    if backup is None or not window.close_all_editors():  # saves what the editors hold
        return
    operations.wait_idle()
    window.close_record()
    window.opening.set_text("Restoring the record…")
    window.stack.setCurrentWidget(window.opening)
    log.info("restoring %s from %s", file, backup.path)

    def restored(kept: Path | None) -> None:
        def reopened() -> None:
            from lmcdesk.services.changes import DIRECTORY_KINDS, Changes
            from lmcdesk.ui.office import MESSAGE_MS

            # the whole record is as it was then: every page reads it again
            window.announce(Changes(meeting_list=True, directory=DIRECTORY_KINDS, actions=True))
            where = f" The record as it was just before is kept in {kept}." if kept else ""
            window.statusBar().showMessage(f"Restored the record to {when(backup)}.{where}", MESSAGE_MS * 2)

        window.open_record(url, then=reopened)

    def failed(exc: BaseException) -> None:
        show_error(window, exc)
        window.open_record(url)

    operations.run(lambda: restore_backup(file, backup.path), restored, failed, parent=window,
                   label="Restoring the record…")
