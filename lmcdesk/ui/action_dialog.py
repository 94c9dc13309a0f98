"""Record an action with its owner and due date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from lmcdesk.domain.model import Action, new_id


class ActionDialog(QDialog):
    def __init__(self, meeting, directory, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Action")
        self.setAccessibleName("Action")
        self.description = QLineEdit(self)
        self.description.setAccessibleName("Action description")
        self.owner = QComboBox(self)
        self.owner.setAccessibleName("Owner")
        self.owner.addItem("—")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        ids = [a.person_id for a in meeting.attendance] or list(directory.people)
        for pid in sorted(set(ids), key=directory.person_name):
            self.owner.addItem(directory.person_name(pid), pid)
        self.due = QDateEdit(QDate.currentDate().addDays(28), self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM yyyy")
        self.due.setAccessibleName("Due date")
        form = QFormLayout(self)
        form.addRow("&Action", self.description)
        form.addRow("&Owner", self.owner)
        form.addRow("&Due", self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def action(self, item_id: str | None) -> Action:
        d = self.due.date()
        return Action(id=new_id(), description=self.description.text().strip(), owner_id=self.owner.currentData(),
                      due=date(d.year(), d.month(), d.day()), item_id=item_id)
