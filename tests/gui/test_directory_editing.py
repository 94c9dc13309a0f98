"""Keep the directory and the register of interests up to date in the app,
driving the real dialogs (their ``exec`` filled in and accepted here)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from lmcdesk.services.directory import get_directory
from lmcdesk.ui import errors as ui_errors
from lmcdesk.ui.body_dialog import BodyDialog
from lmcdesk.ui.interest_dialog import EndInterestDialog, InterestDialog
from lmcdesk.ui.person_dialog import MembershipDialog, MembershipRow, MembershipsModel, PersonDialog

from .conftest import open_editor, settle
from .test_accessibility import _nameless
from .test_office import click_read_only, second_window

JOINT_DRAFT = "demo-meeting-joint-draft"
LMC = "demo-loamshire-lmc"
BIDDER = "demo-south-loamshire-care-ltd"  # bidding at item 4 of the joint draft
NIA = "demo-ms-nia-fictional"  # present and voting at item 4, nothing to do with the bidder
DAFYDD = "demo-dr-dafydd-dummy"


def stored(window):
    return get_directory(window.session.unit_of_work())


def fill(monkeypatch, cls, filler, seen=None):
    """Make ``cls.exec`` fill the real dialog in and press its Save/OK button."""

    def exec_(self):
        if seen is not None:
            seen.append(self)
        filler(self)
        self.buttons.button(self.buttons.standardButtons() & ~self.buttons.StandardButton.Cancel).click()
        return QDialog.DialogCode.Accepted if self.result() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", exec_)


def set_date(field, day: date | None) -> None:
    field.known.setChecked(day is not None)
    if day is not None:
        field.edit.setDate(QDate(day.year, day.month, day.day))


def rule_people(editor, rule_id):
    return {p for f in editor.findings if f.rule_id == rule_id for p in f.person_ids}


def saved_and_rechecked(qtbot, window):
    """The write, then what follows it on the worker: the pages read again and the open editors' checks."""
    settle(qtbot)


def test_add_a_person_with_a_membership_then_edit_with_enter(qtbot, window, monkeypatch):
    def person(d: PersonDialog):
        d.title.setCurrentText("Dr")
        d.name.setText("Gwen Newcomer")
        d.email.setText("gwen@example.org")
        d.add_membership()

    def membership(d: MembershipDialog):
        d.body.setCurrentIndex(d.body.findData(LMC))
        d.role.setCurrentIndex(d.role.findData("secretary"))
        d.role.activated.emit(d.role.currentIndex())
        assert not d.voting.isChecked()  # a secretary has no vote unless ticked
        d.voting.setChecked(True)

    fill(monkeypatch, PersonDialog, person)
    fill(monkeypatch, MembershipDialog, membership)
    window.tabs.setCurrentWidget(window.people_page)
    assert window.directory_editing.act_add_person.isEnabled()
    window.directory_editing.act_add_person.trigger()
    settle(qtbot)

    d = stored(window)
    [gwen] = [p for p in d.people.values() if p.name == "Dr Gwen Newcomer"]
    assert gwen.email == "gwen@example.org" and gwen.active
    [m] = [m for m in d.memberships if m.person_id == gwen.id]
    assert (m.body_id, str(m.role), m.voting) == (LMC, "secretary", True)
    row = window.people_page.model.rows()[window.people_page.model.row_of_id(gwen.id)]
    assert row.roles == "Secretary, Loamshire Local Medical Committee"
    assert window.people_page.current_row().id == gwen.id  # the saved person stays selected

    def change(d: PersonDialog):
        assert (d.title.currentText(), d.name.text()) == ("Dr", "Gwen Newcomer")
        assert d.model.rowCount() == 1
        d.active.setChecked(False)

    fill(monkeypatch, PersonDialog, change)
    window.people_page.table.setFocus()
    qtbot.keyClick(window.people_page.table, Qt.Key.Key_Return)
    settle(qtbot)
    assert not stored(window).people[gwen.id].active

    # added by mistake and named nowhere: she can be deleted, with her membership
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.people_page.select_id(gwen.id)
    window.directory_editing.act_delete_person.trigger()
    settle(qtbot)
    d = stored(window)
    assert gwen.id not in d.people and not [m for m in d.memberships if m.person_id == gwen.id]


def test_a_person_the_minutes_name_cannot_be_deleted(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc: shown.append(exc))
    assert window.people_page.select_id(DAFYDD)
    window.directory_editing.act_delete_person.trigger()
    settle(qtbot)
    assert len(shown) == 1 and "cannot be deleted" in shown[0].message
    d = stored(window)
    assert DAFYDD in d.people and any(m.person_id == DAFYDD for m in d.memberships)  # nothing half done


