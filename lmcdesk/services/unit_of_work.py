"""What services need from the record: the ``UnitOfWork`` protocol.

Every service function takes a unit of work as its first argument and uses
only what is named here.  Two classes implement it:
``lmcdesk.storage.SqlAlchemyUnitOfWork`` (the database) and
``tests/unit/fakes.FakeUnitOfWork`` (in memory, for service tests);
``tests/unit/test_unit_of_work.py`` checks that both have every method below
with compatible parameters, and ``tests/integration/test_storage_contract.py``
runs the same scenarios on both.  A service never asks which one it was given.

    with uow:                       # joins the caller's transaction if one is open
        meeting = uow.meetings.get(meeting_id)
        ...
        uow.commit()                # leaving the block without commit() rolls back

The protocols are structural (``typing.Protocol``): storage does not import
this module, it only has to fit it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping, Protocol

if TYPE_CHECKING:
    from datetime import date, datetime
    from types import TracebackType
    from typing import Self

    from lmcdesk.domain.enums import ActionStatus, MeetingKind
    from lmcdesk.domain.model import Body, Directory, GiftOffer, Interest, Meeting, Membership, Person
    from lmcdesk.domain.records import ActionEntry, ApprovedDocument, AuditEntry, MeetingSummary, SearchHit, Seal

__all__ = [
    "ApprovedDocumentRepository",
    "AuditRepository",
    "DirectoryRepository",
    "ExchangeStateRepository",
    "MeetingRepository",
    "PaperRepository",
    "RecordMetaRepository",
    "SealRepository",
    "SearchRepository",
    "UnitOfWork",
]


class MeetingRepository(Protocol):
    """Meetings as whole aggregates, copied in and out: changing a loaded
    meeting changes nothing until it is saved."""

    def get(self, meeting_id: str) -> Meeting:
        """The meeting; ``NotFound`` if there is none."""
        ...

    def exists(self, meeting_id: str) -> bool: ...

    def ids_with_versions(self) -> set[str]:
        """Ids of meetings with at least one approved version."""
        ...

    def summaries(self, body_id: str | None = None, kind: MeetingKind | str | None = None,
                  year: int | None = None, ids: Iterable[str] | None = None, *,
                  id_prefix: str | None = None, dates: tuple[date, date] | None = None) -> list[MeetingSummary]:
        """Meeting list lines, newest first; ``id_prefix``: ids starting so
        (case as given); ``dates``: held from the first to the last day given."""
        ...

    def action_log(self, statuses: Iterable[ActionStatus | str] | None = None,
                   body_id: str | None = None, owner_id: str | None = None) -> list[ActionEntry]:
        """Actions across meetings, oldest meeting first."""
        ...

    def add(self, meeting: Meeting) -> None:
        """Store a new meeting (items numbered); ``InvalidInput`` if its id is taken."""
        ...

    def save(self, meeting: Meeting, allow_approved: bool = False) -> None:
        """Store the meeting and bump its ``lock_version`` (undone on rollback).
        ``ConcurrentEdit`` if it was saved since it was loaded, ``MinutesLocked``
        if it is approved and ``allow_approved`` is not given."""
        ...

    def delete(self, meeting_id: str, allow_approved: bool = False) -> None: ...

    def set_discussion(self, meeting_id: str, item_id: str, discussion: str,
                       expected_version: int | None = None) -> int | None:
        """Write one item's minutes text; the new ``lock_version`` if the
        caller's copy was current, else ``None``."""
        ...


class DirectoryRepository(Protocol):
    """Bodies, people, memberships, register of interests, gifts."""

    def load(self) -> Directory: ...

    def save_body(self, body: Body) -> None: ...

    def save_person(self, person: Person) -> None: ...

    def save_membership(self, membership: Membership) -> None: ...

    def save_interest(self, interest: Interest) -> None: ...

    def save_gift(self, gift: GiftOffer) -> None: ...

    def save_all(self, directory: Directory) -> None:
        """Add or update every entry of ``directory``; deletes nothing."""
        ...

    def delete_body(self, body_id: str) -> None: ...

    def delete_person(self, person_id: str) -> None: ...

    def delete_membership(self, membership_id: str) -> None: ...

    def delete_interest(self, interest_id: str) -> None: ...

    def delete_gift(self, gift_id: str) -> None: ...


