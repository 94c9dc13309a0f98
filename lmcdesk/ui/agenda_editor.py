"""Agenda builder: add, reorder (drag or Ctrl+Up/Down), classify, Part II, presenter,
timing, organisations and papers.  Every change is an undo step on the editor."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lmcdesk.domain.enums import PROVIDER_BODY_TYPES, BusinessKind, ItemPart, OrganisationRole
from lmcdesk.domain.model import AgendaItem, ItemOrganisation, Paper, new_id
from lmcdesk.ui import operations
from lmcdesk.ui.agenda_template import apply_template
from lmcdesk.ui.badge import KindBadgeDelegate, kind_label
from lmcdesk.ui.models.agenda import AgendaModel
from lmcdesk.ui.models.base import ID_ROLE
from lmcdesk.vocabulary import choices, words

#: Copies of papers opened in another program; deleted when LMC Desk closes (Part II papers among them).
_open_copies: tempfile.TemporaryDirectory | None = None


def _copies_folder() -> Path:
    global _open_copies
    if _open_copies is None:
        _open_copies = tempfile.TemporaryDirectory(prefix="lmcdesk-papers-", ignore_cleanup_errors=True)
    return Path(_open_copies.name)


class AgendaEditor(QWidget):
    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._loading = False
        self.model = AgendaModel(self)
        self.model.move_requested.connect(self.move_item)

        self.table = QTableView(self)
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName("Agenda items")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(AgendaModel.KIND, KindBadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the title takes the width; the badge, part and time columns are as wide as their widest
        # possible content (so they do not jump as items change) and the presenter is capped
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        for column in (AgendaModel.NUMBER, AgendaModel.KIND, AgendaModel.PART, AgendaModel.MINUTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(AgendaModel.PRESENTER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton("&Add item", self)
        self.add_button.setAccessibleName("Add agenda item")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove agenda item")
        self.up_button = QPushButton("Move &up", self)
        self.up_button.setToolTip("Ctrl+Up")
        self.up_button.setAccessibleName("Move item up")
        self.down_button = QPushButton("Move do&wn", self)
        self.down_button.setToolTip("Ctrl+Down")
        self.down_button.setAccessibleName("Move item down")
        self.template_button = QPushButton("Standard &items", self)
        self.template_button.setToolTip("Add apologies, declarations, previous minutes, matters arising and AOB")
        self.template_button.setAccessibleName("Add the standard agenda items")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.template_button)
        buttons2.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addLayout(buttons2)

        # ---- item form
        self.form_box = QGroupBox("Item", self)
        form = QFormLayout(self.form_box)
        self.title = QLineEdit(self.form_box)
        self.title.setAccessibleName("Item title")
        self.kind = QComboBox(self.form_box)
        self.kind.setAccessibleName("Business kind")
        for text, value in choices(BusinessKind):
            self.kind.addItem(text, value)
        self.part = QComboBox(self.form_box)
        self.part.setAccessibleName("Part")
        for text, value in choices(ItemPart):
            self.part.addItem(text, value)
        self.reason = QLineEdit(self.form_box)
        self.reason.setAccessibleName("Reason for excluding the public")
        self.reason.setPlaceholderText("Why the public is excluded (Part II)")
        self.presenter = QComboBox(self.form_box)
        self.presenter.setAccessibleName("Presenter")
        self.minutes = QSpinBox(self.form_box)
        self.minutes.setAccessibleName("Planned minutes")
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(" min")
        self.orgs = QListWidget(self.form_box)
        self.orgs.setAccessibleName("Organisations affected or bidding")
        self.orgs.setMaximumHeight(90)
        self.orgs.setWordWrap(True)
        self.org_body = QComboBox(self.form_box)
        self.org_body.setAccessibleName("Organisation to tag")
        self.org_body.setMinimumContentsLength(10)
        self.org_body.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.org_role = QComboBox(self.form_box)
        self.org_role.setAccessibleName("Affected or bidding")
        for text, value in choices(OrganisationRole):
            self.org_role.addItem(text, value)
        self.org_add = QPushButton("Tag", self.form_box)
        self.org_add.setAccessibleName("Tag organisation")
        self.org_remove = QPushButton("Untag", self.form_box)
        self.org_remove.setAccessibleName("Remove organisation tag")
        # the organisation gets the whole width of the field (names like "Dummyford Medical Group" were
        # cut to "Dummyford Medi" beside the role); its list opens as wide as the longest name
        self.org_body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        org_row = QHBoxLayout()
        org_row.addWidget(self.org_body, 1)
        for button in (self.org_add, self.org_remove):  # not the style's 80-pixel minimum: the form stays narrow
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 24)
        org_row2 = QHBoxLayout()
        org_row2.addWidget(self.org_role)
        org_row2.addStretch(1)
        org_row2.addWidget(self.org_add)
        org_row2.addWidget(self.org_remove)
        self.papers = QListWidget(self.form_box)
        self.papers.setAccessibleName("Papers")
        self.papers.setMaximumHeight(80)
        self.papers.setWordWrap(True)
        self.paper_open = QPushButton("&Open", self.form_box)
        self.paper_open.setAccessibleName("Open the paper")
        self.paper_open.setToolTip("Open the paper in the program your computer uses for it")
        self.paper_remove = QPushButton("Remo&ve", self.form_box)
        self.paper_remove.setAccessibleName("Remove the paper from the item")
        for button in (self.paper_open, self.paper_remove):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text().replace("&", "")) + 24)
        paper_row = QHBoxLayout()
        paper_row.addStretch(1)
        paper_row.addWidget(self.paper_open)
        paper_row.addWidget(self.paper_remove)
        self.attach = QPushButton("Attach &paper…", self.form_box)
        self.attach.setAccessibleName("Attach a paper")
        self._missing_papers: set[str] = set()  # ids of papers listed without a stored file
        self._papers_checked: frozenset = frozenset()
        form.addRow("&Title", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow("Pa&rt", self.part)
        form.addRow("Reaso&n", self.reason)
        form.addRow("Pr&esenter", self.presenter)
        form.addRow("&Timing", self.minutes)
        form.addRow("Organisations", self.orgs)
        form.addRow("", org_row)
        form.addRow("", org_row2)
        form.addRow("Papers", self.papers)
        form.addRow("", paper_row)
        form.addRow("", self.attach)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.form_box)
        # the agenda table takes the extra width; the form keeps about its own size (at 150 % the
        # 3:2 split left the Item column a word wide)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([700, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_by(-1))
        self.down_button.clicked.connect(lambda: self.move_by(1))
        self.template_button.clicked.connect(self.add_standard_items)
        QShortcut(QKeySequence("Ctrl+Up"), self.table, lambda: self.move_by(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.table, lambda: self.move_by(1))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_item)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_item)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_form())
        self.title.editingFinished.connect(lambda: self._set("title", self.title.text().strip(), "Rename item"))
        self.kind.activated.connect(lambda _i: self._set("business_kind", BusinessKind(self.kind.currentData()), "Classify item"))
        self.part.activated.connect(lambda _i: self._set("part", ItemPart(self.part.currentData()), "Change part"))
        self.reason.editingFinished.connect(lambda: self._set("exclusion_reason", self.reason.text().strip(), "Part II reason"))
        self.presenter.activated.connect(lambda _i: self._set("presenter_id", self.presenter.currentData(), "Set presenter"))
        self.minutes.editingFinished.connect(lambda: self._set("planned_minutes", self.minutes.value() or None, "Set timing"))
        self.org_add.clicked.connect(self.tag_organisation)
        self.org_remove.clicked.connect(self.untag_organisation)
        self.attach.clicked.connect(self.attach_paper)
        self.paper_open.clicked.connect(self.open_paper)
        self.paper_remove.clicked.connect(self.remove_paper)
        self.papers.itemActivated.connect(lambda _entry: self.open_paper())
        self.papers.currentRowChanged.connect(lambda _row: self._paper_buttons())
        self.org_body.currentTextChanged.connect(self.org_body.setToolTip)
        editor.meeting_changed.connect(self.refresh)
        self.setTabOrder(self.table, self.add_button)
        self.refresh()

    # ------------------------------------------------------------------ view
    def refresh(self) -> None:
        current = self.current_item_id()
        self.model.set_agenda(self.editor.meeting.items, self.editor.directory)
        self._size_columns()
        self._fill_choices()
        if current:
            self.select_item(current)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._load_form()
        read_only = self.editor.read_only
        for w in (self.add_button, self.remove_button, self.up_button, self.down_button, self.template_button):
            w.setEnabled(not read_only)
        self._check_paper_files()

    def _size_columns(self) -> None:
        fm = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        header = self.table.horizontalHeader()

        def fit(column: int, *samples: str) -> int:
            text = max((fm.horizontalAdvance(t) for t in samples), default=0) + pad
            return max(text, header.sectionSizeHint(column))

        widest_badge = max(fm.horizontalAdvance(kind_label(k)) for k in BusinessKind) + 28  # as KindBadgeDelegate
        self.table.setColumnWidth(AgendaModel.NUMBER, fit(AgendaModel.NUMBER, str(max(self.model.rowCount(), 9))))
        self.table.setColumnWidth(AgendaModel.KIND, max(widest_badge + 8, header.sectionSizeHint(AgendaModel.KIND)))
        self.table.setColumnWidth(AgendaModel.PART, fit(AgendaModel.PART, "Part II"))
        self.table.setColumnWidth(AgendaModel.MINUTES, fit(AgendaModel.MINUTES, "240 min"))
        self.table.resizeColumnToContents(AgendaModel.PRESENTER)
        cap = fm.averageCharWidth() * 14  # about "Dr Dafydd Dumm"; longer names elide, full name as tooltip
        self.table.setColumnWidth(AgendaModel.PRESENTER, min(self.table.columnWidth(AgendaModel.PRESENTER), cap))

    def _fill_choices(self) -> None:
        d = self.editor.directory
        if self.presenter.count() == len(d.people) + 1 and self.org_body.count():
            return
        self.presenter.clear()
        self.presenter.addItem("—")  # no data: PySide6 6.12 loses a ref to None (qtfix)
        for p in sorted(d.people.values(), key=lambda p: p.name):
            self.presenter.addItem(p.name, p.id)
        self.org_body.clear()
        for b in sorted(d.bodies.values(), key=lambda b: (b.type not in PROVIDER_BODY_TYPES, b.name)):
            self.org_body.addItem(b.name, b.id)
            self.org_body.setItemData(self.org_body.count() - 1, b.name, Qt.ItemDataRole.ToolTipRole)
        view = self.org_body.view()
        names = [self.org_body.itemText(i) for i in range(self.org_body.count())]
        view.setMinimumWidth(max((view.fontMetrics().horizontalAdvance(n) for n in names), default=0) + 32)

    def current_item_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_item(self) -> AgendaItem | None:
        item_id = self.current_item_id()
        return self.editor.meeting.item(item_id) if item_id else None

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of_id(item_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, AgendaModel.TITLE),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))

    def _load_form(self) -> None:
        item = self.current_item()
        # papers can still be opened on approved minutes; everything else on the form is locked
        self.form_box.setEnabled(item is not None)
        for w in self._edit_widgets():
            w.setEnabled(not self.editor.read_only)
        if item is None:
            return
        self._loading = True
        self.form_box.setTitle(f"Item {item.position}")
        self.title.setText(item.title)
        self.title.setCursorPosition(0)  # show the start of a long title, not its tail
        self.title.setToolTip(item.title)
        self.kind.setCurrentIndex(self.kind.findData(str(item.business_kind)))
        self.part.setCurrentIndex(self.part.findData(str(item.part)))
        self.reason.setText(item.exclusion_reason)
        self.reason.setCursorPosition(0)
        self.reason.setEnabled(item.part == ItemPart.PART_II)
        self.presenter.setCurrentIndex(max(0, self.presenter.findData(item.presenter_id)))
        self.minutes.setValue(item.planned_minutes or 0)
        self.orgs.clear()
        d = self.editor.directory
        for o in item.organisations:
            entry = QListWidgetItem(f"{d.body_name(o.body_id)} — {words(OrganisationRole(o.role))}")
            entry.setData(Qt.ItemDataRole.UserRole, o.body_id)
            self.orgs.addItem(entry)
        self._fill_papers(item)
        self._loading = False

    def _edit_widgets(self) -> tuple:
        return (self.title, self.kind, self.part, self.reason, self.presenter, self.minutes, self.orgs,
                self.org_body, self.org_role, self.org_add, self.org_remove, self.attach, self.paper_remove)

    def _fill_papers(self, item: AgendaItem) -> None:
        row = self.papers.currentRow()
        self.papers.clear()
        for p in item.papers:
            text = p.title + (" (confidential)" if p.confidential else "")
            if p.id in self._missing_papers:
                text += " — no file stored"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, p.id)
            entry.setToolTip(p.filename or p.title)
            self.papers.addItem(entry)
        if self.papers.count():
            self.papers.setCurrentRow(min(max(row, 0), self.papers.count() - 1))
        self._paper_buttons()

    def _paper_buttons(self) -> None:
        paper = self.current_paper()
        self.paper_open.setEnabled(paper is not None and paper.id not in self._missing_papers)
        self.paper_remove.setEnabled(paper is not None and not self.editor.read_only)

    def current_paper(self) -> Paper | None:
        item, entry = self.current_item(), self.papers.currentItem()
        if item is None or entry is None:
            return None
        paper_id = entry.data(Qt.ItemDataRole.UserRole)
        return next((p for p in item.papers if p.id == paper_id), None)

    def _check_paper_files(self) -> None:
        """Find, off the UI thread, the papers listed without a stored file (so the list can say so)."""
        listed = [p for i in self.editor.meeting.items for p in i.papers]
        key = frozenset((p.id, p.sha256) for p in listed)
        if key == self._papers_checked:
            return
        self._papers_checked = key
        self._missing_papers = {p.id for p in listed if not p.sha256}
        if not any(p.sha256 for p in listed):
            return
        from lmcdesk.services.papers import missing_files

        session = self.editor.session

        def found(missing: set[str]) -> None:
            from shiboken6 import isValid

            if isValid(self) and key == self._papers_checked:  # the meeting may have been closed meanwhile
                self._missing_papers = missing
                item = self.current_item()
                if item is not None:
                    self._fill_papers(item)

        def failed(exc: BaseException) -> None:  # not worth a dialog: Open says it in words
            self._papers_checked = frozenset()

        operations.run(lambda: missing_files(session.unit_of_work(), listed), found, failed, parent=self)

    # ------------------------------------------------------------------ edits
    def _set(self, attr: str, value, text: str) -> None:
        item = self.current_item()
        if self._loading or item is None or getattr(item, attr) == value:
            return
        item_id = item.id
        self.editor.change(text, lambda m: setattr(m.item(item_id), attr, value), key=f"{item_id}:{attr}")

    def add_item(self, title: str = "New item") -> str:
        item = AgendaItem(id=new_id(), title=title if isinstance(title, str) else "New item")
        current = self.current_item()
        ordered = self.editor.meeting.ordered_items()
        aob = [n for n, i in enumerate(ordered) if str(i.item_type) == "aob"]
        if current is not None and str(current.item_type) != "aob":
            at = ordered.index(current) + 1  # after the selected item
        else:
            at = aob[0] if aob else None  # before any other business, else last
        self.editor.change("Add item", lambda m: m.add_item(item, at))
        self.select_item(item.id)
        self.title.setFocus()
        self.title.selectAll()
        return item.id

    def remove_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        item_id = item.id
        self.editor.change(f"Remove “{item.title}”", lambda m: m.remove_item(item_id))

    def move_by(self, delta: int) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.move_item(row, row + delta)

    def move_item(self, source: int, target: int) -> None:
        if not (0 <= source < self.model.rowCount() and 0 <= target < self.model.rowCount()) or source == target:
            return
        item_id = self.model.row_at(source).id
        self.editor.change("Move item", lambda m: m.move_item(item_id, target))
        self.select_item(item_id)

    def add_standard_items(self) -> None:
        self.editor.change("Add standard items", apply_template)

    def tag_organisation(self) -> None:
        item = self.current_item()
        body_id = self.org_body.currentData()
        if item is None or body_id is None:
            return
        role = OrganisationRole(self.org_role.currentData())

        def mutate(m):
            it = m.item(item.id)
            it.organisations = [o for o in it.organisations if o.body_id != body_id]
            it.organisations.append(ItemOrganisation(body_id, role))

        self.editor.change("Tag organisation", mutate)

    def untag_organisation(self) -> None:
        item, entry = self.current_item(), self.orgs.currentItem()
        if item is None or entry is None:
            return
        body_id = entry.data(Qt.ItemDataRole.UserRole)

        def mutate(m):
            it = m.item(item.id)
            it.organisations = [o for o in it.organisations if o.body_id != body_id]

        self.editor.change("Untag organisation", mutate)

    def open_paper(self) -> None:
        """Write the stored paper to a temporary copy and open it in the program the computer uses for it."""
        paper = self.current_paper()
        if paper is None:
            return
        from lmcdesk.services.papers import write_copy

        session, folder = self.editor.session, _copies_folder() / paper.id

        def opened(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                QMessageBox.information(self, "Open the paper",
                                        f"No program on this computer opens {path.name}. A copy is at {path}.")

        def failed(exc: BaseException) -> None:
            from lmcdesk.errors import NotFound
            from lmcdesk.ui.errors import show_error

            if isinstance(exc, NotFound):
                self._missing_papers.add(paper.id)
                item = self.current_item()
                if item is not None:
                    self._fill_papers(item)
            show_error(self, exc)

        operations.run(lambda: write_copy(session.unit_of_work(), paper, folder), opened, failed,
                       parent=self, label=f"Opening {paper.title}…")

    def remove_paper(self) -> None:
        """Take the paper off the item (one undo step); its stored file stays in the record."""
        item, paper = self.current_item(), self.current_paper()
        if item is None or paper is None:
            return

        def mutate(m):
            it = m.item(item.id)
            it.papers = [p for p in it.papers if p.id != paper.id]

        self.editor.change(f"Remove paper “{paper.title}”", mutate)

    def attach_paper(self) -> None:
        item = self.current_item()
        if item is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "Attach a paper", "", "Papers (*.pdf *.docx *.doc *.odt *.txt);;All files (*)")
        if not name:
            return
        path = Path(name)
        session = self.editor.session
        confidential = item.part == ItemPart.PART_II

        def store():
            from lmcdesk.services.papers import store_paper

            blob = path.read_bytes()
            return store_paper(session.unit_of_work(), blob), len(blob)

        def stored(result) -> None:
            sha, size = result
            paper = Paper(id=new_id(), title=path.stem, filename=path.name, sha256=sha, size_bytes=size,
                          confidential=confidential)
            self.editor.change("Attach paper", lambda m: m.item(item.id).papers.append(paper))

        operations.run(store, stored, parent=self, label=f"Attaching {path.name}…")

