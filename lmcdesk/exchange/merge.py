"""Deciding what importing a pack would do, record by record (pure: no storage).

A meeting is compared three ways: the local copy, the pack's copy, and the
content hash both PCs last agreed on (``base``, remembered per meeting when a
pack is exported or imported).  From those:

* not here yet                      -> NEW (added)
* same content                      -> UNCHANGED
* only the pack's copy moved on     -> CHANGED_REMOTELY (taken)
* only the local copy moved on      -> CHANGED_LOCALLY (kept)
* both moved on (or no shared base) -> CONFLICT (the user chooses)
* local minutes approved, differ    -> REFUSED (approved minutes are never overwritten)
* pack approved, local still draft  -> APPROVED_REMOTELY (offered, taken only if chosen)

Directory entries (bodies, people, memberships, interests, gifts) are
compared the same way, without the approval rules.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction
from typing import Any

from lmcdesk.domain import Directory, Meeting


class Status(enum.StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    CHANGED_REMOTELY = "changed-remotely"
    CHANGED_LOCALLY = "changed-locally"
    CONFLICT = "conflict"
    REFUSED = "refused"
    APPROVED_REMOTELY = "approved-remotely"


class Choice(enum.StrEnum):
    TAKE_THEIRS = "take-theirs"
    KEEP_LOCAL = "keep-local"


#: What happens without an explicit choice.  ``None``: a choice is required.
DEFAULT_CHOICE: dict[Status, Choice | None] = {
    Status.NEW: Choice.TAKE_THEIRS,
    Status.UNCHANGED: Choice.KEEP_LOCAL,
    Status.CHANGED_REMOTELY: Choice.TAKE_THEIRS,
    Status.CHANGED_LOCALLY: Choice.KEEP_LOCAL,
    Status.CONFLICT: None,
    Status.REFUSED: Choice.KEEP_LOCAL,
    Status.APPROVED_REMOTELY: None,
}

#: Statuses where the user may pick either way.
CHOOSABLE = frozenset({Status.CONFLICT, Status.APPROVED_REMOTELY, Status.CHANGED_REMOTELY, Status.CHANGED_LOCALLY})


@dataclass(frozen=True)
class RecordPreview:
    kind: str  # "meeting", "body", "person", "membership", "interest", "gift"
    id: str
    label: str  # e.g. "Loamshire LMC, 2026-03-04"
    status: Status
    changes: tuple[str, ...] = ()  # field-level summary, one short line each
    local_lock_version: int | None = None
    local_hash: str | None = None  # this PC's copy when previewed (None: not here)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def needs_choice(self) -> bool:
        return DEFAULT_CHOICE[self.status] is None


@dataclass
class ImportPreview:
    pack_name: str
    created_by: str
    created_at: str
    records: list[RecordPreview] = field(default_factory=list)
    # what the pack brings, kept for apply_import (not shown to the user)
    directory: Directory | None = None
    meetings: dict[str, Meeting] = field(default_factory=dict)
    papers: dict[str, bytes] = field(default_factory=dict)

    def by_status(self, status: Status) -> list[RecordPreview]:
        return [r for r in self.records if r.status == status]

    @property
    def needs_choice(self) -> list[RecordPreview]:
        return [r for r in self.records if r.needs_choice]

    def summary_lines(self) -> list[str]:
        lines = [f"Meeting pack {self.pack_name}, made by {self.created_by} at {self.created_at}"]
        for r in self.records:
            if r.status == Status.UNCHANGED:
                continue
            lines.append(f"  [{r.status.value}] {r.kind} {r.label}")
            lines.extend(f"      {c}" for c in r.changes)
        unchanged = len(self.by_status(Status.UNCHANGED))
        if unchanged:
            lines.append(f"  {unchanged} record{'s' if unchanged != 1 else ''} unchanged")
        return lines


# --------------------------------------------------------------------------- canonical content


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def meeting_content(meeting: Meeting) -> dict[str, Any]:
    """The meeting as plain data, without storage bookkeeping (``lock_version``)."""
    data = _plain(meeting)
    data.pop("lock_version", None)
    # order of child lists is not content where they carry ids; positions are content
    for key in ("attendance", "items", "actions"):
        data[key] = sorted(data[key], key=lambda d: d["id"])
    data["versions"] = sorted(data["versions"], key=lambda d: d["version"])
    return data


def content_hash(value: Any) -> str:
    """SHA-256 of the canonical JSON of a record (a meeting or a directory entry)."""
    data = meeting_content(value) if isinstance(value, Meeting) else _plain(value)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- differences


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _diff_fields(prefix: str, local: dict[str, Any], remote: dict[str, Any], out: list[str]) -> None:
    for key in sorted(set(local) | set(remote)):
        a, b = local.get(key), remote.get(key)
        if a == b:
            continue
        if isinstance(a, str) and isinstance(b, str) and (len(a) > 60 or len(b) > 60):
            out.append(f"{prefix}{key}: text changed ({len(a)} -> {len(b)} characters)")
        else:
            out.append(f"{prefix}{key}: {_short(a)} -> {_short(b)}")


def _diff_children(what: str, label_key: str, local: list[dict], remote: list[dict], out: list[str]) -> None:
    lmap = {d["id"]: d for d in local}
    rmap = {d["id"]: d for d in remote}
    for cid in sorted(rmap.keys() - lmap.keys()):
        out.append(f"{what} added: {_short(rmap[cid].get(label_key, cid))}")
    for cid in sorted(lmap.keys() - rmap.keys()):
        out.append(f"{what} removed: {_short(lmap[cid].get(label_key, cid))}")
    for cid in sorted(lmap.keys() & rmap.keys()):
        if lmap[cid] != rmap[cid]:
            label = _short(rmap[cid].get(label_key, cid), 40)
            _diff_fields(f"{what} '{label}' ", lmap[cid], rmap[cid], out)


def describe_changes(local: Any, remote: Any, limit: int = 20) -> tuple[str, ...]:
    """Field-level summary of how ``remote`` differs from ``local`` (at most ``limit`` lines)."""
    out: list[str] = []
    if isinstance(local, Meeting) and isinstance(remote, Meeting):
        a, b = meeting_content(local), meeting_content(remote)
        children = {"items": ("item", "title"), "attendance": ("attendance", "person_id"), "actions": ("action", "description")}
        for key, (what, label_key) in children.items():
            _diff_children(what, label_key, a.pop(key), b.pop(key), out)
        va, vb = a.pop("versions"), b.pop("versions")
        if va != vb:
            out.append(f"approved versions: {len(va)} -> {len(vb)}")
        _diff_fields("", a, b, out)
    else:
        _diff_fields("", _plain(local), _plain(remote), out)
    if len(out) > limit:
        out = out[: limit - 1] + [f"… and {len(out) - limit + 1} more changes"]
    return tuple(out)


# --------------------------------------------------------------------------- classification


def classify_meeting(local: Meeting | None, remote: Meeting, base: str | None) -> Status:
    if local is None:
        return Status.NEW
    local_hash, remote_hash = content_hash(local), content_hash(remote)
    if local_hash == remote_hash:
        return Status.UNCHANGED
    if local.is_approved:
        return Status.REFUSED
    if remote.is_approved:
        return Status.APPROVED_REMOTELY
    local_moved = base is None or local_hash != base
    remote_moved = base is None or remote_hash != base
    if remote_moved and not local_moved:
        return Status.CHANGED_REMOTELY
    if local_moved and not remote_moved:
        return Status.CHANGED_LOCALLY
    return Status.CONFLICT


def meeting_label(meeting: Meeting, directory: Directory | None) -> str:
    body = directory.body_name(meeting.body_id) if directory else meeting.body_id
    title = f" ({meeting.title})" if meeting.title else ""
    return f"{body}, {meeting.date.isoformat()}{title}"


DIRECTORY_KINDS = ("body", "person", "membership", "interest", "gift")


def directory_records(directory: Directory) -> dict[tuple[str, str], Any]:
    records: dict[tuple[str, str], Any] = {}
    for b in directory.bodies.values():
        records[("body", b.id)] = b
    for p in directory.people.values():
        records[("person", p.id)] = p
    for m in directory.memberships:
        records[("membership", m.id)] = m
    for i in directory.interests:
        records[("interest", i.id)] = i
    for g in directory.gifts:
        records[("gift", g.id)] = g
    return records


def record_label(kind: str, record: Any, directory: Directory) -> str:
    if kind in ("body", "person"):
        return f"{record.name} ({record.id})"
    if kind == "membership":
        return f"{directory.person_name(record.person_id)} in {directory.body_name(record.body_id)}"
    if kind == "interest":
        org = record.organisation_name or directory.body_name(record.organisation_id) or "nil return"
        return f"{directory.person_name(record.person_id)}: {org}"
    if kind == "gift":
        return f"{directory.person_name(record.person_id)}: {record.description[:40]}"
    return record.id


def directory_key(kind: str, record_id: str) -> str:
    """The ``exchange_state`` key of a directory entry (fits its 64 characters)."""
    return "d:" + hashlib.sha256(f"{kind}\x1f{record_id}".encode("utf-8")).hexdigest()[:40]


def classify_record(local: Any, remote: Any, base: str | None) -> Status:
    """Three-way comparison for a directory entry (no approval involved)."""
    if local is None:
        return Status.NEW
    local_hash, remote_hash = content_hash(local), content_hash(remote)
    if local_hash == remote_hash:
        return Status.UNCHANGED
    local_moved = base is None or local_hash != base
    remote_moved = base is None or remote_hash != base
    if remote_moved and not local_moved:
        return Status.CHANGED_REMOTELY
    if local_moved and not remote_moved:
        return Status.CHANGED_LOCALLY
    return Status.CONFLICT


def preview_directory(local: Directory, remote: Directory, bases: dict[str, str] | None = None) -> list[RecordPreview]:
    """``bases``: content hash last agreed per ``directory_key``."""
    bases = bases or {}
    mine = directory_records(local)
    out: list[RecordPreview] = []
    for key, theirs in directory_records(remote).items():
        kind, rid = key
        here = mine.get(key)
        status = classify_record(here, theirs, bases.get(directory_key(kind, rid)))
        changes = describe_changes(here, theirs) if status not in (Status.NEW, Status.UNCHANGED) else ()
        out.append(RecordPreview(kind, rid, record_label(kind, theirs, remote), status, changes,
                                 local_hash=None if here is None else content_hash(here)))
    return out


def directory_bases(directory: Directory) -> dict[str, str]:
    """What to remember after an exchange: each entry's content hash."""
    return {directory_key(kind, rid): content_hash(rec) for (kind, rid), rec in directory_records(directory).items()}
