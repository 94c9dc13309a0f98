"""The storage layer on a real database: aggregates round-trip, saves are
diffs, locking and approval are enforced, rollback is the default."""

from __future__ import annotations

import copy

import pytest
from storage_samples import rich_directory, rich_meeting

from lmcdesk import errors
from lmcdesk.domain import AgendaItem, Decision, MinutesStatus, Person, Vote, VoteChoice


@pytest.fixture
def stored(uow_factory):
    """The rich directory and meeting, committed; returns the meeting as saved."""
    meeting = rich_meeting()
    with uow_factory() as uow:
        uow.directory.save_all(rich_directory())
        uow.meetings.add(copy.deepcopy(meeting))
        uow.commit()
    return meeting


def test_directory_round_trip(uow_factory, stored):
    with uow_factory() as uow:
        assert uow.directory.load() == rich_directory()


def test_meeting_round_trip(uow_factory, stored):
    with uow_factory() as uow:
        assert uow.meetings.get(stored.id) == stored


def test_save_syncs_children_by_id(uow_factory, stored):
    with uow_factory() as uow:
        m = uow.meetings.get(stored.id)
        it1 = m.items[0]
        it1.decisions.pop()  # delete a decision
        it1.decisions[0].votes = [Vote("cerys", VoteChoice.AGAINST), Vote("alys", VoteChoice.FOR)]
        it1.decisions[0].participants = ["cerys"]
        it1.papers.reverse()  # reorder
        it1.organisations.pop(0)
        m.items.pop(2)  # delete an item referenced by attendance (set null) and nothing else
        m.attendance[1].departed_after_item_id = None
        moved = m.items[0].declarations.pop()
        m.items.append(AgendaItem("new-item", "Late item", position=3, declarations=[moved],
                                  decisions=[Decision("new-d", "Noted")]))
        m.actions.pop(0)
        m.versions = []
        uow.meetings.save(m)
        uow.commit()
    with uow_factory() as uow:
        got = uow.meetings.get(stored.id)
    assert got == m
    assert got.lock_version == 1


def test_stale_copy_is_refused(uow_factory, stored):
    with uow_factory() as uow:
        first, second = uow.meetings.get(stored.id), uow.meetings.get(stored.id)
    with uow_factory() as uow:
        first.title = "Saved first"
        uow.meetings.save(first)
        uow.commit()
    with uow_factory() as uow:
        second.title = "Saved second"
        with pytest.raises(errors.ConcurrentEdit) as err:
            uow.meetings.save(second)
        assert "Someone else" in err.value.message
    with uow_factory() as uow:
        assert uow.meetings.get(stored.id).title == "Saved first"


def test_autosaved_text_is_not_overwritten_by_a_stale_whole_save(uow_factory, stored):
    """Shared office: PC A types live minutes (autosave), PC B still holds a
    copy read before that and saves the whole meeting: B is refused, the
    typed text stays; A's copy adopted the new version and saves fine."""
    item_id = stored.items[0].id
    with uow_factory() as uow:
        a, b = uow.meetings.get(stored.id), uow.meetings.get(stored.id)
    with uow_factory() as uow:
        version = uow.meetings.set_discussion(stored.id, item_id, "Typed live on PC A", a.lock_version)
        uow.commit()
    assert version == a.lock_version + 1
    with uow_factory() as uow:
        b.title = "Saved from PC B"
        with pytest.raises(errors.ConcurrentEdit):
            uow.meetings.save(b)
    a.lock_version = version
    a.item(item_id).discussion = "Typed live on PC A"
    a.title = "Saved from PC A"
    with uow_factory() as uow:
        uow.meetings.save(a)
        uow.commit()
    with uow_factory() as uow:
        got = uow.meetings.get(stored.id)
    assert got.title == "Saved from PC A"
    assert got.item(item_id).discussion == "Typed live on PC A"


def test_autosave_from_a_stale_copy_keeps_the_text_but_not_the_version(uow_factory, stored):
    item_id = stored.items[0].id
    with uow_factory() as uow:
        a, b = uow.meetings.get(stored.id), uow.meetings.get(stored.id)
    with uow_factory() as uow:
        b.title = "Saved from PC B"
        uow.meetings.save(b)
        uow.commit()
    with uow_factory() as uow:
        assert uow.meetings.set_discussion(stored.id, item_id, "Typed on A", a.lock_version) is None
        uow.commit()
    with uow_factory() as uow:
        got = uow.meetings.get(stored.id)
        assert got.item(item_id).discussion == "Typed on A"
        assert got.title == "Saved from PC B"
        with pytest.raises(errors.ConcurrentEdit):
            uow.meetings.save(a)


