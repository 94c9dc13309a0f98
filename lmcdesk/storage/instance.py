"""One LMC Desk window per database file.

Two copies of the app on the same SQLite file would each believe their screen
is the truth; SQLite itself stays consistent, but a secretary could lose an
afternoon's minutes to the other window's save.  So the app holds a lock on a
small file next to the database (``lmcdesk.sqlite3.lock``) while it runs.

How the lock works, and why this way:

* The lock is an *operating-system* lock on that file: ``fcntl.flock`` on
  Linux/macOS, ``msvcrt.locking`` on Windows.  Any user may take it on a file
  in a folder they can write (no admin rights), and the OS drops it when the
  process ends, however it ends (crash, SIGKILL, power cut).  So a lock left
  behind by a crashed app is never "stale": if we can take the lock, nobody
  holds it, whatever the file still says.
* The file's text says who holds it (process id, computer name, user, since
  when), so the second window can say "open on PRACTICE-PC2 by alys since
  09:14" instead of a bare "locked".  On Windows a locked byte range cannot
  even be read, so we lock one byte far beyond the text.
* If the operating system cannot lock files in that folder at all (some
  network shares), we fall back to the text alone: a holder on this computer
  whose process is gone is stale and we take over; a holder on another
  computer is believed (the user can delete the file or open read-only).

PostgreSQL needs none of this: many users sharing one server is its job, and
two saves of the same meeting are told apart by the meeting's version number.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import logging
import os
import socket
import sys
import tempfile
from pathlib import Path

from lmcdesk.errors import AlreadyOpen

__all__ = ["AlreadyOpen", "InstanceLock", "lock_for_url", "lock_path_for", "read_only_reason", "read_only_url",
           "sqlite_file"]

log = logging.getLogger(__name__)

#: Byte offset locked on Windows: past any text we write, so the text stays readable.
_WIN_LOCK_OFFSET = 1 << 20


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _describe(holder: dict) -> str:
    who = holder.get("user") or "someone"
    host = holder.get("host") or "another computer"
    since = holder.get("since", "")
    try:
        since_text = dt.datetime.fromisoformat(since).astimezone().strftime("%d %b %Y %H:%M")
    except (TypeError, ValueError):
        since_text = "an unknown time"
    return f"by {who} on {host} (process {holder.get('pid', '?')}) since {since_text}"


class InstanceLock:
    """Held while one app window works on ``db_path``.  Use as a context manager
    or call :meth:`acquire` / :meth:`release`."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self._fh = None
        self._os_locked = False

    # -- public ---------------------------------------------------------------
    @property
    def held(self) -> bool:
        return self._fh is not None

    def holder(self) -> dict | None:
        """Who the lock file says holds it (None if no readable lock file)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def acquire(self) -> InstanceLock:
        if self._fh is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            fh = os.fdopen(fd, "r+b")  # kept open while the app runs
        except PermissionError:
            # A read-only folder: nobody can write the database either, so
            # opening it read-only is the only possibility; no lock to take.
            log.info("cannot create %s; no single-instance lock", self.path)
            return self
        except OSError as exc:
            log.warning("cannot create %s (%s); no single-instance lock", self.path, exc)
            return self
        os_lock = _try_os_lock(fh)
        if os_lock is False:
            fh.close()
            raise self._refusal(self.holder())
        if os_lock is None:
            # The OS cannot lock here (e.g. a network share): trust the text.
            holder = self.holder()
            if holder and not self._is_stale(holder):
                fh.close()
                raise self._refusal(holder)
        self._fh = fh
        self._os_locked = bool(os_lock)
        self._write_holder()
        return self

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            fh.seek(0)
            fh.truncate()
            fh.flush()
        except OSError:
            pass
        if self._os_locked:
            _os_unlock(fh)
        fh.close()
        if sys.platform == "win32":  # pragma: no cover
            # Fails harmlessly while another window has it open.  On POSIX the
            # empty file stays: unlinking it could let two processes lock two
            # different files of the same name.
            try:
                self.path.unlink()
            except OSError:
                pass

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()

    # -- internals --------------------------------------------------------------
    def _write_holder(self) -> None:
        info = {
            "app": "LMC Desk",
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "user": _user(),
            "since": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "database": str(self.db_path),
        }
        fh = self._fh
        assert fh is not None
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info).encode("utf-8"))
        fh.flush()

    @staticmethod
    def _is_stale(holder: dict) -> bool:
        if holder.get("host") != socket.gethostname():
            return False  # cannot tell; believe it
        try:
            pid = int(holder.get("pid", 0))
        except (TypeError, ValueError):
            return True
        return pid == os.getpid() or not _pid_alive(pid)

    def _refusal(self, holder: dict | None) -> AlreadyOpen:
        who = _describe(holder) if holder else "by another LMC Desk window"
        return AlreadyOpen(
            f"The record {self.db_path.name} is already open in LMC Desk {who}. "
            "Close it there first, or open this copy read-only to look without changing anything.",
            holder=holder,
        )


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing for
        return ""


def _try_os_lock(fh) -> bool | None:
    """True: locked; False: someone else holds it; None: this OS/share cannot lock."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            fh.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            fh.seek(0)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        import errno

        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
            return False
        log.warning("file locking unavailable for %s: %s", getattr(fh, "name", "?"), exc)
        return None