def test_an_interest_in_the_bidder_shows_in_the_open_probity_panel_and_ending_it_clears_it(
        qtbot, window, monkeypatch):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    assert NIA not in rule_people(editor, "P-DECLARE-MISSING")
    meeting_day = editor.meeting.date

    def interest(d: InterestDialog):
        d.person.setCurrentIndex(d.person.findData(NIA))
        d.type.setCurrentIndex(d.type.findData("financial"))
        d.organisation.setCurrentText("South Loamshire Care Services Ltd")
        d.description.setText("Shares held by her husband")
        set_date(d.valid_from, meeting_day - timedelta(days=200))
        set_date(d.declared_on, meeting_day - timedelta(days=200))

    fill(monkeypatch, InterestDialog, interest)
    window.tabs.setCurrentWidget(window.interests_page)
    window.directory_editing.act_add_interest.trigger()
    saved_and_rechecked(qtbot, window)
    [entry] = [i for i in stored(window).interests_of(NIA) if i.organisation_id == BIDDER]
    assert entry.organisation_name == "" and entry.declared_on == meeting_day - timedelta(days=200)
    qtbot.waitUntil(lambda: NIA in rule_people(editor, "P-DECLARE-MISSING"), timeout=10000)
    panel = window._probity_dock.panel
    window.tabs.setCurrentWidget(editor)
    assert any(r.rule_id == "P-DECLARE-MISSING" and NIA in r.person_ids for r in panel.model.rows())

    # she gave it up the day before the meeting
    def ended(d: EndInterestDialog):
        set_date(d.valid_to, meeting_day - timedelta(days=1))

    fill(monkeypatch, EndInterestDialog, ended)
    assert window.interests_page.select_id(entry.id)
    window.directory_editing.act_end_interest.trigger()
    saved_and_rechecked(qtbot, window)
    assert next(i for i in stored(window).interests if i.id == entry.id).valid_to == meeting_day - timedelta(days=1)
    qtbot.waitUntil(lambda: NIA not in rule_people(editor, "P-DECLARE-MISSING"), timeout=10000)
    assert not any(NIA in r.person_ids and r.rule_id == "P-DECLARE-MISSING" for r in panel.model.rows())


def test_mark_reviewed_today_clears_the_stale_register_warning(qtbot, window, monkeypatch):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    assert DAFYDD in rule_people(editor, "P-REGISTER-STALE")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.tabs.setCurrentWidget(window.interests_page)
    assert window.interests_page.select_id(next(i.id for i in window.overview.directory.interests_of(DAFYDD)))
    window.directory_editing.act_reviewed.trigger()
    saved_and_rechecked(qtbot, window)
    assert "Dr Dafydd Dummy confirmed today" in asked[0] and "2 entries" in asked[0]
    assert {i.reviewed_on for i in stored(window).interests_of(DAFYDD)} == {date.today()}
    qtbot.waitUntil(lambda: DAFYDD not in rule_people(editor, "P-REGISTER-STALE"), timeout=10000)


def test_an_interest_ending_before_it_began_is_refused_in_words(qtbot, window, monkeypatch):
    before = stored(window).interests
    dialogs = []

    def impossible(d: InterestDialog):
        d.person.setCurrentIndex(d.person.findData(NIA))
        d.organisation.setCurrentText("Acme Diagnostics Ltd")  # not a body: kept as free text
        set_date(d.valid_from, date(2026, 3, 1))
        set_date(d.valid_to, date(2026, 1, 1))

    fill(monkeypatch, InterestDialog, impossible, dialogs)
    window.directory_editing.act_add_interest.trigger()
    settle(qtbot)
    problem = dialogs[0].problem
    assert not problem.isHidden()
    assert problem.text() == ("The interest cannot end on 1 Jan 2026, before it began on 1 Mar 2026. "
                              "Check the 'From' and 'To' dates.")
    assert stored(window).interests == before

    # the same when ending an existing interest
    dialogs.clear()
    fill(monkeypatch, EndInterestDialog, lambda d: set_date(d.valid_to, date(1999, 1, 1)), dialogs)
    entry = next(i for i in before if i.valid_from)
    assert window.interests_page.select_id(entry.id)
    window.directory_editing.act_end_interest.trigger()
    settle(qtbot)
    assert "before it began" in dialogs[0].problem.text()
    assert stored(window).interests == before


def test_nil_return(qtbot, window, monkeypatch):
    dialogs = []

    def nil_for_nia(d: InterestDialog):
        assert d.nil.isChecked() and not d.organisation.isEnabled()
        d.person.setCurrentIndex(d.person.findData(NIA))

    fill(monkeypatch, InterestDialog, nil_for_nia, dialogs)
    window.directory_editing.act_nil.trigger()
    settle(qtbot)
    # she has an interest on the register: a nil return would contradict it
    assert "End those entries first" in dialogs[0].problem.text()
    assert not any(i.nil_return for i in stored(window).interests_of(NIA))

    pryce = "demo-mr-pryce-invented"  # the minute-taker: nothing on the register
    fill(monkeypatch, InterestDialog, lambda d: d.person.setCurrentIndex(d.person.findData(pryce)))
    window.directory_editing.act_nil.trigger()
    settle(qtbot)
    entries = stored(window).interests_of(pryce)
    assert [(i.nil_return, i.declared_on) for i in entries] == [(True, date.today())]
    page = window.interests_page
    row = page.current_row()
    assert row.person_id == pryce
    assert page.model.data(page.model.index(page.model.row_of_id(row.id), 1)) == "Nil return"


