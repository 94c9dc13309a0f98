"""The "touches" relation between an interest's organisation and an item's."""

from __future__ import annotations

import pytest

from lmcdesk.domain import Body, BodyType, Directory, Interest
from lmcdesk.probity import Organisations


def _directory() -> Directory:
    d = Directory()
    for b in [
        Body("icb", "Loamshire ICB", BodyType.COMMISSIONER),
        Body("loc", "Loamshire North Locality", BodyType.LOCALITY, parent_id="icb"),
        Body("fed", "Loamshire Federation", BodyType.FEDERATION, parent_id="loc"),
        Body("fedco", "Loamshire Federation Ltd", BodyType.FEDERATION_COMPANY, parent_id="fed"),
        Body("p1", "Example Street Surgery", BodyType.PRACTICE, parent_id="fed"),
        Body("p2", "Other Lane Surgery", BodyType.PRACTICE, parent_id="fed"),
        Body("fed2", "Vale Federation", BodyType.FEDERATION, parent_id="loc"),
        Body("p3", "Vale Surgery", BodyType.PRACTICE, parent_id="fed2"),
        Body("loop1", "Loop One", BodyType.OTHER_PROVIDER, parent_id="loop2"),
        Body("loop2", "Loop Two", BodyType.OTHER_PROVIDER, parent_id="loop1"),
    ]:
        d.bodies[b.id] = b
    return d


@pytest.mark.parametrize(
    ("own", "target", "touches"),
    [
        ("p1", "p1", True),  # same organisation
        ("p1", "fed", True),  # the practice's federation
        ("p1", "fedco", True),  # the federation's company: shares the parent
        ("fed", "fedco", True),  # a federation's own company
        ("fed", "p1", True),  # a federation's member practice
        ("fedco", "fed", True),
        ("fedco", "p1", False),  # the company gains nothing from one practice's contract
        ("p1", "p2", False),  # two practices of one federation
        ("p1", "fed2", False),  # another federation under the same locality
        ("p1", "p3", False),
        ("fed", "fed2", False),  # families are not joined through a locality
        ("p1", "loc", False),  # nor through the commissioner
        ("loop1", "loop2", True),  # cycles do not hang
        ("p1", "unknown-body", False),
    ],
)
def test_link(own, target, touches):
    orgs = Organisations(_directory())
    assert orgs.touches(own, target) is touches


def test_link_says_how_in_words():
    orgs = Organisations(_directory())
    assert orgs.link("p1", "fedco") == (
        "Loamshire Federation Ltd (which, like Example Street Surgery, belongs to Loamshire Federation)"
    )
    assert orgs.link("p1", "fed") == "Loamshire Federation (of which Example Street Surgery is part)"
    assert orgs.link("fed", "p1") == "Example Street Surgery (part of Loamshire Federation)"


def test_interest_with_only_a_name_matches_a_body_case_insensitively():
    orgs = Organisations(_directory())
    assert orgs.interest_body(Interest("i", "x", organisation_name="  loamshire   FEDERATION ltd")) == "fedco"
    assert orgs.interest_body(Interest("i", "x", organisation_name="Nowhere Ltd")) is None
    assert orgs.interest_body(Interest("i", "x", organisation_id="p1", organisation_name="ignored")) == "p1"
    assert orgs.interest_body(Interest("i", "x", nil_return=True)) is None
