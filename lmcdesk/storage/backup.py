"""Rotating copies of the SQLite file, made with SQLite's online backup API.

``sqlite3.Connection.backup`` copies a consistent snapshot page by page while
the app keeps working (WAL readers are not blocked), unlike a file copy which
can catch the file half-written and miss what is still in the ``-wal`` file.
A copy is written to a temporary name, checked with ``PRAGMA
integrity_check``, flushed to disk and only then renamed into place, so a
backup that exists is a backup that opens.

Backups are named ``<db stem>-<UTC timestamp>-<reason>.sqlite3`` and kept per
reason: the last few start-up copies, many more approval copies (approved
minutes are what must never be lost).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from lmcdesk.errors import DatabaseCorrupt, DiskFull, NotFound, StorageProblem

log = logging.getLogger(__name__)

#: How many copies to keep for each reason (the oldest go first).
KEEP = {"start": 10, "approval": 30, "manual": 30, "before-restore": 10}
DEFAULT_KEEP = 10

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}(?:\d{6})?Z)-(?P<reason>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    stem: str
    created: dt.datetime  # UTC
    reason: str
    size: int


def _stamp(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _translate(exc: BaseException, action: str) -> StorageProblem:
    text = str(exc).lower()
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28 or "disk is full" in text or "no space" in text:
        return DiskFull(f"There is not enough disk space to {action}. Free some space and try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorrupt(f"Cannot {action}: the file is damaged or is not an LMC Desk database.")
    if "locked" in text or "busy" in text:
        from lmcdesk.errors import DatabaseLocked

        return DatabaseLocked(f"Cannot {action}: the database is busy. Try again in a moment.")
    return StorageProblem(f"Cannot {action}: {exc}")


def check_file(path: Path, *, what: str = "The file") -> None:
    """Raise ``DatabaseCorrupt`` unless ``path`` is a readable SQLite file that
    passes ``PRAGMA integrity_check`` and looks like an LMC Desk database."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{what} {path} does not exist.")
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseCorrupt(f"{what} {path.name} is not an LMC Desk database (it is not a SQLite file).")
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _translate(exc, f"read {path.name}") from exc
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(f"{what} {path.name} is damaged and cannot be used ({exc}).") from exc
    finally:
        con.close()
    if rows != ["ok"]:
        raise DatabaseCorrupt(
            f"{what} {path.name} is damaged and cannot be used.", detail="\n".join(map(str, rows[:20]))
        )
    if "alembic_version" not in tables:
        raise DatabaseCorrupt(f"{what} {path.name} is a SQLite file but not an LMC Desk database.")


def _source_uri(src: Path) -> str:
    """How to read ``src`` for a copy.  An archived copy LMC Desk may not write
    (read-only file, folder or medium) is read with ``immutable=1``: plain
    ``mode=ro`` would need to make a ``-shm`` file beside a WAL record, which
    such a folder refuses.  Not while a ``-wal`` beside it still holds changes
    (``immutable`` would leave them out)."""
    from .instance import read_only_reason

    uri = f"file:{src.as_posix()}?mode=ro"
    pending = any(_non_empty(src.with_name(src.name + end)) for end in ("-wal", "-journal"))
    try:
        archived = not pending and read_only_reason(src) is not None
    except OSError:
        archived = False
    return uri + "&immutable=1" if archived else uri


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def copy_database(src: Path, dest: Path, *, verify: bool = True) -> Path:
    """Snapshot ``src`` into ``dest`` with the online backup API (safe while in use)."""
    src, dest = Path(src), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(_source_uri(src), uri=True, timeout=30)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target, pages=4096)
                # A backup is a single file: no WAL to carry along.
                target.execute("PRAGMA journal_mode=DELETE")
                if verify:
                    result = target.execute("PRAGMA quick_check").fetchone()[0]
                    if result != "ok":
                        raise DatabaseCorrupt(f"The copy of {src.name} failed its check ({result}).")
            finally:
                target.close()
        finally:
            source.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise _translate(exc, f"back up {src.name}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def list_backups(folder: Path, stem: str | None = None) -> list[BackupFile]:
    """Backups in ``folder`` (for one database stem if given), newest first."""
    found = []
    if not Path(folder).is_dir():
        return []
    for path in Path(folder).iterdir():
        m = _NAME.match(path.name)
        if not m or (stem is not None and m["stem"] != stem):
            continue
        stamp = m["stamp"]
        fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
        created = dt.datetime.strptime(stamp, fmt).replace(tzinfo=dt.timezone.utc)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupFile(path, m["stem"], created, m["reason"], size))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def rotate(folder: Path, stem: str, keep: dict[str, int] | None = None) -> list[Path]:
    """Delete the oldest copies beyond the number kept for each reason."""
    keep = {**KEEP, **(keep or {})}
    removed = []
    seen: dict[str, int] = {}
    for b in list_backups(folder, stem):
        seen[b.reason] = seen.get(b.reason, 0) + 1
        if seen[b.reason] > keep.get(b.reason, DEFAULT_KEEP):
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", b.path, exc)
    return removed


