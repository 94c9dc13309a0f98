"""Approving minutes as committees do, freezing and signing them; corrections.

Draft minutes are approved as a true record at a later meeting of the same
body (or a joint meeting it attends), or by circulation, and signed by the
person chairing, chosen from the record.  :func:`approval_choices` lists what
the approve dialog offers; :func:`approve` does it:

1. refuses, in words, a signer not in the record, a date before the meeting
   (or not yet come), an approving meeting of another body or held before,
   and minutes the probity checks still find errors in;
2. opens the body's signing key with the passphrase (``WrongPassphrase``
   before anything is written) or, at the body's first approval, makes it;
3. freezes the minutes: the full and public documents built once
   (``lmcdesk.services.frozen.build_frozen``), both rendered to PDF and signed
   (PAdES); the version records the snapshot, who signed, when, at which
   meeting, the amendment agreed and, for a correction, what changed;
4. in one transaction: the version, the change log, the seal, both frozen
   documents with their signed PDFs and the body's signature over a statement
   of all of it with the heads of both chains (``frozen.statement_values``);
5. after the commit, writes the note of the last approval beside the key.

Minutes approved before approvals were frozen are frozen once when the record
is first opened after the upgrade (:func:`freeze_on_upgrade`, labelled so in
the document and the version) and signed, with their PDFs, at the next
approval of their body, when its passphrase is given.

A correction reopens approved minutes as a draft of the next version
(:func:`begin_correction`); approving it records the reason and what changed
since the previous approved version.  Earlier versions stay as they were.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from lmcdesk.domain import fingerprint as fp
from lmcdesk.domain.enums import AttendanceStatus, MeetingKind, MinutesStatus
from lmcdesk.domain.model import MinutesVersion
from lmcdesk.domain.records import DOCUMENT_VARIANTS, ApprovedDocument
from lmcdesk.errors import ApprovalRefused, InvalidInput, NotFound
from lmcdesk.services import audit, frozen
from lmcdesk.services.changes import Changes

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.documents.approval import ApprovalFacts
    from lmcdesk.domain.model import Directory, Meeting
    from lmcdesk.signing import KeyStore

    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

CORRECTION_ACTION = "correction_begun"
FROZEN_ACTION = "frozen_on_upgrade"
SIGNED_ACTION = "signed"
#: How many changed fields a change note lists before "and N more".
MAX_LISTED_CHANGES = 40
#: How far after the meeting approval_choices looks for meetings that can approve it.
CHOICE_DAYS = 400
#: What the signature of an approved PDF says.
SIGN_REASON = "Approved as a true record"


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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ApprovalResult:
    """The version just approved, and what the approval changed.
    ``fingerprints``: the fingerprint printed on each frozen document (full,
    public); ``key_created``: this was the body's first approval, which made
    its signing key; ``signed_earlier``: versions frozen on upgrade signed now."""

    version: MinutesVersion
    changes: Changes
    fingerprints: dict[str, str] = field(default_factory=dict)
    key_created: bool = False
    signed_earlier: int = 0


@dataclass(frozen=True)
class CorrectionResult:
    """The number the corrected minutes will be approved as, and what
    reopening them changed."""

    version: int
    changes: Changes


@dataclass(frozen=True)
class MeetingChoice:
    """A meeting that can approve the minutes: a later (or same-day) meeting of
    the same body, or a joint meeting the body attends."""

    id: str
    date: date
    body_name: str
    title: str = ""
    chair_id: str | None = None
    joint: bool = False


@dataclass(frozen=True)
class ApprovalChoices:
    """What the approve dialog offers for one meeting's minutes.
    ``meetings``: oldest first; ``default_meeting_id``: the first of them
    (usually the next meeting, under "Minutes of the previous meeting");
    ``people``: (id, name) of those who can sign, the body's chair and
    members first; ``key_exists``: the body has a signing key on this
    computer (else the first approval makes one with the passphrase given)."""

    meeting_id: str
    body_id: str
    body_name: str
    meeting_date: date
    meetings: list[MeetingChoice]
    default_meeting_id: str | None
    people: list[tuple[str, str]]
    key_exists: bool
    chair_id: str | None = None  # who chaired the meeting itself (signs by circulation, by default)


# --------------------------------------------------------------------------- choices


def _attends(meeting: Meeting, body_id: str, directory: Directory) -> bool:
    """A joint meeting the body attends: someone there is recorded as representing it.
    (Its members sitting there for another body do not make it a party.)"""
    return any(a.representing_id == body_id for a in meeting.attendance)


def _candidates(uow: UnitOfWork, meeting: Meeting, directory: Directory) -> list[MeetingChoice]:
    from datetime import timedelta

    out = []
    last = meeting.date + timedelta(days=CHOICE_DAYS)
    for s in sorted(uow.meetings.summaries(dates=(meeting.date, last)), key=lambda s: (s.date, s.id)):
        if s.id == meeting.id:
            continue
        if s.body_id == meeting.body_id:
            other = None
        elif s.kind == MeetingKind.JOINT:
            other = uow.meetings.get(s.id)
            if not _attends(other, meeting.body_id, directory):
                continue
        else:
            continue
        if other is None:
            other = uow.meetings.get(s.id)
        out.append(MeetingChoice(id=s.id, date=s.date, body_name=s.body_name, title=s.title,
                                 chair_id=other.chair_id, joint=s.body_id != meeting.body_id
                                 or s.kind == MeetingKind.JOINT))
    return out


def _signers(meeting: Meeting, directory: Directory, day: date) -> list[tuple[str, str]]:
    """The body's chair, vice chair and members (on ``day``), then everyone else in the record."""
    rank = {"chair": 0, "vice_chair": 1}
    members: dict[str, int] = {}
    for m in directory.memberships:
        if m.body_id == meeting.body_id and m.active_on(day):
            members[m.person_id] = min(members.get(m.person_id, 9), rank.get(m.role.value, 2))
    for pid in (meeting.chair_id, meeting.vice_chair_id):
        if pid:
            members.setdefault(pid, 2)
    first = sorted((p for p in members if p in directory.people),
                   key=lambda p: (members[p], directory.people[p].name.casefold()))
    rest = sorted((p for p in directory.people if p not in members and directory.people[p].active),
                  key=lambda p: directory.people[p].name.casefold())
    return [(p, directory.people[p].name) for p in first + rest]


