"""Plain rows the record returns besides whole aggregates (read models).

They live in the domain, below both storage (which builds them) and services
(whose ``UnitOfWork`` protocol names them and which hand them to the UI
through ``lmcdesk.services.dto``), so neither imports the other's types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lmcdesk.domain.enums import MeetingKind, MinutesStatus
from lmcdesk.domain.model import Action


@dataclass(frozen=True)
class MeetingSummary:
    """One line of a meeting list: enough to show and open it."""

    id: str
    body_id: str
    body_name: str
    date: date
    kind: MeetingKind
    title: str
    venue: str
    status: MinutesStatus
    item_count: int
    lock_version: int


@dataclass(frozen=True)
class SearchHit:
    meeting_id: str
    item_id: str
    meeting_date: date
    body_name: str
    item_title: str
    snippet: str  # matched words wrapped in [ ]


@dataclass(frozen=True)
class ActionEntry:
    """An action with the meeting it was agreed at (the action log)."""

    meeting_id: str
    meeting_date: date
    body_id: str
    body_name: str
    item_title: str
    action: Action


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    entity: str
    entity_id: str
    action: str
    summary: str
    prev_hash: str = ""
    hash: str = ""


@dataclass(frozen=True)
class Seal:
    """One link of the hash chain over approved minutes versions.

    ``record_hash = SHA-256(prev_hash + meeting_id + version + fingerprint +
    approved_at)`` (``lmcdesk.services.audit.seal_hash``); ``approved_at`` is
    kept as the text that was hashed.
    """

    seq: int
    meeting_id: str
    version: int
    fingerprint: str
    approved_at: str
    prev_hash: str
    record_hash: str
    sealed_at: str = ""
    sealed_by: str = ""


#: The two frozen documents of an approved version.
DOCUMENT_VARIANTS = ("full", "public")


@dataclass(frozen=True)
class ApprovedDocument:
    """One frozen document of an approved minutes version.

    ``document`` is the canonical bytes of the document model
    (``lmcdesk.documents.canonical.dumps``), ``fingerprint`` the fingerprint
    printed on its pages, and ``pdf`` the PDF rendered from it and signed with
    the body's key (empty for minutes frozen on upgrade and not signed yet).
    ``variant``: ``"full"`` (with Part II) or ``"public"``.
    """

    meeting_id: str
    version: int
    variant: str
    document: bytes
    fingerprint: str
    pdf: bytes = b""

    @property
    def pdf_sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.pdf).hexdigest() if self.pdf else ""
