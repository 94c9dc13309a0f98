"""A small builder for meetings and directories in unit tests.

    b = MeetingBuilder()                     # Loamshire North locality, commissioning, 12 March 2026
    chair = b.person("chair", "Dr Alys Example", chair=True)
    gp = b.person("gp", "Dr Bryn Example")
    fed = b.body("fed", "Loamshire Federation", BodyType.FEDERATION)
    b.interest("gp", "fed")
    item = b.item("Extended access contract", bidding=["fed"])
    b.declare(item, "gp")                     # withdrew, decided by the chair, times recorded
    b.decide(item, votes_for=2)
    meeting, directory = b.meeting, b.directory

Every person added gets a membership of the meeting's body (when voting), an
attendance row and a fresh register entry (a nil return unless they are given
an interest), so a meeting built this way is clean until a test breaks it.
``clean_commissioning_meeting()`` is such a meeting with a declared and
managed conflict; tests break one thing and watch one rule fire.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from lmcdesk.domain import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    BodyType,
    BusinessKind,
    Capacity,
    ConflictAction,
    Decision,
    DecisionOutcome,
    Declaration,
    Directory,
    Interest,
    InterestType,
    ItemOrganisation,
    ItemPart,
    ItemType,
    Meeting,
    MeetingKind,
    Membership,
    OrganisationRole,
    Person,
    QuorumRule,
    Vote,
    VoteChoice,
)

MEETING_DAY = date(2026, 3, 12)


class MeetingBuilder:
    def __init__(
        self,
        *,
        day: date = MEETING_DAY,
        kind: MeetingKind = MeetingKind.COMMISSIONING,
        body_id: str = "north-locality",
        quorum: QuorumRule | None = None,
    ) -> None:
        self.directory = Directory()
        self.directory.bodies[body_id] = Body(
            body_id, "Loamshire North Locality Group", BodyType.LOCALITY, quorum=quorum
        )
        self.meeting = Meeting(
            id="m1", body_id=body_id, date=day, kind=kind, title="Locality meeting", start_time=time(19, 0)
        )
        self._n = 0

    def _id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n}"

    # -- directory
    def body(self, body_id: str, name: str, type: BodyType = BodyType.PRACTICE, parent: str | None = None) -> str:
        self.directory.bodies[body_id] = Body(body_id, name, type, parent_id=parent)
        return body_id

    def person(
        self,
        person_id: str,
        name: str | None = None,
        *,
        capacity: Capacity = Capacity.VOTING_MEMBER,
        status: AttendanceStatus = AttendanceStatus.PRESENT,
        voting: bool = True,
        member: bool = True,
        chair: bool = False,
        register: bool = True,
        **attendance,
    ) -> str:
        """A person at the meeting (``status``/``capacity``) with a nil return
        on the register (``register=False`` for none)."""
        self.directory.people[person_id] = Person(person_id, name or f"Dr {person_id.title()} Example")
        if member and voting and capacity not in (Capacity.OBSERVER, Capacity.IN_ATTENDANCE, Capacity.MINUTE_TAKER):
            self.directory.memberships.append(
                Membership(self._id("ms"), person_id, self.meeting.body_id, start=date(2020, 1, 1))
            )
        self.meeting.attendance.append(
            Attendance(self._id("att"), person_id, status=status, capacity=capacity, voting=voting, **attendance)
        )
        if register:
            self.directory.interests.append(
                Interest(self._id("nil"), person_id, nil_return=True,
                         declared_on=self.meeting.date - timedelta(days=60))
            )
        if chair:
            self.meeting.chair_id = person_id
        return person_id

    def member(self, person_id: str) -> str:
        """A voting member of the body who is not in the attendance list."""
        self.directory.people[person_id] = Person(person_id, f"Dr {person_id.title()} Example")
        self.directory.memberships.append(Membership(self._id("ms"), person_id, self.meeting.body_id))
        return person_id

    def interest(
        self,
        person_id: str,
        organisation_id: str | None = None,
        *,
        organisation_name: str = "",
        type: InterestType = InterestType.FINANCIAL,
        description: str = "Partner",
        declared_on: date | None = None,
        reviewed_on: date | None = None,
        interest_id: str | None = None,
        **kw,
    ) -> Interest:
        """A registered interest (replaces the person's nil return)."""
        self.directory.interests = [
            i for i in self.directory.interests if not (i.person_id == person_id and i.nil_return)
        ]
        i = Interest(
            interest_id or self._id("int"),
            person_id,
            type=type,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            description=description,
            declared_on=declared_on or self.meeting.date - timedelta(days=90),
            reviewed_on=reviewed_on,
            **kw,
        )
        self.directory.interests.append(i)
        return i

    # -- the meeting
    def item(
        self,
        title: str,
        kind: BusinessKind = BusinessKind.COMMISSIONING,
        *,
        affected: list[str] = (),
        bidding: list[str] = (),
        part: ItemPart = ItemPart.PART_I,
        item_type: ItemType = ItemType.STANDARD,
        **kw,
    ) -> AgendaItem:
        it = AgendaItem(
            self._id("item"),
            title,
            business_kind=kind,
            item_type=item_type,
            part=part,
            organisations=[ItemOrganisation(b, OrganisationRole.AFFECTED) for b in affected]
            + [ItemOrganisation(b, OrganisationRole.BIDDING) for b in bidding],
            **kw,
        )
        return self.meeting.add_item(it)

    def declare(
        self,
        item: AgendaItem,
        person_id: str,
        action: ConflictAction = ConflictAction.WITHDREW,
        *,
        interest: Interest | None = None,
        decided_by: str | None = "chair",
        time_out: time | None = time(19, 30),
        time_in: time | None = time(19, 45),
        **kw,
    ) -> Declaration:
        """A declaration at the item; by default linked to the person's first
        registered interest, managed by withdrawal, decided by the chair."""
        if interest is None:
            interest = next(
                (i for i in self.directory.interests if i.person_id == person_id and not i.nil_return), None
            )
        if decided_by == "chair":
            decided_by = self.meeting.chair_id
        d = Declaration(
            self._id("decl"),
            person_id,
            interest_id=interest.id if interest else None,
            nature=kw.pop("nature", interest.description if interest else "New interest"),
            action=action,
            decided_by_id=decided_by,
            time_out=time_out if action == ConflictAction.WITHDREW else None,
            time_in=time_in if action == ConflictAction.WITHDREW else None,
            **kw,
        )
        item.declarations.append(d)
        return d

    def decide(
        self,
        item: AgendaItem,
        resolution: str = "Agreed",
        outcome: DecisionOutcome = DecisionOutcome.AGREED,
        *,
        votes_for: int | None = None,
        votes_against: int | None = None,
        abstentions: int | None = None,
        votes: dict[str, VoteChoice] | None = None,
        participants: list[str] = (),
        consensus: bool = False,
        award_to: str | None = None,
    ) -> Decision:
        d = Decision(
            self._id("dec"),
            resolution,
            outcome=outcome,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            votes=[Vote(p, c) for p, c in (votes or {}).items()],
            participants=list(participants),
            by_consensus=consensus,
            award_to_id=award_to,
        )
        item.decisions.append(d)
        return d

    def attendance(self, person_id: str) -> Attendance:
        a = self.meeting.attendance_of(person_id)
        assert a is not None, person_id
        return a

    def build(self) -> tuple[Meeting, Directory]:
        return self.meeting, self.directory


def clean_commissioning_meeting() -> tuple[MeetingBuilder, AgendaItem]:
    """A commissioning meeting with nothing wrong, and its business item.

    Chair, vice chair and two GPs are voting members (quorum: half of 4 = 2);
    an observer and a minute-taker attend.  Item 1 is the standing
    declarations item; item 2 is the extended access contract, bid for by the
    Loamshire Federation's company.  Dr Bryn Example, a partner in Example
    Street Surgery (a practice in that federation), declared, withdrew and
    did not vote; the other three agreed the award.
    """
    b = MeetingBuilder()
    b.person("chair", "Dr Alys Example", chair=True)
    b.person("vice", "Dr Cai Example")
    b.meeting.vice_chair_id = "vice"
    b.person("gp", "Dr Bryn Example")
    b.person("gp2", "Dr Dilys Example")
    b.person("obs", "Mx Observer Example", capacity=Capacity.OBSERVER, voting=False, register=False)
    b.person("clerk", "Ms Minute Example", capacity=Capacity.MINUTE_TAKER, voting=False, register=False)
    b.body("fed", "Loamshire Federation", BodyType.FEDERATION)
    b.body("fedco", "Loamshire Federation Ltd", BodyType.FEDERATION_COMPANY, parent="fed")
    b.body("surgery", "Example Street Surgery", BodyType.PRACTICE, parent="fed")
    b.interest("gp", "surgery", description="Partner in Example Street Surgery")
    b.item("Declarations of interest", BusinessKind.GENERAL, item_type=ItemType.DECLARATIONS)
    item = b.item("Extended access contract", bidding=["fedco"])
    b.declare(item, "gp")
    b.decide(
        item,
        "Award the extended access contract to Loamshire Federation Ltd",
        votes={"chair": VoteChoice.FOR, "vice": VoteChoice.FOR, "gp2": VoteChoice.FOR},
        votes_for=3,
        votes_against=0,
        abstentions=0,
        award_to="fedco",
    )
    return b, item


__all__ = ["MEETING_DAY", "MeetingBuilder", "clean_commissioning_meeting"]
