"""Every rule: a case that fires and a near miss that does not.

Each case starts from ``clean_commissioning_meeting()`` (which no rule finds
fault with), breaks or bends one thing, and looks for one rule.  FIRES and
HOLDS must cover every rule in RULES (the first two tests check that).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from fractions import Fraction

import pytest

from lmcdesk.domain import (
    AttendanceStatus,
    BodyType,
    BusinessKind,
    Capacity,
    ConflictAction,
    DecisionOutcome,
    GiftOffer,
    Interest,
    ItemOrganisation,
    ItemPart,
    ItemType,
    Membership,
    MembershipRole,
    OrganisationRole,
    QuorumRule,
    Vote,
    VoteChoice,
)
from lmcdesk.probity import RULES, Finding, rule, run

from builders import MEETING_DAY, MeetingBuilder, clean_commissioning_meeting

TODAY = MEETING_DAY + timedelta(days=7)
ITEM2 = "Item 2 (Extended access contract)"

Case = Callable[[MeetingBuilder, object], dict]
FIRES: dict[str, list[Case]] = {}
HOLDS: dict[str, list[Case]] = {}


def fires(rule_id: str):
    def register(fn: Case) -> Case:
        FIRES.setdefault(rule_id, []).append(fn)
        return fn
    return register


def holds(rule_id: str):
    def register(fn: Case) -> Case:
        HOLDS.setdefault(rule_id, []).append(fn)
        return fn
    return register


def _cases(table):
    return [pytest.param(rid, fn, id=f"{rid}:{fn.__name__}") for rid, fns in table.items() for fn in fns]


def _findings(b: MeetingBuilder, rule_id: str, today: date = TODAY) -> list[Finding]:
    return [f for f in run(*b.build(), today=today) if f.rule_id == rule_id]


def test_every_rule_has_a_case_that_fires_and_one_that_does_not():
    ids = {r.id for r in RULES}
    assert set(FIRES) == ids
    assert set(HOLDS) == ids


# --------------------------------------------------------------------------- classification


@fires("P-ITEM-UNCLASSIFIED")
def unclassified_business(b, item):
    item.business_kind = BusinessKind.UNCLASSIFIED
    return {"items": [item], "says": [ITEM2]}


@fires("P-ITEM-UNCLASSIFIED")
def unclassified_any_other_business(b, item):
    aob = b.item("Any other business", BusinessKind.UNCLASSIFIED, item_type=ItemType.AOB)
    return {"items": [aob], "says": ["Item 3 (Any other business)", "classify it as general"]}


@holds("P-ITEM-UNCLASSIFIED")
def standing_items_classified_general(b, item):
    b.item("Any other business", BusinessKind.GENERAL, item_type=ItemType.AOB)


@holds("P-ITEM-UNCLASSIFIED")
def procedural_standing_items_left_unclassified(b, item):
    b.meeting.items[0].business_kind = BusinessKind.UNCLASSIFIED  # declarations of interest
    b.item("Apologies", BusinessKind.UNCLASSIFIED, item_type=ItemType.APOLOGIES)
    b.item("Minutes of the last meeting", BusinessKind.UNCLASSIFIED, item_type=ItemType.PREVIOUS_MINUTES)


@fires("P-PART2-REASON")
def part_two_without_reason(b, item):
    item.part = ItemPart.PART_II
    item.exclusion_reason = "   "
    return {"items": [item], "says": ["Part II"]}


@holds("P-PART2-REASON")
def part_two_with_reason(b, item):
    item.part = ItemPart.PART_II
    item.exclusion_reason = "Commercially confidential: bids under evaluation"


@fires("P-ITEM-NO-ORGANISATIONS")
def commissioning_decision_without_organisations(b, item):
    item.organisations.clear()
    item.decisions[0].award_to_id = None
    return {"items": [item]}


@holds("P-ITEM-NO-ORGANISATIONS")
def deferred_decision_without_organisations(b, item):
    item.organisations.clear()
    item.decisions[0].award_to_id = None
    item.decisions[0].outcome = DecisionOutcome.DEFERRED


@fires("P-SELF-COMMISSION")
def federation_awards_the_contract_to_its_own_company(b, item):
    b.meeting.body_id = "fed"  # the federation's own board takes the commissioning item
    return {"items": [item], "people": [],
            "says": ["Item 2 (Extended access contract) is commissioning business of Loamshire Federation",
                     "its decision awards the contract to Loamshire Federation Ltd (part of Loamshire Federation)",
                     "must not commission a service from itself or its own family", "classify the item as provision"]}


@fires("P-SELF-COMMISSION")
def the_meeting_body_itself_bids(b, item):
    item.organisations.append(ItemOrganisation(b.meeting.body_id, OrganisationRole.BIDDING))
    return {"items": [item], "says": ["Loamshire North Locality Group itself is bidding on it"]}


@fires("P-SELF-COMMISSION")
def company_board_commissions_from_its_parent_federation(b, item):
    b.meeting.body_id = "fedco"
    item.organisations = [ItemOrganisation("fed", OrganisationRole.BIDDING)]
    item.decisions[0].award_to_id = None
    return {"says": ["Loamshire Federation (of which Loamshire Federation Ltd is part) is bidding on it"]}


@holds("P-SELF-COMMISSION")
def federation_refers_the_award_to_the_commissioner(b, item):
    b.meeting.body_id = "fed"
    item.decisions[0].outcome = DecisionOutcome.REFERRED
    item.decisions[0].award_to_id = None


@holds("P-SELF-COMMISSION")
def rival_federation_board_awards_to_another_federations_company(b, item):
    b.body("fed2", "Loamshire South Federation", BodyType.FEDERATION)
    b.body("fed2co", "Loamshire South Federation Ltd", BodyType.FEDERATION_COMPANY, parent="fed2")
    b.meeting.body_id = "fed2"


@holds("P-SELF-COMMISSION")
def federation_preparing_its_own_bid_is_provision(b, item):
    b.meeting.body_id = "fed"
    item.business_kind = BusinessKind.PROVISION


# --------------------------------------------------------------------------- declarations


@fires("P-DECLARE-MISSING")
def registered_but_not_declared(b, item):
    item.declarations.clear()
    return {"items": [item], "people": ["gp"],
            "says": ["Dr Bryn Example", "Example Street Surgery", "Loamshire Federation Ltd", ITEM2,
                     "being on the register is not enough"]}


@fires("P-DECLARE-MISSING")
def declared_only_at_the_standing_item(b, item):
    item.declarations.clear()
    b.declare(b.meeting.items[0], "gp")
    return {"items": [item], "people": ["gp"]}


@fires("P-DECLARE-MISSING")
def register_entry_by_name_only(b, item):
    item.declarations.clear()
    entry = next(i for i in b.directory.interests if i.person_id == "gp" and not i.nil_return)
    entry.organisation_id = None
    entry.organisation_name = "example street SURGERY "
    return {"people": ["gp"]}


@fires("P-DECLARE-MISSING")
def joint_item_affecting_the_practice(b, item):
    item.declarations.clear()
    item.business_kind = BusinessKind.JOINT
    item.organisations = []
    item.decisions[0].award_to_id = None
    item.organisations.append(ItemOrganisation("surgery", OrganisationRole.AFFECTED))
    return {"people": ["gp"]}


@holds("P-DECLARE-MISSING")
def provision_business_is_not_checked(b, item):
    item.declarations.clear()
    item.business_kind = BusinessKind.PROVISION


@holds("P-DECLARE-MISSING")
def interest_ended_before_the_meeting(b, item):
    item.declarations.clear()
    entry = next(i for i in b.directory.interests if i.person_id == "gp" and not i.nil_return)
    entry.valid_to = MEETING_DAY - timedelta(days=1)


@holds("P-DECLARE-MISSING")
def left_before_the_item(b, item):
    item.declarations.clear()
    item.decisions[0].votes_for = 3
    b.attendance("gp").departed_after_item_id = b.meeting.items[0].id


@holds("P-DECLARE-MISSING")
def interest_in_another_practice_of_the_federation(b, item):
    item.declarations.clear()
    b.body("other", "Other Lane Surgery", BodyType.PRACTICE, parent="fed")
    item.organisations[0].body_id = "other"
    item.decisions[0].award_to_id = "other"


@fires("P-ROLE-UNDECLARED")
def director_of_the_bidder_with_a_nil_return(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    return {"items": [item], "people": ["gp2"],
            "says": ["Dr Dilys Example is a director of Loamshire Federation Ltd and Loamshire Federation Ltd "
                     f"is bidding on {ITEM2}", "made no declaration at that item",
                     "whether or not it is on the register"]}


@fires("P-ROLE-UNDECLARED")
def partner_in_a_member_practice_of_the_bidders_federation(b, item):
    b.body("other", "Other Lane Surgery", BodyType.PRACTICE, parent="fed")
    b.directory.memberships.append(Membership("ms-x", "gp2", "other", role=MembershipRole.PARTNER))
    return {"people": ["gp2"],
            "says": ["is a partner in Other Lane Surgery",
                     "Loamshire Federation Ltd (which, like Other Lane Surgery, belongs to Loamshire Federation)"]}


@fires("P-ROLE-UNDECLARED")
def salaried_gp_on_a_joint_item(b, item):
    item.business_kind = BusinessKind.JOINT
    b.directory.memberships.append(Membership("ms-x", "gp2", "surgery", role=MembershipRole.SALARIED_GP))
    return {"people": ["gp2"], "says": ["is a salaried GP at Example Street Surgery"]}


@holds("P-ROLE-UNDECLARED")
def role_declared_ended_observed_or_elsewhere(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    b.declare(item, "gp2", ConflictAction.DISCUSSION_NO_VOTE, interest=None, organisation_id="fedco",
              nature="Director of the bidding company")
    item.decisions[0].votes = [v for v in item.decisions[0].votes if v.person_id != "gp2"]
    item.decisions[0].votes_for = 2
    b.directory.memberships.append(Membership("ms-y", "vice", "fedco", role=MembershipRole.DIRECTOR,
                                              end=MEETING_DAY - timedelta(days=1)))  # ended
    b.directory.memberships.append(Membership("ms-z", "chair", "fedco", role=MembershipRole.OBSERVER))
    b.body("elsewhere", "Elsewhere Surgery", BodyType.PRACTICE)
    b.directory.memberships.append(Membership("ms-w", "chair", "elsewhere", role=MembershipRole.PARTNER))


@holds("P-ROLE-UNDECLARED")
def role_on_the_register_is_left_to_declare_missing(b, item):
    item.declarations.clear()  # P-DECLARE-MISSING names him, once
    b.directory.memberships.append(Membership("ms-x", "gp", "surgery", role=MembershipRole.PARTNER))


@holds("P-ROLE-UNDECLARED")
def role_on_provision_business(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    item.business_kind = BusinessKind.PROVISION


def _federation_board_bid(b, item):
    """The federation's board preparing its company's bid, against a rival provider."""
    b.meeting.body_id = "fed"
    b.body("trust", "Loamshire Community Trust", BodyType.OTHER_PROVIDER)
    item.business_kind = BusinessKind.PROVISION
    item.organisations.append(ItemOrganisation("trust", OrganisationRole.BIDDING))
    item.decisions[0].award_to_id = None
    item.declarations.clear()


@fires("P-RIVAL-UNDECLARED")
def registered_interest_in_a_rival_bidder(b, item):
    _federation_board_bid(b, item)
    b.interest("gp2", "trust", description="Sessional GP")
    return {"items": [item], "people": ["gp2"],
            "says": ["Dr Dilys Example has a registered interest in Loamshire Community Trust (Sessional GP)",
                     "which is not part of Loamshire Federation, is bidding on " + ITEM2,
                     "made no declaration at that item"]}


@fires("P-RIVAL-UNDECLARED")
def role_in_a_rival_bidder(b, item):
    _federation_board_bid(b, item)
    b.directory.memberships.append(Membership("ms-x", "vice", "trust", role=MembershipRole.EMPLOYEE))
    return {"people": ["vice"], "says": ["Dr Cai Example is an employee of Loamshire Community Trust"]}


@holds("P-RIVAL-UNDECLARED")
def interests_in_the_federations_own_family_or_declared(b, item):
    _federation_board_bid(b, item)  # gp: partner in a member practice, undeclared: his own side
    b.interest("gp2", "trust", description="Sessional GP")
    b.declare(item, "gp2", ConflictAction.WITHDREW)


@holds("P-RIVAL-UNDECLARED")
def rival_interest_on_commissioning_business_is_for_declare_missing(b, item):
    b.body("trust", "Loamshire Community Trust", BodyType.OTHER_PROVIDER)
    item.organisations.append(ItemOrganisation("trust", OrganisationRole.BIDDING))
    b.interest("gp2", "trust", description="Sessional GP")


@fires("P-CONFLICT-NOT-EXCLUDED")
def conflict_noted_with_full_participation(b, item):
    item.declarations[0].action = ConflictAction.NOTED_FULL_PARTICIPATION
    return {"items": [item], "people": ["gp"], "says": ["took full part"]}


@fires("P-CONFLICT-NOT-EXCLUDED")
def touching_interest_noted_even_with_a_reason(b, item):
    item.declarations[0].action = ConflictAction.NOTED_FULL_PARTICIPATION
    item.declarations[0].reason = "Chair judged it minor"
    return {"people": ["gp"]}


@fires("P-CONFLICT-NOT-EXCLUDED")
def did_not_receive_papers_only(b, item):
    item.declarations[0].action = ConflictAction.DID_NOT_RECEIVE_PAPERS
    return {"says": ["did not receive the papers"]}


@holds("P-CONFLICT-NOT-EXCLUDED")
def stayed_for_discussion_without_vote(b, item):
    item.declarations[0].action = ConflictAction.DISCUSSION_NO_VOTE


@fires("P-CONFLICT-NOT-EXCLUDED")
def new_interest_naming_the_bidder_noted(b, item):
    b.declare(item, "gp2", ConflictAction.NOTED_FULL_PARTICIPATION, interest=None,
              nature="Spouse is a director of Loamshire Federation Ltd", reason="Chair content")
    return {"people": ["gp2"]}


@fires("P-CONFLICT-NOT-EXCLUDED")
def noted_with_reason_but_nobody_decided(b, item):
    b.body("charity", "Loamshire Walking Club", BodyType.OTHER)
    i = b.interest("gp2", "charity", type="non_financial_personal", description="Trustee")
    b.declare(item, "gp2", ConflictAction.NOTED_FULL_PARTICIPATION, interest=i, decided_by=None,
              reason="The club has no part in the contract")
    return {"people": ["gp2"]}


@holds("P-CONFLICT-NOT-EXCLUDED")
def new_unrelated_interest_noted_with_reason(b, item):
    b.declare(item, "gp2", ConflictAction.NOTED_FULL_PARTICIPATION, interest=None,
              nature="Trustee of a walking club", reason="No connection with the bidders")


@holds("P-CONFLICT-NOT-EXCLUDED")
def immaterial_interest_noted_with_reason(b, item):
    b.body("charity", "Loamshire Walking Club", BodyType.OTHER)
    i = b.interest("gp2", "charity", type="non_financial_personal", description="Trustee")
    b.declare(item, "gp2", ConflictAction.NOTED_FULL_PARTICIPATION, interest=i,
              reason="The club has no part in the contract")


@fires("P-DECLARATION-UNMANAGED")
def nobody_decided(b, item):
    item.declarations[0].decided_by_id = None
    return {"items": [item], "people": ["gp"], "says": ["who decided"]}


@fires("P-DECLARATION-UNMANAGED")
def decided_their_own_case(b, item):
    item.declarations[0].decided_by_id = "gp"
    return {"says": ["their own"]}


@holds("P-DECLARATION-UNMANAGED")
def vice_chair_decided(b, item):
    item.declarations[0].decided_by_id = "vice"


@holds("P-DECLARATION-UNMANAGED")
def general_business_not_checked(b, item):
    b.declare(b.meeting.items[0], "gp", decided_by=None)


@fires("P-WITHDRAWAL-TIMES")
def no_return_time(b, item):
    item.declarations[0].time_in = None
    return {"items": [item], "people": ["gp"], "says": ["when they returned"]}


@fires("P-WITHDRAWAL-TIMES")
def return_before_leaving(b, item):
    item.declarations[0].time_in = time(19, 10)
    return {"says": ["earlier"]}


@holds("P-WITHDRAWAL-TIMES")
def left_the_meeting_after_the_item(b, item):
    item.declarations[0].time_in = None
    b.attendance("gp").departed_after_item_id = item.id


# --------------------------------------------------------------------------- chair


def _chair_declares(b, item):
    b.body("chairprac", "Chair Lane Surgery", BodyType.PRACTICE, parent="fed")
    b.interest("chair", "chairprac")
    b.declare(item, "chair")
    d = item.decisions[0]
    d.votes = [v for v in d.votes if v.person_id != "chair"]
    d.votes_for = 2


@fires("P-CHAIR-CONFLICT")
def chair_withdrew_without_handing_over(b, item):
    _chair_declares(b, item)
    return {"items": [item], "people": ["chair"], "says": ["Dr Alys Example", "chair"]}


@fires("P-CHAIR-CONFLICT")
def acting_chair_not_present(b, item):
    _chair_declares(b, item)
    item.acting_chair_id = "vice"
    b.attendance("vice").departed_after_item_id = b.meeting.items[0].id
    d = item.decisions[0]
    d.votes = [v for v in d.votes if v.person_id != "vice"]
    d.votes_for = 1
    return {"people": ["vice", "chair"], "says": ["not present"]}


@fires("P-CHAIR-CONFLICT")
def chair_with_an_unregistered_partnership_keeps_the_chair(b, item):
    b.body("chairprac", "Chair Lane Surgery", BodyType.PRACTICE, parent="fed")
    b.directory.memberships.append(Membership("ms-x", "chair", "chairprac", role=MembershipRole.PARTNER))
    return {"people": ["chair"], "says": ["has an undeclared interest as a partner in Chair Lane Surgery"]}


@holds("P-CHAIR-CONFLICT")
def vice_chair_took_the_chair(b, item):
    _chair_declares(b, item)
    item.acting_chair_id = "vice"


@fires("P-CHAIR-MISSING")
def no_chair_recorded(b, item):
    b.meeting.chair_id = None
    for d in item.declarations:
        d.decided_by_id = "vice"
    return {"items": [], "says": ["who chaired"]}


@fires("P-CHAIR-MISSING")
def chair_sent_apologies(b, item):
    b.attendance("chair").status = AttendanceStatus.APOLOGIES
    d = item.decisions[0]
    d.votes = [v for v in d.votes if v.person_id != "chair"]
    d.votes_for = 2
    return {"people": ["chair"], "says": ["Dr Alys Example", "apologies"]}


@holds("P-CHAIR-MISSING")
def vice_chair_in_the_chair(b, item):
    b.attendance("chair").status = AttendanceStatus.APOLOGIES
    b.meeting.chair_id = "vice"
    item.declarations[0].decided_by_id = "vice"
    d = item.decisions[0]
    d.votes = [v for v in d.votes if v.person_id != "chair"]
    d.votes_for = 2


# --------------------------------------------------------------------------- quorum


@fires("P-MEETING-QUORUM")
def late_arrival_leaves_meeting_inquorate(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(minimum=4)
    b.attendance("gp2").arrived_time = time(19, 10)
    return {"items": [], "says": ["3 voting members present, 4 required"]}


@holds("P-MEETING-QUORUM")
def everyone_on_time(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(minimum=4)


@fires("P-QUORUM-ITEM")
def withdrawal_leaves_item_inquorate(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(minimum=4)
    return {"items": [item], "people": ["gp"], "says": ["NOT quorate", "agreed", "deferred or referred"]}


@holds("P-QUORUM-ITEM")
def inquorate_item_deferred(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(minimum=4)
    item.decisions[0].outcome = DecisionOutcome.DEFERRED
    item.decisions[0].award_to_id = None


@holds("P-QUORUM-ITEM")
def withdrawn_members_count_by_standing_orders(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(minimum=4, withdrawn_count=True)


# --------------------------------------------------------------------------- decisions


@fires("P-CONFLICT-COUNTED")
def withdrawn_member_named_as_voting(b, item):
    d = item.decisions[0]
    d.votes.append(Vote("gp", VoteChoice.FOR))
    d.votes_for = 4
    return {"items": [item], "people": ["gp"], "says": ["recorded as voting for"]}


@fires("P-CONFLICT-COUNTED")
def withdrawn_member_listed_as_participant(b, item):
    item.decisions[0].participants = ["chair", "vice", "gp", "gp2"]
    return {"people": ["gp"], "says": ["listed as taking part in the decision"]}


@fires("P-CONFLICT-COUNTED")
def undeclared_interest_counted_in_quorum(b, item):
    item.declarations.clear()
    return {"people": ["gp"], "says": ["undeclared registered interest", "counted in the item's quorum"]}


@fires("P-CONFLICT-COUNTED")
def noted_conflict_counted_in_quorum(b, item):
    item.declarations[0].action = ConflictAction.NOTED_FULL_PARTICIPATION
    return {"people": ["gp"], "says": ["counted in the item's quorum"]}


@fires("P-CONFLICT-COUNTED")
def undeclared_director_of_the_bidder_voted(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    return {"people": ["gp2"],
            "says": ["has an undeclared interest as a director of Loamshire Federation Ltd", "recorded as voting for"]}


@holds("P-CONFLICT-COUNTED")
def withdrawn_counted_when_standing_orders_allow(b, item):
    b.directory.bodies[b.meeting.body_id].quorum = QuorumRule(fraction=Fraction(1, 2), withdrawn_count=True)


@fires("P-NONMEMBER-VOTING")
def observer_voted(b, item):
    d = item.decisions[0]
    d.votes.append(Vote("obs", VoteChoice.FOR))
    return {"items": [item], "people": ["obs"], "says": ["Mx Observer Example", "observer"]}


@fires("P-NONMEMBER-VOTING")
def member_without_vote_took_part(b, item):
    b.person("coopt", "Dr Co Example", capacity=Capacity.CO_OPTED, voting=False)
    item.decisions[0].participants = ["chair", "vice", "gp2", "coopt"]
    return {"people": ["coopt"], "says": ["without a vote"]}


@holds("P-NONMEMBER-VOTING")
def observer_and_minute_taker_only_present(b, item):
    item.decisions[0].participants = ["chair", "vice", "gp2"]


def _provider_rep(b, item):
    b.body("trust", "Loamshire Community Trust", BodyType.OTHER_PROVIDER)
    b.person("rep", "Ms Rep Example", capacity=Capacity.PROVIDER_REPRESENTATIVE, member=False,
             representing_id="trust")
    d = item.decisions[0]
    d.votes.append(Vote("rep", VoteChoice.FOR))
    d.votes_for = 4


@fires("P-PROVIDER-REP-COMMISSIONING")
def provider_rep_voted_on_commissioning(b, item):
    _provider_rep(b, item)
    return {"items": [item], "people": ["rep"], "says": ["Loamshire Community Trust"]}


@holds("P-PROVIDER-REP-COMMISSIONING")
def provider_rep_voted_on_provision(b, item):
    _provider_rep(b, item)
    item.business_kind = BusinessKind.PROVISION


@fires("P-VOTER-NOT-PRESENT")
def voter_left_earlier(b, item):
    b.attendance("gp2").departed_after_item_id = b.meeting.items[0].id
    return {"items": [item], "people": ["gp2"], "says": ["left after Item 1"]}


@fires("P-VOTER-NOT-PRESENT")
def voter_not_in_attendance(b, item):
    b.member("ghost")
    item.decisions[0].participants = ["chair", "vice", "gp2", "ghost"]
    return {"people": ["ghost"], "says": ["not in the attendance list"]}


@holds("P-VOTER-NOT-PRESENT")
def voter_arrived_at_the_item(b, item):
    b.attendance("gp2").arrived_at_item_id = item.id


@fires("P-DECISION-NO-VOTES")
def nothing_recorded(b, item):
    d = item.decisions[0]
    d.votes, d.votes_for, d.votes_against, d.abstentions = [], None, None, None
    return {"items": [item], "says": ["No vote, consensus or participants", "Award the extended access"]}


@fires("P-DECISION-NO-VOTES")
def more_votes_than_eligible(b, item):
    d = item.decisions[0]
    d.votes = []
    d.votes_for = 4  # gp withdrew: only 3 can vote
    return {"says": ["4 votes", "only 3 voting members"]}


@fires("P-DECISION-NO-VOTES")
def more_votes_than_eligible_counts_conflicts_as_the_other_rules_do(b, item):
    # As blind scenario (c): one declared and stayed without a vote, one "noted, full participation"
    # for an interest in the bidder; both are conflicted, so only chair and vice could vote.
    item.declarations[0].action = ConflictAction.NOTED_FULL_PARTICIPATION
    item.declarations[0].reason = "Chair content"
    b.declare(item, "gp2", ConflictAction.DISCUSSION_NO_VOTE, interest=None, organisation_id="fedco",
              nature="Director of the bidding company")
    d = item.decisions[0]
    d.votes = []
    d.votes_for = 4
    return {"says": ["4 votes", "only 2 voting members were present and able to vote",
                     "4 present with a vote, less 2 excluded by a conflict: Dr Bryn Example and Dr Dilys Example"]}


@fires("P-DECISION-NO-VOTES")
def named_votes_disagree(b, item):
    item.decisions[0].votes_for, item.decisions[0].votes_against = 2, 1
    return {"says": ["3 named for, 2 counted"]}


@fires("P-DECISION-NO-VOTES")
def voted_twice(b, item):
    item.decisions[0].votes[1] = Vote("chair", VoteChoice.FOR)
    item.decisions[0].votes_for = 3
    return {"says": ["Dr Alys Example is recorded as voting more than once"]}


@holds("P-DECISION-NO-VOTES")
def consensus(b, item):
    d = item.decisions[0]
    d.votes, d.votes_for, d.votes_against, d.abstentions = [], None, None, None
    d.by_consensus = True


@holds("P-DECISION-NO-VOTES")
def conflicted_voter_the_record_counts_is_left_to_conflict_counted(b, item):
    item.declarations.clear()  # gp undeclared, voted: P-DECLARE-MISSING and P-CONFLICT-COUNTED say so
    d = item.decisions[0]
    d.votes.append(Vote("gp", VoteChoice.FOR))
    d.votes_for = 4


@holds("P-DECISION-NO-VOTES")
def deferred_needs_no_votes(b, item):
    b.decide(b.meeting.items[0], "Deferred to the next meeting", DecisionOutcome.DEFERRED)


@fires("P-AWARD-NOT-LISTED")
def award_to_unlisted(b, item):
    b.body("acme", "Acme Health Ltd", BodyType.OTHER_PROVIDER)
    item.decisions[0].award_to_id = "acme"
    return {"items": [item], "says": ["Acme Health Ltd"]}


@holds("P-AWARD-NOT-LISTED")
def award_to_listed_bidder(b, item):
    item.decisions[0].award_to_id = "fedco"


# --------------------------------------------------------------------------- register


def _new_declaration(b, item):
    b.body("pcn", "Loamshire North PCN", BodyType.OTHER_PROVIDER, parent="fed")
    d = b.declare(item, "gp2", interest=None, organisation_id="pcn", nature="Clinical director of the PCN")
    item.decisions[0].votes = [v for v in item.decisions[0].votes if v.person_id != "gp2"]
    item.decisions[0].votes_for = 2
    return d


@fires("P-INTEREST-UNREGISTERED")
def new_interest_not_registered(b, item):
    _new_declaration(b, item)
    return {"items": [item], "people": ["gp2"], "says": ["Dr Dilys Example", "Clinical director"]}


@fires("P-INTEREST-UNREGISTERED")
def new_interest_long_overdue(b, item):
    _new_declaration(b, item)
    return {"today": MEETING_DAY + timedelta(days=40), "says": ["40 days", "28 days"]}


@fires("P-INTEREST-UNREGISTERED")
def declaration_points_to_missing_entry(b, item):
    item.declarations[0].interest_id = "no-such-entry"
    return {"people": ["gp"], "says": ["does not exist"]}


@holds("P-INTEREST-UNREGISTERED")
def new_interest_registered_after_the_meeting(b, item):
    _new_declaration(b, item)
    b.interest("gp2", "pcn", declared_on=MEETING_DAY + timedelta(days=3))


def _gift(b, *, body_id="fedco", offered_by="", days_before=60, accepted=True):
    b.directory.gifts.append(GiftOffer(
        "g1", "gp2", offered_by=offered_by, description="Dinner at the Loamshire Arms",
        offered_on=MEETING_DAY - timedelta(days=days_before), value_pence=4500, accepted=accepted,
        body_id=body_id,
    ))


@fires("P-GIFT-UNDECLARED")
def hospitality_from_the_bidder(b, item):
    _gift(b)
    return {"items": [item], "people": ["gp2"], "says": ["Dinner at the Loamshire Arms", "Loamshire Federation Ltd"]}


@fires("P-GIFT-UNDECLARED")
def hospitality_from_the_bidders_federation_by_name(b, item):
    _gift(b, body_id=None, offered_by="loamshire federation")
    return {"people": ["gp2"]}


@holds("P-GIFT-UNDECLARED")
def gift_declined_or_old_or_declared(b, item):
    _gift(b, accepted=False)
    b.directory.gifts.append(GiftOffer("g2", "gp2", "Loamshire Federation Ltd", "Pens", MEETING_DAY - timedelta(days=400),
                                       accepted=True, body_id="fedco"))
    b.directory.gifts.append(GiftOffer("g3", "gp", "Loamshire Federation Ltd", "Lunch", MEETING_DAY,
                                       accepted=True, body_id="fedco"))  # gp declared at the item


@fires("P-REGISTER-STALE")
def entry_older_than_a_year(b, item):
    entry = next(i for i in b.directory.interests if i.person_id == "gp" and not i.nil_return)
    entry.declared_on = MEETING_DAY - timedelta(days=400)
    return {"items": [], "people": ["gp"], "says": ["Dr Bryn Example", "Example Street Surgery"]}


@fires("P-REGISTER-STALE")
def old_nil_return(b, item):
    nil = next(i for i in b.directory.interests if i.person_id == "gp2")
    nil.declared_on = date(2024, 1, 5)
    return {"people": ["gp2"], "says": ["nil return (last dated 2024-01-05)"]}


@holds("P-REGISTER-STALE")
def old_entry_reviewed(b, item):
    entry = next(i for i in b.directory.interests if i.person_id == "gp" and not i.nil_return)
    entry.declared_on = MEETING_DAY - timedelta(days=800)
    entry.reviewed_on = MEETING_DAY - timedelta(days=200)
    # an old nil return superseded by the fresh one from the builder
    b.directory.interests.append(Interest("old-nil", "vice", nil_return=True, declared_on=date(2020, 1, 1)))


@holds("P-REGISTER-STALE")
def observers_are_not_checked(b, item):
    b.interest("obs", "fed", declared_on=date(2019, 1, 1))


@fires("P-REGISTER-INCOMPLETE")
def director_of_the_bidder_not_registered(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp2", "fedco", role=MembershipRole.DIRECTOR))
    return {"items": [], "people": ["gp2"], "says": ["Loamshire Federation Ltd (Director)", ITEM2]}


@holds("P-REGISTER-INCOMPLETE")
def roles_covered_by_the_register(b, item):
    b.directory.memberships.append(Membership("ms-x", "gp", "surgery", role=MembershipRole.PARTNER))
    b.directory.memberships.append(Membership("ms-y", "gp", "fed"))  # through the practice
    b.directory.memberships.append(Membership("ms-z", "gp2", "fedco", role=MembershipRole.DIRECTOR,
                                              end=MEETING_DAY - timedelta(days=1)))  # ended
    b.directory.memberships.append(Membership("ms-o", "vice", "fedco", role=MembershipRole.OBSERVER))
    b.directory.bodies[b.meeting.body_id].type = BodyType.FEDERATION  # its own members: no interest


@fires("P-REGISTER-MISSING")
def voting_member_without_entries(b, item):
    b.directory.interests = [i for i in b.directory.interests if i.person_id != "gp2"]
    return {"people": ["gp2"], "says": ["not even a nil return"]}


@holds("P-REGISTER-MISSING")
def non_voting_attendees_need_none(b, item):
    b.person("guest", capacity=Capacity.IN_ATTENDANCE, voting=False, register=False)


# --------------------------------------------------------------------------- the tests (after every case is registered)


@pytest.mark.parametrize(("rule_id", "case"), _cases(FIRES))
def test_rule_fires(rule_id, case):
    b, item = clean_commissioning_meeting()
    expect = case(b, item) or {}
    found = _findings(b, rule_id, expect.get("today", TODAY))
    assert found, f"{rule_id} did not fire"
    f = found[0]
    assert f.severity == rule(rule_id).severity
    if "items" in expect:
        assert f.item_ids == tuple(i.id for i in expect["items"])
    if "people" in expect:
        assert f.person_ids == tuple(expect["people"])
    for words in expect.get("says", ()):
        assert words in f.message, f.message


@pytest.mark.parametrize(("rule_id", "case"), _cases(HOLDS))
def test_rule_holds(rule_id, case):
    b, item = clean_commissioning_meeting()
    expect = case(b, item) or {}
    assert _findings(b, rule_id, expect.get("today", TODAY)) == []
