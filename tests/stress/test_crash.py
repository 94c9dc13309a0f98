"""SIGKILL during live minute-taking: the record survives and loses at most 2 s.

A child process (forked, so that each run does not pay for importing
SQLAlchemy again) types into one agenda item at a realistic cadence and calls
``services.meetings.autosave_item`` ``AUTOSAVE_DEBOUNCE_S`` after the first
unsaved keystroke (so continuous typing is saved too); now and then it saves
the whole meeting instead (another field changed), as the editor does.  Before each keystroke
counts, its wall-clock time and the text length are written to a side file
with flush + fsync.  The parent kills the child with SIGKILL at a random
moment, then checks that the database opens, passes ``PRAGMA
integrity_check``, kept everything saved before, and holds at least
everything typed up to 2 s before the kill.

``CRASH_RUNS`` (default 100) sets the number of kills.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stress_world import ITEM_ID, MEETING_ID, populate  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)"),
]

RUNS = int(os.environ.get("CRASH_RUNS", "100"))
#: The minute-taking screen's autosave delay (``ui.meeting_editor.AUTOSAVE_DELAY_MS``),
#: counted from the first unsaved keystroke, so continuous typing is saved too.
AUTOSAVE_DEBOUNCE_S = 0.7
MAX_LOSS_S = 2.0
TEXT = (
    " The chair reminded members of the Loamshire register of interests. Dr Bryn Example"
    " declared a fictional interest and withdrew. The committee asked for a costed plan,"
    " a timetable for the practices, and a report back at the next meeting."
)


def _typed_text(start_len: int, n: int) -> str:
    return "".join(TEXT[(start_len + i) % len(TEXT)] for i in range(n))


def _typist(url: str, log_path: Path, seed: int) -> None:
    """Runs in the child until it is killed."""
    from lmcdesk.services.meetings import autosave_item, get_meeting, save_meeting
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    rng = random.Random(seed)
    db = open_database(url)
    with SqlAlchemyUnitOfWork(db) as uow:
        text = uow.meetings.get(MEETING_ID).item(ITEM_ID).discussion
    log = open(log_path, "a", encoding="ascii")

    def note(line: str) -> None:
        log.write(line + "\n")
        log.flush()
        os.fsync(log.fileno())

    note(f"ready {time.time():.6f} {len(text)}")
    first_unsaved: float | None = None
    while True:
        # a keystroke: 40-160 ms apart (roughly 75-300 characters a minute), sometimes a pause
        time.sleep(rng.uniform(0.04, 0.16) if rng.random() > 0.05 else rng.uniform(0.3, 0.9))
        text += TEXT[len(text) % len(TEXT)]
        note(f"key {time.time():.6f} {len(text)}")
        if first_unsaved is None:
            first_unsaved = time.monotonic()
        if rng.random() < 0.03:
            # now and then another field changed too: a whole-meeting save carries the text
            meeting = get_meeting(SqlAlchemyUnitOfWork(db), MEETING_ID)
            meeting.item(ITEM_ID).discussion = text
            meeting.venue = f"Loamford Hall, room {rng.randint(1, 9)} (fictional)"
            save_meeting(SqlAlchemyUnitOfWork(db), meeting)
            first_unsaved = None
        elif time.monotonic() - first_unsaved >= AUTOSAVE_DEBOUNCE_S:
            with SqlAlchemyUnitOfWork(db) as uow:
                autosave_item(uow, MEETING_ID, ITEM_ID, text)
            first_unsaved = None


def _spawn(url: str, log_path: Path, seed: int) -> int:
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 1
        try:
            _typist(url, log_path, seed)
        except BaseException:  # noqa: BLE001
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _wait_ready(log_path: Path, pid: int, timeout: float = 20.0) -> tuple[float, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log_path.exists():
            for line in log_path.read_text(encoding="ascii").splitlines():
                if line.startswith("ready "):
                    _, ts, n = line.split()
                    return float(ts), int(n)
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            pytest.fail("the typist process ended before it was ready (see captured stderr)")
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the typist process did not start within 20 s")


def _keys(log_path: Path) -> list[tuple[float, int]]:
    keys = []
    for line in log_path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "key":  # a torn last line is ignored
            keys.append((float(parts[1]), int(parts[2])))
    return keys


def test_sigkill_during_minute_taking_loses_at_most_two_seconds(tmp_path):
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    db_path = tmp_path / "crash.sqlite3"
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow)
        saved = uow.meetings.get(MEETING_ID).item(ITEM_ID).discussion
    db.dispose()

    rng = random.Random(5)
    max_loss = 0.0
    survived = 0
    for run in range(RUNS):
        log_path = tmp_path / f"keys-{run}.log"
        pid = _spawn(url, log_path, seed=run)
        _ready_at, start_len = _wait_ready(log_path, pid)
        assert start_len == len(saved), f"run {run}: the child did not start from the saved text"
        time.sleep(rng.uniform(0.3, 1.5))
        killed_at = time.time()
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"run {run}: the child ended by itself"

        # the record opens and is intact
        with sqlite3.connect(db_path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"run {run}"
        db = open_database(url)
        with SqlAlchemyUnitOfWork(db) as uow:
            now_saved = uow.meetings.get(MEETING_ID).item(ITEM_ID).discussion
        db.dispose()

        keys = _keys(log_path)
        # nothing saved before is lost, and what is saved is what was typed
        assert now_saved.startswith(saved), f"run {run}: text saved before this run was lost"
        typed = _typed_text(len(saved), len(now_saved) - len(saved))
        assert now_saved[len(saved):] == typed, f"run {run}: the saved text is not what was typed"
        # everything typed up to 2 s before the kill is there
        must_have = max((n for t, n in keys if t <= killed_at - MAX_LOSS_S), default=start_len)
        assert len(now_saved) >= must_have, (
            f"run {run}: {must_have - len(now_saved)} characters typed more than {MAX_LOSS_S} s before the kill were lost"
        )
        unsaved = [t for t, n in keys if n > len(now_saved)]
        if unsaved:
            max_loss = max(max_loss, killed_at - min(unsaved))
        saved = now_saved
        survived += 1

    # the change log written by the whole-meeting saves is intact too
    from lmcdesk.services import audit

    db = open_database(url)
    report = audit.verify(SqlAlchemyUnitOfWork(db))
    db.dispose()
    assert report.ok, report.problems
    print(f"\nCRASH TEST: {survived}/{RUNS} SIGKILLs survived; longest stretch of typing lost {max_loss:.2f} s "
          f"(limit {MAX_LOSS_S} s); final text {len(saved)} characters; {report.log_entries_checked} change log "
          "entries verified")
