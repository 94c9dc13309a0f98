"""The database tables, as SQLAlchemy 2 typed declarative classes.

Column attribute names equal the domain dataclass field names, so that
``lmcdesk.storage.copy`` can move scalars between a row and a dataclass
without a hand-written mapping per field.  Lists in the domain become child
tables with a ``seq`` column that keeps the list order (so a meeting comes
back exactly as it was saved).  Ids are the domain's stable string ids.

References from meeting records to the directory (people, bodies, register
entries) are ``ON DELETE RESTRICT``: a person who sat at a meeting cannot
silently disappear from its minutes.  Parts of one aggregate cascade.
References inside a meeting that are only hints (arrived at item ...) are
``SET NULL``.

The repositories read and write these tables with Core statements (faster
than loading ORM objects for a 200-row meeting); the classes are the single
declaration of the schema that Alembic revisions are checked against.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from lmcdesk.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    BodyType,
    BusinessKind,
    Capacity,
    ConflictAction,
    DecisionOutcome,
    InterestType,
    ItemPart,
    ItemType,
    MeetingKind,
    MembershipRole,
    MinutesStatus,
    OrganisationRole,
    VoteChoice,
)

from .types import EnumText, IsoDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)
RESTRICT = "RESTRICT"
CASCADE = "CASCADE"
SET_NULL = "SET NULL"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _fk(target: str, ondelete: str, *, index: bool = True, nullable: bool = False):
    return mapped_column(ID, ForeignKey(target, ondelete=ondelete), index=index, nullable=nullable)


# --------------------------------------------------------------------------- directory


class BodyRow(Base):
    __tablename__ = "body"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    type: Mapped[BodyType] = mapped_column(EnumText(BodyType))
    parent_id: Mapped[str | None] = _fk("body.id", SET_NULL, nullable=True)
    # QuorumRule: all three NULL means "no rule set for this body".
    quorum_minimum: Mapped[int | None] = mapped_column(Integer)
    quorum_fraction: Mapped[str | None] = mapped_column(String(20))  # "n/d"
    quorum_withdrawn_count: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text, default="")


class PersonRow(Base):
    __tablename__ = "person"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class MembershipRow(Base):
    __tablename__ = "membership"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = _fk("person.id", RESTRICT)
    body_id: Mapped[str] = _fk("body.id", RESTRICT)
    role: Mapped[MembershipRole] = mapped_column(EnumText(MembershipRole))
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)


class InterestRow(Base):
    __tablename__ = "interest"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = _fk("person.id", RESTRICT)
    type: Mapped[InterestType] = mapped_column(EnumText(InterestType))
    organisation_id: Mapped[str | None] = _fk("body.id", SET_NULL, nullable=True)
    organisation_name: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    declared_on: Mapped[date | None] = mapped_column(Date)
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    nil_return: Mapped[bool] = mapped_column(Boolean, default=False)


class GiftOfferRow(Base):
    __tablename__ = "gift_offer"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    person_id: Mapped[str] = _fk("person.id", RESTRICT)
    offered_by: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    offered_on: Mapped[date] = mapped_column(Date)
    value_pence: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    body_id: Mapped[str | None] = _fk("body.id", SET_NULL, nullable=True)
    declared_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


# --------------------------------------------------------------------------- meeting


class MeetingRow(Base):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_body_id_date", "body_id", "date"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    body_id: Mapped[str] = _fk("body.id", RESTRICT, index=False)
    date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[MeetingKind] = mapped_column(EnumText(MeetingKind))
    title: Mapped[str] = mapped_column(String(300), default="")
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(300), default="")
    chair_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    vice_chair_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    previous_minutes_note: Mapped[str] = mapped_column(Text, default="")
    next_meeting: Mapped[date | None] = mapped_column(Date)
    status: Mapped[MinutesStatus] = mapped_column(EnumText(MinutesStatus))
    lock_version: Mapped[int] = mapped_column(Integer, default=0)


class AgendaItemRow(Base):
    __tablename__ = "agenda_item"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = _fk("meeting.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)
    business_kind: Mapped[BusinessKind] = mapped_column(EnumText(BusinessKind))
    item_type: Mapped[ItemType] = mapped_column(EnumText(ItemType))
    part: Mapped[ItemPart] = mapped_column(EnumText(ItemPart))
    exclusion_reason: Mapped[str] = mapped_column(Text, default="")
    presenter_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    discussion: Mapped[str] = mapped_column(Text, default="")
    acting_chair_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    started_at: Mapped[time | None] = mapped_column(Time)
    ended_at: Mapped[time | None] = mapped_column(Time)


class ItemOrganisationRow(Base):
    __tablename__ = "item_organisation"
    item_id: Mapped[str] = mapped_column(
        ID, ForeignKey("agenda_item.id", ondelete=CASCADE), primary_key=True
    )
    body_id: Mapped[str] = mapped_column(
        ID, ForeignKey("body.id", ondelete=RESTRICT), primary_key=True, index=True
    )
    role: Mapped[OrganisationRole] = mapped_column(EnumText(OrganisationRole), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class PaperRow(Base):
    __tablename__ = "paper"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    item_id: Mapped[str] = _fk("agenda_item.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    filename: Mapped[str] = mapped_column(String(500), default="")
    # No foreign key: a meeting file may name a paper whose bytes are elsewhere.
    sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)


class PaperBlobRow(Base):
    __tablename__ = "paper_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DeclarationRow(Base):
    __tablename__ = "declaration"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    item_id: Mapped[str] = _fk("agenda_item.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[str] = _fk("person.id", RESTRICT)
    interest_id: Mapped[str | None] = _fk("interest.id", RESTRICT, nullable=True)
    nature: Mapped[str] = mapped_column(Text, default="")
    interest_type: Mapped[InterestType | None] = mapped_column(EnumText(InterestType))
    organisation_id: Mapped[str | None] = _fk("body.id", RESTRICT, nullable=True)
    action: Mapped[ConflictAction] = mapped_column(EnumText(ConflictAction))
    decided_by_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    time_out: Mapped[time | None] = mapped_column(Time)
    time_in: Mapped[time | None] = mapped_column(Time)
    reason: Mapped[str] = mapped_column(Text, default="")


class DecisionRow(Base):
    __tablename__ = "decision"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    item_id: Mapped[str] = _fk("agenda_item.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    resolution: Mapped[str] = mapped_column(Text)
    outcome: Mapped[DecisionOutcome] = mapped_column(EnumText(DecisionOutcome))
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    award_to_id: Mapped[str | None] = _fk("body.id", RESTRICT, nullable=True)
    by_consensus: Mapped[bool] = mapped_column(Boolean, default=False)


class VoteRow(Base):
    __tablename__ = "vote"
    decision_id: Mapped[str] = mapped_column(
        ID, ForeignKey("decision.id", ondelete=CASCADE), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ID, ForeignKey("person.id", ondelete=RESTRICT), primary_key=True, index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    choice: Mapped[VoteChoice] = mapped_column(EnumText(VoteChoice))


class DecisionParticipantRow(Base):
    __tablename__ = "decision_participant"
    decision_id: Mapped[str] = mapped_column(
        ID, ForeignKey("decision.id", ondelete=CASCADE), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ID, ForeignKey("person.id", ondelete=RESTRICT), primary_key=True, index=True
    )
    seq: Mapped[int] = mapped_column(Integer)


class AttendanceRow(Base):
    __tablename__ = "attendance"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = _fk("meeting.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[str] = _fk("person.id", RESTRICT)
    status: Mapped[AttendanceStatus] = mapped_column(EnumText(AttendanceStatus))
    capacity: Mapped[Capacity] = mapped_column(EnumText(Capacity))
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    substitute_for_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    representing_id: Mapped[str | None] = _fk("body.id", RESTRICT, nullable=True)
    arrived_time: Mapped[time | None] = mapped_column(Time)
    arrived_at_item_id: Mapped[str | None] = _fk("agenda_item.id", SET_NULL, nullable=True)
    departed_time: Mapped[time | None] = mapped_column(Time)
    departed_after_item_id: Mapped[str | None] = _fk("agenda_item.id", SET_NULL, nullable=True)


class ActionRow(Base):
    __tablename__ = "action"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = _fk("meeting.id", CASCADE)
    seq: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(EnumText(ActionStatus), index=True)
    item_id: Mapped[str | None] = _fk("agenda_item.id", SET_NULL, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class MinutesVersionRow(Base):
    __tablename__ = "minutes_version"
    meeting_id: Mapped[str] = mapped_column(
        ID, ForeignKey("meeting.id", ondelete=CASCADE), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    approved_by: Mapped[str] = mapped_column(String(300))
    approved_at: Mapped[datetime] = mapped_column(IsoDateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))
    change_note: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str] = mapped_column(Text, default="")
    # Revision 0004_frozen: how the approval was made, and the body's signature over it.
    approved_on: Mapped[date | None] = mapped_column(Date)
    approving_meeting_id: Mapped[str | None] = mapped_column(ID)  # no key: the statement names it for ever
    signed_by_person_id: Mapped[str | None] = _fk("person.id", RESTRICT, nullable=True)
    signed_by_name: Mapped[str] = mapped_column(String(300), server_default="")
    amendment: Mapped[str] = mapped_column(Text, server_default="")
    frozen_on_upgrade: Mapped[bool] = mapped_column(Boolean, server_default=false())
    cert_fingerprint: Mapped[str] = mapped_column(String(64), server_default="")
    statement: Mapped[str] = mapped_column(Text, server_default="")
    signature: Mapped[str] = mapped_column(Text, server_default="")


class ApprovedDocumentRow(Base):
    """The frozen documents of an approved version (full and public): the
    canonical document, its fingerprint and the signed PDF rendered from it.
    No foreign key, like the seal: rows are only ever added, and a version
    deleted behind them is what ``lmcdesk verify`` reports.  Revision 0004_frozen."""

    __tablename__ = "approved_document"
    meeting_id: Mapped[str] = mapped_column(ID, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    variant: Mapped[str] = mapped_column(String(10), primary_key=True)  # full | public
    fingerprint: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes] = mapped_column(LargeBinary)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class RecordMetaRow(Base):
    """Facts about the record itself, by key: ``record_id`` (made once, kept
    when the file is copied; names the record's key store).  Revision 0004_frozen."""

    __tablename__ = "record_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --------------------------------------------------------------------------- audit


class AuditLogRow(Base):
    """Append-only change log; ``prev_hash``/``hash`` make it a hash chain
    (filled by ``lmcdesk.services.audit``)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(IsoDateTime)
    user: Mapped[str] = mapped_column(String(200), default="")
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(ID, index=True)
    action: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


# --------------------------------------------------------------------------- exchange and seals


class ExchangeStateRow(Base):
    """Per meeting (key: its id) and per directory entry (key:
    ``lmcdesk.exchange.merge.directory_key``), the content hash both PCs last
    agreed on (written on pack export and import): the base of the three-way
    comparison.  Revision 0002_h8."""

    __tablename__ = "exchange_state"
    meeting_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[str] = mapped_column(String(40))


class ApprovalSealRow(Base):
    """The hash chain over approved minutes versions (``lmcdesk.services.audit``
    computes ``record_hash``).  No foreign key, so that a deleted meeting leaves
    its seal behind and ``lmcdesk verify`` can say so.  Revision 0002_h8."""

    __tablename__ = "approval_seal"
    __table_args__ = (
        UniqueConstraint("meeting_id", "version", name="uq_approval_seal_meeting_id_version"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    meeting_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[str] = mapped_column(String(40))
    prev_hash: Mapped[str] = mapped_column(String(64))
    record_hash: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[str] = mapped_column(String(40))
    sealed_by: Mapped[str] = mapped_column(String(200), server_default="")


# Core tables, for the repositories.
body = BodyRow.__table__
person = PersonRow.__table__
membership = MembershipRow.__table__
interest = InterestRow.__table__
gift_offer = GiftOfferRow.__table__
meeting = MeetingRow.__table__
agenda_item = AgendaItemRow.__table__
item_organisation = ItemOrganisationRow.__table__
paper = PaperRow.__table__
paper_blob = PaperBlobRow.__table__
declaration = DeclarationRow.__table__
decision = DecisionRow.__table__
vote = VoteRow.__table__
decision_participant = DecisionParticipantRow.__table__
attendance = AttendanceRow.__table__
action = ActionRow.__table__
minutes_version = MinutesVersionRow.__table__
audit_log = AuditLogRow.__table__
exchange_state = ExchangeStateRow.__table__
approval_seal = ApprovalSealRow.__table__
approved_document = ApprovedDocumentRow.__table__
record_meta = RecordMetaRow.__table__
