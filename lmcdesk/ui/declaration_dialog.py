"""Record a declaration of interest at an item: who, which registered interest
(or a new one), and how it was managed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from lmcdesk.domain.enums import ConflictAction
from lmcdesk.domain.model import Declaration, new_id
from lmcdesk.vocabulary import choices

class DeclarationDialog(QDialog):
    def __init__(self, meeting, directory, person_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Declaration of interest")
        self.setAccessibleName("Declaration of interest")
        self.directory = directory
        self.person = QComboBox(self)
        self.person.setAccessibleName("Person declaring")
        for a in meeting.attendance:
            if a.is_present:
                self.person.addItem(directory.person_name(a.person_id), a.person_id)
        if person_id:
            self.person.setCurrentIndex(max(0, self.person.findData(person_id)))
        self.interest = QComboBox(self)
        self.interest.setAccessibleName("Registered interest")
        self.nature = QLineEdit(self)
        self.nature.setAccessibleName("Nature of the interest")
        self.action = QComboBox(self)
        self.action.setAccessibleName("How the conflict was managed")
        for text, value in choices(ConflictAction):
            self.action.addItem(text, value)
        self.decided_by = QComboBox(self)
        self.decided_by.setAccessibleName("Decided by")
        self.decided_by.addItem("—")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for a in meeting.attendance:
            if a.is_present:
                self.decided_by.addItem(directory.person_name(a.person_id), a.person_id)
        if meeting.chair_id:
            self.decided_by.setCurrentIndex(max(0, self.decided_by.findData(meeting.chair_id)))
        form = QFormLayout(self)
        form.addRow("&Person", self.person)
        form.addRow("&Interest", self.interest)
        form.addRow("&Nature", self.nature)
        form.addRow("&Managed by", self.action)
        form.addRow("&Decided by", self.decided_by)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.person.currentIndexChanged.connect(self._fill_interests)
        self.interest.currentIndexChanged.connect(self._interest_chosen)
        self._fill_interests()

    def _fill_interests(self) -> None:
        self.interest.clear()
        pid = self.person.currentData()
        for i in self.directory.interests_of(pid) if pid else []:
            if i.nil_return:
                continue
            org = i.organisation_name or self.directory.body_name(i.organisation_id)
            self.interest.addItem(f"{org}: {i.description}"[:90], i.id)
        self.interest.addItem("New interest, not yet on the register")  # no data: PySide6 6.12 loses a ref to None (qtfix)

    def _interest_chosen(self) -> None:
        iid = self.interest.currentData()
        for i in self.directory.interests:
            if i.id == iid:
                self.nature.setText(i.description)

    def declaration(self, when=None) -> Declaration:
        action = ConflictAction(self.action.currentData())
        iid = self.interest.currentData()
        interest = next((i for i in self.directory.interests if i.id == iid), None)
        return Declaration(
            id=new_id(),
            person_id=self.person.currentData(),
            interest_id=iid,
            nature=self.nature.text().strip(),
            interest_type=interest.type if interest else None,
            organisation_id=interest.organisation_id if interest else None,
            action=action,
            decided_by_id=self.decided_by.currentData(),
            time_out=when if action == ConflictAction.WITHDREW else None,
        )
