"""Meeting packs from the menus (chair's PC -> secretary's PC) and a meeting
saved on another PC while it is open here (ConcurrentEdit)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from lmcdesk.services.exchange import Choice
from lmcdesk.ui import concurrent_edit
from lmcdesk.ui.pack_import_dialog import (
    CHOICE_WORDS,
    ROW_ROLE,
    ChangesOnly,
    PackImportDialog,
    PackPreviewModel,
    rows_of,
)

from .conftest import open_editor, settle

MEETING = "demo-meeting-federation-bid"  # a clean draft in the demo
APPROVED = "demo-meeting-locality-award"  # approved in the demo


def _row_of(model, kind: str, record_id: str) -> int:
    return next(n for n, r in enumerate(model.rows()) if r.key == (kind, record_id))


def _set_minutes(editor, text: str) -> str:
    """A whole-meeting save of the first item's minutes (as the agenda/minutes pages do)."""
    item_id = editor.meeting.ordered_items()[0].id
    editor.change("Minutes", lambda m: setattr(m.item(item_id), "discussion", text))
    return item_id


def _stored_minutes(path, item_id: str) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("select discussion from agenda_item where id = ?", (item_id,)).fetchone()[0]
    finally:
        con.close()


def _open_record(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.meetings_loaded, timeout=20000):
        window.open_record("sqlite:///" + str(path))
    settle(qtbot)


def _export_from_menu(qtbot, window, monkeypatch, out):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Meeting pack (*.lmcpack)"))
    assert window.act_export_pack.isEnabled()
    window.act_export_pack.trigger()
    settle(qtbot, 30000)
    assert out.exists()
    assert out.name in window.statusBar().currentMessage()


@pytest.mark.parametrize("choice", ["keep", "take"])
def test_pack_from_the_chair_merges_on_the_secretarys_pc(qtbot, window, demo_template, tmp_path, monkeypatch,
                                                         choice):
    secretary = tmp_path / "secretary.sqlite3"
    shutil.copy(demo_template, secretary)
    pack = tmp_path / "march.lmcpack"

    # The chair's laptop: minutes typed, then Meeting > Export > Meeting pack.
    editor = open_editor(qtbot, window, MEETING)
    item_id = _set_minutes(editor, "The chair's minutes for item one.")
    _export_from_menu(qtbot, window, monkeypatch, pack)

    # The secretary's PC has its own edit of the same item (never exchanged: a conflict).
    _open_record(qtbot, window, secretary)
    editor = open_editor(qtbot, window, MEETING)
    _set_minutes(editor, "The secretary's minutes for item one.")
    assert editor.close_editor()
    assert _stored_minutes(secretary, item_id) == "The secretary's minutes for item one."

    seen = {}

    def decide(dialog: PackImportDialog):
        model = dialog.model
        seen["conflicts"] = [model.rows()[n] for n in dialog.conflict_rows]
        row = _row_of(model, "meeting", MEETING)
        seen["status"] = model.index(row, PackPreviewModel.STATUS).data()
        seen["changes"] = model.rows()[row].changes
        seen["default"] = model.index(row, PackPreviewModel.CHOICE).data()
        if choice == "take":
            assert model.setData(model.index(row, PackPreviewModel.CHOICE), Choice.TAKE_THEIRS.value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PackImportDialog, "exec", decide)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), "Meeting pack (*.lmcpack)"))
    assert window.act_import_pack.isEnabled()
    window.act_import_pack.trigger()
    settle(qtbot, 30000)

    assert [(r.kind, r.id) for r in seen["conflicts"]] == [("meeting", MEETING)]
    assert "both" in seen["status"].lower()
    assert any("discussion" in c for c in seen["changes"])
    assert seen["default"] == CHOICE_WORDS[Choice.KEEP_LOCAL] == "Keep mine"
    message = window.statusBar().currentMessage()
    assert "march.lmcpack" in message
    assert ("kept this PC's copy of 1 record" in message) == (choice == "keep")

    expected = ("The secretary's minutes for item one." if choice == "keep"
                else "The chair's minutes for item one.")
    assert _stored_minutes(secretary, item_id) == expected
    qtbot.waitUntil(lambda: editor.meeting.item(item_id).discussion == expected, timeout=10000)
    settle(qtbot)


