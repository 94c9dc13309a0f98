"""A titled, filterable table: people, bodies, interests, actions."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lmcdesk.ui.models.base import ID_ROLE, ROW_ROLE, SORT_ROLE, RowTableModel


class TablePage(QWidget):
    activated = Signal(str)

    def __init__(self, title: str, model: RowTableModel, stretch_column: int, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {title.lower()}")
        self.filter.setAccessibleName(f"Filter {title.lower()}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setAccessibleName(title)
        self.table.setModel(self.proxy)
        # rows arrive in a sensible order from the service: no sort until the user asks
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # measure a sample of rows, not all 7,000 actions of a ten-year record
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        if getattr(model, "WRAP", False):  # long text (a person's roles) wraps; rows grow to fit it
            self.table.setWordWrap(True)
            rows = self.table.verticalHeader()
            rows.setMinimumSectionSize(rows.defaultSectionSize())  # one-line rows as tall as elsewhere
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._stretch = stretch_column
        self.table.activated.connect(lambda i: self.activated.emit(i.data(ID_ROLE) or ""))
        heading = QLabel(f"<b>{title}</b>", self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filter)
        self.button_row = QHBoxLayout()  # buttons for the page's actions (add_actions)
        layout.addLayout(self.button_row)
        layout.addWidget(self.table, 1)

    def add_actions(self, actions) -> None:
        """A button for each action above the table; the same actions on the
        table's context menu."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            self.button_row.addWidget(button)
            self.table.addAction(action)
        self.button_row.addStretch(1)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def selected_rows(self) -> list:
        """The row objects selected in the table, in the order shown."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in rows]

    def current_row(self):
        index = self.table.currentIndex()
        selected = self.selected_rows()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return index.data(ROW_ROLE)
        return selected[0] if selected else None

    def select_id(self, row_id: str) -> bool:
        row = self.model.row_of_id(row_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        return True

    def set_rows(self, rows, select: str | None = None) -> None:
        """Show ``rows``; the row selected before stays selected, or the row
        ``select`` (a record just created) when it is one of them."""
        current = self.current_row()
        keep = self.model.row_id(current) if current is not None else None
        if select is not None and any(self.model.row_id(r) == select for r in rows):
            keep = select
        self.model.set_rows(rows)
        if keep is not None:
            self.select_id(keep)
        self._fit_columns()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for c in range(self.model.columnCount()):
            if header.sectionSize(c) > 320:
                header.resizeSection(c, 320)
        header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)
