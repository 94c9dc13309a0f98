"""Is the register of interests of the people present complete and current?"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from lmcdesk.domain.enums import NON_MEMBER_CAPACITIES, MembershipRole, Severity
from lmcdesk.domain.model import Declaration, Interest
from lmcdesk.vocabulary import words

from .base import COMMISSIONING_KINDS, Context, Hit, Rule
from .sources import NHS_ACT_14O, NHSE_COI_2017

#: Days within which a new interest should be on the register (NHS Act 2006 s.14O for CCGs;
#: NHS England's guidance).
REGISTER_WITHIN_DAYS = 28


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _last_seen(i: Interest) -> date | None:
    dates = [d for d in (i.reviewed_on, i.declared_on, i.valid_from) if d is not None]
    return max(dates) if dates else None


def _describe(ctx: Context, i: Interest) -> str:
    if i.nil_return:
        what = "nil return"
    else:
        org = ctx.body(i.organisation_id) if i.organisation_id else i.organisation_name.strip()
        what = f"interest in {org}" if org else (i.description.strip() or "an interest")
    seen = _last_seen(i)
    return f"{what} ({'last dated ' + seen.isoformat() if seen else 'no date recorded'})"


def _matches(ctx: Context, decl: Declaration, entry: Interest) -> bool:
    if entry.nil_return:
        return False
    if decl.organisation_id is None:
        return True
    return ctx.orgs.interest_body(entry) == decl.organisation_id


def interest_unregistered(ctx: Context) -> Iterator[Hit]:
    day = ctx.meeting.date
    for item in ctx.items:
        for d in item.declarations:
            if d.interest_id is not None:
                entry = ctx.interest(d.interest_id)
                if entry is not None and entry.person_id == d.person_id:
                    continue
                problem = "does not exist" if entry is None else "belongs to someone else"
                yield Hit(
                    f"{ctx.name(d.person_id)}'s declaration at {ctx.label(item)} points to a register "
                    f"entry that {problem}.",
                    (item.id,),
                    (d.person_id,),
                )
                continue
            registered = any(
                _matches(ctx, d, e) and (e.declared_on or e.valid_from or date.min) >= day
                for e in ctx.interests_of(d.person_id)
            )
            if registered:
                continue
            nature = f" ({d.nature.strip()})" if d.nature.strip() else ""
            late = (ctx.today - day).days
            overdue = (
                f"; {late} days have passed since the meeting and it should be on the register "
                f"within {REGISTER_WITHIN_DAYS} days"
                if late > REGISTER_WITHIN_DAYS
                else ""
            )
            yield Hit(
                f"{ctx.name(d.person_id)} declared a new interest at {ctx.label(item)}{nature} that is "
                f"not yet on the register{overdue}.",
                (item.id,),
                (d.person_id,),
            )


def _in_force(i: Interest, day: date) -> bool:
    if i.nil_return:
        start = i.declared_on or i.valid_from
        return (start is None or start <= day) and (i.valid_to is None or day <= i.valid_to)
    return i.current_on(day)


def _register_people(ctx: Context) -> Iterator[str]:
    """Present people who take part as members (not observers, staff or the minute-taker)."""
    for att in ctx.meeting.attendance:
        if att.is_present and att.capacity not in NON_MEMBER_CAPACITIES:
            yield att.person_id


def register_stale(ctx: Context) -> Iterator[Hit]:
    day = ctx.meeting.date
    cutoff = _year_before(day)
    for pid in _register_people(ctx):
        entries = [i for i in ctx.interests_of(pid) if _in_force(i, day)]
        interests = [i for i in entries if not i.nil_return]
        if interests:
            entries = interests  # a real interest supersedes a nil return
        else:
            nils = sorted(entries, key=lambda i: _last_seen(i) or date.min)
            entries = nils[-1:]
        stale = [i for i in entries if (_last_seen(i) or date.min) < cutoff]
        if stale:
            yield Hit(
                f"{ctx.name(pid)}'s register entries have not been reviewed in the 12 months before "
                f"the meeting: {'; '.join(_describe(ctx, i) for i in stale)}.",
                (),
                (pid,),
            )


def register_incomplete(ctx: Context) -> Iterator[Hit]:
    """Roles in provider organisations that the directory knows of but the
    register does not show: a partner, director or shareholder is interested
    in their practice or company whether or not they registered it.  A role
    is shown when a current entry is in the same organisation or one linked
    to it (the touch relation: a registered partnership in a practice covers
    membership of its federation); roles in the meeting's own body are not
    interests for its meetings."""
    day = ctx.meeting.date
    for pid in _register_people(ctx):
        registered = {ctx.orgs.interest_body(i) for i in ctx.interests_of(pid) if i.current_on(day)}
        registered.discard(None)
        missing: list[str] = []
        for ms in ctx.interest_memberships(pid):
            if ms.body_id in missing or any(ctx.orgs.touches(r, ms.body_id) for r in registered):
                continue
            missing.append(ms.body_id)
        if not missing:
            continue
        roles = "; ".join(
            f"{ctx.body(b)} ({', '.join(sorted({words(MembershipRole(m.role)) for m in ctx.memberships_of(pid) if m.body_id == b}))})"
            for b in missing
        )
        touched = [
            ctx.label(item)
            for item in ctx.items
            if item.business_kind in COMMISSIONING_KINDS
            and any(ctx.orgs.touches(b, t) for b in missing for t in ctx.item_bodies(item))
        ]
        also = f"; it concerns {', '.join(touched)}" if touched else ""
        yield Hit(
            f"{ctx.name(pid)} holds roles the register of interests does not show: {roles}{also}.",
            (),
            (pid,),
        )


def register_missing(ctx: Context) -> Iterator[Hit]:
    for pid in _register_people(ctx):
        if ctx.can_vote(pid) and not ctx.interests_of(pid):
            yield Hit(
                f"{ctx.name(pid)} took part with a vote but has nothing on the register of interests, "
                "not even a nil return.",
                (),
                (pid,),
            )


def gift_undeclared(ctx: Context) -> Iterator[Hit]:
    day = ctx.meeting.date
    since = _year_before(day)
    for item in ctx.items:
        if item.business_kind not in COMMISSIONING_KINDS:
            continue
        bodies = ctx.item_bodies(item)
        if not bodies:
            continue
        declared = {d.person_id for d in item.declarations}
        present = ctx.present_for(item)
        for att in ctx.meeting.attendance:
            pid = att.person_id
            if pid in declared or pid not in present:
                continue
            for g in ctx.gifts_of(pid):
                if not g.accepted or not (since <= g.offered_on <= day):
                    continue
                giver = g.body_id or ctx.orgs.by_name(g.offered_by)
                if giver is None:
                    continue
                link = next((ctx.orgs.link(giver, b) for b in bodies if ctx.orgs.touches(giver, b)), None)
                if link is None:
                    continue
                yield Hit(
                    f"{ctx.name(pid)} accepted {g.description.strip() or 'a gift or hospitality'} from "
                    f"{ctx.body(giver)} on {g.offered_on.isoformat()}, and {link} is on "
                    f"{ctx.label(item)}, but they made no declaration at that item.",
                    (item.id,),
                    (pid,),
                )
                break


RULES = (
    Rule(
        "P-INTEREST-UNREGISTERED",
        "New interest not yet on the register",
        "An interest declared new at a meeting is added to the register (within "
        f"{REGISTER_WITHIN_DAYS} days).",
        f"{NHSE_COI_2017}; {NHS_ACT_14O}",
        Severity.WARNING,
        interest_unregistered,
    ),
    Rule(
        "P-GIFT-UNDECLARED",
        "Gift or hospitality from an organisation on the item not declared",
        "A person present who accepted gifts or hospitality in the 12 months before the meeting from "
        "an organisation on a commissioning or joint item declares it at that item.",
        NHSE_COI_2017,
        Severity.WARNING,
        gift_undeclared,
    ),
    Rule(
        "P-REGISTER-STALE",
        "Register entries not reviewed for 12 months",
        "The register entries (or nil return) of everyone present as a member were declared or "
        "reviewed within the 12 months before the meeting.",
        f"{NHSE_COI_2017}; {NHS_ACT_14O}",
        Severity.WARNING,
        register_stale,
    ),
    Rule(
        "P-REGISTER-INCOMPLETE",
        "Role in a provider not on the register",
        "The roles a person present as a member holds in provider organisations (partner, director, "
        "shareholder, employee ...) appear on their register of interests.",
        f"{NHSE_COI_2017}; {NHS_ACT_14O}",
        Severity.WARNING,
        register_incomplete,
    ),
    Rule(
        "P-REGISTER-MISSING",
        "Voting member with nothing on the register",
        "Every voting member present has a register entry, or a nil return.",
        f"{NHSE_COI_2017}; {NHS_ACT_14O}",
        Severity.WARNING,
        register_missing,
    ),
)