def test_a_corrupt_pack_is_refused_in_words_and_nothing_changes(qtbot, window, demo_db, tmp_path, monkeypatch):
    bad = tmp_path / "broken.lmcpack"
    bad.write_bytes(b"PK\x03\x04 this is not really a meeting pack")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.windowTitle(), self.text())) or 0)
    monkeypatch.setattr(PackImportDialog, "exec", lambda self: pytest.fail("no preview for a corrupt pack"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), "Meeting pack (*.lmcpack)"))

    def audit_rows():
        con = sqlite3.connect(demo_db)
        try:
            return con.execute("select count(*) from audit_log").fetchone()[0]
        finally:
            con.close()

    before = audit_rows()
    window.act_import_pack.trigger()
    settle(qtbot)
    assert len(shown) == 1
    title, text = shown[0]
    assert "broken.lmcpack" in text or "meeting pack" in text.lower()
    assert "Traceback" not in text and title != "LMC Desk has hit a bug"
    assert audit_rows() == before


def _two_pc_preview(demo_template, tmp_path):
    """The secretary's preview of the chair's pack: one conflict, one refused (approved here), the rest unchanged."""
    from lmcdesk.services import exchange, meetings
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    chair, secretary = tmp_path / "chair.sqlite3", tmp_path / "secretary.sqlite3"
    shutil.copy(demo_template, chair)
    shutil.copy(demo_template, secretary)
    pack = tmp_path / "p.lmcpack"
    for path, text in ((chair, "chair"), (secretary, "secretary")):
        db = open_database("sqlite:///" + str(path))
        uow = SqlAlchemyUnitOfWork(db)
        m = meetings.get_meeting(uow, MEETING)
        m.items[0].discussion = text
        meetings.save_meeting(SqlAlchemyUnitOfWork(db), m)
        if path == chair:  # the chair reopened the approved award minutes for a correction
            from lmcdesk.services import approval

            approval.begin_correction(SqlAlchemyUnitOfWork(db), APPROVED, "wrong declaration time")
            exchange.export_pack(SqlAlchemyUnitOfWork(db), [MEETING, APPROVED], pack)
        else:
            preview = exchange.preview_import(SqlAlchemyUnitOfWork(db), pack)
        db.dispose()
    return preview


def test_import_dialog_model(qtbot, qtmodeltester, demo_template, tmp_path):
    """The preview model over a real preview: conflicts first, choices start as Keep mine."""
    from lmcdesk.services import exchange

    preview = _two_pc_preview(demo_template, tmp_path)
    model = PackPreviewModel()
    model.set_rows(rows_of(preview))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(preview.records)
    first = model.rows()[0]
    assert (first.kind, first.id) == ("meeting", MEETING) and first.choosable
    assert model.choices() == {("meeting", MEETING): exchange.Choice.KEEP_LOCAL}
    index = model.index(0, PackPreviewModel.CHOICE)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, exchange.Choice.TAKE_THEIRS.value)
    assert model.choices() == {("meeting", MEETING): exchange.Choice.TAKE_THEIRS}
    # approved on this PC: the pack's draft can never replace it, and no choice is offered
    refused = _row_of(model, "meeting", APPROVED)
    assert model.rows()[refused].status == exchange.Status.REFUSED and not model.rows()[refused].choosable
    choice_cell = model.index(refused, PackPreviewModel.CHOICE)
    assert choice_cell.data() == "Cannot be replaced"
    assert "never overwrites" in choice_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert not model.setData(choice_cell, exchange.Choice.TAKE_THEIRS.value)
    assert not (model.flags(choice_cell) & Qt.ItemFlag.ItemIsEditable)
    assert ("meeting", APPROVED) not in model.choices()

    dialog = PackImportDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.conflict_rows == [0]
    assert "need" in dialog.summary.text() and "Keep mine" in dialog.summary.text()


def test_import_preview_hides_unchanged_records_unless_asked(qtbot, qtmodeltester, demo_template, tmp_path):
    """Seen: the demo's preview listed every unchanged record (135 rows around the few that change)."""
    from lmcdesk.services.exchange import Status

    preview = _two_pc_preview(demo_template, tmp_path)
    dialog = PackImportDialog(preview)
    qtbot.addWidget(dialog)
    rows = dialog.model.rows()
    unchanged = sum(1 for r in rows if r.status == Status.UNCHANGED)
    changes = len(rows) - unchanged
    assert unchanged > 100 and changes >= 2

    shown = dialog.table.model()
    assert not dialog.show_unchanged.isChecked()
    assert shown.rowCount() == changes
    assert all(shown.index(r, 0).data(ROW_ROLE).status != Status.UNCHANGED for r in range(shown.rowCount()))
    bring = sum(1 for r in rows if r.status in (Status.NEW, Status.CHANGED_REMOTELY))
    kept = sum(1 for r in rows if r.status in (Status.CHANGED_LOCALLY, Status.REFUSED))
    assert bring + 1 + kept == changes
    expected = ([f"{bring} to bring in"] if bring else []) + ["1 needs your choice"] + (
        [f"{kept} kept as {'it is' if kept == 1 else 'they are'} here"] if kept else []) + [f"{unchanged} unchanged"]
    assert dialog.counts.text() == ", ".join(expected)
    assert f"({unchanged})" in dialog.show_unchanged.text()
    conflict = shown.index(0, PackPreviewModel.CHOICE)
    assert dialog.table.isPersistentEditorOpen(conflict)  # the choice is still there to make

    qtbot.mouseClick(dialog.show_unchanged, Qt.MouseButton.LeftButton)
    assert dialog.show_unchanged.isChecked() and shown.rowCount() == len(rows)
    assert dialog.table.isPersistentEditorOpen(shown.index(0, PackPreviewModel.CHOICE))
    dialog.show_unchanged.setChecked(False)
    assert shown.rowCount() == changes
    assert dialog.choices() == {("meeting", MEETING): Choice.KEEP_LOCAL}  # filtering changes no choice

    model, proxy = PackPreviewModel(), ChangesOnly()  # the filter passes Qt's model checks, both ways
    model.set_rows(rows)
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_show_unchanged(True)
    proxy.set_show_unchanged(False)
    assert proxy.rowCount() == changes


