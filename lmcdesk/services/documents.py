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

from lmcdesk.domain.records import ApprovedDocument

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


@dataclass(frozen=True)
class _Minutes:
    """What the minutes of one meeting are made from: the frozen document of
    an approved version (with its signed PDF, if signed), or the live record
    (a draft, or an approved version this record has no frozen copy of)."""

    stored: ApprovedDocument | None = None
    live: tuple | None = None  # (meeting, directory, findings, approval facts or None)


def _minutes(uow: UnitOfWork, meeting_id: str, public: bool, version: int | None) -> _Minutes:
    """Approved minutes come from what approval froze, never from live data:
    ``version`` None is the latest approved version of approved minutes (a
    draft, or a correction being drafted, is the live record); an earlier
    version is always its own frozen copy."""
    from lmcdesk import probity
    from lmcdesk.errors import NotFound

    with uow:
        meeting = uow.meetings.get(meeting_id)
        numbers = sorted(v.version for v in meeting.versions)
        wanted = version
        if wanted is None and meeting.is_approved and numbers:
            wanted = numbers[-1]
        if wanted is not None and wanted not in numbers:
            have = (f"its approved versions are {', '.join(map(str, numbers))}" if numbers
                    else "they have not been approved")
            raise NotFound(f"These minutes have no approved version {wanted}: {have}.")
        if wanted is not None:
            try:
                return _Minutes(stored=uow.approved.get(meeting_id, wanted, "public" if public else "full"))
            except NotFound:  # not frozen in this record (an archive not opened since, or a pack)
                log.info("no frozen copy of %s version %s; building it from the record", meeting_id, wanted)
        directory = uow.directory.load()
    if wanted is None:
        return _Minutes(live=(meeting, directory, probity.run(meeting, directory), None))
    from lmcdesk.services.approval import unfrozen_source

    source, facts = unfrozen_source(meeting, directory, wanted)
    return _Minutes(live=(source, directory, [], facts))


def _document(m: _Minutes, public: bool):
    from lmcdesk.documents import canonical

    if m.stored is not None:
        return canonical.loads(m.stored.document)
    meeting, directory, findings, facts = m.live
    return export.minutes_document(meeting, directory, findings, public=public, approval=facts)


def _pdf(m: _Minutes, public: bool) -> bytes:
    """The stored signed PDF byte for byte, else rendered from the frozen document or the record."""
    if m.stored is not None and m.stored.pdf:
        return m.stored.pdf
    return export.render_pdf(_document(m, public))


def write_minutes_pdf(uow: UnitOfWork, meeting_id: str, out_path, public: bool = False,
                      version: int | None = None) -> Written:
    """The minutes as PDF: the full (confidential) record, or ``public`` without
    Part II.  Approved minutes are the signed PDF stored at approval, byte for
    byte (``version``: an earlier approved version; default the latest)."""
    data = _pdf(_minutes(uow, meeting_id, public, version), public)
    export.write_bytes(out_path, data)
    return Written(Path(out_path), export.pdf_pages(data))


def write_minutes_docx(uow: UnitOfWork, meeting_id: str, out_path, public: bool = False,
                       version: int | None = None) -> Written:
    """The minutes as a Word document, same wording as the PDF: for approved
    minutes, rendered from the document frozen at approval."""
    m = _minutes(uow, meeting_id, public, version)
    return Written(export.write_bytes(out_path, export.render_docx(_document(m, public))))


def minutes_preview(uow: UnitOfWork, meeting_id: str, public: bool = False, version: int | None = None) -> bytes:
    """The minutes PDF as bytes, for an in-app preview (nothing written to disk)."""
    return _pdf(_minutes(uow, meeting_id, public, version), public)


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
