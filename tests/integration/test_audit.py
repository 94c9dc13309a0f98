"""Tamper evidence: approved minutes altered with raw SQL are reported by ``lmcdesk verify``."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stress"))

from stress_world import ITEM_ID, MEETING_ID, meeting, populate  # noqa: E402

from lmcdesk.cli import main  # noqa: E402
from lmcdesk.services import audit  # noqa: E402
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database  # noqa: E402

SECOND = "lmc-2026-04-01"


@pytest.fixture
def record(tmp_path):
    from datetime import date

    from lmcdesk.services.approval import approve

    path = tmp_path / "office.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [meeting(), meeting(SECOND, date(2026, 4, 1))])
    for mid, when in ((MEETING_ID, datetime(2026, 4, 1, 19, 30)), (SECOND, datetime(2026, 5, 6, 19, 30))):
        with SqlAlchemyUnitOfWork(db) as uow:
            approve(uow, mid, "Dr Alys Example", when=when)
    db.dispose()
    return path


def _verify(path, capsys):
    code = main(["--db", str(path), "verify"])
    return code, capsys.readouterr().out


def test_untouched_record_verifies(record, capsys):
    code, out = _verify(record, capsys)
    assert code == 0, out
    assert "OK: 2 approved version(s)" in out


def test_raw_sql_edit_of_approved_minutes_is_reported_by_date_and_body(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE agenda_item SET discussion = 'Quietly rewritten.' WHERE id = ?", (ITEM_ID,))
    code, out = _verify(record, capsys)
    assert code == 1
    assert "Loamshire LMC, 2026-03-04" in out
    assert "changed outside LMC Desk" in out
    assert "2026-04-01" not in out.split("ALTERED", 1)[1]


def test_rewriting_snapshot_and_fingerprint_breaks_the_seal(record, capsys):
    import hashlib
    import json

    with sqlite3.connect(record) as raw:
        (snap,) = raw.execute("SELECT snapshot FROM minutes_version WHERE meeting_id = ?", (MEETING_ID,)).fetchone()
        doc = json.loads(snap)
        doc["meeting"]["venue"] = "Somewhere else"
        new = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        raw.execute("UPDATE minutes_version SET snapshot = ?, fingerprint = ? WHERE meeting_id = ?",
                    (new, hashlib.sha256(new.encode()).hexdigest(), MEETING_ID))
        raw.execute("UPDATE meeting SET venue = 'Somewhere else' WHERE id = ?", (MEETING_ID,))
    code, out = _verify(record, capsys)
    assert code == 1
    assert "Loamshire LMC, 2026-03-04 (Committee meeting): approved version 1 no longer matches its seal" in out


def test_deleted_approval_and_broken_chain_are_reported(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("DELETE FROM minutes_version WHERE meeting_id = ?", (SECOND,))
        raw.execute("UPDATE approval_seal SET approved_at = '2020-01-01T00:00:00' WHERE meeting_id = ?", (MEETING_ID,))
    code, out = _verify(record, capsys)
    assert code == 1
    assert "2026-04-01" in out and "was deleted" in out
    assert "the seal of approved version 1 was altered" in out


def test_changes_are_logged_with_user(record):
    db = open_database(f"sqlite:///{record}")
    with SqlAlchemyUnitOfWork(db) as uow:
        audit.record(uow, "meeting", MEETING_ID, "viewed", "test entry")
        uow.commit()
    with SqlAlchemyUnitOfWork(db) as uow:
        entries = uow.audit.entries()
    db.dispose()
    assert any(e.action == "approved" and e.entity_id == MEETING_ID for e in entries)
    assert entries[-1].user == audit.current_user()


def test_editing_the_change_log_is_reported(record, capsys):
    with sqlite3.connect(record) as raw:
        raw.execute("UPDATE audit_log SET user = 'someone-else' WHERE id = (SELECT min(id) FROM audit_log)")
    code, out = _verify(record, capsys)
    assert code == 1
    assert "change log entry" in out


def test_services_log_saves_with_the_os_user(tmp_path):
    from lmcdesk.domain import Person
    from lmcdesk.services import directory as directory_service
    from lmcdesk.services import meetings as meeting_service

    db = open_database(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    with SqlAlchemyUnitOfWork(db) as uow:
        populate(uow, [])
    meeting_service.create_meeting(SqlAlchemyUnitOfWork(db), meeting())
    m = meeting_service.get_meeting(SqlAlchemyUnitOfWork(db), MEETING_ID)
    m.venue = "Loamford Hall (fictional)"
    meeting_service.save_meeting(SqlAlchemyUnitOfWork(db), m)
    directory_service.save_person(SqlAlchemyUnitOfWork(db), Person(id="dr-cai-example", name="Dr Cai Example"))
    with SqlAlchemyUnitOfWork(db) as uow:
        entries = [(e.entity, e.entity_id, e.action, e.user) for e in uow.audit.entries()]
        report = audit.verify(uow)
    db.dispose()
    user = audit.current_user()
    assert ("meeting", MEETING_ID, "created", user) in entries
    assert ("meeting", MEETING_ID, "saved", user) in entries
    assert ("person", "dr-cai-example", "saved", user) in entries
    assert report.ok and report.log_entries_checked == len(entries)


def test_verify_on_every_backend(database):
    """The seal chain and the raw-SQL check on SQLite and (when configured) PostgreSQL."""
    from sqlalchemy import text

    from lmcdesk.services.approval import approve

    with SqlAlchemyUnitOfWork(database) as uow:
        populate(uow)
    with SqlAlchemyUnitOfWork(database) as uow:
        approve(uow, MEETING_ID, "Dr Alys Example", when=datetime(2026, 4, 1, 19, 30))
    assert audit.verify(SqlAlchemyUnitOfWork(database)).ok
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE agenda_item SET discussion = 'Quietly rewritten.' WHERE id = :i"), {"i": ITEM_ID})
    report = audit.verify(SqlAlchemyUnitOfWork(database))
    assert [p.label for p in report.problems] == ["Loamshire LMC, 2026-03-04 (Committee meeting)"]
