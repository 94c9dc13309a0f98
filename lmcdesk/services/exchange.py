"""Exchange between PCs: export a meeting pack, preview and apply an import.

The pack carries the documented JSON meeting file (``lmcdesk.interchange``)
and the papers.  An import is always two steps: ``preview_import`` reads and
checks the whole pack and says, record by record, what would happen (nothing
is written); ``apply_import`` then merges by stable ids in one transaction,
with the user's choice for every record changed on both sides.  Approved
minutes are never overwritten.

Per meeting, the content hash both PCs last agreed on is remembered
(``exchange_state``), so that "changed here", "changed there" and "changed on
both" can be told apart.
"""

from __future__ import annotations

import copy
import getpass
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lmcdesk
from lmcdesk import interchange
from lmcdesk.domain import Directory, Meeting
from lmcdesk.errors import ConcurrentEdit, InvalidInput, LmcDeskError, MinutesLocked, NotFound
from lmcdesk.exchange import pack as packfile
from lmcdesk.exchange.merge import (
    CHOOSABLE,
    DEFAULT_CHOICE,
    Choice,
    ImportPreview,
    RecordPreview,
    Status,
    classify_meeting,
    content_hash,
    describe_changes,
    directory_bases,
    directory_key,
    directory_records,
    meeting_label,
    preview_directory,
)
from lmcdesk.services import audit
from lmcdesk.services.changes import Changes

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

__all__ = [
    "Choice",
    "ImportPreview",
    "RecordPreview",
    "Status",
    "PackImportResult",
    "apply_import",
    "export_pack",
    "preview_import",
]


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment is not an error
        return "unknown"


def _papers_of(meetings: list[Meeting]) -> set[str]:
    return {p.sha256 for m in meetings for it in m.items for p in it.papers if p.sha256}


def export_pack(uow: UnitOfWork, meeting_ids: list[str], out_path: str | Path) -> packfile.Manifest:
    """Write the meetings (with the directory and their papers) to ``out_path``."""
    with uow:
        return _export_pack(uow, meeting_ids, out_path)


def _export_pack(uow: UnitOfWork, meeting_ids: list[str], out_path: str | Path) -> packfile.Manifest:
    if not meeting_ids:
        raise InvalidInput("Choose at least one meeting to put in the pack.")
    out_path = Path(out_path)
    meetings = [uow.meetings.get(mid) for mid in dict.fromkeys(meeting_ids)]
    directory = uow.directory.load()
    document = interchange.to_document(directory, meetings)
    papers: dict[str, bytes] = {}
    for sha in sorted(_papers_of(meetings)):
        try:
            papers[sha] = uow.papers.get(sha)
        except NotFound:
            log.info("paper %s has no stored bytes; the pack names it only", sha)
    manifest = packfile.write_pack(
        out_path,
        document,
        papers,
        meeting_ids=[m.id for m in meetings],
        created_by=_user(),
        app_version=lmcdesk.__version__,
    )
    # What the other PC will see is what the codec carries: remember that.
    carried_dir, carried = interchange.from_document(document)
    uow.exchange.remember({m.id: content_hash(m) for m in carried} | directory_bases(carried_dir))
    for m in meetings:
        audit.record(uow, "meeting", m.id, "exported", f"to meeting pack {out_path.name}")
    uow.commit()
    return manifest


def _load_pack(pack_path: str | Path) -> tuple[packfile.Pack, Directory, list[Meeting]]:
    pack = packfile.read_pack(pack_path)
    try:
        directory, meetings = interchange.from_document(pack.document)
    except LmcDeskError:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile file must not crash the import
        log.warning("meeting.json in %s made the codec fail", pack_path, exc_info=True)
        raise InvalidInput(
            f"The meeting file inside {Path(pack_path).name} cannot be read ({type(exc).__name__})."
        ) from exc
    ids = [m.id for m in meetings]
    if sorted(ids) != sorted(pack.manifest.meeting_ids):
        raise InvalidInput(
            f"The meeting pack {Path(pack_path).name} is inconsistent: its manifest and its meeting file "
            "name different meetings."
        )
    for meeting in meetings:
        _check_approved(meeting, Path(pack_path).name)
    referenced = _papers_of(meetings)
    stray = sorted(set(pack.papers) - referenced)
    if stray:
        raise InvalidInput(
            f"The meeting pack {Path(pack_path).name} holds papers no meeting refers to ({stray[0][:12]}…)."
        )
    return pack, directory, meetings


def preview_import(uow: UnitOfWork, pack_path: str | Path) -> ImportPreview:
    """Read and check a pack and say what importing it would do.  Writes nothing."""
    with uow:
        return _preview_import(uow, pack_path)


