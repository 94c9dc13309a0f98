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


def test_agenda_title_column_takes_the_width_at_150_percent(qtbot, window):
    """Seen at 150 % (1280x720 logical): Item a word wide while Kind and Presenter took the width,
    and the organisation to tag cut to 'Dummyford Medi'."""
    window.resize(1280, 720)
    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    qtbot.wait(50)
    table, agenda = editor.agenda.table, editor.agenda
    width = table.columnWidth
    assert width(AgendaModel.TITLE) > width(AgendaModel.PRESENTER)
    assert width(AgendaModel.TITLE) >= width(AgendaModel.KIND)
    assert width(AgendaModel.TITLE) >= table.viewport().width() // 4
    assert table.model().headerData(AgendaModel.MINUTES, Qt.Orientation.Horizontal) == "Time"
    widest = max(range(agenda.org_body.count()), key=lambda i: len(agenda.org_body.itemText(i)))
    name = "Dummyford Medical Group"
    agenda.org_body.setCurrentIndex(agenda.org_body.findText(name))
    assert agenda.org_body.width() > agenda.org_body.fontMetrics().horizontalAdvance(name) + 20
    assert agenda.org_body.toolTip() == name
    view = agenda.org_body.view()
    assert view.minimumWidth() >= view.fontMetrics().horizontalAdvance(agenda.org_body.itemText(widest))


def test_people_roles_read_as_words_and_wrap_instead_of_being_cut(qtbot, window):
    """Seen on the People page: 'Vice chair', 'Salaried gp', 'Co opted', and roles cut at the column's end."""
    from lmcdesk.ui.models.directory import PeopleModel

    page = window.people_page
    window.tabs.setCurrentWidget(page)
    roles = " ".join(_column(page.model, PeopleModel.COLUMNS.index(
        next(c for c in PeopleModel.COLUMNS if c.header == "Roles"))))
    assert "Vice-chair," in roles and "Co-opted member," in roles
    assert "Vice chair" not in roles and "Co opted" not in roles and "Salaried gp" not in roles
    table = page.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    roles_col = 1
    assert table.columnWidth(roles_col) == max(table.columnWidth(c) for c in range(page.model.columnCount()))
    assert table.wordWrap()
    longest = max(range(page.proxy.rowCount()), key=lambda r: len(page.proxy.index(r, roles_col).data()))
    text = page.proxy.index(longest, roles_col).data()
    fm = table.fontMetrics()
    assert fm.horizontalAdvance(text) > table.columnWidth(roles_col)  # too long for one line...
    assert table.rowHeight(longest) >= 2 * fm.lineSpacing()  # ...so wrapped onto a second, not cut


def _fill_colours(page) -> set[str]:
    """The RGB fill colours a PDF page paints with, as #rrggbb."""
    from pypdf.generic import ContentStream

    ops = ContentStream(page.get_contents(), page.pdf).operations
    return {"#" + "".join(f"{round(float(c) * 255):02x}" for c in args) for args, op in ops if op == b"rg"}


def test_badges_on_screen_and_in_the_pdf_say_the_same_in_the_same_colour(qtbot, window):
    """The agenda's kind badges, the minute-taking badge and the label beside each item in the
    minutes PDF take words and colour from one vocabulary (they had differed: provision was
    rust on screen and orange in the PDF, general green and grey, unclassified grey and red)."""
    import io

    from pypdf import PdfReader

    from lmcdesk.domain.enums import BusinessKind
    from lmcdesk.export.context import build_context
    from lmcdesk.export.pdf_minutes import build_minutes_pdf
    from lmcdesk.ui.badge import KindBadge, kind_colour
    from lmcdesk.ui.models.base import KIND_ROLE

    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    model = editor.agenda.model
    rows = [(model.index(r, AgendaModel.KIND).data(KIND_ROLE), model.index(r, AgendaModel.KIND).data())
            for r in range(model.rowCount())]
    kinds = {BusinessKind(k) for k, _ in rows}
    assert len(kinds) >= 2

    buf = io.BytesIO()
    build_minutes_pdf(build_context(editor.meeting, editor.directory), buf)
    pages = PdfReader(io.BytesIO(buf.getvalue())).pages
    text = "\n".join(p.extract_text() for p in pages)
    painted = set().union(*(_fill_colours(p) for p in pages))

    badge = KindBadge()
    qtbot.addWidget(badge)
    for kind in kinds:
        shown = {text_ for k, text_ in rows if k == kind}
        badge.set_kind(kind)
        assert shown == {badge.text()}
        assert badge.text().upper() in text, kind  # the printed label, in capitals
        colour = kind_colour(kind).name()
        assert f"background:{colour};" in badge.styleSheet()
        assert colour in painted, kind


def test_probity_panel_columns_have_headers(qtbot, window, qtmodeltester):
    """Seen in the probity panel: the severity column had a blank header."""
    from lmcdesk.ui.models.findings import FindingsModel

    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    qtbot.waitUntil(lambda: bool(editor.findings), timeout=5000)
    panel = window._probity_dock.panel
    model = panel.table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(c, horizontal) for c in range(model.columnCount())]
    assert headers == ["Severity", "Finding"]
    for c in range(model.columnCount()):
        assert model.headerData(c, horizontal, Qt.ItemDataRole.ToolTipRole)
        assert model.headerData(c, horizontal, Qt.ItemDataRole.AccessibleTextRole) == headers[c]
    first = model.index(0, FindingsModel.SEVERITY)
    assert first.data() == "Error\nItem 4"
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Error, Item 4"
    assert not panel.table.horizontalHeader().isHidden()
    qtmodeltester.check(model, force_py=True)
