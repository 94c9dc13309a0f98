"""The probity rules as rows (Help > Probity rules): the same data as
``docs/probity-rules.md``, read from ``lmcdesk.probity.RULES``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from lmcdesk.ui.models.base import Column, RowTableModel


@dataclass(frozen=True)
class RuleRow:
    id: str
    title: str
    statement: str
    source: str
    severity: str  # "error" | "warning"


def rule_rows() -> list[RuleRow]:
    from lmcdesk.probity import RULES

    return [RuleRow(r.id, r.title, r.statement, r.source, str(r.severity)) for r in RULES]


SEVERITY_WORDS = {"error": "Error: blocks approval", "warning": "Warning"}


class RulesModel(RowTableModel):
    ID, SEVERITY, STATEMENT, SOURCE = range(4)
    COLUMNS = (
        Column("Rule", lambda r: r.id, tooltip=lambda r: r.title),
        Column("Severity", lambda r: SEVERITY_WORDS.get(r.severity, r.severity)),
        Column("What must be true", lambda r: f"{r.title}\n{r.statement}",
               tooltip=lambda r: r.statement),
        Column("Source", lambda r: r.source, tooltip=lambda r: r.source),
    )

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor("#b00020" if row.severity == "error" else "#8a5a00")
        return None
