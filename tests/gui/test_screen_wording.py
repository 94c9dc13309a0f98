"""What the screenshots showed wrong, checked on the widgets themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lmcdesk.ui.models.agenda import AgendaModel
from lmcdesk.ui.models.base import ID_ROLE

from .conftest import open_editor


def _column(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_body_and_interest_types_read_as_words(window):
    body_types = _column(window.bodies_page.model, 1)
    assert "LMC" in body_types and "Lmc" not in body_types
    interest_types = set(_column(window.interests_page.model, 1))
    assert "Non-financial professional" in interest_types
    assert not any("Non financial" in t for t in interest_types)


def test_long_item_title_shows_its_start_and_whole_title_on_hover(qtbot, window):
    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    model = editor.agenda.model
    row = max(range(model.rowCount()), key=lambda r: len(model.index(r, AgendaModel.TITLE).data()))
    title = model.index(row, AgendaModel.TITLE).data()
    assert model.index(row, AgendaModel.TITLE).data(Qt.ItemDataRole.ToolTipRole) == title
    editor.agenda.select_item(model.index(row, 0).data(ID_ROLE))
    assert editor.agenda.title.text() == title
    assert editor.agenda.title.cursorPosition() == 0
    assert editor.agenda.title.toolTip() == title
