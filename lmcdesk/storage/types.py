"""Column types that store domain values as plain, portable words.

Enums are kept as their string values (the same words as the JSON meeting
file), timestamps as ISO 8601 text so that an aware ``datetime`` comes back
exactly as it went in on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator


class EnumText(TypeDecorator):
    """A ``StrEnum`` stored as its value in a VARCHAR (no CHECK constraint, so
    adding a member does not need a table rebuild)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_cls(value)


class IsoDateTime(TypeDecorator):
    """A ``datetime`` as ISO 8601 text, keeping its time zone if it has one."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else value.isoformat()

    def process_result_value(self, value, dialect):
        return None if value is None else datetime.fromisoformat(value)
