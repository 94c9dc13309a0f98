"""Hypothesis strategies for a random but consistent Directory and meetings.

Every reference points at something generated, every "from/to" pair is in
order and every id is unique, so the result is a valid meeting file."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timezone
from fractions import Fraction

from hypothesis import strategies as st

from lmcdesk.domain import enums as e
from lmcdesk.domain import model as m

ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_."
texts = st.text(max_size=12)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
times = st.builds(time, st.integers(0, 23), st.integers(0, 59), st.sampled_from([0, 0, 30]),
                  st.sampled_from([0, 0, 0, 1, 250000, 999999]))
datetimes = st.builds(
    lambda d, tz: d.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1)),
    st.sampled_from([None, timezone.utc]),
)


def _opt(draw, strategy):
    return draw(st.none() | strategy)


def _pair(draw, strategy):
    a, b = _opt(draw, strategy), _opt(draw, strategy)
    if a is not None and b is not None and b < a:
        a, b = b, a
    return a, b


@st.composite
def worlds(draw, max_meetings: int = 2):
    counter = itertools.count(1)

    def new_id(prefix: str) -> str:
        return f"{prefix}{next(counter)}{draw(st.text(ID_CHARS, max_size=3))}"

    people = [
        m.Person(id=new_id("p"), name=draw(texts.filter(str.strip) | st.just("Dr Alys Example")),
                 email=draw(texts), notes=draw(texts), active=draw(st.booleans()))
        for _ in range(draw(st.integers(1, 4)))
    ]
    pids = [p.id for p in people]
    bodies: list[m.Body] = []
    for _ in range(draw(st.integers(1, 4))):
        quorum = None
        if draw(st.booleans()):
            den = draw(st.integers(1, 5))
            quorum = m.QuorumRule(
                minimum=_opt(draw, st.integers(1, 9)),
                fraction=Fraction(draw(st.integers(1, den)), den),
                withdrawn_count=draw(st.booleans()),
            )
        bodies.append(m.Body(
            id=new_id("b"), name=draw(texts), type=draw(st.sampled_from(e.BodyType)),
            parent_id=draw(st.none() | st.sampled_from([b.id for b in bodies])) if bodies else None,
            quorum=quorum, notes=draw(texts),
        ))
    bids = [b.id for b in bodies]
    person = st.sampled_from(pids)
    body = st.sampled_from(bids)
    memberships = []
    for _ in range(draw(st.integers(0, 4))):
        start, end = _pair(draw, dates)
        memberships.append(m.Membership(
            id=new_id("ms"), person_id=draw(person), body_id=draw(body),
            role=draw(st.sampled_from(e.MembershipRole)), voting=draw(st.booleans()), start=start, end=end))
    interests = []
    for _ in range(draw(st.integers(0, 4))):
        vf, vt = _pair(draw, dates)
        interests.append(m.Interest(
            id=new_id("i"), person_id=draw(person), type=draw(st.sampled_from(e.InterestType)),
            organisation_id=_opt(draw, body), organisation_name=draw(texts), description=draw(texts),
            valid_from=vf, valid_to=vt, declared_on=_opt(draw, dates), reviewed_on=_opt(draw, dates),
            nil_return=draw(st.booleans())))
    gifts = [
        m.GiftOffer(
            id=new_id("g"), person_id=draw(person), offered_by=draw(texts), description=draw(texts),
            offered_on=draw(dates), value_pence=draw(st.integers(0, 10**7)), accepted=draw(st.booleans()),
            body_id=_opt(draw, body), declared_on=_opt(draw, dates), notes=draw(texts))
        for _ in range(draw(st.integers(0, 3)))
    ]
    directory = m.Directory(
        bodies={b.id: b for b in bodies}, people={p.id: p for p in people},
        memberships=memberships, interests=interests, gifts=gifts)
    meetings = [_meeting(draw, new_id, person, body, interests) for _ in range(draw(st.integers(0, max_meetings)))]
    return directory, meetings


def _meeting(draw, new_id, person, body, interests) -> m.Meeting:
    mid = new_id("m")
    n_items = draw(st.integers(0, 3))
    positions = draw(st.permutations(range(1, n_items + 1))) if n_items else []
    items = []
    for pos in positions:
        iid = new_id("it")
        declarations = []
        for _ in range(draw(st.integers(0, 2))):
            pid = draw(person)
            own = [i.id for i in interests if i.person_id == pid]
            t_out, t_in = _pair(draw, times)
            declarations.append(m.Declaration(
                id=new_id("d"), person_id=pid,
                interest_id=draw(st.none() | st.sampled_from(own)) if own else None,
                nature=draw(texts), interest_type=_opt(draw, st.sampled_from(e.InterestType)),
                organisation_id=_opt(draw, body), action=draw(st.sampled_from(e.ConflictAction)),
                decided_by_id=_opt(draw, person), time_out=t_out, time_in=t_in, reason=draw(texts)))
        decisions = [
            m.Decision(
                id=new_id("dc"), resolution=draw(texts), outcome=draw(st.sampled_from(e.DecisionOutcome)),
                votes_for=_opt(draw, st.integers(0, 20)), votes_against=_opt(draw, st.integers(0, 20)),
                abstentions=_opt(draw, st.integers(0, 20)),
                votes=[m.Vote(p, draw(st.sampled_from(e.VoteChoice)))
                       for p in draw(st.lists(person, max_size=2, unique=True))],
                participants=draw(st.lists(person, max_size=3, unique=True)), award_to_id=_opt(draw, body),
                by_consensus=draw(st.booleans()))
            for _ in range(draw(st.integers(0, 2)))
        ]
        start, end = _pair(draw, times)
        items.append(m.AgendaItem(
            id=iid, title=draw(texts), position=pos, business_kind=draw(st.sampled_from(e.BusinessKind)),
            item_type=draw(st.sampled_from(e.ItemType)), part=draw(st.sampled_from(e.ItemPart)),
            exclusion_reason=draw(texts),
            organisations=[m.ItemOrganisation(b, r) for b, r in draw(st.lists(
                st.tuples(body, st.sampled_from(e.OrganisationRole)), max_size=2, unique=True))],
            papers=[m.Paper(id=new_id("pa"), title=draw(texts), filename=draw(texts),
                            sha256=draw(st.sampled_from(["", "ab" * 32])), size_bytes=draw(st.integers(0, 10**6)),
                            confidential=draw(st.booleans())) for _ in range(draw(st.integers(0, 1)))],
            presenter_id=_opt(draw, person), planned_minutes=_opt(draw, st.integers(0, 120)),
            discussion=draw(st.text(max_size=40)), acting_chair_id=_opt(draw, person),
            started_at=start, ended_at=end, declarations=declarations, decisions=decisions))
    item_ref = st.sampled_from([i.id for i in items]) if items else st.none()
    attendance = []
    for pid in draw(st.lists(person, unique=True, max_size=4)):
        arrived, departed = _pair(draw, times)
        attendance.append(m.Attendance(
            id=new_id("a"), person_id=pid, status=draw(st.sampled_from(e.AttendanceStatus)),
            capacity=draw(st.sampled_from(e.Capacity)), voting=draw(st.booleans()),
            substitute_for_id=_opt(draw, person), representing_id=_opt(draw, body),
            arrived_time=arrived, arrived_at_item_id=_opt(draw, item_ref),
            departed_time=departed, departed_after_item_id=_opt(draw, item_ref)))
    actions = [
        m.Action(id=new_id("x"), description=draw(texts), owner_id=_opt(draw, person), due=_opt(draw, dates),
                 status=draw(st.sampled_from(e.ActionStatus)), item_id=_opt(draw, item_ref), notes=draw(texts))
        for _ in range(draw(st.integers(0, 2)))
    ]
    versions = [
        m.MinutesVersion(version=n, approved_by=draw(texts), approved_at=draw(datetimes),
                         fingerprint=draw(texts), change_note=draw(texts), snapshot=draw(texts))
        for n in range(1, draw(st.integers(0, 2)) + 1)
    ]
    start, end = _pair(draw, times)
    meeting = m.Meeting(
        id=mid, body_id=draw(body), date=draw(dates), kind=draw(st.sampled_from(e.MeetingKind)),
        title=draw(texts), start_time=start, end_time=end, venue=draw(texts), chair_id=_opt(draw, person),
        vice_chair_id=_opt(draw, person), previous_minutes_note=draw(texts), next_meeting=_opt(draw, dates),
        status=draw(st.sampled_from(e.MinutesStatus)), attendance=attendance, items=items,
        actions=actions, versions=versions)
    meeting.number_items()  # as every meeting in the app is (the list in agenda order)
    return meeting
