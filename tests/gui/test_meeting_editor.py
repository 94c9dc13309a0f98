"""Drive the real meeting editor: agenda, attendance, live minutes, probity panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from lmcdesk.domain.enums import AttendanceStatus, BusinessKind, ConflictAction
from lmcdesk.services.meetings import get_meeting

from .conftest import open_editor, settle

JOINT_DRAFT = "demo-meeting-joint-draft"  # the demo draft with genuine probity errors


def stored(window, meeting_id):
    return get_meeting(window.session.unit_of_work(), meeting_id)


def test_build_an_agenda_with_keyboard_and_undo(qtbot, window):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    agenda = editor.agenda
    before = agenda.model.rowCount()
    agenda.select_item(editor.meeting.ordered_items()[3].id)
    qtbot.mouseClick(agenda.add_button, Qt.MouseButton.LeftButton)
    assert agenda.model.rowCount() == before + 1
    new_id = agenda.current_item_id()
    agenda.title.selectAll()
    qtbot.keyClicks(agenda.title, "Extended access: bids received")
    agenda.title.editingFinished.emit()
    agenda.kind.setCurrentIndex(agenda.kind.findData(BusinessKind.PROVISION.value))
    agenda.kind.activated.emit(agenda.kind.currentIndex())
    agenda.org_role.setCurrentIndex(1)  # bidding
    qtbot.mouseClick(agenda.org_add, Qt.MouseButton.LeftButton)
    item = editor.meeting.item(new_id)
    assert item.title == "Extended access: bids received"
    assert item.business_kind == BusinessKind.PROVISION
    assert item.organisations and str(item.organisations[0].role) == "bidding"
    position = item.position
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert editor.meeting.item(new_id).position == position - 1
    # the badge is drawn for the kind column
    kind_index = agenda.model.index(position - 2, agenda.model.KIND)
    assert agenda.table.itemDelegateForColumn(agenda.model.KIND) is not None
    assert kind_index.data(agenda.model.COLUMNS and (Qt.ItemDataRole.UserRole + 3)) == "provision"
    editor.undo_stack.undo()  # the move
    assert editor.meeting.item(new_id).position == position
    # drag and drop: the model asks for a move, it never moves rows itself
    mime = agenda.model.mimeData([agenda.model.index(position - 1, 0)])
    agenda.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, agenda.model.index(-1, -1))
    assert editor.meeting.item(new_id).position == 1
    editor.save_now()
    settle(qtbot)
    saved = stored(window, editor.meeting_id)
    assert saved.item(new_id).position == 1
    assert saved.item(new_id).business_kind == BusinessKind.PROVISION


def test_standard_items_template_on_a_new_meeting(qtbot, window, monkeypatch):
    from lmcdesk.ui.new_meeting_dialog import NewMeetingDialog

    monkeypatch.setattr(NewMeetingDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.new_meeting()
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=10000)
    settle(qtbot)
    editor = window.current_editor()
    types = [str(i.item_type) for i in editor.meeting.ordered_items()]
    assert types == ["apologies", "declarations", "previous_minutes", "matters_arising", "aob"]
    titles = [i.title for i in editor.meeting.ordered_items()]
    assert titles[0] == "Welcome and apologies" and titles[-1] == "Any other business"  # the vocabulary's words
    editor.agenda.add_item("Business")
    assert str(editor.meeting.ordered_items()[-1].item_type) == "aob"  # business goes before AOB


def test_check_in_attendees_updates_the_quorum(qtbot, window):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("attendance")
    page = editor.attendance
    assert "Quorate" in page.quorum.text()
    voting = [a.person_id for a in editor.meeting.attendance if a.voting and a.is_present]
    for pid in voting[:5]:
        page.select_person(pid)
        qtbot.mouseClick(page.apologies_button, Qt.MouseButton.LeftButton)
    assert "NOT quorate" in page.quorum.text()
    page.select_person(voting[0])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert editor.meeting.attendance_of(voting[0]).status == AttendanceStatus.PRESENT
    page.select_person(voting[1])
    qtbot.mouseClick(page.late_button, Qt.MouseButton.LeftButton)
    a = editor.meeting.attendance_of(voting[1])
    assert a.status == AttendanceStatus.PRESENT and a.arrived_time is not None


def test_declaration_and_withdrawal_update_the_probity_panel(qtbot, window, monkeypatch):
    from lmcdesk.ui.declaration_dialog import DeclarationDialog

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    panel = window._probity_dock.panel
    assert panel.editor is editor
    missing = [f for f in editor.findings if f.rule_id == "P-DECLARE-MISSING"]
    assert missing, "the demo draft has an undeclared interest"
    person, item_id = missing[0].person_ids[0], missing[0].item_ids[0]
    # clicking the finding shows the item and the person it names
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).rule_id == "P-DECLARE-MISSING")
    panel._activated(panel.model.index(row, 1))
    assert editor.agenda.current_item_id() == item_id
    assert editor.attendance.current_person_id() == person

    editor.show_page("minutes")
    minutes = editor.minutes
    minutes.select_item(item_id)
    minutes.withdraw_person.setCurrentIndex(minutes.withdraw_person.findData(person))

    def accept(dialog):
        dialog.action.setCurrentIndex(dialog.action.findData(ConflictAction.WITHDREW.value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeclarationDialog, "exec", accept)
    qtbot.mouseClick(minutes.declare_button, Qt.MouseButton.LeftButton)
    declaration = editor.meeting.item(item_id).declarations[-1]
    assert declaration.person_id == person and declaration.interest_id is not None
    qtbot.mouseClick(minutes.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(minutes.return_button, Qt.MouseButton.LeftButton)
    declaration = editor.meeting.item(item_id).declarations[-1]
    assert declaration.time_out is not None and declaration.time_in is not None
    qtbot.waitUntil(
        lambda: not any(r.rule_id == "P-DECLARE-MISSING" and person in r.person_ids for r in panel.model.rows()),
        timeout=5000,
    )
    assert minutes.record.count() >= 1


def test_live_minutes_autosave_within_two_seconds(qtbot, window):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("minutes")
    minutes = editor.minutes
    item_id = minutes.current_item().id
    editor.save_now()
    settle(qtbot)
    minutes.text.moveCursor(minutes.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(minutes.text, " The chair thanked everyone.")
    qtbot.waitUntil(lambda: stored(window, editor.meeting_id).item(item_id).discussion.endswith("thanked everyone."),
                    timeout=2000)


def test_decision_and_action_quick_buttons(qtbot, window, monkeypatch):
    from lmcdesk.ui.action_dialog import ActionDialog
    from lmcdesk.ui.decision_dialog import DecisionDialog

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("minutes")

    def decide(dialog):
        dialog.resolution.setPlainText("The report was noted.")
        dialog.votes_for.setValue(6)
        dialog.abstentions.setValue(1)
        return QDialog.DialogCode.Accepted

    def act(dialog):
        dialog.description.setText("Circulate the LMC report")
        dialog.owner.setCurrentIndex(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", decide)
    monkeypatch.setattr(ActionDialog, "exec", act)
    item = editor.minutes.current_item()
    qtbot.mouseClick(editor.minutes.decision_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.minutes.action_button, Qt.MouseButton.LeftButton)
    assert editor.meeting.item(item.id).decisions[-1].votes_for == 6
    assert editor.meeting.actions[-1].description == "Circulate the LMC report"
    assert editor.meeting.actions[-1].due is not None


def test_continuous_typing_is_saved_every_second(qtbot, window):
    """Debouncing alone would never save while the secretary keeps typing."""
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("minutes")
    minutes = editor.minutes
    item_id = minutes.current_item().id
    saved = []
    editor.saved.connect(saved.append)
    for _ in range(30):  # 30 keys, 60 ms apart: never a 700 ms pause
        qtbot.keyClicks(minutes.text, "x")
        qtbot.wait(60)
    assert saved, "nothing was saved during 1.8 s of continuous typing"
    assert "xxxx" in stored(window, editor.meeting_id).item(item_id).discussion


def test_whole_save_after_autosave_is_accepted_and_a_stale_copy_is_not(qtbot, window):
    """Autosaving typed text bumps the stored version: the editor adopts it
    (its next whole save goes through); a copy read before the typing (another
    PC on a shared record) is refused rather than putting the old text back."""
    from lmcdesk import errors
    from lmcdesk.services.meetings import save_meeting

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("minutes")
    minutes = editor.minutes
    item_id = minutes.current_item().id
    editor.save_now()
    settle(qtbot)
    other_pc = stored(window, editor.meeting_id)
    minutes.text.moveCursor(minutes.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(minutes.text, " Typed live.")
    qtbot.waitUntil(lambda: stored(window, editor.meeting_id).item(item_id).discussion.endswith("Typed live."),
                    timeout=2000)
    settle(qtbot)
    editor.change("Change venue", lambda m: setattr(m, "venue", "Loamshire House, room 2"))
    editor.save_now()
    settle(qtbot)
    assert not editor.save_failed
    got = stored(window, editor.meeting_id)
    assert got.venue == "Loamshire House, room 2" and got.item(item_id).discussion.endswith("Typed live.")
    other_pc.title = "Saved from a copy read before the typing"
    import pytest

    with pytest.raises(errors.ConcurrentEdit):
        save_meeting(window.session.unit_of_work(), other_pc)


def test_live_typing_after_another_pc_saved_says_so_at_once(qtbot, window, demo_db, monkeypatch):
    """Typing only (no whole save due): the first autosave after another PC
    saved keeps the typing on disk and asks straight away; while the user
    keeps editing nothing more is written over the other PC's version."""
    import sqlite3

    from lmcdesk.services import meetings
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
    from lmcdesk.ui import concurrent_edit

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    editor.show_page("minutes")
    editor.save_now()
    settle(qtbot)
    minutes = editor.minutes
    item_id = minutes.current_item().id
    other = open_database("sqlite:///" + str(demo_db))
    try:
        theirs = meetings.get_meeting(SqlAlchemyUnitOfWork(other), JOINT_DRAFT)
        theirs.venue = "Changed on the other PC"
        meetings.save_meeting(SqlAlchemyUnitOfWork(other), theirs)
    finally:
        other.dispose()
    asked = []
    monkeypatch.setattr(concurrent_edit, "ask_reload", lambda parent: asked.append(1) or False)
    minutes.text.moveCursor(minutes.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(minutes.text, " Typed live.")
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    settle(qtbot)
    assert editor.stale and "Not saved" in editor.save_label.text()

    def stored_text():
        con = sqlite3.connect(demo_db)
        try:
            return con.execute("select discussion from agenda_item where id = ?", (item_id,)).fetchone()[0]
        finally:
            con.close()

    assert stored_text().endswith("Typed live.")  # what was typed before we knew is kept
    qtbot.keyClicks(minutes.text, " More.")
    qtbot.wait(1500)
    settle(qtbot)
    assert stored_text().endswith("Typed live.")  # not written while unresolved
    assert editor.meeting.item(item_id).discussion.endswith("More.")  # but not lost either
    assert stored(window, JOINT_DRAFT).venue == "Changed on the other PC"
