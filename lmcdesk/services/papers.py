"""Paper files: store one, read one back to open it, and find papers whose file is not stored.

A paper can be listed without its file: a meeting file (JSON) may name a paper
by title only, or a pack may have been made without the bytes.  Those are said
in words, never shown as a broken link."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from lmcdesk.domain.model import Paper
from lmcdesk.errors import NotFound

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

NO_FILE = "No file is stored for “{title}”: it was listed without one (perhaps attached on another computer)."


def store_paper(uow: UnitOfWork, data: bytes) -> str:
    """Keep a paper's bytes in the record (once per content); returns their
    SHA-256 for the ``Paper`` that lists them.  Nothing on screen shows the
    stored bytes, so this returns no ``Changes``: listing the paper on an item
    is the meeting's own write."""
    with uow:
        sha = uow.papers.put(data)
        uow.commit()
    return sha


def read_paper(uow: UnitOfWork, paper: Paper) -> bytes:
    """The stored bytes of ``paper``; ``NotFound`` in plain words when there are none."""
    if not paper.sha256:
        raise NotFound(NO_FILE.format(title=paper.title))
    with uow:
        if not uow.papers.has(paper.sha256):
            raise NotFound(NO_FILE.format(title=paper.title))
        return uow.papers.get(paper.sha256)


def missing_files(uow: UnitOfWork, papers: list[Paper]) -> set[str]:
    """Ids of the papers whose file is not stored in the record."""
    missing = {p.id for p in papers if not p.sha256}
    wanted = [p for p in papers if p.sha256]
    if wanted:
        with uow:
            stored = {sha for sha in {p.sha256 for p in wanted} if uow.papers.has(sha)}
        missing |= {p.id for p in wanted if p.sha256 not in stored}
    return missing


def file_name(paper: Paper, data: bytes) -> str:
    """A safe name for a copy of the paper: its own file name, else its title with a suffix guessed from the bytes."""
    name = Path(paper.filename).name if paper.filename else ""
    if not name:
        suffix = ".pdf" if data.startswith(b"%PDF") else ".docx" if data.startswith(b"PK") else ".txt" \
            if _is_text(data) else ".bin"
        name = (paper.title or "paper") + suffix
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "paper"
    return name[:120]


def write_copy(uow: UnitOfWork, paper: Paper, folder: Path) -> Path:
    """Write the stored bytes of ``paper`` into ``folder``; returns the file, for opening in another program."""
    data = read_paper(uow, paper)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(paper, data)
    path.write_bytes(data)
    return path


def _is_text(data: bytes) -> bool:
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
