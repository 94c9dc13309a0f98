"""The frozen documents of approved minutes, and facts about the record itself.

``ApprovedDocumentRepository`` keeps, per approved version, the full and the
public document as canonical bytes, the fingerprint printed on their pages
and the signed PDF rendered from them.  They are read one at a time, never
with the meeting: ``uow.meetings.get`` stays as fast as before however many
approved minutes the record keeps.

``RecordMetaRepository`` reads ``record_meta``: the record's id (revision
0004_frozen made it), which names the record's key store.
"""

from __future__ import annotations

import uuid

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session

from lmcdesk import errors
from lmcdesk.domain.records import DOCUMENT_VARIANTS, ApprovedDocument

from . import orm

_t = orm.approved_document


class ApprovedDocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _key(meeting_id: str, version: int, variant: str):
        return and_(_t.c.meeting_id == meeting_id, _t.c.version == version, _t.c.variant == variant)

    def put(self, document: ApprovedDocument) -> None:
        if document.variant not in DOCUMENT_VARIANTS:
            raise ValueError(f"unknown document variant {document.variant!r}")
        values = {"fingerprint": document.fingerprint, "document": document.document, "pdf": document.pdf}
        done = self.session.execute(
            update(_t).where(self._key(document.meeting_id, document.version, document.variant)).values(**values)
        )
        if done.rowcount == 0:
            self.session.execute(insert(_t), [{"meeting_id": document.meeting_id, "version": document.version,
                                               "variant": document.variant, **values}])

    def get(self, meeting_id: str, version: int, variant: str = "full") -> ApprovedDocument:
        row = self.session.execute(select(_t).where(self._key(meeting_id, version, variant))).mappings().first()
        if row is None:
            raise errors.NotFound(
                f"The record keeps no frozen {variant} copy of version {version} of these minutes."
            )
        return ApprovedDocument(meeting_id=row["meeting_id"], version=row["version"], variant=row["variant"],
                                document=bytes(row["document"]), fingerprint=row["fingerprint"],
                                pdf=bytes(row["pdf"] or b""))

    def has(self, meeting_id: str, version: int, variant: str = "full") -> bool:
        return self.session.execute(
            select(_t.c.version).where(self._key(meeting_id, version, variant))
        ).first() is not None

    def keys(self, meeting_id: str | None = None, *, unsigned: bool = False) -> list[tuple[str, int, str]]:
        q = select(_t.c.meeting_id, _t.c.version, _t.c.variant)
        if meeting_id is not None:
            q = q.where(_t.c.meeting_id == meeting_id)
        if unsigned:
            q = q.where(func.length(_t.c.pdf) == 0)
        q = q.order_by(_t.c.meeting_id, _t.c.version, _t.c.variant)
        return [(m, v, w) for m, v, w in self.session.execute(q)]

    def unfrozen(self) -> list[tuple[str, int]]:
        """(meeting id, version) of approved versions with neither a frozen
        document nor a signature: approved before approvals were frozen."""
        mv = orm.minutes_version
        frozen = select(_t.c.version).where(_t.c.meeting_id == mv.c.meeting_id, _t.c.version == mv.c.version,
                                            _t.c.variant == "full")
        q = (select(mv.c.meeting_id, mv.c.version).where(mv.c.signature == "", ~frozen.exists())
             .order_by(mv.c.meeting_id, mv.c.version))
        return [(m, v) for m, v in self.session.execute(q)]


class RecordMetaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record_id(self) -> str:
        """The record's id; one is made if the record has none (never for a
        record at revision 0004 or later, which made it)."""
        t = orm.record_meta
        value = self.session.execute(select(t.c.value).where(t.c.key == "record_id")).scalar()
        if value:
            return value
        value = uuid.uuid4().hex
        self.session.execute(insert(t), [{"key": "record_id", "value": value}])
        return value
