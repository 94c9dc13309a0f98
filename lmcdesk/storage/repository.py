"""The meetings repository: whole ``Meeting`` aggregates in and out.

A meeting is read with one query per table (eleven in all, each on an
index), not with ORM relationship loading: a 10-year record has 200,000
attendance rows and opening a meeting must stay well under 50 ms.

``save`` diffs the stored rows against the aggregate by id, writing only what
changed: inserts and updates parent-first, deletes child-first, so every
foreign key holds after each statement (SQLite checks them immediately).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Callable, Iterable

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lmcdesk import errors
from lmcdesk.domain.enums import ActionStatus, MeetingKind, MinutesStatus
from lmcdesk.domain.model import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    ItemOrganisation,
    Meeting,
    MinutesVersion,
    Paper,
    Vote,
)
from lmcdesk.domain.records import ActionEntry, MeetingSummary

from . import orm
from .copy import field_columns, from_row, row_values
from .search import SearchRepository

# Child tables of a meeting, parent-first; each with the columns that identify a row.
CHILD_TABLES: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (orm.agenda_item, ("id",)),
    (orm.item_organisation, ("item_id", "body_id", "role")),
    (orm.paper, ("id",)),
    (orm.declaration, ("id",)),
    (orm.decision, ("id",)),
    (orm.vote, ("decision_id", "person_id")),
    (orm.decision_participant, ("decision_id", "person_id")),
    (orm.attendance, ("id",)),
    (orm.action, ("id",)),
    (orm.minutes_version, ("meeting_id", "version")),
)


def _integrity(exc: IntegrityError) -> errors.InvalidInput:
    return errors.InvalidInput(
        "this meeting names a person, body, interest or item that is not in the record "
        "(or reuses an id that belongs to something else), so it was not saved",
        detail=str(exc.orig),
    )


class MeetingRepository:
    def __init__(self, session: Session, search: SearchRepository,
                 on_rollback: Callable[[Callable[[], None]], None]) -> None:
        self.session = session
        self.search = search
        self._on_rollback = on_rollback

    # ------------------------------------------------------------------ reading

    def _rows(self, meeting_id: str) -> dict[Any, list[Any]]:
        """Every child row of a meeting, per table, in list order."""
        s = self.session
        items = select(orm.agenda_item.c.id).where(orm.agenda_item.c.meeting_id == meeting_id)
        decisions = select(orm.decision.c.id).where(orm.decision.c.item_id.in_(items))
        where = {
            orm.agenda_item: orm.agenda_item.c.meeting_id == meeting_id,
            orm.item_organisation: orm.item_organisation.c.item_id.in_(items),
            orm.paper: orm.paper.c.item_id.in_(items),
            orm.declaration: orm.declaration.c.item_id.in_(items),
            orm.decision: orm.decision.c.item_id.in_(items),
            orm.vote: orm.vote.c.decision_id.in_(decisions),
            orm.decision_participant: orm.decision_participant.c.decision_id.in_(decisions),
            orm.attendance: orm.attendance.c.meeting_id == meeting_id,
            orm.action: orm.action.c.meeting_id == meeting_id,
            orm.minutes_version: orm.minutes_version.c.meeting_id == meeting_id,
        }
        return {
            table: s.execute(
                select(table).where(cond).order_by(
                    table.c.version if table is orm.minutes_version else table.c.seq
                )
            ).mappings().all()
            for table, cond in where.items()
        }

    def get(self, meeting_id: str) -> Meeting:
        head = self.session.execute(
            select(orm.meeting).where(orm.meeting.c.id == meeting_id)
        ).mappings().first()
        if head is None:
            raise errors.NotFound(f"There is no meeting with id {meeting_id!r} in the record.")
        rows = self._rows(meeting_id)
        by_item: dict[Any, dict[str, list]] = {
            t: defaultdict(list) for t in (orm.item_organisation, orm.paper, orm.declaration)
        }
        for t, cls in ((orm.paper, Paper), (orm.declaration, Declaration)):
            for r in rows[t]:
                by_item[t][r["item_id"]].append(from_row(cls, r))
        for r in rows[orm.item_organisation]:
            by_item[orm.item_organisation][r["item_id"]].append(
                ItemOrganisation(body_id=r["body_id"], role=r["role"])
            )
        votes: dict[str, list[Vote]] = defaultdict(list)
        for r in rows[orm.vote]:
            votes[r["decision_id"]].append(Vote(person_id=r["person_id"], choice=r["choice"]))
        participants: dict[str, list[str]] = defaultdict(list)
        for r in rows[orm.decision_participant]:
            participants[r["decision_id"]].append(r["person_id"])
        decisions: dict[str, list[Decision]] = defaultdict(list)
        for r in rows[orm.decision]:
            decisions[r["item_id"]].append(
                from_row(Decision, r, votes=votes[r["id"]], participants=participants[r["id"]])
            )
        items = [
            from_row(
                AgendaItem, r,
                organisations=by_item[orm.item_organisation][r["id"]],
                papers=by_item[orm.paper][r["id"]],
                declarations=by_item[orm.declaration][r["id"]],
                decisions=decisions[r["id"]],
            )
            for r in rows[orm.agenda_item]
        ]
        return from_row(
            Meeting, head,
            items=items,
            attendance=[from_row(Attendance, r) for r in rows[orm.attendance]],
            actions=[from_row(Action, r) for r in rows[orm.action]],
            versions=[from_row(MinutesVersion, r) for r in rows[orm.minutes_version]],
        )

    def exists(self, meeting_id: str) -> bool:
        return self._head(meeting_id) is not None

    def _head(self, meeting_id: str):
        return self.session.execute(
            select(orm.meeting.c.status, orm.meeting.c.lock_version).where(
                orm.meeting.c.id == meeting_id
            )
        ).first()

    def ids_with_versions(self) -> set[str]:
        """Ids of meetings with at least one approved version (``verify`` opens only those)."""
        return set(self.session.execute(select(orm.minutes_version.c.meeting_id).distinct()).scalars())

    def summaries(self, body_id: str | None = None, kind: MeetingKind | str | None = None,
                  year: int | None = None, ids: Iterable[str] | None = None, *,
                  id_prefix: str | None = None, dates: tuple[date, date] | None = None) -> list[MeetingSummary]:
        """Meeting list lines, newest first; ``id_prefix``: ids starting so
        (case as given); ``dates``: held from the first to the last day given."""
        m = orm.meeting
        count = (
            select(func.count()).where(orm.agenda_item.c.meeting_id == m.c.id).scalar_subquery()
        )
        q = select(
            m.c.id, m.c.body_id, orm.body.c.name.label("body_name"), m.c.date, m.c.kind,
            m.c.title, m.c.venue, m.c.status, count.label("item_count"), m.c.lock_version,
        ).join(orm.body, orm.body.c.id == m.c.body_id)
        if body_id is not None:
            q = q.where(m.c.body_id == body_id)
        if kind is not None:
            q = q.where(m.c.kind == MeetingKind(kind))
        if year is not None:
            q = q.where(m.c.date.between(date(year, 1, 1), date(year, 12, 31)))
        if ids is not None:
            q = q.where(m.c.id.in_(list(ids)))
        if id_prefix is not None:  # substr, not LIKE: exact case, no wildcards
            q = q.where(func.substr(m.c.id, 1, len(id_prefix)) == id_prefix)
        if dates is not None:
            q = q.where(m.c.date.between(*dates))
        q = q.order_by(m.c.date.desc(), m.c.start_time.desc(), m.c.id)
        return [MeetingSummary(**r) for r in self.session.execute(q).mappings()]

    def action_log(self, statuses: Iterable[ActionStatus | str] | None = None,
                   body_id: str | None = None, owner_id: str | None = None) -> list[ActionEntry]:
        """Actions across meetings, oldest meeting first."""
        a, m, i = orm.action, orm.meeting, orm.agenda_item
        cols = field_columns(Action, a)
        q = (
            select(*cols, a.c.meeting_id, m.c.date, m.c.body_id, orm.body.c.name, i.c.title)
            .join(m, m.c.id == a.c.meeting_id)
            .join(orm.body, orm.body.c.id == m.c.body_id)
            .outerjoin(i, i.c.id == a.c.item_id)
        )
        if statuses is not None:
            q = q.where(a.c.status.in_([ActionStatus(s) for s in statuses]))
        if body_id is not None:
            q = q.where(m.c.body_id == body_id)
        if owner_id is not None:
            q = q.where(a.c.owner_id == owner_id)
        q = q.order_by(m.c.date, a.c.meeting_id, a.c.seq)
        n = len(cols)
        return [
            ActionEntry(
                meeting_id=r[n], meeting_date=r[n + 1], body_id=r[n + 2], body_name=r[n + 3],
                item_title=r[n + 4] or "", action=Action(*r[:n]),
            )
            for r in self.session.execute(q)
        ]

    # ------------------------------------------------------------------ writing

    def add(self, meeting: Meeting) -> None:
        """Insert a new meeting (its ``lock_version`` is kept as given)."""
        if self.exists(meeting.id):
            raise errors.InvalidInput(f"A meeting with id {meeting.id!r} is already in the record.")
        meeting.number_items()  # the aggregate's one numbering
        new_rows = _aggregate_rows(meeting)  # refuses duplicates before anything is written
        try:
            self.session.execute(insert(orm.meeting), [row_values(meeting, orm.meeting)])
            self._sync(meeting, new_rows, {t: [] for t, _ in CHILD_TABLES})
        except IntegrityError as exc:
            raise _integrity(exc) from exc

    def save(self, meeting: Meeting, allow_approved: bool = False) -> None:
        """Write the aggregate over the stored one and bump its ``lock_version``.

        Refuses approved minutes (``MinutesLocked``) unless ``allow_approved``
        (approval and corrections use that) and a copy someone else saved in
        the meantime (``ConcurrentEdit``)."""
        head = self._head(meeting.id)
        if head is None:
            raise errors.NotFound(f"There is no meeting with id {meeting.id!r} in the record.")
        self._refuse_locked(head.status, allow_approved)
        old_version = meeting.lock_version
        if head.lock_version != old_version:
            raise _stale()
        meeting.number_items()  # the aggregate's one numbering
        new_rows = _aggregate_rows(meeting)  # refuses duplicates before anything is written
        new_values = row_values(meeting, orm.meeting, lock_version=old_version + 1)
        try:
            result = self.session.execute(
                update(orm.meeting)
                .where(orm.meeting.c.id == meeting.id, orm.meeting.c.lock_version == old_version)
                .values(**new_values)
            )
            if result.rowcount != 1:
                raise _stale()
            self._sync(meeting, new_rows, self._rows(meeting.id))
            self.search.date_meeting(meeting.id)  # the date may have moved
        except IntegrityError as exc:
            raise _integrity(exc) from exc
        meeting.lock_version = old_version + 1
        self._on_rollback(lambda: setattr(meeting, "lock_version", old_version))

    def delete(self, meeting_id: str, allow_approved: bool = False) -> None:
        head = self._head(meeting_id)
        if head is None:
            raise errors.NotFound(f"There is no meeting with id {meeting_id!r} in the record.")
        self._refuse_locked(head.status, allow_approved)
        self.search.remove_meeting(meeting_id)
        self.session.execute(delete(orm.meeting).where(orm.meeting.c.id == meeting_id))

    def set_discussion(self, meeting_id: str, item_id: str, discussion: str,
                       expected_version: int | None = None) -> int | None:
        """Targeted write of one item's minutes text (live minute-taking).

        Bumps the meeting's ``lock_version`` so that a whole-meeting save
        from a copy read before this text was written (another PC on a shared
        record) is refused with ``ConcurrentEdit`` instead of silently putting
        the old text back.  The text itself is always written: it is what the
        secretary typed.  Returns the new ``lock_version`` when the caller's
        copy was current (``expected_version`` matched), else ``None``: the
        caller's copy is stale and its next whole save will be refused."""
        head = self._head(meeting_id)
        if head is None:
            raise errors.NotFound(f"There is no meeting with id {meeting_id!r} in the record.")
        self._refuse_locked(head.status, False)
        it = orm.agenda_item
        row = self.session.execute(
            select(it.c.title).where(it.c.id == item_id, it.c.meeting_id == meeting_id)
        ).first()
        if row is None:
            raise errors.NotFound(f"This meeting has no agenda item with id {item_id!r}.")
        self.session.execute(update(it).where(it.c.id == item_id).values(discussion=discussion))
        m = orm.meeting
        new_version: int | None = None
        if expected_version is not None:
            result = self.session.execute(
                update(m).where(m.c.id == meeting_id, m.c.lock_version == expected_version)
                .values(lock_version=expected_version + 1)
            )
            if result.rowcount == 1:
                new_version = expected_version + 1
        if new_version is None:
            self.session.execute(
                update(m).where(m.c.id == meeting_id).values(lock_version=m.c.lock_version + 1)
            )
        resolutions = self.session.execute(
            select(orm.decision.c.resolution).where(orm.decision.c.item_id == item_id)
            .order_by(orm.decision.c.seq)
        ).scalars().all()
        self.search.index_item(meeting_id, item_id, row.title, discussion, resolutions)
        return new_version

    @staticmethod
    def _refuse_locked(status: MinutesStatus, allow_approved: bool) -> None:
        if status == MinutesStatus.APPROVED and not allow_approved:
            raise errors.MinutesLocked(
                "These minutes are approved and cannot be changed. "
                "To correct them, start a correction (a new version)."
            )

    # ------------------------------------------------------------------ the diff

    def _sync(self, meeting: Meeting, new_rows: dict[Any, dict[tuple, dict]],
              old_rows: dict[Any, list[Any]]) -> None:
        plans = []
        for table, key in CHILD_TABLES:
            old = {tuple(r[k] for k in key): dict(r) for r in old_rows[table]}
            plans.append((table, key, old, new_rows[table]))
        s = self.session
        for table, key, old, new in plans:  # parents first
            inserts = [r for k, r in new.items() if k not in old]
            if inserts:
                s.execute(insert(table), inserts)
            for k, r in new.items():
                if k in old and old[k] != r:
                    s.execute(update(table).where(_match(table, key, k)).values(**r))
        self._sync_search(meeting, old_rows)
        for table, key, old, new in reversed(plans):  # children first
            for k in old.keys() - new.keys():
                s.execute(delete(table).where(_match(table, key, k)))

    def _sync_search(self, meeting: Meeting, old_rows: dict[Any, list[Any]]) -> None:
        def texts(items, decisions):
            res: dict[str, list[str]] = defaultdict(list)
            for d in decisions:
                res[d["item_id"]].append(d["resolution"])
            return {i["id"]: (i["title"], i["discussion"], res[i["id"]]) for i in items}

        old = texts(old_rows[orm.agenda_item], old_rows[orm.decision])
        new_rows = {
            it.id: (it.title, it.discussion, [d.resolution for d in it.decisions])
            for it in meeting.items
        }
        gone = [i for i in old if i not in new_rows]
        if gone:
            self.search.remove_items(gone)
        for item_id, (title, discussion, resolutions) in new_rows.items():
            if old.get(item_id) != (title, discussion, resolutions):
                self.search.index_item(meeting.id, item_id, title, discussion, resolutions)


