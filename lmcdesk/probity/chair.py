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


def chair_missing(ctx: Context) -> Iterator[Hit]:
    chair = ctx.meeting.chair_id
    if chair is None:
        yield Hit("The minutes do not record who chaired the meeting.")
        return
    att = ctx.attendance.get(chair)
    if att is None or not att.is_present:
        status = "is not in the attendance list" if att is None else f"is recorded as {att.status}"
        yield Hit(
            f"{ctx.name(chair)} is recorded as chairing the meeting but {status}; record who "
            "actually took the chair (usually the vice chair).",
            (),
            (chair,),
        )


RULES = (
    Rule(
        "P-CHAIR-MISSING",
        "Nobody recorded as chairing the meeting",
        "The minutes record who chaired the meeting, and that person was present.",
        STANDING_ORDERS,
        Severity.WARNING,
        chair_missing,
    ),
    Rule(
        "P-CHAIR-CONFLICT",
        "Conflicted chair did not hand over",
        "When the chair is conflicted on an item, another member present is recorded as acting chair.",
        f"{NHSE_CCG_2017}; {STANDING_ORDERS}",
        Severity.ERROR,
        chair_conflict,
    ),
)
