"""Every control has an accessible name (screen readers), and the main screens
can be reached and worked from the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from .conftest import open_editor

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit)


def _nameless(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or isinstance(w, QTabBar):
            continue
        if w.parent() is not None and type(w.parent()).__name__ in ("QComboBox", "QAbstractSpinBox", "QScrollBar",
                                                                    "QTableCornerButton", "QDateEdit", "QTimeEdit",
                                                                    "QSpinBox"):
            continue  # the internals of a combo box or spin box
        if type(w).__name__ in ("QLineEdit",) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        if isinstance(w.parent(), (QLineEdit, QTabBar)) or isinstance(w, QHeaderView):
            continue  # Qt's own parts: clear buttons, tab scrollers, table headers
        if w.parent() is not None and w.parent().metaObject().className() == "QComboBoxPrivateContainer":
            continue  # a combo box's popup list
        if "qt_" in w.objectName() or type(w).__name__.startswith("QToolBarExtension"):
            continue
        text = w.text() if isinstance(w, QAbstractButton) else ""
        if not (w.accessibleName() or text.replace("&", "").strip() or id(w) in buddies):
            missing.append(f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}")
    return missing


def test_every_control_has_an_accessible_name(qtbot, window):
    editor = open_editor(qtbot, window, "demo-meeting-joint-draft")
    for page in ("agenda", "attendance", "minutes"):
        editor.show_page(page)
    missing = _nameless(window)
    assert missing == [], "\n".join(missing)


def test_keyboard_only_check_in_and_minutes(qtbot, window):
    window.meetings_page.table.setFocus()
    page = window.meetings_page
    page.table.setCurrentIndex(page.proxy.mapFromSource(page.model.index(page.model.row_of_id("demo-meeting-joint-draft"), 0)))
    qtbot.keyClick(window.meetings_page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=10000)
    editor = window.current_editor()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.pages.currentWidget() is editor.attendance
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.pages.currentWidget() is editor.minutes
    first = editor.minutes.current_item().id
    qtbot.keyClick(editor.minutes.text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.minutes.current_item().id != first
