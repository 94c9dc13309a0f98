"""Directory use cases: bodies, people, memberships, the registers.

Each save or delete commits on its own: the directory is edited one entry at
a time in the GUI, and each change should survive a crash straight away.
"""

from __future__ import annotations

from lmcdesk.domain.model import Body, Directory, GiftOffer, Interest, Membership, Person

from . import audit


def get_directory(uow) -> Directory:
    with uow:
        return uow.directory.load()


def save_directory(uow, directory: Directory) -> None:
    """Add or update every entry of ``directory`` (nothing is deleted)."""
    with uow:
        uow.directory.save_all(directory)
        audit.record(
            uow, "directory", "", "saved",
            f"{len(directory.bodies)} bodies, {len(directory.people)} people, "
            f"{len(directory.interests)} register entries",
        )
        uow.commit()


def _write(uow, method: str, arg) -> None:
    with uow:
        getattr(uow.directory, method)(arg)
        verb, entity = method.split("_", 1)  # "save_body" -> "saved", "body"
        audit.record(uow, entity, getattr(arg, "id", arg), f"{verb}d", getattr(arg, "name", "") or "")
        uow.commit()


def save_body(uow, body: Body) -> None:
    _write(uow, "save_body", body)


def delete_body(uow, body_id: str) -> None:
    _write(uow, "delete_body", body_id)


def save_person(uow, person: Person) -> None:
    _write(uow, "save_person", person)


def delete_person(uow, person_id: str) -> None:
    _write(uow, "delete_person", person_id)


def save_membership(uow, membership: Membership) -> None:
    _write(uow, "save_membership", membership)


def delete_membership(uow, membership_id: str) -> None:
    _write(uow, "delete_membership", membership_id)


def save_interest(uow, interest: Interest) -> None:
    _write(uow, "save_interest", interest)


def delete_interest(uow, interest_id: str) -> None:
    _write(uow, "delete_interest", interest_id)


def save_gift(uow, gift: GiftOffer) -> None:
    _write(uow, "save_gift", gift)


def delete_gift(uow, gift_id: str) -> None:
    _write(uow, "delete_gift", gift_id)
