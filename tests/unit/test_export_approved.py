"""Approved minutes: version, approver, date and fingerprint on every page; no DRAFT."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from lmcdesk import export
from lmcdesk.services import approval
from lmcdesk.export.sample import sample_meeting

from test_approval import MID, FakeUow


def _text(path):
    reader = PdfReader(str(path))
    return reader, [" ".join(p.extract_text().split()) for p in reader.pages]


def test_approved_minutes_carry_fingerprint_on_every_page(tmp_path):
    d, m = sample_meeting()
    uow = FakeUow(d, m)
    v = approval.approve(uow, MID, "Dr Alys Example", when=datetime(2025, 2, 11, 15, 0))
    out = tmp_path / "minutes.pdf"
    pages = export.minutes_pdf(uow, MID, out)
    reader, texts = _text(out)
    assert pages == len(texts) >= 2
    for n, t in enumerate(texts, start=1):
        assert f"Page {n} of {pages}" in t
        assert "version 1, approved by Dr Alys Example on 11 Feb 2025" in t
        assert v.fingerprint in t.replace(" ", "")
        assert "DRAFT" not in t
    assert "Approved minutes" in reader.metadata.subject


def test_draft_shows_outstanding_checks_and_correction_banner(tmp_path):
    d, m = sample_meeting()
    uow = FakeUow(d, m)
    out = tmp_path / "draft.pdf"
    export.minutes_pdf(uow, MID, out)
    _, texts = _text(out)
    assert all("DRAFT" in t for t in texts)
    approval.approve(uow, MID, "Dr Alys Example", when=datetime(2025, 2, 11, 15, 0))
    approval.begin_correction(uow, MID, "Typo at item 6")
    export.minutes_pdf(uow, MID, out)
    _, texts = _text(out)
    assert "Draft correction of approved version 1 (will become version 2)" in " ".join(texts)
    assert all("DRAFT" in t for t in texts)
