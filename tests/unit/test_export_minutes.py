"""The minutes PDF read back: sections, labels, declarations and quorum lines."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from lmcdesk.export.context import build_context
from lmcdesk.export.pdf_minutes import build_minutes_pdf
from sample_meeting import sample_meeting


def _pdf(public=False, mutate=None):
    d, m = sample_meeting()
    if mutate:
        mutate(d, m)
    buf = io.BytesIO()
    build_minutes_pdf(build_context(m, d, public=public), buf)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    pages = [p.extract_text() for p in reader.pages]
    return reader, pages, " ".join(" ".join(pages).split())


@pytest.fixture(scope="module")
def full():
    return _pdf()


def test_sections_in_order(full):
    _, _, text = full
    sections = [
        "Minutes of the commissioning meeting of Loamshire North Locality Commissioning Group",
        "Attendance", "Members present", "Apologies", "Absent", "In attendance",
        "Arrivals and departures", "Quorum", "Declarations of interest",
        "Minutes of the previous meeting", "Matters arising and action log", "Business",
        "Any other business", "Date of next meeting", "Annex: register of interests",
    ]
    positions = [text.find(s) for s in sections]
    assert -1 not in positions, [s for s, p in zip(sections, positions) if p == -1]
    assert positions == sorted(positions)


def test_heading_attendance_and_quorum(full):
    _, _, text = full
    assert "Tuesday 14 January 2025" in text and "13:30 to 16:05" in text
    assert "Committee Room 2" in text
    assert "Dr Alys Example (Chair), voting member" in text
    assert "Ms Erin Dummy, co-opted member" in text
    assert "Mrs Iris Notreal, minute-taker" in text
    assert "Dr Cara Placeholder arrived at 13:40" in text
    assert "Dr Dev Fictional departed at 15:40" in text
    assert "4 voting members present at the start of the meeting; 3 required. The meeting was quorate." in text


def test_business_labels_and_items(full):
    _, _, text = full
    for label in ("COMMISSIONING", "PROVISION", "JOINT", "GENERAL"):
        assert label in text
    assert "5. Frailty service: award of locality contract" in text
    assert "Papers: Frailty service evaluation report; Scoring matrix (redacted)." in text


def test_declarations_management_and_acting_chair(full):
    _, _, text = full
    assert "Dr Alys Example declared a registered financial interest: Director and shareholder" in text
    assert "left the room for the discussion and the decision" in text
    assert "Left at 13:45, returned at 14:20." in text
    assert "stayed for the discussion but took no part in the decision" in text
    assert "The chair withdrew; Dr Ben Sample chaired this item." in text


def test_item_quorum_after_withdrawals(full):
    _, _, text = full
    assert "Quorum for this item: 3 voting members counted (2 excluded by conflicts); 3 required: quorate." in text
    assert "Not counted: Dr Alys Example and Dr Cara Placeholder." in text


def test_decision_votes_and_participants(full):
    _, _, text = full
    assert "AGREED: The group agreed to award the locality frailty contract" in text
    assert "Votes: 2 for, 0 against, 1 abstention." in text
    assert "Took part in the decision: Dr Ben Sample, Dr Dev Fictional and Ms Erin Dummy." in text
    assert "Contract awarded to: Loamshire Federation Services Ltd" in text


def test_annex_lists_register_on_meeting_date(full):
    _, _, text = full
    annex = text[text.find("Annex: register of interests"):]
    assert "Director and shareholder" in annex
    assert "Sessional GP (ended)" not in annex  # ended in 2021
    assert "Nil return" in annex


def test_draft_watermark_footer_and_metadata(full):
    reader, pages, _ = full
    n = len(pages)
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page
        assert "DRAFT" in page
        assert "CONFIDENTIAL: PART II" in page
    meta = reader.metadata
    assert meta.title.startswith("Minutes: Loamshire North Locality Commissioning Group")
    assert meta.author == "Loamshire North Locality Commissioning Group"
    assert "Draft minutes" in meta.subject


def test_font_is_embedded(full):
    reader, _, _ = full
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            font = f.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc.get("/FontDescriptor")
            if fd is not None and "/FontFile2" in fd.get_object():
                fonts.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_user_text_is_escaped_not_markup():
    def mutate(d, m):
        m.item("item-6").discussion = "Costs < budget & risks > nil; <b>not bold</b> ::h2 not a heading"

    _, _, text = _pdf(mutate=mutate)
    assert "Costs < budget & risks > nil; <b>not bold</b> ::h2 not a heading" in text


def test_not_quorate_item_is_flagged():
    def mutate(d, m):
        from lmcdesk.domain.model import QuorumRule

        d.bodies[m.body_id].quorum = QuorumRule(minimum=5)

    _, _, text = _pdf(mutate=mutate)
    assert re.search(r"Quorum for this item: 3 voting members counted .*5 required: NOT quorate", text)
    assert "The meeting was NOT quorate." in text