def _os_unlock(fh) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover
            import msvcrt

            fh.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def sqlite_file(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL (None for servers and in-memory)."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    if rest.startswith("file:"):
        rest = rest[5:]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def lock_for_url(url: str) -> InstanceLock | None:
    """The lock to hold for a database URL; None where no lock is needed (PostgreSQL)."""
    path = sqlite_file(url)
    return InstanceLock(path) if path is not None else None


def read_only_url(url: str) -> str:
    """The same SQLite file opened read-only (for "open read-only" in the app)."""
    path = sqlite_file(url)
    if path is None:
        return url
    return f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true"


# --------------------------------------------------------------------------- read-only places

#: Why a record cannot be written, in words (the end of "… cannot be changed (…)").
READ_ONLY_MEDIUM = "it is on a read-only disc, drive or share"
READ_ONLY_FILE = "the file is read-only"
READ_ONLY_FOLDER = "the folder it is in is read-only"

_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def read_only_reason(db_path: str | os.PathLike[str]) -> str | None:
    """Why the existing record file ``db_path`` cannot be written, in words
    (see the ``READ_ONLY_*`` words), or None when LMC Desk may write it.

    Asked by trying, not only by ``os.access`` (which a root user, some network
    shares and Windows ACLs answer wrongly): the medium's read-only flag, the
    file opened for writing (nothing written, its time stamps untouched), and a
    probe file made and removed in its folder, where SQLite's ``-wal`` and
    ``-shm`` files and the instance lock would go."""
    path = Path(db_path)
    folder = path.parent
    if _read_only_medium(folder):
        return READ_ONLY_MEDIUM
    if path.exists():
        if not os.access(path, os.W_OK):
            return READ_ONLY_FILE
        try:
            os.close(os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0)))
        except OSError as exc:
            if exc.errno == errno.EROFS:
                return READ_ONLY_MEDIUM
            if exc.errno in _READ_ONLY_ERRNOS:
                return READ_ONLY_FILE
            raise
    if not os.access(folder, os.W_OK):
        return READ_ONLY_FOLDER
    try:
        fd, probe = tempfile.mkstemp(prefix=".lmcdesk-write-test-", dir=folder)
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return READ_ONLY_MEDIUM
        if exc.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY_FOLDER
        raise
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:  # pragma: no cover - made a moment ago; a share that forgets is no reason to fail
        log.warning("could not remove %s", probe)
    return None


def _read_only_medium(folder: Path) -> bool:
    """The file system holding ``folder`` is mounted read-only (a CD, a
    write-protected stick, a share mounted read-only).  POSIX only; elsewhere
    the write probes tell."""
    statvfs = getattr(os, "statvfs", None)
    flag = getattr(os, "ST_RDONLY", None)
    if statvfs is None or flag is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & flag)
    except OSError:
        return False
