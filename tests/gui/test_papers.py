"""Papers in the agenda builder: open a stored paper, remove one (undoable), and say
in words when a paper is listed without a stored file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from lmcdesk.domain.model import Paper

from .conftest import open_editor, settle

JOINT_DRAFT = "demo-meeting-joint-draft"
APPROVED = "demo-meeting-locality-award"


def _item_with_paper(qtbot, editor):
    agenda = editor.agenda
    item = next(i for i in editor.meeting.ordered_items() if i.papers)
    agenda.select_item(item.id)
    settle(qtbot)
    agenda.papers.setCurrentRow(0)
    return agenda, item


def test_open_writes_the_stored_paper_and_opens_it(qtbot, window, monkeypatch):
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    agenda, item = _item_with_paper(qtbot, editor)
    paper = item.papers[0]
    assert agenda.paper_open.isEnabled() and agenda.paper_remove.isEnabled()
    qtbot.mouseClick(agenda.paper_open, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == paper.filename
    with editor.session.unit_of_work() as uow:
        assert path.read_bytes() == uow.papers.get(paper.sha256)
    assert path.read_bytes().startswith(b"%PDF")


def test_remove_paper_is_one_undo_step(qtbot, window):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    agenda, item = _item_with_paper(qtbot, editor)
    before = [p.id for p in item.papers]
    qtbot.mouseClick(agenda.paper_remove, Qt.MouseButton.LeftButton)
    assert [p.id for p in editor.meeting.item(item.id).papers] == before[1:]
    assert agenda.papers.count() == len(before) - 1
    assert editor.undo_stack.undoText().startswith("Remove paper")
    editor.undo_stack.undo()
    assert [p.id for p in editor.meeting.item(item.id).papers] == before
    assert agenda.papers.count() == len(before)
    settle(qtbot)


def test_a_paper_without_a_stored_file_says_so(qtbot, window, monkeypatch):
    shown: list = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: (_ for _ in ()).throw(AssertionError("opened")))
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    agenda, item = _item_with_paper(qtbot, editor)
    listed_only = Paper(id="paper-listed-only", title="Federation board minutes")
    lost = Paper(id="paper-lost", title="Workforce model", filename="workforce.pdf", sha256="0" * 64)
    editor.change("Attach paper", lambda m: m.item(item.id).papers.extend([listed_only, lost]))
    settle(qtbot)
    texts = [agenda.papers.item(r).text() for r in range(agenda.papers.count())]
    assert texts[0] == item.papers[0].title
    assert texts[1:] == ["Federation board minutes — no file stored", "Workforce model — no file stored"]
    for row in (1, 2):
        agenda.papers.setCurrentRow(row)
        assert not agenda.paper_open.isEnabled()
        assert agenda.paper_remove.isEnabled()
    agenda.open_paper()  # even if asked (double-click), it is said in words
    settle(qtbot)
    assert shown and "No file is stored for “Workforce model”" in shown[0]


def test_papers_of_approved_minutes_can_be_opened_not_removed(qtbot, window, monkeypatch):
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    editor = open_editor(qtbot, window, APPROVED)
    assert editor.read_only
    agenda, item = _item_with_paper(qtbot, editor)
    assert agenda.papers.isEnabled() and agenda.paper_open.isEnabled()
    assert not agenda.paper_remove.isEnabled() and not agenda.title.isEnabled()
    agenda.papers.itemActivated.emit(agenda.papers.item(0))
    settle(qtbot)
    assert len(opened) == 1


def test_attach_a_paper_stores_its_file_and_is_one_undo_step(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from lmcdesk.services.meetings import get_meeting
    from lmcdesk.services.papers import read_paper

    paper_file = tmp_path / "Workforce model.pdf"
    paper_file.write_bytes(b"%PDF-1.4 a workforce model")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(paper_file), ""))
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    agenda = editor.agenda
    item = editor.meeting.ordered_items()[3]
    agenda.select_item(item.id)
    steps = editor.undo_stack.count()
    qtbot.mouseClick(agenda.attach, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert editor.undo_stack.count() == steps + 1
    stored = get_meeting(window.session.unit_of_work(), JOINT_DRAFT).item(item.id).papers[-1]
    assert (stored.title, stored.filename, stored.size_bytes) == ("Workforce model", "Workforce model.pdf", 26)
    assert read_paper(window.session.unit_of_work(), stored) == paper_file.read_bytes()
    assert agenda.papers.item(agenda.papers.count() - 1).text() == "Workforce model"
