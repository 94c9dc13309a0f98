"""Registers of interests, procurement decisions and gifts, read back as text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from lmcdesk.errors import InvalidInput
from lmcdesk.export.registers import months_before, render_register
from sample_meeting import sample_meeting

TODAY = date(2025, 3, 1)


def _text(kind, published=True, today=TODAY, mutate=None):
    d, m = sample_meeting()
    if mutate:
        mutate(d, m)
    buf = io.BytesIO()
    render_register(kind, d, [m], buf, today=today, published=published)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    return reader, " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_months_before():
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2025, 3, 1), 6) == date(2024, 9, 1)


def test_interests_published_view_hides_entries_ended_over_six_months_ago():
    def mutate(d, m):
        recent = next(i for i in d.interests if i.id == "i-hal-univ")
        recent.valid_to = date(2024, 10, 1)  # ended five months before TODAY

    reader, text = _text("interests", mutate=mutate)
    assert "Register of interests" in text and "Published view" in text
    assert "Director and shareholder" in text
    assert "Trustee of the alumni charity" in text  # ended less than six months ago: still shown
    assert "Sessional GP (ended)" not in text  # ended in 2021
    assert "Nil return" in text
    assert reader.metadata.title.startswith("Register of interests")
    _, full = _text("interests", published=False, mutate=mutate)
    assert "Sessional GP (ended)" in full and "not for publication" in full


def test_procurement_register():
    _, text = _text("procurement")
    assert "Register of procurement decisions" in text
    assert "Frailty service: award of locality contract" in text
    assert "AGREED" in text and "Votes: 2 for, 0 against, 1 abstaining" in text
    assert "Dr Alys Example: financial interest (Loamshire Federation Services Ltd)" in text
    assert "left the room for the discussion and the decision" in text
    assert "Loamshire Federation Services Ltd" in text


def test_procurement_register_withholds_part_ii_details_when_published():
    def mutate(d, m):
        item = m.item("item-5")
        item.part = item.part.__class__("part_ii")
        item.exclusion_reason = "Commercially sensitive bids."

    _, text = _text("procurement", mutate=mutate)
    assert "Frailty service" not in text
    assert "details withheld: Commercially sensitive bids." in text
    _, full = _text("procurement", published=False, mutate=mutate)
    assert "Frailty service" in full


def test_gifts_register():
    _, text = _text("gifts")
    assert "Register of gifts and hospitality" in text
    assert "Dinner at a product launch" in text and "£65.00" in text and "Declined" in text
    assert "Box of biscuits at Christmas" in text and "Accepted" in text


def test_gifts_register_names_the_giving_body_under_offered_by():
    """``body_id`` is the giver (the probity check matches it to bidders): the
    register shows it with the giver, never as the recipient's body."""
    def mutate(d, m):
        gift = d.gifts[0]
        gift.offered_by = "A sales representative"
        gift.body_id = next(iter(d.bodies))

    d, _ = sample_meeting()
    giver = d.bodies[next(iter(d.bodies))].name
    _, text = _text("gifts", mutate=mutate)
    assert f"A sales representative {giver}" in text
    assert f"for {giver}" not in text


def test_unknown_register_is_refused():
    with pytest.raises(InvalidInput):
        _text("parking")
