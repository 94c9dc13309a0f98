"""One open meeting: agenda, attendance and live minutes pages over a working copy.

The editor owns the working ``Meeting`` (a plain dataclass).  Every edit goes
through ``change()``: it is one undo step and one write to the record, queued
on the worker at once (``services.meetings.save_meeting``); undo and redo are
a write each too.  The minutes text typed in live minutes is written by
``autosave_item`` instead, at most a second after the last keystroke, and is
not on the undo stack: no undo puts back older text (``lmcdesk.ui.undo``).

Each write's ``Changes`` leaves through the ``written`` signal; the window
sends it to every page and editor (``MainWindow.changed``), and an editor
shows the stored meeting again when someone else changed it (``follow``).
"""

from __future__ import annotations

import copy
import logging
from collections import deque
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from lmcdesk.domain.model import Directory, Meeting
from lmcdesk.errors import LmcDeskError
from lmcdesk.services.changes import Changes
from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error
from lmcdesk.ui.undo import MeetingStep, keep_live_text, snapshot

log = logging.getLogger(__name__)

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
    #: A write of this editor's succeeded: what it changed (``services.changes.Changes``).
    written = Signal(object)
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
        #: An edit is not in the record and no write for it is queued (a write failed, or held while stale).
        self._unwritten = False
        #: Writes queued on the worker and not yet answered; whole-meeting writes queued so far.
        self._writes = 0
        self._whole = 0
        self._pending_text: dict[str, str] = {}
        self._written_actions = copy.deepcopy(meeting.actions)
        #: The Changes this editor announced and has not seen come back (``follow`` ignores its own).
        self._own: deque = deque(maxlen=64)
        #: lock_version as the worker last saw it (read and written on the worker only)
        self._lock_box = [meeting.lock_version]
        self.save_failed = False
        #: Another PC saved this meeting first and the user chose to keep editing:
        #: nothing is saved until they reload (see ``lmcdesk.ui.concurrent_edit``).
        self.stale = False
        self._conflict_loading = False
        self.unsaved_dialog = None

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
        status = _esc(approval_status(m))
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
        """Apply ``mutate(meeting)`` as one edit: one undo step, one write to the record."""
        if getattr(self.session, "read_only", False):
            from lmcdesk.ui.session import READ_ONLY_MESSAGE

            QMessageBox.information(self, "This record is open read-only",
                                    getattr(self.session, "read_only_message", READ_ONLY_MESSAGE))
            return
        if self.read_only:
            QMessageBox.information(self, "These minutes are approved",
                                    "Approved minutes are frozen and signed. To change them, choose Meeting > "
                                    "Correct approved minutes… (the change becomes a new version).")
            return
        before = snapshot(self.meeting)
        try:
            mutate(self.meeting)
        except LmcDeskError as exc:  # the meeting refused the edit (in words): nothing changed
            self.meeting = before
            show_error(self, exc)
            return
        if self.meeting == before:  # nothing changed: no step, no write
            return
        self.undo_stack.push(MeetingStep(self._swap, text, before, snapshot(self.meeting), key))
        self._edited()

    def _swap(self, state: Meeting) -> Meeting:
        """Undo and redo: ``state`` becomes the working meeting, with the
        minutes text as typed now (see ``lmcdesk.ui.undo``); returns the meeting it replaced."""
        left = snapshot(self.meeting)
        self.meeting = keep_live_text(snapshot(state), left)
        self.meeting.lock_version = left.lock_version
        self._edited()
        return left

    def _edited(self) -> None:
        self._write()
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

    # ------------------------------------------------------------------ writing
    def _write(self) -> None:
        """Queue one write of the working meeting on the worker, now.  It
        carries the minutes text typed so far, so none is waiting any more."""
        self._stop_autosave()
        self._pending_text.clear()
        if self.stale:  # told "Not saved" until they reload: nothing is written over their version
            self._unwritten = True
            return
        from lmcdesk.ui import data

        meeting = snapshot(self.meeting)
        actions = meeting.actions != self._written_actions
        self._written_actions = copy.deepcopy(meeting.actions)
        session, box = self.session, self._lock_box
        self._writes += 1
        self._whole += 1
        seq = self._whole

        def work():
            # the lock version is read on the worker, after any earlier write finished
            meeting.lock_version = box[0]
            changes = data.save_meeting(session.unit_of_work(), meeting)
            box[0] = changes.lock_version
            return changes | Changes(actions=True) if actions else changes

        self.save_label.setText("Saving…")
        operations.run(work, lambda changes: self._written(changes, whole=seq == self._whole), self._write_failed)

    def _flush_text(self) -> None:
        """Write the minutes text typed since the last write (live minutes autosave)."""
        self._stop_autosave()
        if not self._pending_text:
            return
        if self.stale:  # told "Not saved" until they reload: their text stays as they saved it
            return
        pending, self._pending_text = self._pending_text, {}
        from lmcdesk.ui import data

        meeting_id, session, box = self.meeting_id, self.session, self._lock_box
        self._writes += 1

        def work():
            # Each autosave bumps the stored lock version.  While this copy is
            # current it adopts the new version; once someone else has saved
            # (another PC) it keeps the old one, so its next whole write is
            # refused (ConcurrentEdit) instead of overwriting theirs.
            uow = session.unit_of_work()
            stale = False
            for item_id, text in pending.items():
                version = data.autosave_discussion(uow, meeting_id, item_id, text, box[0]).lock_version
                if version is None:
                    stale = True
                else:
                    box[0] = version
            return Changes(meetings={meeting_id}, lock_version=box[0]), stale

        def done(result) -> None:
            changes, stale = result
            self._written(changes, whole=False)
            if stale and not self.stale:
                # The typing is on disk, but someone else saved this meeting
                # meanwhile: say so now, not at the next whole write.
                self._unwritten = True
                self._concurrent_edit()

        def failed(exc: BaseException) -> None:
            for item_id, text in pending.items():  # written with the next edit or retry
                self._pending_text.setdefault(item_id, text)
            self._write_failed(exc)

        self.save_label.setText("Saving…")
        operations.run(work, done, failed)

    def _stop_autosave(self) -> None:
        self._autosave_timer.stop()
        self._autosave_max_timer.stop()

    def save_now(self) -> None:
        """Write now whatever is not in the record yet: typed text, and an
        edit whose write failed."""
        if self.read_only or self.stale:
            return
        if self._unwritten:
            self._write()
        else:
            self._flush_text()

    def _written(self, changes, whole: bool) -> None:
        """A write went through; ``whole``: the last whole write queued, so
        everything edited is in the record."""
        self._writes -= 1
        if whole:
            self._unwritten = False
        if changes.lock_version is not None:
            self.meeting.lock_version = changes.lock_version
        self.save_failed = False
        from datetime import datetime

        self.save_label.setText(f"Saved {datetime.now():%H:%M:%S}")
        self._announce(changes)
        self.saved.emit(self.meeting_id)

    def _announce(self, changes) -> None:
        """Tell the window (and through it every page and editor) what this editor wrote."""
        self._own.append(changes)
        self.written.emit(changes)

    def _write_failed(self, exc: BaseException) -> None:
        self._writes -= 1
        first = not self.save_failed
        self.save_failed = True
        self._unwritten = True
        self.save_label.setText("<b style='color:#b00020'>Not saved</b>")
        from lmcdesk.errors import ConcurrentEdit

        if isinstance(exc, ConcurrentEdit):
            if not self.stale:  # else asked already: a write queued before the answer was refused too
                self._concurrent_edit()
        elif first:  # the writes queued behind it fail the same way: said once
            show_error(self, exc)

    @property
    def has_unsaved_changes(self) -> bool:
        return self._unwritten or self._writes > 0 or bool(self._pending_text)

    def _concurrent_edit(self) -> None:
        """Another PC saved first: fetch their version, then offer to reload it."""
        if self._conflict_loading:
            return
        self._conflict_loading = True
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
        """Write what is pending; True when the editor can close.  False while
        another PC's save is unresolved and the user keeps editing (nothing typed is lost)."""
        was_stale = self.stale
        self.save_now()
        operations.wait_idle(10000)
        if not self.stale:
            return True
        if not was_stale:  # the write above was refused, they were asked and chose to keep editing
            return False
        from lmcdesk.ui import data

        result: list = []  # ask once more, with their version at hand
        operations.run(self.session.read(lambda uow: data.load_meeting(uow, self.meeting_id)), result.append)
        operations.wait_idle(10000)
        return bool(result) and self._offer_reload(result[0])

    # ------------------------------------------------------------------ probity
    def run_checks(self) -> None:
        meeting = snapshot(self.meeting)
        directory = self.directory

        def work():
            from lmcdesk import probity

            return probity.run(meeting, directory, date.today()), probity.likely_conflicts(meeting, directory)

        operations.run(work, self._show_findings)

    def _show_findings(self, result) -> None:
        self.findings, self.conflicts = list(result[0]), list(result[1])
        self.findings_changed.emit(self.findings, self.conflicts)

    # ------------------------------------------------------------------ what others changed
    def follow(self, changes, directory: Directory | None = None) -> None:
        """A write somewhere in the app (the window's ``changed``): take the
        new directory when it changed, and show this meeting as stored when
        someone else (a pack import, a service) changed it."""
        own = any(c is changes for c in self._own)
        if own:
            self._own.remove(changes)
        if directory is not None and changes.directory:
            self.use_directory(directory)
        if self.meeting_id in changes.meetings and not own:
            self.show_stored()

    def refers_to_interest(self, interest_id: str) -> bool:
        """A declaration in this meeting, as shown here, names that register entry."""
        return any(d.interest_id == interest_id for item in self.meeting.items for d in item.declarations)

    def use_directory(self, directory: Directory) -> None:
        """The people, bodies or register changed elsewhere in the app: the
        pages (expected attendance, quorum, names) and the checks follow."""
        self.directory = directory
        self.meeting_changed.emit()
        self.run_checks()

    def show_stored(self) -> None:
        """Show the meeting as stored now.  Anything typed since the last
        write is written first; if the other change got there first, the
        "someone else changed this meeting" path shows that text to copy."""
        if self.has_unsaved_changes:
            self.close_editor()
            if self.has_unsaved_changes:
                return
        self.reload()

    def reload(self) -> None:
        from lmcdesk.ui import data

        operations.run(self.session.read(lambda uow: data.load_meeting(uow, self.meeting_id)), self._adopt)

    def _adopt(self, bundle) -> None:
        """Show the meeting as stored; this copy's unwritten changes are dropped
        (callers write them or show them first)."""
        self._adopt_meeting(bundle.meeting)
        self.directory = bundle.directory
        self.meeting_changed.emit()
        self.run_checks()

    def _adopt_meeting(self, meeting: Meeting) -> None:
        self._stop_autosave()
        self._unwritten, self._pending_text, self.stale = False, {}, False
        self.meeting = meeting
        self._written_actions = copy.deepcopy(meeting.actions)
        self._lock_box[0] = meeting.lock_version
        self.undo_stack.clear()

    # ------------------------------------------------------------------ approve / export
    def approve(self) -> None:
        """The approval dialog, over everything written first (the service
        approves what is stored); afterwards this editor takes the service's
        answer as the stored state: nothing is read back.  Approved minutes
        are corrected instead (``correct``)."""
        if self.meeting.is_approved:
            QMessageBox.information(self, "These minutes are approved",
                                    "These minutes are approved and signed already. To change them, choose "
                                    "Meeting > Correct approved minutes…")
            return
        self.close_editor()
        dialog = self.approval_dialog()
        if dialog.exec() == dialog.DialogCode.Accepted and dialog.outcome is not None:
            self.approval_done(dialog.outcome)

    def approval_dialog(self):
        """The approval dialog over this meeting, given as values."""
        from lmcdesk.ui.approve_dialog import ApproveDialog

        return ApproveDialog(self.session, snapshot(self.meeting), self.directory, list(self.findings), self)

    def correct(self) -> None:
        """Meeting > Correct approved minutes…: asks why, then reopens them as
        a draft of the next version (the approved versions stay as they were)."""
        if not self.meeting.is_approved:
            return
        dialog = self.correction_dialog()
        if dialog.exec() == dialog.DialogCode.Accepted and dialog.outcome is not None:
            self.approval_done(dialog.outcome)

    def correction_dialog(self):
        """The correction dialog over this meeting, given as values."""
        from lmcdesk.ui.correct_dialog import CorrectDialog

        return CorrectDialog(self.session, snapshot(self.meeting), self.directory, self)

    def approval_done(self, outcome) -> None:
        """Minutes approved (``outcome.version`` a ``MinutesVersion``) or their
        correction begun (``outcome.version`` the next number): the working
        meeting follows the same domain step the service took, with the
        stored lock version."""
        meeting = snapshot(self.meeting)
        if outcome.corrected:
            meeting.begin_correction()
        else:
            meeting.approve(outcome.version)
        meeting.lock_version = outcome.changes.lock_version
        self._adopt_meeting(meeting)
        self.meeting_changed.emit()
        self.run_checks()
        self._announce(outcome.changes)

    def document_ref(self):
        """This meeting for ``lmcdesk.ui.export``, as values."""
        from lmcdesk.ui.export import MeetingRef

        return MeetingRef(self.session, self.meeting_id, self.meeting.date,
                          self.directory.body_name(self.meeting.body_id))

    def preview(self, on_ready=None) -> None:
        from lmcdesk.ui.export import preview_minutes

        self.close_editor()
        preview_minutes(self, self.document_ref(), on_ready=on_ready)

    def export(self, kind: str, path: str | None = None, on_done=None) -> None:
        from lmcdesk.ui.export import export_document

        self.close_editor()
        export_document(self, self.document_ref(), kind, path, on_done)

def approval_status(meeting) -> str:
    """What the header says of the minutes: "Draft", or "Approved (version 2) on 3 Nov 2026, signed by
    Dr Alys Example — frozen" (the newest version), or a correction in progress."""
    latest = max(meeting.versions, key=lambda v: v.version, default=None)
    if not meeting.is_approved:
        return "Draft" if latest is None else f"Draft of a correction (version {latest.version} stays approved)"
    day = getattr(latest, "approved_on", None) or latest.approved_at.date()
    signer = getattr(latest, "signed_by_name", "") or latest.approved_by
    return (f"Approved (version {latest.version}) on {day.day} {day:%b %Y}"
            f"{', signed by ' + signer if signer else ''} — frozen")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
