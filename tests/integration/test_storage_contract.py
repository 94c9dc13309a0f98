"""The fake unit of work and the real one behave alike for the services.

Service tests elsewhere trust ``tests/unit/fakes.py``; these scenarios run
through the services (and the repositories of the ``UnitOfWork`` protocol)
against the fake, SQLite and, when ``LMCDESK_TEST_PG_URL`` is set,
PostgreSQL, so the fake cannot drift from storage.  That each has every
method of the protocol is checked in ``tests/unit/test_unit_of_work.py``.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from storage_samples import rich_directory, rich_meeting

from lmcdesk import errors
from lmcdesk.domain import ActionStatus, AgendaItem, BusinessKind, Meeting, MinutesStatus, Person
from lmcdesk.services import actions, approval, audit, directory, meetings, search

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from fakes import FakeStore, FakeUnitOfWork  # noqa: E402
from signing_keys import approve  # noqa: E402


STORES = ["fake", "sqlite"] + (["postgresql"] if os.environ.get("LMCDESK_TEST_PG_URL") else [])


@pytest.fixture(params=[pytest.param(s, marks=[pytest.mark.postgres] if s == "postgresql" else []) for s in STORES])
def uow(request):
    if request.param == "fake":
        u = FakeUnitOfWork(FakeStore())
    else:
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        fixture = "sqlite_database" if request.param == "sqlite" else "postgres_database"
        u = SqlAlchemyUnitOfWork(request.getfixturevalue(fixture))
    with u:
        u.directory.save_all(rich_directory())
        u.commit()
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


def test_writes_report_the_same_changes(uow):
    from lmcdesk.services.changes import Changes

    m = meetings.get_meeting(uow, "m-rich")
    m.items.reverse()  # agenda order is the positions', not the list's
    assert meetings.save_meeting(uow, m) == Changes(meetings={"m-rich"}, lock_version=1)
    assert [it.position for it in m.items] == list(range(1, len(m.items) + 1))
    assert [it.id for it in meetings.get_meeting(uow, "m-rich").items] == [it.id for it in rich_meeting().items]
    assert meetings.autosave_item(uow, "m-rich", "m-rich-i1", "x", 1) == Changes(meetings={"m-rich"}, lock_version=2)
    assert meetings.autosave_item(uow, "m-rich", "m-rich-i1", "y", 1).lock_version is None
    other = copy.deepcopy(rich_meeting())
    other.id, other.items, other.actions, other.attendance = "m-new", [], [], []
    created = meetings.create_meeting(uow, other)
    assert (created.created_id, created.meeting_list, created.meetings) == ("m-new", True, {"m-new"})
    assert [s.id for s in meetings.summaries(uow, created.meetings)] == ["m-new"]
    assert meetings.delete_meeting(uow, "m-new").meeting_list
    assert meetings.summaries(uow, ["m-new"]) == []


# --------------------------------------------------------------------------- the rest of the protocol


def _again(uow):
    """A second unit of work on the same record (what another window would open)."""
    if isinstance(uow, FakeUnitOfWork):
        return FakeUnitOfWork(uow.store)
    from lmcdesk.storage import SqlAlchemyUnitOfWork

    return SqlAlchemyUnitOfWork(uow.database)


def _plain_meeting(meeting_id: str = "m-plain") -> Meeting:
    """A meeting the probity checks let through (warnings only), to approve."""
    return Meeting(id=meeting_id, body_id="loam-north", date=date(2026, 5, 6), title="Plain", items=[
        AgendaItem(id=f"{meeting_id}-i1", title="Flu clinics", business_kind=BusinessKind.GENERAL,
                   discussion="Noted.")])


WHEN = datetime(2026, 6, 3, 19, 30)


def test_approval_seals_and_the_chain_verifies(uow):
    meetings.create_meeting(uow, _plain_meeting())
    with uow:
        assert uow.seals.all() == [] and uow.seals.last_hash() is None
    approve(uow, "m-plain", when=WHEN)
    with _again(uow) as u:
        [v1] = u.meetings.get("m-plain").versions
        [s1] = u.seals.all()
        assert (s1.meeting_id, s1.version, s1.fingerprint, s1.approved_at) == ("m-plain", 1, v1.fingerprint,
                                                                                WHEN.isoformat())
        assert s1.prev_hash == audit.GENESIS
        assert s1.record_hash == audit.seal_hash(audit.GENESIS, "m-plain", 1, v1.fingerprint, WHEN.isoformat())
        assert u.seals.last_hash() == s1.record_hash
        assert u.seals.has("m-plain", 1) and not u.seals.has("m-plain", 2) and not u.seals.has("m-rich", 1)
        assert s1.sealed_by and s1.sealed_at
        assert u.meetings.ids_with_versions() == {"m-plain", "m-rich"}  # m-rich arrived with a version
    approval.begin_correction(uow, "m-plain", "typo")
    approve(uow, "m-plain", when=WHEN.replace(day=4))
    with _again(uow) as u:
        s1_again, s2 = u.seals.all()
        assert s1_again == s1 and s2.version == 2 and s2.prev_hash == s1.record_hash
        assert u.seals.last_hash() == s2.record_hash
    # m-rich came with a version no one sealed, whose snapshot is not a real one, and is a draft
    # though no correction was begun
    report = audit.verify(uow)
    assert (report.versions_checked, report.seals_checked) == (3, 2)
    assert [p.message for p in report.problems] == [
        "the stored copy of approved version 1 was altered after approval",
        "version 1 was approved, but the minutes are marked as a draft and no correction was begun in the change "
        "log: their status was changed outside LMC Desk",
        "approved version 1 was never sealed (approved outside LMC Desk?)",
    ]
    assert audit.seal_unsealed(uow) == 1
    assert audit.seal_unsealed(uow) == 0
    with _again(uow) as u:
        assert [(s.meeting_id, s.version) for s in u.seals.all()] == [("m-plain", 1), ("m-plain", 2), ("m-rich", 1)]
        assert u.seals.all()[-1].prev_hash == s2.record_hash


def test_seals_are_rolled_back_with_the_transaction(uow):
    with uow:
        uow.seals.add(meeting_id="m-rich", version=1, fingerprint="f" * 64, approved_at=WHEN.isoformat(),
                      prev_hash=audit.GENESIS, record_hash="a" * 64, sealed_by="someone")
        assert uow.seals.has("m-rich", 1) and uow.seals.last_hash() == "a" * 64
    with uow:
        assert uow.seals.all() == [] and uow.seals.last_hash() is None
        first = uow.seals.add(meeting_id="m-rich", version=1, fingerprint="f" * 64, approved_at="x",
                              prev_hash=audit.GENESIS, record_hash="a" * 64)
        second = uow.seals.add(meeting_id="m-rich", version=2, fingerprint="e" * 64, approved_at="y",
                               prev_hash="a" * 64, record_hash="b" * 64)
        uow.commit()
    assert first.seq < second.seq and first.sealed_by == ""
    with _again(uow) as u:
        assert u.seals.all() == [first, second] and u.seals.last_hash() == "b" * 64


def test_exchange_bases_round_trip(uow):
    with uow:
        assert uow.exchange.bases([]) == {} and uow.exchange.bases(["m-rich"]) == {}
        uow.exchange.remember({"m-rich": "1" * 64, "person:alys": "2" * 64})
        assert uow.exchange.bases(["m-rich", "m-none"]) == {"m-rich": "1" * 64}
        uow.commit()
    with uow:
        uow.exchange.remember({"m-rich": "3" * 64})  # the agreed content moved on
        assert uow.exchange.bases(k for k in ("m-rich", "person:alys")) == {"m-rich": "3" * 64,
                                                                             "person:alys": "2" * 64}
        uow.exchange.remember({"m-rich": "4" * 64})
    with _again(uow) as u:  # not committed: the last commit stands
        assert u.exchange.bases(["m-rich", "person:alys", "m-rich"]) == {"m-rich": "1" * 64,
                                                                          "person:alys": "2" * 64}


def test_change_log_is_a_hash_chain(uow):
    with uow:
        before = len(uow.audit.entries())
        previous = uow.audit.last()
        audit.record(uow, "person", "alys", "updated", "a new e-mail address")
        audit.record(uow, "meeting", "m-rich", "exported", "to a pack")
        uow.commit()
    with _again(uow) as u:
        entries = u.audit.entries()
        assert len(entries) == before + 2
        one, two = entries[-2:]
        assert u.audit.last() == two and one.id < two.id
        assert one.prev_hash == (previous.hash if previous else audit.GENESIS) and two.prev_hash == one.hash
        for e in (one, two):  # the time comes back as it was hashed (with its zone)
            assert e.at.tzinfo is not None
            assert e.hash == audit.entry_hash(e.prev_hash, e.at.isoformat(), e.user, e.entity, e.entity_id,
                                              e.action, e.summary)
        assert u.audit.entries(entity="person", entity_id="alys") == [one]
        assert [e.action for e in u.audit.entries(entity_id="m-rich")][-1] == "exported"
        assert u.audit.entries(entity="body") == []
        appended = u.audit.append("body", "loam-north", "checked", "by hand", user="tester",
                                  at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc), prev_hash="p", hash="h")
        assert u.audit.last() == appended
        assert (appended.user, appended.prev_hash, appended.hash) == ("tester", "p", "h")
    with _again(uow) as u:  # not committed
        assert u.audit.last() == two
    report = audit.verify(uow)
    assert report.log_entries_checked == before + 2


def test_papers_by_content(uow):
    data = b"%PDF-1.4 a paper"
    sha = hashlib.sha256(data).hexdigest()
    with uow:
        assert not uow.papers.has(sha)
        assert uow.papers.put(data) == sha
        assert uow.papers.put(data) == sha  # the same bytes again: stored once, no error
        assert uow.papers.has(sha) and uow.papers.get(sha) == data
    with uow:  # rolled back
        assert not uow.papers.has(sha)
        with pytest.raises(errors.NotFound):
            uow.papers.get(sha)
        uow.papers.put(data)
        uow.commit()
    with _again(uow) as u:
        assert u.papers.get(sha) == data


def test_search_follows_saves_and_deletes(uow):
    assert search.search(uow, "  ") == []
    assert [h.item_id for h in search.search(uow, "federation")] == ["m-rich-i1"]  # a resolution
    hit = search.search(uow, "physio")[0]
    assert (hit.meeting_id, hit.meeting_date, hit.body_name, hit.item_title) == (
        "m-rich", rich_meeting().date, "Loamshire North Locality", rich_meeting().items[0].title)
    m = meetings.get_meeting(uow, "m-rich")
    m.items[1].title = "Apologies and flu vaccination"
    meetings.save_meeting(uow, m)
    assert [h.item_id for h in search.search(uow, "vaccin")] == ["m-rich-i2"]
    other = rich_meeting("m-old")
    other.date = date(2025, 6, 1)
    meetings.create_meeting(uow, other)
    assert [h.meeting_id for h in search.search(uow, "physio")] == ["m-rich", "m-old"]  # newest first
    assert len(search.search(uow, "physio", limit=1)) == 1
    meetings.delete_meeting(uow, "m-old")
    assert [h.meeting_id for h in search.search(uow, "physio")] == ["m-rich"]


def test_meeting_repository_queries(uow):
    other = rich_meeting("m-old")
    other.date = date(2025, 6, 1)
    meetings.create_meeting(uow, other)
    meetings.create_meeting(uow, _plain_meeting())  # never approved
    with uow:
        assert uow.meetings.exists("m-old") and not uow.meetings.exists("m-none")
        assert [s.id for s in uow.meetings.summaries(year=2026)] == ["m-plain", "m-rich"]
        assert [s.id for s in uow.meetings.summaries(ids=["m-old", "m-none"])] == ["m-old"]
        assert [s.id for s in uow.meetings.summaries(body_id="nobody")] == []
        assert [s.id for s in uow.meetings.summaries(kind=rich_meeting().kind)] == ["m-plain", "m-rich", "m-old"]
        log = uow.meetings.action_log(statuses=[ActionStatus.CARRIED_FORWARD])
        assert [(e.meeting_id, e.action.id, e.item_title) for e in log] == [
            ("m-old", "m-old-a2", ""), ("m-rich", "m-rich-a2", "")]
        [entry] = uow.meetings.action_log(body_id="loam-north", owner_id="cerys", statuses=["open"])[-1:]
        assert (entry.meeting_id, entry.body_name, entry.item_title) == (
            "m-rich", "Loamshire North Locality", rich_meeting().items[0].title)
        assert entry.action == rich_meeting().actions[0]
        assert uow.meetings.ids_with_versions() == {"m-rich", "m-old"}
        uow.meetings.delete("m-old")
        assert not uow.meetings.exists("m-old")
        uow.commit()
    with _again(uow) as u:
        with pytest.raises(errors.NotFound):
            u.meetings.delete("m-old")
        assert u.meetings.ids_with_versions() == {"m-rich"}


def test_directory_repository_saves_and_deletes_each_kind(uow):
    """References are the database's business (the fake does not check them), so
    the entries deleted here are new ones nothing refers to."""
    d = rich_directory()
    new = {
        "body": dataclasses.replace(d.bodies["loam-north"], id="b-new", name="New body", parent_id=None),
        "person": Person("eve", "Ms Eve Example"),
        "membership": dataclasses.replace(d.memberships[0], id="ms-new", person_id="eve", body_id="b-new"),
        "interest": dataclasses.replace(d.interests[0], id="int-new", person_id="eve", organisation_id="b-new"),
        "gift": dataclasses.replace(d.gifts[0], id="g-new", person_id="eve", body_id="b-new"),
    }
    with uow:
        for kind in ("body", "person", "membership", "interest", "gift"):
            getattr(uow.directory, f"save_{kind}")(new[kind])
        uow.commit()
    with uow:
        saved = uow.directory.load()
        assert saved.bodies["b-new"] == new["body"] and saved.people["eve"] == new["person"]
        assert new["membership"] in saved.memberships and new["interest"] in saved.interests
        assert new["gift"] in saved.gifts
        for kind, key in (("gift", "g-new"), ("interest", "int-new"), ("membership", "ms-new"),
                          ("person", "eve"), ("body", "b-new")):
            getattr(uow.directory, f"delete_{kind}")(key)
            with pytest.raises(errors.NotFound):
                getattr(uow.directory, f"delete_{kind}")(key)
        assert uow.directory.load() == d
    with uow:  # rolled back: the new entries are there again; saving all of d changes nothing
        uow.directory.save_all(d)
        assert uow.directory.load() == saved


def test_approved_documents_are_kept_apart_from_the_meeting(uow):
    from lmcdesk.domain.records import ApprovedDocument

    full = ApprovedDocument("m-rich", 1, "full", b'{"document":1}', "a" * 64, b"%PDF-signed")
    public = ApprovedDocument("m-rich", 1, "public", b'{"document":2}', "b" * 64)
    with uow:
        assert uow.approved.keys() == [] and not uow.approved.has("m-rich", 1)
        uow.approved.put(public)
        uow.approved.put(full)
        uow.commit()
    with _again(uow) as u:
        assert u.approved.get("m-rich", 1, "full") == full
        assert u.approved.get("m-rich", 1) == full  # full is the default
        assert u.approved.get("m-rich", 1, "public").pdf == b""
        assert u.approved.has("m-rich", 1, "public") and not u.approved.has("m-rich", 2)
        assert u.approved.keys() == [("m-rich", 1, "full"), ("m-rich", 1, "public")]
        assert u.approved.keys("m-other") == []
        with pytest.raises(errors.NotFound, match="no frozen full copy of version 2"):
            u.approved.get("m-rich", 2, "full")
        with pytest.raises(ValueError):
            u.approved.put(dataclasses.replace(full, variant="draft"))
        # signing minutes frozen on upgrade replaces the row
        u.approved.put(dataclasses.replace(public, pdf=b"%PDF-now-signed"))
        u.commit()
    with _again(uow) as u:
        assert u.approved.get("m-rich", 1, "public").pdf == b"%PDF-now-signed"
        assert len(u.approved.keys()) == 2
        assert u.approved.keys(unsigned=True) == []
        u.approved.put(dataclasses.replace(public, pdf=b""))
        assert u.approved.keys(unsigned=True) == [("m-rich", 1, "public")]
        u.approved.put(dataclasses.replace(full, version=2))
    with _again(uow) as u:  # not committed: rolled back
        assert not u.approved.has("m-rich", 2)


def test_the_record_has_one_id(uow):
    with uow:
        first = uow.meta.record_id()
    with _again(uow) as u:
        assert u.meta.record_id() == first and len(first) == 32


def test_versions_not_frozen_are_found_without_loading_meetings(uow):
    from lmcdesk.domain.records import ApprovedDocument

    with uow:
        # m-rich arrived with version 1 and no frozen documents or signature
        assert uow.approved.unfrozen() == [("m-rich", 1)]
        uow.approved.put(ApprovedDocument("m-rich", 1, "public", b"{}", "c" * 64))
        assert uow.approved.unfrozen() == [("m-rich", 1)]  # the full document is what counts
        uow.approved.put(ApprovedDocument("m-rich", 1, "full", b"{}", "d" * 64))
        assert uow.approved.unfrozen() == []
        uow.rollback()
    with uow:
        m = uow.meetings.get("m-rich")
        m.versions[0].signature = "c2lnbmVk"  # signed elsewhere (a pack): not frozen on upgrade
        uow.meetings.save(m, allow_approved=True)
        assert uow.approved.unfrozen() == []
