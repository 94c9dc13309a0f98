"""Attendance check-in: one row per expected person, status, capacity, late
arrival and early departure, with the live quorum indicator above."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lmcdesk.domain.enums import AttendanceStatus, Capacity, MembershipRole
from lmcdesk.domain.model import Attendance, new_id
from lmcdesk.ui.models.attendance import AttendanceModel, AttendanceRow
from lmcdesk.ui.models.base import ID_ROLE
from lmcdesk.ui.quorum_indicator import QuorumIndicator
from lmcdesk.vocabulary import choices


def _now():
    return datetime.now().time().replace(second=0, microsecond=0)


def expected_attendance(meeting, directory) -> list[Attendance]:
    """Members of the body on the meeting date who have no attendance row yet."""
    have = {a.person_id for a in meeting.attendance}
    rows = []
    for m in directory.memberships:
        if m.body_id != meeting.body_id or not m.active_on(meeting.date) or m.person_id in have:
            continue
        have.add(m.person_id)
        capacity = Capacity.VOTING_MEMBER if m.voting else (
            Capacity.LMC_OFFICER if m.role in (MembershipRole.SECRETARY, MembershipRole.OFFICER) else Capacity.IN_ATTENDANCE)
        rows.append(Attendance(id=new_id(), person_id=m.person_id, status=AttendanceStatus.ABSENT,
                               capacity=capacity, voting=m.voting))
    return rows


class AttendancePage(QWidget):
    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.model = AttendanceModel(self)
        self.quorum = QuorumIndicator(self)
        self.table = QTableView(self)
        self.table.setObjectName("attendanceTable")
        self.table.setAccessibleName("Attendance")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(AttendanceModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.set_status(AttendanceStatus.PRESENT))

        self.present_button = QPushButton("&Present", self)
        self.present_button.setAccessibleName("Check in as present")
        self.present_button.setToolTip("Enter or P")
        self.apologies_button = QPushButton("Apolo&gies", self)
        self.apologies_button.setAccessibleName("Mark apologies")
        self.absent_button = QPushButton("A&bsent", self)
        self.absent_button.setAccessibleName("Mark absent")
        self.capacity = QComboBox(self)
        self.capacity.setAccessibleName("Capacity")
        for text, value in choices(Capacity):
            self.capacity.addItem(text, value)
        self.late_button = QPushButton("Arrived &late (now)", self)
        self.late_button.setAccessibleName("Record late arrival now")
        self.left_button = QPushButton("&Left early (now)", self)
        self.left_button.setAccessibleName("Record early departure now")
        self.expected_button = QPushButton("Add e&xpected members", self)
        self.expected_button.setAccessibleName("Add the body's members as expected attendees")
        self.guest = QComboBox(self)
        self.guest.setAccessibleName("Add someone else")
        self.guest_button = QPushButton("Add &someone", self)
        self.guest_button.setAccessibleName("Add the chosen person")
        buttons = QHBoxLayout()
        capacity_label = QLabel("&Capacity", self)
        capacity_label.setBuddy(self.capacity)
        for w in (self.present_button, self.apologies_button, self.absent_button, capacity_label, self.capacity):
            buttons.addWidget(w)
        buttons.addStretch(1)
        extra = QHBoxLayout()
        extra.addWidget(self.late_button)
        extra.addWidget(self.left_button)
        extra.addWidget(self.expected_button)
        extra.addStretch(1)
        extra.addWidget(self.guest)
        extra.addWidget(self.guest_button)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Attendance summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(extra)
        layout.addWidget(self.summary)

        self.present_button.clicked.connect(lambda: self.set_status(AttendanceStatus.PRESENT))
        self.apologies_button.clicked.connect(lambda: self.set_status(AttendanceStatus.APOLOGIES))
        self.absent_button.clicked.connect(lambda: self.set_status(AttendanceStatus.ABSENT))
        self.capacity.activated.connect(lambda _i: self.set_capacity(Capacity(self.capacity.currentData())))
        self.late_button.clicked.connect(self.arrived_late)
        self.left_button.clicked.connect(self.left_early)
        self.expected_button.clicked.connect(self.add_expected)
        self.guest_button.clicked.connect(self.add_guest)
        QShortcut(QKeySequence("P"), self.table, lambda: self.set_status(AttendanceStatus.PRESENT))
        QShortcut(QKeySequence("A"), self.table, lambda: self.set_status(AttendanceStatus.APOLOGIES))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._sync_controls())
        editor.meeting_changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.editor.meeting.attendance and not self.editor.read_only:
            self.add_expected()

    # ------------------------------------------------------------------ view
    def refresh(self) -> None:
        current = self.current_person_id()
        m, d = self.editor.meeting, self.editor.directory
        items = {i.id: i for i in m.items}

        def item_label(item_id):
            return f"(item {items[item_id].position})" if item_id in items else ""

        rows = [
            AttendanceRow(a.id, a.person_id, d.person_name(a.person_id), str(a.status), str(a.capacity), a.voting,
                          a.arrived_time, item_label(a.arrived_at_item_id), a.departed_time,
                          item_label(a.departed_after_item_id))
            for a in m.attendance
        ]
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(AttendanceModel.NAME, QHeaderView.ResizeMode.Stretch)
        if current:
            self.select_person(current)
        elif rows:
            self.table.selectRow(0)
        current_item = self.editor.minutes.current_item() if hasattr(self.editor, "minutes") else None
        self.quorum.show_for(m, d, current_item)
        present = sum(1 for a in m.attendance if a.is_present)
        apologies = sum(1 for a in m.attendance if a.status == AttendanceStatus.APOLOGIES)
        self.summary.setText(f"{present} present · {apologies} apologies · {len(m.attendance)} expected")
        people = sorted(d.people.values(), key=lambda p: p.name)
        have = {a.person_id for a in m.attendance}
        self.guest.clear()
        for p in people:
            if p.id not in have:
                self.guest.addItem(p.name, p.id)
        ro = self.editor.read_only
        for w in (self.present_button, self.apologies_button, self.absent_button, self.capacity, self.late_button,
                  self.left_button, self.expected_button, self.guest, self.guest_button):
            w.setEnabled(not ro)

    def _sync_controls(self) -> None:
        a = self._current()
        if a is not None:
            self.capacity.setCurrentIndex(self.capacity.findData(str(a.capacity)))

    def current_person_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _current(self) -> Attendance | None:
        pid = self.current_person_id()
        return self.editor.meeting.attendance_of(pid) if pid else None

    def select_person(self, person_id: str) -> None:
        row = self.model.row_of_id(person_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))

    # ------------------------------------------------------------------ edits
    def _edit(self, text: str, fn) -> None:
        pid = self.current_person_id()
        if pid is None:
            return
        self.editor.change(text, lambda m: fn(m.attendance_of(pid)))

    def set_status(self, status: AttendanceStatus) -> None:
        name = {"present": "Check in", "apologies": "Apologies", "absent": "Absent"}.get(status.value, "Status")
        self._edit(name, lambda a: setattr(a, "status", status))
        row = self.table.currentIndex().row()
        if status == AttendanceStatus.PRESENT and 0 <= row < self.model.rowCount() - 1:
            self.table.selectRow(row + 1)  # check-in moves down the list

    def set_capacity(self, capacity: Capacity) -> None:
        from lmcdesk.domain.enums import NON_MEMBER_CAPACITIES

        def fn(a):
            a.capacity = capacity
            if capacity in NON_MEMBER_CAPACITIES:
                a.voting = False

        self._edit("Change capacity", fn)

    def arrived_late(self) -> None:
        now = _now()
        item = self.editor.minutes.current_item()

        def fn(a):
            a.status = AttendanceStatus.PRESENT
            a.arrived_time = now
            a.arrived_at_item_id = item.id if item is not None else None

        self._edit("Late arrival", fn)

    def left_early(self) -> None:
        now = _now()
        item = self.editor.minutes.current_item()

        def fn(a):
            a.departed_time = now
            a.departed_after_item_id = item.id if item is not None else None

        self._edit("Early departure", fn)

    def add_expected(self) -> None:
        rows = expected_attendance(self.editor.meeting, self.editor.directory)
        if rows:
            self.editor.change("Add expected members", lambda m: m.attendance.extend(rows))

    def add_guest(self) -> None:
        pid = self.guest.currentData()
        if pid:
            row = Attendance(id=new_id(), person_id=pid, capacity=Capacity.IN_ATTENDANCE, voting=False)
            self.editor.change("Add attendee", lambda m: m.attendance.append(row))
            self.select_person(pid)
