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


def _meeting_rows(uow, directory: Directory, ids=None) -> list[MeetingRow]:
    """Every meeting's row, or (``ids``) the rows of those meetings still in the record."""
    from lmcdesk.services import meetings as meeting_service

    summaries = meeting_service.list_meetings(uow) if ids is None else meeting_service.summaries(uow, ids)
    return [
        MeetingRow(
            id=s.id,
            date=s.date,
            body_id=s.body_id,
            body_name=s.body_name or directory.body_name(s.body_id),
            kind=str(s.kind),
            title=s.title or "",
            status=str(s.status),
            items=s.item_count,
        )
        for s in summaries
    ]


def _meeting_bodies(directory: Directory, meetings: list[MeetingRow]) -> list[tuple[str, str]]:
    """The bodies that have meetings (id, name), for the list's filter."""
    have = {m.body_id for m in meetings}
    return sorted(((b.id, b.name) for b in directory.bodies.values() if b.id in have), key=lambda b: b[1])


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


def _action_meeting(day: date, body_name: str) -> str:
    return f"{day:%d %b %Y} {body_name}"


def _action_rows(uow, directory: Directory) -> list[ActionRow]:
    from lmcdesk.services.actions import action_log

    rows = []
    for entry in action_log(uow, outstanding_only=False):
        a = entry.action
        rows.append(
            ActionRow(
                id=a.id,
                meeting_id=entry.meeting_id,
                meeting=_action_meeting(entry.meeting_date, entry.body_name),
                meeting_date=entry.meeting_date,
                description=a.description,
                owner=directory.person_name(a.owner_id),
                due=a.due,
                status=str(a.status),
                owner_id=a.owner_id,
                body_id=entry.body_id,
            )
        )
    return rows


def load_overview(uow, today: date | None = None) -> Overview:
    today = today or date.today()
    from lmcdesk.services.directory import get_directory

    directory = get_directory(uow)
    meetings = _meeting_rows(uow, directory)
    return Overview(
        directory=directory,
        meetings=meetings,
        bodies=_meeting_bodies(directory, meetings),
        people=_people_rows(directory, today),
        body_rows=_body_rows(directory, today),
        interests=_interest_rows(directory),
        gifts=_gift_rows(directory),
        actions=_action_rows(uow, directory),
    )


#: Which directory pages show which parts of the directory (a person's row
#: names their roles and counts their interests; a body's counts its voting members).
PAGE_PARTS = {
    "people": {"people", "memberships", "interests", "bodies"},
    "body_rows": {"bodies", "memberships"},
    "interests": {"interests", "people", "bodies"},
    "gifts": {"gifts", "people", "bodies"},
}


@dataclass(frozen=True)
class Update:
    """What the pages show that a write changed, read in one go on the worker.

    ``parts``: the ``Overview`` fields read again (the directory, the rows
    of a directory page, the whole meeting list, the action log).
    ``meeting_rows``: when the list is not read whole, the rows of the
    meetings that changed, by id (``None``: no longer in the record)."""

    changes: Changes
    parts: dict = field(default_factory=dict)
    meeting_rows: dict[str, MeetingRow | None] = field(default_factory=dict)

    def applied_to(self, overview: Overview) -> Overview:
        """``overview`` with what this update read put in, and the names in
        the meeting list and the action log as the directory now has them."""
        from dataclasses import replace

        parts = dict(self.parts)
        directory = parts.get("directory", overview.directory)
        if "meetings" not in parts:
            shown = {r.id: r for r in overview.meetings}
            if "bodies" in self.changes.directory:
                shown = {i: replace(r, body_name=directory.body_name(r.body_id)) for i, r in shown.items()}
            shown.update(self.meeting_rows)
            parts["meetings"] = [r for r in shown.values() if r is not None]
            parts["bodies"] = _meeting_bodies(directory, parts["meetings"])
        if "actions" not in parts and self.changes.directory & {"people", "bodies"}:
            parts["actions"] = [
                replace(a, owner=directory.person_name(a.owner_id),
                        meeting=_action_meeting(a.meeting_date, directory.body_name(a.body_id)))
                for a in overview.actions
            ]
        return replace(overview, **parts)


def load_update(uow, changes: Changes, directory: Directory, today: date | None = None) -> Update:
    """Read what ``changes`` says changed, and nothing else (``directory``:
    the one shown, for names when the directory did not change)."""
    today = today or date.today()
    parts: dict = {}
    if changes.directory:
        from lmcdesk.services.directory import get_directory

        directory = parts["directory"] = get_directory(uow)
        build = {"people": lambda: _people_rows(directory, today), "body_rows": lambda: _body_rows(directory, today),
                 "interests": lambda: _interest_rows(directory), "gifts": lambda: _gift_rows(directory)}
        for page, shows in PAGE_PARTS.items():
            if changes.directory & shows:
                parts[page] = build[page]()
    rows: dict[str, MeetingRow | None] = {}
    if changes.meeting_list:  # a meeting added or gone: the list is read whole
        parts["meetings"] = _meeting_rows(uow, directory)
        parts["bodies"] = _meeting_bodies(directory, parts["meetings"])
    elif changes.meetings:
        found = {r.id: r for r in _meeting_rows(uow, directory, ids=sorted(changes.meetings))}
        rows = {meeting_id: found.get(meeting_id) for meeting_id in changes.meetings}
    if changes.actions or changes.meeting_list:
        parts["actions"] = _action_rows(uow, directory)
    return Update(changes, parts, rows)


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


def save_meeting(uow, meeting: Meeting) -> Changes:
    """Write the whole meeting (the caller's own copy: its ``lock_version``
    becomes the stored one); the Changes carry the new ``lock_version``."""
    from lmcdesk.services import meetings

    return meetings.save_meeting(uow, meeting)


def create_demo(uow) -> Changes:
    from lmcdesk.services.demo import create_demo as build

    return build(uow).changes


def add_meeting(uow, meeting: Meeting) -> Changes:
    """The Changes name the new meeting (``created_id``)."""
    from lmcdesk.services.meetings import create_meeting

    return create_meeting(uow, copy.deepcopy(meeting))


def autosave_discussion(uow, meeting_id: str, item_id: str, discussion: str,
                        expected_version: int | None = None) -> Changes:
    """Live minutes: one item's text.  The stored lock version goes up; the
    Changes carry the new one when ``expected_version`` was current, else ``None``."""
    from lmcdesk.services.meetings import autosave_item

    return autosave_item(uow, meeting_id, item_id, discussion, expected_version)
