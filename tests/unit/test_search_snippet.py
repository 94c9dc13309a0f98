"""The search snippet: the best window of words with the matches in [brackets]."""

from lmcdesk.storage.search import fts_snippet


def test_prefix_and_case_and_accents_match():
    s = fts_snippet(["Physiotherapy triage", "The Café physio hub was noted."], ["physio", "cafe"])
    assert s == "The [Café] [physio] hub was noted."


def test_window_prefers_most_distinct_words_and_marks_cuts():
    text = " ".join(["filler"] * 30 + ["enhanced", "minor", "service", "agreed"] + ["tail"] * 30)
    s = fts_snippet(["Title", text], ["enhanced", "service"], tokens=6)
    assert "[enhanced] minor [service]" in s
    assert s.startswith("...") and s.endswith("...")
    assert len(s.strip(".").split()) == 6


def test_title_only_match_and_no_match():
    assert fts_snippet(["Spirometry hub", "", None], ["spiro"]) == "[Spirometry] hub"
    assert fts_snippet(["", None], ["x"]) == ""


def test_newlines_become_spaces():
    assert fts_snippet(["", "Line one\nphlebotomy line"], ["phleb"]) == "Line one [phlebotomy] line"
