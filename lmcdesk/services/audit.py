"""Tamper evidence: the change log, the seal over approved minutes, and ``verify``.

* ``record()`` appends who (the operating-system user), when and what to the
  audit log (``uow.audit``); services call it when they save.
* ``seal_approval()`` adds an approved minutes version to a hash chain: each
  seal's hash is ``SHA-256(prev_hash + meeting_id + version + fingerprint +
  approved_at)``, so altering, deleting or back-dating one approval breaks
  every later link.
* ``verify()`` recomputes every approved version's fingerprint from its stored
  snapshot, the live record's fingerprint for approved meetings, and the
  chain, and lists every approved minutes altered outside the app.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lmcdesk.domain import Meeting, MinutesStatus, MinutesVersion
from lmcdesk.domain import fingerprint as fp
from lmcdesk.errors import NotFound

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

GENESIS = "0" * 64


def current_user() -> str:
    """The operating-system user name (who made a change)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - some locked-down PCs have no user name in the environment
        return "unknown"


def entry_hash(prev_hash: str, at: str, user: str, entity: str, entity_id: str, action: str, summary: str) -> str:
    text = "\x1f".join((prev_hash, at, user, entity, entity_id, action, summary))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(uow: UnitOfWork, entity: str, entity_id: str, action: str, summary: str = "") -> None:
    """Append one line to the change log (inside the caller's transaction),
    chained to the previous line by its hash."""
    summary = summary[:1000]
    user = current_user()
    previous = uow.audit.last()
    prev = (previous.hash if previous is not None else "") or GENESIS
    at = datetime.now(timezone.utc)
    uow.audit.append(
        entity, entity_id, action, summary, user=user, at=at, prev_hash=prev,
        hash=entry_hash(prev, at.isoformat(), user, entity, entity_id, action, summary),
    )


# --------------------------------------------------------------------------- seal chain


def seal_hash(prev_hash: str, meeting_id: str, version: int, fingerprint: str, approved_at: str) -> str:
    text = f"{prev_hash}{meeting_id}{version}{fingerprint}{approved_at}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _approved_at_text(v: MinutesVersion) -> str:
    return v.approved_at.isoformat()


def seal_approval(uow: UnitOfWork, meeting_id: str, version: int | None = None) -> bool:
    """Add an approved version (default: the latest) to the chain; True if it was
    not sealed yet.  Call it in the same transaction as the approval."""
    meeting = uow.meetings.get(meeting_id)
    if not meeting.versions:
        raise NotFound(f"The minutes of meeting {meeting_id} have no approved version to seal.")
    versions = {v.version: v for v in meeting.versions}
    v = versions[max(versions)] if version is None else versions.get(version)
    if v is None:
        raise NotFound(f"The minutes of meeting {meeting_id} have no approved version {version}.")
    if uow.seals.has(meeting_id, v.version):
        return False
    prev = uow.seals.last_hash() or GENESIS
    approved_at = _approved_at_text(v)
    uow.seals.add(
        meeting_id=meeting_id,
        version=v.version,
        fingerprint=v.fingerprint,
        approved_at=approved_at,
        prev_hash=prev,
        record_hash=seal_hash(prev, meeting_id, v.version, v.fingerprint, approved_at),
        sealed_by=current_user(),
    )
    record(uow, "meeting", meeting_id, "sealed", f"approved version {v.version} sealed ({v.fingerprint[:12]}…)")
    return True


def seal_unsealed(uow: UnitOfWork) -> int:
    """Seal approved versions that have no seal yet (e.g. approved before the
    seal existed).  Returns how many were sealed."""
    count = 0
    with uow:
        for meeting_id in sorted(uow.meetings.ids_with_versions()):
            meeting = uow.meetings.get(meeting_id)
            for v in sorted(meeting.versions, key=lambda v: v.version):
                count += seal_approval(uow, meeting.id, v.version)
        uow.commit()
    return count


# --------------------------------------------------------------------------- verify


@dataclass(frozen=True)
class Problem:
    meeting_id: str
    label: str  # "Loamshire LMC, 2026-03-04"
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class VerifyReport:
    meetings_checked: int = 0
    versions_checked: int = 0
    seals_checked: int = 0
    log_entries_checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def live_matches(meeting: Meeting, snapshot: str) -> bool:
    """Does the live record still hold what was approved?  Compares the
    meeting part of the snapshot only: renaming a person in the directory
    later is not tampering with the minutes."""
    try:
        approved = json.loads(snapshot)["meeting"]
    except (ValueError, KeyError, TypeError):
        return False
    live = json.loads(json.dumps(fp.content(meeting)["meeting"], sort_keys=True, ensure_ascii=False))
    return live == approved


