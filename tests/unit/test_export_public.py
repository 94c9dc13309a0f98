"""Public and confidential versions from the same record.

The property test marks random items Part II, fills every text field of
those items with random marker words, and checks that none of the markers
reaches the text of the public PDF, while the confidential PDF has them.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from lmcdesk.domain.enums import ConflictAction, ItemPart
from lmcdesk.domain.model import Action, Declaration, Decision, Paper
from lmcdesk.export.context import build_context
from lmcdesk.export.pdf_minutes import build_minutes_pdf
from sample_meeting import sample_meeting

WORD = st.text(alphabet="bcdfghjkmnpqrstvwxz", min_size=6, max_size=10).map(lambda s: "Zq" + s)


def _text(meeting, directory, public):
    buf = io.BytesIO()
    build_minutes_pdf(build_context(meeting, directory, public=public), buf)
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@st.composite
def meetings(draw):
    d, m = sample_meeting(extra_items=draw(st.integers(0, 3)))
    candidates = [it for it in m.ordered_items() if it.position >= 5]
    secret_items = draw(st.lists(st.sampled_from(candidates), unique_by=lambda i: i.id, min_size=1))
    secrets: list[str] = []

    def word():
        w = draw(WORD)
        secrets.append(w)
        return w

    for it in candidates:
        it.part = ItemPart.PART_I
    people = [a.person_id for a in m.attendance if a.is_present]
    for it in secret_items:
        it.part = ItemPart.PART_II
        it.exclusion_reason = draw(st.sampled_from(["", "Commercially sensitive information."]))
        it.title = f"{word()} {word()}"
        it.discussion = f"Members discussed {word()}.\n\n{word()} and {word()}"
        it.papers = [Paper(f"p-{it.id}", f"Paper {word()}", f"{it.id}.pdf", confidential=draw(st.booleans()))]
        it.declarations = [
            Declaration(f"d-{it.id}", draw(st.sampled_from(people)), None, nature=f"Interest in {word()}",
                        action=draw(st.sampled_from(list(ConflictAction))), reason=word())
        ]
        it.decisions = [Decision(f"dec-{it.id}", f"Resolved {word()}", by_consensus=True)]
        m.actions.append(Action(f"a-{it.id}", f"Follow up {word()}", item_id=it.id))
    public_word = "Visible" + str(draw(st.integers(1000, 9999)))
    visible = next((it for it in candidates if it.part == ItemPart.PART_I), None)
    if visible is not None:
        visible.discussion += f" {public_word}"
    return d, m, secrets, (public_word if visible is not None else None), len(secret_items)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_no_part_ii_text_in_public_pdf(case):
    d, m, secrets, public_word, n_secret = case
    public = " ".join(_text(m, d, public=True))
    leaked = [w for w in secrets if w in public]
    assert leaked == []
    assert "the public be excluded" in public
    if public_word:
        assert public_word in public
    confidential = _text(m, d, public=False)
    joined = " ".join(confidential)
    assert all(w in joined for w in secrets)
    assert all("CONFIDENTIAL" in page for page in confidential)


def test_public_version_says_why_and_is_not_marked_confidential():
    d, m = sample_meeting()
    pages = _text(m, d, public=True)
    text = " ".join(pages)
    assert "Staffing matter at a member practice" not in text
    assert "SECRET" not in text
    assert "Meadowbank staffing" not in text
    assert "Item 8: Information about individual members of staff (confidential personnel matter)." in text
    assert all("CONFIDENTIAL" not in p and "Public version" in p for p in pages)


def test_meeting_without_part_ii_is_not_marked_confidential():
    d, m = sample_meeting()
    for it in m.items:
        it.part = ItemPart.PART_I
    pages = _text(m, d, public=False)
    assert all("CONFIDENTIAL" not in p for p in pages)
