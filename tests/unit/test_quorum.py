"""Quorum arithmetic: who is present for an item, who counts, how many are needed."""

from __future__ import annotations

from datetime import time
from fractions import Fraction

import pytest

from lmcdesk.domain import Capacity, ConflictAction, QuorumRule
from lmcdesk.domain.quorum import DEFAULT_QUORUM, item_quorum, meeting_quorum, present_for_item

from builders import MeetingBuilder


def _meeting(n: int = 4, quorum: QuorumRule | None = None) -> MeetingBuilder:
    b = MeetingBuilder(quorum=quorum)
    for k in range(1, n + 1):
        b.person(f"m{k}", chair=k == 1)
    for t in range(1, 4):
        b.item(f"Item {t}", started_at=time(19, 10 * t))  # 19:10, 19:20, 19:30
    return b


def _counted(b: MeetingBuilder, position: int) -> tuple[str, ...]:
    m, d = b.build()
    return item_quorum(m, m.ordered_items()[position - 1], d).counted


@pytest.mark.parametrize(
    ("rule", "members", "needed"),
    [
        (QuorumRule(fraction=Fraction(1, 2)), 7, 4),  # 3.5 rounds up
        (QuorumRule(fraction=Fraction(1, 2)), 8, 4),
        (QuorumRule(fraction=Fraction(1, 3)), 10, 4),  # 3.33 rounds up
        (QuorumRule(fraction=Fraction(2, 3)), 9, 6),
        (QuorumRule(minimum=5), 4, 5),
        (QuorumRule(minimum=3, fraction=Fraction(1, 2)), 10, 5),  # the larger wins
        (QuorumRule(minimum=6, fraction=Fraction(1, 2)), 10, 6),
        (QuorumRule(), 10, 1),  # never less than one
        (DEFAULT_QUORUM, 5, 3),
    ],
)
def test_required_rounds_fractions_up(rule, members, needed):
    assert rule.required(members) == needed


def test_default_quorum_is_half_the_voting_members():
    b = _meeting(5)
    m, d = b.build()
    q = item_quorum(m, m.items[0], d)
    assert (q.required, q.membership, len(q.counted), q.quorate) == (3, 5, 5, True)


def test_membership_size_falls_back_to_voting_attendees_when_not_recorded():
    b = _meeting(4)
    b.directory.memberships.clear()
    b.person("obs", capacity=Capacity.OBSERVER, voting=False)
    m, d = b.build()
    assert item_quorum(m, m.items[0], d).membership == 4


def test_absent_members_still_count_in_the_membership():
    b = _meeting(3)
    for k in range(4, 8):
        b.member(f"away{k}")
    m, d = b.build()
    q = item_quorum(m, m.items[0], d)
    assert (q.membership, q.required, len(q.counted), q.quorate) == (7, 4, 3, False)
    assert "NOT quorate" in q.statement()


def test_arrival_by_item():
    b = _meeting(3)
    b.attendance("m3").arrived_at_item_id = b.meeting.items[1].id
    assert "m3" not in _counted(b, 1)
    assert "m3" in _counted(b, 2) and "m3" in _counted(b, 3)


def test_departure_by_item():
    b = _meeting(3)
    b.attendance("m3").departed_after_item_id = b.meeting.items[1].id
    assert "m3" in _counted(b, 1) and "m3" in _counted(b, 2)
    assert "m3" not in _counted(b, 3)


def test_arrival_and_departure_by_time():
    b = _meeting(3)
    b.attendance("m2").arrived_time = time(19, 15)  # after item 1 began at 19:10
    b.attendance("m3").departed_time = time(19, 30)  # gone when item 3 began at 19:30
    assert _counted(b, 1) == ("m1", "m3")
    assert _counted(b, 2) == ("m1", "m2", "m3")
    assert _counted(b, 3) == ("m1", "m2")


def test_times_are_ignored_for_an_item_without_a_start_time():
    b = _meeting(3)
    b.meeting.items[2].started_at = None
    b.attendance("m3").departed_time = time(19, 25)
    assert "m3" in _counted(b, 3)


