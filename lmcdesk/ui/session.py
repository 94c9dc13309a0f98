"""The open record (database) as the UI sees it.

Holds the ``Database`` handle and hands work to the background helper as
``fn(uow)`` callables; SQLAlchemy is imported here lazily, on the worker
thread, so the first window paints before it is loaded.

A SQLite record is held with an :class:`~lmcdesk.storage.instance.InstanceLock`
for as long as the session is open, so a second LMC Desk on the same file is
refused (``AlreadyOpen``) and may only look at it read-only.  A read-only
session refuses every commit in words before SQLite would refuse it with the
file's URL in the message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

READ_ONLY_MESSAGE = (
    "This record is open read-only, because another LMC Desk window has it open. "
    "Nothing can be changed or saved here. Close the record in the other window, "
    "then open it again here to make changes."
)


class Session:
    def __init__(self, url: str, database: Any, *, lock: Any = None, read_only: bool = False) -> None:
        self.url = url
        self.database = database
        self.lock = lock
        self.read_only = read_only
        #: What went wrong with the start-up backup, in words (None: fine or not needed).
        self.backup_warning: str | None = None

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> "Session":
        """Worker thread: take the record's lock and open (and migrate) the
        database at ``url``.  Raises ``AlreadyOpen`` when another LMC Desk
        holds the record.  The start-up backup is ``startup_backup()``, queued
        by the window after the meeting list (copying a 200 MB record took
        ~0.5 s, which the list need not wait for)."""
        from lmcdesk.storage import open_database
        from lmcdesk.storage.instance import lock_for_url, read_only_url

        if read_only:
            return cls(url, open_database(read_only_url(url)), read_only=True)
        lock = lock_for_url(url)
        if lock is not None:
            try:  # a new record's folder may not exist yet; the lock file lives there
                lock.db_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # open_database says why in words
            lock.acquire()
        try:
            session = cls(url, open_database(url), lock=lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return session

    # ------------------------------------------------------------------ facts
    @property
    def file(self) -> Path | None:
        """The SQLite file behind the record (None for a database server)."""
        from lmcdesk.storage.instance import sqlite_file

        return sqlite_file(self.url)

    @property
    def can_restore(self) -> bool:
        return self.file is not None and not self.read_only

    # ------------------------------------------------------------------ backups
    def startup_backup(self) -> str | None:
        """Worker thread: the rotating start-up backup (when the record changed
        since the last one).  Returns a warning in words when it could not be
        made; never raises, because a missing backup never stops the work."""
        from lmcdesk.services.backup import startup_backup

        if self.read_only:
            return None
        try:
            out = startup_backup(self.database)
        except Exception as exc:  # noqa: BLE001 - a missing backup never stops the record opening
            log.warning("start-up backup of %s failed", self.url, exc_info=True)
            self.backup_warning = "The start-up backup could not be made: " + _words(exc)
        else:
            if out is not None:
                log.info("start-up backup: %s", out)
        return self.backup_warning

    def backup(self, reason: str) -> tuple[Path | None, str | None]:
        """Worker thread: a rotating backup now.  Returns (where it went, warning
        in words); never raises, because what was just saved stands either way."""
        from lmcdesk.services.backup import backup_now

        if self.read_only:
            return None, None
        try:
            return backup_now(self.database, reason), None
        except Exception as exc:  # noqa: BLE001 - see docstring
            log.warning("%s backup of %s failed", reason, self.url, exc_info=True)
            return None, "The backup could not be made: " + _words(exc)

    # ------------------------------------------------------------------ work
    def unit_of_work(self):
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        if self.read_only:
            return _read_only_uow_class()(self.database)
        return SqlAlchemyUnitOfWork(self.database)

    def read(self, fn: Callable[[Any], Any]) -> Callable[[], Any]:
        """A callable for ``operations.run`` that runs ``fn(uow)`` and rolls back."""

        def work():
            with self.unit_of_work() as uow:
                return fn(uow)

        return work

    def write(self, fn: Callable[[Any], Any]) -> Callable[[], Any]:
        """A callable for ``operations.run`` that runs ``fn(uow)`` and commits."""

        def work():
            with self.unit_of_work() as uow:
                result = fn(uow)
                uow.commit()
                return result

        return work

    def close(self) -> None:
        """Let go of the database and of the record's lock (safe to call twice)."""
        dispose = getattr(self.database, "dispose", None) or getattr(
            getattr(self.database, "engine", None), "dispose", None
        )
        if dispose is not None:
            try:
                dispose()
            except Exception:  # noqa: BLE001 - closing must not fail the app
                log.exception("closing the database")
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()


def _words(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else str(exc) or type(exc).__name__


_READ_ONLY_UOW = None


def _read_only_uow_class():
    """A unit of work that refuses to commit (built on first use: SQLAlchemy
    is imported on the worker thread, not when this module is)."""
    global _READ_ONLY_UOW
    if _READ_ONLY_UOW is None:
        from sqlalchemy.exc import SQLAlchemyError

        from lmcdesk.errors import DatabaseReadOnly
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        class ReadOnlyUnitOfWork(SqlAlchemyUnitOfWork):
            def commit(self) -> None:
                self.rollback()
                raise DatabaseReadOnly(READ_ONLY_MESSAGE)

            def __exit__(self, exc_type, exc, tb) -> None:
                # a write SQLite refused before commit (a flush): same words
                try:
                    super().__exit__(exc_type, exc, tb)
                except DatabaseReadOnly as translated:
                    raise DatabaseReadOnly(READ_ONLY_MESSAGE) from translated
                if isinstance(exc, SQLAlchemyError) and "readonly" in str(exc).lower():
                    raise DatabaseReadOnly(READ_ONLY_MESSAGE) from exc

        _READ_ONLY_UOW = ReadOnlyUnitOfWork
    return _READ_ONLY_UOW


def display_name(url: str) -> str:
    """A short name for a database URL, for titles and the recent list."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).name
    return url.split("@")[-1]
