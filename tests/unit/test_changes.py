"""``Changes``: what a write reports back, and how two reports combine."""

from __future__ import annotations

import dataclasses

import pytest

from lmcdesk.services.changes import DIRECTORY_KINDS, Changes


def test_nothing_changed_is_empty():
    assert Changes().empty
    assert Changes(lock_version=3).empty  # a fact about the write, nothing to refresh
    for changed in (Changes(meetings={"m1"}), Changes(meeting_list=True), Changes(directory={"people"}),
                    Changes(actions=True)):
        assert not changed.empty


def test_collections_are_frozen_sets_and_the_value_is_immutable():
    c = Changes(meetings=["m1", "m1", "m2"], directory={"people"})
    assert c.meetings == frozenset({"m1", "m2"}) and isinstance(c.meetings, frozenset)
    assert isinstance(c.directory, frozenset)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.actions = True  # type: ignore[misc]
    assert hash(c) == hash(Changes(meetings={"m2", "m1"}, directory=["people"]))


def test_directory_names_only_known_parts():
    assert DIRECTORY_KINDS == {"people", "bodies", "memberships", "interests", "gifts"}
    with pytest.raises(ValueError, match="persons"):
        Changes(directory={"persons"})
    with pytest.raises(TypeError):
        Changes(meetings="m1")  # a bare string would become a set of characters


def test_union_combines_every_part_and_keeps_the_later_facts():
    first = Changes(meetings={"m1"}, directory={"people"}, lock_version=4, created_id="m1")
    second = Changes(meetings={"m2"}, meeting_list=True, directory={"bodies"}, actions=True, lock_version=7)
    both = first | second
    assert both == Changes(meetings={"m1", "m2"}, meeting_list=True, directory={"people", "bodies"},
                           actions=True, lock_version=7, created_id="m1")
    assert (second | first).lock_version == 4
    assert (first | Changes()).lock_version == 4 and (Changes() | first) == first
    with pytest.raises(TypeError):
        first | {"m3"}  # noqa: B018
