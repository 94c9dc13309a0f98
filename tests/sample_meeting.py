"""A rich, obviously fictional meeting for the export tests and benchmarks.

Independent of storage and of the demo county, so the documents can be built
and looked at from plain domain values alone.  Test code, not shipped: tests
import it as ``sample_meeting`` (pytest puts ``tests/`` on the path through
its conftest), benchmarks as ``tests.sample_meeting``.
"""

from __future__ import annotations

from datetime import date, time

from lmcdesk.domain.enums import (
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
    OrganisationRole,
    VoteChoice,
)
from lmcdesk.domain.model import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Declaration,
    Directory,
    GiftOffer,
    Interest,
    ItemOrganisation,
    Meeting,
    Membership,
    Paper,
    Person,
    QuorumRule,
    Vote,
)

LOCALITY = "loamshire-north-locality"
FEDERATION = "loamshire-federation"
FED_CO = "loamshire-federation-ltd"
PRACTICE_A = "barleyfield-surgery"
PRACTICE_B = "meadowbank-practice"
PHARMACY = "loam-valley-pharmacy"

PEOPLE = {
    "dr-alys-example": "Dr Alys Example",
    "dr-ben-sample": "Dr Ben Sample",
    "dr-cara-placeholder": "Dr Cara Placeholder",
    "dr-dev-fictional": "Dr Dev Fictional",
    "ms-erin-dummy": "Ms Erin Dummy",
    "mr-finn-testcase": "Mr Finn Testcase",
    "dr-gita-mock": "Dr Gita Mock",
    "dr-hal-instance": "Dr Hal Instance",
    "mrs-iris-notreal": "Mrs Iris Notreal",
    "mr-jon-specimen": "Mr Jon Specimen",
}


def sample_directory() -> Directory:
    d = Directory()
    for bid, name, btype, parent in [
        (LOCALITY, "Loamshire North Locality Commissioning Group", BodyType.LOCALITY, None),
        (FEDERATION, "Loamshire GP Federation", BodyType.FEDERATION, None),
        (FED_CO, "Loamshire Federation Services Ltd", BodyType.FEDERATION_COMPANY, FEDERATION),
        (PRACTICE_A, "Barleyfield Surgery", BodyType.PRACTICE, None),
        (PRACTICE_B, "Meadowbank Practice", BodyType.PRACTICE, None),
        (PHARMACY, "Loam Valley Pharmacy", BodyType.OTHER_PROVIDER, None),
    ]:
        d.bodies[bid] = Body(bid, name, btype, parent_id=parent)
    d.bodies[LOCALITY].quorum = QuorumRule(minimum=3)
    for pid, name in PEOPLE.items():
        d.people[pid] = Person(pid, name, email=pid + "@example.invalid")
    voting = ["dr-alys-example", "dr-ben-sample", "dr-cara-placeholder", "dr-dev-fictional",
              "ms-erin-dummy", "dr-gita-mock", "dr-hal-instance"]
    for n, pid in enumerate(voting):
        role = MembershipRole.CHAIR if pid == "dr-alys-example" else (
            MembershipRole.VICE_CHAIR if pid == "dr-ben-sample" else MembershipRole.MEMBER)
        d.memberships.append(Membership(f"m-{n}", pid, LOCALITY, role, True, date(2020, 4, 1)))
    d.memberships.append(Membership("m-sec", "mrs-iris-notreal", LOCALITY, MembershipRole.SECRETARY, False))
    d.interests += [
        Interest("i-alys-fedco", "dr-alys-example", InterestType.FINANCIAL, FED_CO, "",
                 "Director and shareholder", valid_from=date(2019, 6, 1), declared_on=date(2019, 6, 1)),
        Interest("i-alys-barley", "dr-alys-example", InterestType.FINANCIAL, PRACTICE_A, "",
                 "GP partner", valid_from=date(2012, 9, 1)),
        Interest("i-ben-meadow", "dr-ben-sample", InterestType.FINANCIAL, PRACTICE_B, "",
                 "GP partner", valid_from=date(2015, 1, 1)),
        Interest("i-cara-fed", "dr-cara-placeholder", InterestType.NON_FINANCIAL_PROFESSIONAL,
                 FEDERATION, "", "Clinical lead for frailty (unpaid)", valid_from=date(2022, 2, 1)),
        Interest("i-dev-pharm", "dr-dev-fictional", InterestType.INDIRECT, PHARMACY, "",
                 "Spouse is superintendent pharmacist", valid_from=date(2021, 5, 1)),
        Interest("i-dev-old", "dr-dev-fictional", InterestType.FINANCIAL, None, "Loamshire Out-of-Hours CIC",
                 "Sessional GP (ended)", valid_from=date(2016, 1, 1), valid_to=date(2021, 3, 31)),
        Interest("i-erin-nil", "ms-erin-dummy", nil_return=True, declared_on=date(2024, 4, 2)),
        Interest("i-gita-barley", "dr-gita-mock", InterestType.FINANCIAL, PRACTICE_A, "",
                 "Salaried GP", valid_from=date(2023, 8, 1)),
        Interest("i-hal-univ", "dr-hal-instance", InterestType.NON_FINANCIAL_PERSONAL, None,
                 "Loamshire Medical School", "Trustee of the alumni charity", valid_from=date(2018, 1, 1)),
    ]
    d.gifts += [
        GiftOffer("g-1", "dr-alys-example", "Fictional Pharma plc", "Dinner at a product launch",
                  date(2024, 11, 5), 6500, False, LOCALITY, date(2024, 11, 6), "Declined"),
        GiftOffer("g-2", "dr-ben-sample", "Loam Valley Pharmacy", "Box of biscuits at Christmas",
                  date(2024, 12, 18), 1200, True, None, date(2024, 12, 20), "Shared with practice staff"),
    ]
    for i in d.interests:
        i.reviewed_on = date(2024, 10, 1)
    return d


