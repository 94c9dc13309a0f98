"""Full-text search over item titles, minutes text and resolutions.

On SQLite an FTS5 index (made by migration 0001) is kept up to date by the
meetings repository as it saves; elsewhere (PostgreSQL) a plain ILIKE
search stands in.  User text is never passed to FTS5 as syntax: it is cut
into words, each quoted and prefix-matched, so ``physio`` finds
"physiotherapy" and a stray quote or bracket cannot break the query.

Hits come newest meeting first (then agenda order) on every database.  A
secretary searching minutes usually asks "when did we last discuss this?";
and ranking by relevance made a common word ("enhanced service", ~17,000 of
40,000 items in the 10-year benchmark) cost ~21 ms against ~1 ms by date.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sqlalchemy import Date, and_, bindparam, exists, or_, select, text
from sqlalchemy.orm import Session

from . import orm
from .records import SearchHit

WORD = re.compile(r"\w+", re.UNICODE)


def words(user_text: str) -> list[str]:
    return WORD.findall(user_text or "")


def fts_query(user_text: str) -> str:
    """An FTS5 MATCH expression: every word must appear, as a word prefix."""
    return " ".join(f'"{w}"*' for w in words(user_text))


_HITS = text(
    """
    SELECT d.meeting_id, d.item_id, m.date AS meeting_date, b.name AS body_name,
           i.title AS item_title,
           snippet(search_fts, -1, '[', ']', '...', 12) AS snippet
    FROM search_fts
    JOIN search_doc d ON d.docid = search_fts.rowid
    JOIN agenda_item i ON i.id = d.item_id
    JOIN meeting m ON m.id = d.meeting_id
    JOIN body b ON b.id = m.body_id
    WHERE search_fts MATCH :q
    ORDER BY m.date DESC, i.position
    LIMIT :limit
    """
).columns(meeting_date=Date())


class SearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.fts = session.get_bind().dialect.name == "sqlite"

    # ------------------------------------------------------------------ query

    def query(self, user_text: str, limit: int = 50) -> list[SearchHit]:
        if not words(user_text):
            return []
        if not self.fts:
            return self._query_like(user_text, limit)
        rows = self.session.execute(_HITS, {"q": fts_query(user_text), "limit": limit})
        return [SearchHit(**r) for r in rows.mappings()]

    def _query_like(self, user_text: str, limit: int) -> list[SearchHit]:
        i, m, d = orm.agenda_item, orm.meeting, orm.decision
        conds = []
        for w in words(user_text):
            pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conds.append(or_(
                i.c.title.ilike(pattern, escape="\\"),
                i.c.discussion.ilike(pattern, escape="\\"),
                exists().where(d.c.item_id == i.c.id, d.c.resolution.ilike(pattern, escape="\\")),
            ))
        q = (
            select(i.c.meeting_id, i.c.id, m.c.date, orm.body.c.name, i.c.title, i.c.discussion)
            .join(m, m.c.id == i.c.meeting_id)
            .join(orm.body, orm.body.c.id == m.c.body_id)
            .where(and_(*conds))
            .order_by(m.c.date.desc(), i.c.seq)
            .limit(limit)
        )
        first = words(user_text)[0].lower()
        hits = []
        for r in self.session.execute(q):
            body = r[5] if first in (r[5] or "").lower() else r[4]
            hits.append(SearchHit(r[0], r[1], r[2], r[3], r[4], _snippet(body, first)))
        return hits

    # ------------------------------------------------------------------ upkeep

    def index_item(self, meeting_id: str, item_id: str, title: str, discussion: str,
                   resolutions: Sequence[str]) -> None:
        if not self.fts:
            return
        s = self.session
        docid = s.execute(
            text("SELECT docid FROM search_doc WHERE item_id = :i"), {"i": item_id}
        ).scalar()
        if docid is None:
            docid = s.execute(
                text("INSERT INTO search_doc (item_id, meeting_id) VALUES (:i, :m) RETURNING docid"),
                {"i": item_id, "m": meeting_id},
            ).scalar()
        else:
            s.execute(text("DELETE FROM search_fts WHERE rowid = :d"), {"d": docid})
        s.execute(
            text("INSERT INTO search_fts (rowid, title, discussion, decisions) "
                 "VALUES (:d, :t, :x, :r)"),
            {"d": docid, "t": title, "x": discussion, "r": "\n".join(resolutions)},
        )

    def remove_items(self, item_ids: Iterable[str]) -> None:
        self._remove("item_id IN :v", list(item_ids))

    def remove_meeting(self, meeting_id: str) -> None:
        self._remove("meeting_id = :v", meeting_id)

    def _remove(self, where: str, value) -> None:
        if not self.fts or value == []:
            return
        expanding = [bindparam("v", expanding=True)] if isinstance(value, list) else []
        docids = self.session.execute(
            text(f"SELECT docid FROM search_doc WHERE {where}").bindparams(*expanding),
            {"v": value},
        ).scalars().all()
        if not docids:
            return
        self.session.execute(
            text("DELETE FROM search_fts WHERE rowid IN :d").bindparams(
                bindparam("d", expanding=True)
            ),
            {"d": docids},
        )
        self.session.execute(
            text("DELETE FROM search_doc WHERE docid IN :d").bindparams(
                bindparam("d", expanding=True)
            ),
            {"d": docids},
        )

    def rebuild(self) -> int:
        """Re-index every item (after a restore or a bulk write that bypassed
        the repository).  Returns the number of items indexed."""
        if not self.fts:
            return 0
        s = self.session
        s.execute(text("DELETE FROM search_fts"))
        s.execute(text("DELETE FROM search_doc"))
        resolutions: dict[str, list[str]] = {}
        for item_id, resolution in s.execute(
            select(orm.decision.c.item_id, orm.decision.c.resolution).order_by(orm.decision.c.seq)
        ):
            resolutions.setdefault(item_id, []).append(resolution)
        n = 0
        for r in s.execute(select(orm.agenda_item.c.meeting_id, orm.agenda_item.c.id,
                                  orm.agenda_item.c.title, orm.agenda_item.c.discussion)).all():
            self.index_item(r[0], r[1], r[2], r[3], resolutions.get(r[1], []))
            n += 1
        return n


def _snippet(body: str, word: str, width: int = 60) -> str:
    at = body.lower().find(word.lower())
    if at < 0:
        return body[: 2 * width]
    start = max(0, at - width)
    end = min(len(body), at + len(word) + width)
    return (
        ("..." if start else "") + body[start:at] + "[" + body[at: at + len(word)] + "]"
        + body[at + len(word): end] + ("..." if end < len(body) else "")
    )
