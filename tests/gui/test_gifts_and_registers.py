"""File > Registers (the three register PDFs, published and full) and the
Gifts tab (record, change and delete gifts and hospitality), plus deleting a
register of interests entry; driving the real dialogs on the example record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton
from pypdf import PdfReader

from lmcdesk.domain.model import Interest
from lmcdesk.services.directory import get_directory, save_checked_interest
from lmcdesk.ui import errors as ui_errors
from lmcdesk.ui.gift_dialog import GiftDialog
from lmcdesk.ui.models.directory import GiftsModel

from .conftest import open_editor, settle
from .test_accessibility import _nameless
from .test_directory_editing import JOINT_DRAFT, NIA, fill, rule_people, saved_and_rechecked, set_date, stored
from .test_office import click_read_only, second_window

ALYS = "demo-dr-alys-example"
BIDDER = "demo-south-loamshire-care-ltd"
HAMPER = "demo-gift-cerys-hamper"
LINKED = "demo-int-dr-alys-example-lcg-chair"  # a declaration in the minutes refers to it
UNLINKED = "demo-int-dr-alys-example-partner"


def pdf_text(path) -> tuple[str, str]:
    reader = PdfReader(str(path))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return reader.metadata.title, text


def save_to(monkeypatch, path, asked=None):
    def dialog(parent, caption, suggested, flt):
        if asked is not None:
            asked.append((caption, suggested, flt))
        return str(path), flt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)


def export(qtbot, window, monkeypatch, key, path, asked=None):
    save_to(monkeypatch, path, asked)
    action = window.act_registers[key]
    assert action.isEnabled()
    action.trigger()
    settle(qtbot)
    assert path.exists()
    return pdf_text(path)


# ---------------------------------------------------------------------- File > Registers


def test_the_registers_are_under_file(window):
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    [registers] = [a.menu() for a in file_menu.actions() if a.menu() is window.registers_menu]
    texts = [a.text().replace("&", "") for a in registers.actions()]
    assert texts == ["Register of interests (PDF)…", "Register of interests, full (PDF)…",
                     "Register of procurement decisions (PDF)…", "Gifts and hospitality register (PDF)…"]
    assert all(a.statusTip() for a in registers.actions())


@pytest.mark.parametrize(("key", "title", "known", "name"), [
    ("interests", "Register of interests", "Dr Alys Example", "register-of-interests"),
    ("procurement", "Register of procurement decisions", "Community phlebotomy enhanced service",
     "register-of-procurement-decisions"),
    ("gifts", "Register of gifts and hospitality", "Dinner after an evening education meeting",
     "gifts-and-hospitality-register"),
])
def test_each_register_is_exported_as_a_pdf(qtbot, window, monkeypatch, tmp_path, key, title, known, name):
    asked = []
    out = tmp_path / f"{key}.pdf"
    pdf_title, text = export(qtbot, window, monkeypatch, key, out, asked)
    assert pdf_title.startswith(title)
    assert text.startswith(title) and known in text
    [(caption, suggested, flt)] = asked
    assert suggested.endswith(f"{date.today():%Y-%m-%d}-{name}.pdf") and flt == "PDF (*.pdf)"
    assert caption.startswith("Export the ")
    message = window.statusBar().currentMessage()
    pages = len(PdfReader(str(out)).pages)
    assert str(out) in message and f"({pages} page{'s' if pages != 1 else ''})" in message


def test_published_and_full_register_of_interests_differ(qtbot, window, monkeypatch, tmp_path):
    """An interest that ended more than six months ago is in the full register only."""
    old = Interest("test-int-old-board", ALYS, organisation_name="Bygone Ventures Ltd (fictional)",
                   description="Non-executive director of Bygone Ventures", valid_from=date.today() - timedelta(900),
                   valid_to=date.today() - timedelta(300), declared_on=date.today() - timedelta(900))
    save_checked_interest(window.session.unit_of_work(), old)
    _, published = export(qtbot, window, monkeypatch, "interests", tmp_path / "published.pdf")
    assert "register of interests, published view" in window.statusBar().currentMessage()
    asked = []
    _, full = export(qtbot, window, monkeypatch, "interests-full", tmp_path / "full.pdf", asked)
    assert asked[0][1].endswith("-register-of-interests-full.pdf")
    assert "full (not for publication)" in window.statusBar().currentMessage()
    assert "Bygone Ventures" not in published and "Bygone Ventures" in full
    assert "Dr Alys Example" in published and "Dr Alys Example" in full


def test_cancelled_save_dialog_writes_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.act_registers["gifts"].trigger()
    settle(qtbot)
    assert window.statusBar().currentMessage() == ""


def test_registers_export_from_a_read_only_window(qtbot, window, demo_db, monkeypatch, tmp_path):
    click_read_only(monkeypatch, [])
    w2 = second_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: w2.session is not None and w2.session.read_only, timeout=20000)
    settle(qtbot)
    _, text = export(qtbot, w2, monkeypatch, "gifts", tmp_path / "ro.pdf")
    assert "Seasonal hamper for the practice team" in text
    assert str(tmp_path / "ro.pdf") in w2.statusBar().currentMessage()
    w2.close()
    settle(qtbot)


def test_registers_are_off_without_a_record(qtbot):
    from lmcdesk.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    assert not any(a.isEnabled() for a in w.act_registers.values())


# ---------------------------------------------------------------------- the Gifts tab


def test_gifts_tab_follows_interests_with_its_shortcut(qtbot, window):
    titles = [window.tabs.tabText(i) for i in range(6)]
    assert titles == ["&Meetings", "&People", "&Bodies", "&Interests", "&Gifts", "A&ctions"]
    view = {a.text(): a.shortcut().toString() for a in window.view_menu.actions() if a.shortcut().toString()}
    assert view["Gifts"] == "Ctrl+5" and view["Actions"] == "Ctrl+6" and view["Interests"] == "Ctrl+4"
    [gifts] = [a for a in window.view_menu.actions() if a.text() == "Gifts"]
    gifts.trigger()
    assert window.tabs.currentWidget() is window.gifts_page
    model = window.gifts_page.model
    assert model.rowCount() == 4
    assert model.index(0, 0).data() == f"{model.row_at(0).offered_on:%d %b %Y}"  # newest first
    hamper = model.row_of_id(HAMPER)
    assert [model.index(hamper, c).data() for c in (1, 2, 4, 5)] == [
        "Ms Cerys Placeholder", "Loamshire Community Physio CIC", "£35.00", "Accepted"]


def test_gifts_model(qtmodeltester, window):
    model = GiftsModel()
    model.set_rows(window.overview.gifts)
    qtmodeltester.check(model, force_py=True)


def test_add_a_gift_then_edit_with_enter_and_the_probity_check_sees_it(qtbot, window, monkeypatch):
    """An accepted gift from a bidder, to someone who then votes on the bid
    without declaring it: P-GIFT-UNDECLARED names them in the open meeting."""
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    assert NIA not in rule_people(editor, "P-GIFT-UNDECLARED")
    day = editor.meeting.date - timedelta(days=20)
    bidder = window.overview.directory.body_name(BIDDER)

    def gift(d: GiftDialog):
        d.person.setCurrentIndex(d.person.findData(NIA))
        d.offered_by.setCurrentIndex(d.offered_by.findData(BIDDER))
        d.description.setText("Tickets to a charity dinner")
        d.value.setValue(120)
        d.offered_on.setDate(d.offered_on.date().fromString(day.isoformat(), "yyyy-MM-dd"))
        d.accepted.setCurrentIndex(d.accepted.findData(True))
        set_date(d.declared_on, day + timedelta(days=1))
        d.notes.setText("Accepted before the bid was known")

    fill(monkeypatch, GiftDialog, gift)
    window.tabs.setCurrentWidget(window.gifts_page)
    window.directory_editing.act_add_gift.trigger()
    saved_and_rechecked(qtbot, window)
    [g] = [g for g in stored(window).gifts if g.person_id == NIA]
    assert (g.body_id, g.offered_by, g.value_pence, g.accepted, g.offered_on, g.declared_on) == (
        BIDDER, bidder, 12000, True, day, day + timedelta(days=1))
    assert window.gifts_page.current_row().id == g.id  # the new entry is selected
    assert "Saved the gift or hospitality offered to Ms Nia Fictional" in window.statusBar().currentMessage()
    assert NIA in rule_people(editor, "P-GIFT-UNDECLARED")

    # Enter on the selected row opens it; declining it clears the finding
    seen = []

    def decline(d: GiftDialog):
        seen.append(d.description.text())
        d.accepted.setCurrentIndex(d.accepted.findData(False))

    fill(monkeypatch, GiftDialog, decline)
    window.gifts_page.table.setFocus()
    qtbot.keyClick(window.gifts_page.table, Qt.Key.Key_Return)
    saved_and_rechecked(qtbot, window)
    assert seen == ["Tickets to a charity dinner"]
    assert not next(x for x in stored(window).gifts if x.id == g.id).accepted
    assert NIA not in rule_people(editor, "P-GIFT-UNDECLARED")


def test_gift_from_someone_unknown_is_kept_as_typed(qtbot, window, monkeypatch):
    def gift(d: GiftDialog):
        d.person.setCurrentIndex(d.person.findData(ALYS))
        d.offered_by.setEditText("A grateful patient")
        d.description.setText("Box of chocolates")

    fill(monkeypatch, GiftDialog, gift)
    window.tabs.setCurrentWidget(window.gifts_page)
    window.directory_editing.act_add_gift.trigger()
    settle(qtbot)
    [g] = [g for g in stored(window).gifts if g.description == "Box of chocolates"]
    assert (g.offered_by, g.body_id, g.value_pence, g.accepted, g.offered_on) == (
        "A grateful patient", None, 0, False, date.today())


def test_gift_dialog_says_why_it_cannot_save(qtbot, window, monkeypatch):
    def bad(d: GiftDialog):
        d.person.setCurrentIndex(d.person.findData(ALYS))
        d.offered_by.setEditText("Acme Pharma Ltd")
        d.description.setText("Dinner")
        set_date(d.declared_on, date.today() - timedelta(days=3))

    shown = []

    def bad_then_cancel(d: GiftDialog):
        bad(d)
        d.buttons.button(d.buttons.StandardButton.Save).click()
        shown.append((d.problem.isHidden(), d.problem.text(), d.result()))
        d.buttons.button(d.buttons.StandardButton.Cancel).click()

    monkeypatch.setattr(GiftDialog, "exec", lambda d: bad_then_cancel(d) or d.result())
    before = len(stored(window).gifts)
    window.directory_editing.act_add_gift.trigger()
    settle(qtbot)
    [(hidden, text, result)] = shown
    assert not hidden and "before it was offered" in text and result == 0
    assert len(stored(window).gifts) == before


def test_delete_a_gift_asks_first(qtbot, window, monkeypatch):
    window.tabs.setCurrentWidget(window.gifts_page)
    assert window.gifts_page.select_id(HAMPER)
    asked = []

    def answer(button):
        def question(parent, title, text, *a, **k):
            asked.append(text)
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    window.directory_editing.act_delete_gift.trigger()
    settle(qtbot)
    assert "Seasonal hamper for the practice team" in asked[0] and "Ms Cerys Placeholder" in asked[0]
    assert HAMPER in {g.id for g in stored(window).gifts}
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.directory_editing.act_delete_gift.trigger()
    settle(qtbot)
    assert HAMPER not in {g.id for g in stored(window).gifts}
    assert window.gifts_page.model.row_of_id(HAMPER) < 0


# ---------------------------------------------------------------------- deleting a register entry


def test_delete_interest_made_by_mistake(qtbot, window, monkeypatch):
    window.tabs.setCurrentWidget(window.interests_page)
    assert window.interests_page.select_id(UNLINKED)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.directory_editing.act_delete_interest.trigger()
    settle(qtbot)
    assert "Delete Dr Alys Example's register entry for Loamford Surgery?" in asked[0]
    assert UNLINKED not in {i.id for i in stored(window).interests}
    assert window.interests_page.model.row_of_id(UNLINKED) < 0


def test_delete_interest_the_minutes_refer_to_is_refused_in_words(qtbot, window, monkeypatch):
    """Storage restricts the delete (declaration.interest_id); the service says why."""
    window.interests_page.select_id(LINKED)
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc: shown.append(exc))
    window.directory_editing.act_delete_interest.trigger()
    settle(qtbot)
    [exc] = shown
    assert "Dr Alys Example's register entry cannot be deleted: a declaration in the minutes refers to it" in \
        exc.message and "End interest" in exc.message
    assert LINKED in {i.id for i in stored(window).interests}


def test_delete_interest_declared_in_an_open_meeting_is_refused_before_asking(qtbot, window, monkeypatch):
    editor = open_editor(qtbot, window, JOINT_DRAFT)
    linked = next(d.interest_id for it in editor.meeting.items for d in it.declarations if d.interest_id)
    window.tabs.setCurrentWidget(window.interests_page)
    window.interests_page.select_id(linked)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: told.append(text))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    window.directory_editing.act_delete_interest.trigger()
    settle(qtbot)
    assert "a declaration in a meeting open here refers to it" in told[0]
    assert linked in {i.id for i in stored(window).interests}


# ---------------------------------------------------------------------- read-only, accessibility


def test_read_only_window_cannot_record_gifts_or_delete_interests(qtbot, window, demo_db, monkeypatch):
    click_read_only(monkeypatch, [])
    w2 = second_window(qtbot, demo_db)
    qtbot.waitUntil(lambda: w2.session is not None and w2.session.read_only, timeout=20000)
    qtbot.waitUntil(lambda: w2.overview is not None, timeout=20000)
    settle(qtbot)
    w2.gifts_page.select_id(HAMPER)
    w2.interests_page.select_id(UNLINKED)
    e = w2.directory_editing
    assert not any(a.isEnabled() for a in (e.act_add_gift, e.act_edit_gift, e.act_delete_gift,
                                           e.act_delete_interest))
    monkeypatch.setattr(GiftDialog, "exec", lambda self: (_ for _ in ()).throw(AssertionError("opened")))
    qtbot.keyClick(w2.gifts_page.table, Qt.Key.Key_Return)  # Enter does nothing either
    window.gifts_page.select_id(HAMPER)
    assert window.directory_editing.act_edit_gift.isEnabled()
    assert window.directory_editing.act_delete_gift.isEnabled()
    w2.close()
    settle(qtbot)


def test_gift_dialog_and_page_name_every_control(qtbot, window):
    d = window.overview.directory
    for dialog in (GiftDialog(d), GiftDialog(d, next(g for g in d.gifts if g.id == HAMPER))):
        qtbot.addWidget(dialog)
        assert _nameless(dialog) == [] and dialog.accessibleName()
    assert _nameless(window.gifts_page) == []
    page = window.gifts_page
    buttons = [b.accessibleName() for b in page.findChildren(QToolButton) if b.parent() is page]
    assert buttons == ["Add gift or hospitality", "Edit gift or hospitality", "Delete gift or hospitality"]
    assert window.gifts_page.table.accessibleName() == "Gifts and hospitality"


def test_edit_dialog_shows_the_stored_gift(qtbot, window):
    d = window.overview.directory
    g = next(g for g in d.gifts if g.id == HAMPER)
    dialog = GiftDialog(d, g)
    qtbot.addWidget(dialog)
    assert dialog.gift() == g  # nothing changed: the same entry comes back
    assert get_directory(window.session.unit_of_work()).gifts  # sanity: the record has gifts