def test_approved_minutes_are_refused_unless_allowed(uow_factory, stored):
    with uow_factory() as uow:
        m = uow.meetings.get(stored.id)
        m.status = MinutesStatus.APPROVED
        uow.meetings.save(m)
        uow.commit()
    with uow_factory() as uow:
        m.title = "Changed after approval"
        with pytest.raises(errors.MinutesLocked):
            uow.meetings.save(m)
        with pytest.raises(errors.MinutesLocked):
            uow.meetings.set_discussion(m.id, m.items[0].id, "late")
        with pytest.raises(errors.MinutesLocked):
            uow.meetings.delete(m.id)
        uow.meetings.save(m, allow_approved=True)
        uow.commit()
    with uow_factory() as uow:
        assert uow.meetings.get(stored.id).title == "Changed after approval"


def test_leaving_without_commit_rolls_back(uow_factory, stored):
    with uow_factory() as uow:
        m = uow.meetings.get(stored.id)
        m.title = "Never committed"
        uow.meetings.save(m)
        uow.directory.save_person(Person("eve", "Ms Eve Example"))
    assert m.lock_version == 0  # the bump was undone with the transaction
    with uow_factory() as uow:
        assert uow.meetings.get(stored.id).title == stored.title
        assert "eve" not in uow.directory.load().people
        uow.meetings.save(m)  # the caller's copy is still current
        uow.commit()


def test_delete_meeting_and_unknown_ids(uow_factory, stored):
    with uow_factory() as uow:
        uow.meetings.delete(stored.id)
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(errors.NotFound):
            uow.meetings.get(stored.id)
        assert uow.search.query("physiotherapy") == []
        assert uow.meetings.summaries() == []


def test_reference_to_unknown_person_is_invalid_input(uow_factory, stored):
    bad = rich_meeting("m-bad")
    bad.attendance[0].person_id = "nobody"
    with uow_factory() as uow:
        with pytest.raises(errors.InvalidInput):
            uow.meetings.add(bad)


def test_person_named_in_minutes_cannot_be_deleted(uow_factory, stored):
    with uow_factory() as uow:
        with pytest.raises(errors.InvalidInput) as err:
            uow.directory.delete_person("bryn")
        assert "cannot be deleted" in err.value.message


def test_summaries(uow_factory, stored):
    other = rich_meeting("m-2025")
    other.date = other.date.replace(year=2025)
    with uow_factory() as uow:
        uow.meetings.add(other)
        uow.commit()
    with uow_factory() as uow:
        rows = uow.meetings.summaries()
        assert [r.id for r in rows] == [stored.id, "m-2025"]
        assert rows[0].body_name == "Loamshire North Locality"
        assert rows[0].item_count == 3
        assert [r.id for r in uow.meetings.summaries(year=2025)] == ["m-2025"]
        assert [r.id for r in uow.meetings.summaries(ids=[stored.id])] == [stored.id]
        assert uow.meetings.summaries(body_id="fed") == []
        assert len(uow.meetings.summaries(kind="commissioning")) == 2


def test_action_log(uow_factory, stored):
    with uow_factory() as uow:
        rows = uow.meetings.action_log(statuses=["open"])
    assert [(r.action.id, r.item_title) for r in rows] == [
        (f"{stored.id}-a1", stored.items[0].title)
    ]


def test_papers_by_hash(uow_factory):
    with uow_factory() as uow:
        sha = uow.papers.put(b"%PDF-1.4 fictional")
        assert uow.papers.put(b"%PDF-1.4 fictional") == sha
        uow.commit()
    with uow_factory() as uow:
        assert uow.papers.get(sha) == b"%PDF-1.4 fictional"
        with pytest.raises(errors.NotFound):
            uow.papers.get("0" * 64)


def test_audit_rows(uow_factory):
    with uow_factory() as uow:
        first = uow.audit.append("meeting", "m1", "saved", "Title changed", user="alys")
        uow.audit.append("meeting", "m2", "deleted", "", prev_hash="x", hash="y")
        uow.commit()
    with uow_factory() as uow:
        entries = uow.audit.entries()
        assert [e.entity_id for e in entries] == ["m1", "m2"]
        assert entries[0] == first
        assert uow.audit.last().hash == "y"
        assert [e.id for e in uow.audit.entries(entity_id="m2")] == [entries[1].id]


@pytest.mark.parametrize("break_it", [
    lambda m: m.items[0].decisions[0].votes.append(Vote("alys", VoteChoice.AGAINST)),
    lambda m: m.items[0].decisions[0].participants.append("alys"),
    lambda m: m.attendance.append(copy.deepcopy(m.attendance[0])),
    lambda m: m.items[1].decisions.append(copy.deepcopy(m.items[0].decisions[0])),
])
def test_duplicates_are_refused_not_dropped(uow_factory, stored, break_it):
    with uow_factory() as uow:
        m = uow.meetings.get(stored.id)
        break_it(m)
        with pytest.raises(errors.InvalidInput) as err:
            uow.meetings.save(m)
        assert "not saved" in err.value.message
