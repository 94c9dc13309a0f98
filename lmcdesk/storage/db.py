"""Opening the record: engine, SQLite settings, migrations, plain-words errors.

Everything that can go wrong with the file or server (damaged, locked,
read-only, disk full, written by a newer LMC Desk) is turned into one of the
typed errors of ``lmcdesk.errors`` by :func:`translate_error`, the single
place that knows the driver's messages.  The unit of work uses it too, so a
failed commit reads the same as a failed open.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from lmcdesk import errors

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=5000",  # first, so the others wait for a lock rather than fail
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)


@dataclass
class Database:
    """An opened, up-to-date record: what a unit of work needs."""

    engine: Engine
    session_factory: sessionmaker[Session]
    url: str
    dialect: str  # "sqlite", "postgresql", ...
    path: Path | None = None  # the SQLite file, when there is one

    @property
    def label(self) -> str:
        """How to name this record to a person."""
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _backups_hint() -> str:
    try:
        from lmcdesk.paths import backup_dir

        return f"Your backups are in {backup_dir()}."
    except OSError:
        return "Restore it from your latest backup."


#: (error type, words any of which in the driver's message select it, message).
#: First match wins; ``{label}`` names the record, ``{backups}`` where backups are.
TRANSLATIONS: tuple[tuple[type[errors.LmcDeskError], tuple[str, ...], str], ...] = (
    (errors.DiskFull, ("disk is full", "no space left"),
     "The disk holding the record {label} is full, so the last change was not saved. "
     "Free some space (or ask your IT support) and try again."),
    (errors.DatabaseCorrupt, ("file is not a database", "malformed", "not an lmc desk"),
     "The record file {label} is damaged and cannot be read. {backups}"),
    (errors.DatabaseLocked, ("locked", "lock timeout", "deadlock"),
     "The record {label} is busy: someone else (or another LMC Desk window) is saving to it. "
     "Wait a moment and try again."),
    (errors.DatabaseReadOnly, ("readonly", "read-only", "permission denied"),
     "LMC Desk may not write to the record {label} (the file or its folder is read-only). "
     "Ask your IT support for write access, or copy it somewhere you can write to."),
    (errors.InvalidInput, ("cannot contain nul",),
     "Some text contains an invisible NUL character, which the database server for {label} "
     "cannot store. Remove it (retype the text) and try again."),
    (errors.StorageProblem, ("disk i/o error",),
     "The record {label} could not be read or written (a disk or network problem). "
     "Check that the drive is connected and try again."),
    (errors.StorageProblem, ("password authentication failed", "role \"", "no password supplied"),
     "The database server for {label} did not accept the user name or password."),
    (errors.StorageProblem, ('database "',),
     "There is no database {label} on that server."),
    (errors.StorageProblem, ("unable to open database file",),
     "The record file {label} cannot be opened. Check that the folder exists and that you "
     "may write to it."),
    (errors.StorageProblem, ("connection", "resolve host", "translate host name", "timeout expired"),
     "The database server for {label} cannot be reached. Check the network and try again."),
)

_OS_ERRORS = {errno.ENOSPC: "disk is full", errno.EACCES: "read-only", errno.EROFS: "read-only",
              errno.EPERM: "read-only"}


def translate_error(exc: BaseException, label: str) -> errors.LmcDeskError | None:
    """The plain-words error for a storage failure, or ``None`` if it is a bug.

    The one place that reads driver messages (SQLite's and PostgreSQL's);
    ``label`` names the record (file path or server) in the message."""
    if isinstance(exc, errors.LmcDeskError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).lower()
    if isinstance(orig, OSError):
        message = _OS_ERRORS.get(orig.errno, "") + " " + message
    for kind, words, template in TRANSLATIONS:
        if any(w in message for w in words):
            backups = _backups_hint() if "{backups}" in template else ""
            return kind(template.format(label=label, backups=backups))
    return None


def raise_translated(exc: BaseException, label: str) -> None:
    """Raise the plain-words error for ``exc`` if there is one (else return)."""
    translated = translate_error(exc, label)
    if translated is not None and translated is not exc:
        raise translated from exc


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_file(url) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _check_sqlite_file(path: Path, label: str) -> None:
    """Fail early, in words, where SQLite itself would give a vague message."""
    if path.is_dir():
        raise errors.StorageProblem(f"{label} is a folder, not an LMC Desk record file.")
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise_translated(exc, label)
            raise errors.StorageProblem(
                f"The folder for the record {label} does not exist and cannot be made "
                f"({exc.strerror or exc}). Choose another place for the record."
            ) from exc
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(16)
        if header != b"SQLite format 3\x00":
            raise translate_error(Exception("file is not a database"), label)  # type: ignore[misc]
        if path.stat().st_size % 512:
            raise translate_error(Exception("malformed"), label)  # type: ignore[misc]
    writable_dir = os.access(path.parent, os.W_OK)
    writable_file = not path.exists() or os.access(path, os.W_OK)
    if not (writable_dir and writable_file):
        raise translate_error(PermissionError(errno.EACCES, "read-only"), label)  # type: ignore[misc]


def _make_engine(url) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict = {}
    if _sqlite_file(url) is None and not (url.database or "").startswith("file:"):
        kwargs["poolclass"] = StaticPool  # one shared in-memory database
        kwargs["connect_args"] = {"check_same_thread": False}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(url: str) -> Database:
    """Open (creating if needed) the record at ``url`` and bring its tables up
    to date.  Raises only ``lmcdesk.errors`` types for environment problems."""
    from .migrate import upgrade_to_head  # Alembic is only needed here

    parsed = make_url(url)
    path = _sqlite_file(parsed) if parsed.get_backend_name() == "sqlite" else None
    label = str(path) if path else parsed.render_as_string(hide_password=True)
    if path is not None:
        _check_sqlite_file(path, label)
    engine = _make_engine(parsed)
    database = Database(
        engine=engine,
        session_factory=sessionmaker(bind=engine, expire_on_commit=False, autoflush=False),
        url=url,
        dialect=engine.dialect.name,
        path=path,
    )
    try:
        with engine.connect() as conn:
            _refuse_foreign_file(conn, label)
        upgrade_to_head(engine, label, before=_copy_before_upgrade(path))
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise_translated(exc, label)
        raise
    except errors.LmcDeskError:
        engine.dispose()
        raise
    return database


def _copy_before_upgrade(path: Path | None):
    """A copy of a SQLite record, made just before a newer LMC Desk changes
    its tables for the first time, so a failed upgrade loses nothing."""
    if path is None:
        return None

    def copy(revision: str) -> None:
        import sqlite3
        from datetime import datetime

        from lmcdesk.paths import backup_dir

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            target = backup_dir() / f"{path.stem}-before-upgrade-from-{revision}-{stamp}{path.suffix}"
            src, dst = sqlite3.connect(path), sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        except (OSError, sqlite3.Error):  # no copy is no reason to refuse to open
            log.warning("could not copy %s before upgrading it", path, exc_info=True)
            return
        log.info("copied %s to %s before upgrading it", path, target)

    return copy


def _refuse_foreign_file(conn, label: str) -> None:
    """A database with tables but no migration history is not ours: say so
    instead of failing half-way through creating tables in it."""
    names = set(inspect(conn).get_table_names())
    if names and "alembic_version" not in names:
        raise errors.StorageProblem(
            f"{label} is a database, but not an LMC Desk record file; it was left untouched."
        )
    conn.execute(text("SELECT 1"))
