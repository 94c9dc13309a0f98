"""Plain template context for a meeting's documents.

Built from domain values only (``Meeting``, ``Directory``, probity findings):
no ORM, no storage.  Everything a template may print is here as strings,
lists and dicts; enum members are passed as their stable values and the
templates turn them into words (``templates/minutes/labels.j2``).

The *public* context is filtered here, not in the templates: Part II items,
their declarations, decisions, papers and the actions arising from them are
simply not in it, so no template edit can leak them.
"""

from __future__ import annotations

from datetime import date, datetime, time

from lmcdesk.domain.enums import (
    AttendanceStatus,
    Capacity,
    ConflictAction,
    ItemPart,
    ItemType,
    MinutesStatus,
)
from lmcdesk.documents.approval import ApprovalFacts, PriorVersion
from lmcdesk.domain.model import AgendaItem, Attendance, Directory, Meeting
from lmcdesk.domain.quorum import item_quorum, meeting_quorum, withdrawn_from_room

#: Capacities listed under "in attendance" rather than "members present".
IN_ATTENDANCE_CAPACITIES = frozenset(
    {Capacity.LMC_OFFICER, Capacity.OBSERVER, Capacity.IN_ATTENDANCE, Capacity.MINUTE_TAKER}
)
#: Standing items whose text goes into the fixed sections of the minutes.
STANDING_SECTIONS = {
    ItemType.APOLOGIES: "apologies",
    ItemType.DECLARATIONS: "declarations",
    ItemType.PREVIOUS_MINUTES: "previous_minutes",
    ItemType.MATTERS_ARISING: "matters_arising",
}


def long_date(day: date | None) -> str:
    if day is None:
        return ""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    return f"{day.day} {day:%b %Y}"


def hhmm(t: time | None) -> str:
    return t.strftime("%H:%M") if t is not None else ""


def one_line(text: str | None) -> str:
    """Names and titles on one line, white space collapsed."""
    return " ".join((text or "").split())


