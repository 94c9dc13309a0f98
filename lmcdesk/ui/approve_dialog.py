"""Approve the minutes: refuses while the probity checks report errors.

The refusal is decided by ``lmcdesk.services.approval.approve`` (it raises
``ApprovalRefused``); the dialog shows the errors first so the chair sees why,
and keeps the Approve button disabled while any remain.

The dialog is given values (the record, the meeting as it is stored, its
directory and the findings already shown), never an editor; what the service
answered is left in ``outcome`` for the caller to take on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
)

from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error


@dataclass(frozen=True)
class Outcome:
    """What the service did: approved (``version`` the ``MinutesVersion``) or
    began a correction (``corrected``; ``version`` the number it will carry);
    ``changes`` as the service returned them."""

    corrected: bool
    version: Any
    changes: Any


class ApproveDialog(QDialog):
    def __init__(self, session, meeting, directory, findings, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id = meeting.id
        #: The service's answer once it approved or reopened the minutes.
        self.outcome: Outcome | None = None
        self.setWindowTitle("Approve the minutes")
        self.setAccessibleName("Approve the minutes")
        self.setMinimumWidth(600)
        m, d = meeting, directory
        errors = [f for f in findings if f.is_error]
        self.errors = errors
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error_list = QListWidget(self)
        self.error_list.setAccessibleName("Errors to put right first")
        self.error_list.setWordWrap(True)
        self.error_list.setSpacing(3)
        self.error_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.error_list.setVisible(bool(errors))
        for f in errors:
            self.error_list.addItem(f"{f.rule_id}: {f.message}")
        self.approver = QLineEdit(d.person_name(m.chair_id), self)
        self.approver.setAccessibleName("Approved by")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.approve_button = self.buttons.addButton("&Approve", QDialogButtonBox.ButtonRole.AcceptRole)
        self.approve_button.setAccessibleName("Approve the minutes")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.error_list, 1)
        form = QFormLayout()
        layout.addLayout(form)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("What needs correcting, and why")
        self.correct_button = self.buttons.addButton("Begin &correction", QDialogButtonBox.ButtonRole.ActionRole)
        self.correct_button.setAccessibleName("Begin a correction")
        self.correct_button.setVisible(m.is_approved)
        if m.is_approved:
            latest = max((v.version for v in m.versions), default=1)
            self.intro.setText(
                f"These minutes are approved (version {latest}) and locked. A correction reopens them as a "
                "draft of the next version; the approved versions are kept as they were."
            )
            self.approve_button.setEnabled(False)
        elif errors:
            self.intro.setText(
                f"<b>The minutes cannot be approved yet.</b> The probity checks found {len(errors)} "
                f"error{'s' if len(errors) != 1 else ''} to put right first:"
            )
            self.approve_button.setEnabled(False)
        else:
            self.intro.setText(
                f"Approve the minutes of {m.title or 'the meeting'} on {m.date:%d %B %Y}? Once approved they are "
                "locked; any later change is a correction, kept as a new version."
            )
        # always laid out (a widget parented to the dialog but outside the layout sits at its top-left
        # corner over the text); shown only when there is something to correct
        form.addRow("&Reason", self.reason)
        form.setRowVisible(self.reason, m.is_approved)
        form.addRow("Approved &by", self.approver)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.approve_button.clicked.connect(self.approve)
        self.correct_button.clicked.connect(self.begin_correction)
        self.approve_button.setDefault(not errors)
        if getattr(session, "read_only", False):
            from lmcdesk.ui.session import READ_ONLY_MESSAGE

            self.intro.setText(READ_ONLY_MESSAGE)
            self.error_list.hide()
            self.approve_button.setEnabled(False)
            self.correct_button.setEnabled(False)

    def showEvent(self, event) -> None:
        self._fit_findings()
        super().showEvent(event)

    def _fit_findings(self) -> None:
        """Make the list tall enough for every finding, up to most of the screen; beyond that it scrolls.

        A word-wrapped list has no useful size hint of its own (it does not know its width until it is
        laid out), so the height is measured here from the text at the list's present width."""
        lst = self.error_list
        if not self.errors or lst.isHidden():
            return
        self.layout().activate()
        width = lst.viewport().width() - 2 * lst.spacing() - 8  # item text margins
        metrics = QFontMetrics(lst.font())
        needed = sum(
            metrics.boundingRect(QRect(0, 0, max(width, 100), 100000), Qt.TextFlag.TextWordWrap, lst.item(i).text()).height()
            + 2 * lst.spacing() + 4
            for i in range(lst.count())
        ) + 2 * lst.frameWidth() + 2
        screen = self.screen() or (self.parentWidget().screen() if self.parentWidget() else None)
        cap = int(screen.availableGeometry().height() * 0.6) if screen is not None else 480
        height = min(needed, cap)
        if lst.height() < height:
            lst.setMinimumHeight(height)
            self.adjustSize()
            lst.setMinimumHeight(min(height, 4 * metrics.lineSpacing()))  # the user may still shrink it

    def begin_correction(self) -> None:
        from lmcdesk.services import approval

        reason, meeting_id, session = self.reason.text(), self.meeting_id, self.session
        self.correct_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.correct_button.setEnabled(True)
            show_error(self, exc)

        def reopened(result) -> None:
            self.outcome = Outcome(True, result.version, result.changes)
            self.accept()

        operations.run(lambda: approval.begin_correction(session.unit_of_work(), meeting_id, reason),
                       reopened, failed, parent=self, label="Reopening the minutes…")

    def approve(self) -> None:
        from lmcdesk.services import approval

        approver = self.approver.text()
        meeting_id, session = self.meeting_id, self.session
        self.approve_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.approve_button.setEnabled(True)
            show_error(self, exc)

        def work():
            result = approval.approve(session.unit_of_work(), meeting_id, approver)  # commits
            # after the commit: approved minutes are what must never be lost
            return result, *session.backup("approval")

        def approved(answer) -> None:
            from lmcdesk.ui.office import report_backup

            result, path, warning = answer
            self.outcome = Outcome(False, result.version, result.changes)
            report_backup(self.parentWidget() or self, path, warning,
                          what=f"Minutes approved (version {result.version.version}). ")
            self.accept()

        operations.run(work, approved, failed, parent=self, label="Approving the minutes…")
