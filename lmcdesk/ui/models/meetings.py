"""Meetings list: one immutable row per meeting, plus the filter proxy."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel

from lmcdesk.domain.enums import MeetingKind, MinutesStatus
from lmcdesk.ui.models.base import SORT_ROLE, Column, RowTableModel
from lmcdesk.vocabulary import words


@dataclass(frozen=True)
class MeetingRow:
    id: str
    date: date
    body_id: str
    body_name: str
    kind: str
    title: str
    status: str
    items: int = 0


class MeetingsModel(RowTableModel):
    DATE, BODY, KIND, TITLE, STATUS = range(5)
    COLUMNS = (
        Column("Date", lambda r: r.date.strftime("%d %b %Y"), sort=lambda r: r.date.isoformat()),
        Column("Body", lambda r: r.body_name),
        Column("Kind", lambda r: words(MeetingKind(r.kind))),
        Column("Title", lambda r: r.title),
        Column("Minutes", lambda r: words(MinutesStatus(r.status))),
    )


class MeetingFilter(QSortFilterProxyModel):
    """Filters by body, kind, year and (after a full-text search) a set of ids."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body_id: str | None = None
        self.kind: str | None = None
        self.year: int | None = None
        self.ids: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, body_id=..., kind=..., year=..., ids=...) -> None:
        self.beginFilterChange()
        if body_id is not ...:
            self.body_id = body_id
        if kind is not ...:
            self.kind = kind
        if year is not ...:
            self.year = year
        if ids is not ...:
            self.ids = None if ids is None else frozenset(ids)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802
        row: MeetingRow = self.sourceModel().row_at(source_row)
        if self.body_id and row.body_id != self.body_id:
            return False
        if self.kind and str(row.kind) != self.kind:
            return False
        if self.year and row.date.year != self.year:
            return False
        if self.ids is not None and row.id not in self.ids:
            return False
        return True