def needs_backup(db_file: Path, folder: Path) -> bool:
    """False when the newest backup of ``db_file`` is younger than its last change
    (opening the app ten times without editing should not push real copies out)."""
    newest = list_backups(folder, Path(db_file).stem)
    if not newest:
        return True
    changed = 0.0
    for p in (Path(db_file), Path(str(db_file) + "-wal")):
        try:
            st = p.stat()
        except OSError:
            continue
        if st.st_size:  # a reader may leave an empty -wal behind: not a change
            changed = max(changed, st.st_mtime)
    return changed >= newest[0].created.timestamp()


def backup(db_file: Path, folder: Path, reason: str, *, keep: dict[str, int] | None = None) -> Path:
    """Make one rotating backup of ``db_file`` in ``folder``; returns its path."""
    if not re.fullmatch(r"[a-z-]+", reason):
        raise ValueError(f"backup reason must be lower-case words with dashes, not {reason!r}")
    db_file = Path(db_file)
    if not db_file.is_file():
        raise NotFound(f"There is no database at {db_file} to back up.")
    dest = Path(folder) / f"{db_file.stem}-{_stamp()}-{reason}.sqlite3"
    copy_database(db_file, dest)
    rotate(Path(folder), db_file.stem, keep)
    log.info("backed up %s to %s", db_file, dest)
    return dest


def restore(backup_file: Path, db_file: Path, folder: Path) -> Path | None:
    """Replace ``db_file`` with ``backup_file`` after checking the backup.

    The current file is first kept as a ``before-restore`` backup (or, if it is
    too damaged to open, copied byte for byte next to it).  Returns where the
    previous state was kept (None if there was no database).  The caller makes
    sure no other LMC Desk has the database open (``InstanceLock``).
    """
    backup_file, db_file = Path(backup_file), Path(db_file)
    check_file(backup_file, what="The backup")
    kept: Path | None = None
    if db_file.exists():
        try:
            kept = copy_database(
                db_file, Path(folder) / f"{db_file.stem}-{_stamp()}-before-restore.sqlite3", verify=False
            )
        except DatabaseCorrupt:
            kept = db_file.with_name(f"{db_file.name}.damaged-{_stamp()}")
            shutil.copy2(db_file, kept)
    try:
        _restore_with_api(backup_file, db_file)
    except sqlite3.DatabaseError:
        # The current file is too damaged for SQLite to write into: swap files.
        _restore_by_replace(backup_file, db_file)
    except (sqlite3.Error, OSError) as exc:
        raise _translate(exc, f"restore {db_file.name}") from exc
    check_file(db_file, what="The restored database")
    rotate(Path(folder), db_file.stem)
    return kept


def _restore_with_api(backup_file: Path, db_file: Path) -> None:
    source = sqlite3.connect(f"file:{backup_file.as_posix()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(db_file, timeout=10)
        try:
            # Writing through SQLite keeps its WAL and lock files consistent.
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


def _restore_by_replace(backup_file: Path, db_file: Path) -> None:
    tmp = db_file.with_name(db_file.name + ".restoring")
    shutil.copyfile(backup_file, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        # A WAL left from the damaged file must never be replayed onto the backup.
        Path(str(db_file) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_file)
    _fsync_dir(db_file.parent)
