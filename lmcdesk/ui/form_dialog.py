"""What the directory dialogs (person, body, interest, gift) share: a label
where the dialog says in words why it cannot save yet, and the Save/OK and
Cancel buttons at the foot of the form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel


def problem_label(parent) -> QLabel:
    """Where a dialog says, in words, why it cannot save yet."""
    label = QLabel(parent)
    label.setAccessibleName("Problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #a40000; font-weight: bold")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_problem(label: QLabel, text: str, focus=None) -> None:
    label.setText(text)
    label.show()
    label.window().adjustSize()  # room for the words
    if focus is not None:
        focus.setFocus()


def finish_form(dialog: QDialog, form: QFormLayout, problem: QLabel, *, save: bool = True) -> QDialogButtonBox:
    """Put the problem label and the buttons (Save or OK, and Cancel) at the
    foot of ``form``; returns the button box."""
    ok = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(problem)
    form.addRow(buttons)
    return buttons
