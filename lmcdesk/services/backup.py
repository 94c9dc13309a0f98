"""Backups of the record: made on start, after each approval and on request;
restored from the File menu or ``lmcdesk restore``.

These take the opened :class:`lmcdesk.storage.Database` (anything with
``.path`` / ``.url``) or a file path.  A PostgreSQL record is backed up by its
server's administrator (``pg_dump``); here the functions say so instead of
pretending.

How the shells use this: the open record (``lmcdesk.bootstrap.Record``, which
also holds the instance lock and the read-only policy) calls
``startup_backup`` after opening and ``backup_now(..., "approval")`` after an
approval commits (``Record.startup_backup`` / ``Record.backup``: the app and
``lmcdesk approve`` alike).  ``lmcdesk backup``/``backups``/``restore`` and
File > Restore call ``backup_now``, ``list_backups`` and ``restore_backup`` on
the record's file; the app closes the record first, so the restore takes the
lock itself.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from lmcdesk import paths
from lmcdesk.errors import StorageProblem
from lmcdesk.storage import backup as _files
from lmcdesk.storage.backup import BackupFile as BackupInfo
from lmcdesk.storage.instance import InstanceLock, sqlite_file

log = logging.getLogger(__name__)

__all__ = ["BackupInfo", "backup_now", "startup_backup", "list_backups", "restore_backup", "sqlite_path"]

SERVER_MESSAGE = (
    "This record is kept on a database server; its backups are made on the server "
    "(ask whoever runs it, e.g. with pg_dump)."
)


def sqlite_path(db) -> Path | None:
    """The SQLite file behind ``db`` (a Database, URL or path), or None for a server."""
    if isinstance(db, Path):
        return db
    if isinstance(db, str):
        if "://" in db:
            return sqlite_file(db)
        return Path(db)
    db = getattr(db, "database", db)  # a unit of work: its Database
    path = getattr(db, "path", None)
    if path is not None:
        return Path(path)
    url = getattr(db, "url", None)
    return sqlite_file(str(url)) if url else None


def backup_now(db, reason: str = "manual", *, folder: Path | None = None) -> Path | None:
    """Copy the record now (safe while the app works on it); returns the copy's
    path, or None for a server database.  ``reason``: "start", "approval",
    "manual" — each kept in its own rotation."""
    path = sqlite_path(db)
    if path is None:
        log.info("no file backup for a server database")
        return None
    started = time.perf_counter()
    out = _files.backup(path, folder or paths.backup_dir(), reason)
    log.info("backup (%s) of %s took %.2f s", reason, path, time.perf_counter() - started)
    return out


def startup_backup(db, *, folder: Path | None = None) -> Path | None:
    """The start-up copy, skipped when nothing changed since the newest backup."""
    path = sqlite_path(db)
    if path is None or not path.exists():
        return None
    folder = folder or paths.backup_dir()
    if not _files.needs_backup(path, folder):
        return None
    return backup_now(path, "start", folder=folder)


def list_backups(db, *, folder: Path | None = None) -> list[BackupInfo]:
    """Backups of this record, newest first."""
    path = sqlite_path(db)
    if path is None:
        return []
    return _files.list_backups(folder or paths.backup_dir(), path.stem)


def restore_backup(
    db, backup_file: str | os.PathLike[str], *, lock: InstanceLock | None = None, folder: Path | None = None
) -> Path | None:
    """Put ``backup_file`` back as the record after checking it.

    The current state is kept first as a ``before-restore`` backup (returned).
    The app passes the ``lock`` it holds and disposes its engine first; the CLI
    passes none, and then the restore is refused while an LMC Desk window has
    the record open.
    """
    path = sqlite_path(db)
    if path is None:
        raise StorageProblem(SERVER_MESSAGE)
    dispose = getattr(db, "dispose", None)
    if callable(dispose):
        dispose()  # no pooled connection of ours may keep the old pages
    folder = folder or paths.backup_dir()
    if lock is not None and lock.held:
        return _files.restore(Path(backup_file), path, folder)
    with InstanceLock(path):
        return _files.restore(Path(backup_file), path, folder)
