"""Service-layer tests against the in-memory FakeUnitOfWork (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from fakes import FakeStore, FakeUnitOfWork

from lmcdesk import errors
from lmcdesk.domain import (
    Action,
    ActionStatus,
    AgendaItem,
    Body,
    BodyType,
    Decision,
    Meeting,
    MinutesStatus,
    Person,
)
from lmcdesk.services import actions, directory, meetings, search
from lmcdesk.services.changes import Changes


def _meeting(mid="m1", day=date(2026, 3, 12), status=MinutesStatus.DRAFT) -> Meeting:
    return Meeting(
        id=mid, body_id="lmc", date=day, title="Loamshire LMC", status=status,
        items=[
            AgendaItem("i1", "Physiotherapy service", discussion="The group discussed it."),
            AgendaItem("i2", "Any other business",
                       decisions=[Decision("d1", "Agreed to write to the ICB")]),
        ],
        actions=[
            Action("a1", "Write to the ICB", item_id="i2"),
            Action("a2", "Book the room", status=ActionStatus.DONE),
        ],
    )


@pytest.fixture
def uow():
    u = FakeUnitOfWork(FakeStore())
    directory.save_body(u, Body("lmc", "Loamshire LMC", BodyType.LMC))
    directory.save_person(u, Person("alys", "Dr Alys Example"))
    return u


def test_create_commits_and_numbers_items(uow):
    changes = meetings.create_meeting(uow, _meeting())
    got = meetings.get_meeting(uow, "m1")
    assert [it.position for it in got.items] == [1, 2]
    assert uow.commits >= 1
    assert changes == Changes(meeting_list=True, meetings={"m1"}, created_id="m1", lock_version=0, actions=True)


def test_save_bumps_lock_version_and_refuses_stale_copy(uow):
    meetings.create_meeting(uow, _meeting())
    first, second = meetings.get_meeting(uow, "m1"), meetings.get_meeting(uow, "m1")
    first.title = "Changed"
    assert meetings.save_meeting(uow, first) == Changes(meetings={"m1"}, lock_version=1)
    assert first.lock_version == 1
    with pytest.raises(errors.ConcurrentEdit):
        meetings.save_meeting(uow, second)
    assert meetings.get_meeting(uow, "m1").title == "Changed"


def test_save_refuses_approved_unless_allowed(uow):
    meetings.create_meeting(uow, _meeting(status=MinutesStatus.APPROVED))
    m = meetings.get_meeting(uow, "m1")
    with pytest.raises(errors.MinutesLocked):
        meetings.save_meeting(uow, m)
    meetings.save_meeting(uow, m, allow_approved=True)
    with pytest.raises(errors.MinutesLocked):
        meetings.autosave_item(uow, "m1", "i1", "late edit")
    with pytest.raises(errors.MinutesLocked):
        meetings.delete_meeting(uow, "m1")


def test_delete_says_the_meeting_left_the_list(uow):
    meetings.create_meeting(uow, _meeting())
    meetings.create_meeting(uow, _meeting("m2", date(2025, 1, 9)))
    assert meetings.delete_meeting(uow, "m1") == Changes(meeting_list=True, meetings={"m1"}, actions=True)
    assert [s.id for s in meetings.summaries(uow, ["m1", "m2"])] == ["m2"]
    assert meetings.summaries(uow, []) == []


def test_autosave_writes_only_the_text(uow):
    meetings.create_meeting(uow, _meeting())
    assert meetings.autosave_item(uow, "m1", "i1", "Dr Example left the room.", 0) == Changes(
        meetings={"m1"}, lock_version=1)
    got = meetings.get_meeting(uow, "m1")
    assert got.item("i1").discussion == "Dr Example left the room."
    assert got.lock_version == 1  # a stale whole save elsewhere is now refused
    # from a stale copy: written all the same, but no lock version to adopt
    stale = meetings.autosave_item(uow, "m1", "i1", "From a stale copy", 0)
    assert stale.meetings == {"m1"} and stale.lock_version is None
    assert meetings.get_meeting(uow, "m1").item("i1").discussion == "From a stale copy"
    with pytest.raises(errors.NotFound):
        meetings.autosave_item(uow, "m1", "nope", "x")


def test_failed_service_leaves_nothing_behind(uow):
    meetings.create_meeting(uow, _meeting())
    with pytest.raises(RuntimeError):
        with uow:
            m = uow.meetings.get("m1")
            m.title = "half-done"
            uow.meetings.save(m)
            raise RuntimeError("boom")
    assert meetings.get_meeting(uow, "m1").title == "Loamshire LMC"


def test_list_filters_and_text(uow):
    meetings.create_meeting(uow, _meeting())
    meetings.create_meeting(uow, _meeting("m2", date(2025, 1, 9)))
    assert [s.id for s in meetings.list_meetings(uow)] == ["m1", "m2"]
    assert [s.id for s in meetings.summaries(uow, ["m2"])] == ["m2"]
    assert [s.id for s in meetings.list_meetings(uow, year=2025)] == ["m2"]
    assert meetings.list_meetings(uow, text="nothing-like-this") == []
    assert {s.id for s in meetings.list_meetings(uow, text="physio")} == {"m1", "m2"}
    assert meetings.list_meetings(uow)[0].item_count == 2
    assert meetings.list_meetings(uow)[0].body_name == "Loamshire LMC"


def test_search_prefix_and_empty(uow):
    meetings.create_meeting(uow, _meeting())
    hits = search.search(uow, "ICB")
    assert [(h.meeting_id, h.item_id) for h in hits] == [("m1", "i2")]
    assert search.search(uow, "  ") == []


def test_action_log_outstanding_and_status_change(uow):
    meetings.create_meeting(uow, _meeting(status=MinutesStatus.APPROVED))
    log = actions.action_log(uow)
    assert [(e.action.id, e.item_title, e.body_name) for e in log] == [
        ("a1", "Any other business", "Loamshire LMC")
    ]
    changes = actions.set_action_status(uow, "m1", "a1", ActionStatus.DONE, notes="Sent 1 April")
    assert changes == Changes(meetings={"m1"}, actions=True, lock_version=1)
    assert actions.action_log(uow) == []
    assert len(actions.action_log(uow, outstanding_only=False)) == 2


def test_directory_save_and_delete(uow):
    d = directory.get_directory(uow)
    assert d.people["alys"].name == "Dr Alys Example"
    assert directory.save_body(uow, Body("fed", "Loam Valley Federation", BodyType.FEDERATION)) == Changes(
        directory={"bodies"})
    assert directory.delete_person(uow, "alys") == Changes(directory={"people"})
    assert "alys" not in directory.get_directory(uow).people
    with pytest.raises(errors.NotFound):
        directory.delete_person(uow, "alys")


def test_check_meeting_runs_probity():
    probity = pytest.importorskip("lmcdesk.probity")
    if not hasattr(probity, "run"):
        pytest.skip("lmcdesk.probity.run not there yet")
    from lmcdesk.services import checks

    u = FakeUnitOfWork()
    directory.save_body(u, Body("lmc", "Loamshire LMC", BodyType.LMC))
    meetings.create_meeting(u, _meeting())
    findings = checks.check_meeting(u, "m1", today=date(2026, 3, 13))
    assert isinstance(findings, list)


def test_unknown_meeting_kind_is_invalid_input(uow):
    with pytest.raises(errors.InvalidInput) as err:
        meetings.list_meetings(uow, kind="board")
    assert "commissioning" in err.value.message
