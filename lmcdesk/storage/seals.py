"""The seal chain over approved minutes versions, as plain rows.

``lmcdesk.services.audit`` computes each link's hash and checks the chain;
storage only appends and reads the rows, oldest first.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lmcdesk.domain.records import Seal

from . import orm

_t = orm.approval_seal


class SealRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[Seal]:
        return [Seal(**r) for r in self.session.execute(select(_t).order_by(_t.c.seq)).mappings()]

    def last_hash(self) -> str | None:
        return self.session.execute(
            select(_t.c.record_hash).order_by(_t.c.seq.desc()).limit(1)
        ).scalar()

    def has(self, meeting_id: str, version: int) -> bool:
        return self.session.execute(
            select(_t.c.seq).where(_t.c.meeting_id == meeting_id, _t.c.version == version)
        ).first() is not None

    def add(self, *, meeting_id: str, version: int, fingerprint: str, approved_at: str,
            prev_hash: str, record_hash: str, sealed_by: str = "") -> Seal:
        row = {
            "meeting_id": meeting_id,
            "version": version,
            "fingerprint": fingerprint,
            "approved_at": approved_at,
            "prev_hash": prev_hash,
            "record_hash": record_hash,
            "sealed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "sealed_by": sealed_by,
        }
        seq = self.session.execute(insert(_t).returning(_t.c.seq), [row]).scalar_one()
        return Seal(seq=seq, **row)
