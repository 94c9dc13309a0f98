"""Reading exported documents back as text, for the export tests.

* :func:`pdf_body` is ``pdftotext -raw`` (poppler) page by page, cropped to the
  text frame so the page furniture (header, footer, CONFIDENTIAL mark) is left
  out, without the DRAFT watermark and the header row a split table repeats at
  the top of a page;
* :func:`docx_blocks` is the text of every paragraph of a Word file's body in
  order, table cells included;
* :func:`model_blocks` is the same list from the document model, the order a
  renderer walks it in;
* :func:`squash` compares text the way a reader does: NFC, white space and
  soft hyphens gone, characters XML cannot hold (U+FFFE, U+FFFF ...) as U+FFFD.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

from docx import Document as read_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from lmcdesk.documents import Box, Document, Heading, ListBlock, Paragraph, Section, Table, plain

MM = 72 / 25.4


def _nonchar(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def squash(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isspace() or ch == "\xad" or unicodedata.category(ch) in ("Zs", "Zl", "Zp"):
            continue
        out.append("\ufffd" if _nonchar(ord(ch)) else ch)
    return "".join(out)


def contains(squashed: str, text: str) -> bool:
    """Whether ``text`` is in ``squashed`` (a squashed extraction); a soft hyphen
    may come out as the hyphen it printed at the end of a line."""
    parts = [squash(p) for p in unicodedata.normalize("NFC", text).split("\xad")]
    if len(parts) == 1:
        return parts[0] in squashed
    return re.search("-?".join(re.escape(p) for p in parts), squashed) is not None


def is_rtl(text: str) -> bool:
    """Right-to-left text, which pdftotext gives back in visual order."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in text)


def _table_headers(doc: Document) -> list[str]:
    return [squash("".join(plain(c.runs) for c in b.header)) for b in doc.walk() if isinstance(b, Table) and b.header]


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_body(pdf: bytes, doc: Document | None = None) -> str:
    """The text inside the text frame of every page, squashed and joined."""
    reader = PdfReader(io.BytesIO(pdf))
    headers = _table_headers(doc) if doc is not None else []
    parts = []
    for n, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        top, bottom = 14 * MM, 19 * MM  # the header sits 11 mm from the top, the mark 15 mm from the bottom
        out = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n), "-x", "0", "-y", str(int(top)),
             "-W", str(int(width)), "-H", str(int(height - top - bottom)), "-", "-"],
            input=pdf, capture_output=True, check=True,
        ).stdout.decode("utf-8")
        text = squash(out)
        mark = squash(doc.furniture.watermark) if doc is not None else ""
        if mark and text.endswith(mark):  # drawn over the page after its text
            text = text[: -len(mark)]
        if n > 1:
            for h in headers:
                if h and text.startswith(h):
                    text = text[len(h):]
                    break
        parts.append(text)
    return "".join(parts)


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF (furniture included), squashed."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return squash(out)


def docx_blocks(data: bytes) -> list[str]:
    """Every non-empty paragraph of the body in order (inside tables too), white space collapsed."""
    body = read_docx(io.BytesIO(data)).element.body
    out: list[str] = []

    def walk(el) -> None:
        for child in el.iterchildren():
            if child.tag == qn("w:p"):
                text = "".join((t.text or "") if t.tag == qn("w:t") else " "
                               for t in child.iter(qn("w:t"), qn("w:br"), qn("w:tab")))
                if text.strip():
                    out.append(" ".join(text.split()))
            elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")):
                walk(child)

    walk(body)
    return out


def model_blocks(doc: Document) -> list[str]:
    """What :func:`docx_blocks` should read, from the model itself."""
    out: list[str] = []

    def add(text: str) -> None:
        text = " ".join(text.split())
        if text:
            out.append(text)

    def walk(blocks) -> None:
        for b in blocks:
            if isinstance(b, (Heading, Paragraph)):
                add(plain(b.runs))
            elif isinstance(b, ListBlock):
                for item in b.items:
                    add(plain(item))
            elif isinstance(b, Table):
                for row in (b.header, *b.rows):
                    for cell in row:
                        add(plain(cell.runs))
            elif isinstance(b, Box):
                walk(b.blocks)
            elif isinstance(b, Section):
                add(" ".join(x for x in (f"{b.number}. {b.title}" if b.number else b.title, b.label, b.ref) if x))
                walk(b.blocks)

    walk(doc.blocks)
    return out