def approval_choices(uow: UnitOfWork, meeting_id: str, keys: KeyStore | None = None) -> ApprovalChoices:
    """What can approve ``meeting_id``'s minutes: see :class:`ApprovalChoices`.
    Without ``keys`` (the record's key store) ``key_exists`` says whether the
    body has signed approved minutes in this record before."""
    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
        meetings = _candidates(uow, meeting, directory)
        if keys is not None:
            key_exists = keys.has_key(meeting.body_id)
        else:
            key_exists = _body_has_signed(uow, meeting.body_id)
    day = meetings[0].date if meetings else meeting.date
    return ApprovalChoices(
        meeting_id=meeting.id, body_id=meeting.body_id, body_name=directory.body_name(meeting.body_id),
        meeting_date=meeting.date, meetings=meetings,
        default_meeting_id=meetings[0].id if meetings else None,
        people=_signers(meeting, directory, day), key_exists=key_exists, chair_id=meeting.chair_id,
    )


def _body_has_signed(uow: UnitOfWork, body_id: str) -> bool:
    approved = uow.meetings.ids_with_versions()
    for s in uow.meetings.summaries(body_id=body_id):
        if s.id in approved and any(v.signature for v in uow.meetings.get(s.id).versions):
            return True
    return False


# --------------------------------------------------------------------------- approving


def approving_words(approving: Meeting, directory: Directory) -> str:
    """The approving meeting in words, as the minutes print it."""
    joint = "joint " if approving.kind == MeetingKind.JOINT else ""
    return f"the {joint}meeting of {directory.body_name(approving.body_id)} on {frozen.long_date(approving.date)}"


def _refuse(message: str) -> ApprovalRefused:
    return ApprovalRefused(message)


