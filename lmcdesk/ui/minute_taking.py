"""Live minute-taking: one item at a time, a large text box, the item timer
against the planned time and quick buttons for what happens in the room.

Typing is handed to ``MeetingEditor.text_typed`` (autosaved within a second);
everything else is an undoable change.
"""

from __future__ import annotations

import time as _time
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lmcdesk.domain.enums import ConflictAction, DecisionOutcome, ItemPart, OrganisationRole
from lmcdesk.domain.model import AgendaItem
from lmcdesk.ui.badge import KindBadge
from lmcdesk.ui.quorum_indicator import QuorumIndicator
from lmcdesk.vocabulary import words


def _now():
    return datetime.now().time().replace(microsecond=0)


class MinuteTaking(QWidget):
    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._item_id: str | None = None
        self._shown_at = _time.monotonic()
        self._loading = False

        self.item_combo = QComboBox(self)
        self.item_combo.setAccessibleName("Agenda item")
        self.prev_button = QPushButton("◀ Previous", self)
        self.prev_button.setAccessibleName("Previous item")
        self.prev_button.setToolTip("Ctrl+Page Up")
        self.next_button = QPushButton("Next ▶", self)
        self.next_button.setAccessibleName("Next item")
        self.next_button.setToolTip("Ctrl+Page Down")
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.item_combo, 1)
        nav.addWidget(self.next_button)

        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Item title")
        self.badge = KindBadge(parent=self)
        self.part_label = QLabel(self)
        self.timer_label = QLabel(self)
        self.timer_label.setAccessibleName("Item timer")
        tfont = QFont(self.timer_label.font())
        tfont.setPointSizeF(tfont.pointSizeF() * 1.3)
        tfont.setBold(True)
        self.timer_label.setFont(tfont)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.part_label)
        head.addWidget(self.timer_label)

        self.quorum = QuorumIndicator(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("minutesText")
        self.text.setAccessibleName("Minutes for this item")
        self.text.setPlaceholderText("Type the minutes for this item…")
        tf = self.text.font()
        tf.setPointSizeF(tf.pointSizeF() * 1.35)
        self.text.setFont(tf)
        self.text.setTabChangesFocus(True)

        self.declare_button = QPushButton("&Declaration…", self)
        self.declare_button.setAccessibleName("Record a declaration of interest")
        self.withdraw_person = QComboBox(self)
        self.withdraw_person.setAccessibleName("Person leaving or returning")
        self.withdraw_button = QPushButton("&Withdrew", self)
        self.withdraw_button.setAccessibleName("Record withdrawal now")
        self.return_button = QPushButton("R&eturned", self)
        self.return_button.setAccessibleName("Record return now")
        self.decision_button = QPushButton("De&cision…", self)
        self.decision_button.setAccessibleName("Record a decision")
        self.action_button = QPushButton("Actio&n…", self)
        self.action_button.setAccessibleName("Record an action")
        quick = QHBoxLayout()
        for w in (self.declare_button, self.withdraw_person, self.withdraw_button, self.return_button,
                  self.decision_button, self.action_button):
            quick.addWidget(w)
        quick.addStretch(1)
        self.record = QListWidget(self)
        self.record.setAccessibleName("Recorded at this item")
        self.record.setMaximumHeight(120)
        self.record.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addLayout(head)
        layout.addWidget(self.quorum)
        layout.addWidget(self.text, 1)
        layout.addLayout(quick)
        layout.addWidget(self.record)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self.item_combo.activated.connect(lambda i: self.select_item(self.item_combo.itemData(i)))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step(1))
        self.text.textChanged.connect(self._typed)
        self.declare_button.clicked.connect(self.record_declaration)
        self.withdraw_button.clicked.connect(self.withdrew)
        self.withdraw_person.currentIndexChanged.connect(lambda _i: self._room_buttons())
        self.return_button.clicked.connect(self.returned)
        self.decision_button.clicked.connect(self.record_decision)
        self.action_button.clicked.connect(self.record_action)
        editor.meeting_changed.connect(self.refresh)
        self.setFocusProxy(self.text)
        self.refresh()

    # ------------------------------------------------------------------ items
    def current_item(self) -> AgendaItem | None:
        if self._item_id is None:
            return None
        try:
            return self.editor.meeting.item(self._item_id)
        except KeyError:
            return None

    def page_shown(self, shown: bool) -> None:
        if shown:
            self._tick.start()
            item = self.current_item()
            if item is not None and self._should_stamp(item):
                self._stamp_start(item)
        else:
            self._tick.stop()

    def select_item(self, item_id: str) -> None:
        if item_id == self._item_id:
            return
        self.editor._flush_text()
        self._item_id = item_id
        self._shown_at = _time.monotonic()
        item = self.current_item()
        if item is not None and self.isVisible() and self._should_stamp(item):
            self._stamp_start(item)
        else:
            self.refresh()
        self.text.setFocus()

    def _should_stamp(self, item: AgendaItem) -> bool:
        """The item's start time is recorded live, on the day of the meeting only."""
        return (item.started_at is None and not self.editor.read_only
                and self.editor.meeting.date == datetime.now().date())

    def _stamp_start(self, item: AgendaItem) -> None:
        now = _now().replace(second=0)
        self.editor.change(f"Start item {item.position}", lambda m: setattr(m.item(item.id), "started_at", now))

    def step(self, delta: int) -> None:
        items = self.editor.meeting.ordered_items()
        ids = [i.id for i in items]
        if not ids:
            return
        at = ids.index(self._item_id) if self._item_id in ids else 0
        self.select_item(ids[max(0, min(len(ids) - 1, at + delta))])

    # ------------------------------------------------------------------ view
    def refresh(self) -> None:
        m, d = self.editor.meeting, self.editor.directory
        items = m.ordered_items()
        if self._item_id is None or self.current_item() is None:
            self._item_id = items[0].id if items else None
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for i in items:
            self.item_combo.addItem(f"{i.position}. {i.title}", i.id)
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(self._item_id)))
        self.item_combo.blockSignals(False)
        item = self.current_item()
        self._loading = True
        if item is None:
            self.title.setText("No agenda items yet")
            if self.text.toPlainText():
                self.text.setPlainText("")
        else:
            self.title.setText(f"{item.position}. {item.title}")
            self.badge.set_kind(item.business_kind)
            self.part_label.setText("Part II — confidential" if item.part == ItemPart.PART_II else "")
            if self.text.toPlainText() != item.discussion:
                self.text.setPlainText(item.discussion)
            self.quorum.show_for(m, d, item)
        self._loading = False
        self.text.setReadOnly(self.editor.read_only or item is None)
        present = [a for a in m.attendance if a.is_present]
        current_person = self.withdraw_person.currentData()
        self.withdraw_person.clear()
        for a in present:
            self.withdraw_person.addItem(d.person_name(a.person_id), a.person_id)
        self.withdraw_person.setCurrentIndex(max(0, self.withdraw_person.findData(current_person)))
        self.record.clear()
        if item is not None:
            for dec in item.declarations:
                times = ""
                if dec.time_out:
                    times = f" — left {dec.time_out:%H:%M}" + (f", returned {dec.time_in:%H:%M}" if dec.time_in else "")
                self.record.addItem(f"Declaration: {d.person_name(dec.person_id)} — {dec.nature or 'interest'} "
                                    f"({words(ConflictAction(dec.action))}){times}")
            for dec in item.decisions:
                votes = "by consensus" if dec.by_consensus else f"{dec.votes_for or 0} for, {dec.votes_against or 0} against, {dec.abstentions or 0} abstained"
                self.record.addItem(f"Decision ({words(DecisionOutcome(dec.outcome))}): {dec.resolution} — {votes}")
            for act in m.actions:
                if act.item_id == item.id:
                    due = f", due {act.due:%d %b %Y}" if act.due else ""
                    self.record.addItem(f"Action: {act.description} — {d.person_name(act.owner_id)}{due}")
        for w in (self.declare_button, self.decision_button, self.action_button):
            w.setEnabled(item is not None and not self.editor.read_only)
        self._room_buttons()
        self._update_timer()

    def _room_buttons(self) -> None:
        """Withdrew for someone in the room, Returned for someone out of it."""
        item, pid = self.current_item(), self.withdraw_person.currentData()
        can = item is not None and pid is not None and not self.editor.read_only
        out = can and item.out_of_room(pid)
        self.withdraw_button.setEnabled(can and not out)
        self.return_button.setEnabled(bool(out))

    def _update_timer(self) -> None:
        item = self.current_item()
        if item is None:
            self.timer_label.setText("")
            return
        live = self.editor.meeting.date == datetime.now().date()
        if live and item.started_at is not None:
            start = datetime.combine(datetime.now().date(), item.started_at)
            elapsed = max(0, int((datetime.now() - start).total_seconds()))
        else:  # reviewing another day's minutes: time spent on the item now
            elapsed = int(_time.monotonic() - self._shown_at)
        planned = (item.planned_minutes or 0) * 60
        text = f"{elapsed // 60:02d}:{elapsed % 60:02d}"
        if planned:
            text += f" / {planned // 60} min"
        over = planned and elapsed > planned
        self.timer_label.setText(text)
        self.timer_label.setStyleSheet("color:#b00020;" if over else "")
        self.timer_label.setAccessibleDescription(("Over time: " if over else "") + text)

    def _typed(self) -> None:
        if self._loading or self._item_id is None or self.editor.read_only:
            return
        self.editor.text_typed(self._item_id, self.text.toPlainText())

    # ------------------------------------------------------------------ quick buttons
    def record_declaration(self, person_id: str | None = None) -> None:
        from lmcdesk.ui.declaration_dialog import DeclarationDialog

        item = self.current_item()
        if item is None:
            return
        dialog = DeclarationDialog(self.editor.meeting, self.editor.directory,
                                   person_id if isinstance(person_id, str) else self.withdraw_person.currentData(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        declaration = dialog.declaration(_now())
        self.editor.change("Declaration", lambda m: m.item(item.id).declarations.append(declaration))

    def withdrew(self) -> None:
        item, pid = self.current_item(), self.withdraw_person.currentData()
        if item is None or pid is None:
            return
        item_id, now = item.id, _now()
        self.editor.change("Withdrawal", lambda m: m.withdraw(item_id, pid, now))

    def returned(self) -> None:
        item, pid = self.current_item(), self.withdraw_person.currentData()
        if item is None or pid is None:
            return
        item_id, now = item.id, _now()
        self.editor.change("Return", lambda m: m.return_to_room(item_id, pid, now))

    def record_decision(self) -> None:
        from lmcdesk.domain import quorum
        from lmcdesk.ui.decision_dialog import DecisionDialog

        item = self.current_item()
        if item is None:
            return
        bidders = sorted(item.organisation_ids(OrganisationRole.BIDDING))
        dialog = DecisionDialog(self.editor.directory, self, award_bodies=bidders)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        q = quorum.item_quorum(self.editor.meeting, item, self.editor.directory)
        participants = [p for p in q.present_voting if p not in q.excluded]
        decision = dialog.decision(participants)
        self.editor.change("Decision", lambda m: m.item(item.id).decisions.append(decision))

    def record_action(self) -> None:
        from lmcdesk.ui.action_dialog import ActionDialog

        item = self.current_item()
        dialog = ActionDialog(self.editor.meeting, self.editor.directory, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        action = dialog.action(item.id if item else None)
        self.editor.change("Action", lambda m: m.actions.append(action))
