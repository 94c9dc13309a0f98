"""services.documents: the one door to documents.  It loads what a document
needs in one read; the renderers in lmcdesk.export get plain values."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from fakes import uow_with
from lmcdesk.errors import InvalidInput
from lmcdesk.services import documents
from sample_meeting import sample_meeting
from test_approval import MID


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def test_the_preview_is_the_minutes_pdf_in_memory(tmp_path):
    d, m = sample_meeting()
    preview = documents.minutes_preview(uow_with(d, m), MID)
    written = documents.write_minutes_pdf(uow_with(d, m), MID, tmp_path / "m.pdf")
    assert preview.startswith(b"%PDF")
    assert written.path == tmp_path / "m.pdf" and written.pages == len(PdfReader(io.BytesIO(preview)).pages)
    assert _text(preview) == _text(written.path.read_bytes())
    public = documents.minutes_preview(uow_with(d, m), MID, public=True)
    assert "Staffing matter" in _text(preview) and "Staffing matter" not in _text(public)


def test_each_document_reads_the_meeting_once_and_writes_nothing_to_the_record(tmp_path):
    d, m = sample_meeting()
    uow = uow_with(d, m)
    loads = []
    real_get = uow.meetings.get
    uow.meetings.get = lambda mid: loads.append(mid) or real_get(mid)
    documents.write_minutes_docx(uow, MID, tmp_path / "m.docx")
    documents.write_invitation(uow, MID, tmp_path / "m.ics")
    documents.write_agenda_pack(uow, MID, tmp_path / "pack.pdf")
    assert loads == [MID, MID, MID]  # one read per document
    assert not uow.committed


def test_an_unknown_register_is_refused_before_anything_is_read(tmp_path):
    d, m = sample_meeting()
    uow = uow_with(d, m)
    uow.meetings.summaries = lambda *a, **k: pytest.fail("read the record for a register that does not exist")
    with pytest.raises(InvalidInput, match="no register called 'minutes'"):
        documents.write_register(uow, "minutes", tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()
    written = documents.write_register(uow_with(d, m), "gifts", tmp_path / "g.pdf")
    assert written.pages >= 1 and written.path.exists()


def test_no_renderer_takes_a_unit_of_work():
    export = Path(documents.__file__).resolve().parents[1] / "export"
    offenders = [
        f"{path.name}: {node.name}({', '.join(a.arg for a in node.args.args)})"
        for path in sorted(export.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
        and any(a.arg in ("uow", "unit_of_work", "session") for a in node.args.args + node.args.kwonlyargs)
    ]
    assert offenders == []
