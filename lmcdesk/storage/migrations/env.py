"""Alembic environment, usable programmatically (no alembic.ini at run time).

``lmcdesk.storage.migrate`` passes an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (for writing
new revisions) may instead set ``sqlalchemy.url``.  ``render_as_batch`` lets
SQLite alter tables by copying them.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from lmcdesk.storage.migrate import include_object
from lmcdesk.storage.orm import Base

config = context.config
target_metadata = Base.metadata

def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
