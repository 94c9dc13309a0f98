"""The agenda pack: cover, agenda with labels/timings/presenters, interests reminder,
then the papers merged in agenda order with bookmarks."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader
from reportlab.pdfgen import canvas

from lmcdesk.services import documents
from lmcdesk.errors import NotFound
from sample_meeting import sample_meeting
from fakes import uow_with
from test_approval import MID


def _paper_pdf(title: str, pages: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for n in range(pages):
        c.drawString(72, 720, f"{title} page {n + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


class _Papers:
    def __init__(self):
        self.blobs = {}

    def put(self, data):
        sha = hashlib.sha256(data).hexdigest()
        self.blobs[sha] = data
        return sha

    def get(self, sha):
        if sha not in self.blobs:
            raise NotFound("no file")
        return self.blobs[sha]


def _uow():
    d, m = sample_meeting()
    papers = _Papers()
    for it in m.items:
        for p in it.papers:
            if p.id != "p-3":  # the rota proposal has no file in the record
                p.sha256 = papers.put(_paper_pdf(p.title, 2))
    uow = uow_with(d, m)
    uow.papers = papers
    return uow


def _outline(reader):
    out = []

    def walk(nodes, depth):
        for n in nodes:
            if isinstance(n, list):
                walk(n, depth + 1)
            else:
                out.append((depth, n.title, reader.get_destination_page_number(n)))

    walk(reader.outline, 0)
    return out


def test_agenda_pack(tmp_path):
    out = tmp_path / "pack.pdf"
    pages = documents.write_agenda_pack(_uow(), MID, out).pages
    reader = PdfReader(str(out))
    assert pages == len(reader.pages)
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    front = " ".join(t for t in texts if "Agenda pack" in t)
    assert "Loamshire North Locality Commissioning Group" in front
    for label in ("COMMISSIONING", "PROVISION", "JOINT", "GENERAL"):
        assert label in front
    assert "Frailty service: award of locality contract" in front
    assert "13:30" in front and "25 min" in front and "Mr Finn Testcase" in front
    assert "Paper 5a: Frailty service evaluation report" in front
    assert "(file not in the record)" in front
    assert "Item 8 is expected to be taken in Part II" in front
    # interests reminder names the chair's interest in the bidder at item 5
    reminder = front[front.find("Interests reminder"):]
    assert "Dr Alys Example" in reminder and "Item 5:" in reminder
    # papers follow in agenda order: 5a (2 pages), 5b (2 pages), 8 (2 pages)
    paper_pages = [t for t in texts if " page " in t and "Agenda pack" not in t]
    assert [t.split(" page ")[0] for t in paper_pages] == [
        "Frailty service evaluation report", "Frailty service evaluation report",
        "Scoring matrix (redacted)", "Scoring matrix (redacted)",
        "Confidential HR note on Meadowbank staffing", "Confidential HR note on Meadowbank staffing",
    ]
    marks = _outline(reader)
    titles = [t for _, t, _ in marks]
    assert titles[:2] == ["Cover", "Agenda and interests reminder"]
    first_paper = len(texts) - 6
    assert (0, "Papers", first_paper) in marks
    assert (1, "5. Frailty service: award of locality contract", first_paper) in marks
    assert (2, "Paper 5a: Frailty service evaluation report", first_paper) in marks
    assert (2, "Paper 5b: Scoring matrix (redacted)", first_paper + 2) in marks
    assert (2, "Paper 8: Confidential HR note on Meadowbank staffing", first_paper + 4) in marks
    assert reader.metadata.title.startswith("Agenda pack: Loamshire North Locality")