def _check_request(uow: UnitOfWork, meeting: Meeting, directory: Directory, *, chair_id: str,
                   approved_on: date | None, approving_meeting_id: str | None, today: date) -> tuple[date, Meeting | None]:
    """The date of approval and the approving meeting, or a refusal in words."""
    if not chair_id or chair_id not in directory.people:
        raise _refuse("Choose who signed the minutes as a true record (the person chairing) from the people "
                      "in the record.")
    body = directory.body_name(meeting.body_id)
    approving = None
    if approving_meeting_id is not None:
        if approving_meeting_id == meeting.id:
            raise _refuse("Minutes are approved at a later meeting, not at the meeting they record. "
                          "Choose the meeting that approved them, or approval by circulation.")
        try:
            approving = uow.meetings.get(approving_meeting_id)
        except NotFound:
            raise _refuse("The meeting chosen as the one that approved these minutes is not in the record.") \
                from None
        when = frozen.long_date(approving.date)
        if approving.date < meeting.date:
            raise _refuse(f"The meeting of {when} was held before the meeting these minutes record "
                          f"({frozen.long_date(meeting.date)}), so it cannot have approved them.")
        if approving.body_id != meeting.body_id and not (
                approving.kind == MeetingKind.JOINT and _attends(approving, meeting.body_id, directory)):
            raise _refuse(f"The meeting of {when} is a meeting of {directory.body_name(approving.body_id)}, "
                          f"which {body} does not attend: minutes of {body} are approved at one of its own "
                          "meetings, a joint meeting it attends, or by circulation.")
        if approved_on is None:
            approved_on = approving.date
        elif approved_on != approving.date:
            raise _refuse(f"Minutes approved at the meeting of {when} were approved on that day, not on "
                          f"{frozen.long_date(approved_on)}.")
        present = {a.person_id for a in approving.attendance
                   if a.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)}
        if present and chair_id not in present:
            raise _refuse(f"{directory.person_name(chair_id)} is not recorded as present at the meeting of "
                          f"{when}. Choose the person who chaired it.")
    if approved_on is None:
        approved_on = today
    if approved_on < meeting.date:
        raise _refuse(f"Minutes cannot be approved before the meeting they record: these are the minutes of "
                      f"{frozen.long_date(meeting.date)}, so they cannot have been approved on "
                      f"{frozen.long_date(approved_on)}.")
    if approved_on > today:
        raise _refuse(f"{frozen.long_date(approved_on)} has not come yet: record an approval on or after the "
                      "day it was agreed.")
    return approved_on, approving


def _history(uow: UnitOfWork, meeting: Meeting, before: int) -> dict[str, tuple]:
    """Per variant, the earlier versions with that variant's fingerprints, oldest first."""
    from lmcdesk.documents.approval import PriorVersion

    out: dict[str, list] = {v: [] for v in DOCUMENT_VARIANTS}
    for v in sorted(meeting.versions, key=lambda v: v.version):
        if v.version >= before:
            continue
        day = v.approved_on or v.approved_at.date()
        name = v.signed_by_name or v.approved_by
        for variant in DOCUMENT_VARIANTS:
            try:
                print_fp = uow.approved.get(meeting.id, v.version, variant).fingerprint
            except NotFound:
                print_fp = v.fingerprint
            out[variant].append(PriorVersion(v.version, day, name, print_fp))
    return {k: tuple(v) for k, v in out.items()}


def _facts(v: MinutesVersion, approving: str) -> ApprovalFacts:
    from lmcdesk.documents.approval import ApprovalFacts

    return ApprovalFacts(
        version=v.version,
        approved_on=v.approved_on or v.approved_at.date(),
        signed_by=v.signed_by_name or v.approved_by,
        approving_meeting=approving,
        by_circulation=v.by_circulation,
        amendment=v.amendment,
        change_note=v.change_note,
    )


def _open_key(keys: KeyStore, body_id: str, body_name: str, passphrase: str):
    """(signer, key created?): the body's key opened with the passphrase, or a new one made with it."""
    from lmcdesk import signing

    if keys.has_key(body_id):
        return keys.signer(body_id, passphrase), False  # WrongPassphrase in words
    if len(passphrase or "") < signing.MIN_PASSPHRASE:
        raise InvalidInput(f"These are the first minutes of {body_name} to be approved here, so LMC Desk makes "
                           f"its signing key now: choose a passphrase of at least {signing.MIN_PASSPHRASE} "
                           "characters for it.")
    keys.create_key(body_id, body_name, passphrase)
    return keys.signer(body_id, passphrase), True


