"""Attendance check-in rows: one per expected person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from PySide6.QtGui import QColor
from PySide6.QtCore import Qt

from lmcdesk.domain.enums import AttendanceStatus, Capacity
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import colour, words

def _t(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


@dataclass(frozen=True)
class AttendanceRow:
    id: str
    person_id: str
    name: str
    status: str
    capacity: str
    voting: bool
    arrived: time | None
    arrived_item: str
    departed: time | None
    departed_item: str


class AttendanceModel(RowTableModel):
    NAME, STATUS, CAPACITY, VOTING, ARRIVED, LEFT = range(6)
    COLUMNS = (
        Column("Name", lambda r: r.name),
        Column("Status", lambda r: words(AttendanceStatus(r.status))),
        Column("Capacity", lambda r: words(Capacity(r.capacity))),
        Column("Vote", lambda r: "Yes" if r.voting else "No"),
        Column("Arrived late", lambda r: " ".join(x for x in (_t(r.arrived), r.arrived_item) if x)),
        Column("Left early", lambda r: " ".join(x for x in (_t(r.departed), r.departed_item) if x)),
    )

    def row_id(self, row) -> str:
        return row.person_id

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            c = colour(AttendanceStatus(row.status))
            return QColor(c) if c else None
        return None
