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
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool, StaticPool

from lmcdesk import errors

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=5000",  # first, so the others wait for a lock rather than fail
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)

#: A record that must not be written (an archived copy): no journal mode, no
#: synchronous setting (either could write), and SQLite itself refuses writes.
SQLITE_READ_ONLY_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA query_only=ON",
)

#: Files SQLite keeps beside a record while changes are on their way into it.
SIDECARS = ("-wal", "-journal")


@dataclass
class Database:
    """An opened, up-to-date record: what a unit of work needs."""

    engine: Engine
    session_factory: sessionmaker[Session]
    url: str
    dialect: str  # "sqlite", "postgresql", ...
    path: Path | None = None  # the SQLite file, when there is one
    #: Opened by :func:`open_read_only`: SQLite refuses every write.
    read_only: bool = False
    #: What the user should know about how it was opened (read from an up-to-date
    #: temporary copy, ...); "" when nothing.
    notice: str = ""
    #: A temporary folder holding the copy actually read; removed by :meth:`dispose`.
    scratch: Path | None = None

    @property
    def label(self) -> str:
        """How to name this record to a person."""
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
        scratch, self.scratch = self.scratch, None
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


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


def _set_sqlite_pragmas(dbapi_connection, _record, pragmas=SQLITE_PRAGMAS) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _set_read_only_pragmas(dbapi_connection, _record) -> None:
    _set_sqlite_pragmas(dbapi_connection, _record, SQLITE_READ_ONLY_PRAGMAS)


def _sqlite_file(url) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _check_sqlite_file(path: Path, label: str) -> None:
    """Fail early, in words, where SQLite itself would give a vague message."""
    _check_not_folder(path, label)
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise_translated(exc, label)
            raise errors.StorageProblem(
                f"The folder for the record {label} does not exist and cannot be made "
                f"({exc.strerror or exc}). Choose another place for the record."
            ) from exc
    _check_header(path, label)
    writable_dir = os.access(path.parent, os.W_OK)
    writable_file = not path.exists() or os.access(path, os.W_OK)
    if not (writable_dir and writable_file):
        raise translate_error(PermissionError(errno.EACCES, "read-only"), label)  # type: ignore[misc]


def _check_not_folder(path: Path, label: str) -> None:
    if path.is_dir():
        raise errors.StorageProblem(f"{label} is a folder, not an LMC Desk record file.")


def _check_header(path: Path, label: str) -> None:
    """A file that is not a SQLite database, or is cut short, is damaged."""
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(16)
        if header != b"SQLite format 3\x00":
            raise translate_error(Exception("file is not a database"), label)  # type: ignore[misc]
        if path.stat().st_size % 512:
            raise translate_error(Exception("malformed"), label)  # type: ignore[misc]


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


def open_database(url: str, *, label: str | None = None, copy_before_upgrade: bool = True) -> Database:
    """Open (creating if needed) the record at ``url`` and bring its tables up
    to date.  Raises only ``lmcdesk.errors`` types for environment problems.
    ``label`` names the record in messages (default: its file or server);
    ``copy_before_upgrade=False`` for a scratch copy nobody needs a backup of."""
    from .migrate import upgrade_to_head  # Alembic is only needed here

    parsed = make_url(url)
    path = _sqlite_file(parsed) if parsed.get_backend_name() == "sqlite" else None
    label = label or (str(path) if path else parsed.render_as_string(hide_password=True))
    if path is not None:
        _check_sqlite_file(path, label)
        _refuse_foreign_file_untouched(path, label)
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
        upgrade_to_head(engine, label, before=_copy_before_upgrade(path) if copy_before_upgrade else None)
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise_translated(exc, label)
        raise
    except errors.LmcDeskError:
        engine.dispose()
        raise
    return database


# --------------------------------------------------------------------------- read-only records