def _preview_import(uow: UnitOfWork, pack_path: str | Path) -> ImportPreview:
    pack, remote_dir, remote_meetings = _load_pack(pack_path)
    local_dir = uow.directory.load()
    preview = ImportPreview(
        pack_name=Path(pack_path).name,
        created_by=pack.manifest.created_by,
        created_at=pack.manifest.created_at,
        directory=remote_dir,
        meetings={m.id: m for m in remote_meetings},
        papers=pack.papers,
    )
    keys = [directory_key(kind, rid) for kind, rid in directory_records(remote_dir)]
    preview.records.extend(preview_directory(local_dir, remote_dir, uow.exchange.bases(keys)))
    bases = uow.exchange.bases(m.id for m in remote_meetings)
    merged_dir = _merged_view(local_dir, remote_dir)
    for remote in remote_meetings:
        try:
            local = uow.meetings.get(remote.id)
        except NotFound:
            local = None
        status = classify_meeting(local, remote, bases.get(remote.id))
        changes = describe_changes(local, remote) if local is not None and status != Status.UNCHANGED else ()
        if status == Status.REFUSED:
            changes = ("these minutes are approved here and are never overwritten by an import",) + changes
        preview.records.append(
            RecordPreview(
                "meeting",
                remote.id,
                meeting_label(remote, merged_dir),
                status,
                changes,
                local_lock_version=None if local is None else local.lock_version,
                local_hash=None if local is None else content_hash(local),
            )
        )
    return preview


def _merged_view(local: Directory, remote: Directory) -> Directory:
    """Names for labels: local names win, the pack's fill the gaps."""
    return Directory(bodies={**remote.bodies, **local.bodies}, people={**remote.people, **local.people})


def resolve_choices(
    preview: ImportPreview,
    choices: dict[tuple[str, str], Choice] | None = None,
    *,
    conflicts: Choice | None = None,
    approved: Choice | None = None,
) -> dict[tuple[str, str], Choice]:
    """Every record's choice: explicit ones, then ``conflicts`` for records
    changed on both sides, ``approved`` for remotely approved minutes, then the
    defaults.  Raises ``InvalidInput`` naming what still needs a choice."""
    choices = dict(choices or {})
    out: dict[tuple[str, str], Choice] = {}
    undecided: list[RecordPreview] = []
    for rec in preview.records:
        choice = choices.get(rec.key)
        if choice is not None and rec.status not in CHOOSABLE:
            choice = None  # new/unchanged/refused records have one outcome only
        if choice is None and rec.status == Status.CONFLICT:
            choice = conflicts
        if choice is None and rec.status == Status.APPROVED_REMOTELY:
            choice = approved
        if choice is None:
            choice = DEFAULT_CHOICE[rec.status]
        if choice is None:
            undecided.append(rec)
        else:
            out[rec.key] = choice
    if undecided:
        names = "; ".join(f"{r.kind} {r.label}" for r in undecided[:5])
        more = f" and {len(undecided) - 5} more" if len(undecided) > 5 else ""
        raise InvalidInput(
            f"{len(undecided)} record{'s' if len(undecided) != 1 else ''} changed both here and in the pack "
            f"(or approved in the pack) and nothing was imported. Choose 'keep local' or 'take theirs' "
            f"for: {names}{more}."
        )
    return out


def _unchanged_since_preview(rec: RecordPreview, local) -> None:
    """Someone (an autosave, another window) changed the record after the preview was made."""
    now = None if local is None else ("present" if local is True else content_hash(local))
    if now != rec.local_hash:
        raise ConcurrentEdit(
            f"{rec.kind.capitalize()} {rec.label} changed on this PC after the import was previewed; "
            "nothing was imported. Preview the pack again."
        )


def _body_depth(body_id: str, directory: Directory | None) -> int:
    depth, seen = 0, set()
    bodies = directory.bodies if directory else {}
    while body_id in bodies and bodies[body_id].parent_id and body_id not in seen:
        seen.add(body_id)
        body_id = bodies[body_id].parent_id
        depth += 1
    return depth


def _check_approved(meeting: Meeting, pack_name: str) -> None:
    """Approved minutes in a pack must still be what was approved on the other PC."""
    from lmcdesk.domain import fingerprint as fp

    for v in meeting.versions:
        if not v.snapshot or fp.fingerprint_snapshot(v.snapshot) != v.fingerprint:
            raise InvalidInput(
                f"The meeting pack {pack_name} holds approved minutes (meeting of {meeting.date.isoformat()}, "
                f"version {v.version}) that were altered after approval; nothing was imported."
            )
    if meeting.is_approved:
        latest = max(meeting.versions, key=lambda v: v.version, default=None)
        if latest is None or not audit.live_matches(meeting, latest.snapshot):
            raise InvalidInput(
                f"The meeting pack {pack_name} holds minutes marked approved (meeting of "
                f"{meeting.date.isoformat()}) that do not match their approved version; nothing was imported."
            )


