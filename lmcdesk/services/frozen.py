"""What approval freezes and signs, in one place for ``approval`` and ``verify``.

* **The frozen documents.**  :func:`build_frozen` builds the full and the
  public minutes as the document model (``lmcdesk.export.minutes_document``)
  with the approval's facts, fingerprints each (:func:`document_fingerprint`:
  the canonical document with the page footer that carries the fingerprint
  left blank, i.e. the document built before the fingerprint was known), and
  builds it again with its fingerprint printed on every page.  Those bytes are
  what the record keeps; every later PDF and Word of that version is rendered
  from them, never from live data.
* **The statement.**  :func:`statement_values` is everything about an
  approved version that the body's key signs: the record, meeting and version,
  dates, who signed and at which meeting, the amendment and change note, the
  status it set, the fingerprints of both documents and the SHA-256 of both
  signed PDFs, and the heads of the seal chain and of the change log after
  the approval.  :func:`statement_text` is its canonical JSON; ``verify``
  rebuilds the values from the record and names each that differs.
* **The note beside the key.**  After each approval the body's key folder
  keeps a note of it (:func:`note_text`): a record whose newest approval was
  deleted, seals and change log entries and all, no longer holds it.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from lmcdesk.documents import Document, Paragraph, Run, canonical
from lmcdesk.domain.records import DOCUMENT_VARIANTS

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.documents.approval import ApprovalFacts
    from lmcdesk.domain.model import Directory, Meeting, MinutesVersion
    from lmcdesk.domain.records import ApprovedDocument

STATEMENT_FORMAT = "lmcdesk-approval-statement"
STATEMENT_VERSION = 1
NOTE_FORMAT = "lmcdesk-last-approval"

#: What each statement field is, in words, for ``verify``'s messages.
FIELD_WORDS = {
    "format": "the statement's format",
    "record_id": "the record it belongs to",
    "meeting_id": "the meeting",
    "body_id": "the body whose minutes they are",
    "version": "the version number",
    "status": "the status the approval set",
    "approved_by": "who approved them",
    "approved_at": "when the approval was recorded",
    "approved_on": "the date of approval",
    "signed_by_person_id": "who signed them",
    "signed_by_name": "the name of who signed",
    "approving_meeting_id": "the meeting that approved them",
    "by_circulation": "whether they were approved by circulation",
    "amendment": "the amendment agreed",
    "change_note": "the note of what a correction changed",
    "frozen_on_upgrade": "whether they were frozen on upgrade",
    "snapshot_fingerprint": "the approved content (its fingerprint)",
    "documents": "the frozen documents (their fingerprints or signed PDFs)",
    "cert_fingerprint": "the certificate that signed",
}


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# --------------------------------------------------------------------------- documents


def _blank_footer(doc: Document) -> Document:
    return dataclasses.replace(doc, furniture=dataclasses.replace(doc.furniture, footer_line2=""))


def document_fingerprint(doc: Document) -> str:
    """The fingerprint printed on a frozen document's pages: SHA-256 of its
    canonical form with the footer line that prints it left blank."""
    return canonical.fingerprint(_blank_footer(doc))


class FreezeError(RuntimeError):
    """The minutes print their fingerprint somewhere it cannot be checked (a bug)."""


def frozen_label(frozen_on: date, approved_on: date) -> Paragraph:
    """What a document frozen on upgrade says about itself."""
    return Paragraph((
        Run("Frozen on upgrade. ", bold=True),
        Run(f"These minutes were approved on {long_date(approved_on)}, before LMC Desk kept a frozen, "
            f"signed copy of approved minutes. This copy was made on {long_date(frozen_on)} from the record "
            "as it stood then; who approved them and when are as the record held them."),
    ), role="meta")


def build_frozen(meeting: Meeting, directory: Directory, facts: ApprovalFacts,
                 history: dict[str, tuple] | None = None,
                 label: Paragraph | None = None) -> dict[str, tuple[bytes, str, Document]]:
    """The full and public documents of an approved version, each as
    (canonical bytes, fingerprint, document).  ``history``: per variant, the
    earlier versions (``PriorVersion``) with that variant's fingerprints;
    ``label``: a closing paragraph (minutes frozen on upgrade say so)."""
    from lmcdesk import export

    out = {}
    for variant in DOCUMENT_VARIANTS:
        public = variant == "public"
        base = dataclasses.replace(facts, fingerprint="", history=(history or {}).get(variant, facts.history))

        def build(f, public=public):
            doc = export.minutes_document(meeting, directory, (), public=public, approval=f)
            if label is not None:
                doc = dataclasses.replace(doc, blocks=doc.blocks + (label,))
            return doc

        first = build(base)
        fp = document_fingerprint(first)
        doc = build(dataclasses.replace(base, fingerprint=fp))
        if _blank_footer(doc) != _blank_footer(first) or fp not in doc.furniture.footer_line2:
            raise FreezeError("The minutes must print their fingerprint in the page footer only "
                              "(lmcdesk.services.frozen.document_fingerprint).")
        out[variant] = (canonical.dumps(doc), fp, doc)
    return out


def check_document(stored: ApprovedDocument) -> str:
    """"" when a stored document is in canonical form and its content has the
    fingerprint it is stored with (and prints); else what is wrong, in words.

    Works on the JSON itself (two parses of every document would double what
    ``verify`` costs on a ten-year record): canonical bytes read and written
    again are the same bytes, and blanking the footer line in the JSON gives
    exactly what :func:`document_fingerprint` hashes."""
    import hashlib

    try:
        payload = json.loads(stored.document.decode("utf-8"))
        furniture = payload["document"]["furniture"]
        footer = furniture["footer_line2"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return "cannot be read (it is not a frozen document)"
    if payload.get("format") != canonical.FORMAT:
        return "cannot be read (it is not a frozen document)"
    if _canonical_json(payload) != stored.document:
        return "is not as it was frozen (its stored form was altered)"
    furniture["footer_line2"] = ""
    if hashlib.sha256(_canonical_json(payload)).hexdigest() != stored.fingerprint:
        return "was altered after it was frozen (its content no longer has the fingerprint it is stored with)"
    if stored.fingerprint not in footer:
        return "does not print the fingerprint it is stored with"
    return ""


def _canonical_json(payload) -> bytes:
    """As ``canonical.dumps`` writes its payload."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------- the statement


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def statement_values(*, record_id: str, meeting: Meeting, version: MinutesVersion,
                     documents: dict[str, ApprovedDocument | None], seal_head: str, log_head: str) -> dict[str, Any]:
    """Everything the body's key signs about ``version`` of ``meeting``."""
    docs = {}
    for variant in DOCUMENT_VARIANTS:
        d = documents.get(variant)
        docs[variant] = {"fingerprint": d.fingerprint if d else "", "pdf_sha256": d.pdf_sha256 if d else ""}
    return {
        "format": STATEMENT_FORMAT,
        "format_version": STATEMENT_VERSION,
        "record_id": record_id,
        "meeting_id": meeting.id,
        "body_id": meeting.body_id,
        "version": version.version,
        "status": "approved",
        "approved_by": version.approved_by,
        "approved_at": _iso(version.approved_at),
        "approved_on": _iso(version.approved_on),
        "signed_by_person_id": version.signed_by_person_id,
        "signed_by_name": version.signed_by_name,
        "approving_meeting_id": version.approving_meeting_id,
        "by_circulation": version.by_circulation,
        "amendment": version.amendment,
        "change_note": version.change_note,
        "frozen_on_upgrade": version.frozen_on_upgrade,
        "snapshot_fingerprint": version.fingerprint,
        "documents": docs,
        "cert_fingerprint": version.cert_fingerprint,
        "seal_head": seal_head,
        "log_head": log_head,
    }


def statement_text(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def read_statement(text: str) -> dict[str, Any] | None:
    try:
        values = json.loads(text)
    except (TypeError, ValueError):
        return None
    return values if isinstance(values, dict) and values.get("format") == STATEMENT_FORMAT else None


def encode_signature(cms: bytes) -> str:
    return base64.b64encode(cms).decode("ascii")


def decode_signature(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        return b""


# --------------------------------------------------------------------------- the note beside the key


def note_text(*, record_id: str, meeting_id: str, version: int, approved_at: datetime, seal_head: str,
              log_head: str) -> str:
    return json.dumps({
        "format": NOTE_FORMAT, "record_id": record_id, "meeting_id": meeting_id, "version": version,
        "approved_at": approved_at.isoformat(), "seal_head": seal_head, "log_head": log_head,
    }, indent=1, sort_keys=True)


def read_note(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        note = json.loads(text)
    except ValueError:
        return None
    return note if isinstance(note, dict) and note.get("format") == NOTE_FORMAT else None
