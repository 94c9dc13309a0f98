"""Run every rule on a meeting; list likely conflicts before one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lmcdesk.domain.enums import AttendanceStatus, BusinessKind, InterestType
from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.vocabulary import words

from . import chair, classification, declarations, decisions, quorum, register
from .base import Context, Finding, Rule

#: Every rule, in the stable order findings are reported in.
RULES: tuple[Rule, ...] = (
    *classification.RULES,
    *declarations.RULES,
    *chair.RULES,
    *quorum.RULES,
    *decisions.RULES,
    *register.RULES,
)

_BY_ID = {r.id: r for r in RULES}
_ORDER = {r.id: n for n, r in enumerate(RULES)}
assert len(_BY_ID) == len(RULES), "rule ids must be unique"


def rule(rule_id: str) -> Rule:
    """The rule with this id (``KeyError`` if there is none)."""
    return _BY_ID[rule_id]


def run(meeting: Meeting, directory: Directory, today: date | None = None) -> list[Finding]:
    """Judge a meeting's record.  Findings come in agenda order (meeting-wide
    ones first), then in rule order; ``today`` (default: the real date) only
    says how long a new interest has been waiting to be registered."""
    ctx = Context(meeting, directory, today)
    positions = {i.id: i.position for i in meeting.items}
    found: list[tuple[tuple[float, int, int], Finding]] = []
    for r in RULES:
        for f in r.findings(ctx):
            where = min((positions[i] for i in f.item_ids if i in positions), default=float("-inf"))
            found.append(((where, _ORDER[r.id], len(found)), f))
    found.sort(key=lambda pair: pair[0])
    return [f for _, f in found]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block approval of the minutes."""
    return [f for f in findings if f.is_error]


@dataclass(frozen=True)
class LikelyConflict:
    """Before a meeting: a person expected who may be conflicted on an item.

    ``reason`` says why without naming the person (the caller shows the name),
    e.g. "Financial interest in Example Street Surgery: Partner; Loamshire
    Federation Ltd (...) is bidding on Item 2 (Extended access contract).".
    A conflict seen through a role in the directory that the register does not
    show has ``interest_id`` "" and the membership's id in ``membership_id``."""

    item_id: str
    person_id: str
    interest_id: str
    reason: str
    membership_id: str = ""


def likely_conflicts(meeting: Meeting, directory: Directory) -> list[LikelyConflict]:
    """Expected attendees whose current registered interests touch an
    organisation affected by or bidding on an item of any business but
    general, for the pre-meeting view and the agenda pack reminders; and,
    when none of their registered interests does, their roles in provider
    bodies that do (``Context.role_touches``: known from the directory, not
    on the register).

    Expected: everyone in the attendance list who has not sent apologies or
    been marked absent; with no attendance recorded yet, the body's voting
    members on the meeting date."""
    ctx = Context(meeting, directory)
    if meeting.attendance:
        expected = [
            a.person_id
            for a in meeting.attendance
            if a.status not in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)
        ]
    else:
        expected = list(dict.fromkeys(m.person_id for m in directory.voting_members(meeting.body_id, meeting.date)))
    out: list[LikelyConflict] = []
    for item in ctx.items:
        if item.business_kind == BusinessKind.GENERAL:
            continue
        for pid in expected:
            seen: set[str] = set()
            for t in ctx.touches(pid, item):
                if t.interest is None or t.interest.id in seen:
                    continue
                seen.add(t.interest.id)
                what = f": {t.interest.description.strip()}" if t.interest.description.strip() else ""
                out.append(
                    LikelyConflict(
                        item.id,
                        pid,
                        t.interest.id,
                        f"{words(InterestType(t.interest.type))} interest in {ctx.body(t.interest_body_id)}{what}; "
                        f"{t.on(ctx.label(item))}.",
                    )
                )
            for t in ctx.unregistered_role_touches(pid, item):
                ms = t.membership
                if ms is None or ms.id in seen:
                    continue
                seen.add(ms.id)
                out.append(
                    LikelyConflict(
                        item.id,
                        pid,
                        "",
                        f"Role as {ctx.role_words(t)} (in the directory, not on the register of "
                        f"interests); {t.on(ctx.label(item))}.",
                        membership_id=ms.id,
                    )
                )
    return out
