"""The vocabulary of the probity engine: rules, findings, and the context a
rule judges.

A rule's ``check`` is a plain function of a :class:`Context` that yields
:class:`Hit` s (message plus the items and people it names); the engine stamps
each hit with the rule's id and severity to make a :class:`Finding`.  The
context computes once what several rules need (who was present for which item,
the item quorum, whose registered interests touch which organisation), so that
judging a meeting stays well under the 50 ms the benchmark allows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from lmcdesk.domain.enums import (
    EXCLUDED_FROM_DECISION,
    PROVIDER_BODY_TYPES,
    BusinessKind,
    ConflictAction,
    DecisionOutcome,
    MembershipRole,
    OrganisationRole,
    Severity,
)
from lmcdesk.domain.model import (
    AgendaItem,
    Attendance,
    Declaration,
    Directory,
    GiftOffer,
    Interest,
    Meeting,
    Membership,
)
from lmcdesk.domain.quorum import ItemQuorum, can_vote, item_quorum, present_for_item
from lmcdesk.vocabulary import words

from .touches import Organisations

#: Business on which a conflicted person must take no part in the decision.
COMMISSIONING_KINDS = frozenset({BusinessKind.COMMISSIONING, BusinessKind.JOINT})

#: Outcomes that decide nothing: the matter goes to another meeting or body.
NOT_DECIDED = frozenset({DecisionOutcome.DEFERRED, DecisionOutcome.REFERRED})

#: Roles in a provider body (federation, federation company, practice, other
#: provider) that are an interest in it, registered or not: financial (partner,
#: shareholder, director, salaried GP, employee, officer) or non-financial
#: professional (a seat on its board or governing body: chair, vice chair,
#: secretary, member, co-opted member).  Only an observer holds none.
INTEREST_ROLES = frozenset(MembershipRole) - {MembershipRole.OBSERVER}

def role_of(role: MembershipRole | str, body_name: str) -> str:
    """E.g. "a director of Loamshire Federation Ltd", "a partner in Example Street Surgery"
    (the ``relation`` form of the role in :mod:`lmcdesk.vocabulary`)."""
    return f"{words(MembershipRole(role), 'relation')} {body_name}"


class Hit(NamedTuple):
    """What a check yields: the engine adds the rule id and severity."""

    message: str
    item_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One thing a rule found wrong with a meeting's record, in plain words."""

    rule_id: str
    severity: Severity
    message: str
    item_ids: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def as_dict(self) -> dict:
        """Plain JSON-ready form (``lmcdesk check --json``)."""
        return {
            "rule_id": self.rule_id,
            "severity": str(self.severity),
            "message": self.message,
            "item_ids": list(self.item_ids),
            "person_ids": list(self.person_ids),
        }


@dataclass(frozen=True)
class Rule:
    """A probity rule.  ``id`` never changes once published (findings are
    stored, exported and documented under it)."""

    id: str
    title: str
    statement: str  # one line, what must be true
    source: str  # the guidance or law it comes from
    severity: Severity  # ERROR blocks approval of the minutes
    check: Callable[[Context], Iterable[Hit]]

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def findings(self, ctx: Context) -> list[Finding]:
        return [
            Finding(self.id, self.severity, h.message, tuple(h.item_ids), tuple(h.person_ids))
            for h in self.check(ctx)
        ]

    def apply(self, meeting: Meeting, directory: Directory, today: date | None = None) -> list[Finding]:
        """This rule alone on a meeting (the engine's ``run`` applies them all)."""
        return self.findings(Context(meeting, directory, today))


