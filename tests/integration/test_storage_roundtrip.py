"""Property test: whatever a valid meeting file can hold, storage gives back
exactly (random worlds from H3's interchange strategies, on SQLite)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
strategies = pytest.importorskip("interchange_strategies")


def _sorted(directory):
    for name in ("memberships", "interests", "gifts"):
        setattr(directory, name, sorted(getattr(directory, name), key=lambda x: x.id))
    return directory


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=strategies.worlds(max_meetings=3))
def test_storage_keeps_every_world_exactly(world, _sqlite_template, tmp_path):
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    directory, meetings = world
    path = tmp_path / "world.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            uow.directory.save_all(directory)
            for m in meetings:
                uow.meetings.add(m)
            uow.commit()
        with SqlAlchemyUnitOfWork(db) as uow:
            assert _sorted(uow.directory.load()) == _sorted(directory)
            for m in meetings:
                assert uow.meetings.get(m.id) == m
            # saving an unchanged copy changes nothing but the lock version
            for m in meetings:
                again = uow.meetings.get(m.id)
                uow.meetings.save(again, allow_approved=True)
                m.lock_version += 1
                assert uow.meetings.get(m.id) == m
    finally:
        db.dispose()
