"""Registers as PDF: interests, procurement decisions, gifts and hospitality.

Wording in ``templates/registers/*.html.j2``, through the same chain as the
minutes (HTML -> document model -> ReportLab); A4 landscape because the tables
are wide (the renderer lays out every ``register`` document so).  The *published* register of interests leaves out entries that ended
more than six months ago (the usual NHS publication rule); ``published=False``
prints everything for the secretary's own use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lmcdesk.documents import Document, html
from lmcdesk.domain.enums import BusinessKind, ItemPart, MinutesStatus, OrganisationRole
from lmcdesk.domain.model import Directory, Meeting

from . import jinja, pdfkit, require_register_kind
from .context import one_line, short_date

def months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _organisation(directory: Directory, meetings: list[Meeting]) -> str:
    ids = sorted({m.body_id for m in meetings}, key=directory.body_name)
    return ", ".join(one_line(directory.body_name(b)) for b in ids) or "LMC Desk record"


def interests_context(directory: Directory, meetings: list[Meeting], today: date, published: bool) -> dict:
    cutoff = months_before(today, 6)
    people = []
    for pid, person in sorted(directory.people.items(), key=lambda kv: kv[1].name):
        roles = [
            {"role": m.role.value, "body": one_line(directory.body_name(m.body_id))}
            for m in directory.memberships
            if m.person_id == pid and m.active_on(today)
        ]
        mine = directory.interests_of(pid)
        if not person.active and not mine:
            continue
        if not roles and not mine:
            continue
        shown = [
            i for i in mine
            if not i.nil_return and not (published and i.valid_to is not None and i.valid_to < cutoff)
        ]
        shown.sort(key=lambda i: (i.valid_to is not None, i.valid_from or i.declared_on or date.min))
        nil = [i for i in mine if i.nil_return]
        people.append(
            {
                "name": one_line(person.name),
                "roles": roles,
                "entries": [
                    {
                        "type": i.type.value,
                        "organisation": one_line(i.organisation_name) or one_line(directory.body_name(i.organisation_id)),
                        "description": one_line(i.description),
                        "from": short_date(i.valid_from),
                        "to": short_date(i.valid_to),
                        "declared": short_date(i.declared_on),
                        "reviewed": short_date(i.reviewed_on),
                    }
                    for i in shown
                ],
                "nil_return": short_date(max((i.declared_on or today) for i in nil)) if nil else "",
            }
        )
    return {"people": people}


def gifts_context(directory: Directory, meetings: list[Meeting], today: date, published: bool) -> dict:
    gifts = sorted(directory.gifts, key=lambda g: (g.offered_on, g.id))
    return {
        "gifts": [
            {
                "offered_on": short_date(g.offered_on),
                "person": one_line(directory.person_name(g.person_id)),
                "body": one_line(directory.body_name(g.body_id)),
                "offered_by": one_line(g.offered_by),
                "description": one_line(g.description),
                "value": f"£{g.value_pence / 100:,.2f}" if g.value_pence else "",
                "accepted": g.accepted,
                "declared_on": short_date(g.declared_on),
                "notes": one_line(g.notes),
            }
            for g in gifts
        ]
    }


def _is_procurement(item) -> bool:
    if not item.decisions:
        return False
    if any(d.award_to_id for d in item.decisions):
        return True
    return item.business_kind in (BusinessKind.COMMISSIONING, BusinessKind.JOINT) and bool(
        item.organisation_ids(OrganisationRole.BIDDING)
    )


def procurement_context(directory: Directory, meetings: list[Meeting], today: date, published: bool) -> dict:
    name = lambda pid: one_line(directory.person_name(pid))  # noqa: E731
    register = {i.id: i for i in directory.interests}

    def interest_org(d) -> str:
        if d.organisation_id:
            return one_line(directory.body_name(d.organisation_id))
        i = register.get(d.interest_id)
        if i is None:
            return ""
        return one_line(i.organisation_name) or one_line(directory.body_name(i.organisation_id))

    def interest_type(d) -> str:
        if d.interest_type:
            return d.interest_type.value
        i = register.get(d.interest_id)
        return i.type.value if i is not None else ""

    rows = []
    for m in sorted(meetings, key=lambda m: m.date):
        if m.date > today:
            continue
        for n, it in enumerate(m.ordered_items(), start=1):
            if not _is_procurement(it):
                continue
            part_ii = it.part == ItemPart.PART_II
            for dec in it.decisions:
                votes = ""
                if dec.votes_for is not None or dec.votes_against is not None:
                    votes = (f"Votes: {dec.votes_for or 0} for, {dec.votes_against or 0} against, "
                             f"{dec.abstentions or 0} abstaining")
                elif dec.by_consensus:
                    votes = "By consensus"
                decided_by = ", ".join(name(p) for p in dec.participants) or one_line(directory.body_name(m.body_id))
                rows.append(
                    {
                        "date": short_date(m.date),
                        "body": one_line(directory.body_name(m.body_id)),
                        "number": n,
                        "title": one_line(it.title),
                        "kind": it.business_kind.value,
                        "part_ii": part_ii,
                        "withheld": published and part_ii,
                        # a decision is only on the record once its minutes are approved
                        "draft": m.status != MinutesStatus.APPROVED,
                        "reason": one_line(it.exclusion_reason),
                        "outcome": dec.outcome.value,
                        "resolution": one_line(dec.resolution),
                        "decided_by": decided_by,
                        "votes": votes,
                        "declarations": [
                            {
                                "person": name(d.person_id),
                                "interest_type": interest_type(d),
                                "organisation": interest_org(d),
                                "action": d.action.value,
                                "decided_by": name(d.decided_by_id),
                            }
                            for d in it.declarations
                        ],
                        "award": one_line(directory.body_name(dec.award_to_id)),
                    }
                )
    return {"rows": rows}


BUILDERS = {"interests": interests_context, "procurement": procurement_context, "gifts": gifts_context}


def register_document(kind: str, directory: Directory, meetings: list[Meeting], today: date | None = None,
                      published: bool = True) -> Document:
    """One register (``REGISTER_KINDS``) as the document model."""
    require_register_kind(kind)
    today = today or date.today()
    ctx = BUILDERS[kind](directory, meetings, today, published)
    ctx.update(organisation=_organisation(directory, meetings), today=short_date(today), published=published)
    return html.parse(jinja.render(f"registers/{kind}.html.j2", **ctx))


def render_register(kind: str, directory: Directory, meetings: list[Meeting], out, today: date | None = None,
                    published: bool = True) -> int:
    """Write one register as PDF to ``out`` (a path or a binary file); returns the page count."""
    data, pages = pdfkit.render_pdf_pages(register_document(kind, directory, meetings, today, published))
    if hasattr(out, "write"):
        out.write(data)
    else:
        Path(out).write_bytes(data)
    return pages
