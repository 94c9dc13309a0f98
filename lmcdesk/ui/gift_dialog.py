"""Add or change one entry on the gifts and hospitality register.

What cannot be right (nobody chosen, nothing said, a declaration dated before
the offer) is said in the dialog before anything is saved, in the words the
service would refuse it with.  "Offered by" is a body LMC Desk knows (its id
is kept, so the probity check P-GIFT-UNDECLARED can link the gift to an
agenda item) or any other name typed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
)

from lmcdesk.domain.model import Directory, GiftOffer, new_id
from lmcdesk.services.directory import gift_problem
from lmcdesk.ui.date_field import OptionalDate
from lmcdesk.ui.form_dialog import finish_form, problem_label, show_problem
from lmcdesk.ui.interest_dialog import people_combo


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class GiftDialog(QDialog):
    """``gift`` None: a new entry (for ``person_id`` if given)."""

    def __init__(self, directory: Directory, gift: GiftOffer | None = None, person_id: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.original = gift
        today = date.today()
        entry = gift or GiftOffer(id=new_id(), person_id=person_id or "", offered_by="", description="",
                                  offered_on=today, declared_on=today)
        title = "Add a gift or hospitality" if gift is None else "Change a gift or hospitality"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.person = people_combo(self, directory, "Offered to", entry.person_id)
        self.offered_by = QComboBox(self)
        self.offered_by.setEditable(True)
        self.offered_by.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.offered_by.setAccessibleName("Offered by")
        self.offered_by.setToolTip("Choose a body LMC Desk knows, or type the name of another organisation "
                                   "or person")
        self.offered_by.addItem("")
        for b in sorted(directory.bodies.values(), key=lambda b: b.name):
            self.offered_by.addItem(b.name, b.id)
        if entry.body_id and self.offered_by.findData(entry.body_id) >= 0:
            self.offered_by.setCurrentIndex(self.offered_by.findData(entry.body_id))
        else:
            self.offered_by.setCurrentIndex(0)
            self.offered_by.setEditText(entry.offered_by)
        self.description = QLineEdit(entry.description, self)
        self.description.setAccessibleName("Gift or hospitality")
        self.description.setCursorPosition(0)
        self.description.setPlaceholderText("e.g. Dinner after an evening education meeting")
        self.value = QDoubleSpinBox(self)
        self.value.setAccessibleName("Value in pounds")
        self.value.setPrefix("£")
        self.value.setDecimals(2)
        self.value.setRange(0, 1_000_000)
        self.value.setSingleStep(5)
        self.value.setSpecialValueText("Not known")
        self.value.setValue(entry.value_pence / 100)
        self.offered_on = QDateEdit(self)
        self.offered_on.setCalendarPopup(True)
        self.offered_on.setDisplayFormat("d MMM yyyy")
        self.offered_on.setMinimumDate(QDate(1900, 1, 1))
        self.offered_on.setAccessibleName("Offered on")
        self.offered_on.setDate(_qdate(entry.offered_on or today))
        self.accepted = QComboBox(self)
        self.accepted.setAccessibleName("Accepted or declined")
        self.accepted.addItem("Declined", False)
        self.accepted.addItem("Accepted", True)
        self.accepted.setCurrentIndex(1 if entry.accepted else 0)
        self.declared_on = OptionalDate("Declared on", "Declared", entry.declared_on, self)
        self.notes = QLineEdit(entry.notes, self)
        self.notes.setAccessibleName("Notes")
        self.notes.setCursorPosition(0)  # a long note reads from its start
        self.notes.setPlaceholderText("e.g. Declined: supplier of products the group may commission")
        self.problem = problem_label(self)

        form = QFormLayout(self)
        form.addRow("Offered &to", self.person)
        form.addRow("Offered &by", self.offered_by)
        form.addRow("&Gift or hospitality", self.description)
        form.addRow("&Value", self.value)
        form.addRow("&Offered on", self.offered_on)
        form.addRow("&Accepted or declined", self.accepted)
        form.addRow("Dec&lared on", self.declared_on)
        form.addRow("&Notes", self.notes)
        self.buttons = finish_form(self, form, self.problem)
        self.setMinimumWidth(480)

    def gift(self) -> GiftOffer:
        base = self.original or GiftOffer(id=new_id(), person_id="", offered_by="", description="",
                                          offered_on=date.today())
        text = self.offered_by.currentText().strip()
        body = next((b for b in self.directory.bodies.values() if b.name.casefold() == text.casefold()), None)
        d = self.offered_on.date()
        return replace(
            base,
            person_id=self.person.currentData() or "",
            offered_by=body.name if body is not None else text,
            body_id=body.id if body is not None else None,
            description=self.description.text().strip(),
            value_pence=round(self.value.value() * 100),
            offered_on=date(d.year(), d.month(), d.day()),
            accepted=bool(self.accepted.currentData()),
            declared_on=self.declared_on.value(),
            notes=self.notes.text().strip(),
        )

    def accept(self) -> None:
        entry = self.gift()
        problem = gift_problem(entry, self.directory)
        if problem:
            focus = {"offered it": self.offered_by, "what was offered": self.description,
                     "declared on": self.declared_on.edit, "value": self.value}
            target = next((w for k, w in focus.items() if k in problem), self.person)
            show_problem(self.problem, problem, target)
            return
        super().accept()
