"""The directory repository: bodies, people, memberships, interests, gifts.

The whole directory of a county is a few hundred rows, so ``load`` reads it
all as one ``Directory`` value (what the probity engine needs).  Saves are
upserts by stable id.  Deleting something still named in meeting records is
refused by the database (``ON DELETE RESTRICT``) and reported in words.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lmcdesk import errors
from lmcdesk.domain.model import (
    Body,
    Directory,
    GiftOffer,
    Interest,
    Membership,
    Person,
    QuorumRule,
)

from . import orm
from .copy import field_columns, from_row, row_values


def body_row(b: Body) -> dict[str, Any]:
    q = b.quorum
    return row_values(
        b, orm.body,
        quorum_minimum=q.minimum if q else None,
        quorum_fraction=f"{q.fraction.numerator}/{q.fraction.denominator}"
        if q and q.fraction is not None else None,
        quorum_withdrawn_count=q.withdrawn_count if q else None,
    )


def body_from_row(r) -> Body:
    quorum = None
    if r["quorum_withdrawn_count"] is not None or r["quorum_minimum"] is not None or (
        r["quorum_fraction"] is not None
    ):
        quorum = QuorumRule(
            minimum=r["quorum_minimum"],
            fraction=Fraction(r["quorum_fraction"]) if r["quorum_fraction"] else None,
            withdrawn_count=bool(r["quorum_withdrawn_count"]),
        )
    return from_row(Body, r, quorum=quorum)


class DirectoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _all(self, cls, table) -> list:
        q = select(*field_columns(cls, table)).order_by(table.c.id)
        return [cls(*row) for row in self.session.execute(q)]

    def load(self) -> Directory:
        bodies = self.session.execute(select(orm.body).order_by(orm.body.c.id)).mappings()
        return Directory(
            bodies={r["id"]: body_from_row(r) for r in bodies},
            people={p.id: p for p in self._all(Person, orm.person)},
            memberships=self._all(Membership, orm.membership),
            interests=self._all(Interest, orm.interest),
            gifts=self._all(GiftOffer, orm.gift_offer),
        )

    # ------------------------------------------------------------------ saving

    def _upsert(self, table, row: dict[str, Any], what: str) -> None:
        try:
            done = self.session.execute(
                update(table).where(table.c.id == row["id"]).values(**row)
            ).rowcount
            if not done:
                self.session.execute(insert(table), [row])
        except IntegrityError as exc:
            raise errors.InvalidInput(
                f"The {what} {row.get('name') or row['id']!r} refers to a person or body that "
                "is not in the record, so it was not saved.",
                detail=str(exc.orig),
            ) from exc

    def save_body(self, body: Body) -> None:
        self._upsert(orm.body, body_row(body), "body")

    def save_person(self, person: Person) -> None:
        self._upsert(orm.person, row_values(person, orm.person), "person")

    def save_membership(self, membership: Membership) -> None:
        self._upsert(orm.membership, row_values(membership, orm.membership), "membership")

    def save_interest(self, interest: Interest) -> None:
        self._upsert(orm.interest, row_values(interest, orm.interest), "register entry")

    def save_gift(self, gift: GiftOffer) -> None:
        self._upsert(orm.gift_offer, row_values(gift, orm.gift_offer), "gift or hospitality entry")

    def save_all(self, directory: Directory) -> None:
        """Upsert a whole directory (imports, demo, meeting packs), parents
        first so that every reference already exists when it is written.
        Nothing missing from ``directory`` is deleted."""
        for b in _parents_first(directory.bodies):
            self.save_body(b)
        for p in directory.people.values():
            self.save_person(p)
        for m in directory.memberships:
            self.save_membership(m)
        for i in directory.interests:
            self.save_interest(i)
        for g in directory.gifts:
            self.save_gift(g)

    # ------------------------------------------------------------------ deleting

    def _delete(self, table, id_: str, what: str) -> None:
        try:
            done = self.session.execute(delete(table).where(table.c.id == id_)).rowcount
        except IntegrityError as exc:
            raise errors.InvalidInput(
                f"This {what} is named in meeting records or the register, so it cannot be "
                "deleted; mark it inactive or give it an end date instead.",
                detail=str(exc.orig),
            ) from exc
        if not done:
            raise errors.NotFound(f"There is no {what} with id {id_!r} in the record.")

    def delete_body(self, body_id: str) -> None:
        self._delete(orm.body, body_id, "body")

    def delete_person(self, person_id: str) -> None:
        self._delete(orm.person, person_id, "person")

    def delete_membership(self, membership_id: str) -> None:
        self._delete(orm.membership, membership_id, "membership")

    def delete_interest(self, interest_id: str) -> None:
        self._delete(orm.interest, interest_id, "register entry")

    def delete_gift(self, gift_id: str) -> None:
        self._delete(orm.gift_offer, gift_id, "gift or hospitality entry")


def _parents_first(bodies: dict[str, Body]) -> list[Body]:
    done: set[str] = set()
    ordered: list[Body] = []

    def visit(b: Body, seen: frozenset[str]) -> None:
        if b.id in done:
            return
        parent = bodies.get(b.parent_id) if b.parent_id else None
        if parent is not None and parent.id not in seen:
            visit(parent, seen | {b.id})
        done.add(b.id)
        ordered.append(b)

    for b in bodies.values():
        visit(b, frozenset())
    return ordered
