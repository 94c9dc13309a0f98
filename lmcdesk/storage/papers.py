"""Paper files, stored once each and addressed by their SHA-256.

The same paper attached to several items (or re-imported) costs nothing
extra, and a meeting pack can check a paper by its name alone.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from lmcdesk import errors

from . import orm


class PaperRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if not self.has(sha):
            self.session.execute(
                insert(orm.paper_blob), [{"sha256": sha, "size_bytes": len(data), "data": data}]
            )
        return sha

    def has(self, sha256: str) -> bool:
        return self.session.execute(
            select(orm.paper_blob.c.sha256).where(orm.paper_blob.c.sha256 == sha256)
        ).first() is not None

    def get(self, sha256: str) -> bytes:
        data = self.session.execute(
            select(orm.paper_blob.c.data).where(orm.paper_blob.c.sha256 == sha256)
        ).scalar()
        if data is None:
            raise errors.NotFound(
                "The file for this paper is not in the record (it may have been attached on "
                "another computer)."
            )
        return bytes(data)