def paragraphs(text: str | None) -> list[list[str]]:
    """Minutes text as paragraphs (split on blank lines), each a list of lines."""
    out: list[list[str]] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [one_line(line) for line in chunk.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


def facts_from_version(meeting: Meeting) -> ApprovalFacts:
    """The approval facts of a meeting's latest approved version, as far as the
    version row records them (minutes approved before approvals were frozen)."""
    ordered = sorted(meeting.versions, key=lambda v: v.version)
    latest = ordered[-1]
    return ApprovalFacts(
        version=latest.version,
        approved_on=latest.approved_at.date() if isinstance(latest.approved_at, datetime) else latest.approved_at,
        signed_by=one_line(latest.approved_by),
        change_note=latest.change_note,
        fingerprint=latest.fingerprint,
        history=tuple(
            PriorVersion(v.version, v.approved_at.date() if isinstance(v.approved_at, datetime) else v.approved_at,
                         one_line(v.approved_by), v.fingerprint)
            for v in ordered[:-1]
        ),
    )


def approval_context(approval: ApprovalFacts, public: bool) -> dict:
    """The ``version`` the templates print from :class:`ApprovalFacts`."""
    history = [PriorVersion(*h) for h in approval.history]
    return {
        "number": approval.version,
        "signed_by": one_line(approval.signed_by),
        "approved_by": one_line(approval.signed_by),
        "approved_on": short_date(approval.approved_on),
        "approved_on_long": long_date(approval.approved_on),
        "approving_meeting": one_line(approval.approving_meeting),
        "by_circulation": approval.by_circulation,
        "amendment": approval.amendment.strip(),
        "fingerprint": approval.fingerprint,
        # what changed may name Part II business: never in the public version
        "change_note": [] if public else [x.strip() for x in approval.change_note.splitlines() if x.strip()],
        "corrects": approval.version - 1 if approval.version > 1 else None,
        "history": [
            {"number": h.number, "signed_by": one_line(h.signed_by), "approved_by": one_line(h.signed_by),
             "approved_on": short_date(h.approved_on), "fingerprint": h.fingerprint}
            for h in sorted(history, key=lambda h: h.number)
        ],
    }


class _Names:
    def __init__(self, directory: Directory) -> None:
        self.d = directory

    def person(self, pid: str | None) -> str:
        return one_line(self.d.person_name(pid))

    def body(self, bid: str | None) -> str:
        return one_line(self.d.body_name(bid))


def build_context(
    meeting: Meeting,
    directory: Directory,
    findings=(),
    *,
    public: bool = False,
    approval: ApprovalFacts | None = None,
) -> dict:
    """What the minutes templates are given.  ``approval``: the facts of the
    approved version being printed (None for a draft; for an approved meeting
    without them, they are read from its latest version)."""
    names = _Names(directory)
    ordered = meeting.ordered_items()
    numbers = {it.id: n for n, it in enumerate(ordered, start=1)}
    part_ii = {it.id for it in ordered if it.part == ItemPart.PART_II}
    shown = [it for it in ordered if not (public and it.id in part_ii)]

    def item_ref(item_id: str | None) -> str:
        return str(numbers[item_id]) if item_id in numbers else ""

    latest = meeting.versions[-1] if meeting.versions else None
    approved = meeting.status == MinutesStatus.APPROVED
    if approval is None and approved and latest is not None:
        approval = facts_from_version(meeting)
    ctx: dict = {
        "public": public,
        "confidential": (not public) and bool(part_ii),
        "draft": approval is None,
        "body": names.body(meeting.body_id),
        "meeting": {
            "id": meeting.id,
            "title": one_line(meeting.title),
            "kind": meeting.kind.value,
            "date": long_date(meeting.date),
            "date_iso": meeting.date.isoformat(),
            "start": hhmm(meeting.start_time),
            "end": hhmm(meeting.end_time),
            "venue": one_line(meeting.venue),
            "chair": names.person(meeting.chair_id),
            "vice_chair": names.person(meeting.vice_chair_id),
        },
        "version": None if approval is None else approval_context(approval, public),
        "correcting": None,
    }
    if approval is None and latest is not None:
        ctx["correcting"] = {"number": latest.version, "next": latest.version + 1}

    ctx["attendance"] = _attendance(meeting, names, item_ref, numbers)
    present, required = meeting_quorum(meeting, directory)
    ctx["quorum"] = {"present": present, "required": required, "quorate": present >= required}

    items_ctx = [_item(meeting, it, numbers[it.id], directory, names) for it in shown]
    ctx["items"] = [i for i in items_ctx if i["type"] == ItemType.STANDARD.value]
    ctx["aob"] = [i for i in items_ctx if i["type"] == ItemType.AOB.value]
    for item_type, key in STANDING_SECTIONS.items():
        ctx[key] = [i for i in items_ctx if i["type"] == item_type.value]
    ctx["all_declarations"] = [d for i in items_ctx for d in i["declarations"]]
    ctx["previous_minutes_note"] = paragraphs(meeting.previous_minutes_note)
    ctx["excluded"] = (
        [
            {"number": numbers[it.id], "reason": one_line(it.exclusion_reason)}
            for it in ordered
            if it.id in part_ii
        ]
        if public
        else []
    )
    ctx["part_ii_numbers"] = [numbers[i] for i in sorted(part_ii, key=numbers.get)]
    ctx["actions"] = [
        {
            "description": one_line(a.description),
            "owner": names.person(a.owner_id),
            "due": short_date(a.due),
            "status": a.status.value,
            "item": item_ref(a.item_id),
            "notes": one_line(a.notes),
        }
        for a in meeting.actions
        if not (public and a.item_id in part_ii)
    ]
    ctx["next_meeting"] = long_date(meeting.next_meeting)
    ctx["annex"] = _annex(meeting, directory, names)
    ctx["findings"] = (
        []
        if public or approval is not None
        else [
            {"severity": f.severity.value, "error": f.is_error, "message": one_line(f.message), "rule": f.rule_id}
            for f in findings
        ]
    )
    return ctx


def _attendance(meeting: Meeting, names: _Names, item_ref, numbers) -> dict:
    def entry(a: Attendance) -> dict:
        role = ""
        if a.person_id == meeting.chair_id:
            role = "chair"
        elif a.person_id == meeting.vice_chair_id:
            role = "vice_chair"
        return {
            "name": names.person(a.person_id),
            "capacity": a.capacity.value,
            "role": role,
            "voting": a.voting and a.capacity not in IN_ATTENDANCE_CAPACITIES,
            "substitute_for": names.person(a.substitute_for_id),
            "representing": names.body(a.representing_id),
        }

    present = [a for a in meeting.attendance if a.is_present]
    movements = []
    for a in present:
        if a.arrived_time or a.arrived_at_item_id:
            movements.append({"name": names.person(a.person_id), "kind": "arrived",
                              "time": hhmm(a.arrived_time), "item": item_ref(a.arrived_at_item_id)})
        if a.departed_time or a.departed_after_item_id:
            movements.append({"name": names.person(a.person_id), "kind": "departed",
                              "time": hhmm(a.departed_time), "item": item_ref(a.departed_after_item_id)})
    return {
        "present": [entry(a) for a in present if a.capacity not in IN_ATTENDANCE_CAPACITIES],
        "in_attendance": [entry(a) for a in present if a.capacity in IN_ATTENDANCE_CAPACITIES],
        "apologies": [entry(a) for a in meeting.attendance if a.status == AttendanceStatus.APOLOGIES],
        "absent": [entry(a) for a in meeting.attendance if a.status == AttendanceStatus.ABSENT],
        "movements": movements,
    }


def _interest_text(directory: Directory, names: _Names, interest_id: str | None) -> dict | None:
    if interest_id is None:
        return None
    for i in directory.interests:
        if i.id == interest_id:
            return {
                "type": i.type.value,
                "organisation": one_line(i.organisation_name) or names.body(i.organisation_id),
                "description": one_line(i.description),
            }
    return None


def _item(meeting: Meeting, it: AgendaItem, number: int, directory: Directory, names: _Names) -> dict:
    withdrawn = withdrawn_from_room(it)
    chair_withdrew = meeting.chair_id is not None and meeting.chair_id in withdrawn
    q = item_quorum(meeting, it, directory)
    declarations = []
    for d in it.declarations:
        reg = _interest_text(directory, names, d.interest_id)
        declarations.append(
            {
                "item": number,
                "item_title": one_line(it.title),
                "person": names.person(d.person_id),
                "nature": one_line(d.nature) or (reg["description"] if reg else ""),
                "organisation": names.body(d.organisation_id) or (reg["organisation"] if reg else ""),
                "interest_type": (d.interest_type.value if d.interest_type else (reg["type"] if reg else "")),
                "registered": d.interest_id is not None,
                "action": d.action.value,
                "left_room": d.action == ConflictAction.WITHDREW,
                "decided_by": names.person(d.decided_by_id),
                "time_out": hhmm(d.time_out),
                "time_in": hhmm(d.time_in),
                "reason": one_line(d.reason),
            }
        )
    decisions = []
    for dec in it.decisions:
        decisions.append(
            {
                "resolution": paragraphs(dec.resolution),
                "outcome": dec.outcome.value,
                "by_consensus": dec.by_consensus,
                "counted": dec.votes_for is not None or dec.votes_against is not None or dec.abstentions is not None,
                "votes_for": dec.votes_for or 0,
                "votes_against": dec.votes_against or 0,
                "abstentions": dec.abstentions or 0,
                "named_votes": [
                    {"name": names.person(v.person_id), "choice": v.choice.value} for v in dec.votes
                ],
                "participants": [names.person(p) for p in dec.participants],
                "award_to": names.body(dec.award_to_id),
            }
        )
    return {
        "id": it.id,
        "number": number,
        "ref": "",  # minute reference: none yet
        "title": one_line(it.title),
        "type": it.item_type.value,
        "kind": it.business_kind.value,
        "part_ii": it.part == ItemPart.PART_II,
        "exclusion_reason": one_line(it.exclusion_reason),
        "presenter": names.person(it.presenter_id),
        "planned_minutes": it.planned_minutes,
        "started": hhmm(it.started_at),
        "ended": hhmm(it.ended_at),
        "organisations": [{"name": names.body(o.body_id), "role": o.role.value} for o in it.organisations],
        "papers": [
            {"title": one_line(p.title), "filename": one_line(p.filename), "confidential": p.confidential}
            for p in it.papers
        ],
        "discussion": paragraphs(it.discussion),
        "declarations": declarations,
        "chair_withdrew": chair_withdrew,
        "acting_chair": names.person(it.acting_chair_id),
        "quorum": {
            "statement": q.statement(),
            "quorate": q.quorate,
            "counted": len(q.counted),
            "required": q.required,
            "excluded": [names.person(p) for p in q.excluded],
        },
        "decisions": decisions,
    }


def _annex(meeting: Meeting, directory: Directory, names: _Names) -> list[dict]:
    out = []
    seen: set[str] = set()
    for a in meeting.attendance:
        if not a.is_present or a.person_id in seen:
            continue
        seen.add(a.person_id)
        mine = directory.interests_of(a.person_id)
        current = [i for i in mine if i.current_on(meeting.date)]
        nil = [i for i in mine if i.nil_return and (i.declared_on is None or i.declared_on <= meeting.date)]
        out.append(
            {
                "name": names.person(a.person_id),
                "entries": [
                    {
                        "type": i.type.value,
                        "organisation": one_line(i.organisation_name) or names.body(i.organisation_id),
                        "description": one_line(i.description),
                        "from": short_date(i.valid_from or i.declared_on),
                        "to": short_date(i.valid_to),
                    }
                    for i in current
                ],
                "nil_return": short_date(max((i.declared_on or meeting.date) for i in nil)) if nil and not current else "",
            }
        )
    out.sort(key=lambda e: e["name"])
    return out
