"""Approval as committees do it, freezing and signing, corrections and the
fingerprint, on the in-memory unit of work (signing with a real key)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, time

import pytest
from fakes import uow_with
from signing_keys import PASS, keystore

from lmcdesk import signing
from lmcdesk.documents import canonical, plain
from lmcdesk.domain import fingerprint as fp
from lmcdesk.domain.enums import (
    ConflictAction,
    DecisionOutcome,
    MeetingKind,
    MinutesStatus,
    VoteChoice,
)
from lmcdesk.domain.model import Attendance, Meeting, Vote
from lmcdesk.errors import ApprovalRefused, InvalidInput, MinutesLocked
from lmcdesk.services import approval, audit, frozen
from lmcdesk.services.changes import Changes
from sample_meeting import FEDERATION, LOCALITY, sample_meeting

MID = "meeting-2025-01-14"
NEXT = "meeting-2025-02-11"  # the locality group's next meeting, which approves the minutes
JOINT = "joint-2025-01-28"  # a joint meeting of the federation the locality group is represented at
OTHER = "federation-2025-01-21"  # the federation's own meeting
WHEN = datetime(2025, 2, 11, 15, 0)


def _meeting(mid: str, body: str, day: date, chair: str | None, present=(), kind=MeetingKind.COMMISSIONING,
             representing: dict | None = None) -> Meeting:
    return Meeting(id=mid, body_id=body, date=day, kind=kind, chair_id=chair, attendance=[
        Attendance(f"{mid}-a{n}", pid, representing_id=(representing or {}).get(pid))
        for n, pid in enumerate(present)])


def _record():
    d, m = sample_meeting()
    nxt = _meeting(NEXT, LOCALITY, date(2025, 2, 11), "dr-ben-sample",
                   ["dr-ben-sample", "dr-cara-placeholder", "dr-dev-fictional"])
    joint = _meeting(JOINT, FEDERATION, date(2025, 1, 28), "dr-hal-instance", ["dr-hal-instance", "dr-alys-example"],
                     kind=MeetingKind.JOINT, representing={"dr-alys-example": LOCALITY})
    other = _meeting(OTHER, FEDERATION, date(2025, 1, 21), "dr-hal-instance", ["dr-hal-instance"])
    earlier = _meeting("meeting-2024-12-10", LOCALITY, date(2024, 12, 10), "dr-alys-example")
    return d, [m, nxt, joint, other, earlier]


@pytest.fixture
def uow():
    d, meetings = _record()
    return uow_with(d, *meetings)


@pytest.fixture
def keys(tmp_path):
    return keystore(tmp_path / "keys", LOCALITY)


def _approve(uow, keys, **kw):
    args = dict(chair_id="dr-ben-sample", approving_meeting_id=NEXT, keys=keys, passphrase=PASS, when=WHEN)
    args.update(kw)
    return approval.approve(uow, MID, **args)


def _doc(uow, version=1, variant="full"):
    with uow:
        stored = uow.approved.get(MID, version, variant)
    return stored, canonical.loads(stored.document)


def _text(doc) -> str:
    out = []
    for block in doc.walk():
        for name in ("runs",):
            if hasattr(block, name):
                out.append(plain(getattr(block, name)))
    return " ".join(" ".join(out).split())


# --------------------------------------------------------------------------- approving


def test_approved_at_the_next_meeting_signed_by_its_chair(uow, keys):
    result = _approve(uow, keys)
    v = result.version
    m = uow.meetings.get(MID)
    assert result.changes == Changes(meetings={MID}, lock_version=m.lock_version)
    assert m.status == MinutesStatus.APPROVED and [x.version for x in m.versions] == [1]
    assert (v.approved_on, v.approving_meeting_id, v.signed_by_person_id, v.signed_by_name, v.approved_by) == (
        date(2025, 2, 11), NEXT, "dr-ben-sample", "Dr Ben Sample", "Dr Ben Sample")
    assert v.approved_at == WHEN and not v.by_circulation and not v.frozen_on_upgrade
    assert v.fingerprint == fp.fingerprint_snapshot(v.snapshot) == fp.fingerprint(m, uow.directory.load())
    assert uow.commits == 1
    assert [e.action for e in uow.audit.entries(entity_id=MID)] == ["approved", "sealed"]
    assert "at the meeting of Loamshire North Locality Commissioning Group on 11 February 2025" in \
        uow.audit.entries(entity_id=MID)[0].summary
    [seal] = uow.seals.all()
    assert (seal.meeting_id, seal.version, seal.fingerprint, seal.prev_hash) == (MID, 1, v.fingerprint, audit.GENESIS)
    assert m.versions[0] == v  # stored as returned, signature and all
    assert not result.key_created and result.signed_earlier == 0


def test_both_documents_are_frozen_fingerprinted_and_signed(uow, keys):
    result = _approve(uow, keys)
    v = result.version
    for variant in ("full", "public"):
        stored, doc = _doc(uow, 1, variant)
        assert stored.fingerprint == result.fingerprints[variant] == frozen.document_fingerprint(doc)
        assert stored.fingerprint in doc.furniture.footer_line2
        assert frozen.check_document(stored) == ""
        check = signing.check_pdf(stored.pdf, keys.certificates(LOCALITY))
        assert check.ok, check.problem
    assert result.fingerprints["full"] != result.fingerprints["public"]
    _, full = _doc(uow)
    text = _text(full)
    assert ("Approved as a true record at the meeting of Loamshire North Locality Commissioning Group on "
            "11 February 2025") in text
    assert "Signed as a true record" in text and "Dr Ben Sample" in text
    # the body's signature covers a statement of everything about the version
    stated = json.loads(v.statement)
    assert signing.verify_bytes(v.statement.encode(), frozen.decode_signature(v.signature),
                                keys.certificates(LOCALITY)) == ""
    with uow:
        seal_head, log_head = uow.seals.last_hash(), uow.audit.last().hash
        record_id = uow.meta.record_id()
    assert stated["seal_head"] == seal_head and stated["log_head"] == log_head
    assert stated["record_id"] == record_id and stated["status"] == "approved"
    assert stated["documents"]["full"] == {"fingerprint": result.fingerprints["full"],
                                           "pdf_sha256": _doc(uow)[0].pdf_sha256}
    assert stated["cert_fingerprint"] == keys.certificate(LOCALITY).fingerprint == v.cert_fingerprint
    assert audit.verify(uow, keys=keys).ok


def test_the_note_of_the_last_approval_is_kept_beside_the_key(uow, keys):
    v = _approve(uow, keys).version
    note = frozen.read_note(keys.read_note(LOCALITY))
    assert (note["meeting_id"], note["version"]) == (MID, 1)
    assert note["seal_head"] == json.loads(v.statement)["seal_head"]


def test_by_circulation_with_an_amendment(uow, keys):
    v = _approve(uow, keys, approving_meeting_id=None, approved_on=date(2025, 2, 3),
                 amendment="Item 5 amended to read:\r\n  'The group   agreed the award.'").version
    assert v.by_circulation and v.approving_meeting_id is None and v.approved_on == date(2025, 2, 3)
    assert v.amendment == "Item 5 amended to read:\n'The group agreed the award.'"
    text = _text(_doc(uow)[1])
    assert "Approved as a true record by circulation on Monday 3 February 2025 with the following amendment: " \
           "Item 5 amended to read:" in text
    assert json.loads(v.statement)["amendment"] == v.amendment


def test_at_a_joint_meeting_the_body_is_represented_at(uow, keys):
    v = _approve(uow, keys, approving_meeting_id=JOINT, chair_id="dr-hal-instance").version
    assert v.approved_on == date(2025, 1, 28)
    assert "the joint meeting of Loamshire GP Federation on 28 January 2025" in _text(_doc(uow)[1])


@pytest.mark.parametrize("kwargs, words", [
    ({"chair_id": "nobody"}, "Choose who signed the minutes"),
    ({"chair_id": ""}, "Choose who signed the minutes"),
    ({"approving_meeting_id": MID}, "not at the meeting they record"),
    ({"approving_meeting_id": "no-such-meeting"}, "is not in the record"),
    ({"approving_meeting_id": "meeting-2024-12-10", "chair_id": "dr-alys-example"},
     "was held before the meeting these minutes record"),
    ({"approving_meeting_id": OTHER, "chair_id": "dr-hal-instance"},
     "is a meeting of Loamshire GP Federation, which Loamshire North Locality Commissioning Group does not attend"),
    ({"approved_on": date(2025, 2, 12)}, "were approved on that day, not on 12 February 2025"),
    ({"chair_id": "dr-alys-example"}, "Dr Alys Example is not recorded as present at the meeting of 11 February"),
    ({"approving_meeting_id": None, "approved_on": date(2025, 1, 13)},
     "cannot be approved before the meeting they record"),
    ({"approving_meeting_id": None, "approved_on": date(2025, 2, 12)}, "12 February 2025 has not come yet"),
])
def test_refused_in_words_and_nothing_written(uow, keys, kwargs, words):
    with pytest.raises(ApprovalRefused, match=words):
        _approve(uow, keys, **kwargs)
    assert uow.seals.all() == [] and uow.audit.entries() == [] and uow.store.approved == {}
    assert uow.meetings.get(MID).status == MinutesStatus.DRAFT and not uow.committed


def test_wrong_passphrase_writes_nothing(uow, keys):
    before = sorted(p.name for p in keys.folder.iterdir())
    with pytest.raises(signing.WrongPassphrase, match="does not open the signing key"):
        _approve(uow, keys, passphrase="not the passphrase")
    assert uow.seals.all() == [] and uow.audit.entries() == [] and uow.store.approved == {}
    assert uow.meetings.get(MID).versions == []
    assert sorted(p.name for p in keys.folder.iterdir()) == before  # no note, no new key


def test_the_first_approval_makes_the_bodys_key(uow, tmp_path):
    keys = signing.KeyStore(tmp_path / "new-keys")
    with pytest.raises(InvalidInput, match="choose a passphrase of at least 8 characters"):
        _approve(uow, keys, passphrase="short")
    assert not keys.has_key(LOCALITY) and uow.audit.entries() == []
    result = _approve(uow, keys, passphrase="a new passphrase")
    assert result.key_created and keys.has_key(LOCALITY)
    assert keys.certificate(LOCALITY).subject == "Loamshire North Locality Commissioning Group"
    keys.signer(LOCALITY, "a new passphrase")  # opens with the passphrase given
    assert audit.verify(uow, keys=keys).ok


def test_approved_minutes_refuse_edits_and_a_second_approval(uow, keys):
    _approve(uow, keys)
    m = uow.meetings.get(MID)
    m.item("item-5").discussion = "rewritten"
    with pytest.raises(MinutesLocked):
        uow.meetings.save(m)
    with pytest.raises(ApprovalRefused, match="already approved"):
        _approve(uow, keys)


def test_approval_refused_while_probity_errors(uow, keys):
    m = uow.meetings.get(MID)
    it = m.item("item-5")
    it.acting_chair_id = None  # the chair withdrew and nobody took the chair
    # and a member who withdrew is recorded as voting
    it.decisions[0].participants.append("dr-alys-example")
    it.decisions[0].votes.append(Vote("dr-alys-example", VoteChoice.FOR))
    uow.meetings.save(m)
    with pytest.raises(ApprovalRefused) as info:
        _approve(uow, keys)
    assert "probity checks found" in info.value.message
    assert uow.meetings.get(MID).status == MinutesStatus.DRAFT
    assert uow.meetings.get(MID).versions == [] and uow.seals.all() == []


# --------------------------------------------------------------------------- choices


def test_choices_offer_later_meetings_of_the_body_and_joint_meetings_it_attends(uow, keys):
    choices = approval.approval_choices(uow, MID, keys)
    assert [(c.id, c.chair_id, c.joint) for c in choices.meetings] == [
        (JOINT, "dr-hal-instance", True), (NEXT, "dr-ben-sample", False)]
    assert choices.default_meeting_id == JOINT  # the first that met after
    assert choices.people[:2] == [("dr-alys-example", "Dr Alys Example"), ("dr-ben-sample", "Dr Ben Sample")]
    assert {pid for pid, _ in choices.people} == set(uow.directory.load().people)
    assert choices.key_exists and choices.chair_id == "dr-alys-example"
    assert choices.body_name == "Loamshire North Locality Commissioning Group"
    assert not approval.approval_choices(uow, MID, signing.KeyStore(keys.folder / "none")).key_exists
    assert not approval.approval_choices(uow, MID).key_exists  # nothing signed in this record yet


# --------------------------------------------------------------------------- corrections


def test_correction_is_the_next_version_with_its_note(uow, keys):
    first = _approve(uow, keys).version
    reopened = approval.begin_correction(uow, MID, "Wrong return time at item 5")
    m = uow.meetings.get(MID)
    assert reopened.version == 2 and reopened.changes == Changes(meetings={MID}, lock_version=m.lock_version)
    assert m.status == MinutesStatus.DRAFT
    m.item("item-5").declarations[0].time_in = time(14, 25)
    uow.meetings.save(m)  # a draft again: editable
    second = _approve(uow, keys, approved_on=date(2025, 3, 11), approving_meeting_id=None,
                      when=datetime(2025, 3, 11, 15, 0)).version
    m = uow.meetings.get(MID)
    assert [v.version for v in m.versions] == [1, 2]
    assert m.versions[0] == first  # the earlier version stays as it was
    assert "Correction: Wrong return time at item 5" in second.change_note
    assert "time_in: \"14:20:00\" -> \"14:25:00\"" in second.change_note
    s1, s2 = uow.seals.all()
    assert (s2.version, s2.fingerprint, s2.prev_hash) == (2, second.fingerprint, s1.record_hash)
    text = _text(_doc(uow, 2)[1])
    assert "This version corrects version 1" in text
    assert _doc(uow, 1)[0].fingerprint[:16] in text  # the earlier version's printed fingerprint
    assert _doc(uow, 1)[0].fingerprint != _doc(uow, 2)[0].fingerprint
    report = audit.verify(uow, keys=keys)
    assert report.ok, report.problems
    assert (report.versions_checked, report.seals_checked, report.signatures_checked) == (2, 2, 2)


def test_correction_needs_reason_and_approved_minutes(uow, keys):
    with pytest.raises(InvalidInput):
        approval.begin_correction(uow, MID, "typo")  # still a draft
    _approve(uow, keys)
    with pytest.raises(InvalidInput):
        approval.begin_correction(uow, MID, "")


# --------------------------------------------------------------------------- approved before freezing


def _legacy(uow) -> None:
    """MID approved the way LMC Desk did before approvals were frozen: a version, a seal, no documents."""
    with uow:
        m = uow.meetings.get(MID)
        d = uow.directory.load()
        snap = fp.snapshot(m, d)
        m.approve(approval.MinutesVersion(1, "Dr Alys Example", datetime(2025, 2, 11, 15, 0),
                                          fp.fingerprint_snapshot(snap), snapshot=snap))
        uow.meetings.save(m, allow_approved=True)
        audit.record(uow, "meeting", MID, "approved", "version 1 approved by Dr Alys Example (abc...)")
        audit.seal_approval(uow, MID, 1)
        uow.commit()


def test_minutes_approved_before_are_frozen_once_and_signed_at_the_next_approval(uow, keys):
    _legacy(uow)
    report = audit.verify(uow, keys=keys)
    assert report.ok and "has not been frozen yet" in report.warnings[0].message
    assert approval.freeze_on_upgrade(uow, today=date(2026, 12, 1)) == 1
    assert approval.freeze_on_upgrade(uow) == 0  # once
    v = uow.meetings.get(MID).versions[0]
    assert v.frozen_on_upgrade and not v.signature
    stored, doc = _doc(uow)
    assert stored.pdf == b"" and frozen.check_document(stored) == ""
    assert "Frozen on upgrade. These minutes were approved on 11 February 2025" in _text(doc)
    assert "This copy was made on 1 December 2026" in _text(doc)
    # the record never said how they were approved: the minutes do not guess
    assert "Approved as a true record on Tuesday 11 February 2025." in _text(doc)
    assert "by circulation" not in _text(doc) and "Approved at" not in _text(doc)
    report = audit.verify(uow, keys=keys)
    assert report.ok, report.problems
    assert [w.message for w in report.warnings] == [
        "approved version 1 was frozen on upgrade and is not signed yet: it is signed with the key of "
        "Loamshire North Locality Commissioning Group at its next approval"]
    # the body approves the minutes of its next meeting: the frozen ones are signed too
    later = _meeting("meeting-2025-03-11", LOCALITY, date(2025, 3, 11), "dr-alys-example")
    with uow:
        uow.meetings.add(later)
        uow.commit()
    result = approval.approve(uow, NEXT, chair_id="dr-alys-example", approving_meeting_id=later.id, keys=keys,
                              passphrase=PASS, when=datetime(2025, 3, 11, 20, 0))
    assert result.signed_earlier == 1 and result.changes.meetings == {NEXT, MID}
    v = uow.meetings.get(MID).versions[0]
    assert v.frozen_on_upgrade and v.signature and json.loads(v.statement)["frozen_on_upgrade"] is True
    stored_after, _ = _doc(uow)
    assert stored_after.document == stored.document  # the frozen document itself is untouched
    assert signing.check_pdf(stored_after.pdf, keys.certificates(LOCALITY)).ok
    report = audit.verify(uow, keys=keys)
    assert report.ok and report.warnings == [], (report.problems, report.warnings)


def test_a_superseded_version_is_frozen_from_its_own_snapshot(uow, keys):
    _legacy(uow)
    approval.begin_correction(uow, MID, "venue")
    m = uow.meetings.get(MID)
    m.venue = "The corrected venue (fictional)"
    uow.meetings.save(m)
    second = _approve(uow, keys, approving_meeting_id=None, approved_on=date(2025, 3, 1),
                      when=datetime(2025, 3, 1, 9, 0)).version
    assert approval.freeze_on_upgrade(uow) == 1  # version 1; version 2 was frozen when approved
    text1 = _text(_doc(uow, 1)[1])
    assert "The corrected venue" not in text1 and "Frozen on upgrade" in text1
    assert "The corrected venue" in _text(_doc(uow, 2)[1])
    assert second.signature


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

