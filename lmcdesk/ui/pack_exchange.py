"""Meeting packs from the main window: carry meetings to another PC and merge
one brought back (``services.exchange``), on the worker thread.

Open editors are saved before a pack is made or previewed, so the pack and the
preview see what is on screen; after an import the window is told what changed
(``MainWindow.announce``): the pages follow, and editors of meetings the pack
changed show the stored meeting again.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from lmcdesk.ui import operations

log = logging.getLogger(__name__)

SUFFIX = ".lmcpack"
FILTER = "Meeting pack (*.lmcpack)"


def chosen_meeting_ids(window) -> list[str]:
    """The meeting being edited, else the one selected in the meetings list."""
    editor = window.current_editor()
    if editor is not None:
        return [editor.meeting_id]
    selected = window.meetings_page.selected_meeting_id()
    return [selected] if selected else []


def suggested_name(window, meeting_ids: list[str]) -> str:
    rows = {r.id: r for r in (window.overview.meetings if window.overview is not None else [])}
    row = rows.get(meeting_ids[0])
    if row is None:
        return "meeting" + SUFFIX
    body = re.sub(r"[^A-Za-z0-9]+", "-", row.body_name).strip("-")
    return f"{row.date:%Y-%m-%d}-{body}{SUFFIX}"


def save_editors(window, meeting_ids=None) -> None:
    """Write what open editors hold, so the pack or the preview sees it."""
    for editor in window.editors():
        if meeting_ids is None or editor.meeting_id in meeting_ids:
            editor.close_editor()  # saves and waits; the editor stays open


def export_pack(window, meeting_ids: list[str] | None = None, path: str | None = None, on_done=None) -> None:
    if window.session is None:
        return
    ids = meeting_ids or chosen_meeting_ids(window)
    if not ids:
        QMessageBox.information(window, "Export a meeting pack",
                                "Select a meeting in the Meetings list (or open it) first, then export it.")
        return
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            window, "Export a meeting pack", str(Path.home() / suggested_name(window, ids)), FILTER)
        if not path:
            return
    if not path.lower().endswith(SUFFIX):
        path += SUFFIX
    save_editors(window, ids)
    session = window.session

    def work():
        from lmcdesk.services import exchange

        manifest = exchange.export_pack(session.unit_of_work(), ids, path)
        return len(manifest.meeting_ids), len(manifest.files) - 1

    def done(result) -> None:
        meetings, papers = result
        what = f"{meetings} meeting{'s' if meetings != 1 else ''}, {papers} paper{'s' if papers != 1 else ''}"
        window.statusBar().showMessage(f"Saved the meeting pack {Path(path).name} ({what}) in {Path(path).parent}",
                                       10000)
        if on_done is not None:
            on_done(path)

    operations.run(work, done, parent=window, label="Making the meeting pack…")


def import_pack(window, path: str | None = None, on_done=None) -> None:
    """Preview the pack, let the user confirm (and choose for conflicts), then merge."""
    session = window.session
    if session is None or getattr(session, "read_only", False):
        return
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window, "Import a meeting pack", str(Path.home()), FILTER + ";;All files (*)")
        if not path:
            return
    save_editors(window)

    def work():
        from lmcdesk.services import exchange

        return exchange.preview_import(session.unit_of_work(), path)

    operations.run(work, lambda preview: _confirm(window, session, preview, on_done), parent=window,
                   label="Reading the meeting pack…")


def _confirm(window, session, preview, on_done) -> None:
    if window.session is not session:  # another record was opened meanwhile
        return
    from lmcdesk.ui.pack_import_dialog import PackImportDialog

    dialog = PackImportDialog(preview, window)
    accepted = dialog.exec() == PackImportDialog.DialogCode.Accepted
    choices = dialog.choices()
    dialog.deleteLater()
    if not accepted:
        window.statusBar().showMessage(f"Nothing was imported from {preview.pack_name}", 8000)
        return
    save_editors(window)  # the service refuses if a record changed since the preview

    def work():
        from lmcdesk.services import exchange

        return exchange.apply_import(session.unit_of_work(), preview, choices)

    def done(result) -> None:
        taken = result.taken
        window.announce(result.changes)
        kept = sum(1 for c in choices.values() if c.value == "keep-local")
        if taken:
            message = f"Imported {len(taken)} record{'s' if len(taken) != 1 else ''} from {preview.pack_name}"
        else:
            message = f"Nothing was changed by {preview.pack_name}"
        if kept:
            message += f"; kept this PC's copy of {kept} record{'s' if kept != 1 else ''} changed on both PCs"
        elif not taken:
            message += ": this PC already had everything in it"
        window.statusBar().showMessage(message, 10000)
        if on_done is not None:
            on_done(taken)

    operations.run(work, done, parent=window, label="Importing the meeting pack…")

