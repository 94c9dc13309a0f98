"""Office commands: ``lmcdesk create``, ``backup``, ``backups``, ``restore FILE``.

Which file ``--db`` names, and the rule that a typed path that is not there is
never created behind the user's back, are ``lmcdesk.bootstrap``'s (the same
for every command and for the app).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lmcdesk import bootstrap, paths
from lmcdesk.errors import NotFound


def database_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file the command works on (None for a server URL)."""
    return bootstrap.record_file(getattr(args, "db", None))


def _file_or_say_why(args: argparse.Namespace) -> Path:
    from lmcdesk.services.backup import SERVER_MESSAGE

    path = database_file(args)
    if path is None:
        raise NotFound(SERVER_MESSAGE)
    bootstrap.require_existing(getattr(args, "db", None))
    if not path.exists():
        raise NotFound(f"There is no LMC Desk record at {path} yet, so there is nothing to back up.")
    return path


def _human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def cmd_backup(args: argparse.Namespace) -> int:
    from lmcdesk.services.backup import backup_now

    path = _file_or_say_why(args)
    started = time.perf_counter()
    out = backup_now(path, "manual")
    assert out is not None
    print(f"Backed up {path} to {out} ({_human_size(out.stat().st_size)}, {time.perf_counter() - started:.1f} s)")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from lmcdesk.services.backup import list_backups

    path = _file_or_say_why(args)
    found = list_backups(path)
    if not found:
        print(f"No backups of {path.name} yet in {paths.backup_dir()}.")
        return 0
    print(f"Backups of {path} (newest first), in {paths.backup_dir()}:")
    for b in found:
        when = b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"  {when}  {b.reason:<14} {_human_size(b.size):>9}  {b.path.name}")
    return 0


def _backup_named(name: str) -> Path:
    given = Path(name).expanduser()
    if given.exists():
        return given
    in_folder = paths.backup_dir() / name
    if in_folder.exists():
        return in_folder
    raise NotFound(f"There is no backup file {name} (looked here and in {paths.backup_dir()}).")


def cmd_restore(args: argparse.Namespace) -> int:
    from lmcdesk.services.backup import SERVER_MESSAGE, restore_backup

    path = database_file(args)
    if path is None:
        raise NotFound(SERVER_MESSAGE)
    source = _backup_named(args.file)
    kept = restore_backup(path, source)
    print(f"Restored {path} from {source}.")
    if kept is not None:
        print(f"The record as it was just before is kept in {kept}.")
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    path = database_file(args)
    if path is not None and path.exists():
        print(f"There is already a record at {path}; it was left as it is.")
        return 0
    with bootstrap.open_record(getattr(args, "db", None), create=True, lock=False) as record:
        where = record.location
    print(f"Started a new, empty record at {where}.")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("create", help="start a new, empty record at --db")
    p.set_defaults(func=cmd_create)
    p = subparsers.add_parser("backup", help="copy the record now into the backups folder")
    p.set_defaults(func=cmd_backup)
    p = subparsers.add_parser("backups", help="list the backups of the record, newest first")
    p.set_defaults(func=cmd_backups)
    p = subparsers.add_parser(
        "restore",
        help="put a backup back as the record (the current state is kept as a backup first)",
    )
    p.add_argument("file", metavar="FILE", help="a backup file (path, or a name from `lmcdesk backups`)")
    p.set_defaults(func=cmd_restore)
