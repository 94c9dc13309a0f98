"""The agenda as rows; drag and drop asks the editor to move, it never moves itself."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal

from lmcdesk.domain.enums import ItemPart
from lmcdesk.domain.model import AgendaItem, Directory
from lmcdesk.ui.badge import kind_label
from lmcdesk.ui.models.base import Column, RowTableModel
from lmcdesk.vocabulary import words

MIME = "application/x-lmcdesk-agenda-row"


def _part(item: AgendaItem) -> str:
    return words(ItemPart(item.part))


class AgendaModel(RowTableModel):
    NUMBER, TITLE, KIND, PART, PRESENTER, MINUTES = range(6)
    #: (from row, to row) asked for by a drop.
    move_requested = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.directory = Directory()
        self.COLUMNS = (
            Column("#", lambda r: str(r.position), sort=lambda r: f"{r.position:04d}"),
            Column("Item", lambda r: r.title, tooltip=lambda r: r.title),
            Column("Kind", lambda r: kind_label(r.business_kind), kind=lambda r: r.business_kind),
            Column("Part", _part, tooltip=lambda r: r.exclusion_reason or (
                "Confidential: public excluded" if r.part == ItemPart.PART_II else "Public")),
            Column("Presenter", lambda r: self.directory.person_name(r.presenter_id),
                   tooltip=lambda r: self.directory.person_name(r.presenter_id)),
            Column("Time", lambda r: f"{r.planned_minutes} min" if r.planned_minutes else "",
                   sort=lambda r: r.planned_minutes or 0, align=Qt.AlignmentFlag.AlignRight),
        )

    def set_agenda(self, items: list[AgendaItem], directory: Directory) -> None:
        self.directory = directory
        self.set_rows(sorted(items, key=lambda i: i.position))

    def flags(self, index):
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [MIME]

    def mimeData(self, indexes):  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802
        return data.hasFormat(MIME)

    def dropMimeData(self, data, action, row, column, parent: QModelIndex):  # noqa: N802
        if not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME)).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        if target > source:
            target -= 1
        target = max(0, min(target, self.rowCount() - 1))
        if target != source:
            self.move_requested.emit(source, target)
        return False  # the editor moves the item (an undo step); the view must not remove rows
