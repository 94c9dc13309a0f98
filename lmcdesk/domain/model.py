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
from lmcdesk.errors import ApprovalRefused, InvalidInput, MinutesLocked, NotFound


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

    def out_of_room(self, person_id: str) -> bool:
        """``person_id`` left the room for this item and has not come back
        (``Meeting.return_to_room`` records their return; ``withdraw`` is refused meanwhile)."""
        return any(d.person_id == person_id and _out_of_room(d) for d in self.declarations)


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
    """One approved version of a meeting's minutes.

    ``snapshot`` is the canonical JSON of the approved record and
    ``fingerprint`` its SHA-256 (what the seal chain links).  What the minutes
    *print* is frozen separately, as the full and public documents and their
    signed PDFs (``lmcdesk.domain.records.ApprovedDocument``).  ``statement``
    is the canonical text of everything about this version that the body's
    key signed (``lmcdesk.services.approval.statement``) and ``signature`` the
    detached signature over it (base64 of a CMS signature; empty until
    signed).  ``frozen_on_upgrade``: approved before LMC Desk froze and signed
    minutes; its documents were made once, from the record as it stood then.
    """

    version: int
    approved_by: str  # the name of whoever signed, as at approval (older records: free text)
    approved_at: datetime  # when the approval was recorded
    fingerprint: str  # SHA-256 of the canonical approved content (the snapshot)
    change_note: str = ""  # for a correction: what changed
    snapshot: str = ""  # canonical JSON of the approved content
    approved_on: date | None = None  # the date approved: the approving meeting's, or by circulation
    approving_meeting_id: str | None = None  # the meeting that approved them; None: by circulation
    signed_by_person_id: str | None = None  # who signed (the person chairing), from the record
    signed_by_name: str = ""  # their name as at approval
    amendment: str = ""  # "amended to read ..." agreed when approving
    frozen_on_upgrade: bool = False
    cert_fingerprint: str = ""  # SHA-256 of the certificate that signed (hex)
    statement: str = ""  # canonical JSON of what was signed
    signature: str = ""  # base64 detached CMS signature over ``statement``

    @property
    def by_circulation(self) -> bool:
        """Approved by circulation (older approvals recorded no meeting either, nor who signed)."""
        return self.approving_meeting_id is None and self.signed_by_person_id is not None


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

    @property
    def next_version(self) -> int:
        """The number the next approval of these minutes will carry."""
        return max((v.version for v in self.versions), default=0) + 1

    # -- the agenda: one numbering, here and nowhere else

    def number_items(self) -> None:
        """Put ``items`` in agenda order and number them 1, 2, 3 ...

        Agenda order is the order of the positions the items carry (ties keep
        their order in the list); an item never numbered (position 0) goes
        after the numbered ones, in list order.  A meeting loaded from the
        record or a file is numbered already, so this changes nothing there;
        it settles a meeting built by hand, or positions that repeat or have
        gaps (a file written by hand, a pack merged from two PCs).

        Approved minutes keep the numbers they were approved with: their
        fingerprint covers them."""
        if self.is_approved:
            return
        self.items.sort(key=lambda it: (it.position <= 0, it.position))
        self._renumber()

    def _renumber(self) -> None:
        for n, it in enumerate(self.items, start=1):
            it.position = n

    def add_item(self, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Put ``item`` on the agenda at 0-based ``index`` (at the end when
        ``None``); the items after it move down one."""
        self._refuse_if_approved("add an item to")
        if any(it.id == item.id for it in self.items):
            raise InvalidInput(f"Item {self.item(item.id).position} is already on the agenda.")
        self.number_items()
        self.items.insert(len(self.items) if index is None else max(0, index), item)
        self._renumber()
        return item

    def move_item(self, item_id: str, index: int) -> None:
        """Move an item to 0-based ``index`` in agenda order (past the end:
        last)."""
        self._refuse_if_approved("reorder the agenda of")
        item = self._agenda_item(item_id)
        self.number_items()
        self.items.remove(item)
        self.items.insert(max(0, index), item)
        self._renumber()

    def remove_item(self, item_id: str) -> AgendaItem:
        """Take an item off the agenda with what was recorded at it.  Actions
        that arose from it stay, no longer tied to an item; arrivals and
        departures recorded against it are forgotten (the record does the
        same when the item's row goes)."""
        self._refuse_if_approved("remove an item from")
        item = self._agenda_item(item_id)
        self.items.remove(item)
        for action in self.actions:
            if action.item_id == item_id:
                action.item_id = None
        for att in self.attendance:
            if att.arrived_at_item_id == item_id:
                att.arrived_at_item_id = None
            if att.departed_after_item_id == item_id:
                att.departed_after_item_id = None
        self.number_items()
        return item

    # -- leaving the room for a conflict, and coming back

    def withdraw(self, item_id: str, person_id: str, at: time | None,
                 action: ConflictAction = ConflictAction.WITHDREW, *,
                 nature: str = "", decided_by_id: str | None = None) -> Declaration:
        """Record that ``person_id`` left the room at ``at`` for this item.

        Their declaration at the item says so (the first one, when they made
        several); without one, a placeholder declaration is added, decided by
        the item's acting chair or the meeting's chair, for the secretary to
        complete.  A declaration holds one absence: leaving again after coming
        back records the later absence.  Refused while they are still out."""
        self._refuse_if_approved("record a withdrawal in")
        item = self._agenda_item(item_id)
        mine = [d for d in item.declarations if d.person_id == person_id]
        for d in mine:
            if _out_of_room(d) and d.time_out is not None:
                raise InvalidInput(
                    f"They are already recorded as out of the room for item {item.position} since "
                    f"{d.time_out:%H:%M}. Record their return first."
                )
        if mine:
            declaration = next((d for d in mine if _out_of_room(d)), mine[0])
            declaration.action = action
            declaration.time_out, declaration.time_in = at, None
            declaration.nature = declaration.nature or nature
            declaration.decided_by_id = declaration.decided_by_id or decided_by_id
            return declaration
        declaration = Declaration(
            id=new_id(), person_id=person_id, action=action, time_out=at,
            nature=nature or "Withdrew (declaration to complete)",
            decided_by_id=decided_by_id or item.acting_chair_id or self.chair_id,
        )
        item.declarations.append(declaration)
        return declaration

    def return_to_room(self, item_id: str, person_id: str, at: time | None) -> Declaration:
        """Record that ``person_id`` came back into the room at ``at``: the
        time goes on their open withdrawal at this item."""
        self._refuse_if_approved("record a return in")
        item = self._agenda_item(item_id)
        out = [d for d in item.declarations if d.person_id == person_id and _out_of_room(d)]
        if not out:
            raise InvalidInput(
                f"They are not recorded as out of the room for item {item.position}, so there is no "
                "return to record. Record their withdrawal first."
            )
        if at is None:
            raise InvalidInput("Give the time they came back into the room.")
        for d in out:
            if d.time_out is not None and at < d.time_out:
                raise InvalidInput(
                    f"They cannot come back at {at:%H:%M}, before they left at {d.time_out:%H:%M}."
                )
        for d in out:
            d.time_in = at
        return out[0]

    # -- approval and correction

    def approve(self, version: MinutesVersion) -> None:
        """Approve the minutes as ``version`` (the next number)."""
        if self.is_approved:
            raise ApprovalRefused(
                f"These minutes are already approved (version {self.next_version - 1}). "
                "To change them, begin a correction."
            )
        if version.version != self.next_version:
            raise ValueError(f"version {version.version} given, {self.next_version} expected")
        self.versions.append(version)
        self.status = MinutesStatus.APPROVED

    def begin_correction(self) -> int:
        """Reopen approved minutes as a draft; returns the number its next
        approval will carry.  The approved versions stay as they were."""
        if not self.is_approved:
            raise InvalidInput(
                "Only approved minutes need a correction; these are still a draft and can be edited."
            )
        self.status = MinutesStatus.DRAFT
        return self.next_version

    def _agenda_item(self, item_id: str) -> AgendaItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise NotFound("That item is no longer on the agenda of this meeting.")

    def _refuse_if_approved(self, what: str) -> None:
        if self.is_approved:
            raise MinutesLocked(
                f"These minutes are approved, so you cannot {what} them. "
                "To change them, begin a correction."
            )


def _out_of_room(d: Declaration) -> bool:
    """The declaration records someone who left the room and has not come back."""
    return (d.action == ConflictAction.WITHDREW or d.time_out is not None) and d.time_in is None


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
