"""When another PC saved a meeting first (``ConcurrentEdit``, a shared office
database): offer to reload their version, and never lose what was typed here.

Nothing is merged automatically.  Reloading shows the stored meeting; every
piece of text in this copy that differs from it (minutes of an item, titles,
decisions, actions) is put on the clipboard and shown in a window the user can
copy from while putting it back.
"""

from __future__ import annotations

import copy
import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout

from lmcdesk.domain.model import Meeting

log = logging.getLogger(__name__)

RELOAD = "Reload their version"
KEEP = "Keep editing"


def ask_reload(parent) -> bool:
    """True: reload the stored meeting.  False: keep editing (nothing is saved until a reload)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Someone else changed this meeting")
    box.setAccessibleName("Someone else changed this meeting")
    box.setText("This meeting was saved on another computer after you opened it, so your latest "
                "changes to it have not been saved.")
    box.setInformativeText(
        f"{RELOAD}: you see the meeting as it was saved there. Everything you typed that is not in "
        "their version is copied to the clipboard and shown in a window, so you can put it back.\n\n"
        f"{KEEP}: nothing more is saved for this meeting until you reload it.")
    reload_button = box.addButton(RELOAD, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(KEEP, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    box.exec()
    return box.clickedButton() is reload_button


def _differs(a: str, b: str | None) -> bool:
    return bool(a.strip()) and a != b


def unsaved_parts(mine: Meeting, theirs: Meeting) -> list[tuple[str, str]]:
    """(heading, text) for every text in ``mine`` that ``theirs`` does not have."""
    parts: list[tuple[str, str]] = []
    for field, heading in (("title", "Meeting title"), ("venue", "Venue"),
                           ("previous_minutes_note", "Approval of the previous minutes")):
        if _differs(getattr(mine, field), getattr(theirs, field)):
            parts.append((heading, getattr(mine, field)))
    their_items = {i.id: i for i in theirs.items}
    for item in mine.ordered_items():
        n, other = item.position, their_items.get(item.id)
        name = f"Item {n}: {item.title}" + ("  (not in their version)" if other is None else "")
        if other is not None and _differs(item.title, other.title):
            parts.append((f"Item {n}: title", item.title))
        if _differs(item.discussion, other.discussion if other else None):
            parts.append((f"{name} — minutes", item.discussion))
        their_decisions = {d.id: d.resolution for d in (other.decisions if other else [])}
        for d in item.decisions:
            if _differs(d.resolution, their_decisions.get(d.id)):
                parts.append((f"{name} — decision", d.resolution))
        their_declarations = {d.id: d.nature for d in (other.declarations if other else [])}
        for d in item.declarations:
            if _differs(d.nature, their_declarations.get(d.id)):
                parts.append((f"{name} — declaration", d.nature))
    their_actions = {a.id: a.description for a in theirs.actions}
    for a in mine.actions:
        if _differs(a.description, their_actions.get(a.id)):
            parts.append(("Action", a.description))
    return parts


def _without_text(meeting: Meeting) -> Meeting:
    m = copy.deepcopy(meeting)
    m.lock_version = 0
    m.title = m.venue = m.previous_minutes_note = ""
    for item in m.items:
        item.title = item.discussion = ""
        for d in item.decisions:
            d.resolution = ""
        for d in item.declarations:
            d.nature = ""
    for a in m.actions:
        a.description = ""
    return m


def unsaved_text(mine: Meeting, theirs: Meeting) -> str:
    """What to put on the clipboard and show; "" when the texts agree."""
    parts = unsaved_parts(mine, theirs)
    blocks = [f"{heading}\n{'-' * min(len(heading), 60)}\n{text.strip()}" for heading, text in parts]
    if _without_text(mine) != _without_text(theirs):
        blocks.append("The two versions also differ in things that are not text (attendance, "
                      "declarations, votes, times or the order of items). Check those in the reloaded "
                      "meeting.")
    return "\n\n".join(blocks)


class UnsavedTextDialog(QDialog):
    """Not modal: the user copies from it while putting the text back."""

    def __init__(self, text: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Your unsaved text — {title}")
        self.setAccessibleName("Your unsaved text")
        self.resize(640, 480)
        label = QLabel(
            "The meeting now shows the version saved on the other computer. This is what you had "
            "typed that is not in it. It is also on the clipboard: paste it back where it belongs.", self)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Text that was not saved")
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy_button = buttons.addButton("&Copy all", QDialogButtonBox.ButtonRole.ActionRole)
        copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def show_unsaved(editor, text: str) -> UnsavedTextDialog | None:
    """Put ``text`` on the clipboard and show it; None when there is nothing to show."""
    if not text:
        return None
    QGuiApplication.clipboard().setText(text)
    dialog = UnsavedTextDialog(text, editor.tab_title(), editor.window())
    dialog.show()
    dialog.raise_()
    return dialog
