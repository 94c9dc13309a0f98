"""Exports (a meeting's documents, the registers) and the in-app PDF preview,
run on the worker thread through the documents service
(``lmcdesk.services.documents``) with a progress dialog for anything slower
than 0.5 s."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from lmcdesk.ui import operations

#: kind -> (label, suffix, file dialog filter)
KINDS = {
    "public": ("public minutes", ".pdf", "PDF (*.pdf)"),
    "confidential": ("confidential minutes", ".pdf", "PDF (*.pdf)"),
    "agenda": ("agenda pack", ".pdf", "PDF (*.pdf)"),
    "docx": ("minutes", ".docx", "Word document (*.docx)"),
    "ics": ("calendar invitation", ".ics", "Calendar (*.ics)"),
}


def _call(kind: str, uow, meeting_id: str, path):
    """The documents service call for ``kind`` (returns ``documents.Written``)."""
    from lmcdesk.services import documents

    if kind == "public":
        return documents.write_minutes_pdf(uow, meeting_id, path, public=True)
    if kind == "confidential":
        return documents.write_minutes_pdf(uow, meeting_id, path, public=False)
    if kind == "agenda":
        return documents.write_agenda_pack(uow, meeting_id, path)
    if kind == "docx":
        return documents.write_minutes_docx(uow, meeting_id, path)
    if kind == "ics":
        return documents.write_invitation(uow, meeting_id, path)
    raise ValueError(kind)


@dataclass(frozen=True)
class MeetingRef:
    """What exporting a meeting's documents needs, as values: the record, the
    meeting's id, and its date and body's name to name the files."""

    record: Any
    meeting_id: str
    day: date
    body_name: str


def suggested_name(ref: MeetingRef, kind: str) -> str:
    body = re.sub(r"[^A-Za-z0-9]+", "-", ref.body_name).strip("-")
    label, suffix, _ = KINDS[kind]
    return f"{ref.day:%Y-%m-%d}-{body}-{label.replace(' ', '-')}{suffix}"


def export_document(parent, ref: MeetingRef, kind: str, path: str | None = None, on_done=None) -> None:
    label, suffix, flt = KINDS[kind]
    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, f"Export the {label}", str(Path.home() / suggested_name(ref, kind)), flt)
        if not path:
            return
    session, meeting_id = ref.record, ref.meeting_id

    def work():
        _call(kind, session.unit_of_work(), meeting_id, path)
        return path

    def done(result) -> None:
        parent.window().statusBar().showMessage(f"Saved the {label} to {result}", 8000)
        if on_done is not None:
            on_done(result)

    operations.run(work, done, parent=parent, label=f"Making the {label}…")


def preview_minutes(parent, ref: MeetingRef, public: bool = False, on_ready=None) -> None:
    """Render the minutes to a temporary PDF and show it in the preview window."""
    out = Path(tempfile.mkdtemp(prefix="lmcdesk-preview-")) / "minutes.pdf"
    session, meeting_id = ref.record, ref.meeting_id

    def work():
        from lmcdesk.services import documents

        documents.write_minutes_pdf(session.unit_of_work(), meeting_id, out, public=public)
        return out

    def show(path: Path) -> None:
        from lmcdesk.ui.pdf_preview import PdfPreview

        preview = PdfPreview(path, parent.window())
        preview.export_requested.connect(lambda k: export_document(parent, ref, k))
        preview.show()
        parent._preview = preview  # keep a reference while it is open
        if on_ready is not None:
            on_ready(preview)

    operations.run(work, show, parent=parent, label="Preparing the minutes…")


#: register kind -> what the status bar and the save dialog call it
REGISTERS = {
    "interests": "register of interests",
    "procurement": "register of procurement decisions",
    "gifts": "gifts and hospitality register",
}


def register_name(kind: str, published: bool = True, today: date | None = None) -> str:
    """``2026-03-13-register-of-interests.pdf`` (``…-full.pdf`` for the full one)."""
    day = today or date.today()
    full = "-full" if kind == "interests" and not published else ""
    return f"{day:%Y-%m-%d}-{REGISTERS[kind].replace(' ', '-')}{full}.pdf"


def export_register(window, kind: str, published: bool = True, path: str | None = None, on_done=None) -> None:
    """Write one of the registers as a PDF, as ``lmcdesk register`` does.  Only
    reads the record, so a read-only window may do it too."""
    label = REGISTERS[kind]
    if kind == "interests":
        label += ", published view" if published else ", full (not for publication)"
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, f"Export the {label}",
                                              str(Path.home() / register_name(kind, published)), "PDF (*.pdf)")
        if not path:
            return
    session = window.session

    def work():
        from lmcdesk.services import documents

        written = documents.write_register(session.unit_of_work(), kind, path, published=published)
        return path, written.pages

    def done(result) -> None:
        out, pages = result
        window.statusBar().showMessage(
            f"Saved the {label} to {out} ({pages} page{'s' if pages != 1 else ''})", 8000)
        if on_done is not None:
            on_done(result)

    operations.run(work, done, parent=window, label=f"Making the {label}…")
