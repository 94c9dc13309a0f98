"""Meeting use cases: list, open, create, save, delete, autosave an item.

Each function takes a unit of work first, enters it (joining the caller's
transaction if the caller already has) and commits when it writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lmcdesk.domain.enums import MeetingKind
from lmcdesk.domain.model import Meeting
from lmcdesk.errors import InvalidInput, MinutesLocked

from . import audit
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


def create_meeting(uow: UnitOfWork, meeting: Meeting) -> Meeting:
    with uow:
        uow.meetings.add(meeting)
        audit.record(uow, "meeting", meeting.id, "created", f"meeting of {meeting.date.isoformat()}")
        uow.commit()
    return meeting


def save_meeting(uow: UnitOfWork, meeting: Meeting, allow_approved: bool = False) -> Meeting:
    """Save the whole meeting; on success its ``lock_version`` is the stored one."""
    with uow:
        uow.meetings.save(meeting, allow_approved=allow_approved)
        audit.record(uow, "meeting", meeting.id, "saved", f"saved as version {meeting.lock_version}")
        uow.commit()
    return meeting


def delete_meeting(uow: UnitOfWork, meeting_id: str) -> None:
    """Delete a draft meeting.  Approved minutes are a record and stay."""
    with uow:
        uow.meetings.delete(meeting_id)
        audit.record(uow, "meeting", meeting_id, "deleted", "draft meeting deleted")
        uow.commit()


def autosave_item(uow: UnitOfWork, meeting_id: str, item_id: str, discussion: str,
                  expected_version: int | None = None) -> int | None:
    """Write one item's minutes text now (live minute-taking, every second or
    so): one UPDATE and one search-index refresh, not a whole-meeting save.
    Refuses approved minutes (``MinutesLocked``).

    The meeting's ``lock_version`` goes up, so a stale whole save elsewhere is
    refused rather than overwriting this text.  Returns the new version when
    ``expected_version`` was current (adopt it for the next whole save), else
    ``None`` (someone else saved the meeting meanwhile: the text is kept, and
    the caller's next whole save will be refused with ``ConcurrentEdit``)."""
    with uow:
        version = uow.meetings.set_discussion(meeting_id, item_id, discussion, expected_version)
        uow.commit()
    return version


__all__ = [
    "list_meetings", "get_meeting", "create_meeting", "save_meeting", "delete_meeting",
    "autosave_item", "MinutesLocked",
]
