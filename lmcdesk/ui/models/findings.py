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


def _severity(row: FindingRow) -> str:
    return SEVERITY_TEXT.get(row.severity, row.severity)


class FindingsModel(RowTableModel):
    SEVERITY, MESSAGE = range(2)
    COLUMNS = (
        Column("Severity", lambda r: _severity(r) + (f"\n{r.where}" if r.where else ""),
               tooltip=lambda r: r.rule_id),
        Column("Finding", lambda r: r.message, tooltip=lambda r: f"{r.rule_id}: {r.message}"),
    )
    HEADER_TIPS = ("How serious the finding is, and the item it is about", "What the probity checks found")

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.HEADER_TIPS[section]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.COLUMNS[section].header
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # read aloud as "Error, Item 4" rather than the two display lines run together
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == self.SEVERITY \
                and 0 <= index.row() < len(self._rows):
            row = self._rows[index.row()]
            return _severity(row) + (f", {row.where}" if row.where else "")
        return super().data(index, role)

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(SEVERITY_COLOUR.get(row.severity, "#000000"))
        return None
