"""``create_demo`` on a real record: everything it stores comes back as built,
papers included, and a second run changes nothing."""

from __future__ import annotations

from datetime import date

from lmcdesk.probity import run
from lmcdesk.services.checks import check_meeting
from lmcdesk.services.demo import MEETING_IDS, build_demo_county, create_demo

TODAY = date(2026, 11, 22)


def _by_id(rows):
    return sorted(rows, key=lambda r: r.id)


def test_create_demo_stores_the_county_and_every_meeting_loads(uow_factory):
    ids = create_demo(uow_factory(), today=TODAY).meeting_ids
    assert ids == list(MEETING_IDS)
    built_dir, built = build_demo_county(TODAY)
    with uow_factory() as uow:
        stored_dir = uow.directory.load()
        assert stored_dir.bodies == built_dir.bodies
        assert stored_dir.people == built_dir.people
        assert _by_id(stored_dir.memberships) == _by_id(built_dir.memberships)
        assert _by_id(stored_dir.interests) == _by_id(built_dir.interests)
        assert _by_id(stored_dir.gifts) == _by_id(built_dir.gifts)
        for expected in built:
            meeting = uow.meetings.get(expected.id)
            papers = [p for it in meeting.items for p in it.papers]
            assert papers
            for stored_item, item in zip(meeting.items, expected.items):
                for stored_paper, paper in zip(stored_item.papers, item.papers):
                    data = uow.papers.get(stored_paper.sha256)
                    assert data.startswith(b"%PDF") and len(data) == stored_paper.size_bytes
                    paper.sha256, paper.size_bytes = stored_paper.sha256, stored_paper.size_bytes
            approved = meeting.id == MEETING_IDS[1]  # the award meeting, approved at the joint one
            assert meeting.is_approved == approved
            assert [v.version for v in meeting.versions] == ([1] if approved else [])
            if approved:
                assert meeting.versions[0].approved_by == stored_dir.person_name(meeting.chair_id)
                assert meeting.versions[0].approved_at.date() < TODAY and len(meeting.versions[0].fingerprint) == 64
            meeting.status, meeting.versions, meeting.lock_version = expected.status, [], expected.lock_version
            assert meeting == expected
        summaries = uow.meetings.summaries(ids=list(MEETING_IDS))
        assert {s.id for s in summaries} == set(MEETING_IDS)


def test_check_on_the_stored_demo_matches_the_pure_engine(uow_factory):
    create_demo(uow_factory(), today=TODAY)
    directory, built = build_demo_county(TODAY)
    for meeting in built:
        findings = check_meeting(uow_factory(), meeting.id, today=TODAY)
        expected = run(meeting, directory, TODAY)
        assert sorted((f.rule_id, f.item_ids, f.person_ids) for f in findings) == sorted(
            (f.rule_id, f.item_ids, f.person_ids) for f in expected
        )
        has_errors = any(f.is_error for f in findings)
        assert has_errors == (meeting.id == MEETING_IDS[-1])


def test_create_demo_twice_writes_nothing_more(uow_factory):
    first = create_demo(uow_factory(), today=TODAY)
    with uow_factory() as uow:
        before = (len(uow.directory.load().interests), len(uow.audit.entries()))
    second = create_demo(uow_factory(), today=date(2027, 3, 1))
    assert second.meeting_ids == first.meeting_ids and second.changes.empty
    with uow_factory() as uow:
        after = (len(uow.directory.load().interests), len(uow.audit.entries()))
        assert after == before
        assert len(uow.meetings.summaries()) == len(MEETING_IDS)


def test_example_files_imported_beside_the_demo_leave_it_alone(uow_factory):
    from pathlib import Path

    import pytest

    from lmcdesk.services.interchange import import_file

    examples = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples").glob("*.json"))
    if not examples:
        pytest.skip("no example meeting files in docs/examples")
    create_demo(uow_factory(), today=TODAY)

    def state():
        with uow_factory() as uow:
            d = uow.directory.load()
            demo = {k: v for k, v in {**d.bodies, **d.people}.items() if k.startswith("demo-")}
            demo_interests = _by_id(i for i in d.interests if i.person_id.startswith("demo-"))
        findings = {
            mid: sorted((f.rule_id, f.item_ids, f.person_ids) for f in check_meeting(uow_factory(), mid, TODAY))
            for mid in MEETING_IDS
        }
        return demo, demo_interests, findings

    before = state()
    for path in examples:
        import_file(uow_factory(), path)
    assert state() == before
