"""Were interests declared at the item, and managed as the guidance requires?"""

from __future__ import annotations

from collections.abc import Iterator

from lmcdesk.domain.enums import EXCLUDED_FROM_DECISION, BusinessKind, ConflictAction, OrganisationRole, Severity

from .base import COMMISSIONING_KINDS, Context, Hit, Rule, Touch, action_words
from .sources import COMPANIES_ACT_175, NHS_ACT_14O, NHSE_CCG_2017, NHSE_COI_2017, PSR_2023


def _undeclared_present(ctx: Context, item) -> Iterator[str]:
    """People present for ``item`` who made no declaration at it."""
    declared = {d.person_id for d in item.declarations}
    for att in ctx.meeting.attendance:
        if att.person_id not in declared and att.person_id in ctx.present_for(item):
            yield att.person_id


def declare_missing(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS:
            continue
        for pid in _undeclared_present(ctx, item):
            touches = ctx.touches(pid, item)
            if not touches:
                continue
            t = touches[0]
            what = t.interest.description.strip() if t.interest and t.interest.description.strip() else ""
            what = f" ({what})" if what else ""
            yield Hit(
                f"{ctx.name(pid)} has a registered interest in {ctx.body(t.interest_body_id)}{what} and "
                f"{t.on(ctx.label(item))}, but they made no declaration at that item; being on the "
                "register is not enough.",
                (item.id,),
                (pid,),
            )


def role_undeclared(ctx: Context) -> Iterator[Hit]:
    """P-DECLARE-MISSING's twin for interests the directory knows of but the
    register does not: a role in a provider body.  Someone whose registered
    interest already touches the item is left to P-DECLARE-MISSING (one
    finding per person and item)."""
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS:
            continue
        for pid in _undeclared_present(ctx, item):
            roles = ctx.unregistered_role_touches(pid, item)
            if not roles:
                continue
            t = roles[0]
            yield Hit(
                f"{ctx.name(pid)} is {ctx.role_words(t)} and {t.on(ctx.label(item))}, but they made no "
                "declaration at that item; a role in a provider is an interest to declare whether or not "
                "it is on the register.",
                (item.id,),
                (pid,),
            )


def _interest_words(ctx: Context, t: Touch) -> str:
    if t.membership is not None:
        return f"is {ctx.role_words(t)}"
    what = t.interest.description.strip() if t.interest and t.interest.description.strip() else ""
    return f"has a registered interest in {ctx.body(t.interest_body_id)}" + (f" ({what})" if what else "")


def rival_undeclared(ctx: Context) -> Iterator[Hit]:
    """Provision business is not checked for interests in the meeting's own
    family (everyone at a federation board is interested in the federation),
    but an interest in a competitor is a conflict with the body's own bid."""
    own = ctx.body(ctx.meeting.body_id)
    for item in ctx.items:
        if item.business_kind != BusinessKind.PROVISION:
            continue
        outside = {b for b in ctx.item_bodies(item) if ctx.in_own_family(b) is None}
        if not outside:
            continue
        for pid in _undeclared_present(ctx, item):
            touches = [t for t in ctx.touches(pid, item) + ctx.role_touches(pid, item) if t.item_body_id in outside]
            if not touches:
                continue
            t = touches[0]
            how = "is bidding on" if t.role == OrganisationRole.BIDDING.value else "is affected by"
            yield Hit(
                f"{ctx.name(pid)} {_interest_words(ctx, t)}, and {t.link}, which is not part of {own}, "
                f"{how} {ctx.label(item)}, but they made no declaration at that item; on provision business "
                "an interest in a competing provider is declared and managed too.",
                (item.id,),
                (pid,),
            )


def conflict_not_excluded(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS or not item.decisions:
            continue
        for d in item.declarations:
            if d.action in EXCLUDED_FROM_DECISION or not ctx.is_conflict(d, item):
                continue
            yield Hit(
                f"{ctx.name(d.person_id)} declared an interest at {ctx.label(item)}, "
                f"{item.business_kind} business with a decision, and {action_words(d.action)}; "
                "a conflicted member must take no part in the decision (withdraw, or stay for the "
                "discussion without voting). If the interest is not a conflict, record it as noted "
                "with the reason.",
                (item.id,),
                (d.person_id,),
            )


def declaration_unmanaged(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS:
            continue
        for d in item.declarations:
            if d.decided_by_id is None:
                yield Hit(
                    f"The minutes of {ctx.label(item)} do not say who decided how "
                    f"{ctx.name(d.person_id)}'s declared interest was managed (usually the chair).",
                    (item.id,),
                    (d.person_id,),
                )
            elif d.decided_by_id == d.person_id:
                yield Hit(
                    f"{ctx.name(d.person_id)} is recorded as deciding how their own declared interest "
                    f"at {ctx.label(item)} was managed; the chair (or another member) should decide.",
                    (item.id,),
                    (d.person_id,),
                )


def withdrawal_times(ctx: Context) -> Iterator[Hit]:
    for item in ctx.items:
        for d in item.declarations:
            if d.action != ConflictAction.WITHDREW:
                continue
            att = ctx.attendance.get(d.person_id)
            left_for_good = att is not None and att.departed_after_item_id == item.id
            missing = []
            if d.time_out is None:
                missing.append("when they left the room")
            if d.time_in is None and not left_for_good:
                missing.append("when they returned")
            if missing:
                yield Hit(
                    f"{ctx.name(d.person_id)} withdrew from {ctx.label(item)} but the minutes do not "
                    f"record {' or '.join(missing)}.",
                    (item.id,),
                    (d.person_id,),
                )
            elif d.time_out is not None and d.time_in is not None and d.time_in < d.time_out:
                yield Hit(
                    f"{ctx.name(d.person_id)} withdrew from {ctx.label(item)} at "
                    f"{d.time_out:%H:%M} but is recorded as returning earlier, at {d.time_in:%H:%M}.",
                    (item.id,),
                    (d.person_id,),
                )


RULES = (
    Rule(
        "P-DECLARE-MISSING",
        "Registered interest not declared at the item",
        "A person present whose registered interest touches an organisation affected by or bidding on "
        "a commissioning or joint item declares it at that item.",
        f"{NHSE_COI_2017}; {NHSE_CCG_2017}; {NHS_ACT_14O}",
        Severity.ERROR,
        declare_missing,
    ),
    Rule(
        "P-ROLE-UNDECLARED",
        "Role in a provider on the item not declared",
        "A person present who is a partner, director, shareholder, employee or board member of an "
        "organisation affected by or bidding on a commissioning or joint item, or of one in its family, "
        "declares it at that item, whether or not the register shows it.",
        f"{NHSE_COI_2017}; {NHSE_CCG_2017}; {NHS_ACT_14O}",
        Severity.ERROR,
        role_undeclared,
    ),
    Rule(
        "P-RIVAL-UNDECLARED",
        "Interest in a competing provider not declared on provision business",
        "A person present whose interest (registered, or a role in the directory) touches an organisation "
        "outside the meeting's own provider family that is bidding on or affected by a provision item "
        "declares it at that item.",
        f"{NHSE_COI_2017}; {COMPANIES_ACT_175}",
        Severity.WARNING,
        rival_undeclared,
    ),
    Rule(
        "P-CONFLICT-NOT-EXCLUDED",
        "Conflicted member not excluded from the decision",
        "A person who declared a conflict on a commissioning or joint item with a decision withdrew or "
        "took no part in the decision.",
        f"{NHSE_CCG_2017}; {NHS_ACT_14O}; {PSR_2023}",
        Severity.ERROR,
        conflict_not_excluded,
    ),
    Rule(
        "P-DECLARATION-UNMANAGED",
        "No record of who decided how a conflict was managed",
        "For every declaration on commissioning or joint business the minutes say who (not the person "
        "declaring) decided how it was managed.",
        f"{NHSE_CCG_2017}; {NHSE_COI_2017}",
        Severity.WARNING,
        declaration_unmanaged,
    ),
    Rule(
        "P-WITHDRAWAL-TIMES",
        "Withdrawal without times",
        "When a person withdraws for a conflict the minutes record when they left and when they returned.",
        NHSE_CCG_2017,
        Severity.WARNING,
        withdrawal_times,
    ),
)
