"""Approve draft minutes as a true record, the way a committee does it.

Minutes are approved at a later meeting (usually under "Minutes of the
previous meeting"), or by circulation; the person chairing that meeting signs.
The dialog asks which meeting, who signs (from the record, never free text),
the date, any amendment agreed ("amended to read ..."), and the passphrase of
the body's signing key (the first approval for a body chooses one, typed
twice).  It refuses in words a date before the meeting being approved, and
keeps the Approve button off while the probity checks report errors; the
service (``lmcdesk.services.approval.approve``) decides all the same.

The dialog is given values (the record, the meeting as it is stored, its
directory and the findings already shown), never an editor; it reads the
choices (``approval.approval_choices``) and approves on the worker, and leaves
what the service answered in ``outcome`` for the caller to take on.  A wrong
passphrase keeps the dialog open with nothing written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
)

from lmcdesk.errors import WrongPassphrase
from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error

#: The shortest passphrase a new signing key accepts (``lmcdesk.signing.MIN_PASSPHRASE``).
MIN_PASSPHRASE = 8
#: The "Approved at" entry for minutes agreed by circulation, not at a meeting.
BY_CIRCULATION = "circulation"
PROBLEM_STYLE = "color:#b00020"


@dataclass(frozen=True)
class Outcome:
    """What the service did: approved (``version`` the ``MinutesVersion``) or
    began a correction (``corrected``; ``version`` the number it will carry);
    ``changes`` as the service returned them."""

    corrected: bool
    version: Any
    changes: Any


def long_date(day: date) -> str:
    """3 November 2026 (no leading zero, on every platform)."""
    return f"{day.day} {day:%B %Y}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ApproveDialog(QDialog):
    def __init__(self, session, meeting, directory, findings, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id = meeting.id
        self.meeting_date: date = meeting.date
        self.meeting_chair_id = meeting.chair_id
        self.body_name = directory.body_name(meeting.body_id)
        self.today = today or date.today()
        #: The service's answer once it approved the minutes.
        self.outcome: Outcome | None = None
        #: ``approval.approval_choices`` once read (None until then).
        self.choices = None
        self._busy = False
        self._refused_passphrase = False
        self._form_shown = False
        self.read_only = bool(getattr(session, "read_only", False))
        self.setWindowTitle("Approve the minutes")
        self.setAccessibleName("Approve the minutes")
        self.setMinimumWidth(620)
        errors = [f for f in findings if f.is_error]
        self.errors = errors

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error_list = QListWidget(self)
        self.error_list.setAccessibleName("Errors to put right first")
        self.error_list.setWordWrap(True)
        self.error_list.setSpacing(3)
        self.error_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.error_list.setVisible(bool(errors))
        for f in errors:
            self.error_list.addItem(f"{f.rule_id}: {f.message}")

        self.approving_meeting = QComboBox(self)
        self.approving_meeting.setAccessibleName("Approved at")
        self.approving_meeting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.approving_meeting.setMinimumContentsLength(30)
        self.meeting_note = self._note("Which meeting approved them")
        self.signer = QComboBox(self)
        self.signer.setAccessibleName("Signed by")
        self.signer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.signer.setMinimumContentsLength(24)
        self.approved_on = QDateEdit(_qdate(self.today), self)
        self.approved_on.setCalendarPopup(True)
        self.approved_on.setDisplayFormat("d MMM yyyy")
        self.approved_on.setMinimumDate(QDate(1990, 1, 1))
        self.approved_on.setAccessibleName("Date approved")
        self.date_problem = self._note("Why this date cannot be used", problem=True)
        self.amendment = QPlainTextEdit(self)
        self.amendment.setAccessibleName("Amendment")
        self.amendment.setTabChangesFocus(True)
        self.amendment.setPlaceholderText("Leave empty if they were approved as they stand; otherwise what was "
                                          "agreed, e.g. “Item 4: the second sentence amended to read …”")
        lines = QFontMetrics(self.amendment.font()).lineSpacing()
        self.amendment.setFixedHeight(4 * lines + 12)

        self.key_intro = self._note("About the signing key")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase_again = QLineEdit(self)
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setAccessibleName("Passphrase again")
        self.passphrase_problem = self._note("Passphrase problem", problem=True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.approve_button = self.buttons.addButton("&Approve and sign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.approve_button.setAccessibleName("Approve and sign the minutes")
        self.approve_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.error_list, 1)
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        form.addRow("Approved &at", self.approving_meeting)
        form.addRow(self.meeting_note)  # spanning: a field-side label is laid out taller than its text
        form.addRow("Signed &by", self.signer)
        form.addRow("&Date", self.approved_on)
        form.addRow(self.date_problem)  # spanning: a field-side label is laid out taller than its text
        form.addRow("A&mendment", self.amendment)
        form.addRow(self.key_intro)
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("Passphrase a&gain", self.passphrase_again)
        form.addRow(self.passphrase_problem)  # spanning: a field-side label is laid out taller than its text
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self._set_form_visible(False)

        self.buttons.rejected.connect(self.reject)
        self.approve_button.clicked.connect(self.approve)
        self.approving_meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.signer.currentIndexChanged.connect(self._update_state)
        self.approved_on.dateChanged.connect(self._update_state)
        self.passphrase.textChanged.connect(self._update_state)
        self.passphrase_again.textChanged.connect(self._update_state)

        title = meeting.title or "the meeting"
        if meeting.is_approved:
            self.intro.setText(
                "These minutes are approved already. To change them, choose Meeting &gt; "
                "Correct approved minutes…")
        elif self.read_only:
            from lmcdesk.bootstrap import READ_ONLY_MESSAGE

            self.intro.setText(getattr(session, "read_only_message", READ_ONLY_MESSAGE))
            self.error_list.hide()
        elif errors:
            self.intro.setText(
                f"<b>The minutes cannot be approved yet.</b> The probity checks found {len(errors)} "
                f"error{'s' if len(errors) != 1 else ''} to put right first:"
            )
        else:
            self.intro.setText(
                f"Approve the minutes of {_esc(title)} of {_esc(self.body_name)} on "
                f"{long_date(meeting.date)} as a true record? Once approved they are frozen and signed; "
                "any later change is a correction, kept as a new version.")
            self.approve_button.setDefault(True)
        if not meeting.is_approved:
            self._read_choices()  # with errors too: the service, not the dialog, has the last word

    def _note(self, name: str, problem: bool = False) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # as tall as its text, never taller: the dialog's spare height goes below the form
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        if problem:
            label.setStyleSheet(PROBLEM_STYLE)
        return label

    def _set_form_visible(self, visible: bool) -> None:
        self._form_shown = visible
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, visible)
        if visible:
            for note in (self.date_problem, self.passphrase_problem):
                self._show_row(note, bool(note.text()))

    def _show_row(self, widget, visible: bool) -> None:
        """Show or hide a form row, its label with it (a hidden field would leave its label behind);
        nothing of the form shows while it is hidden (errors to put right, a read-only record)."""
        self.form.setRowVisible(widget, visible and self._form_shown)

    # ------------------------------------------------------------------ the choices
    def _read_choices(self) -> None:
        from lmcdesk.services import approval

        meeting_id, session = self.meeting_id, self.session
        self._busy = True
        operations.run(session.read(lambda uow: approval.approval_choices(uow, meeting_id, session.keystore)),
                       self.show_choices, self._choices_failed, parent=self,
                       label="Reading the meetings that could approve them…")

    def _choices_failed(self, exc: BaseException) -> None:
        self._busy = False
        show_error(self, exc)

    def show_choices(self, choices) -> None:
        """Fill the form from ``approval.approval_choices`` (on the UI thread)."""
        self._busy = False
        self.choices = choices
        combo = self.approving_meeting
        combo.blockSignals(True)
        combo.clear()
        for m in choices.meetings:
            title = f"{m.title}, " if getattr(m, "title", "") else ""
            combo.addItem(f"{title}{long_date(m.date)} ({m.body_name})", m.id)
        combo.addItem("By circulation (not at a meeting)", BY_CIRCULATION)
        default = combo.findData(choices.default_meeting_id) if choices.default_meeting_id else -1
        combo.setCurrentIndex(default if default >= 0 else combo.count() - 1)
        combo.blockSignals(False)
        self.signer.blockSignals(True)
        self.signer.clear()
        self.signer.addItem("Choose who signs", None)
        for person_id, name in choices.people:
            self.signer.addItem(name, person_id)
        self.signer.blockSignals(False)
        self._set_form_visible(not (self.errors or self.read_only))
        if choices.key_exists:
            self.key_intro.setText(f"Type the passphrase of the signing key of {_esc(self.body_name)}.")
            self._show_row(self.passphrase_again, False)
        else:
            self.key_intro.setText(
                f"<b>These are the first minutes of {_esc(self.body_name)} to be approved on this record</b>, so "
                "LMC Desk makes its signing key now. The key signs approved minutes so that anyone can check "
                "they have not been altered since; it is kept on this computer, outside the record, locked by "
                f"the passphrase you choose here (at least {MIN_PASSPHRASE} characters), which you will type "
                "at every approval. Keep it safe: if it is lost, the key cannot sign again and future minutes "
                "need a new key (minutes signed already still check).")
        self.key_intro.setTextFormat(Qt.TextFormat.RichText)
        self._meeting_chosen()
        self._fit_height()
        if self.signer.currentData():
            self.passphrase.setFocus()
        else:
            self.signer.setFocus()

    def _meeting_choice(self):
        meeting_id = self.approving_meeting.currentData()
        if self.choices is None or meeting_id in (None, BY_CIRCULATION):
            return None
        return next((m for m in self.choices.meetings if m.id == meeting_id), None)

    def _meeting_chosen(self, _index: int = 0) -> None:
        """A meeting chosen: its chair signs and its date is the date, by default."""
        chosen = self._meeting_choice()
        if chosen is not None:
            chair, day = chosen.chair_id, chosen.date
            self.meeting_note.setText("The person chairing that meeting signs the minutes.")
        else:
            chair, day = self.choices.chair_id if self.choices else self.meeting_chair_id, self.today
            self.meeting_note.setText(
                "Approved by circulation: the chair signs on the date the last member agreed."
                if self.choices is None or self.choices.meetings else
                f"No later meeting of {self.body_name} is in the record, so they can only be approved by "
                "circulation here. To approve them at a meeting, add that meeting first.")
        index = self.signer.findData(chair) if chair else -1
        self.signer.setCurrentIndex(max(index, 0))
        self.approved_on.setDate(_qdate(day))
        self._update_state()

    # ------------------------------------------------------------------ checking as they type
    def values(self) -> dict:
        """What the form says, as the service's keywords."""
        d = self.approved_on.date()
        chosen = self.approving_meeting.currentData()
        return {
            "chair_id": self.signer.currentData() or "",
            "approved_on": date(d.year(), d.month(), d.day()),
            "approving_meeting_id": None if chosen in (None, BY_CIRCULATION) else chosen,
            "amendment": self.amendment.toPlainText().strip(),
        }

    def date_problem_text(self) -> str:
        """Why the chosen date cannot be used, in words ("" when it can)."""
        day = self.values()["approved_on"]
        if day < self.meeting_date:
            return (f"Minutes cannot be approved before the meeting they record: these are the minutes of "
                    f"{long_date(self.meeting_date)}, so the date must be that day or later.")
        if day > self.today:
            return (f"{long_date(day)} has not come yet: record the approval on or after the day it was "
                    "agreed (the meeting that approves them has to have met).")
        chosen = self._meeting_choice()
        if chosen is not None and day != chosen.date:
            return (f"Minutes approved at the meeting of {long_date(chosen.date)} were approved on that day. "
                    "Choose that date, or “By circulation” for another.")
        return ""

    def passphrase_problem_text(self) -> str:
        first, again = self.passphrase.text(), self.passphrase_again.text()
        if self.choices is None or self.choices.key_exists or not first or not again:
            return ""  # said once they type it again, not at every key of the first
        if len(first) < MIN_PASSPHRASE:
            return f"Choose a passphrase of at least {MIN_PASSPHRASE} characters."
        if again != first:
            return "The two passphrases are not the same: type the same passphrase in both boxes."
        return ""

    def _update_state(self, *_args) -> None:
        """Say what is wrong with the form as it is typed, and allow Approve only when nothing is."""
        if self.choices is None:
            return
        problem = self.date_problem_text()
        self.date_problem.setText(problem)
        self._show_row(self.date_problem, bool(problem))
        pw_problem = self.passphrase_problem_text()
        if pw_problem or not self._refused_passphrase:  # the key's refusal stays until the next try
            self.passphrase_problem.setText(pw_problem)
            self._show_row(self.passphrase_problem, bool(pw_problem))
        self.approve_button.setEnabled(self.can_approve())
        if self.isVisible():
            self._fit_height(grow_only=True)

    def can_approve(self) -> bool:
        if self.choices is None or self._busy or self.errors or self.read_only:
            return False
        if not self.signer.currentData() or self.date_problem_text() or self.passphrase_problem_text():
            return False
        if not self.passphrase.text():
            return False
        return self.choices.key_exists or (self.passphrase_again.text() == self.passphrase.text()
                                           and len(self.passphrase.text()) >= MIN_PASSPHRASE)

    # ------------------------------------------------------------------ size
    def showEvent(self, event) -> None:
        self._fit_findings()
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self, grow_only: bool = False) -> None:
        """As tall as the form at its width (wrapped labels hint at a taller, narrower shape);
        ``grow_only`` when a message appears: never shrink what the user made larger."""
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = max(height, layout.totalMinimumSize().height())
        if not grow_only or height > self.height():
            self.resize(self.width(), height)

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

    # ------------------------------------------------------------------ approving
    def approve(self) -> None:
        from lmcdesk.services import approval

        values = dict(self.values(), passphrase=self.passphrase.text())
        meeting_id, session = self.meeting_id, self.session
        self._busy, self._refused_passphrase = True, False
        self.approve_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self._busy = False
            if isinstance(exc, WrongPassphrase):  # said beside the box, the dialog stays open
                self._refused_passphrase = True
                self.passphrase_problem.setText(
                    f"That passphrase does not open the signing key of {self.body_name}. Nothing was "
                    "approved: type the passphrase again.")
                self._show_row(self.passphrase_problem, True)
                self._fit_height(grow_only=True)
                self.passphrase.clear()
                self.passphrase.setFocus()
            else:
                show_error(self, exc)
            self._update_state()

        def work():
            result = approval.approve(session.unit_of_work(), meeting_id, keys=session.keystore,
                                      **values)  # commits
            # after the commit: approved minutes are what must never be lost
            return result, *session.backup("approval")

        def approved(answer) -> None:
            from lmcdesk.ui.office import report_backup

            result, path, warning = answer
            self._busy = False
            self.outcome = Outcome(False, result.version, result.changes)
            report_backup(self.parentWidget() or self, path, warning,
                          what=f"Minutes approved and signed (version {result.version.version}). ")
            self.accept()

        operations.run(work, approved, failed, parent=self, label="Approving and signing the minutes…")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
