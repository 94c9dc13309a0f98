"""What a write changed, so that screens refresh just that.

Every service function that writes returns a ``Changes`` (or a small result
with a ``.changes`` beside the value it hands back).  The app sends it to
every page and editor once; each looks at the parts it shows and reloads
only those: no flags set before a signal, no full reloads on a timer.
(Anki's ``OpChanges`` is the model.)
"""

from __future__ import annotations

from dataclasses import dataclass

#: What ``Changes.directory`` may name: the parts of the directory.
DIRECTORY_KINDS = frozenset({"people", "bodies", "memberships", "interests", "gifts"})


@dataclass(frozen=True)
class Changes:
    """What one write changed in the record.

    ``meetings``: ids of meetings whose stored content changed (an editor
    that has one open reloads it or adopts ``lock_version``; the meeting list
    refreshes those rows).  ``meeting_list``: a meeting was added or deleted.
    ``directory``: which parts of the directory changed; open meetings'
    checks, names and quorum depend on people, bodies, memberships and
    the register.  ``actions``: the action log may read differently.

    ``lock_version`` and ``created_id`` are facts about the write, not
    things to refresh: the stored ``lock_version`` of the meeting just
    written (``None`` when the write could not say, see
    ``services.meetings.autosave_item``), and the id of a record it created.
    """

    meetings: frozenset[str] = frozenset()
    meeting_list: bool = False
    directory: frozenset[str] = frozenset()
    actions: bool = False
    lock_version: int | None = None
    created_id: str | None = None

    def __post_init__(self) -> None:
        # Accept any collection of ids or kinds ({"people"}, [id]) and keep it frozen.
        for name in ("meetings", "directory"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Changes.{name} takes a collection, not the single string {value!r}")
            object.__setattr__(self, name, frozenset(value))
        unknown = self.directory - DIRECTORY_KINDS
        if unknown:
            raise ValueError(f"unknown directory parts {sorted(unknown)}; use {sorted(DIRECTORY_KINDS)}")

    def __or__(self, other: Changes) -> Changes:
        """Both writes' changes; ``lock_version`` and ``created_id`` are the
        later write's (``other``) where it has them."""
        if not isinstance(other, Changes):
            return NotImplemented
        return Changes(
            meetings=self.meetings | other.meetings,
            meeting_list=self.meeting_list or other.meeting_list,
            directory=self.directory | other.directory,
            actions=self.actions or other.actions,
            lock_version=other.lock_version if other.lock_version is not None else self.lock_version,
            created_id=other.created_id if other.created_id is not None else self.created_id,
        )

    @property
    def empty(self) -> bool:
        """Nothing on screen needs refreshing."""
        return not (self.meetings or self.meeting_list or self.directory or self.actions)
