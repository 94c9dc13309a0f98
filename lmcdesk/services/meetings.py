"""Meeting use cases: list, open, create, save, delete, autosave an item.

Each function takes a unit of work first, enters it (joining the caller's
transaction if the caller already has) and commits when it writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lmcdesk.domain.enums import MeetingKind
from lmcdesk.domain.model import Meeting
from lmcdesk.errors import InvalidInput, MinutesLocked

from . import audit
from .changes import Changes
from .dto import MeetingSummary

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork


def list_meetings(uow: UnitOfWork, body_id: str | None = None, kind: MeetingKind | str | None = None,
                  year: int | None = None, text: str | None = None) -> list[MeetingSummary]:
    """Meetings newest first; ``text`` keeps those with an item matching it
    (full-text search over titles, minutes text and resolutions)."""
    if kind is not None:
        try:
            kind = MeetingKind(kind)
        except ValueError:
            raise InvalidInput(
                f"there is no meeting kind {kind!r}; use one of "
                + ", ".join(k.value for k in MeetingKind),
                field="kind",
            ) from None
    with uow:
        ids = None
        if text and text.strip():
            ids = list(dict.fromkeys(h.meeting_id for h in uow.search.query(text, limit=1000)))
            if not ids:
                return []
        return uow.meetings.summaries(body_id=body_id, kind=kind, year=year, ids=ids)


def get_meeting(uow: UnitOfWork, meeting_id: str) -> Meeting:
    with uow:
        return uow.meetings.get(meeting_id)


def summaries(uow: UnitOfWork, ids: Iterable[str]) -> list[MeetingSummary]:
    """The meeting list's rows for just these meetings (``Changes.meetings``
    after a write): a meeting no longer in the record has no row."""
    ids = list(ids)
    if not ids:
        return []
    with uow:
        return uow.meetings.summaries(ids=ids)


def create_meeting(uow: UnitOfWork, meeting: Meeting) -> Changes:
    """Add a new meeting (its items numbered: the caller's copy is too)."""
    with uow:
        uow.meetings.add(meeting)
        audit.record(uow, "meeting", meeting.id, "created", f"meeting of {meeting.date.isoformat()}")
        uow.commit()
    return Changes(meeting_list=True, meetings={meeting.id}, created_id=meeting.id,
                   lock_version=meeting.lock_version, actions=bool(meeting.actions))


def save_meeting(uow: UnitOfWork, meeting: Meeting, allow_approved: bool = False) -> Changes:
    """Save the whole meeting; on success its ``lock_version`` is the stored one
    (in the caller's copy and in the Changes).

    The Changes do not say ``actions``: whether this save changed the
    meeting's actions is known to the caller (who holds the copy it started
    from), not here, short of reading the stored meeting back; a caller that
    changed them adds ``Changes(actions=True)``."""
    with uow:
        uow.meetings.save(meeting, allow_approved=allow_approved)
        audit.record(uow, "meeting", meeting.id, "saved", f"saved as version {meeting.lock_version}")
        uow.commit()
    return Changes(meetings={meeting.id}, lock_version=meeting.lock_version)


def delete_meeting(uow: UnitOfWork, meeting_id: str) -> Changes:
    """Delete a draft meeting.  Approved minutes are a record and stay.
    Its actions leave the action log with it."""
    with uow:
        uow.meetings.delete(meeting_id)
        audit.record(uow, "meeting", meeting_id, "deleted", "draft meeting deleted")
        uow.commit()
    return Changes(meeting_list=True, meetings={meeting_id}, actions=True)


def autosave_item(uow: UnitOfWork, meeting_id: str, item_id: str, discussion: str,
                  expected_version: int | None = None) -> Changes:
    """Write one item's minutes text now (live minute-taking, every second or
    so): one UPDATE and one search-index refresh, not a whole-meeting save.
    Refuses approved minutes (``MinutesLocked``).

    The meeting's ``lock_version`` goes up, so a stale whole save elsewhere is
    refused rather than overwriting this text.  The Changes name the meeting
    and carry the new ``lock_version`` when ``expected_version`` was current
    (adopt it for the next whole save), else ``lock_version=None``: someone
    else saved the meeting meanwhile; the text is written all the same, and
    the caller's next whole save will be refused with ``ConcurrentEdit``."""
    with uow:
        version = uow.meetings.set_discussion(meeting_id, item_id, discussion, expected_version)
        uow.commit()
    return Changes(meetings={meeting_id}, lock_version=version)


__all__ = [
    "list_meetings", "get_meeting", "summaries", "create_meeting", "save_meeting", "delete_meeting",
    "autosave_item", "Changes", "MinutesLocked",
]
