"""The canonical form of a document: what approval freezes and fingerprints.

Canonical JSON (sorted keys, no insignificant white space, UTF-8, text in
NFC) of the document model, wrapped with its format name and version so that
a later LMC Desk can read every frozen document it ever wrote.  The
fingerprint is the SHA-256 of those bytes.  ``loads(dumps(doc)) == doc``.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import fields, is_dataclass

from .model import Box, Cell, Document, Furniture, Heading, ListBlock, PageBreak, Paragraph, Run, Section, Table

FORMAT = "lmcdesk-document"
VERSION = 1

_TYPES = {cls.__name__: cls for cls in (Heading, Paragraph, ListBlock, Table, Box, Section, PageBreak)}


class DocumentFormatError(ValueError):
    """Stored bytes are not a document this version can read."""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _encode(value):
    if isinstance(value, Run):
        out = {"t": _nfc(value.text)}
        if value.bold:
            out["b"] = 1
        if value.italic:
            out["i"] = 1
        return out
    if isinstance(value, Cell):
        return {"runs": [_encode(r) for r in value.runs], "header": value.header}
    if is_dataclass(value):
        out = {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
        if type(value).__name__ in _TYPES:
            out["type"] = type(value).__name__
        return out
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, str):
        return _nfc(value)
    return value


def dumps(doc: Document) -> bytes:
    """Canonical bytes of ``doc``."""
    payload = {"format": FORMAT, "version": VERSION, "document": _encode(doc)}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint(data: bytes | Document) -> str:
    if isinstance(data, Document):
        data = dumps(data)
    return hashlib.sha256(data).hexdigest()


def _runs(items) -> tuple[Run, ...]:
    return tuple(Run(r["t"], bool(r.get("b")), bool(r.get("i"))) for r in items)


def _block(d: dict):
    kind = d.get("type")
    if kind == "Heading":
        return Heading(int(d["level"]), _runs(d["runs"]), d.get("anchor", ""))
    if kind == "Paragraph":
        return Paragraph(_runs(d["runs"]), d.get("role", ""))
    if kind == "ListBlock":
        return ListBlock(tuple(_runs(i) for i in d["items"]))
    if kind == "Table":
        cell = lambda c: Cell(_runs(c["runs"]), bool(c.get("header")))  # noqa: E731
        return Table(tuple(cell(c) for c in d["header"]), tuple(tuple(cell(c) for c in row) for row in d["rows"]),
                     tuple(float(w) for w in d.get("widths", ())), d.get("caption", ""))
    if kind == "Box":
        return Box(d["kind"], tuple(_block(b) for b in d["blocks"]))
    if kind == "Section":
        return Section(d["kind"], d["label"], d["number"], d["title"], d.get("ref", ""), d.get("anchor", ""),
                       tuple(_block(b) for b in d["blocks"]))
    if kind == "PageBreak":
        return PageBreak()
    raise DocumentFormatError(f"unknown block type {kind!r}")


def loads(data: bytes) -> Document:
    try:
        payload = json.loads(data.decode("utf-8"))
        if payload.get("format") != FORMAT:
            raise DocumentFormatError("not an LMC Desk document")
        if int(payload.get("version", 0)) > VERSION:
            raise DocumentFormatError("written by a newer LMC Desk")
        d = payload["document"]
        return Document(
            title=d["title"],
            blocks=tuple(_block(b) for b in d["blocks"]),
            lang=d.get("lang", "en-GB"),
            author=d.get("author", ""),
            subject=d.get("subject", ""),
            kind=d.get("kind", ""),
            furniture=Furniture(**d.get("furniture", {})),
            colours=tuple((k, c) for k, c in d.get("colours", ())),
        )
    except DocumentFormatError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DocumentFormatError(f"the stored document is damaged ({exc})") from None
