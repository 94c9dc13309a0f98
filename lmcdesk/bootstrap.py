"""The one composition root: how the desktop app and the ``lmcdesk`` command
open the record.

``open_record(db)`` turns a ``--db`` value (a path, a URL, or nothing:
``LMCDESK_DB``, else the per-user file) into a :class:`Record` and applies the
policies both shells share:

* **Where.**  ``paths.database_url`` says which record.  A path the user typed
  (``--db`` or ``LMCDESK_DB``) that does not exist is refused in words unless
  ``create=True``: a typo must not start an empty record somewhere while the
  real one seems lost.  The default record is created silently (first run).
* **One window per file.**  ``lock=True`` takes the instance lock of a SQLite
  record (``lmcdesk.errors.AlreadyOpen`` names who has it) and holds it until
  :meth:`Record.close`.  The desktop app locks; a command (a few short
  transactions) does not, so ``lmcdesk check`` works while a window is open.
* **Read-only.**  ``read_only=True`` opens the file read-only (another window
  has it); every commit is then refused with :data:`READ_ONLY_MESSAGE` before
  SQLite would refuse it.
* **Archived copies.**  A record file LMC Desk may not write (the file, or the
  folder it is in, is read-only, or it is on a read-only disc, drive or share:
  ``storage.instance.read_only_reason`` asks by trying, so a root user and odd
  shares are told right) opens read-only by itself, with SQLite's
  ``immutable=1``: nothing is written in it or beside it (no journal mode, no
  ``-wal``/``-shm``, no lock file, no start-up backup).  Reading, searching,
  exporting and verifying work; every write is refused with
  :func:`archive_message`.  An archive written by an older LMC Desk is brought
  up to date in a temporary copy, and :attr:`Record.notice` says so.
* **Backups.**  :meth:`Record.startup_backup` (the rotating start-up copy) and
  :meth:`Record.backup` (``"approval"`` after minutes are approved, by the app
  and by ``lmcdesk approve`` alike): a failed backup is a warning in words,
  never a failure, because what was just saved stands either way.

``ui/`` and ``cli/`` get their units of work from here and call services with
them; they never import storage themselves.  SQLAlchemy and Alembic are
imported inside the functions, so the first window paints before they load.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lmcdesk import paths
from lmcdesk.errors import DatabaseReadOnly, NotFound

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.services.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

T = TypeVar("T")

READ_ONLY_MESSAGE = (
    "This record is open read-only, because another LMC Desk window has it open. "
    "Nothing can be changed or saved here. Close the record in the other window, "
    "then open it again here to make changes."
)

#: The status-bar notice while a record is read-only because another window has it.
READ_ONLY_BANNER = "Read-only: another LMC Desk has this record open. You can look, but not change anything."


def archive_message(why: str) -> str:
    """What a refused write says on an archived copy; ``why`` is
    ``storage.instance.read_only_reason``'s words (e.g. "the file is read-only")."""
    return (
        f"This record is an archived copy that cannot be changed ({why}). "
        "You can read, search, export and verify it, but nothing can be changed or saved here. "
        "To work on it, copy the file to a folder you may write to and open the copy."
    )


#: Added to an archive's notice when it is shown from an up-to-date temporary copy.
COPY_BANNER = "Shown from an up-to-date temporary copy; the file itself is unchanged."


def archive_banner(why: str) -> str:
    """The status-bar notice on an archived copy."""
    return f"Read-only archive ({why}): you can read, search, export and verify, but not change anything."


# --------------------------------------------------------------------------- where


def record_url(db: str | None = None) -> str:
    """The database URL for a ``--db`` value (path or URL), ``LMCDESK_DB`` or the default file."""
    return paths.database_url(db)


def record_file(db: str | None = None) -> Path | None:
    """The SQLite file a ``--db`` value (or URL) names; None for a database server."""
    from lmcdesk.storage.instance import sqlite_file

    return sqlite_file(record_url(db))


