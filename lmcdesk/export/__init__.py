"""Documents: minutes (PDF, Word), agenda pack, registers, calendar invitation.

One chain for every document: plain values (a ``Meeting``, the ``Directory``,
probity findings, paper bytes) go into the Jinja2 templates, which write small
semantic HTML; that is parsed once into the document model
(:mod:`lmcdesk.documents`): :func:`minutes_document` and its kin return it.
The renderers walk the model: :func:`render_pdf` (ReportLab),
:func:`render_docx` (python-docx), and ``lmcdesk.documents.html.to_html`` for
the web.  The ``minutes_pdf``/``register_pdf``... functions write such a
rendering to a path, atomically.  Loading those values from the record is the documents
service's work (``lmcdesk.services.documents``); nothing in this package
touches storage or imports Qt.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.domain.model import Directory, Meeting

log = logging.getLogger(__name__)

from lmcdesk.documents import Document
from lmcdesk.documents.approval import ApprovalFacts, PriorVersion

from .docx_minutes import render_docx
from .minutes import minutes_document
from .pdfkit import render_pdf

__all__ = [
    "ApprovalFacts", "Document", "PriorVersion", "minutes_document", "render_docx", "render_pdf",
    "REGISTER_KINDS", "minutes_context", "minutes_pdf", "minutes_pdf_bytes", "minutes_docx", "agenda_pack",
    "register_pdf", "meeting_ics", "require_register_kind", "write_atomically",
]

#: The registers ``register_pdf`` can write.
REGISTER_KINDS = ("interests", "procurement", "gifts")


def write_atomically(out_path, write) -> Path:
    """Call ``write(tmp_path)`` then move the finished file into place, so a
    failure never leaves half a document where the user expects one."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".lmcdesk-", suffix=out.suffix, dir=str(out.parent))
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, out)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return out


def minutes_context(meeting: Meeting, directory: Directory, findings: Sequence = (), public: bool = False) -> dict:
    """What the minutes templates are given (``findings``: what the draft still
    fails; approved minutes print none)."""
    from .context import build_context

    return build_context(meeting, directory, findings, public=public)


def write_bytes(out_path, data: bytes) -> Path:
    """``data`` into ``out_path``, atomically."""
    return write_atomically(out_path, lambda tmp: Path(tmp).write_bytes(data))


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def minutes_pdf(meeting: Meeting, directory: Directory, findings: Sequence, out_path, public: bool = False,
                approval: ApprovalFacts | None = None) -> int:
    """Write the minutes (confidential version unless ``public``); returns the page count."""
    from .pdfkit import render_pdf_pages

    data, pages = render_pdf_pages(minutes_document(meeting, directory, findings, public=public, approval=approval))
    write_bytes(out_path, data)
    return pages


def minutes_pdf_bytes(meeting: Meeting, directory: Directory, findings: Sequence, public: bool = False,
                      approval: ApprovalFacts | None = None) -> bytes:
    """The minutes PDF in memory (for a preview; nothing written to disk)."""
    return render_pdf(minutes_document(meeting, directory, findings, public=public, approval=approval))


def minutes_docx(meeting: Meeting, directory: Directory, findings: Sequence, out_path, public: bool = False,
                 approval: ApprovalFacts | None = None) -> Path:
    """Write the minutes as Word, from the same document as the PDF."""
    doc = minutes_document(meeting, directory, findings, public=public, approval=approval)
    return write_bytes(out_path, render_docx(doc))


def agenda_pack(meeting: Meeting, directory: Directory, conflicts: Iterable, paper_bytes: Mapping[str, bytes],
                out_path) -> int:
    """The agenda pack (``conflicts``: ``probity.likely_conflicts``; ``paper_bytes``:
    sha256 -> the stored file of each paper that has one); returns the page count."""
    from .pdf_agenda import build_agenda_pack

    pages = []
    write_atomically(out_path, lambda tmp: pages.append(
        build_agenda_pack(meeting, directory, conflicts, paper_bytes, tmp)))
    return pages[0]


def require_register_kind(kind: str) -> None:
    """Refuse, in words, a register that does not exist."""
    if kind not in REGISTER_KINDS:
        from lmcdesk.errors import InvalidInput

        raise InvalidInput(f"There is no register called {kind!r}; choose one of {', '.join(REGISTER_KINDS)}.")


def register_pdf(kind: str, directory: Directory, meetings: Sequence[Meeting], out_path, today: date | None = None,
                 published: bool = True) -> int:
    """One register (``REGISTER_KINDS``) over ``meetings`` as it stands on ``today``; returns the page count."""
    from .registers import render_register

    require_register_kind(kind)
    pages = []
    write_atomically(out_path, lambda tmp: pages.append(
        render_register(kind, directory, meetings, tmp, today, published)))
    return pages[0]


def meeting_ics(meeting: Meeting, directory: Directory, out_path) -> Path:
    from .ics import build_meeting_ics

    return write_atomically(out_path, lambda tmp: build_meeting_ics(meeting, directory, tmp))
