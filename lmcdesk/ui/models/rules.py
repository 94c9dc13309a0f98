"""The probity rules as rows (Help > Probity rules): the same data as
``docs/probity-rules.md``, read from ``lmcdesk.probity.RULES``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from lmcdesk.domain.enums import Severity
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import colour, words


@dataclass(frozen=True)
class RuleRow:
    id: str
    title: str
    statement: str
    source: str
    severity: Severity
    is_error: bool  # blocks approval of the minutes


def rule_rows() -> list[RuleRow]:
    from lmcdesk.probity import RULES

    return [RuleRow(r.id, r.title, r.statement, r.source, r.severity, r.is_error) for r in RULES]


class RulesModel(RowTableModel):
    ID, SEVERITY, STATEMENT, SOURCE = range(4)
    COLUMNS = (
        Column("Rule", lambda r: r.id, tooltip=lambda r: r.title),
        Column("Severity", lambda r: words(r.severity, "long")),
        Column("What must be true", lambda r: f"{r.title}\n{r.statement}",
               tooltip=lambda r: r.statement),
        Column("Source", lambda r: r.source, tooltip=lambda r: r.source),
    )

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QColor(colour(row.severity))
        return None
