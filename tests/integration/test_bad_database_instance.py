"""A second LMC Desk on the same database file is refused with a message."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from lmcdesk.storage.instance import AlreadyOpen, InstanceLock, lock_for_url, read_only_url, sqlite_file

HOLDER = textwrap.dedent(
    """
    import sys, time
    from lmcdesk.storage.instance import InstanceLock
    lock = InstanceLock(sys.argv[1]).acquire()
    print("held", flush=True)
    time.sleep(60)
    """
)


def test_second_lock_in_the_same_process_is_refused_with_who_holds_it(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    with InstanceLock(db) as first:
        assert first.held
        with pytest.raises(AlreadyOpen) as err:
            InstanceLock(db).acquire()
        message = str(err.value)
        assert "already open" in message and socket.gethostname() in message
        assert "read-only" in message
        assert err.value.holder["pid"] == os.getpid()
    # released: the next one gets it
    with InstanceLock(db) as again:
        assert again.held


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_lock_of_a_killed_process_is_taken_over(tmp_path):
    db = tmp_path / "lmcdesk.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyOpen, match=f"process {proc.pid}"):
            InstanceLock(db).acquire()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # The file still names the dead process, but the OS lock went with it.
    assert json.loads((tmp_path / "lmcdesk.sqlite3.lock").read_text())["pid"] == proc.pid
    with InstanceLock(db) as lock:
        assert lock.held and lock.holder()["pid"] == os.getpid()


def test_without_os_locking_a_dead_local_holder_is_stale(tmp_path, monkeypatch):
    import lmcdesk.storage.instance as inst

    monkeypatch.setattr(inst, "_try_os_lock", lambda fh: None)
    db = tmp_path / "lmcdesk.sqlite3"
    lock_file = tmp_path / "lmcdesk.sqlite3.lock"
    lock_file.write_text(json.dumps({"pid": 2**22 + 12345, "host": socket.gethostname()}))
    with InstanceLock(db) as lock:
        assert lock.held
    lock_file.write_text(json.dumps({"pid": 1, "host": "PRACTICE-PC2", "user": "alys", "since": "2026-11-02T09:14:00+00:00"}))
    with pytest.raises(AlreadyOpen, match="alys on PRACTICE-PC2"):
        InstanceLock(db).acquire()


def test_urls():
    assert sqlite_file("sqlite:////data/x.sqlite3").as_posix() == "/data/x.sqlite3"
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert lock_for_url("postgresql+psycopg://u@127.0.0.1/db") is None
    assert read_only_url("sqlite:////data/x.sqlite3") == "sqlite:///file:/data/x.sqlite3?mode=ro&uri=true"


def test_second_window_can_open_the_record_read_only(tmp_path):
    from lmcdesk.errors import DatabaseReadOnly
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    path = tmp_path / "lmcdesk.sqlite3"
    url = f"sqlite:///{path}"
    first = open_database(url)
    try:
        with InstanceLock(path):
            with pytest.raises(AlreadyOpen):
                InstanceLock(path).acquire()
            # "Open read-only" instead: looking works, saving is refused in words.
            viewer = open_database(read_only_url(url))
            try:
                with SqlAlchemyUnitOfWork(viewer) as uow:
                    assert uow.meetings.summaries() == []
                with pytest.raises(DatabaseReadOnly):
                    with SqlAlchemyUnitOfWork(viewer) as uow:
                        uow.papers.put(b"a paper")
                        uow.commit()
            finally:
                viewer.dispose()
    finally:
        first.dispose()
