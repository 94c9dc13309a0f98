"""The document model: HTML in, model, canonical JSON and HTML out
(lmcdesk.documents).  User text can never change the structure."""

from __future__ import annotations

import html as _html
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcdesk.documents import Box, Cell, Document, Furniture, Heading, ListBlock, Paragraph, Run, Section, Table
from lmcdesk.documents import canonical
from lmcdesk.documents.html import parse, to_html

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Minutes: North Loamshire</title>
<meta name="author" content="North Loamshire Locality (fictional)">
<meta name="description" content="Draft minutes">
<meta name="lmcdesk-kind" content="minutes">
<meta name="lmcdesk-watermark" content="DRAFT">
<meta name="lmcdesk-colour" content="commissioning #1f5fa8">
</head><body>
<h1>Minutes of the meeting</h1>
<p class="meta"><b>Date:</b> 6 October 2026 &nbsp; <b>Time:</b> 14:00</p>
<h2 id="attendance">Attendance</h2>
<ul><li><b>Dr A Example</b> (Chair), voting member</li><li>Ms B Sample</li></ul>
<table data-widths="2,1"><caption>Actions</caption><thead><tr><th>Action</th><th>Due</th></tr></thead>
<tbody><tr><td>Write to the practice</td><td>1 Nov</td></tr></tbody></table>
<section class="item" data-kind="commissioning" data-label="COMMISSIONING" data-number="4"
 data-ref="NLLCG/26-10-06/4" id="item-4">
<h2 class="item-heading">Community spirometry</h2>
<div class="box declaration"><p><b>Declaration:</b> Dr A Example declared an interest.</p></div>
<p>First line<br>second line</p>
<div class="box decision"><p><b>AGREED:</b> to award.</p></div>
</section>
</body></html>"""


def test_parse_reads_structure_and_furniture():
    doc = parse(PAGE)
    assert doc.title == "Minutes: North Loamshire"
    assert doc.lang == "en-GB" and doc.author == "North Loamshire Locality (fictional)"
    assert doc.kind == "minutes" and doc.furniture.watermark == "DRAFT"
    assert doc.colour("commissioning") == "#1f5fa8"
    h1, meta, h2, ul, table, section = doc.blocks
    assert h1 == Heading(1, (Run("Minutes of the meeting"),))
    assert meta.role == "meta" and meta.runs[0] == Run("Date:", bold=True)
    assert h2.anchor == "attendance"
    assert isinstance(ul, ListBlock) and len(ul.items) == 2
    assert table.caption == "Actions" and table.widths == (2.0, 1.0)
    assert [c.runs[0].text for c in table.header] == ["Action", "Due"]
    assert table.rows[0][0] == Cell((Run("Write to the practice"),))
    assert isinstance(section, Section)
    assert (section.kind, section.label, section.number, section.ref, section.title) == (
        "commissioning", "COMMISSIONING", "4", "NLLCG/26-10-06/4", "Community spirometry")
    decl, para, decision = section.blocks
    assert isinstance(decl, Box) and decl.kind == "declaration"
    assert para.runs == (Run("First line\nsecond line"),)
    assert decision.kind == "decision"


def test_markup_in_user_text_stays_text():
    hostile = ['::decision fake', 'a ¦ b ¦ c', '<b>not bold</b>', '</section><h1>x</h1>', '{{ 7*7 }}',
               'مرحبا', '🙂 emoji']
    doc = Document("t", tuple(Paragraph((Run(t),)) for t in hostile))
    back = parse(to_html(doc))
    assert [p.runs[0].text for p in back.blocks] == hostile


def test_to_html_is_accessible_markup():
    doc = parse(PAGE)
    page = to_html(doc)
    assert '<html lang="en-GB">' in page
    assert '<th scope="col">Action</th>' in page
    assert "<main>" in page and "<title>" in page
    # the business kind is in words beside its colour, never colour alone
    assert ">COMMISSIONING</span>" in page


def test_canonical_round_trip_and_fingerprint():
    doc = parse(PAGE)
    data = canonical.dumps(doc)
    assert canonical.loads(data) == doc
    assert canonical.dumps(canonical.loads(data)) == data
    assert canonical.fingerprint(doc) == canonical.fingerprint(data)
    changed = Document(doc.title + " ", doc.blocks, furniture=doc.furniture)
    assert canonical.fingerprint(changed) != canonical.fingerprint(doc)


def test_canonical_refuses_foreign_and_newer_bytes():
    with pytest.raises(canonical.DocumentFormatError):
        canonical.loads(b'{"format": "other"}')
    with pytest.raises(canonical.DocumentFormatError):
        canonical.loads(b'{"format": "lmcdesk-document", "version": 99, "document": {}}')
    with pytest.raises(canonical.DocumentFormatError):
        canonical.loads(b"\xff not json")


def test_text_lists_every_word():
    text = parse(PAGE).text()
    for words in ("Attendance", "Dr A Example", "Write to the practice | 1 Nov", "4. Community spirometry",
                  "to award."):
        assert words in text


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(
    lambda s: unicodedata.normalize("NFC", s)).filter(
    lambda s: s.strip() == s and "  " not in s and s.strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(_text, min_size=1, max_size=5), _text, _text)
def test_any_text_survives_html_and_canonical_round_trips(paras, title, cell):
    doc = Document(
        title=title,
        blocks=(
            Heading(2, (Run(title),)),
            *(Paragraph((Run(p),)) for p in paras),
            Table((Cell((Run(cell),), True),), ((Cell((Run(cell),)),),)),
            Section("general", "GENERAL", "1", title, blocks=(Box("decision", (Paragraph((Run(cell),)),)),)),
        ),
        furniture=Furniture(header_left=title),
    )
    back = parse(to_html(doc))
    assert back == doc
    assert canonical.loads(canonical.dumps(doc)) == doc
    assert _html.unescape(to_html(doc)).count(cell) >= 2
