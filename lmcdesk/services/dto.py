"""Plain data the services hand to the UI, CLI and exports (never ORM rows).

The row types are defined in ``lmcdesk.domain.records`` (storage builds
them and must not import from this layer) and re-exported here, which is
where callers should import them from.
"""

from __future__ import annotations

from lmcdesk.domain.records import ActionEntry, AuditEntry, MeetingSummary, SearchHit

__all__ = ["ActionEntry", "AuditEntry", "MeetingSummary", "SearchHit"]
