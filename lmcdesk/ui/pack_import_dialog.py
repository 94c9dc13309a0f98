"""What importing a meeting pack would do, record by record, before anything is written.

The service (``services.exchange.preview_import``) has already decided each
record's status; this dialog shows it in words and asks only where the service
needs a choice (changed on both PCs, or approved on the other PC while still a
draft here).  Every such choice starts as "Keep mine", so pressing Import
without looking never replaces anything changed on this PC.  Minutes approved
on this PC are never offered: the service refuses to overwrite them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
)

from lmcdesk.services.exchange import Choice, ImportPreview, RecordPreview, Status

log = logging.getLogger(__name__)

KIND_WORDS = {
    "meeting": "Meeting",
    "body": "Body",
    "person": "Person",
    "membership": "Membership",
    "interest": "Register of interests",
    "gift": "Gift or hospitality",
}

#: What happens to a record, in words (what the user sees in the "What happens" column).
STATUS_WORDS = {
    Status.NEW: "Added: not on this PC yet",
    Status.UNCHANGED: "No change: the same on both PCs",
    Status.CHANGED_REMOTELY: "Updated from the pack",
    Status.CHANGED_LOCALLY: "Kept as it is here: only changed on this PC",
    Status.CONFLICT: "Changed on both PCs: choose which to keep",
    Status.APPROVED_REMOTELY: "Approved on the other PC, still a draft here: choose",
    Status.REFUSED: "Kept: the minutes are approved on this PC",
}

CHOICE_WORDS = {Choice.KEEP_LOCAL: "Keep mine", Choice.TAKE_THEIRS: "Take the pack's"}
CHOICES = (Choice.KEEP_LOCAL, Choice.TAKE_THEIRS)

REFUSED_REASON = (
    "Approved minutes are a record: an import never overwrites them. If the other PC's version is "
    "right, begin a correction here (Meeting > Correct approved minutes…) and copy the change in."
)

#: Shown first: what needs the user, then what changes, then what stays.
_ORDER = {
    Status.CONFLICT: 0,
    Status.APPROVED_REMOTELY: 0,
    Status.REFUSED: 1,
    Status.NEW: 2,
    Status.CHANGED_REMOTELY: 2,
    Status.CHANGED_LOCALLY: 3,
    Status.UNCHANGED: 4,
}

#: The ``ImportRow`` itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's current ``Choice`` value (a string), or "" when there is nothing to choose.
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class ImportRow:
    """One record of the preview, as the dialog shows it (immutable)."""

    kind: str
    id: str
    label: str
    status: Status
    changes: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def choosable(self) -> bool:
        """The service needs the user's word on this record."""
        return self.status in (Status.CONFLICT, Status.APPROVED_REMOTELY)

    @property
    def summary(self) -> str:
        if self.status == Status.REFUSED:
            rest = [c for c in self.changes if "never overwritten" not in c]
            return "Approved here, so it stays as it is" + (f" (the pack differs: {rest[0]}…)" if rest else "")
        if not self.changes:
            return "—" if self.status != Status.NEW else "New record"
        text = "; ".join(self.changes[:2])
        return text + (f"; and {len(self.changes) - 2} more" if len(self.changes) > 2 else "")

    @classmethod
    def from_record(cls, rec: RecordPreview) -> "ImportRow":
        return cls(rec.kind, rec.id, rec.label, rec.status, tuple(rec.changes))


def rows_of(preview: ImportPreview) -> list[ImportRow]:
    rows = [ImportRow.from_record(r) for r in preview.records]
    kinds = list(KIND_WORDS)
    return sorted(rows, key=lambda r: (_ORDER[r.status], r.kind != "meeting", kinds.index(r.kind)
                                       if r.kind in kinds else 99, r.label))


