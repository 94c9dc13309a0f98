"""The core figures of issue 2: build the 10-year record, open a meeting, check
it, search the minutes.  Targets: open <= 50 ms, check <= 50 ms, search <= 20 ms.

Each service call runs in its own unit of work, as the GUI and CLI call them
(a fresh session from the pool); "repository" figures reuse one session to
show the cost of the queries alone.  Meetings rotate through the ten busiest
commissioning meetings of the last year, so no figure is one cached meeting.
"""

from __future__ import annotations

import itertools

from lmcdesk.probity import run as probity_run
from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
from lmcdesk.services.checks import check_meeting
from lmcdesk.services.meetings import get_meeting
from lmcdesk.services.search import search

OPEN_MS = 50.0
CHECK_MS = 50.0
SEARCH_MS = 20.0

#: From rare to very common: the last matches about half of the 40,000 items,
#: which is the worst case for ranking (every match is scored before the top 50).
SEARCH_TERMS = ("xylophone", "caldicott", "spirometry", "phlebotomy hub", "housebound patients",
                "enhanced service")


def run(ctx) -> None:
    meta = ctx.meta
    counts = meta["counts"]
    ctx.record(
        "create the record (generate + store)",
        meta["build_seconds"] * 1000.0,
        note=(f"{counts['meetings']:,} meetings, {counts['items']:,} items, {counts['attendance']:,} attendance, "
              f"{counts['declarations']:,} declarations, {counts['decisions']:,} decisions, "
              f"{counts['votes']:,} votes; " + ("cached build" if meta.get("cached") else "built now")),
    )
    ids = meta["sample_meeting_ids"]
    ctx.database()  # open (and migrate-check) once, outside the figures

    next_id = itertools.cycle(ids).__next__
    with ctx.uow() as uow:
        ctx.time("open meeting (uow.meetings.get, one session)", lambda: uow.meetings.get(next_id()),
                 target_ms=OPEN_MS)
        directory = uow.directory.load()
        ctx.time("load directory (uow.directory.load)", uow.directory.load)
        meetings = [uow.meetings.get(i) for i in ids]
    next_id = itertools.cycle(ids).__next__
    ctx.time("open meeting (services.meetings.get_meeting)", lambda: get_meeting(ctx.uow(), next_id()),
             target_ms=OPEN_MS)
    next_id = itertools.cycle(ids).__next__
    ctx.time("check meeting (services.checks.check_meeting)", lambda: check_meeting(ctx.uow(), next_id()),
             target_ms=CHECK_MS, note="load meeting + directory, then every probity rule")
    next_meeting = itertools.cycle(meetings).__next__
    ctx.time("probity.run alone (meeting already loaded)", lambda: probity_run(next_meeting(), directory))

    for term in SEARCH_TERMS:
        hits = search(ctx.uow(), term)
        ctx.time(f"search {term!r} (services.search)", lambda t=term: search(ctx.uow(), t),
                 target_ms=SEARCH_MS, note=f"{len(hits)} hits returned (limit 50)")
    def cold_open() -> None:
        db = open_database(ctx.db_url)
        try:
            get_meeting(SqlAlchemyUnitOfWork(db), next_id())
        finally:
            db.dispose()

    ctx.time("open the record and a meeting (new engine, schema check)", cold_open,
             note="what a fresh start pays before the first meeting shows")
    with ctx.uow() as uow:
        year = max(s.date.year for s in uow.meetings.summaries(ids=ids))
        ctx.time(f"meeting list for {year} (uow.meetings.summaries)", lambda: uow.meetings.summaries(year=year))
