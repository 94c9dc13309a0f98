"""One edit is one undo step and one write; every write says what it changed,
and the window refreshes just that (issue 13, deliverable 3).

Issue 10 found the data loss these guard against: pressing Undo ten times, to
fix a declaration, erased the minutes typed meanwhile in items 5 to 8."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from lmcdesk import probity
from lmcdesk.domain.enums import AttendanceStatus, ConflictAction
from lmcdesk.domain.model import AgendaItem, new_id
from lmcdesk.services import meetings
from lmcdesk.ui import data
from lmcdesk.ui.body_dialog import BodyDialog
from lmcdesk.ui.declaration_dialog import DeclarationDialog
from lmcdesk.ui.person_dialog import MembershipDialog, PersonDialog

from .conftest import approve_through_dialog, open_editor, settle
from .test_directory_editing import fill

JOINT_DRAFT = "demo-meeting-joint-draft"  # a draft of 7 items with minutes in each
CLEAN = "demo-meeting-federation-bid"  # a draft with no probity errors


def stored(window, meeting_id):
    return meetings.get_meeting(window.session.unit_of_work(), meeting_id)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.ControlModifier):
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def undo_keys(qtbot, editor, keys=QKeySequence.StandardKey.Undo):
    """Ctrl+Z (Undo's keys) where the user presses it: on the agenda, not in a
    text box (a text box has its own undo)."""
    editor.agenda.table.setFocus()
    qtbot.keySequence(editor.agenda.table, QKeySequence(keys))


def count_calls(monkeypatch, owner, name) -> list:
    """Wrap ``owner.name``; the list gets each call's arguments."""
    calls: list = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_undo_ten_times_keeps_the_minutes_typed_in_items_5_to_8(qtbot, window, monkeypatch):
    """The walk of issue 10: minutes typed in items 5 to 8 between a declaration,
    a withdrawal and return, a move, apologies and a rename; then Undo ten times.
    Every edit is undone, every typed word stays, on screen and in the record;
    Redo brings the edits back, again without touching the text."""
    uow = window.session.unit_of_work()
    m = meetings.get_meeting(uow, JOINT_DRAFT)  # an eighth item, before any other business
    m.add_item(AgendaItem(id=new_id(), title="Winter pressures"), len(m.items) - 1)
    meetings.save_meeting(window.session.unit_of_work(), m)

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    original = stored(window, JOINT_DRAFT)
    items = [i.id for i in original.ordered_items()]
    assert len(items) == 8
    minutes = editor.minutes
    typed = {}

    def type_minutes(position: int) -> None:
        item_id = items[position - 1]
        editor.show_page("minutes")
        minutes.select_item(item_id)
        assert minutes.current_item().id == item_id
        minutes.text.moveCursor(minutes.text.textCursor().MoveOperation.End)
        words = f" Item {position}: typed after the edits before it."
        qtbot.keyClicks(minutes.text, words)
        typed[item_id] = original.item(item_id).discussion + words

    present = [a.person_id for a in original.attendance if a.is_present]

    # item 5: a declaration, then the minutes
    def declare(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(present[0]))
        dialog.nature.setText("Partner works for the provider")
        dialog.action.setCurrentIndex(dialog.action.findData(ConflictAction.DISCUSSION_NO_VOTE.value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DeclarationDialog, "exec", declare)
    editor.show_page("minutes")
    minutes.select_item(items[4])
    qtbot.mouseClick(minutes.declare_button, Qt.MouseButton.LeftButton)
    type_minutes(5)

    # item 6: someone leaves the room and comes back, the minutes between
    qtbot.mouseClick(minutes.next_button, Qt.MouseButton.LeftButton)
    minutes.withdraw_person.setCurrentIndex(minutes.withdraw_person.findData(present[1]))
    qtbot.mouseClick(minutes.withdraw_button, Qt.MouseButton.LeftButton)
    type_minutes(6)
    qtbot.mouseClick(minutes.return_button, Qt.MouseButton.LeftButton)

    # item 7: item 3 moved down on the agenda, then the minutes
    editor.show_page("agenda")
    editor.agenda.select_item(items[2])
    press(qtbot, editor.agenda.table, Qt.Key.Key_Down)
    type_minutes(7)

    # item 8: apologies on the attendance page, a renamed item, then the minutes
    editor.show_page("attendance")
    editor.attendance.select_person(present[2])
    qtbot.mouseClick(editor.attendance.apologies_button, Qt.MouseButton.LeftButton)
    editor.show_page("agenda")
    editor.agenda.select_item(items[7])
    editor.agenda.title.selectAll()
    qtbot.keyClicks(editor.agenda.title, "Any other business (none notified)")
    qtbot.keyClick(editor.agenda.title, Qt.Key.Key_Return)
    type_minutes(8)

    assert editor.undo_stack.count() == 6  # declaration, withdrew, returned, move, apologies, rename
    editor.show_page("agenda")
    for _ in range(10):
        undo_keys(qtbot, editor)
    assert editor.undo_stack.index() == 0  # every edit undone ...
    m = editor.meeting
    assert [i.id for i in m.ordered_items()] == items
    assert m.item(items[4]).declarations == original.item(items[4]).declarations
    assert m.item(items[5]).declarations == original.item(items[5]).declarations
    assert m.attendance_of(present[2]).status == AttendanceStatus.PRESENT
    assert m.item(items[7]).title == original.item(items[7]).title
    for item_id, text in typed.items():  # ... and not one typed word
        assert m.item(item_id).discussion == text
        editor.show_page("minutes")
        minutes.select_item(item_id)
        assert minutes.text.toPlainText() == text
    settle(qtbot)
    qtbot.waitUntil(lambda: all(stored(window, JOINT_DRAFT).item(i).discussion == t for i, t in typed.items()),
                    timeout=5000)
    assert stored(window, JOINT_DRAFT).item(items[4]).declarations == original.item(items[4]).declarations

    for _ in range(6):  # Redo brings the edits back, the text still as typed
        undo_keys(qtbot, editor, QKeySequence.StandardKey.Redo)
    assert editor.undo_stack.index() == 6
    m = editor.meeting
    assert m.attendance_of(present[2]).status == AttendanceStatus.APOLOGIES
    assert m.item(items[7]).title == "Any other business (none notified)"
    assert all(m.item(i).discussion == t for i, t in typed.items())
    settle(qtbot)
    got = stored(window, JOINT_DRAFT)
    assert all(got.item(i).discussion == t for i, t in typed.items())
    assert got.item(items[7]).title == "Any other business (none notified)"


def test_one_edit_is_one_undo_step_and_one_write_at_once(qtbot, window, monkeypatch):
    """Moving an item: one undo step, one whole-meeting write, queued at once
    (no timer: the record has it as soon as the worker has run); Undo is one
    more write.  Two quick edits are two writes, not one merged by a delay."""
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    writes = count_calls(monkeypatch, meetings, "save_meeting")
    texts = count_calls(monkeypatch, meetings, "autosave_item")
    agenda = editor.agenda
    order = [i.id for i in editor.meeting.ordered_items()]
    steps = editor.undo_stack.count()

    agenda.select_item(order[3])
    qtbot.mouseClick(agenda.down_button, Qt.MouseButton.LeftButton)
    assert editor.undo_stack.count() == steps + 1
    settle(qtbot)  # the worker's queue only: a write waiting on a timer would not be there
    assert len(writes) == 1 and not texts
    moved = order[:3] + [order[4], order[3]] + order[5:]
    assert [i.id for i in stored(window, JOINT_DRAFT).ordered_items()] == moved

    undo_keys(qtbot, editor)
    settle(qtbot)
    assert len(writes) == 2 and editor.undo_stack.index() == steps
    assert [i.id for i in stored(window, JOINT_DRAFT).ordered_items()] == order

    agenda.select_item(order[1])
    qtbot.mouseClick(agenda.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(agenda.down_button, Qt.MouseButton.LeftButton)
    assert editor.undo_stack.count() == steps + 2
    settle(qtbot)
    assert len(writes) == 4 and not texts
    assert [i.id for i in stored(window, JOINT_DRAFT).ordered_items()][:4] == [order[0], order[2], order[3], order[1]]


def test_a_directory_edit_reaches_an_open_meeting_through_the_one_signal(qtbot, window, monkeypatch):
    """Raising a body's quorum, then adding a person: each write is one
    ``changed`` signal; the open meeting's checks and quorum bar follow it, the
    directory pages are read again, and the meetings list is not."""
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    body = editor.meeting.body_id
    editor.show_page("attendance")
    assert "5 required" in editor.attendance.quorum.text()
    assert not any("QUORUM" in f.rule_id for f in editor.findings)
    signals: list = []
    window.changed.connect(signals.append)
    full = count_calls(monkeypatch, data, "load_overview")
    listed = count_calls(monkeypatch, meetings, "list_meetings")
    reloaded = count_calls(monkeypatch, data, "load_meeting")
    people_rows = count_calls(monkeypatch, data, "_people_rows")

    fill(monkeypatch, BodyDialog, lambda d: d.minimum.setValue(9))
    window.tabs.setCurrentWidget(window.bodies_page)
    assert window.bodies_page.select_id(body)
    window.directory_editing.act_edit_body.trigger()
    settle(qtbot)
    assert [c.directory for c in signals] == [{"bodies"}]
    assert "9 required" in editor.attendance.quorum.text()
    assert any("QUORUM" in f.rule_id for f in editor.findings)
    assert window.overview.directory.bodies[body].quorum.minimum == 9
    assert not full and not listed and not reloaded  # no full reload of the list, no meeting read again

    def person(d: PersonDialog):
        d.name.setText("Olwen Newcomer")
        d.add_membership()

    def membership(d: MembershipDialog):
        d.body.setCurrentIndex(d.body.findData(body))
        d.voting.setChecked(True)

    fill(monkeypatch, PersonDialog, person)
    fill(monkeypatch, MembershipDialog, membership)
    window.tabs.setCurrentWidget(window.people_page)
    window.directory_editing.act_add_person.trigger()
    settle(qtbot)
    assert len(signals) == 2 and signals[1].directory == {"people", "memberships"}
    [olwen] = [p for p in editor.directory.people.values() if p.name.endswith("Olwen Newcomer")]
    assert window.people_page.current_row().id == olwen.id  # the new person is selected
    assert people_rows  # the people page was read again
    editor.show_page("attendance")
    qtbot.mouseClick(editor.attendance.expected_button, Qt.MouseButton.LeftButton)
    assert editor.meeting.attendance_of(olwen.id) is not None  # the open meeting knows her
    settle(qtbot)
    assert not full and not listed and not reloaded  # no full reload of the list, no meeting read again


def test_approving_reads_nothing_back_and_checks_once(qtbot, window, monkeypatch):
    """Approval: the service approves (its own check), the editor takes its
    answer, runs the checks once for the panel, and the meetings list
    updates that one row; no meeting or list is read again."""
    editor = open_editor(qtbot, window, CLEAN)
    settle(qtbot)
    checks = count_calls(monkeypatch, probity, "run")
    reloaded = count_calls(monkeypatch, data, "load_meeting")
    full = count_calls(monkeypatch, data, "load_overview")
    listed = count_calls(monkeypatch, meetings, "list_meetings")
    rows = count_calls(monkeypatch, meetings, "summaries")
    signals: list = []
    window.changed.connect(signals.append)

    approve_through_dialog(qtbot, monkeypatch, editor)
    assert editor.meeting.is_approved and editor.read_only
    assert len(checks) == 2  # the service's, before approving; the panel's, after
    assert not reloaded and not full and not listed
    assert len(signals) == 1 and signals[0].meetings == {CLEAN}
    assert [list(args[1]) for args, _ in rows] == [[CLEAN]]
    page = window.meetings_page
    row = page.model.row_of_id(CLEAN)
    assert page.model.index(row, page.model.STATUS).data() == "Approved"
    assert editor.meeting.lock_version == stored(window, CLEAN).lock_version
    # and the approved minutes stay approved on screen: no later write puts the draft back
    settle(qtbot)
    assert stored(window, CLEAN).is_approved and editor.undo_stack.count() == 0


def test_a_meeting_changed_elsewhere_is_shown_as_stored(qtbot, window):
    """A write that is not the editor's own (here an action's status, as the
    CLI or an import would change it) reaches the open editor, which shows
    the stored meeting; its own writes it does not read back."""
    from lmcdesk.services import actions

    editor = open_editor(qtbot, window, JOINT_DRAFT)
    action = editor.meeting.actions[0]
    changes = actions.set_action_status(window.session.unit_of_work(), JOINT_DRAFT, action.id, "done")
    window.announce(changes)
    settle(qtbot)
    assert str(editor.meeting.actions[0].status) == "done"
    assert editor.meeting.lock_version == stored(window, JOINT_DRAFT).lock_version
    editor.change("Change venue", lambda m: setattr(m, "venue", "Room 2"))  # the editor writes on top of it
    settle(qtbot)
    assert not editor.save_failed and stored(window, JOINT_DRAFT).venue == "Room 2"
    assert editor.meeting.item(editor.meeting.items[0].id).discussion == \
        stored(window, JOINT_DRAFT).items[0].discussion
