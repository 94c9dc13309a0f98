"""The benchmark's record generator, at a tiny scale: what it stores is
consistent (every reference holds, meetings load back exactly as generated,
search and check work on it).  Speed is not measured here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # ``benchmarks`` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generator import TINY, generate, store  # noqa: E402

from lmcdesk.domain import BusinessKind  # noqa: E402
from lmcdesk.services.checks import check_meeting  # noqa: E402
from lmcdesk.services.search import search  # noqa: E402


def test_tiny_generated_record_is_consistent(database_url, uow_factory):
    meta = store(database_url, TINY)
    county, meetings = generate(TINY)
    meetings = list(meetings)
    assert meta["counts"]["meetings"] == TINY.meetings == len(meetings)
    assert meta["counts"]["items"] == sum(len(m.items) for m in meetings)
    assert meta["counts"]["declarations"] > 0 and meta["counts"]["votes"] > 0
    assert {it.business_kind for m in meetings for it in m.items} >= {
        BusinessKind.COMMISSIONING, BusinessKind.PROVISION, BusinessKind.GENERAL}
    with uow_factory() as uow:
        directory = uow.directory.load()
        assert directory.bodies == county.directory.bodies
        assert directory.people == county.directory.people
        assert len(directory.interests) == len(county.directory.interests)
        for m in meetings:
            assert uow.meetings.get(m.id) == m
        assert meta["sample_meeting_id"] in {m.id for m in meetings}
        if uow.session.bind.dialect.name == "sqlite":
            assert uow.session.connection().exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert search(uow_factory(), "enhanced service")
    for m in meetings[:3]:
        check_meeting(uow_factory(), m.id)
