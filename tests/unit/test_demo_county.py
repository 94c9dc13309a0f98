"""The Loamshire demo county: self-consistent, obviously fictional, and judged
by the probity engine exactly as its docstring promises."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lmcdesk.domain import (
    BusinessKind,
    Directory,
    InterestType,
    ItemPart,
    Meeting,
    MeetingKind,
)
from lmcdesk.domain.quorum import item_quorum
from lmcdesk.probity import likely_conflicts, run
from lmcdesk.services.demo import MEETING_IDS, build_demo_county

TODAY = date(2026, 11, 22)
PLACEHOLDER_SURNAMES = {
    "Example", "Sample", "Placeholder", "Dummy", "Mock", "Specimen", "Testcase", "Fixture", "Stub",
    "Trial", "Imaginary", "Notreal", "Madeup", "Fictional", "Pretend", "Invented", "Hypothetical",
    "Surrogate", "Proxy", "Standin",
}
FICTIONAL_PLACE_WORDS = ("Loam", "Sampleton", "Exampleby", "Dummyford", "Mockbridge", "Notreal", "Imaginary",
                         "Placeholder", "Millbrook", "Fernhill")


@pytest.fixture(scope="module")
def county() -> tuple[Directory, list[Meeting]]:
    return build_demo_county(TODAY)


def _ids_of_meeting(m: Meeting) -> list[str]:
    ids = [m.id]
    ids += [a.id for a in m.attendance] + [a.id for a in m.actions] + [i.id for i in m.items]
    for it in m.items:
        ids += [p.id for p in it.papers] + [d.id for d in it.declarations] + [d.id for d in it.decisions]
    return ids


def test_deterministic_for_a_given_day():
    assert build_demo_county(TODAY) == build_demo_county(TODAY)


def test_ids_are_unique(county):
    d, meetings = county
    ids = list(d.bodies) + list(d.people) + [m.id for m in d.memberships] + [i.id for i in d.interests]
    ids += [g.id for g in d.gifts]
    for m in meetings:
        ids += _ids_of_meeting(m)
    assert len(ids) == len(set(ids))
    assert all(i.startswith("demo-") for i in ids)  # never collides with a user's own ids
    assert [m.id for m in meetings] == list(MEETING_IDS)


def test_every_reference_resolves(county):
    d, meetings = county
    people, bodies, interests = set(d.people), set(d.bodies), {i.id for i in d.interests}
    for b in d.bodies.values():
        assert b.parent_id is None or b.parent_id in bodies
    for ms in d.memberships:
        assert ms.person_id in people and ms.body_id in bodies
    for i in d.interests:
        assert i.person_id in people
        assert i.organisation_id is None or i.organisation_id in bodies
    for g in d.gifts:
        assert g.person_id in people and (g.body_id is None or g.body_id in bodies)
    for m in meetings:
        items = {it.id for it in m.items}
        assert m.body_id in bodies and m.chair_id in people and m.vice_chair_id in people
        for a in m.attendance:
            assert a.person_id in people
            assert a.representing_id is None or a.representing_id in bodies
            assert a.arrived_at_item_id is None or a.arrived_at_item_id in items
            assert a.departed_after_item_id is None or a.departed_after_item_id in items
        for act in m.actions:
            assert act.owner_id in people and (act.item_id is None or act.item_id in items)
            assert act.due is not None
        attendees = {a.person_id for a in m.attendance}
        for it in m.items:
            assert it.business_kind != BusinessKind.UNCLASSIFIED
            assert it.presenter_id is None or it.presenter_id in attendees
            assert it.acting_chair_id is None or it.acting_chair_id in attendees
            assert all(o.body_id in bodies for o in it.organisations)
            for decl in it.declarations:
                assert decl.person_id in attendees and decl.decided_by_id in attendees
                assert decl.interest_id in interests
                entry = next(i for i in d.interests if i.id == decl.interest_id)
                assert entry.person_id == decl.person_id
            for dec in it.decisions:
                assert dec.award_to_id is None or dec.award_to_id in bodies
                assert set(dec.participants) <= attendees
                assert {v.person_id for v in dec.votes} <= set(dec.participants)
        assert sorted(it.position for it in m.items) == list(range(1, len(m.items) + 1))


def test_obviously_fictional(county):
    d, _ = county
    assert len(d.people) >= 20
    for p in d.people.values():
        assert p.name.split()[-1] in PLACEHOLDER_SURNAMES, p.name
        assert p.email.endswith("@loamshire.example")
    for b in d.bodies.values():
        assert any(w in b.name for w in FICTIONAL_PLACE_WORDS), b.name


def test_directory_has_what_the_demo_promises(county):
    d, _ = county
    by_type = {}
    for b in d.bodies.values():
        by_type.setdefault(b.type.value, []).append(b)
    assert len(by_type["federation"]) >= 2
    for company in by_type["federation_company"]:
        assert d.bodies[company.parent_id].type.value == "federation"
    for fed in by_type["federation"]:
        practices = [b for b in by_type["practice"] if b.parent_id == fed.id]
        assert len(practices) >= 2
    assert by_type["other_provider"] and by_type["locality"] and by_type["lmc"]
    locality = by_type["locality"][0]
    assert locality.quorum.fraction == 1 / 2 and locality.quorum.withdrawn_count is False
    # register: every type, a nil return, exactly one person overdue for review, gifts
    assert {i.type for i in d.interests if not i.nil_return} == set(InterestType)
    assert any(i.nil_return for i in d.interests)
    cutoff = TODAY - timedelta(days=365)
    overdue = {i.person_id for i in d.interests if not i.nil_return and i.reviewed_on < cutoff}
    assert overdue == {"demo-dr-dafydd-dummy"}
    assert len(d.gifts) >= 2 and any(g.accepted for g in d.gifts) and any(not g.accepted for g in d.gifts)
    assert any(not m.voting for m in d.memberships)


def test_three_past_meetings_of_each_kind(county):
    _, meetings = county
    dates = [m.date for m in meetings]
    assert dates == sorted(dates) and dates[-1] < TODAY
    assert [m.kind for m in meetings] == [MeetingKind.PROVIDER, MeetingKind.COMMISSIONING, MeetingKind.JOINT]
    kinds = {it.business_kind for m in meetings for it in m.items}
    assert {BusinessKind.COMMISSIONING, BusinessKind.PROVISION, BusinessKind.JOINT, BusinessKind.GENERAL} <= kinds
    part2 = [it for it in meetings[0].items if it.part == ItemPart.PART_II]
    assert part2 and part2[0].exclusion_reason


def test_award_item_withdrawals_acting_chair_and_quorum(county):
    d, meetings = county
    award = meetings[1]
    item = award.item("demo-m2-i4")
    assert item.acting_chair_id == award.vice_chair_id
    assert {x.person_id for x in item.declarations} >= {award.chair_id}
    assert all(x.time_out and x.time_in for x in item.declarations)
    q = item_quorum(award, item, d)
    assert q.quorate and len(q.excluded) == 3
    dec = item.decisions[0]
    assert dec.votes_for + dec.votes_against + dec.abstentions == len(dec.participants) == len(dec.votes)
    assert not set(dec.participants) & {x.person_id for x in item.declarations}


@pytest.mark.parametrize("today", [TODAY, date(2024, 2, 29), date(2025, 1, 1), date(2027, 12, 31)])
def test_older_meetings_are_clean(today):
    d, meetings = build_demo_county(today)
    for m in meetings[:2]:
        assert [f for f in run(m, d, today) if f.is_error] == [], m.id


@pytest.mark.parametrize("today", [TODAY, date(2024, 2, 29), date(2027, 12, 31)])
def test_draft_has_the_intended_findings_and_no_others(today):
    d, meetings = build_demo_county(today)
    findings = run(meetings[2], d, today)
    errors = [f for f in findings if f.is_error]
    undeclared = [f for f in errors if f.item_ids == ("demo-m3-i4",) and f.person_ids == ("demo-dr-rhian-hypothetical",)]
    part2 = [f for f in errors if f.item_ids == ("demo-m3-i6",)]
    assert undeclared and part2
    assert len(undeclared) + len(part2) == len(errors), [f.message for f in errors]
    assert "P-DECLARE-MISSING" in {f.rule_id for f in undeclared}
    assert {f.rule_id for f in part2} == {"P-PART2-REASON"}
    warnings = [f for f in findings if not f.is_error]
    assert [f.person_ids for f in warnings] == [("demo-dr-dafydd-dummy",)]


def test_the_tool_would_have_warned_before_the_meeting(county):
    d, meetings = county
    assert any(c.item_id == "demo-m3-i4" and c.person_id == "demo-dr-rhian-hypothetical"
               for c in likely_conflicts(meetings[2], d))


def test_every_paper_has_its_own_text(county):
    from lmcdesk.services.demo import paper_texts

    _, meetings = county
    papers = [p for m in meetings for it in m.items for p in it.papers]
    assert papers and all(p.id in paper_texts() and p.filename.endswith(".pdf") for p in papers)
    assert set(paper_texts()) == {p.id for p in papers}
    assert any(p.confidential for p in papers)


def test_the_county_is_a_meeting_file_moved_by_whole_weeks_to_today():
    """The data lives in resources/demo/loamshire.json; only the dates move, all by the same whole weeks."""
    from lmcdesk import paths
    from lmcdesk.services.interchange import read_document

    doc = read_document(paths.resources_dir() / "demo" / "loamshire.json")
    assert [m["id"] for m in doc["meetings"]] == list(MEETING_IDS)
    for today in (TODAY, date(2024, 2, 29), date(2031, 6, 1)):
        _, meetings = build_demo_county(today)
        shifts = {(m.date - date.fromisoformat(raw["date"])).days for m, raw in zip(meetings, doc["meetings"])}
        assert len(shifts) == 1 and shifts.pop() % 7 == 0
        assert timedelta(days=9) <= today - meetings[-1].date < timedelta(days=16)
        assert meetings[-1].date.weekday() == 1  # the joint meeting is on a Tuesday, as in the file


def test_round_trips_through_the_meeting_file(county):
    from lmcdesk.interchange import from_document, to_document

    d, meetings = county
    d2, meetings2 = from_document(to_document(d, meetings))
    assert meetings2 == meetings
    assert d2.bodies == d.bodies and d2.people == d.people
    for attr in ("memberships", "interests", "gifts"):
        assert sorted(getattr(d2, attr), key=lambda x: x.id) == sorted(getattr(d, attr), key=lambda x: x.id)


def test_create_demo_on_the_fake_unit_of_work():
    from fakes import FakeStore, FakeUnitOfWork

    from lmcdesk.services.demo import create_demo

    store = FakeStore()
    created = create_demo(FakeUnitOfWork(store), today=TODAY)
    assert created.meeting_ids == list(MEETING_IDS)
    assert created.changes.meeting_list and created.changes.meetings == set(MEETING_IDS)
    assert created.changes.directory == {"bodies", "people", "memberships", "interests", "gifts"}
    assert [store.meetings[i].is_approved for i in MEETING_IDS] == [False, True, False]
    papers = [p for m in store.meetings.values() for it in m.items for p in it.papers]
    assert papers and all(store.papers[p.sha256].startswith(b"%PDF") for p in papers)
    assert "demo-loamshire-lmc" in store.directory.bodies
    entries = len(store.audit)
    again = create_demo(FakeUnitOfWork(store), today=TODAY)
    assert again.meeting_ids == list(MEETING_IDS) and again.changes.empty
    assert len(store.audit) == entries