class PaperRepository(Protocol):
    """Paper files by content (SHA-256), each stored once."""

    def put(self, data: bytes) -> str:
        """Store the bytes; their SHA-256."""
        ...

    def has(self, sha256: str) -> bool: ...

    def get(self, sha256: str) -> bytes:
        """The bytes; ``NotFound`` if they are not in the record."""
        ...


class SearchRepository(Protocol):
    def query(self, user_text: str, limit: int = 50) -> list[SearchHit]:
        """Agenda items whose title, minutes text or decisions hold every word
        (as a word prefix), newest meeting first."""
        ...


class AuditRepository(Protocol):
    """The append-only change log; ``lmcdesk.services.audit`` chains its lines."""

    def append(self, entity: str, entity_id: str, action: str, summary: str,
               user: str | None = None, *, at: datetime | None = None,
               prev_hash: str = "", hash: str = "") -> AuditEntry: ...

    def entries(self, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
        """Lines, oldest first."""
        ...

    def last(self) -> AuditEntry | None:
        """The newest line (the head of the chain)."""
        ...


class SealRepository(Protocol):
    """The hash chain over approved minutes versions; ``lmcdesk.services.audit``
    computes and checks the hashes."""

    def all(self) -> list[Seal]:
        """Every seal, oldest first."""
        ...

    def last_hash(self) -> str | None:
        """The newest seal's ``record_hash``; ``None`` before the first."""
        ...

    def has(self, meeting_id: str, version: int) -> bool: ...

    def add(self, *, meeting_id: str, version: int, fingerprint: str, approved_at: str,
            prev_hash: str, record_hash: str, sealed_by: str = "") -> Seal: ...


class ExchangeStateRepository(Protocol):
    """Per meeting id or directory key (``lmcdesk.exchange.merge.directory_key``),
    the content hash two PCs last agreed on: the base of a pack's three-way merge."""

    def bases(self, keys: Iterable[str]) -> dict[str, str]:
        """The remembered hash of each key that has one."""
        ...

    def remember(self, bases: Mapping[str, str]) -> None: ...


class ApprovedDocumentRepository(Protocol):
    """The frozen documents of approved versions (full and public), each with
    its fingerprint and signed PDF; read one at a time, never with a meeting."""

    def put(self, document: ApprovedDocument) -> None:
        """Store it, or replace the stored one of the same meeting, version and
        variant (minutes frozen on upgrade get their signed PDF later)."""
        ...

    def get(self, meeting_id: str, version: int, variant: str = "full") -> ApprovedDocument:
        """The stored document; ``NotFound`` if there is none."""
        ...

    def has(self, meeting_id: str, version: int, variant: str = "full") -> bool: ...

    def keys(self, meeting_id: str | None = None, *, unsigned: bool = False) -> list[tuple[str, int, str]]:
        """(meeting id, version, variant) of every stored document (of one
        meeting; ``unsigned``: only those without a signed PDF yet), in that order."""
        ...

    def unfrozen(self) -> list[tuple[str, int]]:
        """(meeting id, version) of approved versions with neither a frozen
        document nor a signature: approved before approvals were frozen."""
        ...


class RecordMetaRepository(Protocol):
    """Facts about the record itself."""

    def record_id(self) -> str:
        """The record's id, made once; it names the record's key store."""
        ...


class UnitOfWork(Protocol):
    """One transaction over the record and the repositories in it."""

    meetings: MeetingRepository
    directory: DirectoryRepository
    papers: PaperRepository
    search: SearchRepository
    audit: AuditRepository
    seals: SealRepository
    exchange: ExchangeStateRepository
    approved: ApprovedDocumentRepository
    meta: RecordMetaRepository

    def __enter__(self) -> Self:
        """Begin (or, nested, join the open) transaction."""
        ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Roll back whatever was not committed (outermost block only)."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
