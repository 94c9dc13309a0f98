"""Approval as a committee does it, through the app: last month's minutes
approved at this month's meeting, signed by the person chairing it, with the
body's key (a passphrase chosen the first time, typed once after); a wrong
passphrase or a date before the meeting refused in words; and Meeting >
Correct approved minutes… for a change after approval."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from lmcdesk.domain.model import Meeting, new_id
from lmcdesk.services import meetings as meeting_service
from lmcdesk.ui.approve_dialog import BY_CIRCULATION, ApproveDialog
from lmcdesk.ui.correct_dialog import CorrectDialog

from .conftest import PASSPHRASE, approve_through_dialog, open_editor, settle, type_passphrase

LAST_MONTH = "demo-meeting-federation-bid"  # the federation board's clean draft
FEDERATION = "demo-north-loamshire-federation"
CHAIR = "demo-dr-gethin-testcase"  # chaired last month's meeting
VICE_CHAIR = "demo-dr-tomos-proxy"  # chairs this month's
APPROVED = "demo-meeting-locality-award"


def stored(window, meeting_id):
    with window.session.unit_of_work() as uow:
        return uow.meetings.get(meeting_id)


def this_months_meeting(qtbot, window, day: date | None = None) -> Meeting:
    """The board's next meeting, in the record (as the secretary made it earlier), chaired by the vice chair."""
    last = stored(window, LAST_MONTH)
    day = day or min(date.today(), last.date + timedelta(days=28))
    meeting = Meeting(id=new_id(), body_id=FEDERATION, date=day, title="Board meeting", chair_id=VICE_CHAIR)
    with window.session.unit_of_work() as uow:
        changes = meeting_service.create_meeting(uow, meeting)
    window.announce(changes)
    settle(qtbot)
    return meeting


def open_dialog(qtbot, editor) -> ApproveDialog:
    dialog = editor.approval_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=10000)
    return dialog


