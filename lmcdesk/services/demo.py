"""The fictional county of Loamshire, for ``lmcdesk demo`` and for trying the app.

Everything here is invented and meant to look it: the county does not exist and
the people are called Example, Sample, Placeholder, Dummy and so on.  There is
no patient data of any kind.

What the demo contains:

* the Loamshire LMC; the North Loamshire Locality Commissioning Group (the
  commissioner: quorum half of its voting members, members who withdraw for a
  conflict do not count); three GP federations, each with its limited company
  and its member practices; a community physiotherapy CIC and the (fictional)
  integrated care board;
* twenty people with their memberships, roles and voting rights; a register of
  interests using all four types of interest, with a nil return and one entry
  overdue for its annual review; a gifts and hospitality register;
* three past meetings, oldest first:

  1. the North Loamshire GP Federation board deciding to bid for a community
     phlebotomy service (provision business; the bid pricing is a Part II
     item; the board member who chairs the commissioning group withdraws);
  2. the locality commissioning group awarding that service to the
     federation's company: three GPs whose practices own the company declare
     and withdraw, the vice chair takes the chair, the item stays quorate, and
     a second item is managed by "discussion, no vote";
  3. a joint meeting of the locality group and the LMC, a **draft still being
     written**, which deliberately contains two genuine problems so that
     ``lmcdesk check`` shows what the tool is for: Dr Rhian Hypothetical,
     whose practice is in the federation whose company is bidding for the
     anticoagulation service, was present, did not declare and voted; and a
     Part II item has no reason recorded for excluding the public.  (It also
     warns that Dr Dafydd Dummy's register entries are overdue for review.)

  Meetings 1 and 2 are complete and raise no probity findings at all.
  ``create_demo`` stores the three minutes in the three states a record
  shows: meeting 2 approved (at meeting 3, by its chair: a version with its
  fingerprint and seal), meeting 1 a clean draft awaiting approval at the
  board's next meeting (try approving it), meeting 3 a draft with errors.

Dates are placed relative to ``today`` so that the meetings are always recent
and the register looks current; for a given ``today`` the county is always
the same (ids are fixed slugs, not random), which is also how ``create_demo``
recognises a database that already holds it.
"""

from __future__ import annotations

import dataclasses
import io
import logging
from datetime import date, datetime, time, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

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
    OrganisationRole,
    Paper,
    Person,
    QuorumRule,
    Vote,
    VoteChoice,
)

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: Every id in the demo starts with this, so that the demo never collides with
#: a user's own records or an imported example file (which may well use ids
#: like "dr-alys-example" too): the slugs below are written without it and
#: ``build_demo_county`` adds it to every id and reference at the end.
ID_PREFIX = "demo-"

#: The body whose presence in a database means the demo is already there.
DEMO_MARKER_BODY = "demo-loamshire-lmc"

#: Meeting ids, oldest first.
MEETING_IDS = (
    "demo-meeting-federation-bid",
    "demo-meeting-locality-award",
    "demo-meeting-joint-draft",
)

# --------------------------------------------------------------------------- directory

# Body ids
LMC = "loamshire-lmc"
LCG = "north-loamshire-lcg"
ICB = "loamshire-icb"
FED_N, CO_N = "north-loamshire-federation", "north-loamshire-health-ltd"
FED_S, CO_S = "south-loamshire-federation", "south-loamshire-care-ltd"
FED_V, CO_V = "loam-valley-federation", "loam-valley-health-ltd"
PHYSIO = "loamshire-community-physio-cic"

# Practices: id -> (name, federation)
PRACTICES = {
    "loamford-surgery": ("Loamford Surgery", FED_N),
    "millbrook-medical-centre": ("Millbrook Medical Centre", FED_N),
    "fernhill-health-centre": ("Fernhill Health Centre", FED_N),
    "placeholder-lane-surgery": ("Placeholder Lane Surgery", FED_N),
    "sampleton-medical-practice": ("Sampleton Medical Practice", FED_S),
    "exampleby-health-centre": ("Exampleby Health Centre", FED_S),
    "dummyford-medical-group": ("Dummyford Medical Group", FED_S),
    "mockbridge-surgery": ("Mockbridge Surgery", FED_S),
    "notreal-bridge-surgery": ("Notreal Bridge Surgery", FED_V),
    "imaginary-vale-practice": ("Imaginary Vale Practice", FED_V),
}
COMPANY_OF = {FED_N: CO_N, FED_S: CO_S, FED_V: CO_V}

# People: id -> (name, notes)
PEOPLE = {
    "dr-alys-example": ("Dr Alys Example", "GP partner, Loamford Surgery; chair of the locality group"),
    "dr-bryn-sample": ("Dr Bryn Sample", "GP partner, Sampleton Medical Practice; vice chair of the locality group"),
    "ms-cerys-placeholder": ("Ms Cerys Placeholder", "Practice manager, Loamford Surgery"),
    "dr-dafydd-dummy": ("Dr Dafydd Dummy", "GP partner, Imaginary Vale Practice; chair of the LMC"),
    "dr-eira-mock": ("Dr Eira Mock", "Medical secretary of the LMC; salaried GP, Notreal Bridge Surgery"),
    "ms-ffion-specimen": ("Ms Ffion Specimen", "Lay member of the locality group"),
    "dr-gethin-testcase": ("Dr Gethin Testcase", "GP partner, Placeholder Lane Surgery; chair of the North federation"),
    "dr-heledd-fixture": ("Dr Heledd Fixture", "GP partner, Exampleby Health Centre; chair of the South federation"),
    "mr-ioan-stub": ("Mr Ioan Stub", "Chief operating officer, North Loamshire Health Ltd"),
    "ms-jan-trial": ("Ms Jan Trial", "Primary care commissioning manager, Loamshire ICB"),
    "dr-kit-imaginary": ("Dr Kit Imaginary", "GP partner, Notreal Bridge Surgery"),
    "dr-lowri-notreal": ("Dr Lowri Notreal", "GP partner, Imaginary Vale Practice; chair of the Loam Valley federation"),
    "mr-macsen-madeup": ("Mr Macsen Madeup", "Director, Loamshire Community Physio CIC"),
    "ms-nia-fictional": ("Ms Nia Fictional", "Lay member (patient and public involvement) of the locality group"),
    "dr-owain-pretend": ("Dr Owain Pretend", "GP partner, Millbrook Medical Centre"),
    "mr-pryce-invented": ("Mr Pryce Invented", "LMC administrator; takes the minutes"),
    "dr-rhian-hypothetical": ("Dr Rhian Hypothetical", "GP partner, Dummyford Medical Group"),
    "ms-sian-surrogate": ("Ms Siân Surrogate", "Practice manager, Mockbridge Surgery"),
    "dr-tomos-proxy": ("Dr Tomos Proxy", "GP partner, Fernhill Health Centre; director of North Loamshire Health Ltd"),
    "ms-una-standin": ("Ms Una Standin", "Community pharmacist, co-opted to the locality group"),
}

