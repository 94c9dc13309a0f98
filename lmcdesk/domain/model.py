"""The records LMC Desk keeps, as plain dataclasses.

No Qt, no SQLAlchemy: these objects are what the storage layer loads and saves,
what the probity engine judges, what the JSON meeting file carries and what the
exports render.  Identifiers are strings chosen once and never reused (stable
ids), so that a meeting file exchanged between PCs can be merged by id.

Two aggregates matter:

* the **directory**: bodies, people, memberships, the register of interests and
  the gifts and hospitality register;
* a **Meeting** with everything recorded at it: attendance, agenda items (with
  papers, declarations, decisions and votes), actions and approved versions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction

from .enums import (
    ActionStatus,
    AttendanceStatus,
    BodyType,
    BusinessKind,
    Capacity,
    ConflictAction,
    DecisionOutcome,
    InterestType,
    ItemPart,
    ItemType,
    MeetingKind,
    MembershipRole,
    MinutesStatus,
    OrganisationRole,
    VoteChoice,
)


def new_id() -> str:
    """A fresh stable id (32 hex characters)."""
    return uuid.uuid4().hex


# --------------------------------------------------------------------------- directory


@dataclass
class QuorumRule:
    """How many voting members make a meeting of a body quorate.

    Either ``minimum`` (a head count) or ``fraction`` of the body's voting
    members (rounded up), or both (the larger wins).  ``withdrawn_count`` says
    whether members who withdrew for a conflict still count towards the quorum
    of that item; NHS guidance and most standing orders say they do not.
    """

    minimum: int | None = None
    fraction: Fraction | None = None
    withdrawn_count: bool = False

    def required(self, voting_members: int) -> int:
        needed = 0
        if self.minimum is not None:
            needed = self.minimum
        if self.fraction is not None:
            f = self.fraction * voting_members
            needed = max(needed, f.numerator // f.denominator + (1 if f.numerator % f.denominator else 0))
        return max(needed, 1)


@dataclass
class Body:
    """An organisation: one that meets (LMC, locality, federation) or one that
    is affected by or bids for business (practice, company, other provider)."""

    id: str
    name: str
    type: BodyType
    parent_id: str | None = None  # e.g. the federation a federation company belongs to
    quorum: QuorumRule | None = None
    notes: str = ""


@dataclass
class Person:
    id: str
    name: str  # as it should appear in minutes, e.g. "Dr Alys Fictional"
    email: str = ""
    notes: str = ""
    active: bool = True


@dataclass
class Membership:
    """A person's place in a body, in a given role, for a period."""

    id: str
    person_id: str
    body_id: str
    role: MembershipRole = MembershipRole.MEMBER
    voting: bool = True
    start: date | None = None
    end: date | None = None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Interest:
    """An entry in the register of interests.

    A *nil return* (``nil_return=True``) records that the person declared they
    have no interests; it has no organisation or description of an interest.
    """

    id: str
    person_id: str
    type: InterestType = InterestType.FINANCIAL
    organisation_id: str | None = None  # a Body, when the organisation is known to us
    organisation_name: str = ""  # free text when it is not (or for display)
    description: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    declared_on: date | None = None
    reviewed_on: date | None = None
    nil_return: bool = False

    def current_on(self, day: date) -> bool:
        if self.nil_return:
            return False
        started = self.valid_from is None or self.valid_from <= day
        if self.valid_from is None and self.declared_on is not None:
            started = self.declared_on <= day
        return started and (self.valid_to is None or day <= self.valid_to)


@dataclass
class GiftOffer:
    """An entry in the gifts and hospitality register."""

    id: str
    person_id: str
    offered_by: str
    description: str
    offered_on: date
    value_pence: int = 0
    accepted: bool = False
    body_id: str | None = None  # the body that made the offer (the giver), if the record knows it
    declared_on: date | None = None
    notes: str = ""


# --------------------------------------------------------------------------- meeting


@dataclass
class Paper:
    """A paper attached to an agenda item.  Its bytes are kept by storage,
    addressed by ``sha256``; the domain only knows about them."""

    id: str
    title: str
    filename: str = ""
    sha256: str = ""
    size_bytes: int = 0
    confidential: bool = False


@dataclass
class ItemOrganisation:
    body_id: str
    role: OrganisationRole = OrganisationRole.AFFECTED


@dataclass
class Declaration:
    """A declaration of interest made at an agenda item, and how it was managed.

    ``interest_id`` links to the register; ``None`` means the interest was
    declared new at the meeting (and must then be added to the register).
    """

    id: str
    person_id: str
    interest_id: str | None = None
    nature: str = ""
    interest_type: InterestType | None = None
    organisation_id: str | None = None  # for a new interest: the organisation it concerns
    action: ConflictAction = ConflictAction.WITHDREW
    decided_by_id: str | None = None  # usually the (acting) chair
    time_out: time | None = None
    time_in: time | None = None
    reason: str = ""


