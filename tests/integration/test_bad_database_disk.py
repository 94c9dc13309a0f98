"""A full disk during a save keeps the last saved state and says so in words.

As root on Linux (CI) the record lives on a real, tiny tmpfs that fills up;
elsewhere the driver's own "database or disk is full" error is injected at
commit time.  Either way: the save is refused with DiskFull, the record opens
afterwards, passes integrity_check and holds exactly what was saved before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from lmcdesk.errors import DiskFull
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database


def _integrity(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def _save_paper(db, data: bytes) -> str:
    with SqlAlchemyUnitOfWork(db) as uow:
        sha = uow.papers.put(data)
        uow.commit()
    return sha


def _has_paper(db, sha: str) -> bool:
    with SqlAlchemyUnitOfWork(db) as uow:
        return uow.papers.has(sha)


@pytest.fixture()
def tiny_disk(tmp_path):
    if not (sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount")):
        pytest.skip("needs root on Linux to mount a tiny tmpfs")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode:
        pytest.skip(f"cannot mount tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_real_full_disk_keeps_the_last_saved_state(tiny_disk):
    path = tiny_disk / "record.sqlite3"
    db = open_database(f"sqlite:///{path}")
    try:
        kept = _save_paper(db, b"agenda pack, first paper " * 100)
        with open(tiny_disk / "filler", "wb") as fh:  # leave ~40 KB free
            free = shutil.disk_usage(tiny_disk).free
            fh.write(b"\0" * max(0, free - 40_000))
        with pytest.raises(DiskFull) as err:
            _save_paper(db, os.urandom(400_000))  # does not fit
        assert "full" in err.value.message and "not saved" in err.value.message
        assert _has_paper(db, kept)
    finally:
        db.dispose()
    (tiny_disk / "filler").unlink()
    db = open_database(f"sqlite:///{path}")
    try:
        assert _has_paper(db, kept)
        assert _save_paper(db, b"after freeing space")  # works again
    finally:
        db.dispose()
    assert _integrity(path) == "ok"


def test_simulated_full_disk_rolls_back_with_a_message(tmp_path):
    path = tmp_path / "record.sqlite3"
    db = open_database(f"sqlite:///{path}")
    try:
        kept = _save_paper(db, b"first paper")
        from sqlalchemy import event

        from sqlalchemy.exc import OperationalError

        def full(*_args, **_kwargs):
            # what SQLAlchemy raises when the driver's COMMIT fails this way
            raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))

        event.listen(db.engine, "commit", full)
        try:
            with pytest.raises(DiskFull, match="full"):
                _save_paper(db, b"second paper that cannot be written")
        finally:
            event.remove(db.engine, "commit", full)
        assert _has_paper(db, kept)
        assert not _has_paper(db, __import__("hashlib").sha256(b"second paper that cannot be written").hexdigest())
    finally:
        db.dispose()
    assert _integrity(path) == "ok"
