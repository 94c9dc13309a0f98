"""The two small tables exchange and tamper evidence keep (SQLAlchemy Core).

* ``exchange_state``: per meeting (key: its id) and per directory entry (key:
  ``merge.directory_key``), the content hash both PCs last agreed on (written
  on export and on import), the base of the three-way comparison.
* ``approval_seal``: the hash chain over approved minutes versions.  Each row's
  ``record_hash = SHA-256(prev_hash + meeting_id + version + fingerprint +
  approved_at)``; no foreign key, so that a deleted meeting leaves its seal
  behind and ``lmcdesk verify`` can say so.

Created by the Alembic revision ``h8_exchange_seal`` in the storage migrations.
The functions take the unit of work and use its session's connection, inside
its transaction.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, Integer, MetaData, String, Table, UniqueConstraint, column, select, table

metadata = MetaData()

exchange_state = Table(
    "exchange_state",
    metadata,
    Column("meeting_id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

approval_seal = Table(
    "approval_seal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("meeting_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("approved_at", String(40), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("record_hash", String(64), nullable=False),
    Column("sealed_at", String(40), nullable=False),
    Column("sealed_by", String(200), nullable=False, server_default=""),
    UniqueConstraint("meeting_id", "version", name="uq_approval_seal_meeting_id_version"),
)


def _conn(uow):
    return uow.session.connection()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def exchange_bases(uow, meeting_ids: list[str]) -> dict[str, str]:
    if not meeting_ids:
        return {}
    rows = _conn(uow).execute(
        select(exchange_state.c.meeting_id, exchange_state.c.content_hash).where(
            exchange_state.c.meeting_id.in_(meeting_ids)
        )
    )
    return {mid: h for mid, h in rows}


def remember_bases(uow, bases: dict[str, str]) -> None:
    conn = _conn(uow)
    now = _now()
    for mid, h in bases.items():
        updated = conn.execute(
            exchange_state.update()
            .where(exchange_state.c.meeting_id == mid)
            .values(content_hash=h, updated_at=now)
        )
        if updated.rowcount == 0:
            conn.execute(exchange_state.insert().values(meeting_id=mid, content_hash=h, updated_at=now))


def seals(uow) -> list[dict]:
    rows = _conn(uow).execute(select(approval_seal).order_by(approval_seal.c.seq))
    return [dict(r._mapping) for r in rows]


def last_seal_hash(uow) -> str | None:
    row = _conn(uow).execute(
        select(approval_seal.c.record_hash).order_by(approval_seal.c.seq.desc()).limit(1)
    ).first()
    return None if row is None else row[0]


def has_seal(uow, meeting_id: str, version: int) -> bool:
    row = _conn(uow).execute(
        select(approval_seal.c.seq).where(
            approval_seal.c.meeting_id == meeting_id, approval_seal.c.version == version
        )
    ).first()
    return row is not None


def add_seal(uow, **values) -> None:
    _conn(uow).execute(approval_seal.insert().values(sealed_at=_now(), **values))


def meetings_with_versions(uow) -> set[str]:
    """Ids of meetings that have at least one approved version (storage's
    ``minutes_version`` table), so ``verify`` opens only those."""
    mv = table("minutes_version", column("meeting_id"))
    return set(_conn(uow).execute(select(mv.c.meeting_id).distinct()).scalars())