# GP partners: person -> practice
PARTNERS = {
    "dr-alys-example": "loamford-surgery",
    "dr-owain-pretend": "millbrook-medical-centre",
    "dr-tomos-proxy": "fernhill-health-centre",
    "dr-gethin-testcase": "placeholder-lane-surgery",
    "dr-bryn-sample": "sampleton-medical-practice",
    "dr-heledd-fixture": "exampleby-health-centre",
    "dr-rhian-hypothetical": "dummyford-medical-group",
    "dr-kit-imaginary": "notreal-bridge-surgery",
    "dr-dafydd-dummy": "imaginary-vale-practice",
    "dr-lowri-notreal": "imaginary-vale-practice",
}

# Directors of the federation companies: person -> company
DIRECTORS = {
    "dr-gethin-testcase": CO_N,
    "dr-tomos-proxy": CO_N,
    "dr-bryn-sample": CO_S,
    "dr-heledd-fixture": CO_S,
    "dr-lowri-notreal": CO_V,
}


def _slug(*parts: str) -> str:
    return "-".join(parts)


class _CountyBuilder:
    """Collects the directory while the pieces are described."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.d = Directory()
        # Memberships started three years ago; the register was declared a
        # year and a half ago and reviewed five months ago (before all three
        # meetings, within twelve months of today).
        self.since = today - timedelta(days=3 * 365)
        self.declared = today - timedelta(days=540)
        self.reviewed = today - timedelta(days=150)

    def body(self, id: str, name: str, type: BodyType, parent_id: str | None = None,
             quorum: QuorumRule | None = None, notes: str = "") -> None:
        self.d.bodies[id] = Body(id=id, name=name, type=type, parent_id=parent_id, quorum=quorum, notes=notes)

    def member(self, person_id: str, body_id: str, role: MembershipRole = MembershipRole.MEMBER,
               voting: bool = True) -> None:
        self.d.memberships.append(Membership(
            id=_slug("ms", person_id, body_id, role.value),
            person_id=person_id, body_id=body_id, role=role, voting=voting, start=self.since,
        ))

    def interest(self, key: str, person_id: str, type: InterestType, description: str,
                 organisation_id: str | None = None, organisation_name: str = "", **dates) -> str:
        org_name = organisation_name or (self.d.bodies[organisation_id].name if organisation_id else "")
        interest = Interest(
            id=_slug("int", person_id, key),
            person_id=person_id,
            type=type,
            organisation_id=organisation_id,
            organisation_name=org_name,
            description=description,
            valid_from=dates.get("valid_from", self.since),
            valid_to=dates.get("valid_to"),
            declared_on=dates.get("declared_on", self.declared),
            reviewed_on=dates.get("reviewed_on", self.reviewed),
        )
        self.d.interests.append(interest)
        return interest.id


def _directory(today: date) -> Directory:
    c = _CountyBuilder(today)
    half = Fraction(1, 2)
    c.body(LMC, "Loamshire Local Medical Committee", BodyType.LMC, quorum=QuorumRule(minimum=4),
           notes="Fictional LMC for the LMC Desk demonstration. Loamshire does not exist.")
    c.body(LCG, "North Loamshire Locality Commissioning Group", BodyType.LOCALITY,
           quorum=QuorumRule(fraction=half, withdrawn_count=False),
           notes="Commissions enhanced services for the north of the (fictional) county. "
                 "Quorum: half of the voting members; members who withdraw for a conflict do not count.")
    c.body(ICB, "Loamshire Integrated Care Board", BodyType.COMMISSIONER, notes="Fictional.")
    for fed, name, co_name in (
        (FED_N, "North Loamshire GP Federation", "North Loamshire Health Ltd"),
        (FED_S, "South Loamshire Primary Care Federation", "South Loamshire Care Services Ltd"),
        (FED_V, "Loam Valley GP Federation", "Loam Valley Health Services Ltd"),
    ):
        c.body(fed, name, BodyType.FEDERATION, quorum=QuorumRule(fraction=half))
        c.body(COMPANY_OF[fed], co_name, BodyType.FEDERATION_COMPANY, parent_id=fed,
               notes=f"The limited company through which the {name} holds contracts; "
                     "its member practices are its shareholders.")
    for pid, (name, fed) in PRACTICES.items():
        c.body(pid, name, BodyType.PRACTICE, parent_id=fed)
    c.body(PHYSIO, "Loamshire Community Physio CIC", BodyType.OTHER_PROVIDER,
           notes="Community interest company providing MSK physiotherapy (fictional).")

    for pid, (name, notes) in PEOPLE.items():
        email = pid.split("-", 1)[1].replace("-", ".") + "@loamshire.example"
        c.d.people[pid] = Person(id=pid, name=name, email=email, notes=notes)

    # --- memberships
    M = MembershipRole
    for person, practice in PARTNERS.items():
        c.member(person, practice, M.PARTNER)
    c.member("dr-eira-mock", "notreal-bridge-surgery", M.SALARIED_GP, voting=False)
    c.member("ms-cerys-placeholder", "loamford-surgery", M.EMPLOYEE, voting=False)
    c.member("ms-sian-surrogate", "mockbridge-surgery", M.EMPLOYEE, voting=False)
    for person, company in DIRECTORS.items():
        c.member(person, company, M.DIRECTOR)
    c.member("mr-ioan-stub", CO_N, M.EMPLOYEE, voting=False)
    c.member("mr-macsen-madeup", PHYSIO, M.DIRECTOR)
    # the commissioning group: nine voting members, so five make a quorum
    c.member("dr-alys-example", LCG, M.CHAIR)
    c.member("dr-bryn-sample", LCG, M.VICE_CHAIR)
    for p in ("dr-owain-pretend", "dr-tomos-proxy", "dr-rhian-hypothetical", "dr-kit-imaginary",
              "ms-nia-fictional", "ms-ffion-specimen"):
        c.member(p, LCG)
    c.member("ms-una-standin", LCG, M.CO_OPTED)
    c.member("ms-jan-trial", LCG, M.OBSERVER, voting=False)
    # federation boards
    c.member("dr-gethin-testcase", FED_N, M.CHAIR)
    c.member("dr-tomos-proxy", FED_N, M.VICE_CHAIR)
    for p in ("dr-alys-example", "dr-owain-pretend", "ms-cerys-placeholder"):
        c.member(p, FED_N)
    c.member("mr-ioan-stub", FED_N, M.OFFICER, voting=False)
    c.member("dr-heledd-fixture", FED_S, M.CHAIR)
    for p in ("dr-bryn-sample", "dr-rhian-hypothetical", "ms-sian-surrogate"):
        c.member(p, FED_S)
    c.member("dr-lowri-notreal", FED_V, M.CHAIR)
    for p in ("dr-kit-imaginary", "dr-dafydd-dummy"):
        c.member(p, FED_V)
    # the LMC
    c.member("dr-dafydd-dummy", LMC, M.CHAIR)
    for p in ("dr-gethin-testcase", "dr-heledd-fixture", "dr-kit-imaginary", "dr-rhian-hypothetical",
              "dr-lowri-notreal"):
        c.member(p, LMC)
    c.member("dr-eira-mock", LMC, M.SECRETARY, voting=False)
    c.member("mr-pryce-invented", LMC, M.OFFICER, voting=False)

    # --- register of interests
    F, NFP, NFPe, IND = (InterestType.FINANCIAL, InterestType.NON_FINANCIAL_PROFESSIONAL,
                         InterestType.NON_FINANCIAL_PERSONAL, InterestType.INDIRECT)
    overdue = {"declared_on": today - timedelta(days=800), "reviewed_on": today - timedelta(days=450)}
    for person, practice in PARTNERS.items():
        fed = PRACTICES[practice][1]
        dates = overdue if person == "dr-dafydd-dummy" else {}
        c.interest("partner", person, F, f"GP partner (profit share) at {PRACTICES[practice][0]}",
                   organisation_id=practice, **dates)
        c.interest("shareholding", person, F,
                   f"Partner in {PRACTICES[practice][0]}, a member practice and shareholder of "
                   f"{c.d.bodies[COMPANY_OF[fed]].name}",
                   organisation_id=COMPANY_OF[fed], **dates)
    for person, company in DIRECTORS.items():
        c.interest("director", person, F, f"Director of {c.d.bodies[company].name} (unpaid)",
                   organisation_id=company)
    c.interest("salaried", "dr-eira-mock", F, "Salaried GP at Notreal Bridge Surgery",
               organisation_id="notreal-bridge-surgery")
    c.interest("employment", "mr-ioan-stub", F, "Employed as chief operating officer",
               organisation_id=CO_N)
    c.interest("employment", "ms-cerys-placeholder", F, "Employed as practice manager",
               organisation_id="loamford-surgery")
    c.interest("employment", "ms-sian-surrogate", F, "Employed as practice manager",
               organisation_id="mockbridge-surgery")
    c.interest("director", "mr-macsen-madeup", F, "Director and employee", organisation_id=PHYSIO)
    c.interest("lcg-chair", "dr-alys-example", NFP,
               "Chair of the North Loamshire Locality Commissioning Group", organisation_id=LCG)
    c.interest("lcg-member", "dr-owain-pretend", NFP,
               "Member of the North Loamshire Locality Commissioning Group", organisation_id=LCG)
    c.interest("lcg-member", "dr-tomos-proxy", NFP,
               "Member of the North Loamshire Locality Commissioning Group", organisation_id=LCG)
    c.interest("lpc", "ms-una-standin", NFP,
               "Member of the Loamshire Local Pharmaceutical Committee",
               organisation_name="Loamshire Local Pharmaceutical Committee")
    c.interest("pharmacy", "ms-una-standin", F, "Owner of a community pharmacy in Loamford",
               organisation_name="Standin Pharmacy, Loamford")
    c.interest("hospice", "dr-owain-pretend", NFPe,
               "Unpaid trustee of a local hospice charity",
               organisation_name="Loamshire Hospice at Home (charity)")
    c.interest("spouse-cic", "ms-nia-fictional", IND,
               "Spouse (Mr Macsen Madeup) is a director of Loamshire Community Physio CIC",
               organisation_id=PHYSIO)
    for person in ("ms-ffion-specimen", "ms-jan-trial"):
        c.d.interests.append(Interest(
            id=_slug("int", person, "nil"), person_id=person, nil_return=True,
            description="Nil return: no interests to declare",
            declared_on=c.reviewed, reviewed_on=c.reviewed,
        ))

    # --- gifts and hospitality
    c.d.gifts += [
        GiftOffer(id="gift-alys-dinner", person_id="dr-alys-example",
                  offered_by="Example Pharmaceuticals Ltd (fictional)",
                  description="Dinner after an evening education meeting", offered_on=today - timedelta(days=200),
                  value_pence=8500, accepted=False, declared_on=today - timedelta(days=198),
                  notes="Declined: supplier of products the group may commission."),
        GiftOffer(id="gift-gethin-conference", person_id="dr-gethin-testcase",
                  offered_by="Sample Diagnostics Ltd (fictional)",
                  description="Conference place and one night's hotel", offered_on=today - timedelta(days=130),
                  value_pence=45000, accepted=False, declared_on=today - timedelta(days=129),
                  notes="Declined."),
        GiftOffer(id="gift-cerys-hamper", person_id="ms-cerys-placeholder",
                  offered_by="Loamshire Community Physio CIC", body_id=PHYSIO,
                  description="Seasonal hamper for the practice team", offered_on=today - timedelta(days=70),
                  value_pence=3500, accepted=True, declared_on=today - timedelta(days=68),
                  notes="Accepted for the whole team; under the £50 threshold."),
        GiftOffer(id="gift-kit-lunch", person_id="dr-kit-imaginary",
                  offered_by="Loam Valley Health Services Ltd", body_id=CO_V,
                  description="Working lunch at a service planning session", offered_on=today - timedelta(days=40),
                  value_pence=1200, accepted=True, declared_on=today - timedelta(days=40)),
    ]
    return c.d


# --------------------------------------------------------------------------- meetings


def _on_weekday(day: date, weekday: int) -> date:
    """The last ``weekday`` (Monday 0) on or before ``day``."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _t(hhmm: str) -> time:
    h, m = hhmm.split(":")
    return time(int(h), int(m))


