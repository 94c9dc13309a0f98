"""New meeting: body, date, kind and title; the standard agenda is added for you."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTimeEdit,
)

from lmcdesk.domain.enums import BodyType, MeetingKind
from lmcdesk.domain.model import Directory, Meeting, new_id
from lmcdesk.ui.agenda_template import standard_items
from lmcdesk.vocabulary import choices

MEETING_BODY_TYPES = {BodyType.LMC, BodyType.LOCALITY, BodyType.COMMISSIONER, BodyType.FEDERATION,
                      BodyType.FEDERATION_COMPANY, BodyType.OTHER}


class NewMeetingDialog(QDialog):
    def __init__(self, directory: Directory, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self.setAccessibleName("New meeting")
        self.body = QComboBox(self)
        self.body.setAccessibleName("Body")
        for b in sorted(directory.bodies.values(), key=lambda b: b.name):
            if b.type in MEETING_BODY_TYPES:
                self.body.addItem(b.name, b.id)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of meeting")
        for text, value in choices(MeetingKind):
            self.kind.addItem(text, value)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd MMM yyyy")
        self.date.setAccessibleName("Meeting date")
        self.start = QTimeEdit(QTime(19, 0), self)
        self.start.setAccessibleName("Start time")
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("e.g. Board meeting")
        self.venue = QLineEdit(self)
        self.venue.setAccessibleName("Venue")
        self.template = QCheckBox("Add the standard items (apologies, declarations, previous minutes, "
                                  "matters arising, any other business)", self)
        self.template.setChecked(True)
        self.template.setAccessibleName("Add the standard agenda items")
        form = QFormLayout(self)
        form.addRow("&Body", self.body)
        form.addRow("&Kind", self.kind)
        form.addRow("&Date", self.date)
        form.addRow("&Starts", self.start)
        form.addRow("&Title", self.title)
        form.addRow("&Venue", self.venue)
        form.addRow(self.template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def meeting(self) -> Meeting:
        d = self.date.date()
        t = self.start.time()
        meeting = Meeting(
            id=new_id(),
            body_id=self.body.currentData(),
            date=date(d.year(), d.month(), d.day()),
            kind=MeetingKind(self.kind.currentData()),
            title=self.title.text().strip() or "Meeting",
            start_time=time(t.hour(), t.minute()),
            venue=self.venue.text().strip(),
        )
        if self.template.isChecked():
            for item in standard_items():
                meeting.add_item(item)
        return meeting