def test_add_and_edit_a_body(qtbot, window, monkeypatch):
    def body(d: BodyDialog):
        d.name.setText("Hillside Surgery")
        d.type.setCurrentIndex(d.type.findData("practice"))
        d.parent_body.setCurrentIndex(d.parent_body.findData("demo-south-loamshire-federation"))

    fill(monkeypatch, BodyDialog, body)
    window.directory_editing.act_add_body.trigger()
    settle(qtbot)
    [b] = [b for b in stored(window).bodies.values() if b.name == "Hillside Surgery"]
    assert b.parent_id == "demo-south-loamshire-federation" and b.quorum is None

    def quorum(d: BodyDialog):
        d.minimum.setValue(4)
        d.fraction.setCurrentText("1/2")

    fill(monkeypatch, BodyDialog, quorum)
    assert window.bodies_page.select_id(LMC)
    window.directory_editing.act_edit_body.trigger()
    settle(qtbot)
    q = stored(window).bodies[LMC].quorum
    assert (q.minimum, str(q.fraction)) == (4, "1/2")


def test_read_only_window_cannot_edit_the_directory(qtbot, window, demo_db, monkeypatch):
    click_read_only(monkeypatch, [])
    w2 = second_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: w2.session is not None and w2.session.read_only, timeout=20000)
    qtbot.waitUntil(lambda: w2.overview is not None, timeout=20000)
    settle(qtbot)
    w2.people_page.select_id(DAFYDD)
    w2.interests_page.select_id(w2.overview.directory.interests_of(DAFYDD)[0].id)
    w2.bodies_page.select_id(LMC)
    e = w2.directory_editing
    actions = [e.act_add_person, e.act_edit_person, e.act_delete_person, e.act_add_interest, e.act_edit_interest,
               e.act_reviewed, e.act_nil, e.act_end_interest, e.act_add_body, e.act_edit_body]
    assert not any(a.isEnabled() for a in actions)
    monkeypatch.setattr(PersonDialog, "exec", lambda self: (_ for _ in ()).throw(AssertionError("opened")))
    qtbot.keyClick(w2.people_page.table, Qt.Key.Key_Return)  # Enter does nothing either
    # and in the writable window they are on
    window.people_page.select_id(DAFYDD)
    assert window.directory_editing.act_edit_person.isEnabled()
    w2.close()
    settle(qtbot)


def test_dialogs_name_every_control(qtbot, window):
    d = window.overview.directory
    person = d.people[DAFYDD]
    for dialog in (PersonDialog(d, person), MembershipDialog(d, next(m for m in d.memberships)),
                   InterestDialog(d, d.interests_of(DAFYDD)[0]), EndInterestDialog(d, d.interests_of(DAFYDD)[0]),
                   BodyDialog(d, d.bodies[LMC])):
        qtbot.addWidget(dialog)
        assert _nameless(dialog) == []
        assert dialog.accessibleName()


def test_memberships_model(qtmodeltester):
    model = MembershipsModel()
    model.set_rows([MembershipRow("m1", "Loamshire LMC", "vice_chair", True, date(2024, 1, 1), None),
                    MembershipRow("m2", "Loam Valley Federation", "co_opted", False, None, date(2025, 1, 1))])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 1)) == "Vice-chair"
    assert model.data(model.index(1, 1)) == "Co-opted member"


def test_an_open_meeting_follows_a_changed_quorum_rule(qtbot, window, monkeypatch):
    """Raising the locality group's quorum while its meeting is open: the
    attendance page's quorum bar says so at once, without reopening."""
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    LCG = editor.meeting.body_id
    editor.show_page("attendance")
    assert editor.attendance.quorum.text().startswith("Quorate — 8 voting members present; 5 required")

    def quorum(d: BodyDialog):
        d.minimum.setValue(9)

    fill(monkeypatch, BodyDialog, quorum)
    window.tabs.setCurrentWidget(window.bodies_page)
    assert window.bodies_page.select_id(LCG)
    window.directory_editing.act_edit_body.trigger()
    settle(qtbot)
    assert stored(window).bodies[LCG].quorum.minimum == 9
    qtbot.waitUntil(lambda: "9 required" in editor.attendance.quorum.text(), timeout=5000)
    assert editor.attendance.quorum.text().startswith("NOT quorate")