def _present(pid: str, capacity: Capacity = Capacity.VOTING_MEMBER, voting: bool = True, **kw) -> Attendance:
    return Attendance(id=_slug("att", kw.pop("meeting"), pid), person_id=pid, capacity=capacity,
                      voting=voting and capacity not in (Capacity.OBSERVER, Capacity.IN_ATTENDANCE,
                                                         Capacity.MINUTE_TAKER), **kw)


def _apologies(pid: str, meeting: str) -> Attendance:
    return Attendance(id=_slug("att", meeting, pid), person_id=pid, status=AttendanceStatus.APOLOGIES)


def _paper(key: str, title: str, confidential: bool = False) -> Paper:
    return Paper(id=_slug("paper", key), title=title, filename=f"{key}.pdf", confidential=confidential)


def _standing_items(mid: str, apologies: str, declarations: str, previous: str,
                    previous_participants: list[str], start: str) -> list[AgendaItem]:
    return [
        AgendaItem(id=_slug(mid, "i1"), title="Welcome and apologies", position=1,
                   business_kind=BusinessKind.GENERAL, item_type=ItemType.APOLOGIES,
                   discussion=apologies, started_at=_t(start)),
        AgendaItem(id=_slug(mid, "i2"), title="Declarations of interest", position=2,
                   business_kind=BusinessKind.GENERAL, item_type=ItemType.DECLARATIONS,
                   discussion=declarations),
        AgendaItem(id=_slug(mid, "i3"), title="Minutes of the previous meeting and matters arising", position=3,
                   business_kind=BusinessKind.GENERAL, item_type=ItemType.PREVIOUS_MINUTES,
                   discussion=previous,
                   decisions=[Decision(id=_slug(mid, "d3"), by_consensus=True,
                                       resolution="The minutes of the previous meeting were agreed as an accurate record.",
                                       participants=list(previous_participants))]),
    ]


