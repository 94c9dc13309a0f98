"""People, bodies, the registers of interests and of gifts, and the action log, as rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from lmcdesk.domain.enums import ActionStatus, BodyType, InterestType
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import words


def _d(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    email: str
    roles: str  # "Chair, Loamshire LMC; Director, Loamshire GP Federation Ltd"
    interests: int
    active: bool


class PeopleModel(RowTableModel):
    WRAP = True  # a person's roles run to several bodies: wrapped, not cut (TablePage)
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Roles", lambda r: r.roles, tooltip=lambda r: r.roles.replace("; ", "\n")),
        Column("Interests", lambda r: str(r.interests), sort=lambda r: f"{r.interests:05d}"),
        Column("Email", lambda r: r.email),
        Column("Active", lambda r: "Yes" if r.active else "No"),
    )


@dataclass(frozen=True)
class BodyRow:
    id: str
    name: str
    type: str
    parent: str
    members: int


class BodiesModel(RowTableModel):
    COLUMNS = (
        Column("Body", lambda r: r.name),
        Column("Type", lambda r: words(BodyType(r.type))),
        Column("Part of", lambda r: r.parent),
        Column("Voting members", lambda r: str(r.members), sort=lambda r: f"{r.members:05d}"),
    )


@dataclass(frozen=True)
class InterestRow:
    id: str
    person_id: str
    person: str
    type: str
    organisation: str
    description: str
    valid_from: date | None
    valid_to: date | None
    declared_on: date | None
    nil_return: bool


class InterestsModel(RowTableModel):
    COLUMNS = (
        Column("Person", lambda r: r.person),
        Column("Type", lambda r: "Nil return" if r.nil_return else words(InterestType(r.type))),
        Column("Organisation", lambda r: r.organisation),
        Column("Interest", lambda r: r.description, tooltip=lambda r: r.description),
        Column("From", lambda r: _d(r.valid_from), sort=lambda r: _iso(r.valid_from)),
        Column("To", lambda r: _d(r.valid_to), sort=lambda r: _iso(r.valid_to)),
        Column("Declared", lambda r: _d(r.declared_on), sort=lambda r: _iso(r.declared_on)),
    )


def pounds(pence: int) -> str:
    """A value in pounds as the register prints it ("£85.00"); nothing for 0 (not known)."""
    return f"£{pence / 100:,.2f}" if pence else ""


@dataclass(frozen=True)
class GiftRow:
    id: str
    person_id: str
    person: str
    offered_by: str
    description: str
    value_pence: int
    offered_on: date
    accepted: bool
    declared_on: date | None
    notes: str


class GiftsModel(RowTableModel):
    WRAP = True  # descriptions and notes run long; a register has few gifts a year
    COLUMNS = (
        Column("Offered on", lambda r: _d(r.offered_on), sort=lambda r: _iso(r.offered_on)),
        Column("Offered to", lambda r: r.person),
        Column("Offered by", lambda r: r.offered_by, tooltip=lambda r: r.offered_by),
        Column("Gift or hospitality", lambda r: r.description, tooltip=lambda r: r.description),
        Column("Value", lambda r: pounds(r.value_pence), sort=lambda r: f"{r.value_pence:012d}",
               align=Qt.AlignmentFlag.AlignRight),
        Column("Accepted", lambda r: "Accepted" if r.accepted else "Declined"),
        Column("Declared on", lambda r: _d(r.declared_on), sort=lambda r: _iso(r.declared_on)),
        Column("Notes", lambda r: r.notes, tooltip=lambda r: r.notes),
    )


@dataclass(frozen=True)
class ActionRow:
    id: str
    meeting_id: str
    meeting: str  # "12 Mar 2025 Loamshire LMC"
    meeting_date: date | None
    description: str
    owner: str
    due: date | None
    status: str
    owner_id: str | None = None  # to name them again when the directory changes
    body_id: str = ""


class ActionsModel(RowTableModel):
    COLUMNS = (
        Column("Action", lambda r: r.description, tooltip=lambda r: r.description),
        Column("Owner", lambda r: r.owner),
        Column("Due", lambda r: _d(r.due), sort=lambda r: _iso(r.due)),
        Column("Status", lambda r: words(ActionStatus(r.status))),
        Column("Meeting", lambda r: r.meeting, sort=lambda r: _iso(r.meeting_date), tooltip=lambda r: r.meeting),
    )
