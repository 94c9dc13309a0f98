"""The open record (database) as the UI sees it.

Holds the ``Database`` handle and hands work to the background helper as
``fn(uow)`` callables; SQLAlchemy is imported here lazily, on the worker
thread, so the first window paints before it is loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Session:
    def __init__(self, url: str, database: Any) -> None:
        self.url = url
        self.database = database

    @classmethod
    def open(cls, url: str) -> "Session":
        """Worker thread: open (and migrate) the database at ``url``."""
        from lmcdesk.storage import open_database

        return cls(url, open_database(url))

    def unit_of_work(self):
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        return SqlAlchemyUnitOfWork(self.database)

    def read(self, fn: Callable[[Any], Any]) -> Callable[[], Any]:
        """A callable for ``operations.run`` that runs ``fn(uow)`` and rolls back."""

        def work():
            with self.unit_of_work() as uow:
                return fn(uow)

        return work

    def write(self, fn: Callable[[Any], Any]) -> Callable[[], Any]:
        """A callable for ``operations.run`` that runs ``fn(uow)`` and commits."""

        def work():
            with self.unit_of_work() as uow:
                result = fn(uow)
                uow.commit()
                return result

        return work

    def close(self) -> None:
        dispose = getattr(self.database, "dispose", None) or getattr(
            getattr(self.database, "engine", None), "dispose", None
        )
        if dispose is not None:
            try:
                dispose()
            except Exception:  # noqa: BLE001 - closing must not fail the app
                log.exception("closing the database")


def display_name(url: str) -> str:
    """A short name for a database URL, for titles and the recent list."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        return Path(url[len("sqlite:///"):]).name
    return url.split("@")[-1]
