"""Is every item classified and set up so that the other rules can judge it?"""

from __future__ import annotations

from collections.abc import Iterator

from lmcdesk.domain.enums import BusinessKind, ItemPart, ItemType, OrganisationRole, Severity

from .base import COMMISSIONING_KINDS, NOT_DECIDED, Context, Hit, Rule
from .sources import NHS_ACT_14O, NHSE_CCG_2017, NHSE_COI_2017, PSR_2023, PUBLIC_BODIES_1960, STANDING_ORDERS


#: Standing items that are procedure only: left unclassified they count as general.
#: Matters arising and any other business can carry real business, so they are not here.
PROCEDURAL_ITEMS = frozenset({ItemType.APOLOGIES, ItemType.DECLARATIONS, ItemType.PREVIOUS_MINUTES})


def item_unclassified(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind == BusinessKind.UNCLASSIFIED and item.item_type not in PROCEDURAL_ITEMS:
            hint = (
                "" if item.item_type == ItemType.STANDARD
                else " (classify it as general if nothing was commissioned or provided under it)"
            )
            yield Hit(
                f"{ctx.label(item)} is not classified as commissioning, provision, joint or "
                f"general business{hint}.",
                (item.id,),
            )


def part2_reason(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.part == ItemPart.PART_II and not item.exclusion_reason.strip():
            yield Hit(
                f"{ctx.label(item)} is in Part II (public excluded) but no reason for excluding "
                "the public is recorded.",
                (item.id,),
            )


def item_no_organisations(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind in COMMISSIONING_KINDS and ctx.has_decision(item) and not ctx.item_bodies(item):
            yield Hit(
                f"{ctx.label(item)} is {item.business_kind} business with a decision but lists "
                "no organisation affected or bidding, so conflicts of interest cannot be checked.",
                (item.id,),
            )


def self_commission(ctx: Context) -> Iterator[Hit]:
    """A provider must never commission a service from itself: commissioning
    business of a body where the body itself, or one in its provider family
    (the touch relation from the body: its parents, its company, its member
    practices, a company sharing its federation), is bidding or is awarded the
    contract.  An item whose every decision was deferred or referred (to a
    commissioner outside the family) is left alone."""
    own = ctx.meeting.body_id
    own_name = ctx.body(own)
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS:
            continue
        if item.decisions and all(d.outcome in NOT_DECIDED for d in item.decisions):
            continue
        awarded = {d.award_to_id for d in item.decisions if d.award_to_id and d.outcome not in NOT_DECIDED}
        for body_id, role in ctx.item_bodies(item).items():
            if role != OrganisationRole.BIDDING.value:
                continue
            link = ctx.in_own_family(body_id)
            if link is None:
                continue
            who = f"{own_name} itself" if body_id == own else link
            how = f"its decision awards the contract to {who}" if body_id in awarded else f"{who} is bidding on it"
            yield Hit(
                f"{ctx.label(item)} is {item.business_kind} business of {own_name}, and {how}: "
                "a body must not commission a service from itself or its own family. Refer the decision "
                "to a commissioner outside the family (e.g. the ICB or the locality group), or, if the "
                "meeting was preparing its own bid, classify the item as provision.",
                (item.id,),
            )


RULES = (
    Rule(
        "P-ITEM-UNCLASSIFIED",
        "Item not classified",
        "Every agenda item is classified as commissioning, provision, joint or general business "
        "(apologies, declarations and previous minutes count as general).",
        f"{NHSE_CCG_2017}; {STANDING_ORDERS}",
        Severity.ERROR,
        item_unclassified,
    ),
    Rule(
        "P-PART2-REASON",
        "Part II item without a reason",
        "An item taken in Part II records why the public was excluded.",
        PUBLIC_BODIES_1960,
        Severity.ERROR,
        part2_reason,
    ),
    Rule(
        "P-ITEM-NO-ORGANISATIONS",
        "Commissioning decision names no organisation",
        "A commissioning or joint item with a decision lists the organisations affected by it or bidding.",
        f"{NHSE_CCG_2017}; {PSR_2023}",
        Severity.WARNING,
        item_no_organisations,
    ),
    Rule(
        "P-SELF-COMMISSION",
        "Body commissioning from itself",
        "A body must not commission a service from itself or an organisation in its own family.",
        f"{NHSE_COI_2017}; {NHSE_CCG_2017}; {NHS_ACT_14O}; {PSR_2023}",
        Severity.ERROR,
        self_commission,
    ),
)
