"""Did a conflicted chair hand the chair to someone else for the item?"""

from __future__ import annotations

from collections.abc import Iterator

from lmcdesk.domain.enums import Severity

from .base import Context, Hit, Rule
from .sources import NHSE_CCG_2017, STANDING_ORDERS


def chair_conflict(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        excluded = ctx.should_be_excluded(item)
        chair = ctx.chair_for(item)
        if chair is None:
            continue
        if chair in excluded:
            role = "acting chair" if item.acting_chair_id else "chair"
            yield Hit(
                f"{ctx.name(chair)}, the {role} for {ctx.label(item)}, {excluded[chair]} but no other "
                "member is recorded as chairing the item.",
                (item.id,),
                (chair,),
            )
        elif (
            item.acting_chair_id
            and ctx.meeting.chair_id in excluded
            and item.acting_chair_id not in ctx.present_for(item)
        ):
            yield Hit(
                f"{ctx.name(item.acting_chair_id)} is recorded as acting chair for {ctx.label(item)} "
                f"in place of {ctx.name(ctx.meeting.chair_id)}, but was not present for the item.",
                (item.id,),
                (item.acting_chair_id, ctx.meeting.chair_id),
            )


RULES = (
    Rule(
        "P-CHAIR-CONFLICT",
        "Conflicted chair did not hand over",
        "When the chair is conflicted on an item, another member present is recorded as acting chair.",
        f"{NHSE_CCG_2017}; {STANDING_ORDERS}",
        Severity.ERROR,
        chair_conflict,
    ),
)
