"""Add or change one entry in the register of interests (or a nil return),
and end an interest.  What cannot be right (an end before the start, a nil
return while interests are current) is said in the dialog before anything is
saved, in the same words the service would refuse it with."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from lmcdesk.domain.enums import InterestType
from lmcdesk.domain.model import Directory, Interest, new_id
from lmcdesk.services.directory import interest_problem
from lmcdesk.ui.date_field import OptionalDate
from lmcdesk.ui.form_dialog import finish_form, problem_label, show_problem
from lmcdesk.vocabulary import choices


def people_combo(parent, directory: Directory, name: str, selected: str | None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for p in sorted(directory.people.values(), key=lambda p: (not p.active, p.name)):
        combo.addItem(p.name if p.active else f"{p.name} (inactive)", p.id)
    if selected:
        combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class InterestDialog(QDialog):
    """``interest`` None: a new entry (for ``person_id`` if given)."""

    def __init__(self, directory: Directory, interest: Interest | None = None, person_id: str | None = None,
                 nil_return: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.original = interest
        entry = interest or Interest(id=new_id(), person_id=person_id or "", nil_return=nil_return,
                                     valid_from=None if nil_return else date.today(),
                                     declared_on=date.today())
        title = ("Record a nil return" if entry.nil_return else "Add an interest") if interest is None else (
            "Change a nil return" if entry.nil_return else "Change an interest")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.person = people_combo(self, directory, "Person", entry.person_id)
        self.nil = QCheckBox("Nil return: they declared that they have no interests", self)
        self.nil.setAccessibleName("Nil return")
        self.nil.setChecked(entry.nil_return)
        self.type = QComboBox(self)
        self.type.setAccessibleName("Type of interest")
        for text, value in choices(InterestType):
            self.type.addItem(text, value)
        self.type.setCurrentIndex(max(0, self.type.findData(str(entry.type))))
        self.organisation = QComboBox(self)
        self.organisation.setEditable(True)
        self.organisation.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organisation.setAccessibleName("Organisation")
        self.organisation.setToolTip("Choose a body LMC Desk knows, or type the name of another organisation")
        self.organisation.addItem("")
        for b in sorted(directory.bodies.values(), key=lambda b: b.name):
            self.organisation.addItem(b.name, b.id)
        if entry.organisation_id:
            self.organisation.setCurrentIndex(max(0, self.organisation.findData(entry.organisation_id)))
        else:
            self.organisation.setCurrentIndex(0)
            self.organisation.setEditText(entry.organisation_name)
        self.description = QLineEdit(entry.description, self)
        self.description.setAccessibleName("Description of the interest")
        self.description.setPlaceholderText("e.g. GP partner (profit share)")
        self.valid_from = OptionalDate("From", "Known", entry.valid_from, self)
        self.valid_to = OptionalDate("To", "Ended", entry.valid_to, self)
        self.declared_on = OptionalDate("Declared on", "Known", entry.declared_on, self)
        self.reviewed_on = OptionalDate("Last reviewed", "Reviewed", entry.reviewed_on, self)
        self.problem = problem_label(self)

        form = QFormLayout(self)
        form.addRow("&Person", self.person)
        form.addRow(self.nil)
        form.addRow("&Type", self.type)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Description", self.description)
        form.addRow("&From", self.valid_from)
        form.addRow("T&o", self.valid_to)
        form.addRow("Dec&lared on", self.declared_on)
        form.addRow("Last re&viewed", self.reviewed_on)
        self.buttons = finish_form(self, form, self.problem)
        self.setMinimumWidth(480)
        self.nil.toggled.connect(self._nil_toggled)
        self._nil_toggled(entry.nil_return)

    def _nil_toggled(self, nil: bool) -> None:
        for w in (self.type, self.organisation, self.description):
            w.setEnabled(not nil)

    def interest(self) -> Interest:
        base = self.original or Interest(id=new_id(), person_id="")
        nil = self.nil.isChecked()
        text = self.organisation.currentText().strip()
        body_id = next((b.id for b in self.directory.bodies.values() if b.name.casefold() == text.casefold()), None)
        return replace(
            base,
            person_id=self.person.currentData() or "",
            nil_return=nil,
            type=InterestType(self.type.currentData()),
            organisation_id=None if nil else body_id,
            organisation_name="" if nil or body_id else text,
            description="" if nil else self.description.text().strip(),
            valid_from=self.valid_from.value(),
            valid_to=self.valid_to.value(),
            declared_on=self.declared_on.value(),
            reviewed_on=self.reviewed_on.value(),
        )

    def accept(self) -> None:
        entry = self.interest()
        problem = interest_problem(entry, self.directory)
        if problem:
            focus = self.valid_to.edit if "end" in problem and entry.valid_to else self.organisation
            show_problem(self.problem, problem, focus if focus.isEnabled() else self.person)
            return
        super().accept()


class EndInterestDialog(QDialog):
    """When did an interest stop?  (Its 'To' date; the entry stays on the register.)"""

    def __init__(self, directory: Directory, interest: Interest, parent=None) -> None:
        super().__init__(parent)
        self.interest = interest
        self.directory = directory
        self.setWindowTitle("End an interest")
        self.setAccessibleName("End an interest")
        org = interest.organisation_name or directory.body_name(interest.organisation_id) or interest.description
        intro = QLabel(f"When did {directory.person_name(interest.person_id)}'s interest in {org} end? "
                       "It stays on the register with this end date.", self)
        intro.setWordWrap(True)
        self.valid_to = OptionalDate("Ended on", "Ended", interest.valid_to or date.today(), self)
        self.valid_to.known.hide()  # ending needs a date
        self.problem = problem_label(self)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Ended on", self.valid_to)
        self.buttons = finish_form(self, form, self.problem, save=False)
        self.setMinimumWidth(420)
        self.valid_to.edit.setFocus()

    def day(self) -> date:
        return self.valid_to.value() or date.today()

    def accept(self) -> None:
        problem = interest_problem(replace(self.interest, valid_to=self.day()), self.directory)
        if problem:
            show_problem(self.problem, problem, self.valid_to.edit)
            return
        super().accept()