class PackPreviewModel(QAbstractTableModel):
    """The preview's records; only the choice column of a conflict is editable."""

    RECORD, STATUS, CHANGES, CHOICE = range(4)
    HEADERS = ("Record", "What happens", "What changed", "Your choice")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[ImportRow, ...] = ()
        self._choices: dict[tuple[str, str], Choice] = {}

    # -- filling
    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._choices = {r.key: Choice.KEEP_LOCAL for r in self._rows if r.choosable}
        self.endResetModel()

    def rows(self) -> tuple[ImportRow, ...]:
        return self._rows

    def choices(self) -> dict[tuple[str, str], Choice]:
        """The user's choice for every record that needs one."""
        return dict(self._choices)

    # -- Qt interface
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        # answered here, not by super(): see lmcdesk.ui.qtfix
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CHOICE and self._rows[index.row()].choosable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.EditRole and col == self.CHOICE and row.choosable:
            return self._choices[row.key].value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            if row.choosable:
                return QColor("#b00020")
            if row.status == Status.REFUSED:
                return QColor("#8a5a00")
            return None
        if role == ROW_ROLE:
            return row
        if role == CHOICE_ROLE:
            return self._choices[row.key].value if row.choosable else ""
        return None

    def _text(self, row: ImportRow, col: int) -> str:
        if col == self.RECORD:
            return f"{KIND_WORDS.get(row.kind, row.kind)}: {row.label}"
        if col == self.STATUS:
            return STATUS_WORDS.get(row.status, str(row.status))
        if col == self.CHANGES:
            return row.summary
        if row.choosable:
            return CHOICE_WORDS[self._choices[row.key]]
        if row.status == Status.REFUSED:
            return "Cannot be replaced"
        return ""

    def _tooltip(self, row: ImportRow, col: int) -> str:
        if col == self.CHOICE and row.status == Status.REFUSED:
            return REFUSED_REASON
        if col == self.CHOICE and row.choosable:
            return "Keep mine: this PC's copy stays as it is.\nTake the pack's: this PC's copy is replaced by the pack's."
        if row.changes:
            return "On this PC -> in the pack:\n" + "\n".join(row.changes)
        return STATUS_WORDS.get(row.status, "")

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.CHOICE:
            return False
        if not (0 <= index.row() < len(self._rows)) or not self._rows[index.row()].choosable:
            return False
        try:
            choice = Choice(value)
        except ValueError:
            return False
        row = self._rows[index.row()]
        if self._choices[row.key] != choice:
            self._choices[row.key] = choice
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