def test_apologies_and_absent_are_not_present():
    b = _meeting(2)
    b.person("sorry", status="apologies")
    b.person("gone", status="absent")
    b.person("sub", status="substitute")
    m, d = b.build()
    item = m.items[0]
    assert [a.person_id for a in m.attendance if present_for_item(m, a, item)] == ["m1", "m2", "sub"]


def test_non_members_never_count_whatever_their_voting_flag():
    b = _meeting(2)
    b.person("obs", capacity=Capacity.OBSERVER, voting=True)
    b.person("ia", capacity=Capacity.IN_ATTENDANCE, voting=True)
    b.person("mt", capacity=Capacity.MINUTE_TAKER, voting=True)
    b.person("novote", capacity=Capacity.CO_OPTED, voting=False)
    assert _counted(b, 1) == ("m1", "m2")


@pytest.mark.parametrize("action", [ConflictAction.WITHDREW, ConflictAction.DISCUSSION_NO_VOTE])
def test_conflicted_members_do_not_count_by_default(action):
    b = _meeting(4)
    item = b.meeting.items[0]
    b.declare(item, "m2", action)
    m, d = b.build()
    q = item_quorum(m, item, d)
    assert q.counted == ("m1", "m3", "m4") and q.excluded == ("m2",)
    assert q.present_voting == ("m1", "m2", "m3", "m4")
    assert "(1 excluded by conflicts)" in q.statement()


def test_withdrawn_members_count_when_the_body_rule_says_so():
    b = _meeting(4, quorum=QuorumRule(fraction=Fraction(1, 2), withdrawn_count=True))
    item = b.meeting.items[0]
    b.declare(item, "m2")
    b.declare(item, "m3")
    m, d = b.build()
    q = item_quorum(m, item, d)
    assert q.counted == ("m1", "m2", "m3", "m4") and q.excluded == ("m2", "m3") and q.quorate


def test_withdrawals_can_make_an_item_inquorate():
    b = _meeting(4)
    item = b.meeting.items[0]
    b.declare(item, "m2")
    b.declare(item, "m3")
    b.declare(item, "m4", ConflictAction.NOTED_FULL_PARTICIPATION)  # still counts
    m, d = b.build()
    q = item_quorum(m, item, d)
    assert (len(q.counted), q.required, q.quorate) == (2, 2, True)
    b.declare(item, "m4")
    q = item_quorum(*_args(b, item))
    assert (len(q.counted), q.quorate) == (1, False)
    assert q.statement() == "1 voting member counted (3 excluded by conflicts); 2 required: NOT quorate."


def _args(b, item):
    m, d = b.build()
    return m, item, d


def test_a_declaration_by_someone_not_present_changes_nothing():
    b = _meeting(2)
    b.person("late")
    b.attendance("late").arrived_at_item_id = b.meeting.items[2].id
    item = b.meeting.items[0]
    b.declare(item, "late")
    q = item_quorum(*_args(b, item))
    assert q.excluded == () and q.counted == ("m1", "m2")


def test_meeting_quorum_at_the_start_uses_first_item_and_clock():
    b = _meeting(4)
    b.attendance("m2").arrived_at_item_id = b.meeting.items[1].id
    assert meeting_quorum(*b.build()) == (3, 2)
    b.meeting.items[0].started_at = None  # fall back to the meeting's start, 19:00
    b.attendance("m3").arrived_time = time(19, 5)
    assert meeting_quorum(*b.build()) == (2, 2)
    b.attendance("m4").departed_time = time(18, 55)
    assert meeting_quorum(*b.build()) == (1, 2)


def test_meeting_quorum_without_items():
    b = MeetingBuilder()
    b.person("a")
    b.person("b", status="apologies")
    b.person("c", arrived_time=time(19, 30))
    assert meeting_quorum(*b.build()) == (1, 2)


def test_a_person_listed_twice_counts_once():
    b = _meeting(2)
    b.meeting.attendance.append(b.attendance("m2"))
    assert _counted(b, 1) == ("m1", "m2")
    assert meeting_quorum(*b.build())[0] == 2
