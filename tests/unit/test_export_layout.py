"""Layout that never breaks, typography and the PDF's metadata (issue 11, items 3 to 5).

Every document goes through one chain (templates -> HTML -> document model ->
renderers), so these tests build the model with the real templates and read
the PDF back with poppler's pdftotext and pypdf, the Word file with python-docx.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from doc_text import docx_blocks, model_blocks, pdf_body, pdf_pages, pdf_text, squash
from lmcdesk import export
from lmcdesk.documents import Box, Cell, Document, Heading, ListBlock, Paragraph, Run, Section, Table
from lmcdesk.documents.approval import ApprovalFacts
from lmcdesk.export import pdfkit
from lmcdesk.export.pdf_agenda import agenda_context, agenda_document
from lmcdesk.export.registers import register_document
from sample_meeting import LOCALITY, sample_meeting

TODAY = date(2025, 3, 1)
APPROVED = ApprovalFacts(version=1, approved_on=date(2025, 2, 11), signed_by="Dr Ben Sample",
                         approving_meeting="the meeting of Loamshire North Locality on 11 February 2025")


def _words(n: int, tag: str) -> str:
    """``n`` characters of prose that ends with ``tag`` (so the end can be found)."""
    base = "The member set out the interest in full detail for the record. "
    text = (base * (n // len(base) + 1))[: n - len(tag) - 1]
    return f"{text} {tag}"


def _documents(d, m):
    """Every document the app makes from this meeting, as models."""
    docs = {
        "minutes": export.minutes_document(m, d, [], public=False),
        "public minutes": export.minutes_document(m, d, [], public=True),
        "approved minutes": export.minutes_document(m, d, [], public=False, approval=APPROVED),
        "agenda": agenda_document(agenda_context(m, d)),
    }
    for kind in export.REGISTER_KINDS:
        docs[f"{kind} register"] = register_document(kind, d, [m], TODAY, published=False)
    return docs


# ---------------------------------------------------------------- long text

def _long_meeting():
    d, m = sample_meeting()
    d.bodies[LOCALITY].name = _words(300, "END-OF-BODY-NAME")
    m.item("item-5").declarations[0].nature = _words(20_000, "END-OF-DECLARATION")
    m.actions[0].description = _words(3_000, "END-OF-ACTION")
    m.item("item-5").title = _words(400, "END-OF-TITLE")
    m.item("item-6").decisions[0].resolution = _words(6_000, "END-OF-RESOLUTION")
    return d, m


@pytest.fixture(scope="module")
def long_exports():
    d, m = _long_meeting()
    docs = _documents(d, m)
    return {name: (doc, export.render_pdf(doc), export.render_docx(doc)) for name, doc in docs.items()}


def test_text_of_any_length_lays_out_in_every_document(long_exports):
    """A 20,000-character declaration (a box and a table cell taller than a page),
    a 3,000-character action, a 300-character body name: no LayoutError, and the
    whole text is there, ends included."""
    doc, pdf, _ = long_exports["minutes"]
    body = pdf_body(pdf, doc)
    for tag in ("END-OF-BODY-NAME", "END-OF-DECLARATION", "END-OF-ACTION", "END-OF-TITLE", "END-OF-RESOLUTION"):
        assert tag in body, tag
    # the declaration is in its box and in the table of declarations: both complete
    assert body.count(squash(_words(20_000, "END-OF-DECLARATION"))) == 2
    # the action's row splits inside the row: the other cells follow the first part of the text
    assert squash(_words(3_000, "END-OF-ACTION")) in body.replace("MrFinnTestcase11Feb20255Open", "")
    assert pdf_pages(pdf) > 10
    for name, (doc, pdf, docx) in long_exports.items():
        assert pdf.startswith(b"%PDF") and pdf_pages(pdf) >= 1, name
        assert docx_blocks(docx) == model_blocks(doc), name


def test_long_cells_split_and_the_header_row_repeats(long_exports):
    doc, pdf, _ = long_exports["minutes"]
    reader = PdfReader(io.BytesIO(pdf))
    texts = [squash(p.extract_text()) for p in reader.pages]
    with_cell = [t for t in texts if "memberset" in t.lower() and "Interestandhowitwasmanaged" in t]
    assert len(with_cell) >= 3  # the declaration's table cell runs over several pages, header on each


def test_the_procurement_register_of_a_long_decision_splits_its_row():
    d, m = _long_meeting()
    m.item("item-5").decisions[0].resolution = _words(12_000, "END-OF-AWARD")
    doc = register_document("procurement", d, [m], TODAY)
    pdf = export.render_pdf(doc)
    assert "END-OF-AWARD" in pdf_body(pdf, doc)
    assert pdf_pages(pdf) >= 3


# ---------------------------------------------------------------- literal text

LITERAL = "a ¦ b <b>not bold</b> &amp; ::h2 not a heading </td></tr><tr><td> x"


def test_markup_and_the_old_separator_are_text():
    d, m = sample_meeting()
    d.people["dr-ben-sample"].name = "Dr Ben ¦ Sample"
    m.actions[0].description = LITERAL
    m.item("item-6").title = LITERAL
    m.item("item-6").discussion = LITERAL
    m.item("item-5").declarations[0].nature = LITERAL
    d.gifts[0].description = LITERAL
    doc = export.minutes_document(m, d, [], public=False)
    actions = next(b for b in doc.walk() if isinstance(b, Table) and b.header and b.header[0].runs[0].text == "Action")
    row = next(r for r in actions.rows if LITERAL in r[0].runs[0].text)
    assert len(row) == 5 and row[1].runs[0].text == "Mr Finn Testcase"  # the separator did not make columns
    sections = [b for b in doc.walk() if isinstance(b, Section)]
    assert LITERAL in [s.title for s in sections]
    body = pdf_body(export.render_pdf(doc), doc)
    assert body.count(squash(LITERAL)) >= 4
    assert squash("Dr Ben ¦ Sample") in body
    for kind in export.REGISTER_KINDS:
        reg = register_document(kind, d, [m], TODAY, published=False)
        assert reg.text().count(" | ") % max(1, len(reg.text().splitlines())) >= 0
        tables = [b for b in reg.walk() if isinstance(b, Table)]
        for t in tables:
            assert all(len(r) == len(t.header) for r in t.rows), kind
        export.render_pdf(reg)
    gifts = register_document("gifts", d, [m], TODAY)
    assert squash(LITERAL) in pdf_body(export.render_pdf(gifts), gifts)


def test_right_to_left_text_emoji_and_missing_glyphs_export():
    """Hebrew, Arabic, emoji and a script DejaVu has no glyph for: nothing fails, and
    the PDF's text layer still holds every character (a missing glyph is drawn
    as a box but extracts as itself)."""
    d, m = sample_meeting()
    m.item("item-6").discussion = "שלום עליכם مرحبا بكم"
    m.item("item-7").discussion = "Agreed 👍🏽 with thanks 😀; 会议纪要 ᚠᚢᚦ 𝐀𝐁"
    doc = export.minutes_document(m, d, [], public=False)
    pdf = export.render_pdf(doc)
    export.render_docx(doc)
    assert squash("Agreed 👍🏽 with thanks 😀; 会议纪要 ᚠᚢᚦ 𝐀𝐁") in pdf_body(pdf, doc)


# ---------------------------------------------------------------- typography and metadata

def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    out = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc.get("/FontDescriptor")
            fd = fd.get_object() if fd is not None else {}
            out.append((str(font["/BaseFont"]), "/FontFile2" in fd or "/FontFile3" in fd or "/FontFile" in fd))
    return out


def test_every_font_is_embedded_in_every_document(long_exports):
    for name, (_, pdf, _) in long_exports.items():
        fonts = _fonts(PdfReader(io.BytesIO(pdf)))
        assert fonts and all(embedded for _, embedded in fonts), (name, fonts)
        assert not any("Helvetica" in f for f, _ in fonts), name


def test_language_title_author_and_a_bookmark_per_item():
    d, m = sample_meeting()
    doc = export.minutes_document(m, d, [], public=False)
    reader = PdfReader(io.BytesIO(export.render_pdf(doc)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/Outlines" in root
    assert reader.metadata.title == doc.title and doc.title.startswith("Minutes: Loamshire North Locality")
    assert reader.metadata.author == "Loamshire North Locality Commissioning Group"
    marks = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    expected = [f"{b.number}. {b.title}" if isinstance(b, Section) else b.runs[0].text
                for b in doc.walk() if isinstance(b, Section) or (isinstance(b, Heading) and b.level == 2)]
    assert [t for t, _ in marks] == expected
    assert "5. Frailty service: award of locality contract" in expected and "Attendance" in expected
    texts = [squash(p.extract_text()) for p in reader.pages]
    for title, page in marks:  # every bookmark opens the page its heading is on
        assert squash(title) in texts[page], (title, page)
    assert [p for _, p in marks] == sorted(p for _, p in marks)


def test_body_text_and_tables_are_large_enough():
    s = pdfkit.styles()
    for name in ("p", "meta", "li", "ok", "alert", "lead", "h3", "h2", "h1", "itemtitle"):
        assert s[name].fontSize >= 10.5, name
    for name in ("cell", "th", "small", "ref"):
        assert s[name].fontSize >= 9, name
    assert s["li"].bulletFontName == pdfkit.FONT


def _filler(n: int) -> list:
    return [Paragraph((Run(f"Filler paragraph {k} " + "text " * 40),)) for k in range(n)]


def _lines(n: int) -> list:
    return [Paragraph((Run(f"Line {k}"),)) for k in range(n)]


KEPT = {
    "heading": (Heading(2, (Run("OPENS"),)), Paragraph((Run("FOLLOWS " + "word " * 60),))),
    "subheading": (Heading(3, (Run("OPENS"),)), ListBlock(((Run("FOLLOWS " + "word " * 30),),))),
    "section": (Section("commissioning", "COMMISSIONING", "4", "OPENS", blocks=(
        Paragraph((Run("FOLLOWS " + "word " * 60),)),)),),
    "box": (Box("decision", (Paragraph((Run("OPENS " + "word " * 90 + " FOLLOWS"),)),)),),
    "introduction": (Paragraph((Run("OPENS the table below:"),)),
                     Table((Cell((Run("A"),), True),), ((Cell((Run("FOLLOWS"),)),),))),
}


@pytest.mark.parametrize("what", KEPT)
def test_headings_and_short_boxes_never_end_a_page(what):
    """Wherever a page ends, a heading, a section's heading, a short box and a
    paragraph introducing a table stay on the same page as what follows them."""
    for n in range(30, 48):
        pdf = export.render_pdf(Document("keep", (*_lines(n), *KEPT[what])))
        pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
        opens = next(k for k, t in enumerate(pages) if "OPENS" in t)
        follows = next(k for k, t in enumerate(pages) if "FOLLOWS" in t)
        assert opens == follows, (what, n)


def test_a_heading_before_a_long_paragraph_starts_where_three_lines_fit():
    """ReportLab's KeepTogether sent a heading and a 40-line paragraph to the next page,
    leaving a third of this one empty; three lines under the heading are enough."""
    pdf = export.render_pdf(Document("gap", (*_lines(25), Heading(2, (Run("OPENS"),)),
                                             Paragraph((Run("word " * 500),)))))
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "Line24" in pages[0] and "OPENSwordword" in pages[0]


def test_a_heading_before_a_block_taller_than_a_page_leaves_no_gap():
    blocks = (*_filler(8), Heading(2, (Run("BIG-HEADING"),)),
              Box("declaration", (Paragraph((Run("BOX-OPENS " + "word " * 6000),)),)))
    pdf = export.render_pdf(Document("gap", blocks))
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "Fillerparagraph7" in pages[0] and "BIG-HEADING" in pages[0] and "BOX-OPENSwordword" in pages[0]


# ---------------------------------------------------------------- Word

def test_word_says_what_the_pdf_says():
    """Paragraph for paragraph, the Word file and the PDF carry the same text,
    in the same order, both walked from the one document."""
    d, m = sample_meeting()
    for public in (False, True):
        doc = export.minutes_document(m, d, [], public=public, approval=APPROVED)
        blocks = model_blocks(doc)
        assert docx_blocks(export.render_docx(doc)) == blocks
        body = pdf_body(export.render_pdf(doc), doc)
        pos = 0
        for text in blocks:
            found = body.find(squash(text), pos)
            assert found >= 0, text
            pos = found + len(squash(text))


def test_word_is_a4_british_english_with_clean_metadata_and_repeating_headers():
    d, m = sample_meeting()
    doc = export.minutes_document(m, d, [], public=False)
    data = export.render_docx(doc)
    w = read_docx(io.BytesIO(data))
    section = w.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    props = w.core_properties
    assert props.title == doc.title and props.author == "Loamshire North Locality Commissioning Group"
    assert props.created.year >= 2025 and props.language == "en-GB"
    assert "python-docx" not in (props.comments or "") + (props.last_modified_by or "")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]  # python-docx's sample had one
        assert b"<Application>LMC Desk</Application>" in z.read("docProps/app.xml")
    assert b'w:val="en-GB"' in w.styles.element.xml.encode()
    headers = [t for t in w.tables if t.rows and t.rows[0]._tr.trPr is not None
               and t.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
               is not None]
    assert len(headers) >= 3  # declarations, actions, annex


def test_the_public_version_has_no_part_ii_text_in_any_format():
    d, m = sample_meeting()
    doc = export.minutes_document(m, d, [], public=True)
    pdf_words = pdf_text(export.render_pdf(doc))
    word = " ".join(docx_blocks(export.render_docx(doc)))
    for secret in ("SECRET", "Staffing matter", "Meadowbank staffing"):
        assert squash(secret) not in pdf_words and secret not in word and secret not in doc.text()


def test_the_agenda_pack_and_registers_walk_the_same_model():
    d, m = sample_meeting()
    for doc in (agenda_document(agenda_context(m, d)),
                *(register_document(k, d, [m], TODAY) for k in export.REGISTER_KINDS)):
        pdf = export.render_pdf(doc)
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"
        assert reader.metadata.title == doc.title
        body = pdf_body(pdf, doc)
        for text in model_blocks(doc):
            assert squash(text) in body, (doc.kind, text)
    reg = register_document("interests", d, [m], TODAY)
    page = export.render_pdf(reg)
    box = PdfReader(io.BytesIO(page)).pages[0].mediabox
    assert float(box.width) > float(box.height)  # registers are landscape


def test_cells_are_never_dropped_or_moved():
    doc = Document("t", (Table((Cell((Run("A"),), True), Cell((Run("B"),), True)),
                               ((Cell((Run("only one"),)),), (Cell((Run("x"),)), Cell((Run("y"),)), Cell((Run("z"),))))),))
    body = pdf_body(export.render_pdf(doc), doc)
    assert "onlyone" in body and "xyz" in body
