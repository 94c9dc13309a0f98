"""Plain rows that storage returns besides whole aggregates.

They live here (not in ``lmcdesk.services.dto``, which re-exports them) so that
storage does not import from the layer above it.
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
