"""Documents: minutes (PDF, Word), agenda pack, registers, calendar invitation.

The public functions take a unit of work and an output path, load plain
domain values through it and hand a plain context to the builders; nothing
here imports Qt, and nothing below this module touches storage.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["minutes_pdf", "minutes_docx", "agenda_pack", "register_pdf", "meeting_ics", "minutes_context"]


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


def minutes_context(uow, meeting_id: str, public: bool = False) -> dict:
    from lmcdesk import probity

    from .context import build_context

    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
    findings = [] if meeting.is_approved else probity.run(meeting, directory)
    return build_context(meeting, directory, findings, public=public)


def minutes_pdf(uow, meeting_id: str, out_path, public: bool = False) -> int:
    """Write the minutes (confidential version unless ``public``); returns the page count."""
    from .pdf_minutes import build_minutes_pdf

    ctx = minutes_context(uow, meeting_id, public)
    pages = []
    write_atomically(out_path, lambda tmp: pages.append(build_minutes_pdf(ctx, tmp)))
    return pages[0]


def minutes_docx(uow, meeting_id: str, out_path, public: bool = False) -> Path:
    from .docx_minutes import build_minutes_docx

    ctx = minutes_context(uow, meeting_id, public)
    return write_atomically(out_path, lambda tmp: build_minutes_docx(ctx, tmp))


def agenda_pack(uow, meeting_id: str, out_path) -> int:
    from .pdf_agenda import build_agenda_pack

    pages = []
    write_atomically(out_path, lambda tmp: pages.append(build_agenda_pack(uow, meeting_id, tmp)))
    return pages[0]


def register_pdf(uow, kind: str, out_path, today=None, published: bool = True) -> int:
    from .registers import build_register_pdf

    pages = []
    write_atomically(out_path, lambda tmp: pages.append(build_register_pdf(uow, kind, tmp, today, published)))
    return pages[0]


def meeting_ics(uow, meeting_id: str, out_path) -> Path:
    from .ics import build_meeting_ics

    return write_atomically(out_path, lambda tmp: build_meeting_ics(uow, meeting_id, tmp))