def label_for(url: str) -> str:
    """A short name for a record, for titles and the recent list (no password)."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).name
    return url.split("@")[-1]


def create_hint(path: Path) -> str:
    return f'run `lmcdesk --db "{path}" create` to start a new, empty record there'


def require_existing(db: str | None = None) -> None:
    """Refuse, in words, a typed ``--db`` / ``LMCDESK_DB`` file that does not exist."""
    path = record_file(db)
    typed = db or os.environ.get("LMCDESK_DB")
    if path is not None and typed and not path.exists():
        raise NotFound(f"There is no LMC Desk record at {path}. Check the path, or {create_hint(path)}.")


# --------------------------------------------------------------------------- the record


class Record:
    """An open record: hands out units of work and makes its backups.

    Built by :func:`open_record`; ``database`` is storage's ``Database`` and
    ``lock`` the ``InstanceLock`` held for it (None: not locked)."""

    def __init__(self, url: str, database: Any, *, lock: Any = None, read_only: bool = False,
                 archived: str | None = None) -> None:
        self.url = url
        self.database = database
        self.lock = lock
        #: Why the record is an archived copy that cannot be changed (words), else None.
        self.archived = archived
        self.read_only = read_only or archived is not None

    # ------------------------------------------------------------------ read-only words
    @property
    def read_only_message(self) -> str:
        """What a refused write says here (archive or another window's record)."""
        return archive_message(self.archived) if self.archived else READ_ONLY_MESSAGE

    @property
    def read_only_banner(self) -> str:
        """The status-bar notice while the record is read-only."""
        if not self.archived:
            return READ_ONLY_BANNER
        banner = archive_banner(self.archived)
        if self.notice:
            banner += " " + COPY_BANNER
        return banner

    @property
    def notice(self) -> str:
        """What the user should know about how the record was opened (an older
        archive shown from an up-to-date temporary copy); "" when nothing."""
        notice = getattr(self.database, "notice", "")
        return notice if isinstance(notice, str) else ""

    def refuse_if_read_only(self) -> None:
        """Raise ``DatabaseReadOnly`` in words before a write that would also do
        something outside the record (a backup, a key) is begun."""
        if self.read_only:
            raise DatabaseReadOnly(self.read_only_message)

    # ------------------------------------------------------------------ facts
    @property
    def record_id(self) -> str:
        """The record's id (made once, kept when the file is copied): it names the key store."""
        known = getattr(self, "_record_id", None)
        if known is None:
            with self.unit_of_work() as uow:
                known = self._record_id = uow.meta.record_id()
        return known

    @property
    def keystore(self):
        """The record's signing keys (``lmcdesk.signing.KeyStore``): one
        passphrase-protected key per body, with its certificate and the note of
        its last approval, in ``<data folder>/keys/<record id>``, outside the
        database.  ``lmcdesk verify`` trusts the certificates found there."""
        from lmcdesk.signing import keystore_for

        return keystore_for(self.record_id)

    def freeze_on_upgrade(self) -> int:
        """Freeze, once, minutes approved before approvals were frozen
        (``services.approval.freeze_on_upgrade``; one query when there are
        none).  Never raises: the record opens either way, and ``verify``
        says what is not frozen yet.  Returns how many were frozen."""
        if self.read_only:
            return 0
        from lmcdesk.services import approval

        try:
            return approval.freeze_on_upgrade(self.unit_of_work())
        except Exception:  # noqa: BLE001 - see docstring
            log.warning("freezing approved minutes of %s failed", self.url, exc_info=True)
            return 0

    @property
    def label(self) -> str:
        """Short name for titles: the file name, or the server and database."""
        return label_for(self.url)

    @property
    def location(self) -> str:
        """Where the record is, in full, for messages (the file path; a URL without its password)."""
        where = getattr(self.database, "label", None)
        return where if isinstance(where, str) else str(self.file or self.label)

    @property
    def file(self) -> Path | None:
        """The SQLite file behind the record (None for a database server)."""
        from lmcdesk.storage.instance import sqlite_file

        return sqlite_file(self.url)

    @property
    def can_restore(self) -> bool:
        return self.file is not None and not self.read_only

    # ------------------------------------------------------------------ work
    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work on the record (a read-only record refuses its commit in words)."""
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        if self.read_only:
            uow = _read_only_uow_class()(self.database)
            uow.read_only_message = self.read_only_message
            return uow
        return SqlAlchemyUnitOfWork(self.database)

    def read(self, fn: Callable[[Any], T]) -> Callable[[], T]:
        """A callable for ``ui.operations.run`` that runs ``fn(uow)`` and rolls back."""

        def work():
            with self.unit_of_work() as uow:
                return fn(uow)

        return work

    def write(self, fn: Callable[[Any], T]) -> Callable[[], T]:
        """A callable for ``ui.operations.run`` that runs ``fn(uow)`` and commits."""

        def work():
            with self.unit_of_work() as uow:
                result = fn(uow)
                uow.commit()
                return result

        return work

    # ------------------------------------------------------------------ backups
    def startup_backup(self) -> str | None:
        """The rotating start-up backup, when the record changed since the last
        one.  Returns a warning in words when it could not be made; never raises,
        because a missing backup never stops the work."""
        from lmcdesk.services import backup

        if self.read_only:
            return None
        try:
            out = backup.startup_backup(self.database)
        except Exception as exc:  # noqa: BLE001 - see docstring
            log.warning("start-up backup of %s failed", self.url, exc_info=True)
            return "The start-up backup could not be made: " + _words(exc)
        if out is not None:
            log.info("start-up backup: %s", out)
        return None

    def backup(self, reason: str) -> tuple[Path | None, str | None]:
        """A rotating backup now (``"approval"`` once minutes are approved).
        Returns (where it went or None for a server, warning in words or None);
        never raises, because what was just saved stands either way."""
        from lmcdesk.services import backup

        if self.read_only:
            return None, None
        try:
            return backup.backup_now(self.database, reason), None
        except Exception as exc:  # noqa: BLE001 - see docstring
            log.warning("%s backup of %s failed", reason, self.url, exc_info=True)
            return None, "The backup could not be made: " + _words(exc)

    # ------------------------------------------------------------------ closing
    def close(self) -> None:
        """Let go of the database and of the record's lock (safe to call twice)."""
        dispose = getattr(self.database, "dispose", None)
        if dispose is not None:
            try:
                dispose()
            except Exception:  # noqa: BLE001 - closing must not fail the app
                log.exception("closing the database")
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

    def __enter__(self) -> Record:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        state = ", archived" if self.archived else ", read-only" if self.read_only else ""
        return f"Record({self.label!r}{state})"


def open_record(db: str | None = None, *, read_only: bool = False, create: bool = False,
                lock: bool = True) -> Record:
    """Open (and bring up to date) the record ``db`` names; see the module docstring.

    A record file LMC Desk may not write opens as an archived copy (no lock,
    ``immutable``), whatever ``read_only`` and ``lock`` say.

    Raises ``NotFound`` for a typed path that is not there (unless ``create``),
    ``AlreadyOpen`` when ``lock`` and another LMC Desk holds the file, and the
    other ``lmcdesk.errors`` storage errors in words (damaged, too new, ...)."""
    from lmcdesk.storage import open_database
    from lmcdesk.storage.instance import lock_for_url, read_only_reason, read_only_url, sqlite_file

    url = record_url(db)
    if not create:
        require_existing(db)
    path = sqlite_file(url)
    if path is not None and path.is_file():
        from lmcdesk.storage.db import check_record_file

        check_record_file(path)  # damaged or another program's: refused before a lock file is made
        why = read_only_reason(path)
        if why is not None:
            return _open_archive(url, path, why)
    if read_only:
        return Record(url, open_database(read_only_url(url)), read_only=True)
    held = lock_for_url(url) if lock else None
    if held is not None:
        try:  # a new record's folder may not exist yet; the lock file lives there
            held.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # open_database says why in words
        held.acquire()
    try:
        return _opened(Record(url, open_database(url), lock=held))
    except DatabaseReadOnly:
        if held is not None:
            held.release()
        if path is None or not path.is_file():
            raise
        # the probes said yes but SQLite was refused (a share's own rules): read it as an archive
        log.info("%s could not be opened for writing; opening it as an archived copy", path, exc_info=True)
        return _open_archive(url, path, ARCHIVE_REFUSED)
    except BaseException:
        if held is not None:
            held.release()
        raise


def _opened(record: Record) -> Record:
    """A record just opened for writing: minutes approved before approvals
    were frozen are frozen now (once)."""
    record.freeze_on_upgrade()
    return record


#: Why a record is an archive when the probes said it was writable but SQLite was refused.
ARCHIVE_REFUSED = "LMC Desk may not write to it"


def _open_archive(url: str, path: Path, why: str) -> Record:
    from lmcdesk.storage.db import open_read_only

    log.info("%s cannot be written (%s): opening it as an archived copy", path, why)
    return Record(url, open_read_only(path), archived=why)


# --------------------------------------------------------------------------- helpers


def _words(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else str(exc) or type(exc).__name__


_READ_ONLY_UOW = None


def _read_only_uow_class():
    """A unit of work that refuses to commit (built on first use, so that
    SQLAlchemy is imported when a record is opened, not with this module)."""
    global _READ_ONLY_UOW
    if _READ_ONLY_UOW is None:
        from sqlalchemy.exc import SQLAlchemyError

        from lmcdesk.storage import SqlAlchemyUnitOfWork

        class ReadOnlyUnitOfWork(SqlAlchemyUnitOfWork):
            #: What a refused write says (the Record sets an archive's own words).
            read_only_message = READ_ONLY_MESSAGE
            read_only = True

            def commit(self) -> None:
                self.rollback()
                raise DatabaseReadOnly(self.read_only_message)

            def __exit__(self, exc_type, exc, tb) -> None:
                # a write SQLite refused before commit (a flush): same words
                try:
                    super().__exit__(exc_type, exc, tb)
                except DatabaseReadOnly as translated:
                    raise DatabaseReadOnly(self.read_only_message) from translated
                if isinstance(exc, SQLAlchemyError) and "readonly" in str(exc).lower():
                    raise DatabaseReadOnly(self.read_only_message) from exc

        _READ_ONLY_UOW = ReadOnlyUnitOfWork
    return _READ_ONLY_UOW
