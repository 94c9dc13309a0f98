"""Was the meeting, and each decision, quorate?  The arithmetic lives in
:mod:`lmcdesk.domain.quorum` so that minutes and the live indicator agree."""

from __future__ import annotations

from collections.abc import Iterator

from lmcdesk.domain.enums import Severity
from lmcdesk.domain.quorum import meeting_quorum

from .base import NOT_DECIDED, Context, Hit, Rule
from .sources import NHSE_CCG_2017, STANDING_ORDERS


def meeting_not_quorate(ctx: Context) -> Iterator[Hit]:
    present, required = meeting_quorum(ctx.meeting, ctx.directory)
    if present < required:
        yield Hit(
            f"The meeting was not quorate at its start: {present} voting member"
            f"{'s' if present != 1 else ''} present, {required} required."
        )


def item_not_quorate(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        decided = [d for d in item.decisions if d.outcome not in NOT_DECIDED]
        if not decided:
            continue
        q = ctx.quorum(item)
        if q.quorate:
            continue
        outcomes = ", ".join(sorted({str(d.outcome) for d in decided}))
        yield Hit(
            f"{ctx.label(item)} was not quorate after withdrawals: {q.statement()} A decision is "
            f"nevertheless recorded as {outcomes}; it must be deferred or referred instead.",
            (item.id,),
            tuple(q.excluded),
        )


RULES = (
    Rule(
        "P-MEETING-QUORUM",
        "Meeting not quorate at the start",
        "Enough voting members are present when the meeting opens.",
        STANDING_ORDERS,
        Severity.WARNING,
        meeting_not_quorate,
    ),
    Rule(
        "P-QUORUM-ITEM",
        "Decision taken without a quorum",
        "An item that is not quorate once conflicted members are excluded is deferred or referred, "
        "not decided.",
        f"{NHSE_CCG_2017}; {STANDING_ORDERS}",
        Severity.ERROR,
        item_not_quorate,
    ),
)
