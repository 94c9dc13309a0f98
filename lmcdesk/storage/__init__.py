"""Storage: SQLAlchemy tables, Alembic migrations, repositories, unit of work.

Importing this package does not import SQLAlchemy: the desktop app shows its
window first and opens the record afterwards (``import sqlalchemy.orm`` costs
about 0.4 s on the office PCs).
"""

from __future__ import annotations

__all__ = ["open_database", "SqlAlchemyUnitOfWork", "Database"]


def __getattr__(name: str):
    if name in ("open_database", "Database"):
        from . import db

        return getattr(db, name)
    if name == "SqlAlchemyUnitOfWork":
        from .uow import SqlAlchemyUnitOfWork

        return SqlAlchemyUnitOfWork
    raise AttributeError(name)