def _standard_item(n: int, kind: BusinessKind) -> AgendaItem:
    return AgendaItem(
        id=f"item-extra-{n}",
        title=f"Locality update {n}: fictional service review",
        business_kind=kind,
        planned_minutes=10,
        presenter_id="dr-hal-instance",
        discussion=(
            "The group received the fictional service review. Members asked about waiting times, "
            "staffing and the estates plan, and the lead agreed to bring figures to the next meeting.\n\n"
            "The group noted the report."
        ),
        decisions=[Decision(f"dec-extra-{n}", "The group noted the report.", DecisionOutcome.NOTED,
                            by_consensus=True)],
    )


def sample_meeting(extra_items: int = 0) -> tuple[Directory, Meeting]:
    """The directory and one meeting with every kind of record the minutes show.

    ``extra_items`` adds plain business items (for benchmarks)."""
    d = sample_directory()
    m = Meeting(
        id="meeting-2025-01-14",
        body_id=LOCALITY,
        date=date(2025, 1, 14),
        kind=MeetingKind.COMMISSIONING,
        title="Locality commissioning meeting",
        start_time=time(13, 30),
        end_time=time(16, 5),
        venue="Committee Room 2, Loamshire Civic Centre (fictional)",
        chair_id="dr-alys-example",
        vice_chair_id="dr-ben-sample",
        previous_minutes_note=(
            "The minutes of the meeting held on 10 December 2024 were approved as a true record, "
            "subject to one amendment at item 6: 'twelve practices' should read 'eleven practices'."
        ),
        next_meeting=date(2025, 2, 11),
    )
    m.attendance = [
        Attendance("a-1", "dr-alys-example"),
        Attendance("a-2", "dr-ben-sample"),
        Attendance("a-3", "dr-cara-placeholder", arrived_time=time(13, 40), arrived_at_item_id="item-5"),
        Attendance("a-4", "dr-dev-fictional", departed_time=time(15, 40), departed_after_item_id="item-8"),
        Attendance("a-5", "ms-erin-dummy", capacity=Capacity.CO_OPTED),
        Attendance("a-6", "dr-gita-mock", status=AttendanceStatus.APOLOGIES),
        Attendance("a-7", "dr-hal-instance", status=AttendanceStatus.ABSENT),
        Attendance("a-8", "mr-finn-testcase", capacity=Capacity.LMC_OFFICER, voting=False),
        Attendance("a-9", "mrs-iris-notreal", capacity=Capacity.MINUTE_TAKER, voting=False),
        Attendance("a-10", "mr-jon-specimen", capacity=Capacity.OBSERVER, voting=False,
                   representing_id=FEDERATION),
    ]
    items = [
        AgendaItem("item-1", "Welcome and apologies", item_type=ItemType.APOLOGIES,
                   business_kind=BusinessKind.GENERAL,
                   discussion="The chair welcomed members. Apologies were received from Dr Gita Mock."),
        AgendaItem("item-2", "Declarations of interest", item_type=ItemType.DECLARATIONS,
                   business_kind=BusinessKind.GENERAL,
                   discussion="The chair reminded members of their duty to declare interests. "
                              "Declarations made at individual items are recorded at those items."),
        AgendaItem("item-3", "Minutes of the previous meeting", item_type=ItemType.PREVIOUS_MINUTES,
                   business_kind=BusinessKind.GENERAL),
        AgendaItem("item-4", "Matters arising and action log", item_type=ItemType.MATTERS_ARISING,
                   business_kind=BusinessKind.GENERAL,
                   discussion="Action 2024-11/3 (estates survey) is complete. Other actions are carried "
                              "forward as shown in the action log."),
        AgendaItem(
            "item-5", "Frailty service: award of locality contract",
            business_kind=BusinessKind.COMMISSIONING, planned_minutes=25, presenter_id="mr-finn-testcase",
            organisations=[ItemOrganisation(FED_CO, OrganisationRole.BIDDING),
                           ItemOrganisation(PRACTICE_A, OrganisationRole.AFFECTED)],
            papers=[Paper("p-1", "Frailty service evaluation report", "frailty-evaluation.pdf"),
                    Paper("p-2", "Scoring matrix (redacted)", "scoring.pdf")],
            started_at=time(13, 45), ended_at=time(14, 20), acting_chair_id="dr-ben-sample",
            discussion=(
                "Dr Alys Example (chair) declared a financial interest as a director of Loamshire "
                "Federation Services Ltd, a bidder, and left the room. Dr Ben Sample (vice-chair) "
                "took the chair for this item.\n\n"
                "The evaluation panel presented the scoring. Members discussed continuity of care "
                "for housebound patients & the transfer of staff."
            ),
            declarations=[
                Declaration("d-1", "dr-alys-example", "i-alys-fedco", action=ConflictAction.WITHDREW,
                            decided_by_id="dr-ben-sample", time_out=time(13, 45), time_in=time(14, 20)),
                Declaration("d-2", "dr-cara-placeholder", "i-cara-fed",
                            action=ConflictAction.DISCUSSION_NO_VOTE, decided_by_id="dr-ben-sample",
                            reason="Clinical knowledge of the current service was useful to the discussion."),
            ],
            decisions=[Decision("dec-1", "The group agreed to award the locality frailty contract for "
                                "three years from 1 April 2025 to Loamshire Federation Services Ltd.",
                                DecisionOutcome.AGREED, votes_for=2, votes_against=0, abstentions=1,
                                votes=[Vote("dr-ben-sample", VoteChoice.FOR),
                                       Vote("dr-dev-fictional", VoteChoice.FOR),
                                       Vote("ms-erin-dummy", VoteChoice.ABSTAIN)],
                                participants=["dr-ben-sample", "dr-dev-fictional", "ms-erin-dummy"],
                                award_to_id=FED_CO)],
        ),
        AgendaItem(
            "item-6", "Federation extended-access rota", business_kind=BusinessKind.PROVISION,
            planned_minutes=15, presenter_id="mr-jon-specimen", started_at=time(14, 25),
            papers=[Paper("p-3", "Rota proposal", "rota.pdf")],
            discussion="The federation described the proposed rota. As provider business it was noted only.",
            decisions=[Decision("dec-2", "The group noted the rota proposal.", DecisionOutcome.NOTED,
                                by_consensus=True)],
        ),
        AgendaItem(
            "item-7", "Joint winter plan with the federation", business_kind=BusinessKind.JOINT,
            planned_minutes=20, presenter_id="dr-ben-sample", started_at=time(14, 45),
            discussion="Members agreed the joint escalation arrangements.",
            declarations=[Declaration("d-3", "dr-dev-fictional", "i-dev-pharm",
                                      action=ConflictAction.NOTED_FULL_PARTICIPATION,
                                      decided_by_id="dr-alys-example",
                                      reason="Interest is remote; the plan does not involve pharmacy contracts.")],
            decisions=[Decision("dec-3", "The joint winter plan was agreed.", DecisionOutcome.AGREED,
                                by_consensus=True,
                                participants=["dr-alys-example", "dr-ben-sample", "dr-cara-placeholder",
                                              "dr-dev-fictional", "ms-erin-dummy"])],
        ),
        AgendaItem(
            "item-8", "Staffing matter at a member practice", business_kind=BusinessKind.GENERAL,
            part=ItemPart.PART_II, started_at=time(15, 10),
            exclusion_reason="Information about individual members of staff (confidential personnel matter).",
            papers=[Paper("p-4", "Confidential HR note on Meadowbank staffing", "hr-note.pdf", confidential=True)],
            discussion="SECRET-PERSONNEL-DETAIL: the group discussed the Meadowbank locum arrangements.",
            declarations=[Declaration("d-4", "dr-ben-sample", "i-ben-meadow", action=ConflictAction.WITHDREW,
                                      decided_by_id="dr-alys-example", time_out=time(15, 10),
                                      time_in=time(15, 30))],
            decisions=[Decision("dec-4", "SECRET-RESOLUTION: locum support to continue until March.",
                                DecisionOutcome.AGREED, by_consensus=True,
                                participants=["dr-alys-example", "dr-cara-placeholder", "dr-dev-fictional"])],
        ),
        AgendaItem("item-9", "Any other business", item_type=ItemType.AOB, business_kind=BusinessKind.GENERAL,
                   discussion="Ms Erin Dummy asked that the February meeting be held online. Agreed."),
    ]
    for n in range(extra_items):
        kind = [BusinessKind.COMMISSIONING, BusinessKind.PROVISION, BusinessKind.JOINT, BusinessKind.GENERAL][n % 4]
        extra = _standard_item(n + 1, kind)
        items.insert(7 + n, extra)
    m.items = items
    m.number_items()
    m.actions = [
        Action("act-1", "Bring waiting-time figures for the frailty service", "mr-finn-testcase",
               date(2025, 2, 11), ActionStatus.OPEN, "item-5"),
        Action("act-2", "Circulate the final winter plan to practices", "dr-ben-sample",
               date(2025, 1, 21), ActionStatus.OPEN, "item-7"),
        Action("act-3", "SECRET-ACTION: review locum cover at Meadowbank", "dr-alys-example",
               date(2025, 3, 1), ActionStatus.OPEN, "item-8"),
        Action("act-4", "Estates survey of locality premises", "dr-cara-placeholder",
               date(2024, 12, 31), ActionStatus.DONE, None),
        Action("act-5", "Update the locality website", "mrs-iris-notreal", date(2024, 12, 10),
               ActionStatus.CARRIED_FORWARD, None),
    ]
    return d, m
