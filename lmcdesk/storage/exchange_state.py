"""What two PCs last agreed on, for the three-way comparison of a pack import.

One row per meeting (key: its id) and per directory entry (key:
``lmcdesk.exchange.merge.directory_key``): the content hash written when a
pack was exported or imported.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Mapping

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from . import orm

_t = orm.exchange_state


class ExchangeStateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def bases(self, keys: Iterable[str]) -> dict[str, str]:
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        rows = self.session.execute(
            select(_t.c.meeting_id, _t.c.content_hash).where(_t.c.meeting_id.in_(keys))
        )
        return {key: h for key, h in rows}

    def remember(self, bases: Mapping[str, str]) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for key, h in bases.items():
            updated = self.session.execute(
                update(_t).where(_t.c.meeting_id == key).values(content_hash=h, updated_at=now)
            )
            if updated.rowcount == 0:
                self.session.execute(insert(_t), [{"meeting_id": key, "content_hash": h, "updated_at": now}])
