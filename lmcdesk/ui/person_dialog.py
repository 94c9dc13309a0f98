"""Add or change a person: name as the minutes print it, email, whether they
still take part, and their places in bodies (which body, which role, voting
or not, from when until when).  The memberships decide who counts towards a
quorum, so leaving a body is better recorded with an end date than by
removing the membership (past meetings keep their quorum)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
)

from lmcdesk.domain.enums import MembershipRole
from lmcdesk.domain.model import Directory, Membership, Person, new_id
from lmcdesk.ui.date_field import OptionalDate
from lmcdesk.ui.form_dialog import finish_form, problem_label, show_problem
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import choices, words

TITLES = ("", "Dr", "Prof", "Mr", "Mrs", "Ms", "Miss", "Mx")

#: Roles whose holders usually have no vote (the box can still be ticked).
NON_VOTING_ROLES = {MembershipRole.SECRETARY, MembershipRole.OFFICER, MembershipRole.OBSERVER,
                    MembershipRole.EMPLOYEE}


def split_title(name: str) -> tuple[str, str]:
    """'Dr Alys Example' -> ('Dr', 'Alys Example').  The record keeps one
    name as the minutes print it; the title is its first word."""
    first, _, rest = name.strip().partition(" ")
    if rest and first.rstrip(".") in TITLES[1:]:
        return first.rstrip("."), rest.strip()
    return "", name.strip()


def _d(day: date | None) -> str:
    return f"{day:%d %b %Y}" if day else ""


@dataclass(frozen=True)
class MembershipRow:
    id: str
    body: str
    role: str
    voting: bool
    start: date | None
    end: date | None


class MembershipsModel(RowTableModel):
    COLUMNS = (
        Column("Body", lambda r: r.body),
        Column("Role", lambda r: words(MembershipRole(r.role))),
        Column("Votes", lambda r: "Yes" if r.voting else "No"),
        Column("From", lambda r: _d(r.start), sort=lambda r: r.start.isoformat() if r.start else ""),
        Column("Until", lambda r: _d(r.end), sort=lambda r: r.end.isoformat() if r.end else ""),
    )


class MembershipDialog(QDialog):
    def __init__(self, directory: Directory, membership: Membership, parent=None) -> None:
        super().__init__(parent)
        self.membership = membership
        self.setWindowTitle("Membership")
        self.setAccessibleName("Membership")
        self.body = QComboBox(self)
        self.body.setAccessibleName("Body")
        for b in sorted(directory.bodies.values(), key=lambda b: b.name):
            self.body.addItem(b.name, b.id)
        self.body.setCurrentIndex(max(0, self.body.findData(membership.body_id)))
        self.role = QComboBox(self)
        self.role.setAccessibleName("Role")
        for text, value in choices(MembershipRole):
            self.role.addItem(text, value)
        self.role.setCurrentIndex(max(0, self.role.findData(str(membership.role))))
        self.voting = QCheckBox("Voting member (counts towards the quorum)", self)
        self.voting.setAccessibleName("Voting member")
        self.voting.setChecked(membership.voting)
        self.start = OptionalDate("Member from", "Known", membership.start, self)
        self.end = OptionalDate("Member until", "Left", membership.end, self)
        self.problem = problem_label(self)
        form = QFormLayout(self)
        form.addRow("&Body", self.body)
        form.addRow("&Role", self.role)
        form.addRow(self.voting)
        form.addRow("&From", self.start)
        form.addRow("&Until", self.end)
        self.buttons = finish_form(self, form, self.problem, save=False)
        self.role.activated.connect(self._role_chosen)

    def _role_chosen(self) -> None:
        self.voting.setChecked(MembershipRole(self.role.currentData()) not in NON_VOTING_ROLES)

    def value(self) -> Membership:
        return replace(self.membership, body_id=self.body.currentData(), role=MembershipRole(self.role.currentData()),
                       voting=self.voting.isChecked(), start=self.start.value(), end=self.end.value())

    def accept(self) -> None:
        m = self.value()
        if not m.body_id:
            show_problem(self.problem, "Choose the body.", self.body)
            return
        if m.start and m.end and m.end < m.start:
            show_problem(self.problem, f"The membership cannot end on {_d(m.end)}, before it starts on "
                         f"{_d(m.start)}. Check the dates.", self.end.edit)
            return
        super().accept()


class PersonDialog(QDialog):
    def __init__(self, directory: Directory, person: Person | None = None, parent=None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.original = person
        self.person_id = person.id if person else new_id()
        heading = "Change a person" if person else "Add a person"
        self.setWindowTitle(heading)
        self.setAccessibleName(heading)
        title, name = split_title(person.name) if person else ("Dr", "")
        self.title = QComboBox(self)
        self.title.setEditable(True)
        self.title.setAccessibleName("Title")
        self.title.addItems(TITLES)
        self.title.setCurrentText(title)
        self.name = QLineEdit(name, self)
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("First name and surname, e.g. Alys Example")
        self.email = QLineEdit(person.email if person else "", self)
        self.email.setAccessibleName("Email")
        self.active = QCheckBox("Active: still takes part in meetings", self)
        self.active.setAccessibleName("Active")
        self.active.setChecked(person.active if person else True)
        self._memberships = [replace(m) for m in directory.memberships if person and m.person_id == person.id]
        self.model = MembershipsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Memberships")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.edit_membership())
        self.add_button = QPushButton("&Add membership…", self)
        self.edit_button = QPushButton("Chan&ge membership…", self)
        self.remove_button = QPushButton("&Remove membership", self)
        self.remove_button.setToolTip("For a mistake. If they have left the body, change the membership and "
                                      "give the date they left: past meetings keep their quorum.")
        self.add_button.clicked.connect(self.add_membership)
        self.edit_button.clicked.connect(self.edit_membership)
        self.remove_button.clicked.connect(self.remove_membership)
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        self.problem = problem_label(self)

        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Name", self.name)
        form.addRow("&Email", self.email)
        form.addRow(self.active)
        form.addRow("&Memberships", self.table)
        form.addRow(row)
        self.buttons = finish_form(self, form, self.problem)
        self.resize(620, 480)
        self._fill()
        self.name.setFocus()

    # ------------------------------------------------------------------ memberships
    def _fill(self) -> None:
        d = self.directory
        self.model.set_rows(
            MembershipRow(m.id, d.body_name(m.body_id), str(m.role), m.voting, m.start, m.end)
            for m in sorted(self._memberships, key=lambda m: (d.body_name(m.body_id), str(m.role)))
        )
        has = bool(self._memberships)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        if has and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _selected(self) -> Membership | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        mid = self.model.row_at(index.row()).id
        return next((m for m in self._memberships if m.id == mid), None)

    def membership_dialog(self, membership: Membership) -> MembershipDialog:
        return MembershipDialog(self.directory, membership, self)

    def add_membership(self) -> None:
        dialog = self.membership_dialog(Membership(id=new_id(), person_id=self.person_id, body_id=""))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._memberships.append(dialog.value())
            self._fill()
        dialog.deleteLater()

    def edit_membership(self) -> None:
        m = self._selected()
        if m is None:
            return
        dialog = self.membership_dialog(m)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._memberships = [dialog.value() if x.id == m.id else x for x in self._memberships]
            self._fill()
        dialog.deleteLater()

    def remove_membership(self) -> None:
        m = self._selected()
        if m is not None:
            self._memberships = [x for x in self._memberships if x.id != m.id]
            self._fill()

    # ------------------------------------------------------------------ result
    def person(self) -> Person:
        name = " ".join(f"{self.title.currentText().strip()} {self.name.text().strip()}".split())
        base = self.original or Person(id=self.person_id, name="")
        return replace(base, name=name, email=self.email.text().strip(), active=self.active.isChecked())

    def memberships(self) -> list[Membership]:
        return list(self._memberships)

    def accept(self) -> None:
        if not self.name.text().strip():
            show_problem(self.problem, "Give the person's name as it should appear in the minutes.", self.name)
            return
        email = self.email.text().strip()
        if email and ("@" not in email or " " in email):
            show_problem(self.problem, f"'{email}' does not look like an email address.", self.email)
            return
        super().accept()