def open_read_only(path: str | os.PathLike[str]) -> Database:
    """Open the existing SQLite record ``path`` for reading only, writing
    nothing beside it or in it: an archived copy on a read-only disc, drive or
    share, or a file or folder LMC Desk may not write.

    The file is opened with SQLite's ``mode=ro&immutable=1``: no journal mode
    is set, no ``-wal``/``-shm`` file and no lock file is made, and SQLite
    refuses every write (``query_only``), so the file's bytes stay as they are.

    Two records cannot be read in place, and are read from a temporary copy
    (removed by ``dispose``), which ``notice`` mentions:

    * one written by an older LMC Desk: the copy is brought up to date (the
      archive is not), as opening a writable record would;
    * one with changes still in a ``-wal`` or ``-journal`` file beside it
      (copied while LMC Desk had it open, or left by a crash): ``immutable``
      would not see them; the copy takes them in.

    A record written by a newer LMC Desk is refused in words, as everywhere."""
    path = Path(path).expanduser()
    label = str(path)
    _check_not_folder(path, label)
    if not path.exists():
        raise errors.NotFound(f"There is no LMC Desk record at {label}.")
    _check_header(path, label)
    pending = [p for p in (path.with_name(path.name + end) for end in SIDECARS) if _non_empty(p)]
    if pending:
        names = " and ".join(p.name for p in pending)
        return _read_from_copy(
            path, label,
            f"The record {label} has changes that were not yet written into the file itself (they are "
            f"in {names} beside it). They are shown from a temporary copy that takes them in; "
            "the record's own files were not changed.",
        )
    database = _open_immutable(path, label, source=path)
    try:
        behind, current = _revision_behind(database, label)
    except BaseException:
        database.dispose()
        raise
    if not behind:
        return database
    database.dispose()
    written_by = f"an older version of LMC Desk (format {current})" if current else "no version of LMC Desk yet (it is empty)"
    return _read_from_copy(
        path, label,
        f"The record {label} was written by {written_by} and cannot be brought up to date where it is. "
        "It is shown from a temporary copy brought up to date; the record itself was not changed.",
    )


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _open_immutable(file: Path, label: str, *, source: Path, notice: str = "",
                    scratch: Path | None = None) -> Database:
    """``file`` opened with ``mode=ro&immutable=1``; ``source`` is the record
    the person opened (the label, backups and the file name all mean it)."""
    uri = file.absolute().as_uri() + "?mode=ro&immutable=1"

    def connect():
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _set_read_only_pragmas)
    return Database(
        engine=engine,
        session_factory=sessionmaker(bind=engine, expire_on_commit=False, autoflush=False),
        url=f"sqlite:///{source}",
        dialect="sqlite",
        path=source,
        read_only=True,
        notice=notice,
        scratch=scratch,
    )


def _revision_behind(database: Database, label: str) -> tuple[bool, str | None]:
    from .migrate import revision_behind

    try:
        with database.engine.connect() as conn:
            _refuse_foreign_file(conn, label)
        return revision_behind(database.engine, label)
    except (SQLAlchemyError, OSError) as exc:
        raise_translated(exc, label)
        raise


def _read_from_copy(path: Path, label: str, notice: str) -> Database:
    """Copy the record (and its ``-wal``/``-journal``) into a temporary folder,
    bring the copy up to date there and open it read-only."""
    scratch = Path(tempfile.mkdtemp(prefix="lmcdesk-archive-"))
    try:
        copy = scratch / path.name
        try:
            shutil.copyfile(path, copy)
            for end in SIDECARS:
                beside = path.with_name(path.name + end)
                if _non_empty(beside):
                    shutil.copyfile(beside, copy.with_name(copy.name + end))
        except OSError as exc:
            raise_translated(exc, label)
            raise errors.StorageProblem(
                f"The record {label} could not be copied to read it ({exc.strerror or exc})."
            ) from exc
        working = open_database(f"sqlite:///{copy}", label=label, copy_before_upgrade=False)
        try:
            with working.engine.connect() as conn:  # everything into the copy's main file
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            working.dispose()
        database = _open_immutable(copy, label, source=path, notice=notice, scratch=scratch)
        log.info("read %s from an up-to-date copy in %s", path, scratch)
        return database
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


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


def check_record_file(path: str | os.PathLike[str]) -> None:
    """Refuse in words, reading only, an existing file that is not an LMC Desk
    record (damaged, or another program's database), before anything is made
    beside it (the instance lock) or changed in it (the journal mode)."""
    path = Path(path).expanduser()
    label = str(path)
    if path.is_file():
        _check_header(path, label)
        _refuse_foreign_file_untouched(path, label)


def _refuse_foreign_file_untouched(path: Path, label: str) -> None:
    """Another program's SQLite file is refused before the engine's first
    connection sets the journal mode (which would rewrite its header): read
    with ``immutable=1``, which writes nothing.  Skipped while a ``-wal`` file
    beside it holds changes that reading in place would not see; the check on
    the open connection (:func:`_refuse_foreign_file`) still runs."""
    if not _non_empty(path) or any(_non_empty(path.with_name(path.name + end)) for end in SIDECARS):
        return
    try:
        con = sqlite3.connect(path.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return  # opening it properly says what is wrong, in words
    try:
        names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return
    finally:
        con.close()
    if names and "alembic_version" not in names:
        raise errors.StorageProblem(
            f"{label} is a database, but not an LMC Desk record file; it was left untouched."
        )


def _refuse_foreign_file(conn, label: str) -> None:
    """A database with tables but no migration history is not ours: say so
    instead of failing half-way through creating tables in it."""
    names = set(inspect(conn).get_table_names())
    if names and "alembic_version" not in names:
        raise errors.StorageProblem(
            f"{label} is a database, but not an LMC Desk record file; it was left untouched."
        )
    conn.execute(text("SELECT 1"))
