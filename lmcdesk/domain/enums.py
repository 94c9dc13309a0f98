"""Vocabulary of the domain.

Every enum is a ``StrEnum`` so that its value is the stable word written to the
database and to the JSON meeting file; renaming a member's *value* is a file
format change and needs a migration and a new JSON schema version.
"""

from __future__ import annotations

from enum import StrEnum


class BodyType(StrEnum):
    LMC = "lmc"
    LOCALITY = "locality"  # locality / commissioning group (commissioner)
    COMMISSIONER = "commissioner"  # ICB or other commissioning organisation
    FEDERATION = "federation"
    FEDERATION_COMPANY = "federation_company"  # the federation's limited company
    PRACTICE = "practice"
    OTHER_PROVIDER = "other_provider"
    OTHER = "other"


PROVIDER_BODY_TYPES = frozenset(
    {BodyType.FEDERATION, BodyType.FEDERATION_COMPANY, BodyType.PRACTICE, BodyType.OTHER_PROVIDER}
)


class MembershipRole(StrEnum):
    MEMBER = "member"
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    DIRECTOR = "director"
    SHAREHOLDER = "shareholder"
    PARTNER = "partner"
    SALARIED_GP = "salaried_gp"
    EMPLOYEE = "employee"
    OFFICER = "officer"
    CO_OPTED = "co_opted"
    OBSERVER = "observer"


class InterestType(StrEnum):
    FINANCIAL = "financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal"
    INDIRECT = "indirect"


class MeetingKind(StrEnum):
    COMMISSIONING = "commissioning"
    PROVIDER = "provider"
    JOINT = "joint"
    LMC = "lmc"


class BusinessKind(StrEnum):
    UNCLASSIFIED = "unclassified"
    COMMISSIONING = "commissioning"
    PROVISION = "provision"
    JOINT = "joint"
    GENERAL = "general"  # general / administrative


class ItemPart(StrEnum):
    PART_I = "part_i"  # public
    PART_II = "part_ii"  # confidential: public excluded


class ItemType(StrEnum):
    """Standing items added by agenda templates; ``STANDARD`` for business."""

    STANDARD = "standard"
    APOLOGIES = "apologies"
    DECLARATIONS = "declarations"
    PREVIOUS_MINUTES = "previous_minutes"
    MATTERS_ARISING = "matters_arising"
    AOB = "aob"


class OrganisationRole(StrEnum):
    AFFECTED = "affected"
    BIDDING = "bidding"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"  # present, standing in for someone else


class Capacity(StrEnum):
    VOTING_MEMBER = "voting_member"
    CO_OPTED = "co_opted"
    EX_OFFICIO = "ex_officio"
    LMC_OFFICER = "lmc_officer"
    PROVIDER_REPRESENTATIVE = "provider_representative"
    OBSERVER = "observer"
    IN_ATTENDANCE = "in_attendance"
    MINUTE_TAKER = "minute_taker"


#: Capacities that can never vote nor count towards a quorum.
NON_MEMBER_CAPACITIES = frozenset(
    {Capacity.OBSERVER, Capacity.IN_ATTENDANCE, Capacity.MINUTE_TAKER}
)


class ConflictAction(StrEnum):
    WITHDREW = "withdrew"  # left the room for discussion and decision
    DISCUSSION_NO_VOTE = "discussion_no_vote"  # stayed for discussion, took no part in the decision
    NOTED_FULL_PARTICIPATION = "noted_full_participation"
    DID_NOT_RECEIVE_PAPERS = "did_not_receive_papers"


#: Actions after which the person takes no part in the decision.
EXCLUDED_FROM_DECISION = frozenset({ConflictAction.WITHDREW, ConflictAction.DISCUSSION_NO_VOTE})


class DecisionOutcome(StrEnum):
    AGREED = "agreed"
    REJECTED = "rejected"
    NOTED = "noted"
    DEFERRED = "deferred"
    REFERRED = "referred"


class VoteChoice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED_FORWARD = "carried_forward"
    CANCELLED = "cancelled"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class Severity(StrEnum):
    ERROR = "error"  # blocks approval of the minutes
    WARNING = "warning"