_TAKEABLE = frozenset({Status.NEW, Status.CHANGED_REMOTELY, Status.CHANGED_LOCALLY, Status.CONFLICT})

_SAVERS = {
    "body": "save_body",
    "person": "save_person",
    "membership": "save_membership",
    "interest": "save_interest",
    "gift": "save_gift",
}


def apply_import(
    uow: UnitOfWork,
    preview: ImportPreview,
    choices: dict[tuple[str, str], Choice] | None = None,
    *,
    conflicts: Choice | None = None,
    approved: Choice | None = None,
) -> PackImportResult:
    """Merge what the preview describes, in one transaction.  The result
    lists the records that were taken from the pack, and what changed."""
    with uow:
        return _apply_import(uow, preview, choices, conflicts=conflicts, approved=approved)


@dataclass(frozen=True)
class PackImportResult:
    taken: list[RecordPreview]
    changes: Changes


#: ``Changes.directory`` part of each kind of directory record in a pack.
_PARTS = {"body": "bodies", "person": "people", "membership": "memberships", "interest": "interests",
          "gift": "gifts"}


def _apply_import(uow: UnitOfWork, preview, choices, *, conflicts, approved) -> PackImportResult:
    final = resolve_choices(preview, choices, conflicts=conflicts, approved=approved)
    taken: list[RecordPreview] = []
    remote_records = directory_records(preview.directory or Directory())
    local_records: dict = {}
    # Directory first (meetings refer to it), in an order that satisfies references.
    for kind in ("body", "person", "membership", "interest", "gift"):
        saver = getattr(uow.directory, _SAVERS[kind])
        records = preview.records
        if kind == "body":  # a parent body before the bodies that belong to it
            records = sorted(records, key=lambda r: _body_depth(r.id, preview.directory))
        local_records = directory_records(uow.directory.load()) if kind == "body" else local_records
        for rec in records:
            if rec.kind == kind and rec.status in _TAKEABLE and final[rec.key] == Choice.TAKE_THEIRS:
                _unchanged_since_preview(rec, local_records.get(rec.key))
                saver(remote_records[rec.key])
                audit.record(uow, kind, rec.id, "imported", f"from meeting pack {preview.pack_name}")
                taken.append(rec)
    needed = _papers_of([preview.meetings[r.id] for r in preview.records if r.kind == "meeting"])
    for sha in sorted(needed & preview.papers.keys()):
        uow.papers.put(preview.papers[sha])
    bases: dict[str, str] = {}
    changes = Changes(directory={_PARTS[r.kind] for r in taken})
    for rec in preview.records:
        if rec.kind != "meeting":
            continue
        remote = copy.deepcopy(preview.meetings[rec.id])  # storage numbers items and bumps versions
        bases[rec.id] = content_hash(remote)
        if rec.status in (Status.UNCHANGED, Status.REFUSED) or final[rec.key] != Choice.TAKE_THEIRS:
            continue
        if rec.status == Status.NEW:
            if uow.meetings.exists(rec.id):
                _unchanged_since_preview(rec, True)
            uow.meetings.add(remote)
            changes |= Changes(meeting_list=True, actions=bool(remote.actions))
        else:
            local = uow.meetings.get(rec.id)
            _unchanged_since_preview(rec, local)
            if local.is_approved:
                raise MinutesLocked(
                    f"The minutes of {rec.label} were approved on this PC since the preview; nothing was imported."
                )
            remote.lock_version = rec.local_lock_version or 0
            uow.meetings.save(remote)
            changes |= Changes(actions=bool(remote.actions or local.actions))
        changes |= Changes(meetings={rec.id})
        summary = f"{rec.status.value} from meeting pack {preview.pack_name}"
        if rec.changes:
            summary += ": " + "; ".join(rec.changes[:3])
        audit.record(uow, "meeting", rec.id, "imported", summary[:500])
        for v in sorted(remote.versions, key=lambda v: v.version):
            audit.seal_approval(uow, rec.id, v.version)  # into this PC's own chain
        taken.append(rec)
    uow.exchange.remember(bases | directory_bases(preview.directory or Directory()))
    uow.commit()
    return PackImportResult(taken, changes)
