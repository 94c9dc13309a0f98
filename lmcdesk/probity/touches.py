"""When does an interest in one organisation *touch* an organisation on an item?

An interest is in organisation O (``Interest.organisation_id``; an interest
with only ``organisation_name`` is matched to a body by case-insensitive name,
ignoring surrounding spaces).  An item's organisations are those listed as
affected or bidding (and any body a decision awarded the contract to).  The
interest touches item organisation T when:

1. T is O;
2. T is above O in its provider family (O's parent, the parent's parent ...):
   a partner in a practice is interested in its federation;
3. T is below O: a director of a federation is interested in the federation's
   company and in its member practices;
4. T is a federation or federation company that shares a parent with O: a
   partner in a practice whose parent is federation F is interested in bids by
   F's company (whose parent is also F).

Families are followed only through provider bodies (federation, federation
company, practice, other provider): a commissioner, locality or LMC as a parent
does not join its children into one family, and two practices of one
federation do not touch each other (neither gains from the other's contract).
"""

from __future__ import annotations

from lmcdesk.domain.enums import PROVIDER_BODY_TYPES, BodyType
from lmcdesk.domain.model import Declaration, Directory, Interest

_CORPORATE = frozenset({BodyType.FEDERATION, BodyType.FEDERATION_COMPANY})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Organisations:
    """Body look-ups for the touch relation, cached for one run."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.bodies = directory.bodies
        self._by_name: dict[str, str] = {}
        for b in self.bodies.values():
            self._by_name.setdefault(_key(b.name), b.id)
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._links: dict[tuple[str, str], str | None] = {}

    def by_name(self, name: str) -> str | None:
        return self._by_name.get(_key(name)) if name.strip() else None

    def interest_body(self, interest: Interest | None) -> str | None:
        """The body an interest is in, or ``None`` when it names none we know."""
        if interest is None or interest.nil_return:
            return None
        if interest.organisation_id:
            return interest.organisation_id
        return self.by_name(interest.organisation_name)

    def declaration_body(self, decl: Declaration, interest: Interest | None) -> str | None:
        return decl.organisation_id or self.interest_body(interest)

    def ancestors(self, body_id: str) -> tuple[str, ...]:
        """Parents upwards, while they are provider bodies (cycles are cut)."""
        got = self._ancestors.get(body_id)
        if got is not None:
            return got
        out: list[str] = []
        seen = {body_id}
        body = self.bodies.get(body_id)
        while body is not None and body.parent_id and body.parent_id not in seen:
            parent = self.bodies.get(body.parent_id)
            if parent is None or parent.type not in PROVIDER_BODY_TYPES:
                break
            out.append(parent.id)
            seen.add(parent.id)
            body = parent
        got = tuple(out)
        self._ancestors[body_id] = got
        return got

    def link(self, own: str, target: str) -> str | None:
        """How an interest in ``own`` touches ``target``, in words, or ``None``."""
        key = (own, target)
        if key not in self._links:
            self._links[key] = self._link(own, target)
        return self._links[key]

    def _link(self, own: str, target: str) -> str | None:
        name = self.directory.body_name
        if own == target:
            return name(target)
        if target in self.ancestors(own):
            return f"{name(target)} (of which {name(own)} is part)"
        if own in self.ancestors(target):
            return f"{name(target)} (part of {name(own)})"
        body = self.bodies.get(target)
        if body is not None and body.type in _CORPORATE:
            shared = [a for a in self.ancestors(target) if a in self.ancestors(own)]
            if shared:
                return f"{name(target)} (which, like {name(own)}, belongs to {name(shared[0])})"
        return None

    def touches(self, own: str, target: str) -> bool:
        return self.link(own, target) is not None
