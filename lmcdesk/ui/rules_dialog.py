"""Help > Probity rules: every rule the checks apply, with its id, what must
be true, whether it blocks approval and the guidance it comes from, so a
secretary can see why a finding was raised (the same text as
``docs/probity-rules.md``)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout,
)

from lmcdesk.ui.models.rules import RulesModel, rule_rows


class RulesDialog(QDialog):
    def __init__(self, parent=None, select_rule: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Probity rules")
        self.setAccessibleName("Probity rules")
        self.resize(1000, 600)
        self.model = RulesModel(self)
        self.model.set_rows(rule_rows())
        errors = sum(1 for r in self.model.rows() if r.is_error)
        intro = QLabel(
            f"LMC Desk checks every meeting against these {self.model.rowCount()} rules. "
            f"The {errors} errors must be put right before the minutes can be approved; "
            "warnings are for the chair and secretary to consider.", self)
        intro.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter rules (e.g. quorum, chair, register)")
        self.filter.setAccessibleName("Filter rules")
        self.filter.setClearButtonEnabled(True)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setAccessibleName("Probity rules table")
        self.table.setModel(self.proxy)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RulesModel.ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RulesModel.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RulesModel.STATEMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RulesModel.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RulesModel.SOURCE, 300)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if select_rule:
            self.select(select_rule)

    def select(self, rule_id: str) -> None:
        row = self.model.row_of_id(rule_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