def choose(qtbot, combo, data) -> None:
    """Pick the entry carrying ``data`` with the keyboard, as a user does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data, f"{data!r} is not among the choices"


def test_last_months_minutes_approved_at_this_months_meeting(qtbot, window, monkeypatch, tmp_path):
    from lmcdesk.signing import check_pdf

    this_month = this_months_meeting(qtbot, window)
    editor = open_editor(qtbot, window, LAST_MONTH)
    assert window.act_approve.isEnabled() and not window.act_correct.isEnabled()
    seen = {}

    def fill(dialog):
        seen["default meeting"] = dialog.approving_meeting.currentData()
        seen["default signer"] = dialog.signer.currentData()
        seen["default date"] = dialog.values()["approved_on"]
        seen["new key"] = not dialog.choices.key_exists
        seen["explained"] = dialog.key_intro.text()
        choose(qtbot, dialog.approving_meeting, BY_CIRCULATION)  # a slip, put right
        choose(qtbot, dialog.approving_meeting, this_month.id)
        assert dialog.signer.currentData() == VICE_CHAIR
        qtbot.keyClicks(dialog.amendment, "Item 4 amended to read: the board agreed to bid.")

    approve_through_dialog(qtbot, monkeypatch, editor, fill=fill)

    assert seen["default meeting"] == this_month.id  # the next meeting of the body
    assert seen["default signer"] == VICE_CHAIR  # whoever chaired that meeting, not last month's chair
    assert seen["default date"] == this_month.date
    assert seen["new key"] and "passphrase" in seen["explained"] and "new key" in seen["explained"]
    version = stored(window, LAST_MONTH).versions[-1]
    assert version.version == 1
    assert version.approving_meeting_id == this_month.id
    assert version.signed_by_person_id == VICE_CHAIR
    assert version.approved_on == this_month.date
    assert version.amendment == "Item 4 amended to read: the board agreed to bid."
    # the app says so: header, probity panel, menus
    assert "Approved (version 1)" in editor.header.text()
    summary = window._probity_dock.panel.summary.text()
    assert "Approved</b> (version 1)" in summary and "can be approved" not in summary
    assert not window.act_approve.isEnabled() and window.act_correct.isEnabled()

    # the exported minutes are the stored, signed PDF, valid against the body's certificate
    out = tmp_path / "minutes.pdf"
    done = []
    editor.export("confidential", str(out), on_done=done.append)
    settle(qtbot, 60000)
    assert done
    check = check_pdf(out.read_bytes(), window.session.keystore.certificates(FEDERATION))
    assert check.ok, check.problem


def test_a_wrong_passphrase_keeps_the_dialog_open_and_writes_nothing(qtbot, window, monkeypatch):
    editor = open_editor(qtbot, window, LAST_MONTH)
    approve_through_dialog(qtbot, monkeypatch, editor)  # the first approval makes the key
    corrected = [None]

    def reason(dialog):
        qtbot.keyClicks(dialog.reason, "The time of Dr Bryn Sample's declaration was wrong")
        qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
        corrected[0] = dialog.outcome
        return dialog.result()

    monkeypatch.setattr(CorrectDialog, "exec", reason)
    window.act_correct.trigger()
    qtbot.waitUntil(lambda: not editor.meeting.is_approved, timeout=10000)
    settle(qtbot)
    before = stored(window, LAST_MONTH)

    dialog = open_dialog(qtbot, editor)
    assert dialog.choices.key_exists and dialog.passphrase_again.isHidden()  # typed once from now on
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.passphrase_problem.isVisible(), timeout=30000)
    settle(qtbot)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted and dialog.outcome is None
    assert "passphrase does not open" in dialog.passphrase_problem.text()
    assert "Nothing was approved" in dialog.passphrase_problem.text()
    after = stored(window, LAST_MONTH)
    assert not after.is_approved and len(after.versions) == len(before.versions) == 1
    assert after.lock_version == before.lock_version

    # the right one then approves the correction as version 2
    type_passphrase(qtbot, dialog, PASSPHRASE)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=30000)
    editor.approval_done(dialog.outcome)
    settle(qtbot)
    assert [v.version for v in stored(window, LAST_MONTH).versions] == [1, 2]


def test_a_date_before_the_meeting_is_refused_in_words(qtbot, window):
    this_month = this_months_meeting(qtbot, window)
    editor = open_editor(qtbot, window, LAST_MONTH)
    dialog = open_dialog(qtbot, editor)
    type_passphrase(qtbot, dialog)
    assert dialog.approve_button.isEnabled() and dialog.date_problem.isHidden()

    # the year typed wrong: a year earlier, before the meeting these minutes record
    dialog.approved_on.setFocus()
    qtbot.keyClick(dialog.approved_on, Qt.Key.Key_End)
    qtbot.keyClick(dialog.approved_on, Qt.Key.Key_Down)
    assert dialog.values()["approved_on"] == this_month.date.replace(year=this_month.date.year - 1)
    assert dialog.date_problem.isVisible()
    words = dialog.date_problem.text()
    assert "cannot be approved before the meeting" in words
    last = stored(window, LAST_MONTH).date
    assert f"{last.day} {last:%B %Y}" in words
    assert not dialog.approve_button.isEnabled()
    # the message sits in the dialog, whole, between the date and what follows
    assert dialog.date_problem.geometry().top() >= dialog.approved_on.geometry().bottom()
    assert dialog.rect().contains(dialog.date_problem.geometry())

    qtbot.keyClick(dialog.approved_on, Qt.Key.Key_Up)
    assert dialog.date_problem.isHidden() and dialog.approve_button.isEnabled()


def test_passphrases_that_differ_are_said_so(qtbot, window):
    editor = open_editor(qtbot, window, LAST_MONTH)
    dialog = open_dialog(qtbot, editor)
    assert not dialog.choices.key_exists and dialog.passphrase_again.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase_again, PASSPHRASE + "x")
    assert "not the same" in dialog.passphrase_problem.text() and dialog.passphrase_problem.isVisible()
    assert not dialog.approve_button.isEnabled()
    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_Backspace)
    assert dialog.passphrase_problem.isHidden() and dialog.approve_button.isEnabled()


def test_approved_by_circulation_signed_by_whom_the_secretary_chooses(qtbot, window, monkeypatch):
    """Not at a meeting: by circulation, dated today, and the signer picked from the record by typing."""
    editor = open_editor(qtbot, window, LAST_MONTH)

    def fill(dialog):
        choose(qtbot, dialog.approving_meeting, BY_CIRCULATION)
        assert "by circulation" in dialog.meeting_note.text().lower()
        assert dialog.signer.currentData() == CHAIR  # the chair of the meeting itself, by default
        assert dialog.values()["approved_on"] == date.today()
        dialog.signer.setFocus()
        qtbot.keyClicks(dialog.signer, "Dr Tomos")
        assert dialog.signer.currentData() == VICE_CHAIR

    approve_through_dialog(qtbot, monkeypatch, editor, fill=fill)
    version = stored(window, LAST_MONTH).versions[-1]
    assert version.approving_meeting_id is None and version.signed_by_person_id == VICE_CHAIR
    assert version.approved_on == date.today() and version.amendment == ""


def test_correct_approved_minutes_is_its_own_command(qtbot, window, monkeypatch):
    editor = open_editor(qtbot, window, APPROVED)
    assert editor.meeting.is_approved
    assert window.act_correct.isEnabled() and not window.act_approve.isEnabled()
    assert window.act_correct in window.menuBar().actions()[2].menu().actions()  # Meeting menu
    shown = []

    def correct(dialog):
        shown.append(dialog.intro.text())
        dialog.show()
        assert not dialog.correct_button.isEnabled()  # a reason first
        qtbot.keyClicks(dialog.reason, "Dr Bryn Sample's declaration time was wrong")
        qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
        return dialog.result()

    monkeypatch.setattr(CorrectDialog, "exec", correct)
    window.act_correct.trigger()
    qtbot.waitUntil(lambda: not editor.meeting.is_approved, timeout=10000)
    settle(qtbot)
    assert "version 1" in shown[0] and "version 2" in shown[0]
    after = stored(window, APPROVED)
    assert not after.is_approved and [v.version for v in after.versions] == [1]
    assert not editor.read_only
    assert window.act_approve.isEnabled() and not window.act_correct.isEnabled()
    assert "Draft of a correction" in editor.header.text()
    with window.session.unit_of_work() as uow:
        reasons = [e.summary for e in uow.audit.entries(entity="meeting", entity_id=APPROVED)]
    assert "Dr Bryn Sample's declaration time was wrong" in reasons


def test_approve_on_approved_minutes_points_to_the_correction(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    editor = open_editor(qtbot, window, APPROVED)
    editor.approve()  # the menu item is off; a shortcut or script could still ask
    assert shown and "Correct approved minutes" in shown[0]
    assert stored(window, APPROVED).is_approved
