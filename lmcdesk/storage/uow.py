"""The unit of work: one session, the repositories on it, rollback by default.

``SqlAlchemyUnitOfWork`` implements ``lmcdesk.services.unit_of_work.UnitOfWork``
(``tests/unit/test_unit_of_work.py`` checks every method of the protocol).

    with SqlAlchemyUnitOfWork(db) as uow:
        meeting = uow.meetings.get(meeting_id)
        ...
        uow.commit()

Leaving the block without ``commit()`` rolls back (cosmicpython's rule), so a
service that fails half-way leaves nothing behind.  Driver errors raised in
the block or by ``commit`` come out as the plain-words errors of
``lmcdesk.errors`` (via ``db.translate_error``); anything else is a bug and
passes through unchanged.
"""

from __future__ import annotations

import logging
from typing import Callable

from sqlalchemy.exc import SQLAlchemyError

from .approved import ApprovedDocumentRepository, RecordMetaRepository
from .audit import AuditRepository
from .db import Database, raise_translated
from .directory import DirectoryRepository
from .exchange_state import ExchangeStateRepository
from .papers import PaperRepository
from .repository import MeetingRepository
from .seals import SealRepository
from .search import SearchRepository

log = logging.getLogger(__name__)


class SqlAlchemyUnitOfWork:
    # The repositories exist inside ``with uow:`` (one session per transaction).
    meetings: MeetingRepository
    directory: DirectoryRepository
    papers: PaperRepository
    search: SearchRepository
    audit: AuditRepository
    seals: SealRepository
    exchange: ExchangeStateRepository
    approved: ApprovedDocumentRepository
    meta: RecordMetaRepository

    def __init__(self, database: Database) -> None:
        self.database = database
        self.session = None
        self._undo: list[Callable[[], None]] = []
        self._depth = 0

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        # Re-entrant: a service's own ``with uow:`` inside a caller's block
        # joins the caller's transaction instead of starting another.
        self._depth += 1
        if self._depth > 1:
            return self
        self.session = self.database.session_factory()
        self._undo = []
        self.search = SearchRepository(self.session)
        self.meetings = MeetingRepository(self.session, self.search, self._undo.append)
        self.directory = DirectoryRepository(self.session)
        self.papers = PaperRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.seals = SealRepository(self.session)
        self.exchange = ExchangeStateRepository(self.session)
        self.approved = ApprovedDocumentRepository(self.session)
        self.meta = RecordMetaRepository(self.session)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._depth -= 1
        if self._depth:
            return
        try:
            self.rollback()
        except SQLAlchemyError:
            log.warning("rollback failed", exc_info=True)
        finally:
            self.session.close()
        if exc is not None and isinstance(exc, (SQLAlchemyError, OSError)):
            raise_translated(exc, self.database.label)

    def commit(self) -> None:
        try:
            self.session.commit()
        except (SQLAlchemyError, OSError) as exc:
            self.rollback()
            raise_translated(exc, self.database.label)
            raise
        self._undo.clear()

    def rollback(self) -> None:
        """Undo everything since the last commit, including the ``lock_version``
        bumps made on the caller's in-memory meetings."""
        self.session.rollback()
        while self._undo:
            self._undo.pop()()
