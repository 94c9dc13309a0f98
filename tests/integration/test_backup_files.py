"""Rotating backups and restore, on plain SQLite files (no app schema needed)."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from lmcdesk.errors import DatabaseCorrupt, NotFound
from lmcdesk.storage import backup as bk


def make_db(path, rows=10):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    con.executemany("INSERT INTO note (text) VALUES (?)", [(f"minute {i}",) for i in range(rows)])
    con.commit()
    return con


def count(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM note").fetchone()[0]
    finally:
        con.close()


def test_backup_is_a_checked_single_file_snapshot_including_the_wal(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    con = make_db(db)  # stays open: the last commit is still in the -wal file
    out = bk.backup(db, tmp_path / "backups", "start")
    con.close()
    assert out.exists() and not (out.parent / (out.name + "-wal")).exists()
    assert count(out) == 10
    bk.check_file(out)
    [info] = bk.list_backups(tmp_path / "backups", "lmcdesk")
    assert info.reason == "start" and info.path == out and info.size > 0


def test_backup_while_another_connection_writes(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    make_db(db, rows=2000).close()
    stop = threading.Event()

    def writer():
        con = sqlite3.connect(db, timeout=10)
        while not stop.is_set():
            con.execute("INSERT INTO note (text) VALUES ('late')")
            con.commit()
        con.close()

    t = threading.Thread(target=writer)
    t.start()
    try:
        out = bk.backup(db, tmp_path / "b", "manual")
    finally:
        stop.set()
        t.join()
    bk.check_file(out)
    assert count(out) >= 2000


def test_rotation_keeps_the_newest_per_reason(tmp_path):
    db = tmp_path / "x.sqlite3"
    make_db(db).close()
    folder = tmp_path / "b"
    for _ in range(4):
        bk.backup(db, folder, "start", keep={"start": 2})
    for _ in range(3):
        bk.backup(db, folder, "approval", keep={"start": 2})
    reasons = [b.reason for b in bk.list_backups(folder, "x")]
    assert reasons.count("start") == 2 and reasons.count("approval") == 3


def test_needs_backup_only_after_a_change(tmp_path):
    db = tmp_path / "x.sqlite3"
    make_db(db).close()
    folder = tmp_path / "b"
    assert bk.needs_backup(db, folder)
    bk.backup(db, folder, "start")
    assert not bk.needs_backup(db, folder)
    time.sleep(0.05)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO note (text) VALUES ('new')")
    con.commit()
    con.close()
    assert bk.needs_backup(db, folder)


def test_restore_checks_the_backup_and_keeps_the_current_state(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    make_db(db, rows=5).close()
    folder = tmp_path / "b"
    saved = bk.backup(db, folder, "manual")
    con = sqlite3.connect(db)
    con.execute("DELETE FROM note")
    con.commit()
    con.close()
    kept = bk.restore(saved, db, folder)
    assert count(db) == 5
    assert kept is not None and count(kept) == 0 and "before-restore" in kept.name


def test_restore_over_an_open_wal_database(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    make_db(db, rows=3).close()
    saved = bk.backup(db, tmp_path / "b", "manual")
    con = make_db(tmp_path / "other.sqlite3")
    con.close()
    reader = sqlite3.connect(db)
    reader.execute("INSERT INTO note (text) VALUES ('after')")
    reader.commit()
    reader.close()
    bk.restore(saved, db, tmp_path / "b")
    assert count(db) == 3
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    make_db(db, rows=5).close()
    bad = tmp_path / "b" / "lmcdesk-20260101T000000Z-manual.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"this is a text file, not a database")
    with pytest.raises(DatabaseCorrupt, match="not an LMC Desk database"):
        bk.restore(bad, db, tmp_path / "b")
    good = bk.backup(db, tmp_path / "b", "manual")
    truncated = tmp_path / "b" / "lmcdesk-20260101T000001Z-manual.sqlite3"
    truncated.write_bytes(good.read_bytes()[: 4096 + 100])
    with pytest.raises(DatabaseCorrupt):
        bk.restore(truncated, db, tmp_path / "b")
    assert count(db) == 5
    with pytest.raises(NotFound):
        bk.restore(tmp_path / "nope.sqlite3", db, tmp_path / "b")


def test_restore_over_a_damaged_database_swaps_the_file(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    make_db(db, rows=4).close()
    saved = bk.backup(db, tmp_path / "b", "manual")
    db.write_bytes(b"garbage" * 1000)
    (tmp_path / "lmcdesk.sqlite3-wal").write_bytes(b"old wal")
    kept = bk.restore(saved, db, tmp_path / "b")
    assert count(db) == 4
    assert kept is not None and kept.read_bytes().startswith(b"garbage")
    assert not (tmp_path / "lmcdesk.sqlite3-wal").exists() or count(db) == 4
