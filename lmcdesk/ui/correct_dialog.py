"""Correct approved minutes: asks why, then reopens them as a draft of the next version.

Approved minutes are a frozen, signed record; a correction never touches the
approved versions.  It reopens the minutes as a draft (``lmcdesk.services.
approval.begin_correction``, on the worker) which is approved again in the
usual way and kept as the next version, with the reason given here as its note.
Like the approve dialog it is given values and leaves the service's answer in
``outcome``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from lmcdesk.ui import operations
from lmcdesk.ui.approve_dialog import Outcome, long_date
from lmcdesk.ui.errors import show_error


class CorrectDialog(QDialog):
    def __init__(self, session, meeting, directory, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id = meeting.id
        #: The service's answer once the correction is begun.
        self.outcome: Outcome | None = None
        self.setWindowTitle("Correct approved minutes")
        self.setAccessibleName("Correct approved minutes")
        self.setMinimumWidth(560)
        latest = max(meeting.versions, key=lambda v: v.version, default=None)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        body = directory.body_name(meeting.body_id)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("What needs correcting, and why")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.correct_button = self.buttons.addButton("Begin &correction", QDialogButtonBox.ButtonRole.AcceptRole)
        self.correct_button.setAccessibleName("Begin a correction")
        self.correct_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.addRow("&Reason", self.reason)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if not meeting.is_approved:
            self.intro.setText("These minutes are still a draft: edit them directly, nothing needs correcting.")
            self.reason.setEnabled(False)
        elif getattr(session, "read_only", False):
            from lmcdesk.bootstrap import READ_ONLY_MESSAGE

            self.intro.setText(getattr(session, "read_only_message", READ_ONLY_MESSAGE))
            self.reason.setEnabled(False)
        else:
            number = latest.version if latest is not None else 1
            self.intro.setText(
                f"The minutes of {meeting.title or 'the meeting'} of {body} on {long_date(meeting.date)} are "
                f"approved (version {number}) and signed. A correction reopens them as a draft of version "
                f"{number + 1}, which is approved again in the usual way; version {number} is kept exactly as "
                "it was approved and signed. Say what needs correcting and why: it is kept with the new version.")
            self.reason.textChanged.connect(
                lambda text: self.correct_button.setEnabled(bool(text.strip())))
        self.buttons.rejected.connect(self.reject)
        self.correct_button.clicked.connect(self.begin_correction)

    def begin_correction(self) -> None:
        from lmcdesk.services import approval

        reason, meeting_id, session = self.reason.text(), self.meeting_id, self.session
        self.correct_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.correct_button.setEnabled(bool(self.reason.text().strip()))
            show_error(self, exc)

        def reopened(result) -> None:
            self.outcome = Outcome(True, result.version, result.changes)
            self.accept()

        operations.run(lambda: approval.begin_correction(session.unit_of_work(), meeting_id, reason),
                       reopened, failed, parent=self, label="Reopening the minutes…")
