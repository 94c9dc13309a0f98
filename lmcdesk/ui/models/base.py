"""A read-only table model over a tuple of immutable rows.

Subclasses declare ``COLUMNS`` as ``Column`` values (header, how to show a row,
optional sort key, tooltip); the model never holds a session or query, only
rows handed to ``set_rows`` (STYLE.md rule 3, after vorta's archive table model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

#: The row object itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's stable id.
ID_ROLE = Qt.ItemDataRole.UserRole + 2
#: A ``BusinessKind`` for the badge delegate.
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
#: Value to sort by (proxies use ``setSortRole(SORT_ROLE)``).
SORT_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    kind: Callable[[Any], Any] | None = None  # makes the column a business-kind badge
    align: Qt.AlignmentFlag | None = None


class RowTableModel(QAbstractTableModel):
    COLUMNS: ClassVar[Sequence[Column]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[Any, ...] = ()

    # -- filling
    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def update_rows(self, changed: dict[str, Any]) -> None:
        """Put in the rows a write changed, by id, without resetting the model:
        a row shown already is replaced in place (``dataChanged``, selection
        kept), a new one is added at the end, and ``None`` takes a row away."""
        last = len(self.COLUMNS) - 1
        for row_id, row in changed.items():
            at = self.row_of_id(row_id)
            if at >= 0 and row is None:
                self.beginRemoveRows(QModelIndex(), at, at)
                self._rows = self._rows[:at] + self._rows[at + 1:]
                self.endRemoveRows()
            elif at >= 0:
                if self._rows[at] != row:
                    self._rows = self._rows[:at] + (row,) + self._rows[at + 1:]
                    self.dataChanged.emit(self.index(at, 0), self.index(at, last))
            elif row is not None:
                n = len(self._rows)
                self.beginInsertRows(QModelIndex(), n, n)
                self._rows = self._rows + (row,)
                self.endInsertRows()

    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of_id(self, row_id: str) -> int:
        for n, r in enumerate(self._rows):
            if self.row_id(r) == row_id:
                return n
        return -1

    def row_id(self, row: Any) -> str:
        return getattr(row, "id", "")

    # -- Qt interface
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        # answered here rather than by super(): PySide6 6.12 loses a reference
        # to None each time the base class returns an empty value (qtfix)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section].header if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return self.row_id(row)
        if role == KIND_ROLE and col.kind is not None:
            return str(col.kind(row))
        if role == SORT_ROLE:
            return col.sort(row) if col.sort is not None else col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align | Qt.AlignmentFlag.AlignVCenter)
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: Any, column: int, role: int):
        """Hook for subclasses (colours, check states)."""
        return None
