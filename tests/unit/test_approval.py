"""Approval, corrections and the fingerprint, on the in-memory unit of work."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest
from fakes import uow_with

from lmcdesk.domain import fingerprint as fp
from lmcdesk.domain.enums import ConflictAction, DecisionOutcome, MinutesStatus, VoteChoice
from lmcdesk.domain.model import Vote
from lmcdesk.errors import ApprovalRefused, InvalidInput, MinutesLocked
from sample_meeting import sample_meeting
from lmcdesk.services import approval, audit
from lmcdesk.services.changes import Changes


@pytest.fixture
def uow():
    return uow_with(*sample_meeting())


MID = "meeting-2025-01-14"
WHEN = datetime(2025, 2, 11, 15, 0)


def test_approve_stores_version_and_locks(uow):
    result = approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    v = result.version
    m = uow.meetings.get(MID)
    assert result.changes == Changes(meetings={MID}, lock_version=m.lock_version)
    assert m.status == MinutesStatus.APPROVED
    assert [x.version for x in m.versions] == [1]
    assert v.approved_by == "Dr Alys Example" and v.approved_at == WHEN
    assert v.fingerprint == fp.fingerprint_snapshot(v.snapshot) == fp.fingerprint(m, uow.directory.load())
    assert len(v.fingerprint) == 64
    assert uow.commits == 1
    assert [e.action for e in uow.audit.entries(entity_id=MID)][-2:] == ["approved", "sealed"]
    [seal] = uow.seals.all()
    assert (seal.meeting_id, seal.version, seal.fingerprint) == (MID, 1, v.fingerprint)
    assert seal.prev_hash == audit.GENESIS
    assert audit.verify(uow).ok


def test_refused_approval_leaves_no_seal_and_no_log_line(uow):
    with pytest.raises(InvalidInput):
        approval.approve(uow, MID, "", when=WHEN)
    m = uow.meetings.get(MID)
    m.item("item-5").acting_chair_id = None  # the chair withdrew and nobody took the chair
    uow.meetings.save(m)
    with pytest.raises(ApprovalRefused):
        approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    assert uow.seals.all() == [] and uow.audit.entries() == []


def test_approved_meeting_refuses_edits(uow):
    approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    m = uow.meetings.get(MID)
    m.item("item-5").discussion = "rewritten"
    with pytest.raises(MinutesLocked):
        uow.meetings.save(m)
    with pytest.raises(ApprovalRefused, match="already approved"):
        approval.approve(uow, MID, "Dr Alys Example", when=WHEN)


def test_approval_refused_while_probity_errors(uow):
    m = uow.meetings.get(MID)
    it = m.item("item-5")
    it.acting_chair_id = None  # the chair withdrew and nobody took the chair
    # and a member who withdrew is recorded as voting
    it.decisions[0].participants.append("dr-alys-example")
    it.decisions[0].votes.append(Vote("dr-alys-example", VoteChoice.FOR))
    uow.meetings.save(m)
    with pytest.raises(ApprovalRefused) as info:
        approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    assert "probity checks found" in info.value.message
    assert uow.meetings.get(MID).status == MinutesStatus.DRAFT
    assert uow.meetings.get(MID).versions == []


def test_approver_is_required(uow):
    with pytest.raises(InvalidInput):
        approval.approve(uow, MID, "  ", when=WHEN)


def test_correction_records_what_changed(uow):
    approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    reopened = approval.begin_correction(uow, MID, "Wrong return time at item 5")
    m = uow.meetings.get(MID)
    assert reopened.version == 2 and reopened.changes == Changes(meetings={MID}, lock_version=m.lock_version)
    assert m.status == MinutesStatus.DRAFT
    m.item("item-5").declarations[0].time_in = time(14, 25)
    uow.meetings.save(m)  # a draft again: editable
    v2 = approval.approve(uow, MID, "Dr Ben Sample", when=datetime(2025, 3, 11, 15, 0)).version
    m = uow.meetings.get(MID)
    assert [v.version for v in m.versions] == [1, 2]
    assert m.versions[0].fingerprint != v2.fingerprint
    assert "Correction: Wrong return time at item 5" in v2.change_note
    assert "time_in: \"14:20:00\" -> \"14:25:00\"" in v2.change_note
    assert "declarations" in v2.change_note
    first, second = uow.seals.all()
    assert (second.version, second.fingerprint, second.prev_hash) == (2, v2.fingerprint, first.record_hash)
    report = audit.verify(uow)
    assert report.ok and (report.versions_checked, report.seals_checked) == (2, 2)


def test_correction_needs_reason_and_approved_minutes(uow):
    with pytest.raises(InvalidInput):
        approval.begin_correction(uow, MID, "typo")  # still a draft
    approval.approve(uow, MID, "Dr Alys Example", when=WHEN)
    with pytest.raises(InvalidInput):
        approval.begin_correction(uow, MID, "")


# --------------------------------------------------------------------------- fingerprint


def _mutations():
    """One change to each kind of approved field."""
    return {
        "venue": lambda d, m: setattr(m, "venue", m.venue + "!"),
        "date": lambda d, m: setattr(m, "date", date(2025, 1, 15)),
        "start_time": lambda d, m: setattr(m, "start_time", time(13, 31)),
        "previous_minutes_note": lambda d, m: setattr(m, "previous_minutes_note", "Approved."),
        "next_meeting": lambda d, m: setattr(m, "next_meeting", None),
        "attendance.status": lambda d, m: setattr(m.attendance[6], "status", "present"),
        "attendance.arrived": lambda d, m: setattr(m.attendance[2], "arrived_time", time(13, 41)),
        "item.title": lambda d, m: setattr(m.items[4], "title", "Frailty"),
        "item.discussion": lambda d, m: setattr(m.items[4], "discussion", m.items[4].discussion + "."),
        "item.part": lambda d, m: setattr(m.items[5], "part", "part_ii"),
        "item.kind": lambda d, m: setattr(m.items[5], "business_kind", "joint"),
        "item.position": lambda d, m: (setattr(m.items[4], "position", 6), setattr(m.items[5], "position", 5)),
        "paper.title": lambda d, m: setattr(m.items[4].papers[0], "title", "X"),
        "declaration.action": lambda d, m: setattr(
            m.items[4].declarations[0], "action", ConflictAction.DISCUSSION_NO_VOTE),
        "declaration.time_out": lambda d, m: setattr(m.items[4].declarations[0], "time_out", time(13, 46)),
        "decision.resolution": lambda d, m: setattr(m.items[4].decisions[0], "resolution", "Deferred."),
        "decision.outcome": lambda d, m: setattr(m.items[4].decisions[0], "outcome", DecisionOutcome.DEFERRED),
        "decision.votes_for": lambda d, m: setattr(m.items[4].decisions[0], "votes_for", 3),
        "vote.choice": lambda d, m: setattr(m.items[4].decisions[0].votes[0], "choice", VoteChoice.AGAINST),
        "participants": lambda d, m: m.items[4].decisions[0].participants.pop(),
        "action.due": lambda d, m: setattr(m.actions[0], "due", date(2025, 3, 1)),
        "person name": lambda d, m: setattr(d.people["dr-ben-sample"], "name", "Dr Benedict Sample"),
    }


@pytest.mark.parametrize("name", sorted(_mutations()))
def test_fingerprint_changes_when_any_approved_field_changes(name):
    d, m = sample_meeting()
    before = fp.fingerprint(m, d)
    _mutations()[name](d, m)
    assert fp.fingerprint(m, d) != before


def test_fingerprint_ignores_bookkeeping_and_collection_order():
    d, m = sample_meeting()
    before = fp.fingerprint(m, d)
    m.lock_version = 99
    m.status = MinutesStatus.APPROVED
    m.versions.append(approval.MinutesVersion(1, "x", WHEN, "f"))
    m.attendance.reverse()
    m.items.reverse()
    m.items[0].declarations.reverse()
    m.actions.reverse()
    m.item("item-5").decisions[0].participants.reverse()
    assert fp.fingerprint(m, d) == before
    assert fp.fingerprint(dataclasses.replace(m), d) == before
