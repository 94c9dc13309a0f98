"""Every document copes with a bare record: no items, no attendance, no times, unknown body."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from lmcdesk.domain.model import AgendaItem, Directory, Meeting
from lmcdesk.export.context import build_context
from lmcdesk.export.docx_minutes import build_minutes_docx
from lmcdesk.export.ics import meeting_calendar
from lmcdesk.export.pdf_agenda import agenda_context, front_pages
from lmcdesk.export.pdf_minutes import build_minutes_pdf
from lmcdesk.export.registers import render_register


def test_bare_meeting_documents():
    m, d = Meeting("x", "unknown-body", date(2025, 1, 1)), Directory()
    for public in (False, True):
        buf = io.BytesIO()
        build_minutes_pdf(build_context(m, d, public=public), buf)
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages)
        assert "There was no other business." in text
        assert "The date of the next meeting is to be confirmed." in text
    build_minutes_docx(build_context(m, d), io.BytesIO())
    assert front_pages(agenda_context(m, d))[1] >= 1
    assert b"BEGIN:VEVENT" in meeting_calendar(m, d).to_ical()
    for kind in ("interests", "procurement", "gifts"):
        assert render_register(kind, d, [m], io.BytesIO(), today=date(2025, 6, 1)) == 1
    m.items = [AgendaItem("i", "Only item", position=1)]
    buf = io.BytesIO()
    build_minutes_pdf(build_context(m, d), buf)
    assert "NOT CLASSIFIED" in PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text() + "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages[1:])
