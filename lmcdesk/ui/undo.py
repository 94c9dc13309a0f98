"""Undo for meeting editing: each command keeps the meeting before and after.

Meetings are small (tens of items), so whole snapshots are simpler and safer
than hand-written inverse operations; consecutive edits of the same field
(``key``) merge into one undo step.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

_KEYS: dict[str, int] = {}


def _key_id(key: str | None) -> int:
    if not key:
        return -1
    return _KEYS.setdefault(key, 1000 + len(_KEYS))


class SnapshotCommand(QUndoCommand):
    def __init__(self, restore, text: str, before, after, key: str | None = None) -> None:
        super().__init__(text)
        self._restore = restore
        self.before = before
        self.after = after
        self._id = _key_id(key)
        self._first = True

    def id(self) -> int:
        return self._id

    def mergeWith(self, other) -> bool:  # noqa: N802
        if other.id() != self.id() or self.id() == -1:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the change was already made when the command was pushed
            self._first = False
            return
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)
