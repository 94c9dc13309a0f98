"""Defects seen by reading the demo's PDFs as an LMC secretary would, read back with pypdf."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from reportlab.platypus import Table

from lmcdesk.documents import Cell, Document, Paragraph, Run
from lmcdesk.documents import Table as DocTable
from lmcdesk.services import documents
from lmcdesk.domain.enums import MembershipRole, MinutesStatus
from lmcdesk.domain.model import Membership
from lmcdesk.export import pdfkit
from lmcdesk.export.context import build_context
from lmcdesk.export.pdf_minutes import build_minutes_pdf
from lmcdesk.export.registers import render_register
from sample_meeting import LOCALITY, sample_meeting
from test_approval import MID
from test_export_agenda import _uow

TODAY = date(2025, 3, 1)


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _minutes_text() -> str:
    d, m = sample_meeting()
    buf = io.BytesIO()
    build_minutes_pdf(build_context(m, d), buf)
    return _text(PdfReader(io.BytesIO(buf.getvalue())))


def _register(kind: str, mutate=None) -> str:
    d, m = sample_meeting()
    if mutate:
        mutate(d, m)
    buf = io.BytesIO()
    render_register(kind, d, [m], buf, today=TODAY)
    return _text(PdfReader(io.BytesIO(buf.getvalue())))


def test_welcome_and_apologies_have_their_own_heading_before_the_quorum():
    text = _minutes_text()
    heading = text.find("Welcome and apologies")
    welcome = text.find("The chair welcomed members. Apologies were received from Dr Gita Mock.")
    quorum = text.find("Quorum", text.find("Arrivals and departures"))
    assert -1 < heading < welcome < quorum
    # the quorum statement is followed by the declarations, not by the apologies text
    assert "The meeting was quorate. Declarations of interest" in text


def test_tables_fit_inside_the_text_frame():
    """Tables as wide as the page margins stuck out 6 pt past the text on each side."""
    frame_width = pdfkit.PAGE[0] - 2 * pdfkit.MARGIN - 2 * pdfkit.FRAME_PADDING
    doc = Document("t", (Paragraph((Run("Text"),)),
                         DocTable((Cell((Run("A"),), True), Cell((Run("B"),), True)),
                                  ((Cell((Run("a"),)), Cell((Run("b"),))),), (1, 2))))
    tables = [f for f in pdfkit.story(doc) if isinstance(f, Table)]
    assert len(tables) == 1
    assert abs(sum(tables[0]._colWidths) - frame_width) < 0.01


def test_agenda_pack_page_count_includes_the_papers(tmp_path):
    out = tmp_path / "pack.pdf"
    pages = documents.write_agenda_pack(_uow(), MID, out).pages
    reader = PdfReader(str(out))
    front = [" ".join(p.extract_text().split()) for p in reader.pages if "Agenda pack" in p.extract_text()]
    assert len(front) < pages  # papers follow
    for n, text in enumerate(front, start=1):
        assert f"Page {n} of {pages}" in text


def test_interests_register_words_roles_and_keeps_them_short():
    def mutate(d, m):
        d.memberships.append(Membership("m-sal", "dr-cara-placeholder", LOCALITY, MembershipRole.SALARIED_GP,
                                        True, date(2020, 4, 1)))
        d.memberships.append(Membership("m-co", "ms-erin-dummy", LOCALITY, MembershipRole.CO_OPTED,
                                        True, date(2020, 4, 1)))

    text = _register("interests", mutate)
    assert "Vice-chair, Loamshire North Locality Commissioning Group" in text
    assert "Salaried GP, Loamshire North" in text and "Salaried gp" not in text
    assert "Co-opted member, Loamshire North" in text and "Co opted" not in text
    # several roles of one person are one run of text separated by semicolons
    assert "Member, Loamshire North Locality Commissioning Group; Salaried GP" in text


def test_procurement_register_marks_decisions_whose_minutes_are_not_approved():
    assert "Draft minutes: not yet approved" in _register("procurement")

    def approve(d, m):
        m.status = MinutesStatus.APPROVED

    assert "Draft minutes: not yet approved" not in _register("procurement", approve)