def _signed_pdf(doc, signer, *, name: str, location: str) -> bytes:
    from lmcdesk import export, signing

    return signing.sign_pdf(export.render_pdf(doc), signer, reason=SIGN_REASON, name=name, location=location)


def _cert_fingerprint(signer) -> str:
    import hashlib

    return hashlib.sha256(signer.signing_cert.dump()).hexdigest()


def approve(uow: UnitOfWork, meeting_id: str, *, chair_id: str, approved_on: date | None = None,
            approving_meeting_id: str | None = None, amendment: str = "", keys: KeyStore, passphrase: str,
            when: datetime | None = None) -> ApprovalResult:
    """Approve the minutes of ``meeting_id`` as the next version, freeze and
    sign them; commits.  ``chair_id``: who signed (the person chairing the
    approving meeting); ``approving_meeting_id``: the meeting that approved
    them, None for by circulation; ``approved_on``: that meeting's date, or
    the date of approval by circulation (default: today); ``amendment``:
    what was agreed when approving ("amended to read ..."); ``keys``: the
    record's key store; ``passphrase``: of the body's key (made with it at
    the body's first approval).  ``Meeting.approve`` refuses minutes approved already."""
    from lmcdesk import signing

    now = (when or datetime.now()).replace(microsecond=0)
    amendment = "\n".join(" ".join(line.split()) for line in (amendment or "").replace("\r\n", "\n").split("\n")
                          if line.strip())
    with uow:
        meeting = uow.meetings.get(meeting_id)
        directory = uow.directory.load()
        if meeting.is_approved:
            meeting.approve(MinutesVersion(meeting.next_version, "", now, ""))  # refuses, in words
        errors = _probity_errors(meeting, directory, now.date())  # first: nothing else matters until put right
        if errors:
            listed = "; ".join(f.message.rstrip(".") for f in errors[:3])
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            raise ApprovalRefused(
                f"The probity checks found {len(errors)} error{'s' if len(errors) != 1 else ''} to put right "
                f"before these minutes can be approved: {listed}{more}.",
                detail="\n".join(f"{f.rule_id}: {f.message}" for f in errors),
            )
        approved_on, approving = _check_request(uow, meeting, directory, chair_id=chair_id,
                                                approved_on=approved_on,
                                                approving_meeting_id=approving_meeting_id, today=now.date())
        body_name = directory.body_name(meeting.body_id)
        signer, key_created = _open_key(keys, meeting.body_id, body_name, passphrase)
        record_id = uow.meta.record_id()

        meeting.number_items()  # the snapshot holds the numbers the record keeps
        snap = fp.snapshot(meeting, directory)
        previous = max(meeting.versions, key=lambda v: v.version) if meeting.versions else None
        note = change_note(_pending_reason(uow, meeting_id), previous.snapshot, snap) if previous else ""
        signer_name = directory.person_name(chair_id)
        version = MinutesVersion(
            version=meeting.next_version,
            approved_by=signer_name,
            approved_at=now,
            fingerprint=fp.fingerprint_snapshot(snap),
            change_note=note,
            snapshot=snap,
            approved_on=approved_on,
            approving_meeting_id=approving.id if approving is not None else None,
            signed_by_person_id=chair_id,
            signed_by_name=signer_name,
            amendment=amendment,
            cert_fingerprint=_cert_fingerprint(signer),
        )
        meeting.approve(version)

        # freeze: the documents as they print now, fingerprinted, rendered and signed
        facts = _facts(version, approving_words(approving, directory) if approving is not None else "")
        built = frozen.build_frozen(meeting, directory, facts, _history(uow, meeting, version.version))
        location = approving_words(approving, directory) if approving is not None else "by circulation"
        documents = {
            variant: ApprovedDocument(meeting.id, version.version, variant, data, print_fp,
                                      _signed_pdf(doc, signer, name=signer_name, location=location))
            for variant, (data, print_fp, doc) in built.items()
        }

        where = f"at {location}" if approving is not None else "by circulation"
        _audit(uow, meeting_id, "approved",
               f"version {version.version} approved {where} on {approved_on.isoformat()}, signed by "
               f"{signer_name} ({documents['full'].fingerprint[:12]}...)")
        audit.seal_version(uow, meeting_id, version)
        pending = _unsigned_of_body(uow, meeting.body_id, skip=meeting_id)
        earlier = _sign_pending(uow, pending, signer, directory)
        seal_head, log_head = _heads(uow)
        _sign_version(version, signing, signer, record_id=record_id, meeting=meeting, documents=documents,
                      seal_head=seal_head, log_head=log_head)
        uow.meetings.save(meeting, allow_approved=True)
        for d in documents.values():
            uow.approved.put(d)
        for other, v, docs in earlier:
            _sign_version(v, signing, signer, record_id=record_id, meeting=other, documents=docs,
                          seal_head=seal_head, log_head=log_head)
            uow.meetings.save(other, allow_approved=True)
            for d in docs.values():
                uow.approved.put(d)
        uow.commit()
    _write_note(keys, meeting.body_id, record_id, meeting_id, version, seal_head, log_head)
    log.info("approved %s version %s", meeting_id, version.version)
    changes = Changes(meetings={meeting_id, *(o.id for o, _, _ in earlier)}, lock_version=meeting.lock_version)
    return ApprovalResult(version, changes, {k: d.fingerprint for k, d in documents.items()}, key_created,
                          len(earlier))


