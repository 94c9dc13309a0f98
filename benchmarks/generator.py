"""A synthetic ten-year record for the benchmarks, built once and cached.

Shape at full scale (issue 2, part 7): about 2,000 meetings over ten years,
20 items each (40,000 items), 100 attendance rows each (200,000), with
declarations, decisions, votes, participants and actions in proportion to a
busy LMC county: 4 localities commissioning, 8 federations (each with its
company and 8 practices) bidding and providing, and the LMC.

It is all fictional ("Loamshire" again) and deterministic: the same
``GENERATOR_VERSION`` and scale always give the same rows.  The data goes in
through the storage layer's own repositories (``uow.directory.save_*`` and
``uow.meetings.add``, which write with Core ``executemany`` and keep the
full-text index), so the benchmark measures the real schema, indexes and
search table and cannot drift from what the app writes.

The file is cached in ``benchmarks/out/`` under a name that carries the scale,
the generator version and the schema revision; change anything that alters the
rows and bump ``GENERATOR_VERSION``.
"""

from __future__ import annotations

import itertools
import json
import logging
import random
import time as _time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

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
    Interest,
    InterestType,
    ItemOrganisation,
    ItemPart,
    ItemType,
    Meeting,
    MeetingKind,
    Membership,
    MembershipRole,
    MinutesStatus,
    OrganisationRole,
    Paper,
    Person,
    QuorumRule,
    Vote,
    VoteChoice,
)

log = logging.getLogger(__name__)

#: Bump when the rows generated for a given scale change.
GENERATOR_VERSION = 2


@dataclass(frozen=True)
class Scale:
    name: str
    years: int
    meetings: int
    items_per_meeting: int
    attendance_per_meeting: int
    localities: int = 4
    federations: int = 8  # spread over the localities
    practices_per_federation: int = 8
    partners_per_practice: int = 4
    batch: int = 50  # meetings per transaction while storing


FULL = Scale("full", years=10, meetings=2000, items_per_meeting=20, attendance_per_meeting=100)
QUICK = Scale("quick", years=2, meetings=200, items_per_meeting=20, attendance_per_meeting=100)
#: For the consistency test: a few meetings, every kind of row.
TINY = Scale("tiny", years=1, meetings=8, items_per_meeting=8, attendance_per_meeting=14,
             localities=1, federations=2, practices_per_federation=2, partners_per_practice=2, batch=3)

SERVICES = (
    "community phlebotomy", "anticoagulation (INR) monitoring", "minor surgery", "ear irrigation",
    "complex wound care", "spirometry", "ambulatory ECG", "24-hour blood pressure monitoring",
    "care home ward rounds", "DMARD shared care monitoring", "ring pessary fitting",
    "long-acting reversible contraception", "homeless health", "learning disability health checks",
    "frailty assessment", "social prescribing",
)
STAGES = (
    "award of contract", "procurement route", "service specification", "contract extension",
    "mobilisation report", "activity and outcomes review", "expression of interest", "pricing review",
)
GENERAL_TITLES = (
    "Finance report", "Workforce update", "Estates and premises", "Clinical governance report",
    "Risk register review", "Patient participation update", "Digital and IT update",
    "Training and education", "Winter resilience plan", "Quality and safety report",
)
JOINT_TITLES = (
    "LMC report: contract changes and negotiations", "Primary care strategy", "Interface issues with the hospital",
    "Workload and safe working", "Vaccination programme planning", "Prescribing incentive scheme",
)
#: Minutes vocabulary.  Words are drawn with Zipf-like weights (a few very
#: common, most rare), as in real minutes, so that a search for a common word
#: matches thousands of items and one for a rare word a handful.
WORDS = (
    "the and of to a in for was that with on were as by be it from at this would an are which members "
    "group noted agreed discussed chair paper report service practices patients federation locality "
    "contract proposal meeting update asked confirmed further next steps review data activity "
    "waiting times feedback workforce capacity training costs premises transport access equity clinical "
    "safety governance audit reporting quality outcomes budget value risk mitigation hub spoke "
    "specification procurement evaluation panel threshold bid mobilisation timetable referral pathway "
    "housebound community pharmacy hospital interface recruitment retention locum sessions appointments "
    "demand winter pressures escalation discharge frailty dementia diabetes asthma COPD hypertension "
    "screening immunisation vaccination uptake targets indicators dashboard baseline trajectory "
    "financial allocation underspend overspend reserves invoice payment tariff unit price volume "
    "estates lease rent refurbishment parking accessibility digital telephony online consultation "
    "records sharing agreement interoperability cyber security backup server migration rollout "
    "safeguarding adults children training compliance incidents complaints compliments learning "
    "significant event analysis prescribing formulary antimicrobial stewardship medicines optimisation "
    "pharmacist technician polypharmacy structured medication reviews care homes ward rounds "
    "anticipatory care plans end of life palliative hospice carers voluntary sector social prescribing "
    "link workers wellbeing mental health talking therapies counselling children young people "
    "maternity health visitors district nurses community nursing wound leg ulcer clinic podiatry "
    "physiotherapy musculoskeletal first contact practitioner paramedic urgent same day extended "
    "hours evening weekend enhanced access network directed service local incentive scheme quality "
    "improvement project pilot evaluation lessons sustainability exit strategy stakeholder engagement "
    "patient participation group survey consultation communications newsletter website signage "
    "translation interpreting inclusion deprivation inequalities outreach travellers homeless "
    "veterans learning disabilities autism annual health checks cancer early diagnosis cytology "
    "bowel breast screening uptake rates call recall letters texts reminders did not attend rates "
    "chaperone policy consent capacity deprivation of liberty standards regulation inspection rating "
    "registration indemnity insurance pensions partnership agreement profit share drawings capital "
    "accounts auditors annual general meeting articles directors shareholders dividends governance "
    "conflicts interests register declarations withdrew quorum quorate minutes approved amended"
).split()
FIRST = ("Alys", "Bryn", "Cerys", "Dafydd", "Eira", "Ffion", "Gethin", "Heledd", "Ioan", "Jan", "Kit",
         "Lowri", "Macsen", "Nia", "Owain", "Pryce", "Rhian", "Sian", "Tomos", "Una", "Wyn", "Yana")
