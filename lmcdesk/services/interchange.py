"""Import and export of the JSON meeting file (see docs/meeting-file.md).

``import_file`` reads and validates the whole file before it writes anything,
then upserts by id in one unit of work: on any problem nothing is written.
References may point at records already in the database.  A meeting whose
stored minutes are approved is never changed by an import (re-importing it
unchanged is fine).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from lmcdesk import errors
from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.interchange import from_document, to_document

from .changes import DIRECTORY_KINDS, Changes

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: Larger files are refused before they are read (a year of a county is ~2 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024

KINDS = ("bodies", "people", "memberships", "interests", "gifts", "meetings")


@dataclass
class ImportReport:
    """What an import did, per kind of record (``KINDS``)."""

    path: str
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    meeting_ids: list[str] = field(default_factory=list)
    #: "meeting id: paper title" of papers whose file (by SHA-256) is not in the
    #: record: the JSON file describes papers but does not carry them.
    papers_missing: list[str] = field(default_factory=list)
    #: What the import wrote (nothing on a dry run).
    changes: Changes = Changes()

    def summary(self) -> str:
        parts = []
        for kind in KINDS:
            c, u, s = self.created[kind], self.updated[kind], self.unchanged[kind]
            if c or u or s:
                bits = [f"{c} new"] if c else []
                bits += [f"{u} updated"] if u else []
                bits += [f"{s} unchanged"] if s else []
                parts.append(f"{kind}: {', '.join(bits)}")
        return "; ".join(parts) if parts else "nothing to import"


# --------------------------------------------------------------------------- reading


def read_document(path: str | Path) -> Any:
    """The parsed JSON of a meeting file, or a plain-words error about the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise errors.InvalidInput(
                f"{p.name} is {size / 1024 / 1024:.0f} MB; a meeting file may be at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into several files.")
        data = p.read_bytes()
    except FileNotFoundError:
        raise errors.NotFound(f"There is no file {str(p)!r}.") from None
    except IsADirectoryError:
        raise errors.InvalidInput(f"{str(p)!r} is a folder, not a meeting file.") from None
    except PermissionError:
        raise errors.InvalidInput(f"LMC Desk is not allowed to read {str(p)!r}.") from None
    return parse_text(data, p.name)


