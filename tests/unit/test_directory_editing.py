"""The directory edits the app makes: one transaction each, refused in words."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from fakes import FakeStore, FakeUnitOfWork

from lmcdesk import errors
from lmcdesk.domain import Body, BodyType, Person
from lmcdesk.domain.enums import InterestType, MembershipRole
from lmcdesk.domain.model import GiftOffer, Interest, Membership, QuorumRule
from lmcdesk.services import directory
from lmcdesk.services.changes import Changes


@pytest.fixture
def uow():
    u = FakeUnitOfWork(FakeStore())
    directory.save_body(u, Body("lmc", "Loamshire LMC", BodyType.LMC))
    directory.save_body(u, Body("fed", "Loam Valley Federation", BodyType.FEDERATION))
    directory.save_person(u, Person("alys", "Dr Alys Example"))
    return u


def test_person_with_memberships_is_one_change(uow):
    person = Person("alys", "Dr Alys Example", email="alys@example.org")
    chair = Membership("m1", "alys", "lmc", MembershipRole.CHAIR)
    fed = Membership("m2", "alys", "fed", MembershipRole.MEMBER)
    changes = directory.save_person_with_memberships(uow, person, [chair, fed])
    assert changes == Changes(directory={"people", "memberships"})
    d = directory.get_directory(uow)
    assert d.people["alys"].email == "alys@example.org"
    assert {m.id for m in d.memberships} == {"m1", "m2"}
    directory.save_person_with_memberships(uow, person, [chair])  # left out: deleted
    assert [m.id for m in directory.get_directory(uow).memberships] == ["m1"]


def test_membership_ending_before_it_starts_saves_nothing(uow):
    person = Person("alys", "Dr Alys Changed")
    bad = Membership("m1", "alys", "lmc", start=date(2026, 3, 1), end=date(2026, 1, 1))
    with pytest.raises(errors.InvalidInput, match="ends"):
        directory.save_person_with_memberships(uow, person, [bad])
    d = directory.get_directory(uow)
    assert d.people["alys"].name == "Dr Alys Example" and d.memberships == []


def test_remove_person_takes_their_memberships(uow):
    directory.save_person_with_memberships(
        uow, Person("alys", "Dr Alys Example"), [Membership("m1", "alys", "lmc")])
    assert directory.remove_person(uow, "alys") == Changes(directory={"people", "memberships"})
    d = directory.get_directory(uow)
    assert "alys" not in d.people and d.memberships == []


def test_interest_ending_before_it_began_is_refused(uow):
    entry = Interest("i1", "alys", organisation_id="fed", valid_from=date(2026, 3, 1), valid_to=date(2026, 1, 1))
    problem = directory.interest_problem(entry)
    assert "cannot end on 1 Jan 2026, before it began on 1 Mar 2026" in problem
    with pytest.raises(errors.InvalidInput, match="before it began"):
        directory.save_checked_interest(uow, entry)
    assert directory.get_directory(uow).interests == []


def test_interest_needs_an_organisation_or_description(uow):
    with pytest.raises(errors.InvalidInput, match="Say what the interest is"):
        directory.save_checked_interest(uow, Interest("i1", "alys"))
    directory.save_checked_interest(uow, Interest("i1", "alys", organisation_name="Acme Pharma Ltd"))
    assert directory.get_directory(uow).interests[0].organisation_name == "Acme Pharma Ltd"


def test_nil_return_refused_while_interests_are_current(uow):
    directory.save_checked_interest(uow, Interest("i1", "alys", InterestType.FINANCIAL, organisation_id="fed",
                                                  valid_from=date(2025, 1, 1)))
    nil = Interest("n1", "alys", nil_return=True, declared_on=date(2026, 2, 1))
    with pytest.raises(errors.InvalidInput, match="End those entries first"):
        directory.save_checked_interest(uow, nil)
    assert directory.end_interest(uow, "i1", date(2026, 1, 31)) == Changes(directory={"interests"})
    directory.save_checked_interest(uow, nil)
    assert {i.id for i in directory.get_directory(uow).interests} == {"i1", "n1"}


def test_end_interest_before_it_began_is_refused(uow):
    directory.save_checked_interest(uow, Interest("i1", "alys", organisation_id="fed", valid_from=date(2025, 6, 1)))
    with pytest.raises(errors.InvalidInput):
        directory.end_interest(uow, "i1", date(2025, 1, 1))
    assert directory.get_directory(uow).interests[0].valid_to is None
    with pytest.raises(errors.NotFound):
        directory.end_interest(uow, "nope", date(2025, 1, 1))


def test_mark_reviewed_sets_reviewed_on_for_current_entries(uow):
    directory.save_checked_interest(uow, Interest("i1", "alys", organisation_id="fed", valid_from=date(2020, 1, 1)))
    directory.save_checked_interest(uow, Interest("i2", "alys", organisation_id="lmc", valid_from=date(2020, 1, 1),
                                                  valid_to=date(2021, 1, 1)))
    assert directory.mark_reviewed(uow, ["alys"], date(2026, 11, 29)) == Changes(directory={"interests"})
    by_id = {i.id: i for i in directory.get_directory(uow).interests}
    assert by_id["i1"].reviewed_on == date(2026, 11, 29)
    assert by_id["i2"].reviewed_on is None  # ended: nothing to review


def test_mark_reviewed_with_nothing_on_the_register_is_refused(uow):
    with pytest.raises(errors.InvalidInput, match="nothing current on the register"):
        directory.mark_reviewed(uow, ["alys"], date(2026, 11, 29))


def test_body_cannot_be_part_of_itself(uow):
    directory.save_checked_body(uow, Body("co", "Loam Valley Health Ltd", BodyType.FEDERATION_COMPANY,
                                          parent_id="fed"))
    looped = Body("fed", "Loam Valley Federation", BodyType.FEDERATION, parent_id="co")
    with pytest.raises(errors.InvalidInput, match="already part of"):
        directory.save_checked_body(uow, looped)
    with pytest.raises(errors.InvalidInput, match="quorum fraction"):
        directory.save_checked_body(uow, Body("lmc", "Loamshire LMC", BodyType.LMC,
                                              quorum=QuorumRule(fraction=Fraction(3, 2))))
    changes = directory.save_checked_body(uow, Body("lmc", "Loamshire LMC", BodyType.LMC,
                                                    quorum=QuorumRule(minimum=5)))
    assert changes == Changes(directory={"bodies"})
    assert directory.get_directory(uow).bodies["lmc"].quorum.minimum == 5


def test_remove_interest_made_by_mistake(uow):
    assert directory.save_checked_interest(uow, Interest("i1", "alys", organisation_id="fed")) == Changes(
        directory={"interests"})
    assert directory.remove_interest(uow, "i1") == Changes(directory={"interests"})
    assert directory.get_directory(uow).interests == []
    assert uow.store.audit[-1].action == "deleted"
    with pytest.raises(errors.NotFound, match="no longer in the record"):
        directory.remove_interest(uow, "i1")


def test_remove_interest_a_declaration_refers_to_is_refused_in_words(uow, monkeypatch):
    """Storage refuses (ON DELETE RESTRICT from declaration.interest_id, see
    tests/gui/test_gifts_and_registers.py on a real record); the service says
    what to do instead and writes nothing."""
    directory.save_checked_interest(uow, Interest("i1", "alys", organisation_id="fed"))
    audited = len(uow.store.audit)

    def restrict(_id):
        raise errors.InvalidInput("This register entry is named in meeting records or the register, so it "
                                  "cannot be deleted", detail="FOREIGN KEY constraint failed")

    monkeypatch.setattr(uow.directory, "delete_interest", restrict)
    with pytest.raises(errors.InvalidInput, match="Dr Alys Example's register entry cannot be deleted: a "
                                                  "declaration in the minutes refers to it") as caught:
        directory.remove_interest(uow, "i1")
    assert "End interest" in caught.value.message and "FOREIGN KEY" in caught.value.detail
    assert len(directory.get_directory(uow).interests) == 1 and len(uow.store.audit) == audited


def _gift(**kw):
    base = dict(id="g1", person_id="alys", offered_by="Acme Pharma Ltd", description="Dinner",
                offered_on=date(2026, 2, 1), value_pence=8500, declared_on=date(2026, 2, 3))
    return GiftOffer(**(base | kw))


def test_gift_saved_changed_and_removed(uow):
    assert directory.save_checked_gift(uow, _gift()) == Changes(directory={"gifts"})
    directory.save_checked_gift(uow, _gift(accepted=True, notes="Under the threshold"))
    [g] = directory.get_directory(uow).gifts
    assert g.accepted and g.notes == "Under the threshold" and g.value_pence == 8500
    assert directory.remove_gift(uow, "g1") == Changes(directory={"gifts"})
    assert directory.get_directory(uow).gifts == []
    with pytest.raises(errors.NotFound, match="no longer in the record"):
        directory.remove_gift(uow, "g1")


@pytest.mark.parametrize(("change", "words"), [
    (dict(person_id=""), "Choose who was offered"),
    (dict(person_id="nobody"), "no longer in the directory"),
    (dict(offered_by=" "), "Say who offered it"),
    (dict(description=""), "Say what was offered"),
    (dict(value_pence=-1), "less than nothing"),
    (dict(declared_on=date(2026, 1, 31)), "declared on 31 Jan 2026, before it was offered on 1 Feb 2026"),
])
def test_gift_that_cannot_be_right_is_refused_and_nothing_saved(uow, change, words):
    with pytest.raises(errors.InvalidInput, match=words):
        directory.save_checked_gift(uow, _gift(**change))
    assert directory.get_directory(uow).gifts == []


def test_gift_from_a_known_body_needs_no_typed_name(uow):
    assert directory.gift_problem(_gift(offered_by="", body_id="fed")) is None
    assert directory.gift_problem(_gift(declared_on=None)) is None  # not declared yet
