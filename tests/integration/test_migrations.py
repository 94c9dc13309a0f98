"""Upgrading a record keeps every row.

A record is made at the *first* revision, a row is put in every table (values
made from the reflected columns, so this test needs no change when revisions
add tables or columns), then ``open_database`` upgrades it to head and every
row must still be there with the same values.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import MetaData, select, text
from sqlalchemy.engine import make_url

from lmcdesk.storage import open_database
from lmcdesk.storage.db import _make_engine
from lmcdesk.storage.migrate import current_revision, head_revision, upgrade

FIRST = "0001"
SKIP = ("alembic_version", "sqlite_sequence")


def _value(table, column, n: int, parents: dict):
    for fk in column.foreign_keys:
        parent = parents.get(fk.column.table.name)
        if parent is None:  # a reference to its own table
            assert column.nullable, f"{table.name}.{column.name}"
            return None
        return parent[fk.column.name]
    if column.autoincrement is True and column.primary_key:
        return None
    py = column.type.python_type
    if py is str:
        length = getattr(column.type, "length", None) or 60
        return f"{table.name[:length - 4]}-{n}"[:length]
    if py is bool:
        return True
    if py is int:
        return n + 1
    if py is date:
        return date(2020, 1, 1 + n % 28)
    if py is time:
        return time(19, n % 60)
    if py is datetime:
        return datetime(2020, 1, 1, 12, n % 60)
    if py is bytes:
        return b"\x00\x01fictional"
    raise AssertionError(f"no sample value for {table.name}.{column.name}: {column.type!r}")


def _fill(conn) -> dict[str, dict]:
    meta = MetaData()
    meta.reflect(conn)
    rows: dict[str, dict] = {}
    for n, table in enumerate(meta.sorted_tables):
        if table.name in SKIP or table.name.startswith("search_"):
            continue
        row = {c.name: _value(table, c, n, rows) for c in table.columns}
        row = {k: v for k, v in row.items() if v is not None}
        conn.execute(table.insert(), [row])
        stored = conn.execute(select(table)).mappings().one()
        rows[table.name] = dict(stored)
    return rows


def test_every_row_survives_the_upgrade_to_head(database_url):
    engine = _make_engine(make_url(database_url))
    try:
        upgrade(engine, "test record", FIRST)
        assert current_revision(engine) == FIRST
        with engine.begin() as conn:
            rows = _fill(conn)
            fts = conn.dialect.name == "sqlite"
            if fts:
                conn.execute(text("INSERT INTO search_doc (item_id, meeting_id) VALUES (:i, :m)"),
                             {"i": rows["agenda_item"]["id"], "m": rows["meeting"]["id"]})
                conn.execute(text("INSERT INTO search_fts (rowid, title, discussion, decisions) "
                                  "SELECT docid, 'Physiotherapy', '', '' FROM search_doc"))
    finally:
        engine.dispose()
    assert {"meeting", "agenda_item", "attendance", "vote", "audit_log", "paper_blob"} <= rows.keys()

    db = open_database(database_url)  # upgrades to head
    try:
        assert current_revision(db.engine) == head_revision()
        if db.path is not None:  # a copy of the SQLite file was kept first
            from lmcdesk.paths import backup_dir

            (copy,) = backup_dir().glob(f"record-before-upgrade-from-{FIRST}-*.sqlite3")
            assert copy.stat().st_size > 0
        meta = MetaData()
        with db.engine.connect() as conn:
            meta.reflect(conn)
            for name, before in rows.items():
                after = conn.execute(select(meta.tables[name])).mappings().all()
                assert len(after) == 1, name
                kept = {k: v for k, v in after[0].items() if k in before}
                assert kept == before, name
            if fts:
                assert conn.execute(
                    text("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'physio*'")
                ).scalar() == 1
                # 0003 gave the index its copy of the meeting date (search order)
                assert conn.execute(text("SELECT meeting_date FROM search_doc")).scalar() == str(
                    rows["meeting"]["date"])
    finally:
        db.dispose()


def test_a_new_record_is_at_head(database):
    assert current_revision(database.engine) == head_revision()


def test_reopening_an_up_to_date_record_changes_nothing(database_url):
    open_database(database_url).dispose()
    db = open_database(database_url)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_the_orm_and_the_revisions_agree(database):
    """A change to orm.py without a new revision is caught here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from lmcdesk.storage.migrate import include_object
    from lmcdesk.storage.orm import Base

    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_every_record_gets_an_id_once(database_url):
    """0004 gives a new or upgraded record its id (it names the key store); reopening keeps it."""
    from lmcdesk.storage import SqlAlchemyUnitOfWork

    engine = _make_engine(make_url(database_url))
    try:
        upgrade(engine, "test record", "0003_search_date")
    finally:
        engine.dispose()
    db = open_database(database_url)
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            first = uow.meta.record_id()
    finally:
        db.dispose()
    assert len(first) == 32 and int(first, 16) >= 0
    db = open_database(database_url)
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            assert uow.meta.record_id() == first
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM record_meta")).scalar() == 1
    finally:
        db.dispose()
