"""The fake unit of work and the real one behave alike for the services.

Service tests elsewhere trust ``tests/unit/fakes.py``; these scenarios run
through the services against both, so the fake cannot drift from storage.
"""

from __future__ import annotations

import copy
import sys
from datetime import date
from pathlib import Path

import pytest
from storage_samples import rich_directory, rich_meeting

from lmcdesk import errors
from lmcdesk.domain import ActionStatus, MinutesStatus, Person
from lmcdesk.services import actions, directory, meetings, search

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from fakes import FakeStore, FakeUnitOfWork  # noqa: E402


@pytest.fixture(params=["fake", "sqlite"])
def uow(request):
    if request.param == "fake":
        u = FakeUnitOfWork(FakeStore())
    else:
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        u = SqlAlchemyUnitOfWork(request.getfixturevalue("sqlite_database"))
    directory.save_directory(u, rich_directory())
    meetings.create_meeting(u, rich_meeting())
    return u


def test_directory_and_meeting_round_trip(uow):
    assert directory.get_directory(uow) == rich_directory()
    assert meetings.get_meeting(uow, "m-rich") == rich_meeting()


def test_loaded_copies_are_independent(uow):
    m = meetings.get_meeting(uow, "m-rich")
    m.items[0].title = "Changed but not saved"
    assert meetings.get_meeting(uow, "m-rich").items[0].title != "Changed but not saved"


def test_locking_rules(uow):
    a, b = meetings.get_meeting(uow, "m-rich"), meetings.get_meeting(uow, "m-rich")
    meetings.save_meeting(uow, a)
    assert a.lock_version == 1
    with pytest.raises(errors.ConcurrentEdit):
        meetings.save_meeting(uow, b)
    a.status = MinutesStatus.APPROVED
    meetings.save_meeting(uow, a)
    with pytest.raises(errors.MinutesLocked):
        meetings.save_meeting(uow, a)
    with pytest.raises(errors.MinutesLocked):
        meetings.autosave_item(uow, "m-rich", "m-rich-i1", "x")
    with pytest.raises(errors.MinutesLocked):
        meetings.delete_meeting(uow, "m-rich")


def test_rollback_restores_store_and_lock_version(uow):
    m = meetings.get_meeting(uow, "m-rich")
    with uow:
        m.title = "not kept"
        uow.meetings.save(m)
        uow.directory.save_person(Person("eve", "Ms Eve Example"))
    assert m.lock_version == 0
    assert meetings.get_meeting(uow, "m-rich").title == rich_meeting().title
    assert "eve" not in directory.get_directory(uow).people


def test_not_found_and_duplicates(uow):
    with pytest.raises(errors.NotFound):
        meetings.get_meeting(uow, "nope")
    with pytest.raises(errors.NotFound):
        meetings.autosave_item(uow, "m-rich", "nope", "x")
    with pytest.raises(errors.InvalidInput):
        meetings.create_meeting(uow, rich_meeting())


def test_lists_search_and_actions(uow):
    other = rich_meeting("m-old")
    other.date = date(2025, 6, 1)
    meetings.create_meeting(uow, other)
    assert [s.id for s in meetings.list_meetings(uow)] == ["m-rich", "m-old"]
    assert [s.id for s in meetings.list_meetings(uow, year=2025)] == ["m-old"]
    assert [s.id for s in meetings.list_meetings(uow, body_id="loam-north", text="physio")] == [
        "m-rich", "m-old"]
    s = meetings.list_meetings(uow)[0]
    assert (s.body_name, s.item_count, s.status) == ("Loamshire North Locality", 3, MinutesStatus.DRAFT)
    assert {h.item_id for h in search.search(uow, "physio")} == {"m-rich-i1", "m-old-i1"}
    meetings.autosave_item(uow, "m-old", "m-old-i3", "Flu clinics")
    assert [h.item_id for h in search.search(uow, "flu clin")] == ["m-old-i3"]
    log = actions.action_log(uow)
    assert [(e.meeting_id, e.action.id) for e in log] == [
        ("m-old", "m-old-a1"), ("m-old", "m-old-a2"), ("m-rich", "m-rich-a1"), ("m-rich", "m-rich-a2")]
    actions.set_action_status(uow, "m-old", "m-old-a1", ActionStatus.DONE)
    assert len(actions.action_log(uow)) == 3
    assert len(actions.action_log(uow, outstanding_only=False, owner_id="cerys")) == 2


def test_directory_edits(uow):
    d = rich_directory()
    p = copy.deepcopy(d.people["alys"])
    p.email = "new@example.invalid"
    directory.save_person(uow, p)
    assert directory.get_directory(uow).people["alys"].email == "new@example.invalid"
    directory.delete_gift(uow, "g1")
    assert directory.get_directory(uow).gifts == []
    with pytest.raises(errors.NotFound):
        directory.delete_gift(uow, "g1")


def test_duplicates_refused_and_nothing_written(uow):
    from lmcdesk.domain import Vote, VoteChoice

    m = meetings.get_meeting(uow, "m-rich")
    m.items[0].decisions[0].votes.append(Vote("alys", VoteChoice.AGAINST))
    with pytest.raises(errors.InvalidInput):
        meetings.save_meeting(uow, m)
    assert m.lock_version == 0
    assert meetings.get_meeting(uow, "m-rich") == rich_meeting()
