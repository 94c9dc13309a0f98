"""GUI fixtures: a main window on a copy of the Loamshire example record."""

from __future__ import annotations

import shutil

import pytest

from lmcdesk.ui import operations


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The example county stored once per test run; tests get a copy."""
    from lmcdesk.services.demo import create_demo
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    path = tmp_path_factory.mktemp("demo") / "example.sqlite3"
    db = open_database("sqlite:///" + str(path))
    create_demo(SqlAlchemyUnitOfWork(db))
    db.dispose()
    return path


def settle(qtbot, timeout=15000):
    """Wait until every background operation has delivered its callback."""
    qtbot.waitUntil(lambda: not operations.busy(), timeout=timeout)


@pytest.fixture
def demo_db(demo_template, tmp_path):
    path = tmp_path / "record.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def window(qtbot, demo_db, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    def no_dialog(*a, **k):  # any file dialog a test did not ask for is a bug
        raise AssertionError("unexpected file dialog")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    from lmcdesk.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.meetings_loaded, timeout=20000):
        w.start(str(demo_db))
    settle(qtbot)
    yield w
    for editor in w.editors():
        editor.close_editor()
    settle(qtbot)
    if w.session is not None:
        w.session.close()


def open_editor(qtbot, window, index_or_title=0):
    rows = window.meetings_page.model.rows()
    if isinstance(index_or_title, str):
        row = next(r for r in rows if r.id == index_or_title or index_or_title.lower() in r.title.lower())
    else:
        row = sorted(rows, key=lambda r: r.date, reverse=True)[index_or_title]
    window.open_meeting(row.id)
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=10000)
    settle(qtbot)
    return window.current_editor()


#: The passphrase the GUI tests give a body's signing key.
PASSPHRASE = "loamshire minutes 2026"


def type_passphrase(qtbot, dialog, passphrase: str = PASSPHRASE) -> None:
    """Type the signing key's passphrase as a user does: twice the first time (a new key), else once."""
    qtbot.keyClicks(dialog.passphrase, passphrase)
    if not dialog.choices.key_exists:
        qtbot.keyClicks(dialog.passphrase_again, passphrase)


def approve_through_dialog(qtbot, monkeypatch, editor, passphrase: str = PASSPHRASE, fill=None) -> None:
    """Approve the editor's minutes the way a user does: Meeting > Approve minutes…,
    the form as the dialog fills it (``fill(dialog)`` changes it first), the
    passphrase, the Approve button; returns once they are approved."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from lmcdesk.ui.approve_dialog import ApproveDialog

    def run(dialog):
        dialog.show()
        qtbot.waitUntil(lambda: dialog.choices is not None, timeout=10000)
        if fill is not None:
            fill(dialog)
        type_passphrase(qtbot, dialog, passphrase)
        assert dialog.approve_button.isEnabled(), dialog.date_problem.text() or dialog.passphrase_problem.text()
        qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=30000)
        return dialog.result()

    monkeypatch.setattr(ApproveDialog, "exec", run)
    editor.window().act_approve.trigger()
    qtbot.waitUntil(lambda: editor.meeting.is_approved, timeout=10000)
    settle(qtbot)