class ChangesOnly(QSortFilterProxyModel):
    """Hides the records that are the same on both PCs (most of a pack) unless asked to show them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._show_unchanged = False

    def show_unchanged(self) -> bool:
        return self._show_unchanged

    def set_show_unchanged(self, show: bool) -> None:
        if show != self._show_unchanged:
            self.beginFilterChange()
            self._show_unchanged = show
            self.endFilterChange()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        if self._show_unchanged:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        return row is None or row.status != Status.UNCHANGED


def count_text(rows) -> str:
    """The line beside "Show unchanged records", e.g. "2 to bring in, 1 needs
    your choice, 1 kept as it is here, 135 unchanged": what the import will
    actually change is counted apart from what it leaves alone."""
    def count(*statuses):
        return sum(1 for r in rows if r.status in statuses)

    bring = count(Status.NEW, Status.CHANGED_REMOTELY)
    choose = count(Status.CONFLICT, Status.APPROVED_REMOTELY)
    kept = count(Status.CHANGED_LOCALLY, Status.REFUSED)
    parts = []
    if bring:
        parts.append(f"{bring} to bring in")
    if choose:
        parts.append(f"{choose} need{'s' if choose == 1 else ''} your choice")
    if kept:
        parts.append(f"{kept} kept as {'it is' if kept == 1 else 'they are'} here")
    if not parts:
        parts.append("Nothing to bring in")
    parts.append(f"{count(Status.UNCHANGED)} unchanged")
    return ", ".join(parts)


class ChoiceDelegate(QStyledItemDelegate):
    """A "Keep mine / Take the pack's" list in the choice column."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setAccessibleName("Keep mine or take the pack's")
        for choice in CHOICES:
            combo.addItem(CHOICE_WORDS[choice], choice.value)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        if i >= 0 and i != editor.currentIndex():
            editor.blockSignals(True)
            editor.setCurrentIndex(i)
            editor.blockSignals(False)

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PackImportDialog(QDialog):
    """Accepted: import with ``choices()``.  Rejected: nothing is written."""

    def __init__(self, preview: ImportPreview, parent=None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Import the meeting pack {preview.pack_name}")
        self.setAccessibleName("Import a meeting pack")
        self.resize(980, 560)

        self.model = PackPreviewModel(self)
        self.model.set_rows(rows_of(preview))
        rows = self.model.rows()
        counts = {s: sum(1 for r in rows if r.status == s) for s in Status}
        self.conflict_rows = [n for n, r in enumerate(rows) if r.choosable]

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the pack would change")
        self.summary.setText(self._summary_text(counts))

        # the demo's pack lists 135 unchanged records around 3 changes: those are hidden unless asked for
        self.proxy = ChangesOnly(self)
        self.proxy.setSourceModel(self.model)
        self.show_unchanged = QCheckBox(f"Show &unchanged records ({counts.get(Status.UNCHANGED, 0)})", self)
        self.show_unchanged.setAccessibleName("Show unchanged records")
        self.show_unchanged.setChecked(False)
        self.counts = QLabel(count_text(rows), self)
        self.counts.setAccessibleName("Records in the pack, counted")

        self.table = QTableView(self)
        self.table.setObjectName("packPreviewTable")
        self.table.setAccessibleName("Records in the pack")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(PackPreviewModel.CHOICE, ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PackPreviewModel.RECORD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PackPreviewModel.CHANGES, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(PackPreviewModel.RECORD, 300)
        self.table.setColumnWidth(PackPreviewModel.STATUS, 250)
        self.table.setColumnWidth(PackPreviewModel.CHOICE, 150)
        self._open_choice_editors()
        self.show_unchanged.toggled.connect(self._toggle_unchanged)

        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Changes to the selected record")
        self.details.setMaximumHeight(130)
        self.details.setPlaceholderText("Select a record to see everything that differs.")
        self.table.selectionModel().currentRowChanged.connect(self._show_details)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName("Import the pack")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        nothing = all(r.status in (Status.UNCHANGED, Status.CHANGED_LOCALLY, Status.REFUSED) for r in rows)
        if nothing:
            self.import_button.setToolTip("Nothing in the pack would change this record.")

        filter_row = QHBoxLayout()
        filter_row.addWidget(self.counts, 1)
        filter_row.addWidget(self.show_unchanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def _open_choice_editors(self) -> None:
        for n in self.conflict_rows:  # the choice is always visible, not behind a double-click
            index = self.proxy.mapFromSource(self.model.index(n, PackPreviewModel.CHOICE))
            if index.isValid():
                self.table.openPersistentEditor(index)

    def _toggle_unchanged(self, show: bool) -> None:
        current = self.proxy.mapToSource(self.table.currentIndex())
        self.proxy.set_show_unchanged(show)
        self._open_choice_editors()
        index = self.proxy.mapFromSource(current) if current.isValid() else QModelIndex()
        if index.isValid():
            self.table.selectRow(index.row())
        elif self.proxy.rowCount():
            self.table.selectRow(0)

    def _summary_text(self, counts: dict[Status, int]) -> str:
        p = self.preview
        when = p.created_at.replace("T", " ")[:16]
        parts = []
        for status, words in (
            (Status.NEW, "to add"),
            (Status.CHANGED_REMOTELY, "to update"),
            (Status.CONFLICT, "changed on both PCs"),
            (Status.APPROVED_REMOTELY, "approved on the other PC"),
            (Status.REFUSED, "approved here (kept)"),
            (Status.CHANGED_LOCALLY, "newer here (kept)"),
            (Status.UNCHANGED, "unchanged"),
        ):
            if counts.get(status):
                parts.append(f"{counts[status]} {words}")
        text = f"Made by {p.created_by} on {when}. " + ", ".join(parts) + "."
        choose = counts.get(Status.CONFLICT, 0) + counts.get(Status.APPROVED_REMOTELY, 0)
        if choose:
            text += (f"<br><b>{choose} record{'s' if choose != 1 else ''} need{'s' if choose == 1 else ''} your "
                     "choice</b> (listed first). Each starts as “Keep mine”: nothing changed on this PC is "
                     "replaced unless you choose “Take the pack's”.")
        return text

    def _show_details(self, current, _previous=None) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.details.clear()
            return
        lines = [f"{KIND_WORDS.get(row.kind, row.kind)}: {row.label}", STATUS_WORDS.get(row.status, "")]
        if row.status == Status.REFUSED:
            lines.append(REFUSED_REASON)
        changes = [c for c in row.changes if "never overwritten" not in c]
        if changes:
            lines.append("What differs (each line reads: on this PC -> in the pack):")
        lines.extend(f"  • {c}" for c in changes)
        self.details.setPlainText("\n".join(lines))

    def choices(self) -> dict[tuple[str, str], Choice]:
        """For ``services.exchange.apply_import``: the user's choice for every
        record that needs one (the service decides the rest)."""
        return self.model.choices()
