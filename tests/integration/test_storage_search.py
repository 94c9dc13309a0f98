"""Full-text search: prefixes, several words, odd characters, upkeep on save."""

from __future__ import annotations

import pytest
from storage_samples import rich_directory, rich_meeting

from lmcdesk.services import meetings as meeting_services


@pytest.fixture
def uow_with_meeting(uow_factory):
    with uow_factory() as uow:
        uow.directory.save_all(rich_directory())
        uow.meetings.add(rich_meeting())
        uow.commit()
    return uow_factory


def _items(uow_factory, text):
    with uow_factory() as uow:
        return [h.item_id for h in uow.search.query(text)]


def test_prefix_and_every_word(uow_with_meeting):
    assert _items(uow_with_meeting, "physio") == ["m-rich-i1"]
    assert _items(uow_with_meeting, "PHYSIO contract") == ["m-rich-i1"]
    assert _items(uow_with_meeting, "physio nonsenseword") == []


def test_searches_minutes_text_and_resolutions(uow_with_meeting):
    assert _items(uow_with_meeting, "withdrew") == ["m-rich-i1"]
    assert _items(uow_with_meeting, "Federation Ltd") == ["m-rich-i1"]  # a resolution


@pytest.mark.parametrize("text", ['"preferred', "group's", 'AND OR NOT ( ) * : ^ "', "-physio", "physio*"])
def test_odd_characters_never_break_the_query(uow_with_meeting, text):
    _items(uow_with_meeting, text)  # no exception


def test_quote_inside_a_word(uow_with_meeting):
    assert _items(uow_with_meeting, '"preferred"') == ["m-rich-i1"]


def test_blank_query_finds_nothing(uow_with_meeting):
    assert _items(uow_with_meeting, "  ;; ") == []


def test_hit_carries_meeting_context(uow_with_meeting):
    with uow_with_meeting() as uow:
        (hit,) = uow.search.query("physiotherapy")
    assert hit.meeting_id == "m-rich"
    assert hit.body_name == "Loamshire North Locality"
    assert hit.meeting_date.isoformat() == "2026-03-12"
    assert "physiotherapy" in hit.snippet.lower()


def test_index_follows_saves_deletes_and_autosave(uow_with_meeting):
    with uow_with_meeting() as uow:
        m = uow.meetings.get("m-rich")
        m.items[0].title = "Podiatry"
        m.items[0].decisions = []
        m.items[0].discussion = ""
        uow.meetings.save(m)
        uow.commit()
    assert _items(uow_with_meeting, "physiotherapy") == []
    assert _items(uow_with_meeting, "podiatry") == ["m-rich-i1"]
    meeting_services.autosave_item(uow_with_meeting(), "m-rich", "m-rich-i3", "Flu clinics discussed")
    assert _items(uow_with_meeting, "flu clinic") == ["m-rich-i3"]
    with uow_with_meeting() as uow:
        m = uow.meetings.get("m-rich")
        m.items.pop()
        m.attendance[1].departed_after_item_id = None
        uow.meetings.save(m)
        uow.commit()
    assert _items(uow_with_meeting, "flu") == []


def test_list_meetings_by_text(uow_with_meeting):
    assert [s.id for s in meeting_services.list_meetings(uow_with_meeting(), text="physio")] == ["m-rich"]
    assert meeting_services.list_meetings(uow_with_meeting(), text="zzz") == []



@pytest.mark.parametrize("text, query", [
    ("physio", '"physio"*'),
    ('say "hello" (now)', '"say"* "hello"* "now"*'),
    ("AND OR NOT NEAR", '"AND"* "OR"* "NOT"* "NEAR"*'),  # quoted: words, not operators
    ("Ysbyty Gwynedd", '"Ysbyty"* "Gwynedd"*'),
    ("'; DROP TABLE meeting; --", '"DROP"* "TABLE"* "meeting"*'),
    ("", ""),
])
def test_fts_query_is_built_from_words_only(text, query):
    from lmcdesk.storage.search import fts_query

    assert fts_query(text) == query


def test_newest_meeting_first_and_a_moved_date_moves_the_hits(uow_with_meeting):
    """Hits come newest meeting first; the order follows a meeting whose date
    is changed (the index keeps its own copy of the date)."""
    import datetime as dt

    older = rich_meeting("m-older")
    older.date = dt.date(2025, 1, 9)
    with uow_with_meeting() as uow:
        uow.meetings.add(older)
        uow.commit()
    with uow_with_meeting() as uow:
        assert [h.meeting_id for h in uow.search.query("physiotherapy")] == ["m-rich", "m-older"]
        moved = uow.meetings.get("m-older")
        moved.date = dt.date(2027, 2, 1)
        uow.meetings.save(moved)
        uow.commit()
    with uow_with_meeting() as uow:
        hits = uow.search.query("physiotherapy")
    assert [h.meeting_id for h in hits] == ["m-older", "m-rich"]
    assert hits[0].meeting_date == dt.date(2027, 2, 1)
    with uow_with_meeting() as uow:
        assert [h.meeting_id for h in uow.search.query("physiotherapy", limit=1)] == ["m-older"]
