"""One open meeting: agenda, attendance and live minutes pages over a working copy.

The editor owns the working ``Meeting`` (a plain dataclass).  Every change goes
through ``change()``, which records an undo step, tells the pages and the
probity panel, and schedules a save (debounced) on the worker thread; the
discussion text typed in live minutes is saved by ``autosave_item`` instead, at
most a second after the last keystroke.
"""

from __future__ import annotations

import copy
import logging
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error
from lmcdesk.ui.undo import SnapshotCommand

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 800
CHECK_DELAY_MS = 400
AUTOSAVE_DELAY_MS = 700  # live minutes: a pause in typing is on disk within ~1 s
AUTOSAVE_MAX_MS = 1000  # and continuous typing at least once a second


class MeetingEditor(QWidget):
    #: The working meeting changed (pages and the probity panel refresh).
    meeting_changed = Signal()
    #: New probity findings and likely conflicts for the working meeting.
    findings_changed = Signal(list, list)
    #: Saved to the record (meeting id).
    saved = Signal(str)
    title_changed = Signal(str)
    #: Something asked to show an item and/or person (probity panel clicks).
    focus_requested = Signal(str, str)

    def __init__(self, session, meeting: Meeting, directory: Directory, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting = meeting
        self.directory = directory
        self.meeting_id = meeting.id
        self.findings: list = []
        self.conflicts: list = []
        self.undo_stack = QUndoStack(self)
        self._dirty = False
        self._pending_text: dict[str, str] = {}
        #: lock_version as the worker last saw it (read and written on the worker only)
        self._lock_box = [meeting.lock_version]
        self.save_failed = False
        #: Another PC saved this meeting first and the user chose to keep editing:
        #: nothing is saved until they reload (see ``lmcdesk.ui.concurrent_edit``).
        self.stale = False
        self._conflict_loading = False
        self.unsaved_dialog = None

        self._save_timer = self._timer(SAVE_DELAY_MS, self.save_now)
        self._check_timer = self._timer(CHECK_DELAY_MS, self.run_checks)
        self._autosave_timer = self._timer(AUTOSAVE_DELAY_MS, self._flush_text)
        self._autosave_max_timer = self._timer(AUTOSAVE_MAX_MS, self._flush_text)

        from lmcdesk.ui.agenda_editor import AgendaEditor
        from lmcdesk.ui.attendance_page import AttendancePage
        from lmcdesk.ui.minute_taking import MinuteTaking

        self.header = QLabel(self)
        self.header.setAccessibleName("Meeting")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setMinimumWidth(200)
        self.save_label = QLabel(self)
        self.save_label.setAccessibleName("Save status")
        self.save_label.linkActivated.connect(lambda _link: self._concurrent_edit())
        self.pages = QTabWidget(self)
        self.pages.setAccessibleName("Meeting pages")
        self.agenda = AgendaEditor(self)
        self.attendance = AttendancePage(self)
        self.minutes = MinuteTaking(self)
        self.pages.addTab(self.agenda, "Agenda")
        self.pages.addTab(self.attendance, "Attendance")
        self.pages.addTab(self.minutes, "Live minutes")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.save_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.pages.currentChanged.connect(lambda _i: self.minutes.page_shown(self.pages.currentWidget() is self.minutes))
        self._update_header()
        self.meeting_changed.connect(self._update_header)
        self.run_checks()

    def _timer(self, ms: int, slot) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(slot)
        return t

    # ------------------------------------------------------------------ display
    def tab_title(self) -> str:
        m = self.meeting
        return f"{m.date:%d %b %Y} {self.directory.body_name(m.body_id)}"

    def _update_header(self) -> None:
        m = self.meeting
        status = "Approved — locked" if m.is_approved else "Draft"
        when = f"{m.date:%A %d %B %Y}" + (f", {m.start_time:%H:%M}" if m.start_time else "")
        self.header.setText(
            f"<span style='font-size:14pt; font-weight:600'>{_esc(m.title or 'Meeting')}</span>"
            f"<br>{_esc(self.directory.body_name(m.body_id))} · {when}"
            f"{' · ' + _esc(m.venue) if m.venue else ''} · <b>{status}</b>"
        )

    @property
    def read_only(self) -> bool:
        """Approved minutes, or a record opened read-only (open in another window)."""
        return self.meeting.is_approved or getattr(self.session, "read_only", False)

    def show_page(self, name: str) -> None:
        page = {"agenda": self.agenda, "attendance": self.attendance, "minutes": self.minutes}[name]
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def focus_on(self, item_id: str, person_id: str) -> None:
        """Show the item (and the person) a finding names."""
        if item_id:
            if self.pages.currentWidget() is self.minutes:
                self.minutes.select_item(item_id)
            else:
                self.pages.setCurrentWidget(self.agenda)
                self.agenda.select_item(item_id)
        if person_id and not item_id:
            self.pages.setCurrentWidget(self.attendance)
        if person_id:
            self.attendance.select_person(person_id)
        self.focus_requested.emit(item_id, person_id)

    # ------------------------------------------------------------------ changes
    def change(self, text: str, mutate, key: str | None = None) -> None:
        """Apply ``mutate(meeting)`` as one undoable step."""
        if getattr(self.session, "read_only", False):
            from lmcdesk.ui.session import READ_ONLY_MESSAGE

            QMessageBox.information(self, "This record is open read-only", READ_ONLY_MESSAGE)
            return
        if self.read_only:
            QMessageBox.information(self, "These minutes are approved",
                                    "Approved minutes are locked. To change them, choose Meeting > Approve "
                                    "minutes… and begin a correction (a new version).")
            return
        self._flush_text()
        before = self._snapshot()
        mutate(self.meeting)
        after = self._snapshot()
        self.undo_stack.push(SnapshotCommand(self._restore, text, before, after, key))
        self._changed()

    def _snapshot(self) -> Meeting:
        return copy.deepcopy(self.meeting)

    def _restore(self, snapshot: Meeting) -> None:
        lock = self.meeting.lock_version
        self.meeting = copy.deepcopy(snapshot)
        self.meeting.lock_version = lock
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self._save_timer.start()
        self._check_timer.start()
        self.meeting_changed.emit()

    def text_typed(self, item_id: str, text: str) -> None:
        """Live minutes: the discussion of an item changed (not an undo step:
        the text box has its own undo)."""
        self.meeting.item(item_id).discussion = text
        self._pending_text[item_id] = text
        self._autosave_timer.start()
        if not self._autosave_max_timer.isActive():
            self._autosave_max_timer.start()
        self._check_timer.start()

    # ------------------------------------------------------------------ saving
    def _flush_text(self) -> None:
        self._autosave_timer.stop()
        self._autosave_max_timer.stop()
        if not self._pending_text:
            return
        if self.stale:  # told "Not saved" until they reload: their text stays as they saved it
            return
        pending, self._pending_text = self._pending_text, {}
        if self._dirty:  # a whole save is due anyway and carries the text
            self.save_now()
            return
        from lmcdesk.ui import data

        meeting_id, session, box = self.meeting_id, self.session, self._lock_box

        def work():
            # Each autosave bumps the stored lock version.  While this copy is
            # current it adopts the new version; once someone else has saved
            # (another PC) it keeps the old one, so its next whole save is
            # refused (ConcurrentEdit) instead of overwriting theirs.
            uow = session.unit_of_work()
            stale = False
            for item_id, text in pending.items():
                version = data.autosave_discussion(uow, meeting_id, item_id, text, box[0])
                if version is None:
                    stale = True
                else:
                    box[0] = version
            return box[0], stale

        def done(result) -> None:
            version, stale = result
            self._saved_version(version)
            if stale and not self.stale:
                # The typing is on disk, but someone else saved this meeting
                # meanwhile: say so now, not at the next whole save.
                self._dirty = True
                self._concurrent_edit()

        self.save_label.setText("Saving…")
        operations.run(work, done, self._save_failed)

    def save_now(self) -> None:
        self._save_timer.stop()
        if not self._dirty or self.read_only or self.stale:
            return
        self._dirty = False
        self._pending_text.clear()
        from lmcdesk.ui import data

        snapshot = self._snapshot()
        session, box = self.session, self._lock_box

        def work():
            # the lock version is read on the worker, after any earlier save finished
            snapshot.lock_version = box[0]
            box[0] = data.save_meeting(session.unit_of_work(), snapshot)
            return box[0]

        self.save_label.setText("Saving…")
        operations.run(work, self._saved_version, self._save_failed)

    def _saved_version(self, lock_version: int | None) -> None:
        if lock_version is not None:
            self.meeting.lock_version = lock_version
        self.save_failed = False
        from datetime import datetime

        self.save_label.setText(f"Saved {datetime.now():%H:%M:%S}")
        self.saved.emit(self.meeting_id)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_failed = True
        self._dirty = True
        self.save_label.setText("<b style='color:#b00020'>Not saved</b>")
        from lmcdesk.errors import ConcurrentEdit

        if isinstance(exc, ConcurrentEdit):
            self._concurrent_edit()
        else:
            show_error(self, exc)

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty or bool(self._pending_text)

    def _concurrent_edit(self) -> None:
        """Another PC saved first: fetch their version, then offer to reload it."""
        if self._conflict_loading:
            return
        self._conflict_loading = True
        self._save_timer.stop()
        from lmcdesk.ui import data

        def failed(exc: BaseException) -> None:
            self._conflict_loading = False
            show_error(self, exc)

        operations.run(self.session.read(lambda uow: data.load_meeting(uow, self.meeting_id)),
                       self._offer_reload, failed)

    def _offer_reload(self, bundle) -> bool:
        from lmcdesk.ui import concurrent_edit

        self._conflict_loading = False
        if not concurrent_edit.ask_reload(self):
            self.stale = True
            self.save_label.setText("<b style='color:#b00020'>Not saved</b>: changed on another computer. "
                                    "<a href='reload'>Reload their version…</a>")
            return False
        text = concurrent_edit.unsaved_text(self.meeting, bundle.meeting)
        self._adopt(bundle)
        self.save_label.setText("Reloaded the version saved on another computer")
        self.unsaved_dialog = concurrent_edit.show_unsaved(self, text)
        return True

    def close_editor(self) -> bool:
        """Save what is pending; True when the editor can close.  False while
        another PC's save is unresolved and the user keeps editing (nothing typed is lost)."""
        was_stale = self.stale
        self._flush_text()
        self.save_now()
        operations.wait_idle(10000)
        if not self.stale:
            return True
        if not was_stale:  # the save above was refused, they were asked and chose to keep editing
            return False
        from lmcdesk.ui import data

        result: list = []  # ask once more, with their version at hand
        operations.run(self.session.read(lambda uow: data.load_meeting(uow, self.meeting_id)), result.append)
        operations.wait_idle(10000)
        return bool(result) and self._offer_reload(result[0])

    # ------------------------------------------------------------------ probity
    def run_checks(self) -> None:
        meeting = self._snapshot()
        directory = self.directory

        def work():
            from lmcdesk import probity

            return probity.run(meeting, directory, date.today()), probity.likely_conflicts(meeting, directory)

        operations.run(work, self._show_findings)

    def _show_findings(self, result) -> None:
        self.findings, self.conflicts = list(result[0]), list(result[1])
        self.findings_changed.emit(self.findings, self.conflicts)

    # ------------------------------------------------------------------ approve / export
    def approve(self) -> None:
        from lmcdesk.ui.approve_dialog import ApproveDialog

        self.close_editor()
        dialog = ApproveDialog(self, self)
        if dialog.exec() == ApproveDialog.DialogCode.Accepted:
            self.reload()

    def reload(self) -> None:
        from lmcdesk.ui import data

        operations.run(self.session.read(lambda uow: data.load_meeting(uow, self.meeting_id)), self._adopt)

    def use_directory(self, directory) -> None:
        """The people, bodies or register changed elsewhere in the app: the
        pages (expected attendance, quorum, names) and the checks follow."""
        self.directory = directory
        self.meeting_changed.emit()
        self.run_checks()

    def _adopt(self, bundle) -> None:
        """Show the meeting as stored; this copy's unsaved changes are dropped
        (callers save them or show them first)."""
        for timer in (self._save_timer, self._autosave_timer, self._autosave_max_timer):
            timer.stop()
        self._dirty, self._pending_text, self.stale = False, {}, False
        self.meeting, self.directory = bundle.meeting, bundle.directory
        self._lock_box[0] = bundle.meeting.lock_version
        self.undo_stack.clear()
        self.meeting_changed.emit()
        self.run_checks()
        self.saved.emit(self.meeting_id)

    def preview(self) -> None:
        from lmcdesk.ui.export import preview_minutes

        self.close_editor()
        preview_minutes(self)

    def export(self, kind: str) -> None:
        from lmcdesk.ui.export import export_document

        self.close_editor()
        export_document(self, kind)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
