"""Add or change a body: an LMC, locality group, federation, practice or
company; what it is part of; and, for bodies that meet, the quorum rule."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox

from lmcdesk.domain.enums import BodyType
from lmcdesk.domain.model import Body, Directory, QuorumRule, new_id
from lmcdesk.services.directory import body_problem
from lmcdesk.ui.form_dialog import finish_form, problem_label, show_problem
from lmcdesk.vocabulary import choices

class BodyDialog(QDialog):
    def __init__(self, directory: Directory, body: Body | None = None, parent=None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.original = body or Body(id=new_id(), name="", type=BodyType.PRACTICE)
        b = self.original
        heading = "Change a body" if body else "Add a body"
        self.setWindowTitle(heading)
        self.setAccessibleName(heading)
        self.name = QLineEdit(b.name, self)
        self.name.setAccessibleName("Name")
        self.type = QComboBox(self)
        self.type.setAccessibleName("Type of body")
        for text, value in choices(BodyType):
            self.type.addItem(text, value)
        self.type.setCurrentIndex(max(0, self.type.findData(str(b.type))))
        self.parent_body = QComboBox(self)
        self.parent_body.setAccessibleName("Part of")
        self.parent_body.addItem("—")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for other in sorted(directory.bodies.values(), key=lambda x: x.name):
            if other.id != b.id:
                self.parent_body.addItem(other.name, other.id)
        if b.parent_id:
            self.parent_body.setCurrentIndex(max(0, self.parent_body.findData(b.parent_id)))
        q = b.quorum or QuorumRule()
        self.minimum = QSpinBox(self)
        self.minimum.setAccessibleName("Quorum: at least this many voting members")
        self.minimum.setRange(0, 200)
        self.minimum.setSpecialValueText("No fixed number")
        self.minimum.setValue(q.minimum or 0)
        self.fraction = QComboBox(self)
        self.fraction.setEditable(True)
        self.fraction.setAccessibleName("Quorum: at least this share of the voting members")
        self.fraction.addItems(["", "1/3", "1/2", "2/3", "3/4"])
        self.fraction.setCurrentText(f"{q.fraction.numerator}/{q.fraction.denominator}" if q.fraction else "")
        self.withdrawn = QCheckBox("Members who withdraw for a conflict still count towards the quorum", self)
        self.withdrawn.setAccessibleName("Withdrawn members count towards the quorum")
        self.withdrawn.setChecked(q.withdrawn_count)
        self.notes = QLineEdit(b.notes, self)
        self.notes.setAccessibleName("Notes")
        self.problem = problem_label(self)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Type", self.type)
        form.addRow("&Part of", self.parent_body)
        form.addRow("Quorum, &at least", self.minimum)
        form.addRow("Quorum, &share", self.fraction)
        form.addRow(self.withdrawn)
        form.addRow("N&otes", self.notes)
        self.buttons = finish_form(self, form, self.problem)

    def _fraction(self) -> Fraction | None:
        text = self.fraction.currentText().strip()
        if not text:
            return None
        try:
            return Fraction(text.replace(" ", ""))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"'{text}' is not a share of the members; write it like 1/2 or 2/3.") from None

    def body(self) -> Body:
        minimum = self.minimum.value() or None
        fraction = self._fraction()
        withdrawn = self.withdrawn.isChecked()
        quorum = QuorumRule(minimum, fraction, withdrawn) if (minimum or fraction or withdrawn) else None
        return replace(self.original, name=self.name.text().strip(), type=BodyType(self.type.currentData()),
                       parent_id=self.parent_body.currentData(), quorum=quorum, notes=self.notes.text().strip())

    def accept(self) -> None:
        try:
            body = self.body()
        except ValueError as exc:
            show_problem(self.problem, str(exc), self.fraction)
            return
        problem = body_problem(body, self.directory)
        if problem:
            show_problem(self.problem, problem, self.name if "name" in problem else self.parent_body)
            return
        super().accept()
