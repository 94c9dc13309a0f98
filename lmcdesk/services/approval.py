"""Approving minutes, and correcting approved minutes.

Approval is refused while the probity engine reports an error.  It stores a
``MinutesVersion`` (number, approver, time, the canonical snapshot of the
approved content and its SHA-256) and locks the meeting: storage refuses to
save an approved meeting unless told ``allow_approved=True``, which only this
module does.  A correction reopens the minutes as a draft of the next version;
approving it records the reason and a field-level summary of what changed
since the previous approved snapshot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from lmcdesk.domain import fingerprint as fp
from lmcdesk.domain.model import MinutesVersion
from lmcdesk.errors import ApprovalRefused, InvalidInput
from lmcdesk.services import audit
from lmcdesk.services.changes import Changes

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

CORRECTION_ACTION = "correction_begun"
#: How many changed fields a change note lists before "and N more".
MAX_LISTED_CHANGES = 40


def _probity_errors(meeting, directory, today=None) -> list:
    from lmcdesk import probity

    findings = probity.run(meeting, directory, today)
    return [f for f in findings if f.is_error]


def _audit(uow: UnitOfWork, meeting_id: str, action: str, summary: str) -> None:
    audit.record(uow, "meeting", meeting_id, action, summary)


def _pending_reason(uow: UnitOfWork, meeting_id: str) -> str:
    """The reason given when the current correction was begun (from the change log)."""
    reasons = [e.summary for e in uow.audit.entries(entity="meeting", entity_id=meeting_id)
               if e.action == CORRECTION_ACTION]
    return reasons[-1] if reasons else ""


def change_note(reason: str, old_snapshot: str, new_snapshot: str) -> str:
    lines = fp.changes(old_snapshot, new_snapshot)
    note = [f"Correction: {reason}" if reason else "Correction."]
    if not lines:
        note.append("No recorded field changed.")
    else:
        note.append("Changed:")
        note += [f"- {line}" for line in lines[:MAX_LISTED_CHANGES]]
        if len(lines) > MAX_LISTED_CHANGES:
            note.append(f"- and {len(lines) - MAX_LISTED_CHANGES} more")
    return "\n".join(note)


@dataclass(frozen=True)
class ApprovalResult:
    """The version just approved, and what the approval changed."""

    version: MinutesVersion
    changes: Changes


@dataclass(frozen=True)
class CorrectionResult:
    """The number the corrected minutes will be approved as, and what
    reopening them changed."""

    version: int
    changes: Changes


def approve(uow: UnitOfWork, meeting_id: str, approver: str, when: datetime | None = None) -> ApprovalResult:
    """Approve the minutes of ``meeting_id`` as the next version; commits.
    ``Meeting.approve`` refuses minutes approved already."""
    approver = " ".join((approver or "").split())
    if not approver:
        raise InvalidInput("Say who approved the minutes (usually the chair).", field="approver")
    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
        # approved minutes are refused below (Meeting.approve) without running the checks
        errors = [] if meeting.is_approved else _probity_errors(meeting, directory, (when or datetime.now()).date())
        if errors:
            listed = "; ".join(f.message.rstrip(".") for f in errors[:3])
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            raise ApprovalRefused(
                f"The probity checks found {len(errors)} error{'s' if len(errors) != 1 else ''} to put right "
                f"before these minutes can be approved: {listed}{more}.",
                detail="\n".join(f"{f.rule_id}: {f.message}" for f in errors),
            )
        meeting.number_items()  # the snapshot holds the numbers the record keeps
        snap = fp.snapshot(meeting, directory)
        previous = max(meeting.versions, key=lambda v: v.version) if meeting.versions else None
        note = ""
        if previous is not None:
            note = change_note(_pending_reason(uow, meeting_id), previous.snapshot, snap)
        version = MinutesVersion(
            version=meeting.next_version,
            approved_by=approver,
            approved_at=(when or datetime.now()).replace(microsecond=0),
            fingerprint=fp.fingerprint_snapshot(snap),
            change_note=note,
            snapshot=snap,
        )
        meeting.approve(version)
        uow.meetings.save(meeting, allow_approved=True)
        _audit(uow, meeting_id, "approved",
               f"version {version.version} approved by {approver} ({version.fingerprint[:12]}...)")
        audit.seal_approval(uow, meeting_id, version.version)
        uow.commit()
    log.info("approved %s version %s", meeting_id, version.version)
    return ApprovalResult(version, Changes(meetings={meeting_id}, lock_version=meeting.lock_version))


def begin_correction(uow: UnitOfWork, meeting_id: str, reason: str) -> CorrectionResult:
    """Reopen approved minutes as a draft of the next version (its number in
    the result).  The approved versions stay as they were; ``Meeting.begin_correction``
    refuses a draft."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Say why the approved minutes need correcting.", field="reason")
    with uow:
        meeting = uow.meetings.get(meeting_id)
        next_version = meeting.begin_correction()
        uow.meetings.save(meeting, allow_approved=True)
        _audit(uow, meeting_id, CORRECTION_ACTION, reason)
        uow.commit()
    return CorrectionResult(next_version, Changes(meetings={meeting_id}, lock_version=meeting.lock_version))
