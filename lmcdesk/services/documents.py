"""Document use cases for the GUI and the CLI: one call each, taking a unit of
work, returning where the file went and how long it is.

Thin on purpose: the work is in :mod:`lmcdesk.export`; this module is the
service-layer entry the desktop app calls from its background-operation helper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lmcdesk import export


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int | None = None  # None for Word and calendar files


def write_minutes_pdf(uow, meeting_id: str, out_path, public: bool = False) -> Written:
    return Written(Path(out_path), export.minutes_pdf(uow, meeting_id, out_path, public=public))


def write_minutes_docx(uow, meeting_id: str, out_path, public: bool = False) -> Written:
    return Written(export.minutes_docx(uow, meeting_id, out_path, public=public))


def write_agenda_pack(uow, meeting_id: str, out_path) -> Written:
    return Written(Path(out_path), export.agenda_pack(uow, meeting_id, out_path))


def write_register(uow, kind: str, out_path, today=None, published: bool = True) -> Written:
    return Written(Path(out_path), export.register_pdf(uow, kind, out_path, today=today, published=published))


def write_invitation(uow, meeting_id: str, out_path) -> Written:
    return Written(export.meeting_ics(uow, meeting_id, out_path))


def minutes_preview(uow, meeting_id: str, public: bool = False) -> bytes:
    """The minutes PDF as bytes, for an in-app preview (nothing written to disk)."""
    import io

    from lmcdesk.export.pdf_minutes import build_minutes_pdf

    buf = io.BytesIO()
    build_minutes_pdf(export.minutes_context(uow, meeting_id, public), buf)
    return buf.getvalue()
