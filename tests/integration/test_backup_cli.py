"""`lmcdesk backup`, `lmcdesk backups`, `lmcdesk restore FILE` (and the service under them)."""

from __future__ import annotations

import sqlite3

import pytest

from lmcdesk import paths
from lmcdesk.cli import main
from lmcdesk.services import backup as service
from lmcdesk.storage.instance import InstanceLock


def make_db(path, rows=3):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    con.executemany("INSERT INTO note (text) VALUES (?)", [(f"minute {i}",) for i in range(rows)])
    con.commit()
    con.close()


def count(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM note").fetchone()[0]
    finally:
        con.close()


def test_backup_list_restore_round_trip(tmp_path, capsys):
    db = tmp_path / "office.sqlite3"
    make_db(db)
    assert main(["--db", str(db), "backup"]) == 0
    out = capsys.readouterr().out
    assert "Backed up" in out and str(paths.backup_dir()) in out
    [saved] = service.list_backups(db)

    con = sqlite3.connect(db)
    con.execute("DELETE FROM note")
    con.commit()
    con.close()

    assert main(["--db", str(db), "backups"]) == 0
    assert saved.path.name in capsys.readouterr().out
    assert main(["--db", str(db), "restore", saved.path.name]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    assert count(db) == 3


def test_restore_is_refused_while_the_app_has_the_record_open(tmp_path, capsys):
    db = tmp_path / "office.sqlite3"
    make_db(db)
    saved = service.backup_now(db, "manual")
    with InstanceLock(db):
        assert main(["--db", str(db), "restore", str(saved)]) == 2
    err = capsys.readouterr().err
    assert "already open" in err and "Traceback" not in err


def test_clear_messages_for_missing_things(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    assert main(["--db", str(missing), "backup"]) == 2
    assert "no LMC Desk record" in capsys.readouterr().err
    assert not missing.exists()
    db = tmp_path / "office.sqlite3"
    make_db(db)
    assert main(["--db", str(db), "restore", "no-such-backup.sqlite3"]) == 2
    assert "There is no backup file" in capsys.readouterr().err
    assert main(["--db", "postgresql+psycopg://u@127.0.0.1/x", "backup"]) == 2
    assert "database server" in capsys.readouterr().err


def test_startup_backup_only_when_changed(tmp_path):
    db = tmp_path / "office.sqlite3"
    make_db(db)
    assert service.startup_backup(db) is not None
    assert service.startup_backup(db) is None
    assert service.backup_now("postgresql+psycopg://u@127.0.0.1/x") is None


def test_a_backup_after_approval_is_kept_apart_from_start_ones(tmp_path):
    db = tmp_path / "office.sqlite3"
    make_db(db)
    for _ in range(12):
        service.backup_now(db, "start")
    service.backup_now(db, "approval")
    reasons = [b.reason for b in service.list_backups(db)]
    assert reasons.count("start") == 10 and reasons.count("approval") == 1


def test_restore_refuses_a_non_backup(tmp_path, capsys):
    db = tmp_path / "office.sqlite3"
    make_db(db)
    fake = tmp_path / "holiday.jpg"
    fake.write_bytes(b"\xff\xd8\xff" + b"0" * 5000)
    assert main(["--db", str(db), "restore", str(fake)]) == 2
    assert "not an LMC Desk database" in capsys.readouterr().err
    assert count(db) == 3


@pytest.mark.parametrize("command", ["backup", "backups", "restore", "create"])
def test_commands_are_registered(command):
    from lmcdesk.cli import build_parser

    assert command in build_parser()._subparsers._group_actions[0].choices


def test_backup_of_an_open_record_through_its_unit_of_work(tmp_path):
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    db = open_database(f"sqlite:///{tmp_path / 'rec.sqlite3'}")
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            uow.papers.put(b"approved minutes annex")
            uow.commit()
            out = service.backup_now(uow, "approval")
        restored = tmp_path / "copy.sqlite3"
        restored.write_bytes(out.read_bytes())
        copy = open_database(f"sqlite:///{restored}")
        try:
            with SqlAlchemyUnitOfWork(copy) as uow:
                assert uow.papers.get(__import__("hashlib").sha256(b"approved minutes annex").hexdigest())
        finally:
            copy.dispose()
    finally:
        db.dispose()
