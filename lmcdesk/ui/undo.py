"""Undo for meeting editing: one command per edit, holding the meeting before
and after it.

Meetings are small (tens of items), so whole snapshots are simpler and safer
than hand-written inverse operations.  But undo must never take back what was
typed since: the minutes text of each item (``discussion``) is typed live,
saved as it is typed and has its own undo in its text box, so it is not part
of any step.  Undo and redo therefore put back the other state with every
item's *current* minutes text kept (``keep_live_text``), and each transition
remembers the state it left, so a redo brings back exactly what the undo took
away, text typed meanwhile in an added item included.

Consecutive edits of the same field (``key``) merge into one undo step.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

_KEYS: dict[str, int] = {}

#: Item fields typed live: their current value survives every undo and redo.
LIVE_ITEM_FIELDS = ("discussion",)


def _key_id(key: str | None) -> int:
    if not key:
        return -1
    return _KEYS.setdefault(key, 1000 + len(_KEYS))


def keep_live_text(state, current):
    """``state`` (a copy of a meeting, changed in place and returned) with the
    text typed live taken from ``current`` for every item both hold."""
    now = {i.id: i for i in current.items}
    for item in state.items:
        live = now.get(item.id)
        if live is not None:
            for name in LIVE_ITEM_FIELDS:
                setattr(item, name, getattr(live, name))
    return state


class MeetingStep(QUndoCommand):
    """One edit of the working meeting.  ``swap(state)`` makes ``state`` (live
    text kept) the working meeting and returns a copy of the one it replaced."""

    def __init__(self, swap, text: str, before, after, key: str | None = None) -> None:
        super().__init__(text)
        self._swap = swap
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
        self.before = self._swap(self.after)

    def undo(self) -> None:
        self.after = self._swap(self.before)


def snapshot(meeting):
    return copy.deepcopy(meeting)
