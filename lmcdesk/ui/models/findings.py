"""Probity findings and likely conflicts as rows for the probity panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from lmcdesk.ui.models.base import Column, RowTableModel


@dataclass(frozen=True)
class FindingRow:
    id: str  # index-based, stable within one run
    severity: str  # "error" | "warning" | "conflict"
    rule_id: str
    message: str
    item_ids: tuple[str, ...]
    person_ids: tuple[str, ...]
    where: str  # "Item 5" / ""


SEVERITY_TEXT = {"error": "Error", "warning": "Warning", "conflict": "Likely conflict"}
SEVERITY_COLOUR = {"error": "#b00020", "warning": "#8a5a00", "conflict": "#1f5fa8"}


class FindingsModel(RowTableModel):
    SEVERITY, MESSAGE = range(2)
    COLUMNS = (
        Column("", lambda r: SEVERITY_TEXT.get(r.severity, r.severity) + (f"\n{r.where}" if r.where else ""),
               tooltip=lambda r: r.rule_id),
        Column("Finding", lambda r: r.message, tooltip=lambda r: f"{r.rule_id}: {r.message}"),
    )

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(SEVERITY_COLOUR.get(row.severity, "#000000"))
        return None
