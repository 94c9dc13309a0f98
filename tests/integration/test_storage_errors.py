"""open_database sets SQLite up and turns every bad file into a typed error
with a message in plain words (H7's test_bad_database*.py go further)."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from lmcdesk import errors
from lmcdesk.domain import Person
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
from lmcdesk.storage.db import translate_error


def _url(path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "record.sqlite3"
    open_database(_url(path)).dispose()
    return path


def _assert_plain(exc: errors.LmcDeskError, *words: str) -> None:
    assert "Traceback" not in exc.message
    assert "sqlite3." not in exc.message and "OperationalError" not in exc.message
    for w in words:
        assert w in exc.message, exc.message


def test_pragmas_on_every_connection(sqlite_database):
    with sqlite_database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_missing_parent_folder_is_made(tmp_path):
    path = tmp_path / "new" / "folder" / "record.sqlite3"
    open_database(_url(path)).dispose()
    assert path.exists()


def test_random_bytes(tmp_path):
    path = tmp_path / "record.sqlite3"
    path.write_bytes(os.urandom(64 * 1024))
    with pytest.raises(errors.DatabaseCorrupt) as err:
        open_database(_url(path))
    _assert_plain(err.value, "damaged", str(path), "backups")


def test_truncated_file(record):
    data = record.read_bytes()
    record.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(errors.DatabaseCorrupt) as err:
        open_database(_url(record))
    _assert_plain(err.value, "damaged")


def test_newer_revision_is_refused_and_left_alone(record):
    con = sqlite3.connect(record)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    con.commit()
    con.close()
    with pytest.raises(errors.DatabaseTooNew) as err:
        open_database(_url(record))
    _assert_plain(err.value, "newer version of LMC Desk")
    con = sqlite3.connect(record)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "f00dfeed9999"
    con.close()


def test_read_only_connection_refuses_writes_in_words(record):
    db = open_database(f"sqlite:///file:{record}?mode=ro&uri=true")
    try:
        with pytest.raises(errors.DatabaseReadOnly) as err:
            with SqlAlchemyUnitOfWork(db) as uow:
                uow.directory.save_person(Person("p", "Dr Example"))
                uow.commit()
        _assert_plain(err.value, "read-only")
    finally:
        db.dispose()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_file(record):
    record.chmod(0o444)
    try:
        with pytest.raises(errors.DatabaseReadOnly):
            open_database(_url(record))
    finally:
        record.chmod(0o644)


@pytest.mark.parametrize(
    "message, kind",
    [
        ("database is locked", errors.DatabaseLocked),
        ("database or disk is full", errors.DiskFull),
        ("attempt to write a readonly database", errors.DatabaseReadOnly),
        ("database disk image is malformed", errors.DatabaseCorrupt),
        ("file is not a database", errors.DatabaseCorrupt),
    ],
)
def test_translation(message, kind):
    exc = OperationalError("INSERT ...", {}, Exception(message))
    translated = translate_error(exc, "/home/sec/record.sqlite3")
    assert type(translated) is kind
    _assert_plain(translated, "/home/sec/record.sqlite3")


def test_bugs_are_not_translated():
    assert translate_error(ValueError("x"), "r") is None


def test_failed_commit_is_translated_and_rolled_back(sqlite_database, monkeypatch):
    uow = SqlAlchemyUnitOfWork(sqlite_database)
    with pytest.raises(errors.DiskFull):
        with uow:
            uow.directory.save_person(Person("p", "Dr Example"))

            def full():
                raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

            monkeypatch.setattr(uow.session, "commit", full)
            uow.commit()
    with SqlAlchemyUnitOfWork(sqlite_database) as uow:
        assert uow.directory.load().people == {}


@pytest.mark.parametrize("message, words", [
    ('connection failed: FATAL:  password authentication failed for user "lmcdesk"', "user name or password"),
    ('connection failed: FATAL:  database "lmc" does not exist', "no database"),
    ("connection failed: Connection refused", "cannot be reached"),
    ("could not extend file: No space left on device", "full"),
    ("canceling statement due to lock timeout", "busy"),
    ("cannot execute UPDATE in a read-only transaction", "read-only"),
    ("PostgreSQL text fields cannot contain NUL (0x00) bytes", "NUL character"),
])
def test_server_errors_in_words(message, words):
    exc = OperationalError("SELECT 1", {}, Exception(message))
    translated = translate_error(exc, "the LMC server")
    assert translated is not None and words in translated.message, translated
