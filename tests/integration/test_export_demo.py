"""Every document from the stored demo county, through the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from lmcdesk.cli import main
from lmcdesk.services.demo import create_demo

TODAY = date(2026, 11, 22)


@pytest.fixture
def demo(uow_factory):
    ids = create_demo(uow_factory(), today=TODAY).meeting_ids
    return uow_factory().database.url, ids


def _text(path):
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def test_documents_from_the_demo_record(demo, tmp_path, capsys):
    url, ids = demo
    db = ["--db", url]
    for mid in ids:
        assert main(db + ["minutes", mid, "--pdf", str(tmp_path / f"{mid}.pdf"),
                          "--docx", str(tmp_path / f"{mid}.docx")]) == 0
        assert main(db + ["minutes", mid, "--pdf", str(tmp_path / f"{mid}-public.pdf"), "--public"]) == 0
        text = _text(tmp_path / f"{mid}.pdf")
        assert "Quorum for this item:" in text and "Annex: register of interests" in text
        assert Document(str(tmp_path / f"{mid}.docx")).paragraphs
    pack = tmp_path / "pack.pdf"
    assert main(db + ["agenda-pack", ids[-1], str(pack)]) == 0
    reader = PdfReader(str(pack))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Papers" in titles
    assert len(reader.pages) > 2
    for kind in ("interests", "procurement", "gifts"):
        out = tmp_path / f"{kind}.pdf"
        assert main(db + ["register", kind, str(out), "--today", TODAY.isoformat()]) == 0
        assert "Register of" in _text(out)
    assert main(db + ["ics", ids[0], str(tmp_path / "m.ics")]) == 0
    assert (tmp_path / "m.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_minutes_needs_an_output(demo, capsys):
    url, ids = demo
    assert main(["--db", url, "minutes", ids[0]]) == 2
    assert "--pdf" in capsys.readouterr().err
