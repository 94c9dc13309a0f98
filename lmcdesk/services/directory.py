"""Directory use cases: bodies, people, memberships, the registers.

Each save or delete commits on its own: the directory is edited one entry at
a time in the GUI, and each change should survive a crash straight away.
Each returns ``Changes`` naming the parts of the directory it changed
(``Changes.directory``); people, bodies, memberships and the register also
bear on every open meeting's names, quorum and checks, which the app
decides from those parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lmcdesk.domain.model import Body, Directory, GiftOffer, Interest, Membership, Person

from . import audit
from .changes import Changes

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork


def get_directory(uow: UnitOfWork) -> Directory:
    with uow:
        return uow.directory.load()


#: The part of the directory (``Changes.directory``) each kind of entry is in.
_KINDS = {"body": "bodies", "person": "people", "membership": "memberships", "interest": "interests",
          "gift": "gifts"}


def _write(uow: UnitOfWork, method: str, arg) -> Changes:
    with uow:
        getattr(uow.directory, method)(arg)
        verb, entity = method.split("_", 1)  # "save_body" -> "saved", "body"
        audit.record(uow, entity, getattr(arg, "id", arg), f"{verb}d", getattr(arg, "name", "") or "")
        uow.commit()
    return Changes(directory={_KINDS[entity]})


def save_body(uow: UnitOfWork, body: Body) -> Changes:
    return _write(uow, "save_body", body)


def save_person(uow: UnitOfWork, person: Person) -> Changes:
    return _write(uow, "save_person", person)


def delete_person(uow: UnitOfWork, person_id: str) -> Changes:
    return _write(uow, "delete_person", person_id)


def save_membership(uow: UnitOfWork, membership: Membership) -> Changes:
    return _write(uow, "save_membership", membership)


def delete_membership(uow: UnitOfWork, membership_id: str) -> Changes:
    return _write(uow, "delete_membership", membership_id)


def save_interest(uow: UnitOfWork, interest: Interest) -> Changes:
    return _write(uow, "save_interest", interest)


def delete_interest(uow: UnitOfWork, interest_id: str) -> Changes:
    return _write(uow, "delete_interest", interest_id)


def save_gift(uow: UnitOfWork, gift: GiftOffer) -> Changes:
    return _write(uow, "save_gift", gift)


def delete_gift(uow: UnitOfWork, gift_id: str) -> Changes:
    return _write(uow, "delete_gift", gift_id)


# ---------------------------------------------------------------------- editing in the app
# One transaction each: a person with their places in bodies is one change to
# the secretary, so either all of it is saved or none of it is.


def _date(day) -> str:
    return f"{day:%d %b %Y}".lstrip("0")


def interest_problem(interest: Interest, directory: Directory | None = None) -> str | None:
    """Why ``interest`` cannot go on the register, in words (None: it can).

    The dialog asks before saving and ``save_interest`` asks again, so a
    caller that skips the dialog is refused the same way."""
    if not interest.person_id:
        return "Choose whose register entry this is."
    if interest.valid_from and interest.valid_to and interest.valid_to < interest.valid_from:
        return (f"The interest cannot end on {_date(interest.valid_to)}, before it began on "
                f"{_date(interest.valid_from)}. Check the 'From' and 'To' dates.")
    if not interest.nil_return and not (
        interest.organisation_id or interest.organisation_name.strip() or interest.description.strip()
    ):
        return "Say what the interest is: choose or type an organisation, or describe it."
    if interest.nil_return and directory is not None:
        day = interest.declared_on or interest.valid_from
        held = [
            i for i in directory.interests_of(interest.person_id)
            if i.id != interest.id and not i.nil_return and (day is None or i.current_on(day))
            and (day is not None or i.valid_to is None)
        ]
        if held:
            who = directory.person_name(interest.person_id)
            return (f"A nil return says {who} has no interests, but the register shows "
                    f"{len(held)} current {'entry' if len(held) == 1 else 'entries'} for them. "
                    "End those entries first (give them a 'To' date), then record the nil return.")
    return None


def _refuse(problem: str | None) -> None:
    if problem:
        from lmcdesk.errors import InvalidInput

        raise InvalidInput(problem)


def save_checked_interest(uow: UnitOfWork, interest: Interest) -> Changes:
    """Add or change one register entry, refusing one that cannot be right."""
    with uow:
        _refuse(interest_problem(interest, uow.directory.load()))
        uow.directory.save_interest(interest)
        audit.record(uow, "interest", interest.id, "saved",
                     "nil return" if interest.nil_return else interest.description[:80])
        uow.commit()
    return Changes(directory={"interests"})


def save_person_with_memberships(uow: UnitOfWork, person: Person, memberships: list[Membership]) -> Changes:
    """Save ``person`` and make their memberships exactly ``memberships``
    (new ones added, changed ones updated, ones left out deleted)."""
    keep = {m.id for m in memberships}
    with uow:
        existing = [m for m in uow.directory.load().memberships if m.person_id == person.id]
        uow.directory.save_person(person)
        for m in existing:
            if m.id not in keep:
                uow.directory.delete_membership(m.id)
        for m in memberships:
            if m.person_id != person.id:
                _refuse(f"A membership of {person.name} names someone else; it was not saved.")
            if m.start and m.end and m.end < m.start:
                _refuse(f"A membership of {person.name} ends ({_date(m.end)}) before it starts "
                        f"({_date(m.start)}).")
            uow.directory.save_membership(m)
        audit.record(uow, "person", person.id, "saved", f"{person.name}; {len(memberships)} memberships")
        uow.commit()
    return Changes(directory={"people", "memberships"})


def remove_person(uow: UnitOfWork, person_id: str) -> Changes:
    """Delete a person added by mistake, with their memberships.  Someone the
    minutes or the register name cannot be deleted: storage refuses it in
    words and nothing is changed."""
    with uow:
        name = uow.directory.load().person_name(person_id)
        for m in [m for m in uow.directory.load().memberships if m.person_id == person_id]:
            uow.directory.delete_membership(m.id)
        uow.directory.delete_person(person_id)
        audit.record(uow, "person", person_id, "deleted", name)
        uow.commit()
    return Changes(directory={"people", "memberships"})


def mark_reviewed(uow: UnitOfWork, person_ids: list[str], day) -> Changes:
    """Record that each person confirmed their register on ``day``: every
    entry of theirs not ended before ``day`` (nil returns too) gets
    ``reviewed_on = day`` (what P-REGISTER-STALE reads).  Refuses, writing
    nothing, when a person has nothing to review."""
    with uow:
        directory = uow.directory.load()
        for pid in person_ids:
            entries = [i for i in directory.interests_of(pid) if i.valid_to is None or i.valid_to >= day]
            if not entries:
                _refuse(f"{directory.person_name(pid)} has nothing current on the register to review. "
                        "Add their interests, or record a nil return.")
            for i in entries:
                i.reviewed_on = day
                uow.directory.save_interest(i)
            audit.record(uow, "interest", pid, "reviewed", f"{len(entries)} entries on {day.isoformat()}")
        uow.commit()
    return Changes(directory={"interests"})


def end_interest(uow: UnitOfWork, interest_id: str, day) -> Changes:
    """The interest stopped on ``day`` (its 'To' date)."""
    with uow:
        directory = uow.directory.load()
        entry = next((i for i in directory.interests if i.id == interest_id), None)
        if entry is None:
            from lmcdesk.errors import NotFound

            raise NotFound("That register entry is no longer in the record; it may have been deleted.")
        entry.valid_to = day
        _refuse(interest_problem(entry, directory))
        uow.directory.save_interest(entry)
        audit.record(uow, "interest", interest_id, "ended", day.isoformat())
        uow.commit()
    return Changes(directory={"interests"})


def body_problem(body: Body, directory: Directory) -> str | None:
    """Why ``body`` cannot be saved, in words (None: it can)."""
    if not body.name.strip():
        return "Give the body a name."
    seen, parent = {body.id}, body.parent_id
    while parent:
        if parent in seen:
            return (f"{body.name} cannot be part of {directory.body_name(body.parent_id)}, because "
                    f"{directory.body_name(body.parent_id)} is already part of {body.name}.")
        seen.add(parent)
        parent = directory.bodies[parent].parent_id if parent in directory.bodies else None
    q = body.quorum
    if q is not None and q.fraction is not None and not (0 < q.fraction <= 1):
        return "The quorum fraction must be more than nothing and at most all the members (for example 1/2)."
    return None


def save_checked_body(uow: UnitOfWork, body: Body) -> Changes:
    with uow:
        _refuse(body_problem(body, uow.directory.load()))
        uow.directory.save_body(body)
        audit.record(uow, "body", body.id, "saved", body.name)
        uow.commit()
    return Changes(directory={"bodies"})


def remove_interest(uow: UnitOfWork, interest_id: str) -> Changes:
    """Delete a register entry made by mistake.  One that a declaration in the
    minutes links to stays (the minutes must keep saying what was declared):
    storage refuses the delete (``ON DELETE RESTRICT``), and it is said here
    in words that tell the secretary what to do instead."""
    from lmcdesk import errors

    with uow:
        directory = uow.directory.load()
        entry = next((i for i in directory.interests if i.id == interest_id), None)
        if entry is None:
            raise errors.NotFound("That register entry is no longer in the record; it may have been deleted.")
        who = directory.person_name(entry.person_id)
        try:
            uow.directory.delete_interest(interest_id)
        except errors.InvalidInput as exc:
            raise errors.InvalidInput(
                f"{who}'s register entry cannot be deleted: a declaration in the minutes refers to it, and "
                "the minutes must keep saying what was declared. If the interest has stopped, end it "
                "instead (End interest…): it stays on the register with its end date.",
                detail=getattr(exc, "detail", "") or str(exc),
            ) from exc
        audit.record(uow, "interest", interest_id, "deleted", who)
        uow.commit()
    return Changes(directory={"interests"})


# ---------------------------------------------------------------------- gifts and hospitality


def gift_problem(gift: GiftOffer, directory: Directory | None = None) -> str | None:
    """Why ``gift`` cannot go on the gifts and hospitality register, in words
    (None: it can).  Asked by the dialog before saving and again here."""
    if not gift.person_id:
        return "Choose who was offered the gift or hospitality."
    if directory is not None and gift.person_id not in directory.people:
        return "The person this entry is for is no longer in the directory; choose someone else."
    if not gift.offered_by.strip() and not gift.body_id:
        return "Say who offered it: choose or type an organisation or person."
    if not gift.description.strip():
        return "Say what was offered (for example 'Dinner after an education evening')."
    if gift.value_pence < 0:
        return "The value cannot be less than nothing; leave it at £0.00 if it is not known."
    if gift.offered_on is None:
        return "Give the date it was offered."
    if gift.declared_on is not None and gift.declared_on < gift.offered_on:
        return (f"It cannot have been declared on {_date(gift.declared_on)}, before it was offered on "
                f"{_date(gift.offered_on)}. Check the 'Offered on' and 'Declared on' dates.")
    return None


def save_checked_gift(uow: UnitOfWork, gift: GiftOffer) -> Changes:
    """Add or change one entry on the gifts and hospitality register."""
    with uow:
        _refuse(gift_problem(gift, uow.directory.load()))
        uow.directory.save_gift(gift)
        audit.record(uow, "gift", gift.id, "saved", gift.description[:80])
        uow.commit()
    return Changes(directory={"gifts"})


def remove_gift(uow: UnitOfWork, gift_id: str) -> Changes:
    """Delete a gifts and hospitality entry made by mistake."""
    from lmcdesk import errors

    with uow:
        directory = uow.directory.load()
        gift = next((g for g in directory.gifts if g.id == gift_id), None)
        if gift is None:
            raise errors.NotFound("That gift or hospitality entry is no longer in the record; "
                                  "it may have been deleted.")
        uow.directory.delete_gift(gift_id)
        audit.record(uow, "gift", gift_id, "deleted", gift.description[:80])
        uow.commit()
    return Changes(directory={"gifts"})
