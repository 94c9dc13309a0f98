"""The main window: pages for the record, meeting editors as tabs, the probity dock.

It shows itself before any database code is imported; ``start()`` then opens
the record on the worker thread (or shows the welcome page on first start).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget

from lmcdesk import paths
from lmcdesk.bootstrap import Record, open_record
from lmcdesk.ui import operations
from lmcdesk.ui.errors import show_error
from lmcdesk.ui.meetings_page import MeetingsPage
from lmcdesk.ui.models.directory import ActionsModel, BodiesModel, GiftsModel, InterestsModel, PeopleModel
from lmcdesk.ui.session import display_name
from lmcdesk.ui.settings import UiState
from lmcdesk.ui.table_page import TablePage
from lmcdesk.ui.welcome import OpeningPage, WelcomePage

log = logging.getLogger(__name__)


def example_db_path() -> Path:
    """The demo county lives apart from the user's own record."""
    return paths.data_dir() / "example-loamshire.sqlite3"


class MainWindow(QMainWindow):
    #: The meetings list has been filled (wholly) from the record (benchmarks, tests).
    meetings_loaded = Signal()
    #: A write succeeded somewhere in the app: what it changed
    #: (``lmcdesk.services.changes.Changes``).  The window brings its pages and
    #: the open meeting editors up to date from it (``_follow_changes``).
    changed = Signal(object)
    #: A record has been opened (url).
    record_opened = Signal(str)

    def __init__(self, state: UiState | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("LMC Desk")
        self.setAccessibleName("LMC Desk")
        self.resize(1180, 760)
        self.state = state or UiState()
        self.session: Record | None = None  # the open record (lmcdesk.bootstrap)
        self.overview = None
        self.undo_group = QUndoGroup(self)

        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self)
        self.opening = OpeningPage(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspaceTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setAccessibleName("Workspace")
        self.meetings_page = MeetingsPage(self)
        self.people_page = TablePage("People", PeopleModel(), 1)
        self.bodies_page = TablePage("Bodies", BodiesModel(), 0)
        self.interests_page = TablePage("Register of interests", InterestsModel(), 3)
        self.gifts_page = TablePage("Gifts and hospitality", GiftsModel(), 3)
        self.actions_page = TablePage("Actions across meetings", ActionsModel(), 0)
        for page, title in (
            (self.meetings_page, "&Meetings"),
            (self.people_page, "&People"),
            (self.bodies_page, "&Bodies"),
            (self.interests_page, "&Interests"),
            (self.gifts_page, "&Gifts"),
            (self.actions_page, "A&ctions"),
        ):
            self.tabs.addTab(page, title)
        for i in range(self.tabs.count()):
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.opening)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        from lmcdesk.ui.office import read_only_banner

        self.read_only_banner = read_only_banner(self)

        self._probity_dock = None  # created with the first meeting editor
        from lmcdesk.ui.directory_editing import DirectoryEditing

        self.directory_editing = DirectoryEditing(self)
        self._build_actions()
        self._connect()
        geometry = self.state.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._saved_window_state = self.state.window_state()

    # ------------------------------------------------------------------ set-up
    def _build_actions(self) -> None:
        def act(text, slot, shortcut=None, tip="") -> QAction:
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            action.triggered.connect(slot)
            return action

        self.act_new_record = act("&New record", self.start_new_record, tip="Start a new, empty record")
        self.act_open_record = act("&Open record…", self.open_record_file, QKeySequence.StandardKey.Open)
        self.act_example = act("Open the &example county", self.try_example)
        self.act_quit = act("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_restore = act("Restore from &backup…", self.restore_from_backup,
                               tip="Put the record back to how it was when a backup was made")
        self.act_new_meeting = act("New &meeting…", self.new_meeting, QKeySequence.StandardKey.New,
                                   "Create a meeting with the standard agenda")
        self.act_open_meeting = act("&Open meeting", self.open_selected_meeting, "Ctrl+Return",
                                    "Open the selected meeting")
        self.act_find = act("&Find in minutes", self.focus_search, QKeySequence.StandardKey.Find)
        self.act_refresh = act("&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.act_close_tab = act("&Close meeting", self.close_current_editor, QKeySequence.StandardKey.Close)
        self.act_about = act("&About LMC Desk", self.about)
        self.act_export_pack = act("Meeting &pack (.lmcpack)…", self.export_meeting_pack,
                                   tip="Save the open or selected meeting in a file to carry to another computer")
        self.act_import_pack = act("&Import meeting pack…", self.import_meeting_pack,
                                   tip="Bring in meetings from another computer; you see every change first")

        # meeting actions: enabled while a meeting editor is the current tab
        self.act_agenda = act("&Agenda", lambda: self._editor_call("show_page", "agenda"), "Ctrl+Shift+A")
        self.act_attendance = act("A&ttendance", lambda: self._editor_call("show_page", "attendance"), "Ctrl+Shift+T")
        self.act_minutes = act("&Live minutes", lambda: self._editor_call("show_page", "minutes"), "Ctrl+Shift+L",
                               "Take minutes item by item")
        self.act_approve = act("A&pprove minutes…", lambda: self._editor_call("approve"), "Ctrl+Shift+P",
                               "Approve the draft minutes as a true record, at the meeting that agreed them, and sign them")
        self.act_correct = act("Co&rrect approved minutes…", lambda: self._editor_call("correct"),
                               tip="Reopen approved minutes as a draft of the next version; the approved "
                                   "versions are kept as they were")
        self.act_preview = act("Pre&view minutes", lambda: self._editor_call("preview"), "Ctrl+Shift+V")
        self.act_export = {}
        for key, text in (
            ("public", "Public minutes (PDF)…"),
            ("confidential", "Confidential minutes (PDF)…"),
            ("agenda", "Agenda pack (PDF)…"),
            ("docx", "Minutes (Word .docx)…"),
            ("ics", "Calendar invitation (.ics)…"),
        ):
            self.act_export[key] = act(text, lambda _=False, k=key: self._editor_call("export", k))
        # registers: any open record, read-only too (exporting writes nothing to it)
        self.act_registers = {}
        for key, text, tip in (
            ("interests", "Register of &interests (PDF)…",
             "The published register: entries that ended more than 6 months ago are left out"),
            ("interests-full", "Register of interests, &full (PDF)…",
             "Every entry, however long ago it ended: for the secretary, not for publication"),
            ("procurement", "Register of &procurement decisions (PDF)…",
             "Decisions on commissioning and bids, with the declarations made at them"),
            ("gifts", "&Gifts and hospitality register (PDF)…",
             "Every gift and hospitality offered, accepted or declined"),
        ):
            self.act_registers[key] = act(text, lambda _=False, k=key: self.export_register(k), tip=tip)
        self.meeting_actions = [self.act_agenda, self.act_attendance, self.act_minutes, self.act_approve,
                                self.act_correct, self.act_preview, self.act_close_tab, *self.act_export.values()]

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for a in (self.act_new_record, self.act_open_record, self.act_example):
            file_menu.addAction(a)
        self.recent_menu = file_menu.addMenu("Recent &records")
        file_menu.addSeparator()
        self.registers_menu = file_menu.addMenu("Re&gisters")
        for a in self.act_registers.values():
            self.registers_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.act_import_pack)
        file_menu.addAction(self.act_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        meeting_menu = bar.addMenu("&Meeting")
        for a in (self.act_new_meeting, self.act_open_meeting, None, self.act_agenda, self.act_attendance,
                  self.act_minutes, None, self.act_approve, self.act_correct, self.act_preview):
            meeting_menu.addSeparator() if a is None else meeting_menu.addAction(a)
        export_menu = meeting_menu.addMenu("&Export")
        for a in self.act_export.values():
            export_menu.addAction(a)
        export_menu.addSeparator()
        export_menu.addAction(self.act_export_pack)
        meeting_menu.addSeparator()
        meeting_menu.addAction(self.act_close_tab)
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.act_refresh)
        self.page_group = QActionGroup(self)
        for n, name in enumerate(("Meetings", "People", "Bodies", "Interests", "Gifts", "Actions")):
            a = act(name, lambda _=False, i=n: self._show_tab(i), f"Ctrl+{n + 1}")
            self.view_menu.addAction(a)
        help_menu = bar.addMenu("&Help")
        self.act_rules = act("&Probity rules…", self.show_rules, "F1",
                             "Every rule the probity checks apply, and where it comes from")
        help_menu.addAction(self.act_rules)
        help_menu.addAction(self.act_about)

        tools = self.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.setAccessibleName("Main toolbar")
        for a in (self.act_new_meeting, self.act_open_meeting, None, self.act_undo, self.act_redo, None,
                  self.act_agenda, self.act_attendance, self.act_minutes, None, self.act_approve,
                  self.act_preview):
            tools.addSeparator() if a is None else tools.addAction(a)
        self.toolbar = tools
        self._update_actions()
        self._fill_recent_menu()

    def _connect(self) -> None:
        self.welcome.try_example.connect(self.try_example)
        self.welcome.start_new.connect(self.start_new_record)
        self.welcome.open_existing.connect(self.open_record_file)
        self.meetings_page.open_meeting.connect(self.open_meeting)
        self.meetings_page.search_requested.connect(self._search)
        self.actions_page.activated.connect(self._open_action_meeting)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.changed.connect(self._follow_changes)

    # ------------------------------------------------------------------ record
    def start(self, db: str | None = None) -> None:
        """After the first paint: open the record we should, or welcome the user."""
        url = self._initial_url(db)
        if url is None:
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.example_button.setFocus()
        else:
            self.open_record(url)

    def _initial_url(self, db: str | None) -> str | None:
        if db or os.environ.get("LMCDESK_DB"):
            return paths.database_url(db)
        last = self.state.last_database()
        if last and (not last.startswith("sqlite:///") or Path(last[len("sqlite:///"):]).exists()):
            return last
        if paths.default_db_path().exists():
            return paths.database_url(str(paths.default_db_path()))
        return None

    def open_record(self, url: str, *, then=None, read_only: bool = False) -> None:
        if not self.close_all_editors():
            return
        if self.session is not None and self.session.url == url:
            self.close_record()  # our own lock on this file would refuse us
        self.opening.set_text(f"Opening {display_name(url)}…")
        self.stack.setCurrentWidget(self.opening)

        def opened(session: Record) -> None:
            if self.session is not None:
                self.session.close()
            self.session = session
            self.state.add_recent_database(url)
            self._fill_recent_menu()
            self.setWindowTitle(f"{display_name(url)}{' (read-only)' if session.read_only else ''} — LMC Desk")
            self.read_only_banner.setText(session.read_only_banner)
            self.read_only_banner.setToolTip(session.notice or session.read_only_message)
            self.read_only_banner.setVisible(session.read_only)
            self.stack.setCurrentWidget(self.tabs)
            self.tabs.setCurrentWidget(self.meetings_page)
            self._update_actions()
            self.record_opened.emit(url)
            if then is not None:
                then()
            else:
                self.refresh()
            # queued after the meeting list (one worker, in order): the list
            # does not wait for the copy, and it is made before any edit runs
            operations.run(session.startup_backup, self._startup_backup_done)

        def failed(exc: BaseException) -> None:
            from lmcdesk.errors import AlreadyOpen
            from lmcdesk.ui.office import offer_read_only

            self.stack.setCurrentWidget(self.welcome if self.session is None else self.tabs)
            if not isinstance(exc, AlreadyOpen):
                show_error(self, exc)
            elif offer_read_only(self, exc):
                self.open_record(url, then=then, read_only=True)

        operations.run(lambda: open_record(url, read_only=read_only, create=True), opened, failed, parent=self,
                       label="Opening the record…")

    def _startup_backup_done(self, warning: str | None) -> None:
        if warning:
            from lmcdesk.ui.office import report_backup

            report_backup(self, None, warning)

    def close_record(self) -> None:
        """Let go of the record and its lock (editors must be closed first)."""
        if self.session is not None:
            self.session.close()
        self.session = None
        self.read_only_banner.setVisible(False)
        self._update_actions()

    def restore_from_backup(self) -> None:
        from lmcdesk.ui.restore_dialog import restore_from_backup

        restore_from_backup(self)

    def try_example(self) -> None:
        path = example_db_path()
        url = paths.database_url(str(path))
        if path.exists():
            self.open_record(url)
            return

        def fill() -> None:
            from lmcdesk.ui import data

            session = self.session
            operations.run(lambda: data.create_demo(session.unit_of_work()), self.announce, None,
                           parent=self, label="Creating the example county of Loamshire…")

        self.open_record(url, then=fill)

    def start_new_record(self) -> None:
        self.open_record(paths.database_url(str(paths.default_db_path())))

    def open_record_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open an LMC Desk record", str(paths.data_dir()), "LMC Desk record (*.sqlite3 *.db);;All files (*)"
        )
        if name:
            self.open_record(paths.database_url(name))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.state.recent_databases()
        for n, url in enumerate(recent):
            a = self.recent_menu.addAction(f"&{n + 1} {display_name(url)}")
            a.setToolTip(url)
            a.triggered.connect(lambda _=False, u=url: self.open_record(u))
        self.recent_menu.setEnabled(bool(recent))

    def refresh(self) -> None:
        if self.session is None:
            return
        from lmcdesk.ui import data

        self.status_label.setText("Loading…")
        operations.run(self.session.read(data.load_overview), self._show_overview, parent=self,
                       label="Loading meetings…")

    def _show_overview(self, overview) -> None:
        self.overview = overview
        self.meetings_page.set_meetings(overview.meetings, overview.bodies)
        self.people_page.set_rows(overview.people)
        self.bodies_page.set_rows(overview.body_rows)
        self.interests_page.set_rows(overview.interests)
        self.gifts_page.set_rows(overview.gifts)
        self.actions_page.set_rows(overview.actions)
        self._show_counts()
        self.meetings_loaded.emit()

    # ------------------------------------------------------------------ changes
    def announce(self, changes) -> None:
        """Every write in the app ends here with what it changed: one signal."""
        if changes is not None and not changes.empty:
            self.changed.emit(changes)

    def _follow_changes(self, changes) -> None:
        """Read what ``changes`` says changed (one read, on the worker) and
        refresh just that: meeting rows, directory pages, the action log, and
        the open editors' directory or meeting."""
        if self.session is None:
            return
        if self.overview is None:  # nothing shown yet to bring up to date
            self.refresh()
            return
        from lmcdesk.ui import data

        directory, session = self.overview.directory, self.session
        operations.run(session.read(lambda uow: data.load_update(uow, changes, directory)),
                       lambda update: self._show_update(update) if self.session is session else None,
                       parent=self)

    #: Overview field -> the page that shows it (besides the meetings list).
    _PAGES = {"people": "people_page", "body_rows": "bodies_page", "interests": "interests_page",
              "gifts": "gifts_page", "actions": "actions_page"}

    def _show_update(self, update) -> None:
        changes, before = update.changes, self.overview
        overview = self.overview = update.applied_to(before)
        if "meetings" in update.parts:  # read whole: a meeting was added or deleted
            self.meetings_page.set_meetings(overview.meetings, overview.bodies)
        else:
            old = {r.id: r for r in before.meetings}
            new = {r.id: r for r in overview.meetings}
            rows = {i: r for i, r in new.items() if old.get(i) != r}
            rows.update({i: None for i in old if i not in new})
            if rows:
                self.meetings_page.update_meetings(rows)
            if overview.bodies != before.bodies:
                self.meetings_page.set_bodies(overview.bodies)
        for name, page in self._PAGES.items():
            if getattr(overview, name) is not getattr(before, name):
                getattr(self, page).set_rows(getattr(overview, name), select=changes.created_id)
        self._show_counts()
        directory = overview.directory if "directory" in update.parts else None
        for editor in self.editors():
            editor.follow(changes, directory)
        if "meetings" in update.parts:
            self.meetings_loaded.emit()

    def _show_counts(self) -> None:
        overview = self.overview
        self.status_label.setText(
            f"{len(overview.meetings)} meetings · {len(overview.people)} people · "
            f"{len(overview.interests)} register entries"
        )

    def _search(self, text: str) -> None:
        if not text:
            self.meetings_page.set_search_result(text, None)
            return
        if self.session is None:
            return
        from lmcdesk.ui import data

        operations.run(
            self.session.read(lambda uow: data.search_meeting_ids(uow, text)),
            lambda ids: self.meetings_page.set_search_result(text, ids),
            parent=self,
        )

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.meetings_page)
        self.meetings_page.search.setFocus()
        self.meetings_page.search.selectAll()

    # ------------------------------------------------------------------ meetings
    @staticmethod
    def _editor_class():
        """``MeetingEditor`` if it has been imported, else None: no editor can
        exist before that, and importing it (with the domain model, ~30 ms)
        just to answer "is this an editor?" slowed the first paint."""
        module = sys.modules.get("lmcdesk.ui.meeting_editor")
        return getattr(module, "MeetingEditor", None)

    def editors(self):
        cls = self._editor_class()
        if cls is None:
            return []
        return [self.tabs.widget(i) for i in range(self.tabs.count())
                if isinstance(self.tabs.widget(i), cls)]

    def current_editor(self):
        cls = self._editor_class()
        w = self.tabs.currentWidget()
        return w if cls is not None and isinstance(w, cls) else None

    def open_selected_meeting(self) -> None:
        meeting_id = self.meetings_page.selected_meeting_id()
        if meeting_id:
            self.open_meeting(meeting_id)

    def _open_action_meeting(self, action_id: str) -> None:
        if self.overview is None:
            return
        for a in self.overview.actions:
            if a.id == action_id and a.meeting_id:
                self.open_meeting(a.meeting_id)

    def open_meeting(self, meeting_id: str, page: str | None = None) -> None:
        for editor in self.editors():
            if editor.meeting_id == meeting_id:
                self.tabs.setCurrentWidget(editor)
                if page:
                    editor.show_page(page)
                return
        from lmcdesk.ui import data

        def loaded(bundle) -> None:
            self._add_editor(bundle, page)

        operations.run(self.session.read(lambda uow: data.load_meeting(uow, meeting_id)), loaded,
                       parent=self, label="Opening the meeting…")

    def _add_editor(self, bundle, page: str | None):
        from lmcdesk.ui.meeting_editor import MeetingEditor

        editor = MeetingEditor(self.session, bundle.meeting, bundle.directory, self)
        self.undo_group.addStack(editor.undo_stack)
        editor.written.connect(self.announce)
        editor.meeting_changed.connect(lambda e=editor: self._update_actions() if e is self.current_editor() else None)
        editor.title_changed.connect(lambda title, e=editor: self.tabs.setTabText(self.tabs.indexOf(e), title))
        index = self.tabs.addTab(editor, editor.tab_title())
        self.tabs.setCurrentIndex(index)
        self._ensure_probity_dock()
        if page:
            editor.show_page(page)
        return editor

    def new_meeting(self) -> None:
        if self.session is None or self.overview is None:
            return
        from lmcdesk.ui.new_meeting_dialog import NewMeetingDialog

        dialog = NewMeetingDialog(self.overview.directory, self)
        if dialog.exec() != NewMeetingDialog.DialogCode.Accepted:
            return
        from lmcdesk.ui import data

        meeting = dialog.meeting()

        def created(changes) -> None:
            self.announce(changes)
            self.open_meeting(changes.created_id, "agenda")

        operations.run(self.session.write(lambda uow: data.add_meeting(uow, meeting)), created, parent=self,
                       label="Creating the meeting…")

    def export_register(self, key: str) -> None:
        if self.session is None:
            return
        from lmcdesk.ui.export import export_register

        kind, published = ("interests", False) if key == "interests-full" else (key, True)
        export_register(self, kind, published)

    def export_meeting_pack(self) -> None:
        from lmcdesk.ui import pack_exchange

        pack_exchange.export_pack(self)

    def import_meeting_pack(self) -> None:
        from lmcdesk.ui import pack_exchange

        pack_exchange.import_pack(self)

    def _ensure_probity_dock(self) -> None:
        if self._probity_dock is not None:
            return
        from lmcdesk.ui.probity_panel import ProbityDock

        self._probity_dock = ProbityDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._probity_dock)
        self.resizeDocks([self._probity_dock], [max(380, self.width() // 3)], Qt.Orientation.Horizontal)
        self.view_menu.addAction(self._probity_dock.toggleViewAction())
        if self._saved_window_state is not None:
            self.restoreState(self._saved_window_state)
            self._saved_window_state = None
        self._tab_changed(self.tabs.currentIndex())

    def _editor_call(self, name: str, *args) -> None:
        editor = self.current_editor()
        if editor is not None:
            getattr(editor, name)(*args)

    def _show_tab(self, index: int) -> None:
        if self.stack.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex(index)

    def _tab_changed(self, index: int) -> None:
        editor = self.current_editor()
        self.undo_group.setActiveStack(editor.undo_stack if editor is not None else None)
        if self._probity_dock is not None:
            self._probity_dock.set_editor(editor)
            self._probity_dock.setVisible(editor is not None)
        self._update_actions()

    def _update_actions(self) -> None:
        has_editor = self.current_editor() is not None
        for a in self.meeting_actions:
            a.setEnabled(has_editor)
        has_record = self.session is not None
        self.act_new_meeting.setEnabled(has_record and not self.session.read_only)
        self.act_open_meeting.setEnabled(has_record)
        writable = has_record and not self.session.read_only
        self.act_export_pack.setEnabled(writable)  # export remembers what was sent: a write
        self.act_import_pack.setEnabled(writable)
        # approve a draft, correct approved minutes: never both, neither on a read-only record
        editor = self.current_editor()
        approved = editor is not None and editor.meeting.is_approved
        self.act_approve.setEnabled(writable and has_editor and not approved)
        self.act_correct.setEnabled(writable and has_editor and approved)
        self.act_restore.setEnabled(has_record and self.session.can_restore)
        for a in self.act_registers.values():
            a.setEnabled(has_record)
        self.directory_editing.update_actions()

    def _close_tab(self, index: int) -> None:
        editor = self.tabs.widget(index)
        if editor in self.editors() and editor.close_editor():
            self.undo_group.removeStack(editor.undo_stack)
            self.tabs.removeTab(index)
            editor.deleteLater()

    def close_current_editor(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            self._close_tab(self.tabs.indexOf(editor))

    def close_all_editors(self) -> bool:
        for editor in self.editors():
            if not editor.close_editor():
                return False
            self.undo_group.removeStack(editor.undo_stack)
            self.tabs.removeTab(self.tabs.indexOf(editor))
            editor.deleteLater()
        return True

    def show_rules(self, rule_id: str = "") -> None:
        from lmcdesk.ui.rules_dialog import RulesDialog

        self.rules_dialog = RulesDialog(self, rule_id if isinstance(rule_id, str) else "")
        self.rules_dialog.show()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from lmcdesk import __version__

        QMessageBox.about(self, "About LMC Desk",
                          f"LMC Desk {__version__}\nProbity-complete minutes for LMC and GP federation meetings.")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.close_all_editors():
            event.ignore()
            return
        operations.wait_idle(5000)
        self.state.save_window(self.saveGeometry(), self.saveState())
        if self.session is not None:
            self.session.close()
        event.accept()