_DUPLICATES = {
    "vote": "the same person is recorded as voting twice on one decision",
    "decision_participant": "the same person is listed twice as taking part in one decision",
    "item_organisation": "the same organisation is listed twice, in the same role, on one item",
    "minutes_version": "two approved versions of these minutes have the same number",
}


def _duplicate(table: str, key: tuple) -> errors.InvalidInput:
    what = _DUPLICATES.get(table, f"two entries ({table.replace('_', ' ')}) have the same id")
    return errors.InvalidInput(f"This meeting was not saved: {what} ({', '.join(map(str, key))}).")


def _stale() -> errors.ConcurrentEdit:
    return errors.ConcurrentEdit(
        "Someone else saved this meeting after you opened it, so your changes were not saved. "
        "Reopen the meeting to see their changes, then make yours again."
    )


def _match(table, key: tuple[str, ...], values: tuple):
    return and_(*(table.c[k] == v for k, v in zip(key, values)))


def _aggregate_rows(m: Meeting) -> dict[Any, dict[tuple, dict]]:
    """The meeting's child rows per table, keyed as in ``CHILD_TABLES``."""
    rows: dict[Any, list[dict]] = {t: [] for t, _ in CHILD_TABLES}
    for n, it in enumerate(m.items):
        rows[orm.agenda_item].append(row_values(it, orm.agenda_item, meeting_id=m.id, seq=n))
        for k, o in enumerate(it.organisations):
            rows[orm.item_organisation].append(
                {"item_id": it.id, "body_id": o.body_id, "role": o.role, "seq": k}
            )
        for k, p in enumerate(it.papers):
            rows[orm.paper].append(row_values(p, orm.paper, item_id=it.id, seq=k))
        for k, d in enumerate(it.declarations):
            rows[orm.declaration].append(row_values(d, orm.declaration, item_id=it.id, seq=k))
        for k, dec in enumerate(it.decisions):
            rows[orm.decision].append(row_values(dec, orm.decision, item_id=it.id, seq=k))
            for j, v in enumerate(dec.votes):
                rows[orm.vote].append(
                    {"decision_id": dec.id, "person_id": v.person_id, "choice": v.choice, "seq": j}
                )
            for j, pid in enumerate(dec.participants):
                rows[orm.decision_participant].append(
                    {"decision_id": dec.id, "person_id": pid, "seq": j}
                )
    for n, a in enumerate(m.attendance):
        rows[orm.attendance].append(row_values(a, orm.attendance, meeting_id=m.id, seq=n))
    for n, a in enumerate(m.actions):
        rows[orm.action].append(row_values(a, orm.action, meeting_id=m.id, seq=n))
    for v in m.versions:
        rows[orm.minutes_version].append(row_values(v, orm.minutes_version, meeting_id=m.id))
    keyed: dict[Any, dict[tuple, dict]] = {}
    for table, key in CHILD_TABLES:
        keyed[table] = {}
        for r in rows[table]:
            k = tuple(r[c] for c in key)
            if k in keyed[table]:
                raise _duplicate(table.name, k)
            keyed[table][k] = r
    return keyed
