"""Reading a paper back to open it; papers listed without a stored file."""

from __future__ import annotations

import pytest

from lmcdesk.domain.model import Paper
from lmcdesk.errors import NotFound
from lmcdesk.services import papers

from fakes import FakeUnitOfWork


def _stored(uow, data: bytes, **kw) -> Paper:
    with uow:
        sha = uow.papers.put(data)
        uow.commit()
    return Paper(id=kw.pop("id", "p1"), title=kw.pop("title", "Bid evaluation"), sha256=sha, **kw)


def test_write_copy_writes_the_stored_bytes_under_the_papers_file_name(tmp_path):
    uow = FakeUnitOfWork()
    paper = _stored(uow, b"%PDF-1.4 bid", filename="bid-evaluation.pdf")
    path = papers.write_copy(uow, paper, tmp_path / "open")
    assert path == tmp_path / "open" / "bid-evaluation.pdf"
    assert path.read_bytes() == b"%PDF-1.4 bid"


def test_a_paper_without_a_file_name_is_named_from_its_title_and_bytes(tmp_path):
    uow = FakeUnitOfWork()
    paper = _stored(uow, b"%PDF-1.7", title="Pricing: model / v2")
    assert papers.write_copy(uow, paper, tmp_path).name == "Pricing_ model _ v2.pdf"
    assert papers.file_name(Paper("x", "Notes", filename="../../etc/notes.txt"), b"") == "notes.txt"


def test_papers_without_a_stored_file_are_named_and_refused_in_words():
    uow = FakeUnitOfWork()
    kept = _stored(uow, b"kept")
    listed_only = Paper(id="p2", title="Minutes of the federation board")
    lost = Paper(id="p3", title="Workforce model", sha256="0" * 64)
    assert papers.missing_files(uow, [kept, listed_only, lost]) == {"p2", "p3"}
    for paper in (listed_only, lost):
        with pytest.raises(NotFound, match=paper.title):
            papers.read_paper(uow, paper)


def test_store_paper_keeps_the_bytes_once_and_commits():
    uow = FakeUnitOfWork()
    sha = papers.store_paper(uow, b"%PDF-1.4 workforce")
    assert sha == papers.store_paper(uow, b"%PDF-1.4 workforce")  # the same content is kept once
    assert papers.read_paper(uow, Paper(id="p", title="Workforce", sha256=sha)) == b"%PDF-1.4 workforce"
