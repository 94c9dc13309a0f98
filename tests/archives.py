"""Helpers for tests of archived copies (records LMC Desk may not write):
import as ``archives`` (pytest puts ``tests/`` on the path through its conftest).

A real read-only medium is a read-only bind mount, which needs root on Linux
(CI runs as root, and root ignores file modes but not a read-only mount)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: The revision an "older" archive is left at (the one before frozen approvals).
OLD = "0003_search_date"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


def read_only_mount(src: Path, target: Path) -> bool:
    """Make ``target`` show ``src`` read-only (a bind mount remounted ro);
    False where that is not allowed.  Undo with :func:`unmount`."""
    if not can_mount():
        return False
    target.mkdir()
    if subprocess.run(["mount", "--bind", str(src), str(target)], capture_output=True).returncode:
        return False
    if subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], capture_output=True).returncode:
        unmount(target)
        return False
    return True


def unmount(target: Path) -> None:
    subprocess.run(["umount", str(target)], capture_output=True)


def older_record(path: Path) -> None:
    """A record as LMC Desk at revision :data:`OLD` left it, with one meeting
    ("Archived spring meeting", 1 May 2019) of one body in it."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from lmcdesk.storage.db import _make_engine
    from lmcdesk.storage.migrate import upgrade

    engine = _make_engine(make_url(f"sqlite:///{path}"))
    try:
        upgrade(engine, "older record", OLD)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO body (id, name, type, notes) "
                              "VALUES ('old-body', 'Old Loamshire Locality', 'locality', '')"))
            conn.execute(text(
                "INSERT INTO meeting (id, body_id, date, kind, title, venue, previous_minutes_note, status, "
                "lock_version) VALUES ('old-meeting', 'old-body', '2019-05-01', 'commissioning', "
                "'Archived spring meeting', 'Old Hall', '', 'draft', 1)"))
    finally:
        engine.dispose()


def file_modes_enforced(folder: Path) -> bool:
    """Whether this process is held to file modes: a 0444 file refuses to be
    opened for writing.  Root (with CAP_DAC_OVERRIDE) is not."""
    probe = folder / ".modes-probe"
    probe.write_bytes(b"")
    probe.chmod(0o444)
    try:
        os.close(os.open(probe, os.O_WRONLY))
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)
        probe.unlink()
    return False