def test_save_refused_after_another_pc_saved_offers_their_version_and_keeps_the_typing(
        qtbot, window, demo_db, monkeypatch):
    from lmcdesk.services import meetings
    from lmcdesk.storage import SqlAlchemyUnitOfWork, open_database

    editor = open_editor(qtbot, window, MEETING)
    item_id = editor.meeting.ordered_items()[0].id

    # Another PC on the shared record saves the same meeting first.
    other = open_database("sqlite:///" + str(demo_db))
    try:
        theirs = meetings.get_meeting(SqlAlchemyUnitOfWork(other), MEETING)
        theirs.item(item_id).discussion = "Their minutes, saved on the other PC."
        meetings.save_meeting(SqlAlchemyUnitOfWork(other), theirs)
    finally:
        other.dispose()

    answers = [False]  # first: keep editing
    monkeypatch.setattr(concurrent_edit, "ask_reload", lambda parent: answers.pop(0))
    _set_minutes(editor, "My minutes, typed here.")
    editor.save_now()
    settle(qtbot)
    assert not answers, "the user was asked"
    assert editor.stale and "Not saved" in editor.save_label.text()
    assert editor.meeting.item(item_id).discussion == "My minutes, typed here."  # nothing lost
    assert _stored_minutes(demo_db, item_id) == "Their minutes, saved on the other PC."  # nothing overwritten

    answers.append(False)  # closing asks again; keep editing keeps the editor open
    assert editor.close_editor() is False
    assert editor.stale

    answers.append(True)  # the "Reload their version…" link in the save label
    editor.save_label.linkActivated.emit("reload")
    settle(qtbot)
    assert not editor.stale and not editor.has_unsaved_changes
    assert editor.meeting.item(item_id).discussion == "Their minutes, saved on the other PC."
    qtbot.waitUntil(lambda: editor.unsaved_dialog is not None and editor.unsaved_dialog.isVisible(), timeout=5000)
    assert "My minutes, typed here." in editor.unsaved_dialog.text.toPlainText()
    assert "My minutes, typed here." in QGuiApplication.clipboard().text()

    # Saving works again, on top of their version.
    _set_minutes(editor, "Their minutes, saved on the other PC. And mine.")
    editor.save_now()
    settle(qtbot)
    assert _stored_minutes(demo_db, item_id) == "Their minutes, saved on the other PC. And mine."
    editor.unsaved_dialog.close()


def test_no_pack_import_or_export_in_a_read_only_window(qtbot, window, monkeypatch):
    from lmcdesk.bootstrap import Record

    assert window.act_import_pack.isEnabled() and window.act_export_pack.isEnabled()
    real = window.session
    window.session = Record(real.url, real.database, read_only=True)  # as a second window gets it
    try:
        window._update_actions()
        assert not window.act_import_pack.isEnabled() and not window.act_export_pack.isEnabled()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("no import read-only"))
        window.import_meeting_pack()
    finally:
        window.session = real
        window._update_actions()


def test_count_line_counts_what_the_import_changes_apart_from_what_it_keeps():
    from types import SimpleNamespace

    from lmcdesk.services.exchange import Status
    from lmcdesk.ui.pack_import_dialog import count_text

    rows = [SimpleNamespace(status=s) for s in (
        Status.NEW, Status.CHANGED_REMOTELY, Status.CONFLICT, Status.REFUSED, Status.UNCHANGED, Status.UNCHANGED)]
    assert count_text(rows) == "2 to bring in, 1 needs your choice, 1 kept as it is here, 2 unchanged"
    assert count_text([SimpleNamespace(status=Status.UNCHANGED)]) == "Nothing to bring in, 1 unchanged"
