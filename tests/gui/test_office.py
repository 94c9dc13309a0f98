"""No data loss in the app: one window per record file (a second may look
read-only), backups on opening and after approval, File > Restore from backup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from lmcdesk import errors
from lmcdesk.services import backup as backups
from lmcdesk.bootstrap import READ_ONLY_MESSAGE, Record
from lmcdesk.errors import AlreadyOpen
from lmcdesk.storage.instance import InstanceLock
from lmcdesk.ui import operations
from lmcdesk.ui.restore_dialog import BackupsModel, RestoreDialog

from .conftest import approve_through_dialog, open_editor, settle

CLEAN = "demo-meeting-federation-bid"


def second_window(qtbot, demo_db):
    from lmcdesk.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.start(str(demo_db))
    return w


def reasons(db_file):
    return [b.reason for b in backups.list_backups(db_file)]


def meeting_title(demo_db, meeting_id):
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database
    from lmcdesk.storage.instance import read_only_url

    db = open_database(read_only_url("sqlite:///" + str(demo_db)))
    try:
        with SqlAlchemyUnitOfWork(db) as uow:
            return uow.meetings.get(meeting_id).title
    finally:
        db.dispose()


def click_read_only(monkeypatch, shown):
    """The "already open" question: note its words, press "Open read-only"."""

    def exec_(box):
        shown.append(box.text())
        [button] = [b for b in box.buttons() if "read-only" in b.text()]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_second_window_on_the_record_is_refused_and_offered_read_only(qtbot, window, demo_db, monkeypatch):
    assert window.session.lock is not None and window.session.lock.held
    asked = []
    click_read_only(monkeypatch, asked)
    w2 = second_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: w2.session is not None, timeout=20000)
    settle(qtbot)

    assert len(asked) == 1 and "already open in LMC Desk by" in asked[0] and "read-only" in asked[0]
    assert w2.session.read_only and w2.session.lock is None
    assert "(read-only)" in w2.windowTitle()
    assert not w2.read_only_banner.isHidden()
    assert not w2.act_new_meeting.isEnabled() and not w2.act_restore.isEnabled()
    assert w2.meetings_page.model.rowCount() == window.meetings_page.model.rowCount()

    # closing the first window lets go of the record
    window.close()
    settle(qtbot)
    assert window.session is None or window.session.lock is None
    with InstanceLock(demo_db):
        pass


def test_read_only_refuses_every_edit_and_changes_nothing(qtbot, window, demo_db, monkeypatch):
    click_read_only(monkeypatch, [])
    w2 = second_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: w2.session is not None and w2.session.read_only, timeout=20000)
    settle(qtbot)
    before = meeting_title(demo_db, CLEAN)
    main_bytes = demo_db.read_bytes()

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    editor = open_editor(qtbot, w2, CLEAN)
    assert editor.read_only
    assert not editor.agenda.add_button.isEnabled() and editor.minutes.text.isReadOnly()
    assert not w2.act_approve.isEnabled()
    editor.change("Rename", lambda m: setattr(m, "title", "Changed in the read-only window"))
    assert told == [READ_ONLY_MESSAGE]
    assert editor.meeting.title == before

    # a write that gets past the screen is refused in words, not a traceback
    failures = []
    operations.run(w2.session.write(lambda uow: uow.meetings.delete(CLEAN)), None, failures.append)
    settle(qtbot)
    assert len(failures) == 1 and isinstance(failures[0], errors.DatabaseReadOnly)
    assert failures[0].message == READ_ONLY_MESSAGE

    # and the approve dialog says why it cannot approve
    dialog = editor.approval_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.approve_button.isEnabled() and dialog.intro.text() == READ_ONLY_MESSAGE

    editor.close_editor()
    settle(qtbot)
    assert meeting_title(demo_db, CLEAN) == before
    assert demo_db.read_bytes() == main_bytes


def test_a_backup_is_made_on_opening_and_after_approving(qtbot, window, demo_db, monkeypatch):
    assert reasons(demo_db) == ["start"]
    editor = open_editor(qtbot, window, CLEAN)
    settle(qtbot)

    approve_through_dialog(qtbot, monkeypatch, editor)
    assert reasons(demo_db) == ["approval", "start"]
    [approval] = [b for b in backups.list_backups(demo_db) if b.reason == "approval"]
    assert str(approval.path) in window.statusBar().currentMessage()


def test_a_failed_start_up_backup_warns_but_the_record_opens(qtbot, demo_db, monkeypatch):
    def full(*_a, **_k):
        raise errors.DiskFull("There is not enough disk space to back up record.sqlite3.")

    monkeypatch.setattr(backups, "startup_backup", full)
    from lmcdesk.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.meetings_loaded, timeout=20000):
        w.start(str(demo_db))
    settle(qtbot)
    assert w.session is not None and not w.session.read_only
    assert "not enough disk space" in w.statusBar().currentMessage()
    w.close()


def test_restore_from_the_menu_puts_back_an_earlier_state(qtbot, window, demo_db, monkeypatch):
    original = meeting_title(demo_db, CLEAN)
    editor = open_editor(qtbot, window, CLEAN)
    editor.change("Rename", lambda m: setattr(m, "title", "Renamed after the backup"))
    editor.close_editor()
    settle(qtbot)
    assert meeting_title(demo_db, CLEAN) == "Renamed after the backup"
    assert window.current_editor() is not None  # left open: restoring must close it

    confirmations = []

    def yes(parent, title, text, *a):
        confirmations.append(text)
        return QMessageBox.StandardButton.Yes

    def pick_start_backup(dialog):
        qtmodel = dialog.model
        assert [r.reason for r in qtmodel.rows()] == ["start"]
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(QMessageBox, "question", yes)
    monkeypatch.setattr(RestoreDialog, "exec", pick_start_backup)
    assert window.act_restore.isEnabled()
    with qtbot.waitSignal(window.meetings_loaded, timeout=20000):
        window.act_restore.trigger()
    settle(qtbot)

    assert confirmations and "changes since then will be lost" in confirmations[0]
    assert "kept first" in confirmations[0]
    assert window.current_editor() is None
    assert meeting_title(demo_db, CLEAN) == original
    assert "before-restore" in reasons(demo_db)
    assert "Restored the record" in window.statusBar().currentMessage()
    assert window.session is not None and window.session.lock.held
    try:
        InstanceLock(demo_db).acquire()
    except AlreadyOpen:
        pass
    else:  # pragma: no cover
        raise AssertionError("the reopened record is not locked")


def test_restore_is_only_for_a_record_file():
    assert not Record("postgresql://lmc@server/lmcdesk", None).can_restore
    assert not Record("sqlite:////tmp/x.sqlite3", None, read_only=True).can_restore
    assert Record("sqlite:////tmp/x.sqlite3", None).can_restore


def test_backups_model(qtmodeltester, demo_db):
    backups.backup_now(demo_db, "manual")
    backups.backup_now(demo_db, "approval")
    model = BackupsModel()
    model.set_rows(backups.list_backups(demo_db))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 1).data() == "After minutes were approved"


#: The federation board's minutes are approved by circulation (no later board meeting is in the demo).
APPROVE_CLEAN = ["approve", CLEAN, "--chair", "Dr Gethin Testcase", "--by-circulation"]


def test_cli_approve_prints_where_the_backup_went(demo_db, capsys, monkeypatch):
    from lmcdesk.cli import main

    monkeypatch.setenv("LMCDESK_PASSPHRASE", "federation passphrase (fictional)")
    assert main(["--db", str(demo_db), *APPROVE_CLEAN]) == 0
    out = capsys.readouterr().out
    [approval] = backups.list_backups(demo_db)
    assert approval.reason == "approval"
    assert f"Backed up the record to {approval.path}" in out


def test_cli_approval_stands_when_the_backup_fails(demo_db, capsys, monkeypatch):
    from lmcdesk.cli import main

    def full(*_a, **_k):
        raise errors.DiskFull("There is not enough disk space to back up record.sqlite3.")

    monkeypatch.setattr(backups, "backup_now", full)
    monkeypatch.setenv("LMCDESK_PASSPHRASE", "federation passphrase (fictional)")
    assert main(["--db", str(demo_db), *APPROVE_CLEAN]) == 0
    captured = capsys.readouterr()
    assert "Approved as a true record (version 1) by circulation" in captured.out
    assert "approved, but the backup could not be made" in captured.err
    assert backups.list_backups(demo_db) == []
