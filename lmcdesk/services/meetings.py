"""Meeting use cases: list, open, create, save, delete, autosave an item.

Each function takes a unit of work first, enters it (joining the caller's
transaction if the caller already has) and commits when it writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lmcdesk.domain.enums import MeetingKind
from lmcdesk.domain.model import Meeting
from lmcdesk.errors import InvalidInput, MinutesLocked, NotFound

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


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_OR_MONTH = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def find_meeting(uow: UnitOfWork, reference: str) -> MeetingSummary:
    """The one meeting a person's ``reference`` names: its id, the unique start
    of an id, its date (YYYY-MM-DD) or a year or month (2026, 2026-03) with one
    meeting in it.  Each form is one targeted query.  Raises ``NotFound`` when
    none matches and ``InvalidInput`` (listing them) when several do."""
    text = reference.strip()
    with uow:
        if _DAY.match(text):
            exact = uow.meetings.summaries(ids=[text])
            if exact:
                return exact[0]
            try:
                day = date.fromisoformat(text)
            except ValueError:
                raise InvalidInput(f"{text} is not a real date.") from None
            found = uow.meetings.summaries(dates=(day, day))
            what = f"on {text}"
        else:
            found = uow.meetings.summaries(id_prefix=text)
            exact = [s for s in found if s.id == text]
            if exact:
                return exact[0]
            what = f"with an id starting {text!r}"
            period = _YEAR_OR_MONTH.match(text)
            if not found and period:
                what = f"in {text}"
                span = _period(period)
                found = uow.meetings.summaries(dates=span) if span else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"There is no meeting {what}.")
    listing = "\n".join("  " + summary_line(s) for s in found[:20])
    more = f"\n  ... and {len(found) - 20} more" if len(found) > 20 else ""
    raise InvalidInput(f"There are {len(found)} meetings {what}; give the id of one of them.", detail=listing + more)


def _period(match: re.Match) -> tuple[date, date] | None:
    """First and last day of the year or month matched (None: no such month)."""
    year, month = int(match[1]), match[2]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(month)
    if not 1 <= month <= 12:
        return None
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, 1), last


def summary_line(s: MeetingSummary) -> str:
    """One line naming a meeting: id, date, body and title."""
    title = f": {s.title}" if s.title and s.title != s.body_name else ""
    return f"{s.id}  {s.date.isoformat()}  {s.body_name}{title}"


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
    "list_meetings", "get_meeting", "find_meeting", "summary_line", "summaries", "create_meeting", "save_meeting",
    "delete_meeting", "autosave_item", "Changes", "MinutesLocked",
]