def _heads(uow: UnitOfWork) -> tuple[str, str]:
    last = uow.audit.last()
    return uow.seals.last_hash() or audit.GENESIS, (last.hash if last is not None else "") or audit.GENESIS


def _sign_version(v: MinutesVersion, signing, signer, *, record_id: str, meeting: Meeting,
                  documents: dict[str, ApprovedDocument], seal_head: str, log_head: str) -> None:
    v.cert_fingerprint = _cert_fingerprint(signer)
    values = frozen.statement_values(record_id=record_id, meeting=meeting, version=v, documents=documents,
                                     seal_head=seal_head, log_head=log_head)
    v.statement = frozen.statement_text(values)
    v.signature = frozen.encode_signature(signing.sign_bytes(v.statement.encode("utf-8"), signer))


def _write_note(keys: KeyStore, body_id: str, record_id: str, meeting_id: str, v: MinutesVersion,
                seal_head: str, log_head: str) -> None:
    try:
        keys.write_note(body_id, frozen.note_text(record_id=record_id, meeting_id=meeting_id, version=v.version,
                                                  approved_at=v.approved_at, seal_head=seal_head,
                                                  log_head=log_head))
    except OSError:  # the approval stands; verify will say the note is behind
        log.warning("could not write the note of the last approval beside the key", exc_info=True)


# --------------------------------------------------------------------------- minutes approved before freezing


def _unsigned_of_body(uow: UnitOfWork, body_id: str, skip: str) -> list[Meeting]:
    """Meetings of the body with versions frozen on upgrade and not signed yet."""
    ids = {k[0] for k in uow.approved.keys(unsigned=True)} - {skip}
    if not ids:
        return []
    return [uow.meetings.get(s.id) for s in uow.meetings.summaries(body_id=body_id, ids=sorted(ids))]


def _sign_pending(uow: UnitOfWork, meetings: list[Meeting], signer, directory: Directory) -> list:
    """Render and sign the PDFs of versions frozen on upgrade (statements come later, with the heads)."""
    from lmcdesk import export, signing
    from lmcdesk.documents import canonical

    out = []
    for m in meetings:
        for v in sorted(m.versions, key=lambda v: v.version):
            if v.signature or not uow.approved.has(m.id, v.version, "full"):
                continue
            docs = {}
            for variant in DOCUMENT_VARIANTS:
                stored = uow.approved.get(m.id, v.version, variant)
                pdf = signing.sign_pdf(export.render_pdf(canonical.loads(stored.document)), signer,
                                       reason=SIGN_REASON, name=v.signed_by_name or v.approved_by,
                                       location="frozen on upgrade")
                docs[variant] = dataclasses.replace(stored, pdf=pdf)
            _audit(uow, m.id, SIGNED_ACTION, f"version {v.version} (frozen on upgrade) signed with the key of "
                                             f"{directory.body_name(m.body_id)}")
            out.append((m, v, docs))
    return out


