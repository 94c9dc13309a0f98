"""Who took part in each decision, and is the decision recorded at all?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lmcdesk.domain.enums import NON_MEMBER_CAPACITIES, BusinessKind, Capacity, OrganisationRole, Severity, VoteChoice
from lmcdesk.domain.model import AgendaItem, Decision
from lmcdesk.vocabulary import words

from .base import NOT_DECIDED, Context, Hit, Rule
from .sources import NHS_ACT_14O, NHSE_CCG_2017, PSR_2023, STANDING_ORDERS


def _how(words: set[str]) -> str:
    """"recorded as voting for, listed as taking part ... and counted in ..." in that order."""
    order = ("recorded", "listed", "counted")
    ranked = sorted(words, key=lambda w: (next((n for n, o in enumerate(order) if w.startswith(o)), 9), w))
    return ranked[0] if len(ranked) == 1 else ", ".join(ranked[:-1]) + " and " + ranked[-1]


def conflict_counted(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if not item.decisions:
            continue
        excluded = ctx.should_be_excluded(item)
        if not excluded:
            continue
        takers = ctx.decision_takers(item)
        q = ctx.quorum(item)
        for pid, why in excluded.items():
            how = set(takers.get(pid, ()))
            if pid in q.counted and pid not in q.excluded:
                how.add("counted in the item's quorum")
            if how:
                yield Hit(
                    f"{ctx.name(pid)} {why} at {ctx.label(item)} but is {_how(how)}; "
                    "remove them from the vote, the participants and the quorum.",
                    (item.id,),
                    (pid,),
                )


def nonmember_voting(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        takers = ctx.decision_takers(item)
        counted = set(ctx.quorum(item).counted) if item.decisions else set()
        for att in ctx.meeting.attendance:
            pid = att.person_id
            if ctx.can_vote(pid):
                continue
            how = set(takers.get(pid, ()))
            if pid in counted:
                how.add("counted in the item's quorum")
            if how:
                why = (
                    f"attended as {words(Capacity(att.capacity), 'document')}"
                    if att.capacity in NON_MEMBER_CAPACITIES
                    else "attended without a vote"
                )
                yield Hit(
                    f"{ctx.name(pid)} {why} but is {_how(how)} at {ctx.label(item)}.",
                    (item.id,),
                    (pid,),
                )


def provider_rep_commissioning(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind != BusinessKind.COMMISSIONING:
            continue
        takers = ctx.decision_takers(item)
        for att in ctx.meeting.attendance:
            if att.capacity == Capacity.PROVIDER_REPRESENTATIVE and att.person_id in takers:
                rep = f" of {ctx.body(att.representing_id)}" if att.representing_id else ""
                yield Hit(
                    f"{ctx.name(att.person_id)} attended as a provider representative{rep} but is "
                    f"{_how(takers[att.person_id])} on commissioning business at "
                    f"{ctx.label(item)}.",
                    (item.id,),
                    (att.person_id,),
                )


def _absence(ctx: Context, pid: str, item: AgendaItem) -> str:
    att = ctx.attendance.get(pid)
    if att is None:
        return "is not in the attendance list"
    if not att.is_present:
        return f"is recorded as {att.status}"
    positions = {i.id: i for i in ctx.items}
    if att.arrived_at_item_id in positions and positions[att.arrived_at_item_id].position > item.position:
        return f"arrived at {ctx.label(positions[att.arrived_at_item_id])}"
    if att.departed_after_item_id in positions:
        return f"left after {ctx.label(positions[att.departed_after_item_id])}"
    return "was not in the meeting when the item began"


def voter_not_present(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        present = ctx.present_for(item)
        for pid, how in ctx.decision_takers(item).items():
            if pid not in present:
                yield Hit(
                    f"{ctx.name(pid)} is {_how(how)} at {ctx.label(item)} but "
                    f"{_absence(ctx, pid, item)}.",
                    (item.id,),
                    (pid,),
                )


def _decision_label(ctx: Context, item: AgendaItem, d: Decision) -> str:
    text = d.resolution.strip()
    if len(text) > 60:
        text = text[:57].rstrip() + "..."
    return f'the decision "{text}" at {ctx.label(item)}' if text else f"a decision at {ctx.label(item)}"


def _too_many_votes(ctx: Context, item: AgendaItem, total: int, what: str) -> Hit | None:
    """More votes counted than the record itself allows: the voting members
    present less those whose declaration excludes them.  The number the message
    gives as able to vote also leaves out everyone else the conflict rules
    exclude (``Context.should_be_excluded``: a conflict noted with full
    participation, an undeclared interest); those people, counted by the
    record, are reported by P-CONFLICT-COUNTED, so they do not make this rule
    fire on their own."""
    q = ctx.quorum(item)
    allowed = [p for p in q.present_voting if p not in q.excluded]
    if total <= len(allowed):
        return None
    conflicted = ctx.should_be_excluded(item)
    out = [p for p in q.present_voting if p in q.excluded or p in conflicted]
    able = len(q.present_voting) - len(out)
    why = ""
    if out:
        n = len(q.present_voting)
        why = (f" ({n} present with a vote, less {len(out)} excluded by a conflict: "
               f"{ctx.names(out)})")
    return Hit(
        f"{total} votes are counted for {what} but only {able} voting member"
        f"{'s were' if able != 1 else ' was'} present and able to vote{why}.",
        (item.id,),
    )


def decision_no_votes(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        for d in item.decisions:
            what = _decision_label(ctx, item, d)
            counts = (d.votes_for, d.votes_against, d.abstentions)
            has_counts = any(c is not None for c in counts)
            if not (has_counts or d.votes or d.by_consensus or d.participants):
                if d.outcome not in NOT_DECIDED:
                    yield Hit(
                        f"No vote, consensus or participants are recorded for {what}.", (item.id,)
                    )
                continue
            if has_counts:
                total = sum(c or 0 for c in counts)
                hit = _too_many_votes(ctx, item, total, what)
                if hit is not None:
                    yield hit
                    continue
            named = Counter(v.choice for v in d.votes)
            twice = [p for p, n in Counter(v.person_id for v in d.votes).items() if n > 1]
            if twice:
                yield Hit(
                    f"{ctx.names(twice)} {'is' if len(twice) == 1 else 'are'} recorded as voting more "
                    f"than once on {what}.",
                    (item.id,),
                    tuple(twice),
                )
            if has_counts and d.votes:
                pairs = ((VoteChoice.FOR, d.votes_for), (VoteChoice.AGAINST, d.votes_against),
                         (VoteChoice.ABSTAIN, d.abstentions))
                wrong = [f"{named[c]} named {c.value}, {n or 0} counted" for c, n in pairs if named[c] != (n or 0)]
                if wrong:
                    yield Hit(
                        f"The named votes disagree with the counts for {what}: {'; '.join(wrong)}.",
                        (item.id,),
                    )


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def award_not_listed(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        bidders = item.organisation_ids(OrganisationRole.BIDDING)
        for d in item.decisions:
            if d.award_to_id and d.award_to_id not in bidders:
                yield Hit(
                    f"{_upper_first(_decision_label(ctx, item, d))} awards the contract to "
                    f"{ctx.body(d.award_to_id)}, which is not listed as bidding on the item.",
                    (item.id,),
                )


RULES = (
    Rule(
        "P-CONFLICT-COUNTED",
        "Conflicted member voted or counted",
        "Nobody excluded from a decision by a conflict (declared, or registered and undeclared) is "
        "recorded as voting, as taking part, or counted in the item's quorum.",
        f"{NHSE_CCG_2017}; {NHS_ACT_14O}; {STANDING_ORDERS}",
        Severity.ERROR,
        conflict_counted,
    ),
    Rule(
        "P-NONMEMBER-VOTING",
        "Non-member voted or counted",
        "Observers, people in attendance, the minute-taker and anyone without a vote are never recorded "
        "as voting, taking part in a decision or counted in a quorum.",
        STANDING_ORDERS,
        Severity.ERROR,
        nonmember_voting,
    ),
    Rule(
        "P-PROVIDER-REP-COMMISSIONING",
        "Provider representative in a commissioning decision",
        "A person attending as a provider representative takes no part in a commissioning decision.",
        f"{NHSE_CCG_2017}; {NHS_ACT_14O}",
        Severity.ERROR,
        provider_rep_commissioning,
    ),
    Rule(
        "P-VOTER-NOT-PRESENT",
        "Absent person recorded in a decision",
        "Everyone recorded as voting or taking part in a decision was present for the item.",
        STANDING_ORDERS,
        Severity.ERROR,
        voter_not_present,
    ),
    Rule(
        "P-DECISION-NO-VOTES",
        "Decision without a record of how it was made",
        "Every decision records the votes, a consensus, or who took part; counted votes never exceed "
        "the members present and able to vote, and named votes agree with the counts.",
        f"{STANDING_ORDERS}; {PSR_2023}",
        Severity.ERROR,
        decision_no_votes,
    ),
    Rule(
        "P-AWARD-NOT-LISTED",
        "Contract awarded to an organisation not listed as bidding",
        "A decision awarding a contract names a body listed as bidding on the item, so that conflicts "
        "with it are checked.",
        PSR_2023,
        Severity.WARNING,
        award_not_listed,
    ),
)
