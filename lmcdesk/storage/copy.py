"""Moving scalar values between table rows and domain dataclasses.

Column names equal dataclass field names (see ``orm.py``), so one pair of
functions serves every table; parent keys and ``seq`` come in as extras.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any, Mapping, TypeVar

from sqlalchemy import Table

T = TypeVar("T")


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


@cache
def _shared(cls: type, table: Table) -> tuple[str, ...]:
    names = _field_names(cls)
    return tuple(c.name for c in table.columns if c.name in names)


def row_values(obj: Any, table: Table, **extra: Any) -> dict[str, Any]:
    """The row for ``obj`` in ``table``: its fields that are columns, plus extras."""
    values = {name: getattr(obj, name) for name in _shared(type(obj), table)}
    values.update(extra)
    return values


def from_row(cls: type[T], row: Mapping[str, Any], **extra: Any) -> T:
    """A ``cls`` built from the columns of ``row`` that are fields of it."""
    names = _field_names(cls)
    kwargs = {k: v for k, v in row.items() if k in names}
    kwargs.update(extra)
    return cls(**kwargs)


@cache
def field_columns(cls: type, table: Table) -> tuple:
    """The columns of ``table`` in ``cls``'s field order, for selecting rows
    that build ``cls(*row)`` directly (about twice as fast as by name); only
    for classes whose every field is a column."""
    cols = []
    for f in fields(cls):
        if f.name not in table.c:
            raise TypeError(f"{cls.__name__}.{f.name} is not a column of {table.name}")
        cols.append(table.c[f.name])
    return tuple(cols)