@dataclass
class Vote:
    person_id: str
    choice: VoteChoice


@dataclass
class Decision:
    """What was resolved at an item.

    ``votes_for`` / ``votes_against`` / ``abstentions`` are the counted hands;
    ``votes`` optionally names them; ``participants`` lists everyone who took
    part in making the decision (by consensus or vote)."""

    id: str
    resolution: str
    outcome: DecisionOutcome = DecisionOutcome.AGREED
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    votes: list[Vote] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    award_to_id: str | None = None  # procurement: the body awarded the contract
    by_consensus: bool = False


@dataclass
class AgendaItem:
    id: str
    title: str
    position: int = 0  # order on the agenda, 1-based once saved
    business_kind: BusinessKind = BusinessKind.UNCLASSIFIED
    item_type: ItemType = ItemType.STANDARD
    part: ItemPart = ItemPart.PART_I
    exclusion_reason: str = ""  # Part II: why the public was excluded
    organisations: list[ItemOrganisation] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    presenter_id: str | None = None
    planned_minutes: int | None = None
    discussion: str = ""  # the minutes text for the item
    acting_chair_id: str | None = None
    started_at: time | None = None
    ended_at: time | None = None
    declarations: list[Declaration] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def organisation_ids(self, role: OrganisationRole | None = None) -> set[str]:
        return {o.body_id for o in self.organisations if role is None or o.role == role}


@dataclass
class Attendance:
    """One person's attendance at a meeting and the capacity they sat in.

    Arrival and departure can be recorded as a time, an item, or both:
    ``arrived_at_item_id`` is the first item they were present for,
    ``departed_after_item_id`` the last.
    """

    id: str
    person_id: str
    status: AttendanceStatus = AttendanceStatus.PRESENT
    capacity: Capacity = Capacity.VOTING_MEMBER
    voting: bool = True
    substitute_for_id: str | None = None
    representing_id: str | None = None  # body they represent, e.g. for provider reps
    arrived_time: time | None = None
    arrived_at_item_id: str | None = None
    departed_time: time | None = None
    departed_after_item_id: str | None = None

    @property
    def is_present(self) -> bool:
        return self.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)


@dataclass
class Action:
    id: str
    description: str
    owner_id: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    item_id: str | None = None  # the item it arose from
    notes: str = ""


@dataclass
class MinutesVersion:
    """One approved version of a meeting's minutes (issue 3 fills the snapshot)."""

    version: int
    approved_by: str  # name of the person who approved (the chair at the next meeting)
    approved_at: datetime
    fingerprint: str  # SHA-256 of the canonical approved content
    change_note: str = ""  # for a correction: what changed
    snapshot: str = ""  # canonical JSON of the approved content


@dataclass
class Meeting:
    id: str
    body_id: str
    date: date
    kind: MeetingKind = MeetingKind.COMMISSIONING
    title: str = ""
    start_time: time | None = None
    end_time: time | None = None
    venue: str = ""
    chair_id: str | None = None
    vice_chair_id: str | None = None
    previous_minutes_note: str = ""  # approval of previous minutes, with amendments
    next_meeting: date | None = None
    status: MinutesStatus = MinutesStatus.DRAFT
    lock_version: int = 0  # optimistic locking: bumped by storage on every save
    attendance: list[Attendance] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    versions: list[MinutesVersion] = field(default_factory=list)

    # -- convenient look-ups (pure, no storage)
    def item(self, item_id: str) -> AgendaItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def attendance_of(self, person_id: str) -> Attendance | None:
        for a in self.attendance:
            if a.person_id == person_id:
                return a
        return None

    def ordered_items(self) -> list[AgendaItem]:
        return sorted(self.items, key=lambda i: i.position)

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


@dataclass
class Directory:
    """The directory aggregate as one plain value (what a JSON file carries
    besides meetings, and what the probity engine needs to judge one)."""

    bodies: dict[str, Body] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)
    gifts: list[GiftOffer] = field(default_factory=list)

    def interests_of(self, person_id: str) -> list[Interest]:
        return [i for i in self.interests if i.person_id == person_id]

    def voting_members(self, body_id: str, on: date) -> list[Membership]:
        return [
            m
            for m in self.memberships
            if m.body_id == body_id and m.voting and m.active_on(on)
        ]

    def person_name(self, person_id: str | None) -> str:
        if person_id is None:
            return ""
        p = self.people.get(person_id)
        return p.name if p else person_id

    def body_name(self, body_id: str | None) -> str:
        if body_id is None:
            return ""
        b = self.bodies.get(body_id)
        return b.name if b else body_id
