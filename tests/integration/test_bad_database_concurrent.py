"""Two users edit the same meeting: the second save is refused with a clear
message and the first one is kept (optimistic locking by ``lock_version``).

Runs on SQLite and, when ``LMCDESK_TEST_PG_URL`` is set (``.ci/run`` starts a
server), on PostgreSQL — the shared-office set-up where this really happens.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

import pytest

from lmcdesk.domain.enums import BodyType
from lmcdesk.domain.model import Body, Meeting
from lmcdesk.errors import ConcurrentEdit
from lmcdesk.storage import SqlAlchemyUnitOfWork

@pytest.fixture()
def db(database):
    """SQLite, and PostgreSQL when LMCDESK_TEST_PG_URL is set (tests/integration/conftest.py)."""
    return database


def _new_meeting(db) -> str:
    body_id, meeting_id = f"loamshire-lmc-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.directory.save_body(Body(id=body_id, name="Loamshire LMC (example)", type=BodyType.LMC))
        uow.meetings.add(Meeting(id=meeting_id, body_id=body_id, date=dt.date(2026, 11, 2), title="Original"))
        uow.commit()
    return meeting_id


def _title(db, meeting_id) -> str:
    with SqlAlchemyUnitOfWork(db) as uow:
        return uow.meetings.get(meeting_id).title


def test_second_save_is_refused_and_the_first_is_kept(db):
    meeting_id = _new_meeting(db)
    with SqlAlchemyUnitOfWork(db) as uow:
        alys = uow.meetings.get(meeting_id)  # the chair opens the meeting
    with SqlAlchemyUnitOfWork(db) as uow:
        bryn = uow.meetings.get(meeting_id)  # the secretary opens it too

    alys.title = "Chair's title"
    with SqlAlchemyUnitOfWork(db) as uow:
        uow.meetings.save(alys)
        uow.commit()

    bryn.title = "Secretary's title"
    with pytest.raises(ConcurrentEdit) as err:
        with SqlAlchemyUnitOfWork(db) as uow:
            uow.meetings.save(bryn)
            uow.commit()
    assert "Someone else saved this meeting" in err.value.message
    assert _title(db, meeting_id) == "Chair's title"

    # Reopening and saving again works: nothing is stuck.
    with SqlAlchemyUnitOfWork(db) as uow:
        fresh = uow.meetings.get(meeting_id)
        fresh.title = "Secretary's title, after reopening"
        uow.meetings.save(fresh)
        uow.commit()
    assert _title(db, meeting_id) == "Secretary's title, after reopening"


def test_overlapping_transactions_on_a_server(db):
    """On PostgreSQL the second UPDATE waits for the first transaction's row
    lock, then finds the version moved on and is refused (no lost update)."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite serialises writers at the file level; covered above")
    meeting_id = _new_meeting(db)
    with SqlAlchemyUnitOfWork(db) as uow:
        alys = uow.meetings.get(meeting_id)
    with SqlAlchemyUnitOfWork(db) as uow:
        bryn = uow.meetings.get(meeting_id)

    saved_by_alys = threading.Event()
    outcome: dict[str, object] = {}

    def chair():
        alys.title = "Chair's title"
        with SqlAlchemyUnitOfWork(db) as uow:
            uow.meetings.save(alys)
            uow.session.flush()
            saved_by_alys.set()
            time.sleep(0.5)  # the secretary's save arrives while this is open
            uow.commit()
        outcome["chair"] = "committed"

    t = threading.Thread(target=chair)
    t.start()
    assert saved_by_alys.wait(10)
    bryn.title = "Secretary's title"
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            uow.meetings.save(bryn)
            uow.commit()
        outcome["secretary"] = "committed"
    except ConcurrentEdit:
        outcome["secretary"] = "refused"
    t.join(10)
    assert outcome == {"chair": "committed", "secretary": "refused"}
    assert _title(db, meeting_id) == "Chair's title"
