"""Bring a record's tables up to date with Alembic, configured in code.

Opening an already up-to-date record costs one query (the current revision is
compared with the head before Alembic's machinery is started).  A record
written by a newer LMC Desk is refused rather than guessed at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Engine

from lmcdesk import errors

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Tables made by raw SQL in revisions (SQLite full-text search), not by the ORM.
UNMAPPED_TABLES = ("search_doc", "search_fts")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate compares only the tables declared in ``orm.py``: the
    search tables are made by raw SQL in their own revisions and never dropped."""
    if type_ == "table" and (name in UNMAPPED_TABLES or name.startswith("search_fts_")):
        return False
    if type_ == "table" and reflected and compare_to is None:
        return False
    return True


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, label: str, target: str = "head",
            before: Callable[[str], None] | None = None) -> None:
    """Upgrade to ``target`` (tests use a specific revision).  ``before`` is
    called with the current revision when an existing record is about to be
    changed (``open_database`` keeps a copy of the file then)."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = _known_revision(script, engine, label)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    if current is not None and before is not None:
        before(current)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)


def _known_revision(script: ScriptDirectory, engine: Engine, label: str) -> str | None:
    """The record's revision (None: no tables yet); a record written by a
    newer LMC Desk is refused in words."""
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise errors.DatabaseTooNew(
                f"The record {label} was written by a newer version of LMC Desk "
                f"(format {current}). Install the newer LMC Desk to open it; nothing was changed."
            ) from None
    return current


def revision_behind(engine: Engine, label: str) -> tuple[bool, str | None]:
    """(whether the record needs upgrading to this version's head, its
    revision now), without changing anything: how a record that must not be
    written (an archived copy) is opened.  A newer record is refused in words."""
    script = ScriptDirectory.from_config(alembic_config())
    current = _known_revision(script, engine, label)
    return current != script.get_current_head(), current


def upgrade_to_head(engine: Engine, label: str,
                    before: Callable[[str], None] | None = None) -> None:
    upgrade(engine, label, "head", before)


def new_revision(message: str) -> None:
    """Write a new revision file from the difference between ``orm.py`` and
    head (run: ``python -m lmcdesk.storage.migrate "what changed"``), then
    read and trim it by hand: column types must be plain SQL types."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/head.sqlite3"
        engine = create_engine(url)
        upgrade(engine, "scratch record")
        engine.dispose()
        command.revision(alembic_config(url), message=message, autogenerate=True)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit('usage: python -m lmcdesk.storage.migrate "what changed"')
    new_revision(sys.argv[1])
