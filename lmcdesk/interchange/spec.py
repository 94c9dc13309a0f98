"""What each record of the meeting file holds, in one table.

The encoder, the decoder and the JSON Schema generator all read these tables,
so the three cannot drift apart.  A field is described by its JSON name (the
same as the dataclass attribute), its kind, whether it must be present, what
it refers to (for ids of other records) and one line for the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lmcdesk.domain import enums as e
from lmcdesk.domain import model as m


@dataclass(frozen=True)
class F:
    name: str
    kind: str  # id | text | int | count | bool | date | time | datetime | enum | quorum | list | refs
    required: bool = False
    ref: str = ""  # for kind "id" when the field points at another record: body|person|interest|item
    enum: type[StrEnum] | None = None
    record: str = ""  # for kind "list": the record kind of the elements
    nullable: bool = False  # the dataclass default is None, so null is accepted
    doc: str = ""


@dataclass(frozen=True)
class Record:
    name: str  # schema definition name
    cls: type
    fields: tuple[F, ...]
    id_optional: bool = False  # "id" may be omitted; a stable one is derived (see codec)
    doc: str = ""


def _ref(name: str, ref: str, doc: str, required: bool = False) -> F:
    return F(name, "id", required=required, ref=ref, nullable=not required, doc=doc)


RECORDS: dict[str, Record] = {}


def _add(rec: Record) -> None:
    RECORDS[rec.name] = rec


_add(Record("body", m.Body, (
    F("id", "id", True, doc="Your id for this organisation, any text, e.g. \"loamshire-lmc\"."),
    F("name", "text", True, doc="Name as it should appear in minutes."),
    F("type", "enum", True, enum=e.BodyType, doc="What kind of organisation it is."),
    _ref("parent_id", "body", "The body this one belongs to (e.g. a federation's company)."),
    F("quorum", "quorum", nullable=True, doc="Quorum rule when this body meets."),
    F("notes", "text"),
), doc="An organisation: one that meets, or one affected by or bidding for business."))

_add(Record("person", m.Person, (
    F("id", "id", True, doc="Your id for this person, e.g. \"dr-alys-example\"."),
    F("name", "text", True, doc="Name as it should appear in minutes, e.g. \"Dr Alys Example\"."),
    F("email", "text"),
    F("notes", "text"),
    F("active", "bool"),
), doc="A person."))

_add(Record("membership", m.Membership, (
    F("id", "id", doc="Optional; derived from person, body, role and start when omitted."),
    _ref("person_id", "person", "Who.", required=True),
    _ref("body_id", "body", "Of which body.", required=True),
    F("role", "enum", enum=e.MembershipRole),
    F("voting", "bool", doc="Has a vote at the body's meetings."),
    F("start", "date", nullable=True),
    F("end", "date", nullable=True),
), id_optional=True, doc="A person's place in a body, in a role, for a period."))

_add(Record("interest", m.Interest, (
    F("id", "id", doc="Optional, but give one if a declaration refers to this entry."),
    _ref("person_id", "person", "Whose interest.", required=True),
    F("type", "enum", enum=e.InterestType),
    _ref("organisation_id", "body", "The organisation, when it is a body in this file or the database."),
    F("organisation_name", "text", doc="The organisation in words when it is not a body."),
    F("description", "text"),
    F("valid_from", "date", nullable=True),
    F("valid_to", "date", nullable=True),
    F("declared_on", "date", nullable=True),
    F("reviewed_on", "date", nullable=True),
    F("nil_return", "bool", doc="true: the person declared they have no interests."),
), id_optional=True, doc="An entry in the register of interests."))

_add(Record("gift", m.GiftOffer, (
    F("id", "id", doc="Optional; derived when omitted."),
    _ref("person_id", "person", "Who was offered it.", required=True),
    F("offered_by", "text", True),
    F("description", "text", True),
    F("offered_on", "date", True),
    F("value_pence", "count", doc="Estimated value in pence (GBP 25.00 is 2500)."),
    F("accepted", "bool"),
    _ref("body_id", "body", "The body that made the offer (the giver), when the record knows it."),
    F("declared_on", "date", nullable=True),
    F("notes", "text"),
), id_optional=True, doc="An entry in the gifts and hospitality register."))

_add(Record("attendance", m.Attendance, (
    F("id", "id", doc="Optional; derived from the meeting and person when omitted."),
    _ref("person_id", "person", "Who.", required=True),
    F("status", "enum", enum=e.AttendanceStatus),
    F("capacity", "enum", enum=e.Capacity),
    F("voting", "bool", doc="Had a vote at this meeting."),
    _ref("substitute_for_id", "person", "For a substitute: whom they stood in for."),
    _ref("representing_id", "body", "The body they represent (provider representatives)."),
    F("arrived_time", "time", nullable=True),
    _ref("arrived_at_item_id", "item", "The first item they were present for."),
    F("departed_time", "time", nullable=True),
    _ref("departed_after_item_id", "item", "The last item they were present for."),
), id_optional=True, doc="One person's attendance at the meeting."))

_add(Record("organisation", m.ItemOrganisation, (
    _ref("body_id", "body", "The organisation.", required=True),
    F("role", "enum", enum=e.OrganisationRole, doc="affected by the item, or bidding for it."),
), doc="An organisation affected by or bidding on an agenda item."))

_add(Record("paper", m.Paper, (
    F("id", "id", doc="Optional; derived from the item when omitted."),
    F("title", "text", True),
    F("filename", "text"),
    F("sha256", "sha256", doc="SHA-256 of the file (the file itself is not in the meeting file)."),
    F("size_bytes", "count"),
    F("confidential", "bool"),
), id_optional=True, doc="A paper for an agenda item (its title and fingerprint only)."))

_add(Record("declaration", m.Declaration, (
    F("id", "id", doc="Optional; derived from the item when omitted."),
    _ref("person_id", "person", "Who declared.", required=True),
    _ref("interest_id", "interest", "The register entry; omit when the interest was new at the meeting."),
    F("nature", "text", doc="The interest in words, as minuted."),
    F("interest_type", "enum", enum=e.InterestType, nullable=True),
    _ref("organisation_id", "body", "For a new interest: the organisation it concerns."),
    F("action", "enum", enum=e.ConflictAction, doc="How the conflict was managed."),
    _ref("decided_by_id", "person", "Who decided how to manage it (usually the chair)."),
    F("time_out", "time", nullable=True, doc="When they left the room."),
    F("time_in", "time", nullable=True, doc="When they came back."),
    F("reason", "text"),
), id_optional=True, doc="A declaration of interest at an agenda item."))

_add(Record("vote", m.Vote, (
    _ref("person_id", "person", "Who voted.", required=True),
    F("choice", "enum", True, enum=e.VoteChoice),
), doc="One named vote."))

_add(Record("decision", m.Decision, (
    F("id", "id", doc="Optional; derived from the item when omitted."),
    F("resolution", "text", True, doc="What was resolved, as minuted."),
    F("outcome", "enum", enum=e.DecisionOutcome),
    F("votes_for", "count", nullable=True),
    F("votes_against", "count", nullable=True),
    F("abstentions", "count", nullable=True),
    F("votes", "list", record="vote"),
    F("participants", "refs", ref="person", doc="Ids of everyone who took part in the decision."),
    _ref("award_to_id", "body", "Procurement: the body awarded the contract."),
    F("by_consensus", "bool"),
), id_optional=True, doc="A decision at an agenda item."))

_add(Record("item", m.AgendaItem, (
    F("id", "id", doc="Optional; derived from the meeting and position when omitted."),
    F("title", "text", True),
    F("position", "count", doc="Order on the agenda; defaults to the order in the list (1, 2, ...)."),
    F("business_kind", "enum", enum=e.BusinessKind),
    F("item_type", "enum", enum=e.ItemType),
    F("part", "enum", enum=e.ItemPart, doc="part_i (public) or part_ii (confidential)."),
    F("exclusion_reason", "text", doc="Part II: why the public was excluded."),
    F("organisations", "list", record="organisation"),
    F("papers", "list", record="paper"),
    _ref("presenter_id", "person", "Who presented the item."),
    F("planned_minutes", "count", nullable=True),
    F("discussion", "text", doc="The minutes text for the item."),
    _ref("acting_chair_id", "person", "Who chaired this item when not the meeting's chair."),
    F("started_at", "time", nullable=True),
    F("ended_at", "time", nullable=True),
    F("declarations", "list", record="declaration"),
    F("decisions", "list", record="decision"),
), id_optional=True, doc="An agenda item."))

_add(Record("action", m.Action, (
    F("id", "id", doc="Optional; derived from the meeting when omitted."),
    F("description", "text", True),
    _ref("owner_id", "person", "Who is to do it."),
    F("due", "date", nullable=True),
    F("status", "enum", enum=e.ActionStatus),
    _ref("item_id", "item", "The item it arose from."),
    F("notes", "text"),
), id_optional=True, doc="An action arising from the meeting."))

_add(Record("version", m.MinutesVersion, (
    F("version", "positive", True),
    F("approved_by", "text", True),
    F("approved_at", "datetime", True),
    F("fingerprint", "text", True),
    F("change_note", "text"),
    F("snapshot", "text"),
    F("approved_on", "date", nullable=True, doc="The date they were approved."),
    F("approving_meeting_id", "id", nullable=True,
      doc="The meeting that approved them (absent: approved by circulation, or before this was recorded)."),
    _ref("signed_by_person_id", "person", "Who signed them as a true record (the person chairing)."),
    F("signed_by_name", "text", doc="Their name as it was at approval."),
    F("amendment", "text", doc="The amendment agreed when they were approved."),
    F("frozen_on_upgrade", "bool", doc="Approved before LMC Desk froze and signed approved minutes."),
    F("cert_fingerprint", "text", doc="SHA-256 of the certificate of the body's key that signed them."),
    F("statement", "text", doc="What the body's key signed about this version (canonical JSON)."),
    F("signature", "text", doc="The signature over the statement (base64)."),
), doc="One approved version of the minutes."))

_add(Record("meeting", m.Meeting, (
    F("id", "id", True, doc="Your id for this meeting, e.g. \"loamshire-locality-2026-03-12\"."),
    _ref("body_id", "body", "The body that met.", required=True),
    F("date", "date", True),
    F("kind", "enum", enum=e.MeetingKind),
    F("title", "text"),
    F("start_time", "time", nullable=True),
    F("end_time", "time", nullable=True),
    F("venue", "text"),
    _ref("chair_id", "person", "Who chaired the meeting."),
    _ref("vice_chair_id", "person", "The vice chair."),
    F("previous_minutes_note", "text"),
    F("next_meeting", "date", nullable=True),
    F("status", "enum", enum=e.MinutesStatus),
    F("attendance", "list", record="attendance"),
    F("items", "list", record="item"),
    F("actions", "list", record="action"),
    F("versions", "list", record="version"),
), doc="A meeting with everything recorded at it."))

#: Top-level lists of the file and the record kind of their elements.
TOP_LEVEL = (
    ("bodies", "body"),
    ("people", "person"),
    ("memberships", "membership"),
    ("interests", "interest"),
    ("gifts", "gift"),
    ("meetings", "meeting"),
)
