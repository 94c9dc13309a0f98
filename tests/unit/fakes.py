"""An in-memory unit of work implementing ``lmcdesk.services.unit_of_work.UnitOfWork``.

Service tests run against it in microseconds.  ``test_unit_of_work.py`` checks
that it has every method of the protocol, and
``tests/integration/test_storage_contract.py`` runs the same scenarios on it
and on the database.  It keeps the rules that
services rely on: rollback unless ``commit()``, copies in and out (changing
a loaded meeting changes nothing until it is saved), ``NotFound``,
``MinutesLocked`` and ``ConcurrentEdit`` like the real repository, and refuses
duplicated ids in a meeting.  It does *not* check references (a meeting may
name a person the directory lacks; deleting a person named in minutes is
allowed): the database's foreign keys do that, see test_storage.py.

    store = FakeStore()
    uow = FakeUnitOfWork(store)            # or FakeUnitOfWork() for a fresh store
    services.meetings.create_meeting(uow, meeting)
    assert uow.committed
"""

from __future__ import annotations

import copy
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Mapping

from lmcdesk import errors
from lmcdesk.domain.enums import ActionStatus, MeetingKind, MinutesStatus
from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.domain.records import (
    DOCUMENT_VARIANTS,
    ActionEntry,
    ApprovedDocument,
    AuditEntry,
    MeetingSummary,
    SearchHit,
    Seal,
)


@dataclass
class FakeStore:
    """What a database file would hold; share one between several units of work."""

    meetings: dict[str, Meeting] = field(default_factory=dict)
    directory: Directory = field(default_factory=Directory)
    papers: dict[str, bytes] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    seals: list[Seal] = field(default_factory=list)
    exchange: dict[str, str] = field(default_factory=dict)
    approved: dict[tuple[str, int, str], ApprovedDocument] = field(default_factory=dict)
    record_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def _locked() -> errors.MinutesLocked:
    return errors.MinutesLocked("These minutes are approved and cannot be changed.")


def _missing(meeting_id: str) -> errors.NotFound:
    return errors.NotFound(f"There is no meeting with id {meeting_id!r} in the record.")


class FakeMeetingRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    @property
    def _meetings(self) -> dict[str, Meeting]:
        return self.uow.store.meetings

    def get(self, meeting_id: str) -> Meeting:
        if meeting_id not in self._meetings:
            raise _missing(meeting_id)
        return copy.deepcopy(self._meetings[meeting_id])

    def exists(self, meeting_id: str) -> bool:
        return meeting_id in self._meetings

    def ids_with_versions(self) -> set[str]:
        return {m.id for m in self._meetings.values() if m.versions}

    def add(self, meeting: Meeting) -> None:
        if meeting.id in self._meetings:
            raise errors.InvalidInput(f"A meeting with id {meeting.id!r} is already in the record.")
        _refuse_duplicates(meeting)
        meeting.number_items()
        self._meetings[meeting.id] = copy.deepcopy(meeting)

    def save(self, meeting: Meeting, allow_approved: bool = False) -> None:
        stored = self._meetings.get(meeting.id)
        if stored is None:
            raise _missing(meeting.id)
        if stored.status == MinutesStatus.APPROVED and not allow_approved:
            raise _locked()
        if stored.lock_version != meeting.lock_version:
            raise errors.ConcurrentEdit("Someone else saved this meeting after you opened it.")
        _refuse_duplicates(meeting)
        meeting.number_items()
        old = meeting.lock_version
        meeting.lock_version = old + 1
        self.uow._undo.append(lambda: setattr(meeting, "lock_version", old))
        self._meetings[meeting.id] = copy.deepcopy(meeting)

    def delete(self, meeting_id: str, allow_approved: bool = False) -> None:
        stored = self._meetings.get(meeting_id)
        if stored is None:
            raise _missing(meeting_id)
        if stored.is_approved and not allow_approved:
            raise _locked()
        del self._meetings[meeting_id]

    def set_discussion(self, meeting_id: str, item_id: str, discussion: str,
                       expected_version: int | None = None) -> int | None:
        stored = self._meetings.get(meeting_id)
        if stored is None:
            raise _missing(meeting_id)
        if stored.is_approved:
            raise _locked()
        try:
            stored.item(item_id).discussion = discussion
        except KeyError:
            raise errors.NotFound(f"This meeting has no agenda item with id {item_id!r}.") from None
        current = stored.lock_version == expected_version
        stored.lock_version += 1
        return stored.lock_version if current else None

    def summaries(self, body_id=None, kind=None, year=None, ids=None, *, id_prefix=None,
                  dates=None) -> list[MeetingSummary]:
        wanted = set(ids) if ids is not None else None
        bodies = self.uow.store.directory.bodies
        rows = [
            MeetingSummary(
                id=m.id, body_id=m.body_id,
                body_name=bodies[m.body_id].name if m.body_id in bodies else m.body_id,
                date=m.date, kind=m.kind, title=m.title, venue=m.venue, status=m.status,
                item_count=len(m.items), lock_version=m.lock_version,
            )
            for m in self._meetings.values()
            if (body_id is None or m.body_id == body_id)
            and (kind is None or m.kind == MeetingKind(kind))
            and (year is None or m.date.year == year)
            and (wanted is None or m.id in wanted)
            and (id_prefix is None or m.id.startswith(id_prefix))
            and (dates is None or dates[0] <= m.date <= dates[1])
        ]
        return sorted(rows, key=lambda s: (s.date, s.id), reverse=True)

    def action_log(self, statuses=None, body_id=None, owner_id=None) -> list[ActionEntry]:
        wanted = {ActionStatus(s) for s in statuses} if statuses is not None else None
        bodies = self.uow.store.directory.bodies
        out = []
        for m in sorted(self._meetings.values(), key=lambda m: (m.date, m.id)):
            if body_id is not None and m.body_id != body_id:
                continue
            titles = {it.id: it.title for it in m.items}
            for a in m.actions:
                if (wanted is None or a.status in wanted) and (owner_id is None or a.owner_id == owner_id):
                    out.append(ActionEntry(
                        meeting_id=m.id, meeting_date=m.date, body_id=m.body_id,
                        body_name=bodies[m.body_id].name if m.body_id in bodies else m.body_id,
                        item_title=titles.get(a.item_id, ""), action=copy.deepcopy(a),
                    ))
        return out


def _refuse_duplicates(m: Meeting) -> None:
    """As storage does: duplicated ids, votes or participants are refused."""
    groups = [
        [it.id for it in m.items], [a.id for a in m.attendance], [a.id for a in m.actions],
        [v.version for v in m.versions],
        [p.id for it in m.items for p in it.papers],
        [d.id for it in m.items for d in it.declarations],
        [d.id for it in m.items for d in it.decisions],
    ]
    for it in m.items:
        groups.append([(o.body_id, o.role) for o in it.organisations])
        for d in it.decisions:
            groups += [[v.person_id for v in d.votes], list(d.participants)]
    for g in groups:
        if len(g) != len(set(g)):
            raise errors.InvalidInput("This meeting was not saved: something is listed twice.")


class FakeDirectoryRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    @property
    def _d(self) -> Directory:
        return self.uow.store.directory

    def load(self) -> Directory:
        return copy.deepcopy(self._d)

    def save_body(self, body) -> None:
        self._d.bodies[body.id] = copy.deepcopy(body)

    def save_person(self, person) -> None:
        self._d.people[person.id] = copy.deepcopy(person)

    def _save_in(self, items: list, obj) -> None:
        for n, old in enumerate(items):
            if old.id == obj.id:
                items[n] = copy.deepcopy(obj)
                return
        items.append(copy.deepcopy(obj))

    def save_membership(self, membership) -> None:
        self._save_in(self._d.memberships, membership)

    def save_interest(self, interest) -> None:
        self._save_in(self._d.interests, interest)

    def save_gift(self, gift) -> None:
        self._save_in(self._d.gifts, gift)

    def save_all(self, directory: Directory) -> None:
        for b in directory.bodies.values():
            self.save_body(b)
        for p in directory.people.values():
            self.save_person(p)
        for m in directory.memberships:
            self.save_membership(m)
        for i in directory.interests:
            self.save_interest(i)
        for g in directory.gifts:
            self.save_gift(g)

    def _delete_key(self, mapping: dict, key: str, what: str) -> None:
        if key not in mapping:
            raise errors.NotFound(f"There is no {what} with id {key!r} in the record.")
        del mapping[key]

    def _delete_in(self, items: list, key: str, what: str) -> None:
        for n, old in enumerate(items):
            if old.id == key:
                del items[n]
                return
        raise errors.NotFound(f"There is no {what} with id {key!r} in the record.")

    def delete_body(self, body_id: str) -> None:
        self._delete_key(self._d.bodies, body_id, "body")

    def delete_person(self, person_id: str) -> None:
        self._delete_key(self._d.people, person_id, "person")

    def delete_membership(self, membership_id: str) -> None:
        self._delete_in(self._d.memberships, membership_id, "membership")

    def delete_interest(self, interest_id: str) -> None:
        self._delete_in(self._d.interests, interest_id, "register entry")

    def delete_gift(self, gift_id: str) -> None:
        self._delete_in(self._d.gifts, gift_id, "gift or hospitality entry")


class FakePaperRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        self.uow.store.papers[sha] = bytes(data)
        return sha

    def has(self, sha256: str) -> bool:
        return sha256 in self.uow.store.papers

    def get(self, sha256: str) -> bytes:
        try:
            return self.uow.store.papers[sha256]
        except KeyError:
            raise errors.NotFound("The file for this paper is not in the record.") from None


class FakeSearchRepository:
    """Word-prefix matching over the same fields as the FTS5 index."""

    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def query(self, user_text: str, limit: int = 50) -> list[SearchHit]:
        wanted = [w.lower() for w in re.findall(r"\w+", user_text or "")]
        if not wanted:
            return []
        bodies = self.uow.store.directory.bodies
        hits = []
        for m in sorted(self.uow.store.meetings.values(), key=lambda m: m.date, reverse=True):
            for it in m.items:
                text = " ".join([it.title, it.discussion, *(d.resolution for d in it.decisions)])
                found = [w.lower() for w in re.findall(r"\w+", text)]
                if all(any(f.startswith(w) for f in found) for w in wanted):
                    hits.append(SearchHit(
                        meeting_id=m.id, item_id=it.id, meeting_date=m.date,
                        body_name=bodies[m.body_id].name if m.body_id in bodies else m.body_id,
                        item_title=it.title, snippet=text[:120],
                    ))
        return hits[:limit]


class FakeAuditRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def append(self, entity, entity_id, action, summary, user=None, *, at=None,
               prev_hash="", hash="") -> AuditEntry:
        entry = AuditEntry(
            id=len(self.uow.store.audit) + 1, at=at or datetime.now(timezone.utc),
            user=user or "", entity=entity, entity_id=entity_id, action=action,
            summary=summary, prev_hash=prev_hash, hash=hash,
        )
        self.uow.store.audit.append(entry)
        return entry

    def entries(self, entity=None, entity_id=None) -> list[AuditEntry]:
        return [
            e for e in self.uow.store.audit
            if (entity is None or e.entity == entity) and (entity_id is None or e.entity_id == entity_id)
        ]

    def last(self) -> AuditEntry | None:
        return self.uow.store.audit[-1] if self.uow.store.audit else None


class FakeSealRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def all(self) -> list[Seal]:
        return list(self.uow.store.seals)

    def last_hash(self) -> str | None:
        return self.uow.store.seals[-1].record_hash if self.uow.store.seals else None

    def has(self, meeting_id: str, version: int) -> bool:
        return any(s.meeting_id == meeting_id and s.version == version for s in self.uow.store.seals)

    def add(self, *, meeting_id: str, version: int, fingerprint: str, approved_at: str,
            prev_hash: str, record_hash: str, sealed_by: str = "") -> Seal:
        if self.has(meeting_id, version):  # the table's unique constraint: a bug in the caller
            raise ValueError(f"version {version} of meeting {meeting_id!r} is sealed already")
        seal = Seal(
            seq=len(self.uow.store.seals) + 1, meeting_id=meeting_id, version=version,
            fingerprint=fingerprint, approved_at=approved_at, prev_hash=prev_hash,
            record_hash=record_hash, sealed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            sealed_by=sealed_by,
        )
        self.uow.store.seals.append(seal)
        return seal


class FakeExchangeStateRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def bases(self, keys: Iterable[str]) -> dict[str, str]:
        known = self.uow.store.exchange
        return {k: known[k] for k in keys if k in known}

    def remember(self, bases: Mapping[str, str]) -> None:
        self.uow.store.exchange.update(bases)


class FakeApprovedDocumentRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def put(self, document: ApprovedDocument) -> None:
        if document.variant not in DOCUMENT_VARIANTS:
            raise ValueError(f"unknown document variant {document.variant!r}")
        self.uow.store.approved[(document.meeting_id, document.version, document.variant)] = document

    def get(self, meeting_id: str, version: int, variant: str = "full") -> ApprovedDocument:
        try:
            return self.uow.store.approved[(meeting_id, version, variant)]
        except KeyError:
            raise errors.NotFound(
                f"The record keeps no frozen {variant} copy of version {version} of these minutes.") from None

    def has(self, meeting_id: str, version: int, variant: str = "full") -> bool:
        return (meeting_id, version, variant) in self.uow.store.approved

    def keys(self, meeting_id: str | None = None, *, unsigned: bool = False) -> list[tuple[str, int, str]]:
        return sorted(k for k, d in self.uow.store.approved.items()
                      if (meeting_id is None or k[0] == meeting_id) and (not unsigned or not d.pdf))

    def unfrozen(self) -> list[tuple[str, int]]:
        return sorted((m.id, v.version) for m in self.uow.store.meetings.values() for v in m.versions
                      if not v.signature and (m.id, v.version, "full") not in self.uow.store.approved)


class FakeRecordMetaRepository:
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        self.uow = uow

    def record_id(self) -> str:
        return self.uow.store.record_id


class FakeUnitOfWork:
    meetings: FakeMeetingRepository
    directory: FakeDirectoryRepository
    papers: FakePaperRepository
    search: FakeSearchRepository
    audit: FakeAuditRepository
    seals: FakeSealRepository
    exchange: FakeExchangeStateRepository
    approved: FakeApprovedDocumentRepository
    meta: FakeRecordMetaRepository

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store if store is not None else FakeStore()
        self.committed = False  # True once any commit happened (for assertions)
        self.commits = 0
        self._depth = 0
        self._undo: list = []
        self.meetings = FakeMeetingRepository(self)
        self.directory = FakeDirectoryRepository(self)
        self.papers = FakePaperRepository(self)
        self.search = FakeSearchRepository(self)
        self.audit = FakeAuditRepository(self)
        self.seals = FakeSealRepository(self)
        self.exchange = FakeExchangeStateRepository(self)
        self.approved = FakeApprovedDocumentRepository(self)
        self.meta = FakeRecordMetaRepository(self)

    def __enter__(self) -> "FakeUnitOfWork":
        self._depth += 1
        if self._depth == 1:
            self._snapshot = copy.deepcopy(self.store.__dict__)
            self._undo = []
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.rollback()

    def commit(self) -> None:
        self._snapshot = copy.deepcopy(self.store.__dict__)
        self._undo.clear()
        self.committed = True
        self.commits += 1

    def rollback(self) -> None:
        self.store.__dict__.update(copy.deepcopy(self._snapshot))
        while self._undo:
            self._undo.pop()()


def uow_with(directory: Directory, *meetings: Meeting) -> FakeUnitOfWork:
    """A fake record holding ``directory`` and ``meetings`` (copies), nothing committed yet."""
    return FakeUnitOfWork(FakeStore(
        meetings={m.id: copy.deepcopy(m) for m in meetings}, directory=copy.deepcopy(directory)))
