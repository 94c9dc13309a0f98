"""The engine judges any valid meeting file without failing, and says sane things.

Uses the interchange strategies (every reference resolves); a second test
feeds references to nothing, which a half-edited meeting in the app can hold.
"""

from __future__ import annotations

from datetime import date, time

from hypothesis import HealthCheck, given, settings

from lmcdesk.domain import (
    AgendaItem,
    Body,
    BodyType,
    BusinessKind,
    Declaration,
    Decision,
    ItemOrganisation,
    Vote,
    VoteChoice,
)
from lmcdesk.probity import RULES, errors, likely_conflicts, rule, run

from builders import MeetingBuilder
from interchange_strategies import worlds

RULE_IDS = {r.id for r in RULES}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(max_meetings=2))
def test_any_valid_meeting_is_judged_without_failing(world):
    directory, meetings = world
    for meeting in meetings:
        found = run(meeting, directory, today=date(2030, 1, 1))
        item_ids = {i.id for i in meeting.items}
        for f in found:
            assert f.rule_id in RULE_IDS
            assert f.severity == rule(f.rule_id).severity
            assert f.message.strip()
            assert set(f.item_ids) <= item_ids
        assert run(meeting, directory, today=date(2030, 1, 1)) == found
        assert all(f.is_error for f in errors(found))
        for lc in likely_conflicts(meeting, directory):
            assert lc.item_id in item_ids and lc.reason


def test_references_to_nothing_do_not_break_the_engine():
    b = MeetingBuilder()
    b.person("chair", chair=True)
    b.directory.bodies["loop-a"] = Body("loop-a", "Loop A", BodyType.FEDERATION, parent_id="loop-b")
    b.directory.bodies["loop-b"] = Body("loop-b", "Loop B", BodyType.FEDERATION, parent_id="loop-a")
    b.interest("chair", "loop-a")
    item = b.item("Contract", BusinessKind.COMMISSIONING, started_at=time(19, 5))
    item.organisations.append(ItemOrganisation("no-such-body"))
    item.organisations.append(ItemOrganisation("loop-b"))
    item.acting_chair_id = "no-such-person"
    item.declarations.append(Declaration("d1", "nobody", interest_id="no-such-interest", organisation_id="gone"))
    item.decisions.append(Decision("x", "Agreed", votes=[Vote("stranger", VoteChoice.FOR)], votes_for=1,
                                   award_to_id="no-such-body"))
    b.attendance("chair").arrived_at_item_id = "no-such-item"
    b.meeting.items.append(AgendaItem("orphan", "Untitled", position=2))
    found = run(*b.build(), today=date(2026, 4, 1))
    ids = {f.rule_id for f in found}
    assert {"P-VOTER-NOT-PRESENT", "P-INTEREST-UNREGISTERED", "P-ITEM-UNCLASSIFIED", "P-CHAIR-CONFLICT"} <= ids
    assert any("stranger" in f.message for f in found)  # unknown people are named by their id
