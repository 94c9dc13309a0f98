"""What the windows ask of the record, as worker-thread functions of a unit of work.

Each function calls the service layer and turns its plain results into the
immutable rows the Qt models show; nothing here touches a widget, so every
function can run through ``operations.run``.  This is the one place where the
UI meets ``lmcdesk.services``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from lmcdesk.domain.enums import MembershipRole
from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.ui.models.directory import ActionRow, BodyRow, GiftRow, InterestRow, PersonRow
from lmcdesk.ui.models.meetings import MeetingRow
from lmcdesk.vocabulary import words


@dataclass(frozen=True)
class Overview:
    directory: Directory
    meetings: list[MeetingRow]
    bodies: list[tuple[str, str]]  # meeting bodies (id, name) for the filter
    people: list[PersonRow] = field(default_factory=list)
    body_rows: list[BodyRow] = field(default_factory=list)
    interests: list[InterestRow] = field(default_factory=list)
    gifts: list[GiftRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)


def _meeting_rows(uow, directory: Directory) -> list[MeetingRow]:
    from lmcdesk.services import meetings as meeting_service

    summaries = meeting_service.list_meetings(uow)
    rows = []
    for s in summaries:
        body_name = getattr(s, "body_name", "") or directory.body_name(s.body_id)
        rows.append(
            MeetingRow(
                id=s.id,
                date=s.date,
                body_id=s.body_id,
                body_name=body_name,
                kind=str(s.kind),
                title=s.title or "",
                status=str(s.status),
                items=int(getattr(s, "item_count", 0) or 0),
            )
        )
    return rows


def _people_rows(directory: Directory, today: date) -> list[PersonRow]:
    roles: dict[str, list[str]] = {}
    for m in directory.memberships:
        if m.active_on(today):
            role = words(MembershipRole(m.role))
            roles.setdefault(m.person_id, []).append(f"{role}, {directory.body_name(m.body_id)}")
    counts: dict[str, int] = {}
    for i in directory.interests:
        if not i.nil_return:
            counts[i.person_id] = counts.get(i.person_id, 0) + 1
    return sorted(
        (
            PersonRow(p.id, p.name, p.email, "; ".join(roles.get(p.id, [])), counts.get(p.id, 0), p.active)
            for p in directory.people.values()
        ),
        key=lambda r: r.name,
    )


def _body_rows(directory: Directory, today: date) -> list[BodyRow]:
    return sorted(
        (
            BodyRow(
                b.id,
                b.name,
                str(b.type),
                directory.body_name(b.parent_id),
                len({m.person_id for m in directory.voting_members(b.id, today)}),
            )
            for b in directory.bodies.values()
        ),
        key=lambda r: r.name,
    )


def _interest_rows(directory: Directory) -> list[InterestRow]:
    return sorted(
        (
            InterestRow(
                i.id,
                i.person_id,
                directory.person_name(i.person_id),
                str(i.type),
                i.organisation_name or directory.body_name(i.organisation_id),
                i.description,
                i.valid_from,
                i.valid_to,
                i.declared_on,
                i.nil_return,
            )
            for i in directory.interests
        ),
        key=lambda r: (r.person, r.organisation),
    )


def _gift_rows(directory: Directory) -> list[GiftRow]:
    """Newest first: the page is for recording what was just offered."""
    return sorted(
        (
            GiftRow(
                g.id,
                g.person_id,
                directory.person_name(g.person_id),
                g.offered_by or directory.body_name(g.body_id),
                g.description,
                g.value_pence,
                g.offered_on,
                g.accepted,
                g.declared_on,
                g.notes,
            )
            for g in directory.gifts
        ),
        key=lambda r: (r.offered_on, r.id),
        reverse=True,
    )


def _action_rows(uow, directory: Directory) -> list[ActionRow]:
    from lmcdesk.services.actions import action_log

    rows = []
    for entry in action_log(uow, outstanding_only=False):
        a = entry.action
        rows.append(
            ActionRow(
                id=a.id,
                meeting_id=entry.meeting_id,
                meeting=f"{entry.meeting_date:%d %b %Y} {entry.body_name}",
                meeting_date=entry.meeting_date,
                description=a.description,
                owner=directory.person_name(a.owner_id),
                due=a.due,
                status=str(a.status),
            )
        )
    return rows


def load_overview(uow, today: date | None = None) -> Overview:
    today = today or date.today()
    from lmcdesk.services.directory import get_directory

    directory = get_directory(uow)
    meetings = _meeting_rows(uow, directory)
    meeting_bodies = {m.body_id for m in meetings}
    bodies = sorted(
        ((b.id, b.name) for b in directory.bodies.values() if b.id in meeting_bodies), key=lambda b: b[1]
    )
    return Overview(
        directory=directory,
        meetings=meetings,
        bodies=bodies,
        people=_people_rows(directory, today),
        body_rows=_body_rows(directory, today),
        interests=_interest_rows(directory),
        gifts=_gift_rows(directory),
        actions=_action_rows(uow, directory),
    )


def search_meeting_ids(uow, text: str) -> list[str]:
    from lmcdesk.services import search as search_service

    hits = search_service.search(uow, text, limit=500)
    return list(dict.fromkeys(h.meeting_id for h in hits))


@dataclass(frozen=True)
class MeetingBundle:
    meeting: Meeting
    directory: Directory


def load_meeting(uow, meeting_id: str) -> MeetingBundle:
    from lmcdesk.services.directory import get_directory
    from lmcdesk.services.meetings import get_meeting

    return MeetingBundle(get_meeting(uow, meeting_id), get_directory(uow))


def save_meeting(uow, meeting: Meeting) -> int:
    """Save the whole meeting; returns the new ``lock_version``."""
    from lmcdesk.services import meetings

    return meetings.save_meeting(uow, copy.deepcopy(meeting)).lock_version


def create_demo(uow) -> list[str]:
    from lmcdesk.services.demo import create_demo as build

    return build(uow).meeting_ids


def add_meeting(uow, meeting: Meeting) -> str:
    from lmcdesk.services.meetings import create_meeting

    return create_meeting(uow, copy.deepcopy(meeting)).created_id


def autosave_discussion(uow, meeting_id: str, item_id: str, discussion: str,
                        expected_version: int | None = None) -> int | None:
    """Live minutes: one item's text.  The stored lock version goes up; the
    new one is returned when ``expected_version`` was current, else ``None``."""
    from lmcdesk.services.meetings import autosave_item

    return autosave_item(uow, meeting_id, item_id, discussion, expected_version).lock_version