def parse_text(data: bytes, name: str = "the file") -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise errors.InvalidInput(
            f"{name} is not UTF-8 text (a byte that is not UTF-8 on line {line}). "
            "Save it again as UTF-8 (in most editors: Save As, encoding UTF-8).") from None
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for k, v in items:
            if k in out:
                duplicates.append(k)
            out[k] = v
        return out

    def constant(word: str) -> Any:
        raise ValueError(word)

    try:
        doc = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise errors.InvalidInput(
            f"{name} is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except ValueError as exc:
        raise errors.InvalidInput(f"{name} contains {exc}, which JSON does not allow; "
                                  "write a number or null.") from None
    except RecursionError:
        raise errors.InvalidInput(f"{name} is nested too deeply to be a meeting file.") from None
    if duplicates:
        raise errors.InvalidInput(
            f"{name} gives the field \"{duplicates[0]}\" twice in the same object; keep only one"
            + (f" (also: {', '.join(sorted(set(duplicates[1:])))})" if len(duplicates) > 1 else ""))
    return doc


# --------------------------------------------------------------------------- import


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    return replace(a, lock_version=0) == replace(b, lock_version=0)


def import_document(uow: UnitOfWork, doc: Any, *, source: str = "", dry_run: bool = False) -> ImportReport:
    """Validate ``doc`` against the file format and the database, then write it
    all in one unit of work and commit; nothing is written on any error.
    ``dry_run`` does everything but the commit (the report says what would happen)."""
    with uow:
        return _import(uow, doc, source, dry_run)


def _import(uow: UnitOfWork, doc: Any, source: str, dry_run: bool = False) -> ImportReport:
    from lmcdesk.services import audit

    known = uow.directory.load()
    directory, meetings = from_document(doc, known=known)
    report = ImportReport(path=source)

    stored: dict[str, Meeting] = {}
    written: list[Meeting] = []
    locked: list[str] = []
    for meeting in meetings:
        if uow.meetings.exists(meeting.id):
            old = uow.meetings.get(meeting.id)
            stored[meeting.id] = old
            label = f"{meeting.id} ({old.date.isoformat()})"
            if old.is_approved and not _same_meeting(old, meeting):
                locked.append(label)
                continue
            kept = {v.version: v for v in meeting.versions}
            changed = [str(v.version) for v in old.versions if kept.get(v.version) != v]
            if changed:
                locked.append(f"{label}, approved version {', '.join(changed)}")
    if locked:
        raise errors.MinutesLocked(
            "The file would change approved minutes, which LMC Desk never does: "
            + "; ".join(locked) + ". Nothing was imported. Remove those meetings from the file, "
            "or start a correction of the approved minutes in LMC Desk.")

    _count(report, "bodies", directory.bodies.values(), known.bodies)
    _count(report, "people", directory.people.values(), known.people)
    _count(report, "memberships", directory.memberships, {x.id: x for x in known.memberships})
    _count(report, "interests", directory.interests, {x.id: x for x in known.interests})
    _count(report, "gifts", directory.gifts, {x.id: x for x in known.gifts})
    uow.directory.save_all(directory)

    for meeting in meetings:
        report.meeting_ids.append(meeting.id)
        report.papers_missing += [
            f"{meeting.id}: {p.title}" for it in meeting.items for p in it.papers
            if p.sha256 and not uow.papers.has(p.sha256)
        ]
        old = stored.get(meeting.id)
        if old is None:
            uow.meetings.add(meeting)
            report.created["meetings"] += 1
            action = "created"
        elif _same_meeting(old, meeting):
            report.unchanged["meetings"] += 1
            continue
        else:
            meeting.lock_version = old.lock_version
            uow.meetings.save(meeting)
            report.updated["meetings"] += 1
            action = "updated"
        written.append(meeting)
        audit.record(uow, "meeting", meeting.id, f"import-{action}",
                     f"{action} from meeting file {source or '(no name)'}")
        sealed = {v.version for v in old.versions} if old is not None else set()
        for v in meeting.versions:  # approved versions that arrived with the file
            if v.version not in sealed:
                audit.seal_approval(uow, meeting.id, v.version)
    if dry_run:
        uow.rollback()
        return report
    uow.commit()
    report.changes = Changes(
        meetings={m.id for m in written}, meeting_list=report.created["meetings"] > 0,
        directory={k for k in DIRECTORY_KINDS if report.created[k] or report.updated[k]},
        actions=any(m.actions or (m.id in stored and stored[m.id].actions) for m in written),
    )
    log.info("imported %s: %s", source, report.summary())
    return report


def _count(report: ImportReport, kind: str, records: Iterable[Any], known: dict[str, Any]) -> None:
    for r in records:
        old = known.get(r.id)
        if old is None:
            report.created[kind] += 1
        elif old == r:
            report.unchanged[kind] += 1
        else:
            report.updated[kind] += 1


def import_file(uow: UnitOfWork, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """Import a meeting file: read it, check all of it, then write it in one
    transaction (the unit of work is opened and closed here)."""
    doc = read_document(path)
    return import_document(uow, doc, source=Path(path).name, dry_run=dry_run)


# --------------------------------------------------------------------------- export


def _selection(directory: Directory, meetings: list[Meeting]) -> Directory:
    """The part of the directory these meetings need to be understood (and
    judged) on their own: every body and person they name, the memberships of
    their bodies, and those people's memberships, interests and gifts."""
    people: set[str] = set()
    bodies: set[str] = set()
    interests: set[str] = set()
    for mt in meetings:
        bodies.add(mt.body_id)
        people.update(p for p in (mt.chair_id, mt.vice_chair_id) if p)
        for a in mt.attendance:
            people.update(p for p in (a.person_id, a.substitute_for_id) if p)
            if a.representing_id:
                bodies.add(a.representing_id)
        for it in mt.items:
            people.update(p for p in (it.presenter_id, it.acting_chair_id) if p)
            bodies.update(o.body_id for o in it.organisations)
            for d in it.declarations:
                people.update(p for p in (d.person_id, d.decided_by_id) if p)
                if d.organisation_id:
                    bodies.add(d.organisation_id)
                if d.interest_id:
                    interests.add(d.interest_id)
            for dec in it.decisions:
                people.update(v.person_id for v in dec.votes)
                people.update(dec.participants)
                if dec.award_to_id:
                    bodies.add(dec.award_to_id)
        people.update(x.owner_id for x in mt.actions if x.owner_id)
    meeting_bodies = {mt.body_id for mt in meetings}
    people.update(ms.person_id for ms in directory.memberships if ms.body_id in meeting_bodies)
    people.update(i.person_id for i in directory.interests if i.id in interests)

    memberships = [ms for ms in directory.memberships if ms.person_id in people or ms.body_id in meeting_bodies]
    chosen_interests = [i for i in directory.interests if i.person_id in people or i.id in interests]
    gifts = [g for g in directory.gifts if g.person_id in people]
    bodies.update(ms.body_id for ms in memberships)
    bodies.update(i.organisation_id for i in chosen_interests if i.organisation_id)
    bodies.update(g.body_id for g in gifts if g.body_id)
    frontier = list(bodies)
    while frontier:  # parents of parents
        b = directory.bodies.get(frontier.pop())
        if b is not None and b.parent_id and b.parent_id not in bodies:
            bodies.add(b.parent_id)
            frontier.append(b.parent_id)
    return Directory(
        bodies={k: v for k, v in directory.bodies.items() if k in bodies},
        people={k: v for k, v in directory.people.items() if k in people},
        memberships=memberships,
        interests=chosen_interests,
        gifts=gifts,
    )


def export_meetings(uow: UnitOfWork, meeting_ids: Iterable[str]) -> dict:
    """A meeting file (JSON-ready dict) with these meetings and everything
    they refer to."""
    with uow:
        meetings = [uow.meetings.get(mid) for mid in dict.fromkeys(meeting_ids)]
        directory = uow.directory.load()
    return to_document(_selection(directory, meetings), meetings)


def dumps(doc: dict) -> str:
    """The text of a meeting file as LMC Desk writes it."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