def _decoded(snapshot: str, directory: Directory) -> Meeting | None:
    """The meeting as a version's snapshot holds it (None if it cannot be read back)."""
    import json

    from lmcdesk.interchange import from_document

    try:
        record = json.loads(snapshot)["meeting"]
        _, meetings = from_document({"format": "lmcdesk-meeting-file", "version": 1, "meetings": [record]},
                                    known=directory)
        return meetings[0]
    except Exception:  # noqa: BLE001 - an old or damaged snapshot: the live record is used instead
        log.info("snapshot could not be read back", exc_info=True)
        return None


def _names_as_approved(directory: Directory, snapshot: str) -> Directory:
    """The directory with the names of people and bodies as the snapshot recorded them."""
    import copy
    import json

    try:
        names = json.loads(snapshot).get("names", {})
    except (ValueError, AttributeError):
        return directory
    d = copy.deepcopy(directory)
    for key, name in names.items():
        if key in d.people:
            d.people[key].name = name
        elif key in d.bodies:
            d.bodies[key].name = name
    return d


def _as_approved(meeting: Meeting, v: MinutesVersion, directory: Directory) -> Meeting:
    """The meeting as version ``v`` approved it: the live record for the latest
    version of approved minutes, else the version's snapshot read back."""
    latest = max(x.version for x in meeting.versions)
    if v.version == latest and meeting.is_approved:
        return meeting
    source = _decoded(v.snapshot, directory) or meeting
    return dataclasses.replace(source, status=MinutesStatus.APPROVED,
                               versions=[x for x in meeting.versions if x.version <= v.version])


def unfrozen_source(meeting: Meeting, directory: Directory, number: int) -> tuple[Meeting, ApprovalFacts]:
    """What to print for approved version ``number`` when the record holds no
    frozen copy of it (an archive not opened since the upgrade, or minutes
    approved in another record): the meeting as approved and its facts."""
    from lmcdesk.documents.approval import PriorVersion

    v = next(x for x in meeting.versions if x.version == number)
    earlier = tuple(PriorVersion(x.version, x.approved_on or x.approved_at.date(), x.signed_by_name or x.approved_by,
                                 x.fingerprint)
                    for x in sorted(meeting.versions, key=lambda x: x.version) if x.version < number)
    return _as_approved(meeting, v, directory), dataclasses.replace(_facts(v, ""), history=earlier)


def freeze_on_upgrade(uow: UnitOfWork, today: date | None = None) -> int:
    """Freeze, once, the approved versions that have no frozen documents and
    no signature (approved before approvals were frozen): their documents are
    built from the record as it stands, labelled "frozen on upgrade" in the
    document and the version, and signed at the body's next approval.
    Returns how many were frozen; commits.  Cheap when there are none."""
    today = today or date.today()
    with uow:
        todo: dict[str, set[int]] = {}
        for meeting_id, number in uow.approved.unfrozen():
            todo.setdefault(meeting_id, set()).add(number)
        if not todo:
            return 0
        directory = uow.directory.load()
        count = 0
        for meeting_id, numbers in sorted(todo.items()):
            meeting = uow.meetings.get(meeting_id)
            for v in sorted(meeting.versions, key=lambda v: v.version):
                if v.version not in numbers:
                    continue
                source = _as_approved(meeting, v, directory)
                v.frozen_on_upgrade = True
                facts = _facts(v, "")
                label = frozen.frozen_label(today, facts.approved_on)
                built = frozen.build_frozen(source, _names_as_approved(directory, v.snapshot), facts,
                                            _history(uow, meeting, v.version), label)
                for variant, (data, print_fp, _doc) in built.items():
                    uow.approved.put(ApprovedDocument(meeting.id, v.version, variant, data, print_fp))
                _audit(uow, meeting.id, FROZEN_ACTION,
                       f"version {v.version} frozen on upgrade ({built['full'][1][:12]}...); it is signed at the "
                       "next approval of its body")
                count += 1
            uow.meetings.save(meeting, allow_approved=True)
        uow.commit()
    if count:
        log.info("froze %d approved version(s) on upgrade", count)
    return count


# --------------------------------------------------------------------------- corrections


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
