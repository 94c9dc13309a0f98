"""The engine's API: RULES, rule(), run() ordering, errors(), likely_conflicts()."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from lmcdesk.domain import AttendanceStatus, BodyType, BusinessKind, ItemType, Severity
from lmcdesk.probity import RULES, Finding, LikelyConflict, errors, likely_conflicts, rule, run

from builders import MeetingBuilder, clean_commissioning_meeting

TODAY = date(2026, 3, 20)


def test_rules_have_unique_stable_ids_and_one_line_statements():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.id.startswith("P-") and r.id == r.id.upper()
        assert r.statement and "\n" not in r.statement
        assert r.source and r.title
        assert r.severity in (Severity.ERROR, Severity.WARNING)
    assert rule("P-QUORUM-ITEM").severity == Severity.ERROR
    with pytest.raises(KeyError):
        rule("P-NO-SUCH-RULE")


def test_rule_and_finding_are_frozen():
    with pytest.raises(FrozenInstanceError):
        RULES[0].id = "x"  # type: ignore[misc]
    f = Finding("P-X", Severity.ERROR, "m", ("i",), ("p",))
    with pytest.raises(FrozenInstanceError):
        f.message = "y"  # type: ignore[misc]


def test_clean_meeting_has_no_findings():
    b, _ = clean_commissioning_meeting()
    assert run(*b.build(), today=TODAY) == []


def test_findings_come_in_item_order_then_rule_order_meeting_wide_first():
    b, item = clean_commissioning_meeting()
    first = b.meeting.items[0]
    first.business_kind = BusinessKind.UNCLASSIFIED  # item 1: P-ITEM-UNCLASSIFIED
    first.item_type = ItemType.STANDARD
    item.declarations.clear()  # item 2: P-DECLARE-MISSING, P-CONFLICT-COUNTED? (gp did not vote)
    item.decisions[0].votes_for = 9  # item 2: P-DECISION-NO-VOTES
    b.meeting.attendance = [a for a in b.meeting.attendance if a.person_id != "gp2"]
    b.member("absentee1")
    b.member("absentee2")
    b.member("absentee3")  # 7 members, 3 present: P-MEETING-QUORUM (meeting-wide)
    found = run(*b.build(), today=TODAY)
    ids = [f.rule_id for f in found]
    assert ids[0] == "P-MEETING-QUORUM"
    assert ids.index("P-ITEM-UNCLASSIFIED") < ids.index("P-DECLARE-MISSING") < ids.index("P-DECISION-NO-VOTES")
    assert all(f.item_ids == (item.id,) for f in found if f.rule_id == "P-DECLARE-MISSING")
    assert errors(found) == [f for f in found if f.severity == Severity.ERROR]
    assert all(isinstance(f.message, str) and f.message for f in found)


def test_run_is_deterministic():
    b, item = clean_commissioning_meeting()
    item.declarations.clear()
    m, d = b.build()
    assert run(m, d, today=TODAY) == run(m, d, today=TODAY)


def test_likely_conflicts_names_person_item_and_interest():
    b, item = clean_commissioning_meeting()
    m, d = b.build()
    (lc,) = likely_conflicts(m, d)
    assert isinstance(lc, LikelyConflict)
    interest = next(i for i in d.interests if i.person_id == "gp" and not i.nil_return)
    assert (lc.item_id, lc.person_id, lc.interest_id) == (item.id, "gp", interest.id)
    assert lc.reason.startswith("Financial interest in Example Street Surgery")
    assert "Loamshire Federation Ltd" in lc.reason and "is bidding on Item 2" in lc.reason


def test_likely_conflicts_skips_general_business_and_apologies_but_not_unclassified():
    b, item = clean_commissioning_meeting()
    item.business_kind = BusinessKind.GENERAL
    assert likely_conflicts(*b.build()) == []
    item.business_kind = BusinessKind.UNCLASSIFIED
    assert len(likely_conflicts(*b.build())) == 1
    item.business_kind = BusinessKind.PROVISION
    assert len(likely_conflicts(*b.build())) == 1
    b.attendance("gp").status = AttendanceStatus.APOLOGIES
    assert likely_conflicts(*b.build()) == []


def test_likely_conflicts_before_attendance_uses_voting_members():
    b = MeetingBuilder()
    b.member("gp")
    b.body("prac", "Example Practice", BodyType.PRACTICE)
    b.interest("gp", organisation_name="  example PRACTICE ")
    item = b.item("Diabetes enhanced service", affected=["prac"])
    (lc,) = likely_conflicts(*b.build())
    assert (lc.item_id, lc.person_id) == (item.id, "gp")


def test_finding_as_dict_is_plain_json():
    import json

    b, item = clean_commissioning_meeting()
    item.declarations.clear()
    f = run(*b.build(), today=TODAY)[0]
    d = json.loads(json.dumps(f.as_dict()))
    assert d == {"rule_id": f.rule_id, "severity": str(f.severity), "message": f.message,
                 "item_ids": [item.id], "person_ids": ["gp"]}


def test_plain_strings_for_enum_fields_are_judged_the_same():
    """Data from a form or file may carry plain strings where enums are expected."""
    b, item = clean_commissioning_meeting()
    item.business_kind = "commissioning"
    item.declarations[0].action = "noted_full_participation"
    item.decisions[0].outcome = "agreed"
    assert [f.rule_id for f in run(*b.build(), today=TODAY)] == ["P-CONFLICT-NOT-EXCLUDED", "P-CONFLICT-COUNTED"]


def test_a_role_the_register_already_shows_is_reported_once():
    from lmcdesk.domain import Membership, MembershipRole

    b, item = clean_commissioning_meeting()
    item.declarations.clear()
    b.directory.memberships.append(Membership("ms-x", "gp", "surgery", role=MembershipRole.PARTNER))
    about_gp = [f.rule_id for f in run(*b.build(), today=TODAY) if f.person_ids == ("gp",)]
    assert about_gp == ["P-DECLARE-MISSING", "P-CONFLICT-COUNTED"]


def test_an_unregistered_role_is_one_undeclared_finding_and_one_vote_finding():
    from lmcdesk.domain import Membership, MembershipRole

    b, item = clean_commissioning_meeting()
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    about = [(f.rule_id, f.item_ids) for f in run(*b.build(), today=TODAY) if "gp2" in f.person_ids]
    assert about == [("P-REGISTER-INCOMPLETE", ()), ("P-ROLE-UNDECLARED", (item.id,)),
                     ("P-CONFLICT-COUNTED", (item.id,))]


def test_likely_conflicts_include_roles_the_register_does_not_show():
    from lmcdesk.domain import Membership, MembershipRole

    b, item = clean_commissioning_meeting()
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    b.directory.memberships.append(Membership("ms-y", "gp", "surgery", role=MembershipRole.PARTNER))  # registered
    found = likely_conflicts(*b.build())
    assert [(lc.person_id, lc.item_id) for lc in found] == [("gp", item.id), ("gp2", item.id)]
    role = found[1]
    assert (role.interest_id, role.membership_id) == ("", "ms-x")
    assert role.reason.startswith("Role as a director of Loamshire Federation Ltd (in the directory, not on the register")
    assert "is bidding on Item 2" in role.reason
    assert found[0].membership_id == ""