def _label(meeting: Meeting, directory) -> str:
    title = f" ({meeting.title})" if meeting.title else ""
    return f"{directory.body_name(meeting.body_id)}, {meeting.date.isoformat()}{title}"


def verify(uow: UnitOfWork) -> VerifyReport:
    """Check every approved minutes version, the seal chain and the change log.  Writes nothing."""
    with uow:
        return _verify(uow)


def _verify(uow: UnitOfWork) -> VerifyReport:
    directory = uow.directory.load()
    report = VerifyReport()
    labels: dict[str, str] = {}
    versions: dict[tuple[str, int], MinutesVersion] = {}
    with_versions = uow.meetings.ids_with_versions()
    for summary in uow.meetings.summaries():
        title = f" ({summary.title})" if summary.title else ""
        labels[summary.id] = f"{summary.body_name or summary.body_id}, {summary.date.isoformat()}{title}"
        if summary.id not in with_versions and summary.status != MinutesStatus.APPROVED:
            continue  # a draft never approved: nothing to check
        meeting = uow.meetings.get(summary.id)
        label = labels[meeting.id] = _label(meeting, directory)
        report.meetings_checked += 1

        def problem(message: str, meeting=meeting, label=label) -> None:
            report.problems.append(Problem(meeting.id, label, message))

        if meeting.is_approved and not meeting.versions:
            problem("marked approved but has no approved version on record")
        for v in sorted(meeting.versions, key=lambda v: v.version):
            report.versions_checked += 1
            versions[(meeting.id, v.version)] = v
            if not v.snapshot:
                problem(f"approved version {v.version} has lost its stored copy")
            elif fp.fingerprint_snapshot(v.snapshot) != v.fingerprint:
                problem(f"the stored copy of approved version {v.version} was altered after approval")
        if meeting.is_approved and meeting.versions:
            latest = max(meeting.versions, key=lambda v: v.version)
            if latest.snapshot and not live_matches(meeting, latest.snapshot):
                problem(
                    f"the approved minutes were changed outside LMC Desk since version {latest.version} "
                    "was approved (their content no longer matches the approved fingerprint)"
                )
    # Each seal must hash correctly and point at an earlier seal (two offices
    # approving at the same moment on a shared server may both point at the same one).
    earlier = {GENESIS}
    sealed: set[tuple[str, int]] = set()
    for seal in uow.seals.all():
        report.seals_checked += 1
        key = (seal.meeting_id, seal.version)
        sealed.add(key)
        label = labels.get(seal.meeting_id, f"meeting {seal.meeting_id}")
        expected = seal_hash(seal.prev_hash, seal.meeting_id, seal.version, seal.fingerprint, seal.approved_at)
        if seal.prev_hash not in earlier or seal.record_hash != expected:
            report.problems.append(
                Problem(seal.meeting_id, label, f"the seal of approved version {seal.version} was altered")
            )
        earlier.add(seal.record_hash)
        v = versions.get(key)
        if v is None:
            report.problems.append(
                Problem(seal.meeting_id, label, f"approved version {seal.version} was deleted")
            )
        elif v.fingerprint != seal.fingerprint or _approved_at_text(v) != seal.approved_at:
            report.problems.append(
                Problem(
                    seal.meeting_id,
                    label,
                    f"approved version {seal.version} no longer matches its seal (altered after approval)",
                )
            )
    _verify_log(uow, labels, report)
    for key, v in versions.items():
        if key not in sealed:
            report.problems.append(
                Problem(key[0], labels[key[0]], f"approved version {v.version} was never sealed (approved outside LMC Desk?)")
            )
    return report


def _verify_log(uow: UnitOfWork, labels: dict[str, str], report: VerifyReport) -> None:
    """The change log: every line hashes correctly and points at an earlier line
    (a line deleted from the middle leaves its successor pointing at nothing)."""
    earlier = {GENESIS}
    for e in uow.audit.entries():
        if not e.hash:  # written without the chain (e.g. by an older build)
            continue
        report.log_entries_checked += 1
        expected = entry_hash(e.prev_hash, e.at.isoformat(), e.user, e.entity, e.entity_id, e.action, e.summary)
        if e.hash != expected or e.prev_hash not in earlier:
            label = labels.get(e.entity_id, f"{e.entity} {e.entity_id}")
            report.problems.append(
                Problem(e.entity_id, label, f"the change log entry no. {e.id} ({e.action}) was altered or "
                        "an entry before it was deleted")
            )
        earlier.add(e.hash)