@dataclass(frozen=True)
class Touch:
    """A registered (or newly declared) interest of a person that touches an
    organisation on an item."""

    person_id: str
    interest: Interest | None
    interest_body_id: str  # the organisation the interest is in
    item_body_id: str  # the organisation on the item it touches
    link: str  # plain words: the item's organisation and how it is linked
    role: str  # "affected" or "bidding"
    membership: Membership | None = None  # set when the interest is a role in the directory

    def on(self, label: str) -> str:
        """E.g. "Loamshire Federation Ltd (...) is bidding on Item 2 (...)"."""
        how = "is bidding on" if self.role == OrganisationRole.BIDDING.value else "is affected by"
        return f"{self.link} {how} {label}"


class Context:
    """One meeting and the directory, with the look-ups the rules share."""

    def __init__(self, meeting: Meeting, directory: Directory, today: date | None = None) -> None:
        self.meeting = meeting
        self.directory = directory
        self.today = today or date.today()
        self.items = meeting.ordered_items()
        self.orgs = Organisations(directory)
        self._quorum: dict[str, ItemQuorum] = {}
        self._present: dict[str, frozenset[str]] = {}
        self._touches: dict[str, list[Touch]] = {}
        self._role_touches: dict[str, list[Touch]] = {}
        self._excluded: dict[str, dict[str, str]] = {}

    # -- names in plain words
    def name(self, person_id: str | None) -> str:
        return self.directory.person_name(person_id) or "(nobody)"

    def names(self, person_ids: Iterable[str]) -> str:
        names = [self.name(p) for p in person_ids]
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]

    def body(self, body_id: str | None) -> str:
        return self.directory.body_name(body_id)

    @staticmethod
    def label(item: AgendaItem) -> str:
        return f"Item {item.position} ({item.title})" if item.title else f"Item {item.position}"

    # -- attendance
    @cached_property
    def _positions(self) -> dict[str, int]:
        return {i.id: i.position for i in self.meeting.items}

    @cached_property
    def attendance(self) -> dict[str, Attendance]:
        return {a.person_id: a for a in self.meeting.attendance}

    def present_for(self, item: AgendaItem) -> frozenset[str]:
        """Everybody (any capacity) in the meeting for the item, withdrawals aside."""
        got = self._present.get(item.id)
        if got is None:
            got = frozenset(
                a.person_id
                for a in self.meeting.attendance
                if present_for_item(self.meeting, a, item, self._positions)
            )
            self._present[item.id] = got
        return got

    def can_vote(self, person_id: str) -> bool:
        att = self.attendance.get(person_id)
        return att is not None and can_vote(att)

    def quorum(self, item: AgendaItem) -> ItemQuorum:
        got = self._quorum.get(item.id)
        if got is None:
            got = item_quorum(self.meeting, item, self.directory)
            self._quorum[item.id] = got
        return got

    def chair_for(self, item: AgendaItem) -> str | None:
        """Who chaired this item: its acting chair, else the meeting's chair."""
        return item.acting_chair_id or self.meeting.chair_id

    # -- who took part in decisions
    @staticmethod
    def decision_takers(item: AgendaItem) -> dict[str, set[str]]:
        """person id -> how the record shows them taking part, e.g. "recorded as voting for"."""
        out: dict[str, set[str]] = {}
        for d in item.decisions:
            for v in d.votes:
                out.setdefault(v.person_id, set()).add(f"recorded as voting {v.choice}")
            for p in d.participants:
                out.setdefault(p, set()).add("listed as taking part in the decision")
        return out

    @staticmethod
    def has_decision(item: AgendaItem) -> bool:
        """A decision that actually decides something (not deferred or referred)."""
        return any(d.outcome not in NOT_DECIDED for d in item.decisions)

    # -- organisations on an item and who is linked to them
    @staticmethod
    def item_bodies(item: AgendaItem) -> dict[str, str]:
        """body id -> its role on the item ("affected", "bidding"); a body a
        decision awarded the contract to counts as bidding even if not listed."""
        out: dict[str, str] = {}
        for o in item.organisations:
            if out.get(o.body_id) != OrganisationRole.BIDDING.value:
                out[o.body_id] = str(o.role)
        for d in item.decisions:
            if d.award_to_id and d.award_to_id not in out:
                out[d.award_to_id] = OrganisationRole.BIDDING.value
        return out

    @cached_property
    def _interests_by_person(self) -> dict[str, list[Interest]]:
        out: dict[str, list[Interest]] = {}
        for i in self.directory.interests:
            out.setdefault(i.person_id, []).append(i)
        return out

    @cached_property
    def _gifts_by_person(self) -> dict[str, list[GiftOffer]]:
        out: dict[str, list[GiftOffer]] = {}
        for g in self.directory.gifts:
            out.setdefault(g.person_id, []).append(g)
        return out

    @cached_property
    def _memberships_by_person(self) -> dict[str, list[Membership]]:
        out: dict[str, list[Membership]] = {}
        for m in self.directory.memberships:
            out.setdefault(m.person_id, []).append(m)
        return out

    def memberships_of(self, person_id: str) -> list[Membership]:
        return self._memberships_by_person.get(person_id, [])

    def gifts_of(self, person_id: str) -> list[GiftOffer]:
        return self._gifts_by_person.get(person_id, [])

    def interests_of(self, person_id: str) -> list[Interest]:
        return self._interests_by_person.get(person_id, [])

    def current_interests(self, person_id: str) -> list[Interest]:
        return [i for i in self.interests_of(person_id) if i.current_on(self.meeting.date)]

    def interest(self, interest_id: str | None) -> Interest | None:
        if interest_id is None:
            return None
        return self._interest_index.get(interest_id)

    @cached_property
    def _interest_index(self) -> dict[str, Interest]:
        return {i.id: i for i in self.directory.interests}

    def touches(self, person_id: str, item: AgendaItem) -> list[Touch]:
        """The person's current registered interests that touch an organisation
        affected by or bidding on the item (see ``touches.py`` for "touch")."""
        key = f"{person_id}\0{item.id}"
        got = self._touches.get(key)
        if got is None:
            got = []
            bodies = self.item_bodies(item)
            if bodies:
                for interest in self.current_interests(person_id):
                    own = self.orgs.interest_body(interest)
                    if own is None:
                        continue
                    for body_id, role in bodies.items():
                        link = self.orgs.link(own, body_id)
                        if link is not None:
                            got.append(Touch(person_id, interest, own, body_id, link, role))
            self._touches[key] = got
        return got

    def interest_memberships(self, person_id: str) -> list[Membership]:
        """The person's memberships that are interests for this meeting: an
        ``INTEREST_ROLES`` role, active on the meeting date, in a provider body
        other than the meeting's own."""
        out = []
        for ms in self.memberships_of(person_id):
            body = self.directory.bodies.get(ms.body_id)
            if (
                body is not None
                and body.id != self.meeting.body_id
                and body.type in PROVIDER_BODY_TYPES
                and ms.role in INTEREST_ROLES
                and ms.active_on(self.meeting.date)
            ):
                out.append(ms)
        return out

    def role_touches(self, person_id: str, item: AgendaItem) -> list[Touch]:
        """The person's roles in provider bodies (``INTEREST_ROLES``, active on
        the meeting date, not in the meeting's own body) that touch an
        organisation affected by or bidding on the item: interests the
        directory knows of whether or not they are on the register."""
        key = f"{person_id}\0{item.id}"
        got = self._role_touches.get(key)
        if got is None:
            got = []
            bodies = self.item_bodies(item)
            if bodies:
                for ms in self.interest_memberships(person_id):
                    own = self.directory.bodies[ms.body_id]
                    for body_id, role in bodies.items():
                        link = self.orgs.link(own.id, body_id)
                        if link is not None:
                            got.append(Touch(person_id, None, own.id, body_id, link, role, ms))
            self._role_touches[key] = got
        return got

    def unregistered_role_touches(self, person_id: str, item: AgendaItem) -> list[Touch]:
        """Role touches of someone none of whose registered interests touches
        the item (when one does, the register already tells the story)."""
        if self.touches(person_id, item):
            return []
        return self.role_touches(person_id, item)

    def role_words(self, t: Touch) -> str:
        """"a director of Loamshire Federation Ltd" for a role touch."""
        assert t.membership is not None
        return role_of(t.membership.role, self.body(t.interest_body_id))

    def in_own_family(self, body_id: str) -> str | None:
        """How ``body_id`` belongs to the meeting's own body's provider family
        (the body itself, its parents, its company and practices: the touch
        relation), in words, or ``None``."""
        return self.orgs.link(self.meeting.body_id, body_id)

    def declaration_touches(self, decl: Declaration, item: AgendaItem) -> bool | None:
        """Does what was declared touch an organisation on the item?

        ``None`` when the declaration names no organisation we know and its
        words (nature, register description) name none of the item's."""
        interest = self.interest(decl.interest_id)
        own = self.orgs.declaration_body(decl, interest)
        if own is not None:
            return any(self.orgs.link(own, b) is not None for b in self.item_bodies(item))
        words = " ".join([decl.nature, interest.description if interest else ""]).casefold()
        for body_id in self.item_bodies(item):
            name = self.directory.body_name(body_id).strip().casefold()
            if name and name in words:
                return True
        return None

    def is_conflict(self, decl: Declaration, item: AgendaItem) -> bool:
        """Is this declaration a conflict for the item's decision?

        Every declaration is, except one judged immaterial: managed as
        "noted, full participation", with the reason recorded and who decided
        it (not the person declaring), for an interest not shown to touch
        any organisation on the item."""
        if decl.action in EXCLUDED_FROM_DECISION:
            return True
        immaterial = (
            decl.action == ConflictAction.NOTED_FULL_PARTICIPATION
            and bool(decl.reason.strip())
            and decl.decided_by_id is not None
            and decl.decided_by_id != decl.person_id
            and self.declaration_touches(decl, item) is not True
        )
        return not immaterial

    def should_be_excluded(self, item: AgendaItem) -> dict[str, str]:
        """person id -> why they must take no part in this item's decision.

        Anyone whose declaration excludes them; and, on commissioning and joint
        business, anyone with a conflicting declaration however managed, or,
        undeclared, a registered interest or a role in a provider body
        (``role_touches``) touching an organisation on the item."""
        cached = self._excluded.get(item.id)
        if cached is not None:
            return cached
        out: dict[str, str] = {}
        for d in item.declarations:
            if d.action in EXCLUDED_FROM_DECISION:
                out.setdefault(d.person_id, f"declared an interest and {_ACTION_WORDS[d.action]}")
        if item.business_kind in COMMISSIONING_KINDS:
            for d in item.declarations:
                if d.person_id not in out and self.is_conflict(d, item):
                    out[d.person_id] = "declared a conflicting interest"
            declared = {d.person_id for d in item.declarations}
            present = self.present_for(item)
            for att in self.meeting.attendance:
                pid = att.person_id
                if pid not in present or pid in out or pid in declared:
                    continue
                touches = self.touches(pid, item)
                if touches:
                    out[pid] = f"has an undeclared registered interest in {self.body(touches[0].interest_body_id)}"
                    continue
                roles = self.role_touches(pid, item)
                if roles:
                    out[pid] = f"has an undeclared interest as {self.role_words(roles[0])}"
        self._excluded[item.id] = out
        return out


_ACTION_WORDS = {
    ConflictAction.WITHDREW: "withdrew",
    ConflictAction.DISCUSSION_NO_VOTE: "was to take no part in the decision",
    ConflictAction.NOTED_FULL_PARTICIPATION: "took full part",
    ConflictAction.DID_NOT_RECEIVE_PAPERS: "did not receive the papers",
}


def action_words(action: ConflictAction) -> str:
    return _ACTION_WORDS.get(action, str(action))
