"""The meetings list with its filters and full-text search box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lmcdesk.domain.enums import MeetingKind
from lmcdesk.ui.models.base import ID_ROLE
from lmcdesk.ui.models.meetings import MeetingFilter, MeetingRow, MeetingsModel
from lmcdesk.vocabulary import choices


class MeetingsPage(QWidget):
    open_meeting = Signal(str)
    #: Emitted (debounced) with the search text; the window runs the search.
    search_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = MeetingsModel(self)
        self.proxy = MeetingFilter(self)
        self.proxy.setSourceModel(self.model)

        self.body_combo = QComboBox(self)
        self.body_combo.setAccessibleName("Filter by body")
        self.body_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Filter by kind of meeting")
        self.kind_combo.addItem("All kinds")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for name, value in choices(MeetingKind, "screen"):
            self.kind_combo.addItem(name, value)
        self.year_combo = QComboBox(self)
        self.year_combo.setAccessibleName("Filter by year")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search minutes, items and decisions  (Ctrl+F)")
        self.search.setAccessibleName("Search minutes")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of meetings shown")

        filters = QHBoxLayout()
        for text, combo in (("&Body", self.body_combo), ("&Kind", self.kind_combo), ("&Year", self.year_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addWidget(self.search, 1)

        self.table = QTableView(self)
        self.table.setObjectName("meetingsTable")
        self.table.setAccessibleName("Meetings")
        self.table.setModel(self.proxy)
        # the service lists meetings newest first; sorting happens when the user asks
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(MeetingsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(lambda: self.search_requested.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.body_combo.currentIndexChanged.connect(self._filters_changed)
        self.kind_combo.currentIndexChanged.connect(self._filters_changed)
        self.year_combo.currentIndexChanged.connect(self._filters_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.setTabOrder(self.body_combo, self.kind_combo)
        self.setTabOrder(self.kind_combo, self.year_combo)
        self.setTabOrder(self.year_combo, self.search)
        self.setTabOrder(self.search, self.table)

    def set_meetings(self, rows: list[MeetingRow], bodies: list[tuple[str, str]]) -> None:
        current_year = self.year_combo.currentData()
        self.model.set_rows(rows)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("All years")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for year in sorted({r.date.year for r in rows}, reverse=True):
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(current_year), 0))
        self.year_combo.blockSignals(False)
        self.set_bodies(bodies)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(MeetingsModel.TITLE, QHeaderView.ResizeMode.Stretch)

    def set_bodies(self, bodies: list[tuple[str, str]]) -> None:
        """The bodies (id, name) to filter by; the chosen one stays chosen."""
        current = self.body_combo.currentData()
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        self.body_combo.addItem("All bodies")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for body_id, name in bodies:
            self.body_combo.addItem(name, body_id)
        self.body_combo.setCurrentIndex(max(self.body_combo.findData(current), 0))
        self.body_combo.blockSignals(False)
        self._filters_changed()

    def update_meetings(self, rows: dict[str, MeetingRow | None]) -> None:
        """The rows of the meetings a write changed (``None``: gone from the
        record); the other rows, the filters and the selection stay."""
        self.model.update_rows(rows)  # the proxy filters and sorts them as they come (dynamicSortFilter)
        self._update_count()

    def set_search_result(self, text: str, ids: list[str] | None) -> None:
        if text != self.search.text().strip():
            return  # an older search finished after a newer one was typed
        self.proxy.set_filter(ids=ids)

    def selected_meeting_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _filters_changed(self) -> None:
        self.proxy.set_filter(
            body_id=self.body_combo.currentData(),
            kind=self.kind_combo.currentData(),
            year=self.year_combo.currentData(),
        )
        self._update_count()

    def _update_count(self, *args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} meetings" if shown != total else f"{total} meetings")

    def _activated(self, index) -> None:
        meeting_id = index.data(ID_ROLE)
        if meeting_id:
            self.open_meeting.emit(meeting_id)
