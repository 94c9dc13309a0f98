"""Who was in the room for an item, and whether the item was quorate.

Shared by the probity engine, the minutes export and the live quorum indicator,
so that all three say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .enums import EXCLUDED_FROM_DECISION, NON_MEMBER_CAPACITIES, ConflictAction
from .model import AgendaItem, Attendance, Directory, Meeting, QuorumRule

#: Used when a body has no quorum rule of its own: at least half of the voting members.
DEFAULT_QUORUM = QuorumRule(fraction=Fraction(1, 2))


def can_vote(att: Attendance) -> bool:
    """A voting right in this capacity (observers, people in attendance and the
    minute-taker never have one, whatever the ``voting`` flag says)."""
    return att.voting and att.capacity not in NON_MEMBER_CAPACITIES


def present_for_item(
    meeting: Meeting, att: Attendance, item: AgendaItem, positions: dict[str, int] | None = None
) -> bool:
    """Was this person in the meeting (not counting withdrawals) for ``item``?

    By item: not before the item they arrived at, not after the item they
    left after.  By the clock, when the item's start time is recorded: arrived
    by then and not gone by then (someone who arrives during an item counts
    from the next one).  ``positions`` (item id -> position) may be passed in
    when asking about many people."""
    if not att.is_present:
        return False
    if positions is None:
        positions = {i.id: i.position for i in meeting.items}
    if att.arrived_at_item_id in positions and item.position < positions[att.arrived_at_item_id]:
        return False
    if att.departed_after_item_id in positions and item.position > positions[att.departed_after_item_id]:
        return False
    if item.started_at is not None:
        if att.arrived_time is not None and att.arrived_time > item.started_at:
            return False
        if att.departed_time is not None and att.departed_time <= item.started_at:
            return False
    return True


def quorum_rule(meeting: Meeting, directory: Directory) -> QuorumRule:
    body = directory.bodies.get(meeting.body_id)
    return body.quorum if body is not None and body.quorum is not None else DEFAULT_QUORUM


def voting_membership_size(meeting: Meeting, directory: Directory) -> int:
    """Voting members of the body on the meeting date; when the body's
    membership is not recorded, the voting members expected at the meeting."""
    members = directory.voting_members(meeting.body_id, meeting.date)
    if members:
        return len({m.person_id for m in members})
    return sum(1 for a in meeting.attendance if can_vote(a))


@dataclass(frozen=True)
class ItemQuorum:
    item_id: str
    present_voting: tuple[str, ...]  # person ids with a vote who were in the meeting for the item
    excluded: tuple[str, ...]  # of those, who took no part in the decision because of a conflict
    counted: tuple[str, ...]  # who counts towards the quorum for this item
    required: int
    membership: int

    @property
    def quorate(self) -> bool:
        return len(self.counted) >= self.required

    def statement(self) -> str:
        """One line for the minutes."""
        n = len(self.counted)
        verdict = "quorate" if self.quorate else "NOT quorate"
        extra = f" ({len(self.excluded)} excluded by conflicts)" if self.excluded else ""
        return f"{n} voting member{'s' if n != 1 else ''} counted{extra}; {self.required} required: {verdict}."


def excluded_from_decision(item: AgendaItem) -> set[str]:
    return {d.person_id for d in item.declarations if d.action in EXCLUDED_FROM_DECISION}


def withdrawn_from_room(item: AgendaItem) -> set[str]:
    return {d.person_id for d in item.declarations if d.action == ConflictAction.WITHDREW}


def item_quorum(meeting: Meeting, item: AgendaItem, directory: Directory) -> ItemQuorum:
    rule = quorum_rule(meeting, directory)
    size = voting_membership_size(meeting, directory)
    positions = {i.id: i.position for i in meeting.items}
    present = list(dict.fromkeys(  # a person listed twice counts once
        a.person_id
        for a in meeting.attendance
        if can_vote(a) and present_for_item(meeting, a, item, positions)
    ))
    excluded = excluded_from_decision(item) & set(present)
    counted = present if rule.withdrawn_count else [p for p in present if p not in excluded]
    return ItemQuorum(
        item_id=item.id,
        present_voting=tuple(present),
        excluded=tuple(p for p in present if p in excluded),
        counted=tuple(counted),
        required=rule.required(size),
        membership=size,
    )


def present_at_start(meeting: Meeting, att: Attendance) -> bool:
    """Was this person in the meeting when it opened?  Present for the first
    item and, by the clock (the first item's start, else the meeting's),
    arrived by then and not yet gone."""
    if not att.is_present:
        return False
    items = meeting.ordered_items()
    if items and not present_for_item(meeting, att, items[0]):
        return False
    start = items[0].started_at if items and items[0].started_at is not None else meeting.start_time
    if start is not None:
        if att.arrived_time is not None and att.arrived_time > start:
            return False
        if att.departed_time is not None and att.departed_time <= start:
            return False
    return True


def meeting_quorum(meeting: Meeting, directory: Directory) -> tuple[int, int]:
    """(voting members present at the start, number required) for the opening statement."""
    rule = quorum_rule(meeting, directory)
    size = voting_membership_size(meeting, directory)
    present = len({a.person_id for a in meeting.attendance if can_vote(a) and present_at_start(meeting, a)})
    return present, rule.required(size)
