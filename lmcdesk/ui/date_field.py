"""A date that may be unknown (or not yet reached): a tick box and a date.

The register has many optional dates (an interest's end, a review); a plain
QDateEdit cannot say "none", and a special value in it is easy to miss."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


class OptionalDate(QWidget):
    def __init__(self, name: str, known_text: str, value: date | None = None, parent=None,
                 default: date | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(known_text, self)
        self.known.setAccessibleName(f"{name}: {known_text.lower()}")
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setAccessibleName(name)
        self.edit.setMinimumDate(QDate(1900, 1, 1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.known.toggled.connect(self.edit.setEnabled)
        self._default = default or date.today()
        self.set_value(value)
        self.setFocusProxy(self.known)

    def set_value(self, value: date | None) -> None:
        day = value or self._default
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.known.setChecked(value is not None)
        self.edit.setEnabled(value is not None)

    def value(self) -> date | None:
        if not self.known.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())
