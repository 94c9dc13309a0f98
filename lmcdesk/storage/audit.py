"""The append-only change log, as plain rows.

``lmcdesk.services.audit`` links the rows into a hash chain (``prev_hash``,
``hash``); storage only appends and reads them, oldest first.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lmcdesk.domain.records import AuditEntry

from . import orm


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, entity: str, entity_id: str, action: str, summary: str,
               user: str | None = None, *, at: datetime | None = None,
               prev_hash: str = "", hash: str = "") -> AuditEntry:
        row = {
            "at": at or datetime.now(timezone.utc),
            "user": user or "",
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "summary": summary,
            "prev_hash": prev_hash,
            "hash": hash,
        }
        new_id = self.session.execute(
            insert(orm.audit_log).returning(orm.audit_log.c.id), [row]
        ).scalar_one()
        return AuditEntry(id=new_id, **row)

    def entries(self, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        q = select(orm.audit_log).order_by(orm.audit_log.c.id)
        if entity is not None:
            q = q.where(orm.audit_log.c.entity == entity)
        if entity_id is not None:
            q = q.where(orm.audit_log.c.entity_id == entity_id)
        return [AuditEntry(**r) for r in self.session.execute(q).mappings()]

    def last(self) -> AuditEntry | None:
        r = self.session.execute(
            select(orm.audit_log).order_by(orm.audit_log.c.id.desc()).limit(1)
        ).mappings().first()
        return AuditEntry(**r) if r else None
