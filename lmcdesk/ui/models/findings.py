"""Probity findings and likely conflicts as rows for the probity panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from lmcdesk.domain.enums import Severity
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import colour, words


@dataclass(frozen=True)
class FindingRow:
    id: str  # index-based, stable within one run
    severity: str  # a Severity value ("error", "warning") or CONFLICT
    rule_id: str
    message: str
    item_ids: tuple[str, ...]
    person_ids: tuple[str, ...]
    where: str  # "Item 5" / ""


#: A likely conflict from the register (probity.likely_conflicts): shown with
#: the findings but not one of them, so not a Severity.
CONFLICT = "conflict"
CONFLICT_COLOUR = "#1f5fa8"


def _severity(row: FindingRow) -> str:
    return "Likely conflict" if row.severity == CONFLICT else words(Severity(row.severity))


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
            return QColor(CONFLICT_COLOUR if row.severity == CONFLICT else colour(Severity(row.severity)))
        return None
