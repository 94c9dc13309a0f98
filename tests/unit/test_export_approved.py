"""Approved minutes: version, approver, date and fingerprint on every page; no DRAFT."""

from __future__ import annotations

from datetime import datetime

from pypdf import PdfReader

from lmcdesk.services import approval, documents
from sample_meeting import sample_meeting
from signing_keys import approve

from fakes import uow_with
from test_approval import MID


def _text(path):
    reader = PdfReader(str(path))
    return reader, [" ".join(p.extract_text().split()) for p in reader.pages]


def test_approved_minutes_carry_fingerprint_on_every_page(tmp_path):
    d, m = sample_meeting()
    uow = uow_with(d, m)
    printed = approve(uow, MID, "dr-alys-example", when=datetime(2025, 2, 11, 15, 0)).fingerprints["full"]
    out = tmp_path / "minutes.pdf"
    pages = documents.write_minutes_pdf(uow, MID, out).pages
    reader, texts = _text(out)
    assert pages == len(texts) >= 2
    for n, t in enumerate(texts, start=1):
        assert f"Page {n} of {pages}" in t
        assert "version 1, approved by Dr Alys Example on 11 Feb 2025" in t
        assert printed in t.replace(" ", "")
        assert "DRAFT" not in t
    assert "Approved minutes" in reader.metadata.subject


def test_draft_shows_outstanding_checks_and_correction_banner(tmp_path):
    d, m = sample_meeting()
    uow = uow_with(d, m)
    out = tmp_path / "draft.pdf"
    documents.write_minutes_pdf(uow, MID, out)
    _, texts = _text(out)
    assert all("DRAFT" in t for t in texts)
    approve(uow, MID, "dr-alys-example", when=datetime(2025, 2, 11, 15, 0))
    approval.begin_correction(uow, MID, "Typo at item 6")
    documents.write_minutes_pdf(uow, MID, out)
    _, texts = _text(out)
    assert "Draft correction of approved version 1 (will become version 2)" in " ".join(texts)
    assert all("DRAFT" in t for t in texts)


def test_corrected_minutes_say_what_changed_but_not_in_public(tmp_path):
    d, m = sample_meeting()
    uow = uow_with(d, m)
    approve(uow, MID, "dr-alys-example", when=datetime(2025, 2, 11, 15, 0))
    approval.begin_correction(uow, MID, "Part II wording")
    meeting = uow.meetings.get(MID)
    meeting.item("item-8").discussion += " More detail."
    uow.meetings.save(meeting)
    approve(uow, MID, "dr-ben-sample", when=datetime(2025, 3, 11, 15, 0))
    full, public = tmp_path / "full.pdf", tmp_path / "public.pdf"
    documents.write_minutes_pdf(uow, MID, full)
    documents.write_minutes_pdf(uow, MID, public, public=True)
    _, full_text = _text(full)
    _, public_text = _text(public)
    assert "This version corrects version 1." in full_text[0]
    assert "Correction: Part II wording" in full_text[0]
    assert "Staffing matter" in full_text[0]  # the change note names the item
    assert "This version corrects version 1." in public_text[0]
    assert "Staffing matter" not in " ".join(public_text)
    assert "Part II wording" not in " ".join(public_text)
