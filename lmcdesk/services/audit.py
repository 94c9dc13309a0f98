"""Tamper evidence: the change log, the seal over approved minutes, and ``verify``.

* ``record()`` appends who (the operating-system user), when and what to the
  audit log (``uow.audit``); services call it when they save.
* ``seal_approval()`` adds an approved minutes version to a hash chain: each
  seal's hash is ``SHA-256(prev_hash + meeting_id + version + fingerprint +
  approved_at)``, so altering, deleting or back-dating one approval breaks
  every later link.
* ``verify()`` checks every approved version: the body's signature over
  everything about it (``lmcdesk.services.frozen.statement_values``: dates,
  who signed, at which meeting, both frozen documents and signed PDFs, the
  heads of both chains) with the body's certificate from the key store or
  ``--cert`` (never one the database holds), each field against what was
  signed, both frozen documents' fingerprints, the signed PDFs, version
  numbers without gaps, the meeting's status (approved unless a correction
  was begun), the live record against the approved snapshot, the seal chain,
  every change log entry (one without a hash was altered) and the note of
  each body's last approval beside its key.  It lists everything altered
  outside the app, naming what; what it could not check is a warning.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Sequence

from lmcdesk.domain import Meeting, MinutesStatus, MinutesVersion
from lmcdesk.domain import fingerprint as fp
from lmcdesk.domain.records import DOCUMENT_VARIANTS, ApprovedDocument, AuditEntry
from lmcdesk.errors import NotFound

if TYPE_CHECKING:
    from lmcdesk.signing import Certificate, KeyStore

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
    return seal_version(uow, meeting_id, v)


def seal_version(uow: UnitOfWork, meeting_id: str, v: MinutesVersion) -> bool:
    """Add ``v`` (a version of ``meeting_id``, saved or about to be saved in
    this transaction) to the chain; True if it was not sealed yet."""
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
    """What ``verify`` checked and found.  ``problems``: something was altered
    (verify fails); ``warnings``: something it could not check, or minutes
    frozen on upgrade that are not signed yet (verify still passes)."""

    meetings_checked: int = 0
    versions_checked: int = 0
    seals_checked: int = 0
    log_entries_checked: int = 0
    signatures_checked: int = 0
    documents_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

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


def verify(uow: UnitOfWork, *, keys: KeyStore | None = None, certificates: Sequence[Certificate] = ()) -> VerifyReport:
    """Check every approved minutes version (its signature over everything
    about it, both frozen documents and their signed PDFs, every field, the
    version numbers, the meeting's status), the seal chain, every change log
    entry and the note of each body's last approval beside its key.  Writes nothing.

    ``keys``: the record's key store (its certificates are trusted, and its
    notes read); ``certificates``: more trusted certificates (``--cert``).
    A certificate the database holds is never trusted."""
    with uow:
        return _Verifier(uow, keys, list(certificates)).run()


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


class _Verifier:
    def __init__(self, uow: UnitOfWork, keys: KeyStore | None, extra: list[Certificate]) -> None:
        self.uow = uow
        self.keys = keys
        self.extra = extra
        self.report = VerifyReport()
        self.labels: dict[str, str] = {}
        self._certs: dict[str, list[Certificate]] = {}

    # ------------------------------------------------------------------ helpers
    def problem(self, meeting_id: str, message: str) -> None:
        self.report.problems.append(Problem(meeting_id, self.labels.get(meeting_id, f"meeting {meeting_id}"), message))

    def warning(self, meeting_id: str, message: str) -> None:
        self.report.warnings.append(Problem(meeting_id, self.labels.get(meeting_id, f"meeting {meeting_id}"), message))

    def certificates(self, body_id: str) -> list[Certificate]:
        if body_id not in self._certs:
            found = list(self.extra)
            if self.keys is not None:
                found += self.keys.certificates(body_id)
            self._certs[body_id] = found
        return self._certs[body_id]

    # ------------------------------------------------------------------ the run
    def run(self) -> VerifyReport:
        uow = self.uow
        directory = self.directory = uow.directory.load()
        self.record_id = uow.meta.record_id()
        self.entries = uow.audit.entries()
        self.log_hashes = {e.hash for e in self.entries if e.hash}
        self.seals = uow.seals.all()
        self.seal_hashes = {s.record_hash for s in self.seals}
        self.by_meeting: dict[str, list[AuditEntry]] = {}
        for e in self.entries:
            if e.entity == "meeting":
                self.by_meeting.setdefault(e.entity_id, []).append(e)
        versions: dict[tuple[str, int], MinutesVersion] = {}
        bodies: dict[str, str] = {}
        with_versions = uow.meetings.ids_with_versions()
        for summary in uow.meetings.summaries():
            title = f" ({summary.title})" if summary.title else ""
            self.labels[summary.id] = f"{summary.body_name or summary.body_id}, {summary.date.isoformat()}{title}"
            if summary.id not in with_versions and summary.status != MinutesStatus.APPROVED:
                continue  # a draft never approved: nothing to check
            meeting = uow.meetings.get(summary.id)
            self.labels[meeting.id] = _label(meeting, directory)
            bodies[meeting.id] = meeting.body_id
            self.report.meetings_checked += 1
            for v in meeting.versions:
                versions[(meeting.id, v.version)] = v
            self._meeting(meeting)
        self._seals(versions)
        self._log()
        self._stray_documents(versions)
        self._notes(versions, bodies)
        for key, v in versions.items():
            if key not in {(s.meeting_id, s.version) for s in self.seals}:
                self.problem(key[0], f"approved version {v.version} was never sealed (approved outside LMC Desk?)")
        return self.report

    # ------------------------------------------------------------------ one meeting
    def _meeting(self, meeting: Meeting) -> None:
        mid = meeting.id
        if meeting.is_approved and not meeting.versions:
            self.problem(mid, "marked approved but has no approved version on record")
        numbers = sorted(v.version for v in meeting.versions)
        missing = sorted(set(range(1, (numbers[-1] if numbers else 0) + 1)) - set(numbers))
        for n in missing:
            self.problem(mid, f"approved version {n} is missing: it was deleted (versions "
                              f"1 to {numbers[-1]} should all be kept)")
        for v in sorted(meeting.versions, key=lambda v: v.version):
            self.report.versions_checked += 1
            if not v.snapshot:
                self.problem(mid, f"approved version {v.version} has lost its stored copy")
            elif fp.fingerprint_snapshot(v.snapshot) != v.fingerprint:
                self.problem(mid, f"the stored copy of approved version {v.version} was altered after approval")
            self._version(meeting, v)
        if meeting.versions:
            latest = max(meeting.versions, key=lambda v: v.version)
            if meeting.is_approved:
                if latest.snapshot and not live_matches(meeting, latest.snapshot):
                    self.problem(mid, f"the approved minutes were changed outside LMC Desk since version "
                                      f"{latest.version} was approved (their content no longer matches the "
                                      "approved fingerprint)")
            elif not self._correction_begun(mid):
                self.problem(mid, f"version {latest.version} was approved, but the minutes are marked as a draft and "
                                  "no correction was begun in the change log: their status was changed outside "
                                  "LMC Desk")

    def _correction_begun(self, meeting_id: str) -> bool:
        from .approval import CORRECTION_ACTION

        last_approved = last_correction = -1
        for n, e in enumerate(self.by_meeting.get(meeting_id, [])):
            if e.action == "approved":
                last_approved = n
            elif e.action == CORRECTION_ACTION:
                last_correction = n
        return last_correction > last_approved

    def _documents(self, meeting: Meeting, v: MinutesVersion) -> dict[str, ApprovedDocument | None]:
        out: dict[str, ApprovedDocument | None] = {}
        for variant in DOCUMENT_VARIANTS:
            try:
                out[variant] = self.uow.approved.get(meeting.id, v.version, variant)
            except NotFound:
                out[variant] = None
        return out

    def _version(self, meeting: Meeting, v: MinutesVersion) -> None:
        from lmcdesk import signing

        from . import frozen

        mid, n = meeting.id, v.version
        docs = self._documents(meeting, v)
        for variant, d in docs.items():
            if d is None:
                continue
            self.report.documents_checked += 1
            wrong = frozen.check_document(d)
            if wrong:
                self.problem(mid, f"the frozen {variant} minutes of version {n} {wrong}")
        if not v.signature:
            self._unsigned(meeting, v, docs)
            return
        stated = frozen.read_statement(v.statement)
        if stated is None:
            self.problem(mid, f"what the body's key signed about approved version {n} was altered "
                              "(its statement cannot be read)")
            return
        foreign = stated.get("record_id") != self.record_id  # approved in another record, brought by a pack
        certs = self.certificates(meeting.body_id)
        body = self.directory.body_name(meeting.body_id)
        if certs:
            self.report.signatures_checked += 1
            wrong = signing.verify_bytes(v.statement.encode("utf-8"), frozen.decode_signature(v.signature), certs)
            if wrong:
                self.problem(mid, f"the signature over approved version {n} does not hold: {wrong} "
                                  "(the version was altered, or signed without the body's key)")
        else:
            self.warning(mid, f"the signature of approved version {n} was not checked: there is no certificate of "
                              f"{body} on this computer (give one with --cert FILE)")
        expected = frozen.statement_values(record_id=stated.get("record_id", ""), meeting=meeting, version=v,
                                           documents=docs, seal_head=stated.get("seal_head", ""),
                                           log_head=stated.get("log_head", ""))
        for key, value in expected.items():
            if key in ("seal_head", "log_head", "record_id") or stated.get(key) == value:
                continue
            if key == "documents" and foreign and not any(docs.values()):
                continue
            words = frozen.FIELD_WORDS.get(key, key)
            if key == "documents":
                self.problem(mid, f"{words} of approved version {n} are not what was signed")
            else:
                self.problem(mid, f"{words} of approved version {n} was altered after approval "
                                  f"(signed: {_short(stated.get(key))}; the record now says: {_short(value)})")
        if foreign:
            if not any(docs.values()):
                self.warning(mid, f"approved version {n} was approved in another record (brought by a meeting "
                                  "pack); its frozen minutes and signed PDFs are kept there")
        else:
            for variant, d in docs.items():
                if d is None:
                    self.problem(mid, f"the frozen {variant} minutes of approved version {n} are missing")
            if stated.get("seal_head") not in self.seal_hashes:
                self.problem(mid, f"the seal chain no longer holds the link that approved version {n} signed: "
                                  "seals were deleted or rewritten")
            if stated.get("log_head") not in self.log_hashes:
                self.problem(mid, f"the change log no longer holds the entry that approved version {n} signed: "
                                  "entries were deleted or rewritten")
        for variant, d in docs.items():
            if d is None or not d.pdf or not certs:
                continue
            check = signing.check_pdf(d.pdf, certs)
            if not check.ok:
                self.problem(mid, f"the signed {variant} PDF of approved version {n}: {_first_lower(check.problem)}")

    def _unsigned(self, meeting: Meeting, v: MinutesVersion, docs: dict) -> None:
        from .approval import FROZEN_ACTION

        mid, n = meeting.id, v.version
        entries = self.by_meeting.get(mid, [])
        approved_signed = any(e.action == "approved" and e.summary.startswith(f"version {n} approved ")
                              and ", signed by " in e.summary for e in entries)
        frozen_logged = any(e.action == FROZEN_ACTION and e.summary.startswith(f"version {n} frozen")
                            for e in entries)
        if approved_signed:
            self.problem(mid, f"approved version {n} was signed when it was approved, but its signature is gone "
                              "(removed outside LMC Desk)")
        elif v.frozen_on_upgrade:
            if not frozen_logged:
                self.problem(mid, f"approved version {n} is marked frozen on upgrade, but the change log does not "
                                  "show it was (altered outside LMC Desk?)")
            elif not all(docs.values()):
                self.problem(mid, f"the frozen minutes of approved version {n} are missing")
            else:
                body = self.directory.body_name(meeting.body_id)
                self.warning(mid, f"approved version {n} was frozen on upgrade and is not signed yet: it is signed "
                                  f"with the key of {body} at its next approval")
        elif any(docs.values()):
            self.problem(mid, f"approved version {n} has frozen minutes but no signature (removed outside "
                              "LMC Desk?)")
        else:
            self.warning(mid, f"approved version {n} was approved before LMC Desk froze approved minutes and has "
                              "not been frozen yet: open the record in LMC Desk once to freeze it")

    # ------------------------------------------------------------------ the chains
    def _seals(self, versions: dict[tuple[str, int], MinutesVersion]) -> None:
        # Each seal must hash correctly and point at an earlier seal (two offices
        # approving at the same moment on a shared server may both point at the same one).
        earlier = {GENESIS}
        for seal in self.seals:
            self.report.seals_checked += 1
            expected = seal_hash(seal.prev_hash, seal.meeting_id, seal.version, seal.fingerprint, seal.approved_at)
            if seal.prev_hash not in earlier or seal.record_hash != expected:
                self.problem(seal.meeting_id, f"the seal of approved version {seal.version} was altered")
            earlier.add(seal.record_hash)
            v = versions.get((seal.meeting_id, seal.version))
            if v is None:
                self.problem(seal.meeting_id, f"approved version {seal.version} was deleted")
            elif v.fingerprint != seal.fingerprint or _approved_at_text(v) != seal.approved_at:
                self.problem(seal.meeting_id, f"approved version {seal.version} no longer matches its seal "
                                              "(altered after approval)")

    def _log(self) -> None:
        """The change log: every line hashes correctly and points at an earlier
        line (a line deleted from the middle leaves its successor pointing at
        nothing); a line without a hash was altered."""
        earlier = {GENESIS}
        for e in self.entries:
            self.report.log_entries_checked += 1
            expected = entry_hash(e.prev_hash, e.at.isoformat(), e.user, e.entity, e.entity_id, e.action, e.summary)
            if not e.hash or e.hash != expected or e.prev_hash not in earlier:
                what = "has lost its hash" if not e.hash else "was altered or an entry before it was deleted"
                self.problem(e.entity_id, f"the change log entry no. {e.id} ({e.action}) {what}")
            if e.hash:
                earlier.add(e.hash)

    def _stray_documents(self, versions: dict[tuple[str, int], MinutesVersion]) -> None:
        for meeting_id, number, variant in self.uow.approved.keys():
            if (meeting_id, number) not in versions and variant == "full":
                self.problem(meeting_id, f"approved version {number} was deleted (its frozen minutes remain)")

    def _notes(self, versions: dict[tuple[str, int], MinutesVersion], bodies: dict[str, str]) -> None:
        """The note beside each body's key names its last approval: it must still be here."""
        from . import frozen

        if self.keys is None:
            return
        for body_id in sorted(self.directory.bodies):
            note = frozen.read_note(self.keys.read_note(body_id))
            if note is None or note.get("record_id") != self.record_id:
                continue
            mid, n = note.get("meeting_id", ""), note.get("version")
            body = self.directory.body_name(body_id)
            v = versions.get((mid, n))
            when = str(note.get("approved_at", ""))[:10]
            if v is None:
                self.problem(mid, f"the last approval of {body} (version {n}, approved on {when}) is missing from "
                                  "the record: it was deleted, or the record was restored from a backup made "
                                  "before it")
                continue
            stated = frozen.read_statement(v.statement) or {}
            if (stated.get("seal_head"), stated.get("log_head")) != (note.get("seal_head"), note.get("log_head")):
                self.problem(mid, f"the last approval of {body} (version {n}) is not the one its key signed last: "
                                  "it was replaced")
