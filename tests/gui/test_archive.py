"""An archived copy in the app: a record LMC Desk may not write opens by
itself read-only, with a banner that says why; the lists, search, opening a
meeting and exports work; every edit is refused in words; nothing is written.

Two kinds of archive: a real read-only mount (root on Linux) and a writable
folder whose medium the probe is told is read-only (everywhere; here nothing
may appear beside the file either).  tests/integration/test_archive.py has the
command line and the storage details."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from archives import can_mount, older_record, read_only_mount, sha, unmount
from lmcdesk import bootstrap, errors
from lmcdesk.storage import instance
from lmcdesk.ui import operations

from .conftest import open_editor, settle

ARCHIVE_WORDS = "archived copy that cannot be changed"
DRAFT = "demo-meeting-federation-bid"
APPROVED = "demo-meeting-locality-award"


@pytest.fixture(params=["medium", "said"])
def make_archive(request, tmp_path, monkeypatch):
    """``make_archive(record) -> (path to open, path of the real bytes)``."""
    mounted = []

    def make(record: Path) -> tuple[Path, Path]:
        folder = tmp_path / f"archive-{len(mounted)}"
        folder.mkdir()
        real = folder / "record.sqlite3"
        shutil.copyfile(record, real)
        if request.param == "medium":
            disc = tmp_path / f"disc-{len(mounted)}"
            if not can_mount() or not read_only_mount(folder, disc):
                pytest.skip("a read-only mount cannot be made here (needs root on Linux)")
            mounted.append(disc)
            return disc / real.name, real
        monkeypatch.setattr(instance, "_read_only_medium", lambda folder: True)
        mounted.append(None)
        return real, real

    yield make
    for disc in mounted:
        if disc is not None:
            unmount(disc)


def state(real: Path) -> tuple[str, list[str]]:
    return sha(real), sorted(os.listdir(real.parent))


@pytest.fixture
def archive_window(qtbot, monkeypatch):
    """``archive_window(path)``: a main window started on that record."""
    from lmcdesk.ui.main_window import MainWindow

    def no_dialog(*a, **k):
        raise AssertionError("unexpected file dialog")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    windows = []

    def start(path: Path) -> MainWindow:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        with qtbot.waitSignal(w.meetings_loaded, timeout=20000):
            w.start(str(path))
        settle(qtbot)
        windows.append(w)
        return w

    yield start
    for w in windows:
        for editor in w.editors():
            editor.close_editor()
        settle(qtbot)
        if w.session is not None:
            w.session.close()


def test_an_archived_record_reads_searches_exports_and_refuses_edits_in_words(
        qtbot, make_archive, archive_window, demo_template, tmp_path, monkeypatch):
    path, real = make_archive(demo_template)
    before = state(real)
    w = archive_window(path)

    # opened as an archive, and the window says so
    session = w.session
    assert session.archived and session.read_only and session.lock is None
    assert "(read-only)" in w.windowTitle()
    assert not w.read_only_banner.isHidden()
    assert w.read_only_banner.text() == session.read_only_banner
    assert "archive" in w.read_only_banner.text().lower() and session.archived in w.read_only_banner.text()
    assert not w.act_new_meeting.isEnabled() and not w.act_import_pack.isEnabled()
    assert not w.act_restore.isEnabled()

    # the lists and the search
    page = w.meetings_page
    total = page.model.rowCount()
    assert {r.id for r in page.model.rows()} >= {DRAFT, APPROVED}
    assert w.people_page.model.rowCount() > 10
    qtbot.keyClicks(page.search, "anticoagulation")
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total, timeout=5000)
    settle(qtbot)
    assert page.proxy.rowCount() >= 1
    page.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == total, timeout=5000)

    # a meeting opens read-only; an edit is refused in the archive's words
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    editor = open_editor(qtbot, w, DRAFT)
    assert editor.read_only
    assert not editor.agenda.add_button.isEnabled() and editor.minutes.text.isReadOnly()
    assert not w.act_approve.isEnabled()
    title = editor.meeting.title
    editor.change("Rename", lambda m: setattr(m, "title", "Changed on the archive"))
    assert told == [session.read_only_message]
    assert ARCHIVE_WORDS in told[0] and "another LMC Desk window" not in told[0]
    assert editor.meeting.title == title

    # a write that gets past the screen is refused in the same words
    failures = []
    operations.run(session.write(lambda uow: uow.meetings.delete(DRAFT)), None, failures.append)
    settle(qtbot)
    assert len(failures) == 1 and isinstance(failures[0], errors.DatabaseReadOnly)
    assert failures[0].message == session.read_only_message

    # exports, through the Meeting > Export menu, to a folder that may be written
    exports = tmp_path / "exports"
    exports.mkdir()
    for meeting, kind, name, magic in ((DRAFT, "confidential", "draft.pdf", b"%PDF"),
                                        (DRAFT, "docx", "draft.docx", b"PK"),
                                        (APPROVED, "public", "approved-public.pdf", b"%PDF")):
        open_editor(qtbot, w, meeting)
        out = exports / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        w.act_export[kind].trigger()
        settle(qtbot, 60000)
        assert out.read_bytes().startswith(magic), name

    for editor in w.editors():
        editor.close_editor()
    settle(qtbot)
    w.session.close()
    assert state(real) == before


def test_an_older_archive_opens_from_an_up_to_date_copy_and_says_so(
        qtbot, make_archive, archive_window, tmp_path):
    old = tmp_path / "old.sqlite3"
    older_record(old)
    path, real = make_archive(old)
    before = state(real)
    w = archive_window(path)
    session = w.session
    assert session.archived and "older version of LMC Desk" in session.notice
    assert bootstrap.COPY_BANNER in w.read_only_banner.text() and not w.read_only_banner.isHidden()
    assert w.read_only_banner.toolTip() == session.notice
    assert [r.title for r in w.meetings_page.model.rows()] == ["Archived spring meeting"]
    scratch = session.database.scratch
    w.close_record()
    assert not scratch.exists()
    assert state(real) == before
