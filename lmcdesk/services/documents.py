"""The documents service: minutes (PDF, Word, in-memory preview), agenda pack,
registers and calendar invitation, for the desktop app and the CLI alike.

Each call takes a unit of work, loads what the document needs (the meeting,
the directory, what the probity checks still find in a draft, the stored paper
files) in one read, and hands those plain values to the renderers in
:mod:`lmcdesk.export`, which never see the record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lmcdesk import export

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.domain.model import Directory, Meeting
    from lmcdesk.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

__all__ = [
    "REGISTER_KINDS", "Written", "minutes_preview", "write_agenda_pack", "write_invitation", "write_minutes_docx",
    "write_minutes_pdf", "write_register",
]

REGISTER_KINDS = export.REGISTER_KINDS


@dataclass(frozen=True)
class Written:
    """Where a document went, and how many pages it has (None for Word and calendar files)."""

    path: Path
    pages: int | None = None


def _minutes_values(uow: UnitOfWork, meeting_id: str) -> tuple[Meeting, Directory, list]:
    """The meeting, the directory and, for a draft, the probity findings still
    open (approved minutes print none)."""
    from lmcdesk import probity

    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
    findings = [] if meeting.is_approved else probity.run(meeting, directory)
    return meeting, directory, findings


def write_minutes_pdf(uow: UnitOfWork, meeting_id: str, out_path, public: bool = False) -> Written:
    """The minutes as PDF: the full (confidential) record, or ``public`` without Part II."""
    meeting, directory, findings = _minutes_values(uow, meeting_id)
    pages = export.minutes_pdf(meeting, directory, findings, out_path, public=public)
    return Written(Path(out_path), pages)


def write_minutes_docx(uow: UnitOfWork, meeting_id: str, out_path, public: bool = False) -> Written:
    """The minutes as a Word document, same wording as the PDF."""
    meeting, directory, findings = _minutes_values(uow, meeting_id)
    return Written(export.minutes_docx(meeting, directory, findings, out_path, public=public))


def minutes_preview(uow: UnitOfWork, meeting_id: str, public: bool = False) -> bytes:
    """The minutes PDF as bytes, for an in-app preview (nothing written to disk)."""
    meeting, directory, findings = _minutes_values(uow, meeting_id)
    return export.minutes_pdf_bytes(meeting, directory, findings, public=public)


def write_agenda_pack(uow: UnitOfWork, meeting_id: str, out_path) -> Written:
    """Cover, agenda, interests reminder, then the papers whose files are stored."""
    from lmcdesk import probity

    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
        paper_bytes: dict[str, bytes] = {}
        for it in meeting.items:
            for p in it.papers:
                if p.sha256 and p.sha256 not in paper_bytes:
                    try:
                        paper_bytes[p.sha256] = uow.papers.get(p.sha256)
                    except Exception as exc:  # noqa: BLE001 - NotFound, or a paper stored before files were kept
                        log.warning("paper %s has no file in the record: %s", p.title, exc)
    conflicts = probity.likely_conflicts(meeting, directory)
    pages = export.agenda_pack(meeting, directory, conflicts, paper_bytes, out_path)
    return Written(Path(out_path), pages)


def write_register(uow: UnitOfWork, kind: str, out_path, today: date | None = None,
                   published: bool = True) -> Written:
    """One of ``REGISTER_KINDS`` over every meeting in the record, as at ``today``."""
    export.require_register_kind(kind)
    with uow:
        directory = uow.directory.load()
        meetings = [uow.meetings.get(s.id) for s in uow.meetings.summaries()]
    pages = export.register_pdf(kind, directory, meetings, out_path, today=today, published=published)
    return Written(Path(out_path), pages)


def write_invitation(uow: UnitOfWork, meeting_id: str, out_path) -> Written:
    """A calendar invitation (.ics) for the meeting."""
    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
    return Written(export.meeting_ics(meeting, directory, out_path))
