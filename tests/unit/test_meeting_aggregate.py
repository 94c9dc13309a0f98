"""The Meeting aggregate's behaviour: the agenda, withdrawals, approval.

Pure domain (no storage): every rule that used to live in a widget is
checked here once.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

import pytest

from lmcdesk import errors
from lmcdesk.domain import Action, AgendaItem, Attendance, Meeting, MinutesStatus
from lmcdesk.domain.enums import ConflictAction
from lmcdesk.domain.model import Declaration, MinutesVersion


def _meeting(*titles: str, chair: str | None = "chair") -> Meeting:
    m = Meeting(id="m", body_id="lmc", date=date(2026, 3, 12), chair_id=chair)
    for t in titles:
        m.add_item(AgendaItem(t, t.title()))
    return m


def _agenda(m: Meeting) -> list[tuple[int, str]]:
    return [(it.position, it.id) for it in m.items]


def _version(n: int) -> MinutesVersion:
    return MinutesVersion(n, "Dr Chair", datetime(2026, 4, 9, 19, 30), f"fp{n}")


# ------------------------------------------------------------------ numbering


def test_number_items_orders_by_position_and_numbers_from_one():
    m = Meeting(id="m", body_id="lmc", date=date(2026, 3, 12), items=[
        AgendaItem("c", "C", position=30), AgendaItem("new", "New"), AgendaItem("a", "A", position=10),
        AgendaItem("b", "B", position=10),
    ])
    m.number_items()
    # by position (ties keep list order), never-numbered items last
    assert _agenda(m) == [(1, "a"), (2, "b"), (3, "c"), (4, "new")]
    m.number_items()
    assert _agenda(m) == [(1, "a"), (2, "b"), (3, "c"), (4, "new")]


def test_number_items_keeps_list_order_when_nothing_is_numbered():
    m = Meeting(id="m", body_id="lmc", date=date(2026, 3, 12),
                items=[AgendaItem("x", "X"), AgendaItem("y", "Y"), AgendaItem("z", "Z")])
    m.number_items()
    assert _agenda(m) == [(1, "x"), (2, "y"), (3, "z")]
    assert m.ordered_items() == m.items


def test_add_item_appends_or_inserts_and_renumbers():
    m = _meeting("a", "b")
    m.add_item(AgendaItem("c", "C", position=99))  # its own position is not trusted
    assert _agenda(m) == [(1, "a"), (2, "b"), (3, "c")]
    added = m.add_item(AgendaItem("first", "First"), 0)
    assert added.position == 1
    m.add_item(AgendaItem("mid", "Mid"), 2)
    m.add_item(AgendaItem("end", "End"), 99)
    assert _agenda(m) == [(1, "first"), (2, "a"), (3, "mid"), (4, "b"), (5, "c"), (6, "end")]


def test_add_item_refuses_an_item_already_on_the_agenda():
    m = _meeting("a", "b")
    with pytest.raises(errors.InvalidInput, match="Item 2 is already on the agenda"):
        m.add_item(AgendaItem("b", "Again"))
    assert _agenda(m) == [(1, "a"), (2, "b")]


def test_move_item_to_an_index_in_agenda_order():
    m = _meeting("a", "b", "c", "d")
    m.move_item("d", 0)
    assert _agenda(m) == [(1, "d"), (2, "a"), (3, "b"), (4, "c")]
    m.move_item("d", 3)
    assert _agenda(m) == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
    m.move_item("a", 2)
    assert _agenda(m) == [(1, "b"), (2, "c"), (3, "a"), (4, "d")]
    m.move_item("b", 50)
    assert _agenda(m) == [(1, "c"), (2, "a"), (3, "d"), (4, "b")]


def test_move_item_follows_positions_even_when_the_list_is_out_of_order():
    m = Meeting(id="m", body_id="lmc", date=date(2026, 3, 12), items=[
        AgendaItem("b", "B", position=2), AgendaItem("a", "A", position=1), AgendaItem("c", "C", position=3),
    ])
    m.move_item("c", 1)  # the second place on the agenda, not in the list
    assert _agenda(m) == [(1, "a"), (2, "c"), (3, "b")]


def test_remove_item_renumbers_and_unties_what_pointed_at_it():
    m = _meeting("a", "b", "c")
    m.actions = [Action("x1", "Write to the ICB", item_id="b"), Action("x2", "Book a room", item_id="c")]
    m.attendance = [Attendance("t1", "late", arrived_at_item_id="b"),
                    Attendance("t2", "early", departed_after_item_id="b")]
    removed = m.remove_item("b")
    assert removed.id == "b"
    assert _agenda(m) == [(1, "a"), (2, "c")]
    assert [a.item_id for a in m.actions] == [None, "c"]
    assert m.attendance[0].arrived_at_item_id is None and m.attendance[1].departed_after_item_id is None


def test_unknown_item_is_said_in_words():
    m = _meeting("a")
    for call in (lambda: m.move_item("zz", 0), lambda: m.remove_item("zz"),
                 lambda: m.withdraw("zz", "p", time(10)), lambda: m.return_to_room("zz", "p", time(10))):
        with pytest.raises(errors.NotFound, match="no longer on the agenda"):
            call()


OPS = {
    "add": lambda m: m.add_item(AgendaItem("new", "New"), 1),
    "move": lambda m: m.move_item("d", 0),
    "remove": lambda m: m.remove_item("b"),
}


@pytest.mark.parametrize("order", list(itertools.permutations(OPS)), ids="-".join)
def test_numbering_after_add_move_remove_in_any_order(order):
    m = _meeting("a", "b", "c", "d")
    for name in order:
        OPS[name](m)
    assert [it.position for it in m.items] == list(range(1, len(m.items) + 1))
    assert m.ordered_items() == m.items
    ids = [it.id for it in m.items]
    assert "b" not in ids and "new" in ids and ids[0] == "d"
    assert sorted(ids) == ["a", "c", "d", "new"]


@pytest.mark.parametrize("order", list(itertools.permutations(OPS)), ids="-".join)
def test_agenda_ops_in_any_order_give_the_expected_agenda(order):
    # each op's target is fixed, so the outcome can be computed by hand per order
    m = _meeting("a", "b", "c", "d")
    expected = ["a", "b", "c", "d"]
    for name in order:
        OPS[name](m)
        if name == "add":
            expected.insert(1, "new")
        elif name == "move":
            expected.remove("d")
            expected.insert(0, "d")
        else:
            expected.remove("b")
    assert _agenda(m) == list(enumerate(expected, start=1))


# ------------------------------------------------------------------ withdrawal and return


def test_withdraw_without_a_declaration_adds_a_placeholder_decided_by_the_chair():
    m = _meeting("a")
    d = m.withdraw("a", "dr-x", time(10, 5))
    assert m.item("a").declarations == [d]
    assert (d.person_id, d.action, d.time_out, d.time_in) == ("dr-x", ConflictAction.WITHDREW, time(10, 5), None)
    assert d.decided_by_id == "chair"
    assert "declaration to complete" in d.nature


def test_withdraw_placeholder_is_decided_by_the_acting_chair_of_the_item():
    m = _meeting("a")
    m.item("a").acting_chair_id = "vice"
    assert m.withdraw("a", "chair", time(10, 5)).decided_by_id == "vice"


def test_withdraw_updates_the_persons_existing_declaration():
    m = _meeting("a")
    made = Declaration("d1", "dr-x", "int-1", nature="Partner in a bidding practice",
                       action=ConflictAction.NOTED_FULL_PARTICIPATION, decided_by_id="vice")
    other = Declaration("d2", "dr-y", action=ConflictAction.DISCUSSION_NO_VOTE)
    m.item("a").declarations = [other, made]
    d = m.withdraw("a", "dr-x", time(10, 5))
    assert d is made and len(m.item("a").declarations) == 2
    assert (d.action, d.time_out, d.time_in) == (ConflictAction.WITHDREW, time(10, 5), None)
    assert (d.nature, d.decided_by_id, d.interest_id) == ("Partner in a bidding practice", "vice", "int-1")
    assert other.time_out is None


def test_withdraw_stamps_a_declared_withdrawal_that_had_no_time():
    m = _meeting("a")
    m.item("a").declarations = [Declaration("d1", "dr-x", action=ConflictAction.WITHDREW)]
    assert m.withdraw("a", "dr-x", time(11)).time_out == time(11)


def test_withdraw_twice_is_refused_while_still_out():
    m = _meeting("a")
    m.withdraw("a", "dr-x", time(10, 5))
    with pytest.raises(errors.InvalidInput, match="already recorded as out of the room for item 1 since 10:05"):
        m.withdraw("a", "dr-x", time(10, 20))
    [d] = m.item("a").declarations
    assert d.time_out == time(10, 5)


def test_leaving_again_after_coming_back_records_the_later_absence():
    m = _meeting("a")
    m.withdraw("a", "dr-x", time(10, 5))
    m.return_to_room("a", "dr-x", time(10, 20))
    d = m.withdraw("a", "dr-x", time(10, 40))
    assert (d.time_out, d.time_in) == (time(10, 40), None)
    assert len(m.item("a").declarations) == 1


def test_withdraw_with_another_way_of_managing_the_conflict():
    m = _meeting("a")
    d = m.withdraw("a", "dr-x", time(10), ConflictAction.DISCUSSION_NO_VOTE, nature="Spouse bids",
                   decided_by_id="vice")
    assert (d.action, d.nature, d.decided_by_id) == (ConflictAction.DISCUSSION_NO_VOTE, "Spouse bids", "vice")
    assert m.return_to_room("a", "dr-x", time(10, 30)) is d


def test_return_stamps_time_in_on_the_open_withdrawal():
    m = _meeting("a", "b")
    m.withdraw("a", "dr-x", time(10, 5))
    m.withdraw("b", "dr-x", time(10, 40))
    d = m.return_to_room("b", "dr-x", time(10, 55))
    assert (d.time_out, d.time_in) == (time(10, 40), time(10, 55))
    assert m.item("a").declarations[0].time_in is None  # the other item's withdrawal stays open


def test_return_without_withdrawal_is_refused():
    m = _meeting("a")
    with pytest.raises(errors.InvalidInput, match="not recorded as out of the room for item 1"):
        m.return_to_room("a", "dr-x", time(10))
    m.item("a").declarations = [Declaration("d1", "dr-x", action=ConflictAction.NOTED_FULL_PARTICIPATION)]
    with pytest.raises(errors.InvalidInput, match="Record their withdrawal first"):
        m.return_to_room("a", "dr-x", time(10))


def test_return_twice_is_refused_and_keeps_the_first_time():
    m = _meeting("a")
    m.withdraw("a", "dr-x", time(10, 5))
    m.return_to_room("a", "dr-x", time(10, 20))
    with pytest.raises(errors.InvalidInput, match="no return to record"):
        m.return_to_room("a", "dr-x", time(10, 30))
    assert m.item("a").declarations[0].time_in == time(10, 20)


def test_return_before_leaving_or_without_a_time_is_refused():
    m = _meeting("a")
    m.withdraw("a", "dr-x", time(10, 5))
    with pytest.raises(errors.InvalidInput, match="cannot come back at 10:00, before they left at 10:05"):
        m.return_to_room("a", "dr-x", time(10, 0))
    with pytest.raises(errors.InvalidInput, match="Give the time"):
        m.return_to_room("a", "dr-x", None)
    assert m.item("a").declarations[0].time_in is None


# ------------------------------------------------------------------ approval and correction


def test_approve_appends_the_version_and_locks_the_minutes():
    m = _meeting("a")
    assert m.next_version == 1
    m.approve(_version(1))
    assert m.status == MinutesStatus.APPROVED and [v.version for v in m.versions] == [1]
    assert m.next_version == 2


def test_approve_twice_is_refused():
    m = _meeting("a")
    m.approve(_version(1))
    with pytest.raises(errors.ApprovalRefused, match=r"already approved \(version 1\)"):
        m.approve(_version(2))
    assert [v.version for v in m.versions] == [1]


def test_approve_refuses_a_version_out_of_sequence():
    m = _meeting("a")
    with pytest.raises(ValueError):
        m.approve(_version(2))
    assert m.versions == [] and m.status == MinutesStatus.DRAFT


def test_correction_reopens_as_a_draft_of_the_next_version():
    m = _meeting("a")
    m.approve(_version(1))
    assert m.begin_correction() == 2
    assert m.status == MinutesStatus.DRAFT and [v.version for v in m.versions] == [1]
    m.approve(_version(2))
    assert [v.version for v in m.versions] == [1, 2]


def test_correction_of_a_draft_is_refused():
    m = _meeting("a")
    with pytest.raises(errors.InvalidInput, match="still a draft"):
        m.begin_correction()
    assert m.status == MinutesStatus.DRAFT


@pytest.mark.parametrize("edit", [
    lambda m: m.add_item(AgendaItem("new", "New")),
    lambda m: m.move_item("a", 1),
    lambda m: m.remove_item("a"),
    lambda m: m.withdraw("a", "dr-x", time(10)),
    lambda m: m.return_to_room("a", "dr-x", time(10)),
])
def test_approved_minutes_refuse_agenda_and_room_changes(edit):
    m = _meeting("a", "b")
    m.approve(_version(1))
    before = _agenda(m)
    with pytest.raises(errors.MinutesLocked, match="begin a correction"):
        edit(m)
    assert _agenda(m) == before


def test_approved_minutes_keep_the_numbers_they_were_approved_with():
    m = Meeting(id="m", body_id="lmc", date=date(2026, 3, 12), status=MinutesStatus.APPROVED,
                items=[AgendaItem("b", "B", position=4), AgendaItem("a", "A", position=2)])
    m.number_items()
    assert _agenda(m) == [(4, "b"), (2, "a")]
