"""Every way a record file can be unusable gives a plain message, never a traceback,
and never changes the file.  (Disk full: tests/integration/test_bad_database_disk.py.)"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from lmcdesk.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    LmcDeskError,
    NotFound,
    StorageProblem,
)
from lmcdesk.storage import open_database


def url(path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture()
def record(tmp_path):
    """A real, up-to-date, closed record file."""
    path = tmp_path / "record.sqlite3"
    open_database(url(path)).dispose()
    return path


def run_cli(*args, env_home):
    env = {**os.environ, "LMCDESK_HOME": str(env_home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "lmcdesk", *args], capture_output=True, text=True, env=env, timeout=120
    )


def assert_plain(result, *words):
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr, result.stderr
    for w in words:
        assert w in result.stderr, result.stderr


def test_not_a_database(tmp_path):
    path = tmp_path / "minutes.sqlite3"
    path.write_text("Minutes of the Loamshire LMC, typed in Notepad\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as err:
        open_database(url(path))
    assert "damaged" in err.value.message or "not" in err.value.message
    assert path.read_bytes() == before


def test_truncated_database(record):
    data = record.read_bytes()
    assert len(data) > 8192
    record.write_bytes(data[: len(data) // 2 + 100])  # cut mid-page
    with pytest.raises(StorageProblem) as err:
        open_database(url(record))
    assert isinstance(err.value, DatabaseCorrupt), err.value


def test_truncated_on_a_page_boundary(record):
    data = record.read_bytes()
    page = 4096
    record.write_bytes(data[: page * 2])
    with pytest.raises(LmcDeskError):
        db = open_database(url(record))
        try:
            from lmcdesk.storage import SqlAlchemyUnitOfWork

            with SqlAlchemyUnitOfWork(db) as uow:
                uow.meetings.summaries()
                uow.directory.load()
        finally:
            db.dispose()


def test_a_foreign_sqlite_database_is_left_untouched(tmp_path):
    path = tmp_path / "firefox-places.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StorageProblem, match="not an LMC Desk"):
        open_database(url(path))
    # No table added or changed.  (Opening does switch it to WAL journal mode:
    # header bytes 18-19; the data is untouched.)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["moz_places"]
    con.close()


def test_newer_schema(record):
    con = sqlite3.connect(record)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew, match="newer"):
        open_database(url(record))
    con = sqlite3.connect(record)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_from_the_future"
    con.close()


def test_locked_by_another_program(record, monkeypatch):
    import lmcdesk.storage.db as dbmod

    # Wait 0.2 s for the lock instead of 5 s.
    monkeypatch.setattr(
        dbmod, "SQLITE_PRAGMAS", tuple("PRAGMA busy_timeout=200" if "busy" in p else p for p in dbmod.SQLITE_PRAGMAS)
    )
    other = sqlite3.connect(record, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked, match="busy"):
            db = open_database(url(record))
            try:
                from lmcdesk.storage import SqlAlchemyUnitOfWork

                with SqlAlchemyUnitOfWork(db) as uow:
                    uow.meetings.summaries()
            finally:
                db.dispose()
    finally:
        other.execute("ROLLBACK")
        other.close()


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture()
def read_only_folder(tmp_path):
    """A folder the app may not write: a read-only bind mount as root, else chmod."""
    src = tmp_path / "share"
    src.mkdir()
    open_database(url(src / "record.sqlite3")).dispose()
    if _can_mount():
        ro = tmp_path / "ro"
        ro.mkdir()
        if subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode == 0:
            try:
                if (
                    subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True).returncode
                    == 0
                ):
                    yield ro
                    return
            finally:
                subprocess.run(["umount", str(ro)], capture_output=True)
        pytest.skip("cannot make a read-only mount here")
    else:
        (src / "record.sqlite3").chmod(0o444)
        src.chmod(0o555)
        try:
            yield src
        finally:
            src.chmod(0o755)


def test_read_only_file(read_only_folder):
    path = read_only_folder / "record.sqlite3"
    with pytest.raises(DatabaseReadOnly, match="read-only"):
        open_database(url(path))


def test_missing_folder_for_a_new_record_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageProblem):
        open_database(url(blocker / "sub" / "record.sqlite3"))


def test_cli_never_shows_a_traceback(tmp_path, record):
    home = tmp_path / "home"
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00" * 10000)
    r = run_cli("--db", str(junk), "backup", env_home=home)
    assert_plain(r, "junk.sqlite3")

    missing = tmp_path / "typo" / "record.sqlite3"
    r = run_cli("--db", str(missing), "backup", env_home=home)
    assert_plain(r, "no LMC Desk record", "create")
    assert not missing.exists()

    r = run_cli("--db", str(missing), "create", env_home=home)
    assert r.returncode == 0 and missing.exists(), r.stderr


def test_open_record_refuses_a_typed_path_that_is_not_there(tmp_path, monkeypatch):
    from lmcdesk.bootstrap import open_record

    with pytest.raises(NotFound, match="no LMC Desk record"):
        open_record(str(tmp_path / "nope.sqlite3"), lock=False)
    assert not (tmp_path / "nope.sqlite3").exists()
    with open_record(str(tmp_path / "new.sqlite3"), create=True, lock=False):
        pass
    assert (tmp_path / "new.sqlite3").exists()
    # LMCDESK_DB is typed too
    monkeypatch.setenv("LMCDESK_DB", str(tmp_path / "typo.sqlite3"))
    with pytest.raises(NotFound, match="no LMC Desk record"):
        open_record(None, lock=False)
    monkeypatch.delenv("LMCDESK_DB")
    # the default record is created silently on first use
    with open_record(None, lock=False) as record:
        assert record.file is not None and record.file.exists()


def test_cli_commands_that_open_the_record_explain_bad_files(tmp_path, record):
    """Through a command that opens the record (``meetings``): words, exit 2."""
    from lmcdesk.cli import build_parser

    if "meetings" not in build_parser()._subparsers._group_actions[0].choices:
        pytest.skip("no `meetings` command yet")
    home = tmp_path / "home"
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database\n" * 200)
    assert_plain(run_cli("--db", str(junk), "meetings", env_home=home), "damaged")

    con = sqlite3.connect(record)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    assert_plain(run_cli("--db", str(record), "meetings", env_home=home), "newer")
