"""Databases for integration tests.

``database`` is an opened, up-to-date record: a SQLite file in ``tmp_path``,
and also a fresh PostgreSQL schema when ``LMCDESK_TEST_PG_URL`` is set (e.g.
``postgresql+psycopg://lmcdesk@localhost/lmcdesk_test``), dropped afterwards.
``sqlite_database`` is the SQLite one only, for tests of SQLite behaviour;
``postgres_database`` the PostgreSQL one only (skipped without the variable),
for tests that choose their backends themselves (the storage contract).
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager

import pytest

PG_URL = os.environ.get("LMCDESK_TEST_PG_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def database_url(request, tmp_path):
    """A URL for an empty record (nothing created yet)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'record.sqlite3'}"
        return
    with _pg_schema() as url:
        yield url


@contextmanager
def _pg_schema():
    """A fresh, empty PostgreSQL schema on ``PG_URL``, dropped afterwards."""
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pytest_generate_tests(metafunc):
    if "database_url" in metafunc.fixturenames:
        marks = {"postgresql": [pytest.mark.postgres]}
        metafunc.parametrize(
            "database_url",
            [pytest.param(b, id=b, marks=marks.get(b, [])) for b in BACKENDS],
            indirect=True,
        )


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    """One migrated SQLite file, copied for each test (running the
    migrations for every test would cost most of the test time)."""
    from lmcdesk.storage import open_database

    path = tmp_path_factory.mktemp("template") / "record.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def database(database_url, _sqlite_template):
    from lmcdesk.storage import open_database

    if database_url.startswith("sqlite:///"):
        shutil.copyfile(_sqlite_template, database_url.removeprefix("sqlite:///"))
    db = open_database(database_url)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def sqlite_database(tmp_path, _sqlite_template):
    from lmcdesk.storage import open_database

    shutil.copyfile(_sqlite_template, tmp_path / "record.sqlite3")
    db = open_database(f"sqlite:///{tmp_path / 'record.sqlite3'}")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def postgres_database():
    if not PG_URL:
        pytest.skip("LMCDESK_TEST_PG_URL is not set")
    from lmcdesk.storage import open_database

    with _pg_schema() as url:
        db = open_database(url)
        try:
            yield db
        finally:
            db.dispose()


@pytest.fixture
def uow_factory(database):
    """Call it for a fresh unit of work on ``database``."""
    from lmcdesk.storage import SqlAlchemyUnitOfWork

    return lambda: SqlAlchemyUnitOfWork(database)
