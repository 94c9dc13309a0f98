"""First start, opening the example, the meetings list and its filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from lmcdesk.ui.main_window import MainWindow

from .conftest import settle


def test_first_start_shows_welcome_without_any_file_dialog(qtbot, monkeypatch):
    def no_dialog(*a, **k):
        raise AssertionError("no file dialog before the user has seen anything")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.start(None)
    assert w.stack.currentWidget() is w.welcome
    assert w.welcome.example_button.accessibleName() == "Try with example data"


def test_try_example_creates_and_lists_the_demo_county(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.start(None)
    qtbot.mouseClick(w.welcome.example_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.overview is not None and bool(w.overview.meetings), timeout=60000)
    settle(qtbot)
    assert w.stack.currentWidget() is w.tabs
    assert w.meetings_page.model.rowCount() >= 3
    assert w.state.recent_databases()[0].endswith("example-loamshire.sqlite3")
    w.session.close()


def test_meeting_filters_and_search(qtbot, window):
    page = window.meetings_page
    total = page.model.rowCount()
    assert page.proxy.rowCount() == total
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("provider"))
    assert 0 < page.proxy.rowCount() < total
    page.kind_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "anticoagulation")
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total, timeout=5000)
    settle(qtbot)
    assert page.proxy.rowCount() >= 1
    page.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == total, timeout=5000)


def test_recent_databases_and_window_state_are_remembered(qtbot, window, demo_db):
    assert window.state.recent_databases()[0].endswith(demo_db.name)
    window.close()
    from lmcdesk.ui.settings import UiState

    assert UiState().geometry() is not None


def test_other_pages_are_filled(window):
    assert window.people_page.model.rowCount() > 10
    assert window.bodies_page.model.rowCount() > 5
    assert window.interests_page.model.rowCount() > 10
    assert window.actions_page.model.rowCount() >= 1


def test_meeting_actions_are_enabled_once_a_record_is_open(window):
    assert window.act_new_meeting.isEnabled()
    assert window.act_open_meeting.isEnabled()
    assert not window.act_approve.isEnabled()  # no meeting open yet


def test_the_app_and_its_windows_have_the_icon(qtbot):
    """The icon drawn at 16, 32, 48 and 256 pixels, set on the application (so on every window),
    and the same four in the .ico the Windows installer and bundle use."""
    from PySide6.QtGui import QImageReader

    from lmcdesk import paths
    from lmcdesk.app import application

    app = application()
    assert not app.windowIcon().isNull()
    w = MainWindow()
    qtbot.addWidget(w)
    icon = w.windowIcon()
    assert not icon.isNull()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} >= {(n, n) for n in (16, 32, 48, 256)}
    assert icon.pixmap(48, 48).toImage().pixelColor(24, 24).alpha() == 255  # drawn, not blank
    reader = QImageReader(str(paths.resources_dir() / "icons" / "lmcdesk.ico"))
    sizes = []
    for _ in range(reader.imageCount()):
        sizes.append(reader.read().width())
        reader.jumpToNextImage()
    assert sorted(sizes) == [16, 32, 48, 256]