def _federation_bid_meeting(day: date, award_day: date) -> Meeting:
    """North Loamshire GP Federation board decides to bid (provision business)."""
    mid = "m1"
    chair, vice = "dr-gethin-testcase", "dr-tomos-proxy"
    voters = ["dr-gethin-testcase", "dr-tomos-proxy", "dr-owain-pretend", "ms-cerys-placeholder"]
    attendance = [
        _present(chair, meeting=mid),
        _present(vice, meeting=mid),
        _present("dr-alys-example", meeting=mid),
        _present("dr-owain-pretend", meeting=mid),
        _present("ms-cerys-placeholder", meeting=mid),
        _present("mr-ioan-stub", Capacity.IN_ATTENDANCE, meeting=mid),
        _present("mr-pryce-invented", Capacity.MINUTE_TAKER, meeting=mid),
    ]
    alys_declares = lambda item, t_out, t_in: Declaration(  # noqa: E731
        id=_slug(mid, item, "decl-alys"), person_id="dr-alys-example",
        interest_id="int-dr-alys-example-lcg-chair",
        nature="Chair of the North Loamshire Locality Commissioning Group, which will decide the award.",
        interest_type=InterestType.NON_FINANCIAL_PROFESSIONAL, organisation_id=LCG,
        action=ConflictAction.WITHDREW, decided_by_id=chair, time_out=_t(t_out), time_in=_t(t_in),
        reason="To keep the commissioning decision free of any part in preparing the bid.",
    )
    items = _standing_items(
        mid,
        apologies="The chair welcomed members. All voting members were present; the meeting was quorate.",
        declarations="Declarations were taken at each item (see items 4 and 5).",
        previous="There were no matters arising that were not on the agenda.",
        previous_participants=["dr-gethin-testcase", "dr-tomos-proxy", "dr-alys-example",
                               "dr-owain-pretend", "ms-cerys-placeholder"],
        start="18:30",
    )
    items += [
        AgendaItem(
            id=_slug(mid, "i4"), position=4, business_kind=BusinessKind.PROVISION,
            title="Community phlebotomy enhanced service: decision to bid",
            organisations=[ItemOrganisation(CO_N, OrganisationRole.AFFECTED)],
            papers=[_paper("m1-phlebotomy-bid-appraisal", "Community phlebotomy: bid appraisal")],
            presenter_id="mr-ioan-stub", planned_minutes=25, started_at=_t("18:45"), ended_at=_t("19:10"),
            discussion=(
                "Mr Stub presented the invitation to tender from the North Loamshire Locality Commissioning "
                "Group for a community phlebotomy service across the north of the county, and the appraisal "
                "of whether North Loamshire Health Ltd could deliver it from member practices and two hubs. "
                "The board discussed workforce, training of healthcare assistants and the risk of drawing "
                "staff from practices. Dr Owain Pretend and Dr Tomos Proxy noted that, as members of the "
                "locality group, they would declare and withdraw when the award is decided there."
            ),
            declarations=[
                alys_declares("i4", "18:45", "19:10"),
                Declaration(id=_slug(mid, "i4", "decl-owain"), person_id="dr-owain-pretend",
                            interest_id="int-dr-owain-pretend-lcg-member",
                            nature="Member of the locality group that will commission the service.",
                            interest_type=InterestType.NON_FINANCIAL_PROFESSIONAL, organisation_id=LCG,
                            action=ConflictAction.NOTED_FULL_PARTICIPATION, decided_by_id=chair,
                            reason="Provider-side decision; he will withdraw from the commissioning decision."),
                Declaration(id=_slug(mid, "i4", "decl-tomos"), person_id="dr-tomos-proxy",
                            interest_id="int-dr-tomos-proxy-lcg-member",
                            nature="Member of the locality group that will commission the service.",
                            interest_type=InterestType.NON_FINANCIAL_PROFESSIONAL, organisation_id=LCG,
                            action=ConflictAction.NOTED_FULL_PARTICIPATION, decided_by_id=chair,
                            reason="Provider-side decision; he will withdraw from the commissioning decision."),
            ],
            decisions=[Decision(
                id=_slug(mid, "d4"), outcome=DecisionOutcome.AGREED,
                resolution=("The board agreed that North Loamshire Health Ltd should bid to provide the community "
                            "phlebotomy enhanced service, and delegated the final bid to the chair and the chief "
                            "operating officer within the pricing agreed in Part II."),
                votes_for=4, votes_against=0, abstentions=0,
                votes=[Vote(p, VoteChoice.FOR) for p in voters], participants=list(voters),
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i5"), position=5, business_kind=BusinessKind.PROVISION, part=ItemPart.PART_II,
            title="Phlebotomy bid: pricing and workforce model",
            exclusion_reason=("Commercially sensitive: disclosing the bid price and staffing model before the "
                              "award would prejudice the company's commercial interests."),
            organisations=[ItemOrganisation(CO_N, OrganisationRole.AFFECTED)],
            papers=[_paper("m1-bid-pricing", "Bid pricing and workforce model (confidential)", confidential=True)],
            presenter_id="mr-ioan-stub", planned_minutes=15, started_at=_t("19:10"), ended_at=_t("19:25"),
            discussion=("The board considered the unit price per sample, the hub staffing model and the "
                        "mobilisation costs set out in the confidential paper."),
            declarations=[alys_declares("i5", "19:10", "19:25")],
            decisions=[Decision(
                id=_slug(mid, "d5"), outcome=DecisionOutcome.AGREED,
                resolution="The board agreed the pricing envelope and the hub-and-spoke workforce model for the bid.",
                votes_for=4, votes_against=0, abstentions=0,
                votes=[Vote(p, VoteChoice.FOR) for p in voters], participants=list(voters),
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i6"), position=6, business_kind=BusinessKind.GENERAL, item_type=ItemType.AOB,
            title="Any other business", started_at=_t("19:25"), ended_at=_t("19:30"),
            discussion="Dr Alys Example rejoined the meeting. There was no other business.",
        ),
    ]
    return Meeting(
        id=MEETING_IDS[0], body_id=FED_N, date=day, kind=MeetingKind.PROVIDER,
        title="Board meeting", start_time=_t("18:30"), end_time=_t("19:30"),
        venue="Boardroom, Placeholder Lane Surgery, Loamford (fictional)",
        chair_id=chair, vice_chair_id=vice,
        previous_minutes_note="Agreed without amendment.",
        next_meeting=day + timedelta(days=28),
        attendance=attendance, items=items,
        actions=[
            Action(id=_slug(mid, "a1"), description="Submit the phlebotomy bid by the closing date.",
                   owner_id="mr-ioan-stub", due=award_day - timedelta(days=21), status=ActionStatus.DONE,
                   item_id=_slug(mid, "i4")),
            Action(id=_slug(mid, "a2"), description="Confirm healthcare assistant training places with member practices.",
                   owner_id="ms-cerys-placeholder", due=day + timedelta(days=42),
                   status=ActionStatus.CARRIED_FORWARD, item_id=_slug(mid, "i5"),
                   notes="Two practices still to reply."),
        ],
    )


def _locality_award_meeting(day: date) -> Meeting:
    """The commissioning group awards the phlebotomy service to the federation company."""
    mid = "m2"
    chair, vice = "dr-alys-example", "dr-bryn-sample"
    members = ["dr-alys-example", "dr-bryn-sample", "dr-owain-pretend", "dr-tomos-proxy",
               "dr-rhian-hypothetical", "dr-kit-imaginary", "ms-nia-fictional", "ms-ffion-specimen"]
    attendance = [_present(p, meeting=mid) for p in members if p != "dr-kit-imaginary"]
    attendance += [
        _present("dr-kit-imaginary", meeting=mid, arrived_at_item_id=_slug(mid, "i3"), arrived_time=_t("13:10")),
        _apologies("ms-una-standin", mid),
        _present("ms-jan-trial", Capacity.IN_ATTENDANCE, meeting=mid),
        _present("mr-pryce-invented", Capacity.MINUTE_TAKER, meeting=mid),
    ]
    # Item 4: the north GPs withdraw; five voting members remain, five are needed.
    award_voters = ["dr-bryn-sample", "dr-rhian-hypothetical", "dr-kit-imaginary", "ms-nia-fictional",
                    "ms-ffion-specimen"]

    def withdraws(pid: str, interest: str, nature: str) -> Declaration:
        return Declaration(
            id=_slug(mid, "i4", "decl", pid), person_id=pid, interest_id=interest, nature=nature,
            interest_type=InterestType.FINANCIAL, organisation_id=CO_N,
            action=ConflictAction.WITHDREW, decided_by_id=vice,
            time_out=_t("13:20"), time_in=_t("13:55"),
            reason="Financial interest in the bidding company: left the room for discussion and decision.",
        )

    items = _standing_items(
        mid,
        apologies="Apologies were received from Ms Una Standin. Dr Kit Imaginary arrived during item 3.",
        declarations=("Dr Alys Example, Dr Owain Pretend and Dr Tomos Proxy declared financial interests in "
                      "North Loamshire Health Ltd (item 4). Ms Nia Fictional declared an indirect interest in "
                      "Loamshire Community Physio CIC (item 5)."),
        previous="Matters arising: the MSK activity report requested last time is at item 5.",
        previous_participants=[p for p in members if p != "dr-kit-imaginary"],
        start="13:00",
    )
    items += [
        AgendaItem(
            id=_slug(mid, "i4"), position=4, business_kind=BusinessKind.COMMISSIONING,
            title="Community phlebotomy enhanced service: award of contract",
            organisations=[ItemOrganisation(CO_N, OrganisationRole.BIDDING)],
            papers=[_paper("m2-phlebotomy-evaluation", "Community phlebotomy: specification and bid evaluation")],
            presenter_id="ms-jan-trial", planned_minutes=30, acting_chair_id=vice,
            started_at=_t("13:20"), ended_at=_t("13:55"),
            discussion=(
                "Dr Alys Example (chair), Dr Owain Pretend and Dr Tomos Proxy declared that their practices are "
                "shareholders of North Loamshire Health Ltd, the only bidder (Dr Proxy is also a director), and "
                "left the room at 13:20. Dr Bryn Sample, vice chair, took the chair. Five voting members "
                "remained; the item was quorate. Ms Jan Trial presented the specification and the evaluation "
                "panel's report: the bid met the quality threshold, offered hubs in Loamford and Millbrook and "
                "home visits for housebound patients, and was within the budget. Members asked about "
                "mobilisation and about access for practices outside the federation."
            ),
            declarations=[
                withdraws("dr-alys-example", "int-dr-alys-example-shareholding",
                          "Partner in Loamford Surgery, a shareholder of the bidding company."),
                withdraws("dr-owain-pretend", "int-dr-owain-pretend-shareholding",
                          "Partner in Millbrook Medical Centre, a shareholder of the bidding company."),
                withdraws("dr-tomos-proxy", "int-dr-tomos-proxy-director",
                          "Director of the bidding company; partner in a shareholding practice."),
            ],
            decisions=[Decision(
                id=_slug(mid, "d4"), outcome=DecisionOutcome.AGREED, award_to_id=CO_N,
                resolution=("The group agreed to award the community phlebotomy enhanced service to North "
                            "Loamshire Health Ltd for twelve months, subject to a mobilisation plan open to "
                            "patients of every practice in the locality."),
                votes_for=4, votes_against=0, abstentions=1,
                votes=[Vote("dr-bryn-sample", VoteChoice.FOR), Vote("dr-rhian-hypothetical", VoteChoice.FOR),
                       Vote("dr-kit-imaginary", VoteChoice.ABSTAIN), Vote("ms-nia-fictional", VoteChoice.FOR),
                       Vote("ms-ffion-specimen", VoteChoice.FOR)],
                participants=list(award_voters),
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i5"), position=5, business_kind=BusinessKind.COMMISSIONING,
            title="MSK first contact physiotherapy: extension of contract",
            organisations=[ItemOrganisation(PHYSIO, OrganisationRole.AFFECTED)],
            papers=[_paper("m2-msk-activity", "MSK first contact physiotherapy: activity and outcomes")],
            presenter_id="ms-jan-trial", planned_minutes=15, started_at=_t("13:55"), ended_at=_t("14:10"),
            discussion=(
                "Dr Alys Example, Dr Owain Pretend and Dr Tomos Proxy returned at 13:55 and Dr Example resumed "
                "the chair. Ms Nia Fictional declared that her spouse is a director of the current provider; the "
                "chair agreed she could stay for the discussion but take no part in the decision. Waiting times "
                "had fallen and patient feedback was good."
            ),
            declarations=[Declaration(
                id=_slug(mid, "i5", "decl-nia"), person_id="ms-nia-fictional",
                interest_id="int-ms-nia-fictional-spouse-cic",
                nature="Spouse is a director of Loamshire Community Physio CIC.",
                interest_type=InterestType.INDIRECT, organisation_id=PHYSIO,
                action=ConflictAction.DISCUSSION_NO_VOTE, decided_by_id=chair,
                reason="Indirect interest; her knowledge of patient feedback was useful to the discussion.",
            )],
            decisions=[Decision(
                id=_slug(mid, "d5"), outcome=DecisionOutcome.AGREED, by_consensus=True,
                resolution=("The group agreed to extend the MSK first contact physiotherapy contract with "
                            "Loamshire Community Physio CIC by twelve months on the current terms."),
                participants=[p for p in members if p != "ms-nia-fictional"],
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i6"), position=6, business_kind=BusinessKind.GENERAL, item_type=ItemType.AOB,
            title="Any other business", started_at=_t("14:10"), ended_at=_t("14:15"),
            discussion="Ms Jan Trial reminded members that the register of interests is reviewed each year.",
        ),
    ]
    return Meeting(
        id=MEETING_IDS[1], body_id=LCG, date=day, kind=MeetingKind.COMMISSIONING,
        title="Autumn commissioning round", start_time=_t("13:00"), end_time=_t("14:15"),
        venue="Meeting Room 2, Loamford Community Hall (fictional)",
        chair_id=chair, vice_chair_id=vice,
        previous_minutes_note="Agreed as an accurate record.",
        next_meeting=day + timedelta(days=49),
        attendance=attendance, items=items,
        actions=[
            Action(id=_slug(mid, "a1"), description="Write to North Loamshire Health Ltd confirming the award.",
                   owner_id="ms-jan-trial", due=day + timedelta(days=7), status=ActionStatus.DONE,
                   item_id=_slug(mid, "i4")),
            Action(id=_slug(mid, "a2"), description="Report mobilisation of the phlebotomy service to the group.",
                   owner_id="ms-jan-trial", due=day + timedelta(days=49), status=ActionStatus.CARRIED_FORWARD,
                   item_id=_slug(mid, "i4")),
            Action(id=_slug(mid, "a3"), description="Issue the MSK contract variation.",
                   owner_id="ms-jan-trial", due=day + timedelta(days=21), status=ActionStatus.DONE,
                   item_id=_slug(mid, "i5")),
        ],
    )


def _joint_draft_meeting(day: date) -> Meeting:
    """Joint meeting with the LMC; draft minutes with two genuine problems left in."""
    mid = "m3"
    chair, vice = "dr-alys-example", "dr-bryn-sample"
    members = ["dr-alys-example", "dr-bryn-sample", "dr-owain-pretend", "dr-rhian-hypothetical",
               "dr-kit-imaginary", "ms-nia-fictional", "ms-ffion-specimen", "ms-una-standin"]
    attendance = [_present(p, meeting=mid) for p in members]
    attendance += [
        _apologies("dr-tomos-proxy", mid),
        _present("dr-dafydd-dummy", Capacity.LMC_OFFICER, voting=False, meeting=mid, representing_id=LMC),
        _present("dr-eira-mock", Capacity.LMC_OFFICER, voting=False, meeting=mid, representing_id=LMC,
                 departed_after_item_id=_slug(mid, "i5"), departed_time=_t("14:05")),
        _present("ms-jan-trial", Capacity.IN_ATTENDANCE, meeting=mid),
        _present("mr-pryce-invented", Capacity.MINUTE_TAKER, meeting=mid),
    ]
    anticoag_voters = [p for p in members if p != "dr-bryn-sample"]
    items = _standing_items(
        mid,
        apologies=("Apologies were received from Dr Tomos Proxy. The chair welcomed Dr Dafydd Dummy and "
                   "Dr Eira Mock from Loamshire LMC."),
        declarations="Dr Bryn Sample declared his interests in South Loamshire Care Services Ltd (item 4).",
        previous=("Matters arising: mobilisation of the phlebotomy service is on track "
                  "(action carried forward)."),
        previous_participants=list(members),
        start="13:00",
    )
    items += [
        AgendaItem(
            id=_slug(mid, "i4"), position=4, business_kind=BusinessKind.COMMISSIONING,
            title="Anticoagulation (INR) monitoring enhanced service: award of contract",
            organisations=[ItemOrganisation(CO_S, OrganisationRole.BIDDING)],
            papers=[_paper("m3-anticoag-evaluation", "Anticoagulation monitoring: evaluation of bids")],
            presenter_id="ms-jan-trial", planned_minutes=30, started_at=_t("13:25"), ended_at=_t("13:50"),
            discussion=(
                "Dr Bryn Sample declared that he is a director of South Loamshire Care Services Ltd, the "
                "preferred bidder, and a partner in a shareholding practice, and left the room at 13:25. "
                "Ms Jan Trial presented the evaluation of the two bids for near-patient INR testing in the "
                "south of the locality. [Draft: minute-taker to complete.]"
            ),
            declarations=[Declaration(
                id=_slug(mid, "i4", "decl-bryn"), person_id="dr-bryn-sample",
                interest_id="int-dr-bryn-sample-director",
                nature="Director of the bidding company; partner in a shareholding practice.",
                interest_type=InterestType.FINANCIAL, organisation_id=CO_S,
                action=ConflictAction.WITHDREW, decided_by_id=chair,
                time_out=_t("13:25"), time_in=_t("13:50"),
                reason="Financial interest in the bidding company.",
            )],
            # Deliberate problem 1: Dr Rhian Hypothetical is a partner in Dummyford Medical Group, a
            # shareholder of the bidding company; she was present, did not declare and voted.
            decisions=[Decision(
                id=_slug(mid, "d4"), outcome=DecisionOutcome.AGREED, award_to_id=CO_S,
                resolution=("The group agreed to award the anticoagulation monitoring enhanced service to "
                            "South Loamshire Care Services Ltd for two years."),
                votes_for=5, votes_against=0, abstentions=2,
                votes=[Vote(p, VoteChoice.ABSTAIN if p in ("dr-kit-imaginary", "ms-una-standin") else VoteChoice.FOR)
                       for p in anticoag_voters],
                participants=list(anticoag_voters),
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i5"), position=5, business_kind=BusinessKind.JOINT,
            title="LMC report: changes to the GP contract and local negotiations",
            organisations=[ItemOrganisation(ICB, OrganisationRole.AFFECTED)],
            presenter_id="dr-dafydd-dummy", planned_minutes=20, started_at=_t("13:50"), ended_at=_t("14:05"),
            discussion=(
                "Dr Dafydd Dummy summarised the national contract changes for the coming year and the LMC's "
                "negotiations with the ICB on local enhanced services. Members asked the LMC to raise the "
                "phlebotomy transport costs at its next meeting with the ICB."
            ),
            decisions=[Decision(
                id=_slug(mid, "d5"), outcome=DecisionOutcome.NOTED, by_consensus=True,
                resolution="The group noted the LMC report.", participants=list(members),
            )],
        ),
        AgendaItem(
            # Deliberate problem 2: Part II with no reason recorded for excluding the public.
            id=_slug(mid, "i6"), position=6, business_kind=BusinessKind.GENERAL, part=ItemPart.PART_II,
            title="Locality clinical lead: appointment panel",
            planned_minutes=10, started_at=_t("14:05"), ended_at=_t("14:15"),
            discussion="The group agreed the membership of the appointment panel. [Draft]",
            decisions=[Decision(
                id=_slug(mid, "d6"), outcome=DecisionOutcome.AGREED, by_consensus=True,
                resolution="The chair, the vice chair and Ms Ffion Specimen will form the appointment panel.",
                participants=list(members),
            )],
        ),
        AgendaItem(
            id=_slug(mid, "i7"), position=7, business_kind=BusinessKind.GENERAL, item_type=ItemType.AOB,
            title="Any other business", started_at=_t("14:15"), ended_at=_t("14:20"),
            discussion="None.",
        ),
    ]
    return Meeting(
        id=MEETING_IDS[2], body_id=LCG, date=day, kind=MeetingKind.JOINT,
        title="Joint meeting with Loamshire LMC",
        start_time=_t("13:00"), end_time=_t("14:20"),
        venue="Meeting Room 2, Loamford Community Hall (fictional)",
        chair_id=chair, vice_chair_id=vice,
        previous_minutes_note="Agreed as an accurate record.",
        next_meeting=day + timedelta(days=42),
        attendance=attendance, items=items,
        actions=[
            Action(id=_slug(mid, "a1"), description="Report mobilisation of the phlebotomy service to the group.",
                   owner_id="ms-jan-trial", due=day + timedelta(days=42), status=ActionStatus.OPEN,
                   notes="Carried forward from the previous meeting."),
            Action(id=_slug(mid, "a2"), description="Notify the bidders of the anticoagulation award.",
                   owner_id="ms-jan-trial", due=day + timedelta(days=7), status=ActionStatus.OPEN,
                   item_id=_slug(mid, "i4")),
            Action(id=_slug(mid, "a3"), description="Raise phlebotomy transport costs with the ICB.",
                   owner_id="dr-dafydd-dummy", due=day + timedelta(days=30), status=ActionStatus.OPEN,
                   item_id=_slug(mid, "i5")),
        ],
    )


def build_demo_county(today: date | None = None) -> tuple[Directory, list[Meeting]]:
    """The Loamshire directory and its three past meetings (oldest first).

    Pure and deterministic for a given ``today`` (default: the real today).
    Papers carry titles and file names but no ``sha256``: ``create_demo``
    renders them and stores their bytes.
    """
    today = today or date.today()
    directory = _directory(today)
    joint = _on_weekday(today - timedelta(days=9), 1)  # a Tuesday, a week or two ago
    award = _on_weekday(joint - timedelta(days=42), 1)
    bid = _on_weekday(award - timedelta(days=56), 2)  # a Wednesday evening board
    meetings = [_federation_bid_meeting(bid, award), _locality_award_meeting(award), _joint_draft_meeting(joint)]
    _namespace(directory)
    _namespace(meetings)
    return directory, meetings


def demo_id(slug: str) -> str:
    """The stored id of a demo record written as a slug here (``dr-alys-example``)."""
    return slug if slug.startswith(ID_PREFIX) else ID_PREFIX + slug


def _namespace(obj) -> None:
    """Prefix every id and every reference to one (``*_id``, ``participants``,
    the keys of ``bodies``/``people``) with ``ID_PREFIX``, in place."""
    if isinstance(obj, list):
        for x in obj:
            _namespace(x)
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and (f.name == "id" or f.name.endswith("_id")):
            setattr(obj, f.name, demo_id(value))
        elif f.name == "participants":
            setattr(obj, f.name, [demo_id(p) for p in value])
        elif isinstance(value, dict):
            setattr(obj, f.name, {demo_id(k): v for k, v in value.items()})
            _namespace(list(value.values()))
        elif isinstance(value, list) or dataclasses.is_dataclass(value):
            _namespace(value)


# --------------------------------------------------------------------------- storing it


#: What each fictional paper says (written before its meeting, so no minutes in it).
PAPER_TEXT = {
    "paper-m1-phlebotomy-bid-appraisal": (
        "The North Loamshire Locality Commissioning Group has invited bids for a community phlebotomy "
        "service for adults registered with practices in the north of the county, delivered from two hubs "
        "and in the homes of housebound patients. This paper appraises whether North Loamshire Health Ltd "
        "can deliver it within the indicative budget, drawing on healthcare assistants from member practices, "
        "and sets out the risks to practice staffing."
    ),
    "paper-m1-bid-pricing": (
        "This confidential paper sets out the proposed unit price per sample, the hub staffing model "
        "(phlebotomists employed by the company with practice-based cover) and the one-off mobilisation "
        "costs. All figures in this demonstration are invented."
    ),
    "paper-m2-phlebotomy-evaluation": (
        "The specification requires phlebotomy within five working days of request, two hubs open on "
        "weekdays and home visits for housebound patients, open to patients of every practice in the "
        "locality. One compliant bid was received, from North Loamshire Health Ltd. The evaluation panel, "
        "none of whose members has an interest in the bidder, scored it above the quality threshold and "
        "within the budget. Members whose practices are shareholders of the bidder should declare and withdraw."
    ),
    "paper-m2-msk-activity": (
        "Activity, waiting times and patient feedback for the MSK first contact physiotherapy service "
        "provided by Loamshire Community Physio CIC over the last twelve months, with a recommendation to "
        "extend the contract by twelve months on the current terms."
    ),
    "paper-m3-anticoag-evaluation": (
        "Two bids were received for near-patient INR testing in the south of the locality: from South "
        "Loamshire Care Services Ltd and from a hospital-based provider outside the county. The panel "
        "recommends South Loamshire Care Services Ltd as the preferred bidder. Members whose practices are "
        "shareholders of the bidder should declare and withdraw."
    ),
}


def _paper_pdf(paper: Paper, meeting: Meeting, item: AgendaItem, directory: Directory) -> bytes:
    """A one-page fictional paper (ReportLab is imported only here)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=paper.title, author="LMC Desk demonstration",
                            invariant=1)
    body_name = directory.body_name(meeting.body_id)
    story = [
        Paragraph("FICTIONAL DEMONSTRATION PAPER: Loamshire, its bodies and its people do not exist.",
                  styles["Italic"]),
        Spacer(1, 12),
        Paragraph(paper.title + (" (CONFIDENTIAL)" if paper.confidential else ""), styles["Title"]),
        Paragraph(f"{body_name}, {meeting.date:%d %B %Y}, item {item.position}: {item.title}", styles["Normal"]),
        Spacer(1, 12),
        Paragraph("Purpose", styles["Heading2"]),
        Paragraph(f"To inform the members' discussion of: {item.title}.", styles["Normal"]),
        Paragraph("Background", styles["Heading2"]),
        Paragraph(PAPER_TEXT.get(paper.id.removeprefix(ID_PREFIX), "See the agenda."), styles["Normal"]),
        Paragraph("Organisations affected or bidding", styles["Heading2"]),
        Paragraph(", ".join(f"{directory.body_name(o.body_id)} ({o.role.value})" for o in item.organisations)
                  or "None.", styles["Normal"]),
        Paragraph("Recommendation", styles["Heading2"]),
        Paragraph("Members are asked to consider the paper and to declare any interest before the discussion.",
                  styles["Normal"]),
    ]
    doc.build(story)
    return buf.getvalue()


def _demo_present(uow: UnitOfWork) -> bool:
    return DEMO_MARKER_BODY in uow.directory.load().bodies


def create_demo(uow: UnitOfWork, today: date | None = None) -> list[str]:
    """Store the Loamshire demo county, commit, and return its meeting ids.

    The locality group's meeting is then approved (by its chair, at the
    joint meeting) through ``lmcdesk.services.approval``, so the record holds
    approved minutes with a fingerprint and seal beside the two drafts.
    Idempotent: when the database already holds the demo (its LMC body is
    there) nothing is written and the ids of the demo meetings still stored
    are returned.
    """
    with uow:
        if _demo_present(uow):
            stored = {s.id for s in uow.meetings.summaries(ids=list(MEETING_IDS))}
            log.info("demo county already present; nothing written")
            return [mid for mid in MEETING_IDS if mid in stored]
        directory, meetings = build_demo_county(today)
        for meeting in meetings:
            for item in meeting.items:
                for paper in item.papers:
                    data = _paper_pdf(paper, meeting, item, directory)
                    paper.sha256 = uow.papers.put(data)
                    paper.size_bytes = len(data)
        # parents before children (federations before their companies and practices)
        for body in sorted(directory.bodies.values(), key=lambda b: b.parent_id is not None):
            uow.directory.save_body(body)
        for person in directory.people.values():
            uow.directory.save_person(person)
        for membership in directory.memberships:
            uow.directory.save_membership(membership)
        for interest in directory.interests:
            uow.directory.save_interest(interest)
        for gift in directory.gifts:
            uow.directory.save_gift(gift)
        for meeting in meetings:
            uow.meetings.add(meeting)
        from lmcdesk.services.approval import approve
        from lmcdesk.services.audit import record

        record(uow, "demo", DEMO_MARKER_BODY, "create",
               f"Created the fictional Loamshire demo county with {len(meetings)} meetings")
        # The award meeting's minutes were agreed at the joint meeting (its item 3); approving
        # them through the real service gives them a version, a fingerprint and a seal.
        _, award, joint = meetings
        approve(uow, award.id, directory.person_name(award.chair_id),
                when=datetime.combine(joint.date, time(13, 15)))  # commits
        uow.commit()
        return [m.id for m in meetings]
