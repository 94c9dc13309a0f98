"""Full-text search over item titles, minutes text and resolutions.

On SQLite an FTS5 index (made by migration 0001) is kept up to date by the
meetings repository as it saves; elsewhere (PostgreSQL) a plain ILIKE
search stands in.  User text is never passed to FTS5 as syntax: it is cut
into words, each quoted and prefix-matched, so ``physio`` finds
"physiotherapy" and a stray quote or bracket cannot break the query.

Hits come newest meeting first (then agenda order) on every database.  A
secretary searching minutes usually asks "when did we last discuss this?";
and ranking by relevance made a common phrase ("enhanced service", ~17,000 of
40,000 items in the 10-year benchmark) cost far more than ordering by date.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from sqlalchemy import Date, and_, bindparam, exists, or_, select, text
from sqlalchemy.orm import Session

from lmcdesk.domain.records import SearchHit

from . import orm

WORD = re.compile(r"\w+", re.UNICODE)


def words(user_text: str) -> list[str]:
    return WORD.findall(user_text or "")


def fts_query(user_text: str) -> str:
    """An FTS5 MATCH expression: every word must appear, as a word prefix."""
    return " ".join(f'"{w}"*' for w in words(user_text))


# Two steps, because on a common phrase most of the cost is per matching row:
# first the newest ``limit`` matches, ordered by the meeting date kept beside
# each index entry (search_doc.meeting_date, migration 0003), touching no
# agenda_item or meeting rows and making no snippet; then the display columns
# for those few rows only.  One query with snippet() and the joins cost 164 ms
# for "enhanced service" (17,000 matches) on the 10-year record.  The snippet
# is made in Python from the indexed text (``fts_snippet``).
_TOP = text(
    """
    SELECT d.docid FROM search_fts f JOIN search_doc d ON d.docid = f.rowid
    WHERE search_fts MATCH :q
    ORDER BY d.meeting_date DESC, d.docid
    LIMIT :limit
    """
)

_SHOW = text(
    """
    SELECT d.meeting_id, d.item_id, m.date AS meeting_date, b.name AS body_name,
           i.title AS item_title, f.title AS fts_title, f.discussion AS fts_text, f.decisions AS fts_decisions
    FROM search_doc d
    JOIN search_fts f ON f.rowid = d.docid
    JOIN agenda_item i ON i.id = d.item_id
    JOIN meeting m ON m.id = d.meeting_id
    JOIN body b ON b.id = m.body_id
    WHERE d.docid IN :ids
    ORDER BY m.date DESC, i.position
    """
).bindparams(bindparam("ids", expanding=True)).columns(meeting_date=Date())


def _fold(word: str) -> str:
    """Case- and accent-insensitive form (as the unicode61 tokenizer with
    remove_diacritics matches)."""
    if word.isascii():
        return word.lower()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fts_snippet(columns: Sequence[str | None], query_words: Sequence[str], tokens: int = 12) -> str:
    """The best window of ``tokens`` words across ``columns`` with the words
    that match a query word (as a prefix) in [brackets], '...' where cut,
    like FTS5's snippet(): most distinct query words, then most hits, first
    column and earliest place on a tie.

    It runs for every hit shown, on minutes texts of hundreds of words, so
    plain-ASCII text is first narrowed with one regular expression to the
    stretch around its first match; only that stretch is cut into words."""
    wanted = tuple(_fold(w) for w in query_words)
    if not wanted:
        return ""
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in wanted) + r")", re.IGNORECASE)
    best = None
    for col, value in enumerate(columns):
        value = value or ""
        offset = 0
        if value.isascii() and all(w.isascii() for w in wanted):
            first = rx.search(value)
            if first is None:
                if best is None and value.strip():
                    best = ((0, 0), col, 0, list(WORD.finditer(value[:400])), [None] * tokens, value[:400], 0)
                continue
            offset = max(0, first.start() - 60)
            stretch = value[offset:first.start() + 16 * tokens]
        else:
            stretch = value
        found = list(WORD.finditer(stretch))
        if offset and found:  # the first word may be cut in half
            found = found[1:]
        if not found:
            continue
        hit = [next((k for k, w in enumerate(wanted) if f.startswith(w)), None)
               for f in (_fold(t.group()) for t in found)]
        starts = sorted({max(0, k - 2) for k, h in enumerate(hit) if h is not None}) or [0]
        for start in starts:
            window = hit[start:start + tokens]
            score = (len({h for h in window if h is not None}), sum(h is not None for h in window))
            if best is None or score > best[0]:
                cut_tail = offset + len(stretch) < len(value)
                best = (score, col, start, found, hit, stretch, offset, cut_tail)
    if best is None:
        return ""
    _, _, start, found, hit, value, offset, *rest = best
    cut_tail = bool(rest and rest[0])
    end = min(len(found), start + tokens)
    out, pos = [], found[start].start()
    for k in range(start, end):
        t = found[k]
        out.append(value[pos:t.start()])
        out.append(f"[{t.group()}]" if hit[k] is not None else t.group())
        pos = t.end()
    if end == len(found) and not cut_tail:
        out.append(value[pos:])
    text_ = " ".join("".join(out).split())
    more = end < len(found) or cut_tail
    return ("..." if start > 0 or offset > 0 else "") + text_ + ("..." if more else "")


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
        ids = self.session.execute(_TOP, {"q": fts_query(user_text), "limit": limit}).scalars().all()
        if not ids:
            return []
        query_words = words(user_text)
        return [
            SearchHit(r.meeting_id, r.item_id, r.meeting_date, r.body_name, r.item_title,
                      fts_snippet((r.fts_title, r.fts_text, r.fts_decisions), query_words))
            for r in self.session.execute(_SHOW, {"ids": list(ids)})
        ]

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
                text("INSERT INTO search_doc (item_id, meeting_id, meeting_date) VALUES"
                     " (:i, :m, (SELECT date FROM meeting WHERE id = :m)) RETURNING docid"),
                {"i": item_id, "m": meeting_id},
            ).scalar()
        else:
            s.execute(text("DELETE FROM search_fts WHERE rowid = :d"), {"d": docid})
        s.execute(
            text("INSERT INTO search_fts (rowid, title, discussion, decisions) "
                 "VALUES (:d, :t, :x, :r)"),
            {"d": docid, "t": title, "x": discussion, "r": "\n".join(resolutions)},
        )

    def date_meeting(self, meeting_id: str) -> None:
        """Keep the index's copy of the meeting date (its search order) in step
        with the meeting: one indexed UPDATE of the meeting's ~20 entries."""
        if not self.fts:
            return
        self.session.execute(
            text("UPDATE search_doc SET meeting_date = (SELECT date FROM meeting WHERE id = :m)"
                 " WHERE meeting_id = :m"),
            {"m": meeting_id},
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