LAST = ("Example", "Sample", "Placeholder", "Dummy", "Mock", "Specimen", "Testcase", "Fixture", "Stub",
        "Trial", "Imaginary", "Notreal", "Madeup", "Fictional", "Pretend", "Invented", "Hypothetical",
        "Surrogate", "Proxy", "Standin")


class _Ids:
    """Deterministic 32-hex ids from the generator's random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"


@dataclass
class County:
    """The synthetic directory and what the meeting generator needs to know about it."""

    directory: Directory
    meeting_bodies: list[str]  # bodies that meet, in rotation
    voting: dict[str, list[str]]  # meeting body -> its voting members
    others: list[str]  # people who may attend anything in another capacity
    family: dict[str, str]  # person -> the federation their practice / company belongs to
    shareholding: dict[str, str]  # person -> their interest id in their federation's company
    providers: dict[str, list[str]]  # federation -> [its company, its practices...]
    other_providers: list[str]


def build_county(scale: Scale, rng: random.Random, start: date) -> County:
    new_id = _Ids(rng)
    d = Directory()
    half = Fraction(1, 2)

    def body(name: str, type: BodyType, parent: str | None = None, quorum: QuorumRule | None = None) -> str:
        bid = new_id()
        d.bodies[bid] = Body(bid, name, type, parent_id=parent, quorum=quorum)
        return bid

    names = iter(f"{'Dr ' if n % 3 else 'Ms '}{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"
                 f"{'' if n < len(FIRST) * len(LAST) else ' ' + str(n)}" for n in range(10**6))

    def person(notes: str) -> str:
        pid = new_id()
        d.people[pid] = Person(pid, next(names), notes=notes)
        return pid

    def member(pid: str, bid: str, role: MembershipRole = MembershipRole.MEMBER, voting: bool = True) -> None:
        d.memberships.append(Membership(new_id(), pid, bid, role, voting, start=start))

    def interest(pid: str, type: InterestType, org: str | None, desc: str, name: str = "") -> str:
        iid = new_id()
        declared = start - timedelta(days=rng.randint(0, 400))
        d.interests.append(Interest(
            iid, pid, type, organisation_id=org, organisation_name=name or (d.bodies[org].name if org else ""),
            description=desc, valid_from=declared, declared_on=declared,
            reviewed_on=min(declared + timedelta(days=365 * rng.randint(0, scale.years)),
                            start + timedelta(days=365 * scale.years)),
        ))
        return iid

    lmc = body("Loamshire Local Medical Committee", BodyType.LMC, quorum=QuorumRule(minimum=6))
    body("Loamshire Integrated Care Board", BodyType.COMMISSIONER)
    localities = [body(f"Loamshire Locality {n + 1} Commissioning Group", BodyType.LOCALITY,
                       quorum=QuorumRule(fraction=half)) for n in range(scale.localities)]
    voting: dict[str, list[str]] = {lmc: [], **{loc: [] for loc in localities}}
    family: dict[str, str] = {}
    shareholding: dict[str, str] = {}
    providers: dict[str, list[str]] = {}
    feds = []
    for f in range(scale.federations):
        fed = body(f"Loamshire Federation {f + 1}", BodyType.FEDERATION, quorum=QuorumRule(fraction=half))
        company = body(f"Loamshire Federation {f + 1} Services Ltd", BodyType.FEDERATION_COMPANY, parent=fed)
        feds.append(fed)
        voting[fed] = []
        providers[fed] = [company]
        locality = localities[f % len(localities)]
        for p in range(scale.practices_per_federation):
            practice = body(f"Sampleton Surgery {f + 1}.{p + 1}", BodyType.PRACTICE, parent=fed)
            providers[fed].append(practice)
            for k in range(scale.partners_per_practice):
                gp = person("GP partner")
                member(gp, practice, MembershipRole.PARTNER)
                family[gp] = fed
                interest(gp, InterestType.FINANCIAL, practice, "GP partner (profit share)")
                shareholding[gp] = interest(gp, InterestType.FINANCIAL, company,
                                            "Partner in a member practice that holds shares")
                if k == 0:
                    member(gp, locality)
                    voting[locality].append(gp)
                if k == 1:
                    member(gp, fed)
                    voting[fed].append(gp)
                if k == min(2, scale.partners_per_practice - 1) and p % 2 == 0:
                    member(gp, lmc)
                    voting[lmc].append(gp)
            manager = person("Practice manager")
            member(manager, practice, MembershipRole.EMPLOYEE, voting=False)
            family[manager] = fed
            shareholding[manager] = interest(manager, InterestType.FINANCIAL, practice, "Employed as practice manager")
        director = voting[fed][0]
        member(director, company, MembershipRole.DIRECTOR)
        interest(director, InterestType.FINANCIAL, company, "Director")
    other_providers = [body(f"Loamshire Community Provider {n + 1} CIC", BodyType.OTHER_PROVIDER)
                       for n in range(max(1, scale.federations // 2))]
    others = []
    for n in range(max(4, scale.attendance_per_meeting)):
        pid = person("Lay member, officer or guest")
        others.append(pid)
        if n % 5 == 0:
            d.interests.append(Interest(new_id(), pid, nil_return=True, declared_on=start, reviewed_on=start))
        elif n % 5 == 1:
            interest(pid, InterestType.INDIRECT, rng.choice(other_providers), "Spouse is a director")
        elif n % 5 == 2:
            interest(pid, InterestType.NON_FINANCIAL_PERSONAL, None, "Trustee of a local charity",
                     name="Loamshire Hospice at Home (charity)")
        elif n % 5 == 3:
            interest(pid, InterestType.NON_FINANCIAL_PROFESSIONAL, None, "Member of a professional committee",
                     name="Loamshire Local Pharmaceutical Committee")
    for loc in localities:  # lay members and a pharmacist on each locality group
        for pid in rng.sample(others, min(4, len(others))):
            member(pid, loc)
            voting[loc].append(pid)
    for bid, members in voting.items():
        if members:
            chair, vice = members[0], members[-1]
            d.memberships.append(Membership(new_id(), chair, bid, MembershipRole.CHAIR, True, start=start))
            d.memberships.append(Membership(new_id(), vice, bid, MembershipRole.VICE_CHAIR, True, start=start))
    meeting_bodies = [lmc, *localities, *feds]
    return County(d, meeting_bodies, voting, others, family, shareholding, providers, other_providers)


def _zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


_CUM_WEIGHTS = list(itertools.accumulate(_zipf_weights(len(WORDS))))


def _text(rng: random.Random, service: str, n: int) -> str:
    words = rng.choices(WORDS, cum_weights=_CUM_WEIGHTS, k=n)
    words.insert(rng.randrange(len(words)), service)
    return " ".join(words).capitalize() + "."


def generate_meetings(scale: Scale, county: County, rng: random.Random, start: date) -> Iterator[Meeting]:
    """``scale.meetings`` meetings spread evenly over ``scale.years`` from ``start``."""
    new_id = _Ids(rng)
    d = county.directory
    span = scale.years * 365
    for n in range(scale.meetings):
        body_id = county.meeting_bodies[n % len(county.meeting_bodies)]
        btype = d.bodies[body_id].type
        day = start + timedelta(days=n * span // scale.meetings)
        kind = {BodyType.LMC: MeetingKind.LMC, BodyType.LOCALITY: MeetingKind.COMMISSIONING}.get(
            btype, MeetingKind.PROVIDER)
        members = county.voting[body_id]
        chair = members[0]
        # attendance: every voting member, then others to the meeting's size
        attendance = []
        for pid in members:
            status = rng.choices((AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT),
                                 (85, 12, 3))[0] if pid != chair else AttendanceStatus.PRESENT
            attendance.append(Attendance(new_id(), pid, status, Capacity.VOTING_MEMBER, True))
        member_set = set(members)
        extra = [p for p in county.others if p not in member_set]
        rng.shuffle(extra)
        caps = (Capacity.IN_ATTENDANCE, Capacity.OBSERVER, Capacity.PROVIDER_REPRESENTATIVE, Capacity.CO_OPTED)
        for pid in extra[: max(0, scale.attendance_per_meeting - len(attendance) - 1)]:
            cap = rng.choice(caps)
            attendance.append(Attendance(new_id(), pid, AttendanceStatus.PRESENT, cap, voting=False))
        minute_taker = extra[-1] if extra else None
        if minute_taker and len(attendance) < scale.attendance_per_meeting:
            attendance.append(Attendance(new_id(), minute_taker, capacity=Capacity.MINUTE_TAKER, voting=False))
        present_voting = [a.person_id for a in attendance if a.is_present and a.voting]

        items: list[AgendaItem] = []
        standing = [("Welcome and apologies", ItemType.APOLOGIES), ("Declarations of interest", ItemType.DECLARATIONS),
                    ("Minutes of the previous meeting", ItemType.PREVIOUS_MINUTES)]
        for title, itype in standing:
            items.append(AgendaItem(new_id(), title, business_kind=BusinessKind.GENERAL, item_type=itype,
                                    discussion=_text(rng, "standing item", 12)))
        clock = 13 * 60 + 15
        for k in range(max(0, scale.items_per_meeting - len(standing) - 1)):
            items.append(_business_item(scale, county, rng, new_id, btype, present_voting, chair, clock))
            clock += 10
        items.append(AgendaItem(new_id(), "Any other business", business_kind=BusinessKind.GENERAL,
                                item_type=ItemType.AOB, discussion="None."))
        for pos, it in enumerate(items, start=1):
            it.position = pos
        # a late arrival and an early departure
        late = [a for a in attendance if a.is_present and a.person_id != chair]
        if len(late) >= 2 and len(items) >= 4:
            late[0].arrived_at_item_id = items[2].id
            late[0].arrived_time = time(13, 10)
            late[1].departed_after_item_id = items[-2].id
        actions = [
            Action(new_id(), f"Report back on {rng.choice(SERVICES)}", owner_id=rng.choice(members),
                   due=day + timedelta(days=rng.choice((14, 28, 42))),
                   status=rng.choice(tuple(ActionStatus)), item_id=rng.choice(items).id)
            for _ in range(rng.randint(2, 5))
        ]
        yield Meeting(
            id=new_id(), body_id=body_id, date=day, kind=kind, title=d.bodies[body_id].name,
            start_time=time(13, 0), end_time=time(16, 30), venue="Loamford Community Hall (fictional)",
            chair_id=chair, vice_chair_id=members[-1],
            status=MinutesStatus.DRAFT, attendance=attendance, items=items, actions=actions,
        )


def _business_item(scale: Scale, county: County, rng: random.Random, new_id: _Ids, btype: BodyType,
                   present_voting: list[str], chair: str, clock: int) -> AgendaItem:
    if btype == BodyType.LOCALITY:
        kind = rng.choices((BusinessKind.COMMISSIONING, BusinessKind.JOINT, BusinessKind.GENERAL), (50, 20, 30))[0]
    elif btype == BodyType.LMC:
        kind = rng.choices((BusinessKind.JOINT, BusinessKind.GENERAL), (40, 60))[0]
    else:
        kind = rng.choices((BusinessKind.PROVISION, BusinessKind.GENERAL), (60, 40))[0]
    service = rng.choice(SERVICES)
    if kind in (BusinessKind.COMMISSIONING, BusinessKind.PROVISION):
        title = f"{service[0].upper()}{service[1:]} enhanced service: {rng.choice(STAGES)}"
    elif kind == BusinessKind.JOINT:
        title = rng.choice(JOINT_TITLES)
    else:
        title = rng.choice(GENERAL_TITLES)
    discussion = _text(rng, service, rng.randint(40, 120))
    if rng.random() < 0.002:  # a rare subject, for a search with few hits
        discussion += " The Caldicott guardian reviewed the information sharing agreement."
    item = AgendaItem(new_id(), title, business_kind=kind, discussion=discussion,
                      started_at=time(clock // 60, clock % 60), ended_at=time((clock + 10) // 60, (clock + 10) % 60))
    if rng.random() < 0.05:
        item.part = ItemPart.PART_II
        item.exclusion_reason = "Commercially sensitive information."
    declared: list[str] = []
    if kind in (BusinessKind.COMMISSIONING, BusinessKind.PROVISION):
        fed = rng.choice(list(county.providers))
        org = county.providers[fed][0]
        role = OrganisationRole.BIDDING if rng.random() < 0.6 else OrganisationRole.AFFECTED
        item.organisations.append(ItemOrganisation(org, role))
        if rng.random() < 0.3:
            item.organisations.append(ItemOrganisation(rng.choice(county.other_providers), OrganisationRole.AFFECTED))
        item.papers.append(Paper(new_id(), f"{title}: paper", filename="paper.pdf", size_bytes=rng.randint(40_000, 900_000)))
        if kind == BusinessKind.COMMISSIONING:
            conflicted = [p for p in present_voting if county.family.get(p) == fed]
            t_out = item.started_at
            for pid in conflicted:
                action = rng.choices((ConflictAction.WITHDREW, ConflictAction.DISCUSSION_NO_VOTE), (80, 20))[0]
                item.declarations.append(Declaration(
                    new_id(), pid, interest_id=county.shareholding.get(pid), nature="Practice holds shares in the company",
                    interest_type=InterestType.FINANCIAL, organisation_id=org, action=action,
                    decided_by_id=chair if pid != chair else present_voting[-1],
                    time_out=t_out if action == ConflictAction.WITHDREW else None,
                    time_in=item.ended_at if action == ConflictAction.WITHDREW else None,
                    reason="Financial interest in the organisation"))
                declared.append(pid)
            if chair in declared:
                item.acting_chair_id = next((p for p in present_voting if p not in declared), None)
    if kind != BusinessKind.GENERAL or rng.random() < 0.5:
        takers = [p for p in present_voting if p not in declared]
        outcome = rng.choices((DecisionOutcome.AGREED, DecisionOutcome.NOTED, DecisionOutcome.DEFERRED,
                               DecisionOutcome.REJECTED), (60, 25, 10, 5))[0]
        dec = Decision(new_id(), f"The meeting {outcome.value} the {service} proposal as set out in the paper.",
                       outcome=outcome)
        if kind in (BusinessKind.COMMISSIONING, BusinessKind.JOINT):
            dec.participants = list(takers)
            if rng.random() < 0.5:
                dec.votes = [Vote(p, rng.choices((VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN),
                                                  (80, 10, 10))[0]) for p in takers]
                dec.votes_for = sum(v.choice == VoteChoice.FOR for v in dec.votes)
                dec.votes_against = sum(v.choice == VoteChoice.AGAINST for v in dec.votes)
                dec.abstentions = sum(v.choice == VoteChoice.ABSTAIN for v in dec.votes)
            else:
                dec.by_consensus = True
            if outcome == DecisionOutcome.AGREED and any(o.role == OrganisationRole.BIDDING for o in item.organisations):
                dec.award_to_id = item.organisations[0].body_id
        else:
            dec.by_consensus = True
        item.decisions.append(dec)
    return item


# --------------------------------------------------------------------------- storing and caching


@dataclass
class BenchDatabase:
    path: Path
    meta: dict[str, Any]

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def _schema_revision() -> str:
    try:
        from lmcdesk.storage.migrate import head_revision

        return head_revision() or "none"
    except Exception:  # noqa: BLE001 - a label only
        return "unknown"


def cache_name(scale: Scale) -> str:
    return f"bench-{scale.name}-g{GENERATOR_VERSION}-r{_schema_revision()}.sqlite3"


SEED = 2026
START = date(2016, 1, 5)


def generate(scale: Scale, seed: int = SEED, start: date = START) -> tuple[County, Iterator[Meeting]]:
    """The county and a lazy stream of its meetings (the same for the same arguments)."""
    rng = random.Random(seed)
    county = build_county(scale, rng, start)
    return county, generate_meetings(scale, county, rng, start)


def store(url: str, scale: Scale, *, seed: int = SEED, start: date = START) -> dict[str, Any]:
    """Generate the record into the database at ``url`` (normally empty) and return its meta."""
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    began = _time.perf_counter()
    county, meetings = generate(scale, seed, start)
    db = open_database(url)
    counts = {"meetings": 0, "items": 0, "attendance": 0, "declarations": 0, "decisions": 0,
              "votes": 0, "participants": 0, "actions": 0}
    samples: list[dict[str, Any]] = []
    try:
        d = county.directory
        with SqlAlchemyUnitOfWork(db) as uow:
            for b in sorted(d.bodies.values(), key=lambda b: b.parent_id is not None):
                uow.directory.save_body(b)
            for p in d.people.values():
                uow.directory.save_person(p)
            for m in d.memberships:
                uow.directory.save_membership(m)
            for i in d.interests:
                uow.directory.save_interest(i)
            uow.commit()
        done = False
        while not done:
            with SqlAlchemyUnitOfWork(db) as uow:
                for _ in range(scale.batch):
                    m = next(meetings, None)
                    if m is None:
                        done = True
                        break
                    uow.meetings.add(m)
                    _count(counts, m)
                    if d.bodies[m.body_id].type == BodyType.LOCALITY:
                        samples.append({"id": m.id, "date": m.date.isoformat(),
                                        "declarations": sum(len(i.declarations) for i in m.items)})
                uow.commit()
    finally:
        db.dispose()
    seconds = _time.perf_counter() - began
    # the busiest commissioning meetings of the last year make the "typical hard" samples
    recent = sorted(samples, key=lambda s: s["date"])[-max(1, len(samples) // scale.years):]
    recent.sort(key=lambda s: -s["declarations"])
    return {
        "scale": asdict(scale),
        "generator_version": GENERATOR_VERSION,
        "schema_revision": _schema_revision(),
        "seed": seed,
        "build_seconds": round(seconds, 2),
        "counts": counts,
        "directory": {"bodies": len(county.directory.bodies), "people": len(county.directory.people),
                      "memberships": len(county.directory.memberships),
                      "interests": len(county.directory.interests)},
        "sample_meeting_id": recent[0]["id"],
        "sample_meeting_ids": [s["id"] for s in recent[:10]],
        "search_terms": ["spirometry", "phlebotomy hub", "housebound patients", "caldicott", "xylophone"],
    }


def _count(counts: dict[str, int], m: Meeting) -> None:
    counts["meetings"] += 1
    counts["items"] += len(m.items)
    counts["attendance"] += len(m.attendance)
    counts["actions"] += len(m.actions)
    for it in m.items:
        counts["declarations"] += len(it.declarations)
        counts["decisions"] += len(it.decisions)
        for dec in it.decisions:
            counts["votes"] += len(dec.votes)
            counts["participants"] += len(dec.participants)


def ensure_database(scale: Scale, out_dir: Path, *, rebuild: bool = False) -> BenchDatabase:
    """The cached generated record for ``scale``, built (and timed) if missing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / cache_name(scale)
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists() and not rebuild:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["cached"] = True
        return BenchDatabase(path, meta)
    # The meta file is written last: a database without one is an interrupted build.
    for stale in out_dir.glob(f"bench-{scale.name}-*"):
        stale.unlink()
    log.warning("building the %s benchmark record (%d meetings); this is done once", scale.name, scale.meetings)
    meta = store(f"sqlite:///{path}", scale)
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    meta["cached"] = False
    return BenchDatabase(path, meta)
