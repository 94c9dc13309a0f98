"""A meeting that uses every field and list of the aggregate, and its directory."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from fractions import Fraction

from lmcdesk.domain import (
    Action,
    ActionStatus,
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
    GiftOffer,
    Interest,
    InterestType,
    ItemOrganisation,
    ItemPart,
    ItemType,
    Meeting,
    MeetingKind,
    Membership,
    MembershipRole,
    MinutesVersion,
    OrganisationRole,
    Paper,
    Person,
    QuorumRule,
    Vote,
    VoteChoice,
)


def rich_directory() -> Directory:
    d = Directory()
    for b in (
        Body("loam-north", "Loamshire North Locality", BodyType.LOCALITY,
             quorum=QuorumRule(minimum=3, fraction=Fraction(1, 2), withdrawn_count=False)),
        Body("fed", "Loamshire Example Federation", BodyType.FEDERATION, notes="fictional"),
        Body("fedco", "Loamshire Example Federation Ltd", BodyType.FEDERATION_COMPANY, parent_id="fed",
             quorum=QuorumRule()),
        Body("practice", "Example Street Surgery", BodyType.PRACTICE),
    ):
        d.bodies[b.id] = b
    for pid, name in (("alys", "Dr Alys Example"), ("bryn", "Dr Bryn Example"),
                      ("cerys", "Ms Cerys Example"), ("dai", "Mr Dai Example")):
        d.people[pid] = Person(pid, name, email=f"{pid}@example.invalid")
    d.people["dai"].active = False
    d.memberships = [
        Membership("mb1", "alys", "loam-north", MembershipRole.CHAIR, True, date(2024, 4, 1)),
        Membership("mb2", "bryn", "loam-north", start=date(2024, 4, 1), end=date(2027, 3, 31)),
        Membership("mb3", "bryn", "fedco", MembershipRole.DIRECTOR, voting=False),
    ]
    d.interests = [
        Interest("int1", "bryn", InterestType.FINANCIAL, "fedco", "Loamshire Example Federation Ltd",
                 "Director and shareholder", date(2023, 1, 1), None, date(2025, 5, 1), date(2025, 11, 1)),
        Interest("int2", "alys", nil_return=True, declared_on=date(2025, 5, 1)),
    ]
    d.gifts = [GiftOffer("g1", "cerys", "Example Pharma", "Dinner", date(2025, 9, 1), 4500, False,
                         "loam-north", date(2025, 9, 2), "declined")]
    return d


def rich_meeting(mid: str = "m-rich") -> Meeting:
    it1 = AgendaItem(
        id=f"{mid}-i1", title="Extended access: award of the physiotherapy contract", position=1,
        business_kind=BusinessKind.COMMISSIONING, item_type=ItemType.STANDARD, part=ItemPart.PART_II,
        exclusion_reason="Commercially sensitive bids",
        organisations=[ItemOrganisation("fedco", OrganisationRole.BIDDING),
                       ItemOrganisation("practice", OrganisationRole.AFFECTED)],
        papers=[Paper(f"{mid}-p1", "Evaluation report", "eval.pdf", "a" * 64, 1234, True),
                Paper(f"{mid}-p2", "Service specification")],
        presenter_id="cerys", planned_minutes=20,
        discussion='The group\'s "preferred" bid was discussed; Dr Bryn Example withdrew.',
        acting_chair_id="alys", started_at=time(19, 5), ended_at=time(19, 40, 30),
        declarations=[Declaration(f"{mid}-dc1", "bryn", "int1", "Director of a bidder",
                                  InterestType.FINANCIAL, "fedco", ConflictAction.WITHDREW, "alys",
                                  time(19, 6), time(19, 39), "Bidder")],
        decisions=[Decision(f"{mid}-d1", "Award the contract to the Federation Ltd",
                            DecisionOutcome.AGREED, 3, 0, 1,
                            votes=[Vote("alys", VoteChoice.FOR), Vote("cerys", VoteChoice.ABSTAIN)],
                            participants=["alys", "cerys"], award_to_id="fedco"),
                   Decision(f"{mid}-d2", "Review in a year", DecisionOutcome.NOTED, by_consensus=True)],
    )
    it2 = AgendaItem(f"{mid}-i2", "Apologies", 2, BusinessKind.GENERAL, ItemType.APOLOGIES)
    it3 = AgendaItem(f"{mid}-i3", "Any other business", 3, BusinessKind.GENERAL, ItemType.AOB,
                     discussion="None.")
    return Meeting(
        id=mid, body_id="loam-north", date=date(2026, 3, 12), kind=MeetingKind.COMMISSIONING,
        title="Loamshire North Locality Board", start_time=time(19, 0), end_time=time(21, 0),
        venue="Example Village Hall", chair_id="alys", vice_chair_id="bryn",
        previous_minutes_note="Approved as a true record", next_meeting=date(2026, 4, 9),
        attendance=[
            Attendance(f"{mid}-at1", "alys"),
            Attendance(f"{mid}-at2", "bryn", arrived_time=time(19, 2), arrived_at_item_id=f"{mid}-i1",
                       departed_time=time(20, 50), departed_after_item_id=f"{mid}-i3"),
            Attendance(f"{mid}-at3", "cerys", AttendanceStatus.SUBSTITUTE, Capacity.CO_OPTED, True,
                       substitute_for_id="dai", representing_id="practice"),
            Attendance(f"{mid}-at4", "dai", AttendanceStatus.APOLOGIES, Capacity.OBSERVER, False),
        ],
        items=[it1, it2, it3],
        actions=[
            Action(f"{mid}-a1", "Notify the bidders", "cerys", date(2026, 3, 19), ActionStatus.OPEN,
                   f"{mid}-i1", "by letter"),
            Action(f"{mid}-a2", "Book next room", None, None, ActionStatus.CARRIED_FORWARD),
        ],
        versions=[MinutesVersion(1, "Dr Alys Example", datetime(2026, 4, 9, 20, 15, tzinfo=timezone.utc),
                                 "f" * 64, "", '{"snapshot": true}')],
    )
