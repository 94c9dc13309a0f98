"""The document model as a Word file, for secretaries who must edit by hand.

Walks the *same* :class:`~lmcdesk.documents.Document` the PDF is drawn from,
so the wording never drifts between the two; only the layout differs.  A4,
British English, the PDF's look (dark headings, shaded boxes, the coloured
business-kind label), table headers repeated on every page, and clean
metadata (title, author = the body, created now).  A Word file is editable by
nature: its footer says so, and the PDF with its fingerprint stays the record.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lmcdesk.documents import model as dm

from .pdfkit import BOX_COLOURS

FONT = "Arial"
BODY_SIZE = 10.5
TABLE_SIZE = 9.5
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
ROLE_COLOURS = {
    "ok": RGBColor(0x1B, 0x5E, 0x20),
    "alert": RGBColor(0xB0, 0x00, 0x20),
    "meta": RGBColor(0x33, 0x33, 0x33),
    "small": RGBColor(0x33, 0x33, 0x33),
}
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>LMC Desk</Application><DocSecurity>0</DocSecurity></Properties>"
)
#: paragraph roles as Word paragraph styles (made on first use)
ROLE_STYLES = {"meta": "Meta", "alert": "Alert", "ok": "Quorate", "small": "Small", "lead": "Lead"}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _xml_safe(text: str) -> str:
    """Word's XML cannot hold some code points the PDF can (none of them are
    text a person types); keep every other character as it is."""
    return "".join(
        ch if (ch in "\t\n" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD or ord(ch) >= 0x10000)
        else "\ufffd" for ch in text
    )


def _set_lang(rpr, lang: str) -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def _prop(text: str) -> str:
    """A core property (Word allows 255 characters): cut with an ellipsis."""
    text = _xml_safe(" ".join(text.split()))
    return text if len(text) <= 255 else text[:254] + "…"


def _style_fonts(style, name: str) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _shade(element, colour: str) -> None:
    pr = element.get_or_add_tcPr() if hasattr(element, "get_or_add_tcPr") else element.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#"))
    pr.append(shd)


def _borders(cell, colour: str, left: int = 24, other: int = 4) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side, size in (("top", other), ("left", left), ("bottom", other), ("right", other)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), colour.lstrip("#"))
        borders.append(el)
    tc_pr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _field(paragraph, instr: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out."""
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _runs(paragraph, runs: dm.Runs, *, colour: RGBColor | None = None, size: float | None = None,
          bold: bool | None = None) -> None:
    for r in runs:
        parts = r.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                paragraph.add_run().add_break()
            if not part:
                continue
            run = paragraph.add_run(_xml_safe(part))
            run.bold = True if (r.bold or bold) else None
            run.italic = True if r.italic else None
            if colour is not None:
                run.font.color.rgb = colour
            if size:
                run.font.size = Pt(size)


class _Writer:
    def __init__(self, doc: dm.Document) -> None:
        self.doc = doc
        self.w = new_docx()
        self._setup()

    # ------------------------------------------------------------------ setup
    def _setup(self) -> None:
        w, doc = self.w, self.doc
        section = w.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        if doc.kind == "register":
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(18))
        section.top_margin, section.bottom_margin = Mm(18), Mm(20)
        section.header_distance = section.footer_distance = Mm(8)

        styles = w.styles
        normal = styles["Normal"]
        _style_fonts(normal, FONT)
        normal.font.size = Pt(BODY_SIZE)
        normal.font.color.rgb = TEXT
        normal.paragraph_format.space_after = Pt(5)
        _set_lang(normal.element.get_or_add_rPr(), doc.lang or "en-GB")
        defaults = w.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if rpr is not None:
                _set_lang(rpr, doc.lang or "en-GB")
        for level, size in ((1, 17), (2, 13), (3, 11.5)):
            h = styles[f"Heading {level}"]
            _style_fonts(h, FONT)
            h.font.size = Pt(size)
            h.font.bold = True
            h.font.italic = False
            h.font.color.rgb = TEXT
            h.paragraph_format.space_before = Pt({1: 0, 2: 12, 3: 6}[level])
            h.paragraph_format.space_after = Pt({1: 6, 2: 5, 3: 3}[level])
            h.paragraph_format.keep_with_next = True
        for name in ("List Bullet", "Table Grid"):
            _style_fonts(styles[name], FONT)
        from docx.enum.style import WD_STYLE_TYPE

        for role, name in ROLE_STYLES.items():
            st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = normal
            if role in ROLE_COLOURS:
                st.font.color.rgb = ROLE_COLOURS[role]
            if role == "alert":
                st.font.bold = True
            if role == "lead":
                st.font.size = Pt(13)
            if role == "small":
                st.font.size = Pt(9.5)

        props = w.core_properties
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        props.title = _prop(doc.title)
        props.author = _prop(doc.author)
        props.subject = _prop(doc.subject)
        props.last_modified_by = _prop(doc.author)
        props.comments = ""
        props.keywords = ""
        props.category = doc.kind
        props.language = doc.lang or "en-GB"
        props.created = now
        props.modified = now
        props.revision = 1

        f = doc.furniture
        head = section.header.paragraphs[0]
        head_text = f.header_left + (f"  ·  {f.header_right}" if f.header_right and not f.mark else "")
        _runs(head, (dm.Run(head_text),), size=8, colour=RGBColor(0x55, 0x55, 0x55))
        if f.mark or f.watermark:
            mark = section.header.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _runs(mark, (dm.Run(" · ".join(x for x in (f.mark, f.watermark) if x)),), bold=True,
                  colour=ROLE_COLOURS["alert"], size=9)
        foot = section.footer.paragraphs[0]
        before, _, rest = f.page_of.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        prefix = " · ".join(x for x in (f.footer_left, "Word copy for editing; the PDF is the record") if x)
        _runs(foot, (dm.Run(f"{prefix} · {before}"),), size=7.5)
        _field(foot, "PAGE", 7.5)
        _runs(foot, (dm.Run(middle),), size=7.5)
        _field(foot, "NUMPAGES", 7.5)
        if after:
            _runs(foot, (dm.Run(after),), size=7.5)
        if f.footer_line2:
            _runs(section.footer.add_paragraph(), (dm.Run(f.footer_line2),), size=7)

    # ----------------------------------------------------------------- blocks
    def blocks(self, container, blocks, box: str | None = None, first=None) -> None:
        """Add ``blocks`` to ``container`` (the document or a table cell);
        ``first``: an empty paragraph to fill before adding new ones."""
        pending = [first]

        def paragraph(style=None):
            if pending[0] is not None:
                p, pending[0] = pending[0], None
                if style is not None:
                    p.style = style
                return p
            return container.add_paragraph(style=style)

        for b in blocks:
            if isinstance(b, dm.Heading):
                p = paragraph(f"Heading {min(max(b.level, 1), 3)}")
                _runs(p, b.runs)
            elif isinstance(b, dm.Paragraph):
                p = paragraph(ROLE_STYLES.get(b.role))
                colour = _rgb(BOX_COLOURS[box][2]) if box in BOX_COLOURS and BOX_COLOURS[box][2] else None
                _runs(p, b.runs, colour=colour)
            elif isinstance(b, dm.ListBlock):
                for item in b.items:
                    _runs(paragraph("List Bullet"), item)
            elif isinstance(b, dm.Table):
                self.table(container, b)
            elif isinstance(b, dm.Box):
                self.box(container, b)
            elif isinstance(b, dm.Section):
                self.section(paragraph("Heading 2"), b)
                self.blocks(container, b.blocks)
            elif isinstance(b, dm.PageBreak):
                paragraph().add_run().add_break(WD_BREAK.PAGE)
        if pending[0] is not None and len(container.paragraphs) > 1:
            # an unused first paragraph in a cell that got other content
            el = pending[0]._element
            el.getparent().remove(el)

    def section(self, p, s: dm.Section) -> None:
        title = f"{s.number}. {s.title}" if s.number else s.title
        _runs(p, (dm.Run(title),))
        if s.label:
            p.add_run("  ")
            run = p.add_run(f" {_xml_safe(s.label)} ")
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            run.font.size = Pt(8)
            _shade(run._r, self.doc.colour(s.kind))
        if s.ref:
            run = p.add_run(f"  {_xml_safe(s.ref)}")
            run.font.size = Pt(8)
            run.bold = False

    def table(self, container, t: dm.Table) -> None:
        ncol = max([len(t.header), *(len(r) for r in t.rows)] or [1]) or 1
        rows = ([t.header] if t.header else []) + list(t.rows)
        if not rows:
            return
        if t.caption:
            _runs(container.add_paragraph(style="Heading 3"), (dm.Run(t.caption),))
        table = container.add_table(rows=0, cols=ncol)
        table.style = self.w.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        widths = list(t.widths) if len(t.widths) == ncol else [1.0] * ncol
        total = sum(widths) or 1.0
        section = self.w.sections[0]
        avail = section.page_width - section.left_margin - section.right_margin
        for k, cells in enumerate(rows):
            row = table.add_row()
            header = bool(t.header) and k == 0
            if header:
                _repeat_header(row)
            for j in range(ncol):
                cell = row.cells[j]
                cell.width = int(avail * widths[j] / total)
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                if j < len(cells):
                    _runs(p, cells[j].runs, size=TABLE_SIZE, bold=header or cells[j].header or None)
                if header:
                    _shade(cell._tc, "#e6e6e6")
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    def box(self, container, b: dm.Box) -> None:
        fill, stroke, _ = BOX_COLOURS.get(b.kind, BOX_COLOURS["note"])
        table = container.add_table(rows=1, cols=1)
        cell = table.rows[0].cells[0]
        section = self.w.sections[0]
        cell.width = section.page_width - section.left_margin - section.right_margin
        _shade(cell._tc, fill)
        _borders(cell, stroke)
        self.blocks(cell, b.blocks, box=b.kind, first=cell.paragraphs[0])
        for p in cell.paragraphs:
            p.paragraph_format.space_after = Pt(3)
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    def _clean_package(self) -> None:
        """No trace of python-docx's sample file: its thumbnail (a blank page)
        goes, and the application properties name LMC Desk."""
        rels = self.w.part.package.rels
        for rid, rel in list(rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                rels.pop(rid)
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = APP_XML.encode("utf-8")

    def save(self) -> bytes:
        self.blocks(self.w, self.doc.blocks)
        self._clean_package()
        buf = io.BytesIO()
        self.w.save(buf)
        return buf.getvalue()


def render_docx(doc: dm.Document) -> bytes:
    """``doc`` as a Word (.docx) file."""
    return _Writer(doc).save()


def build_minutes_docx(ctx: dict, out) -> None:
    """The minutes of a ready-made context (:func:`lmcdesk.export.context.build_context`) as Word."""
    from lmcdesk.documents import html

    from .minutes import minutes_html

    data = render_docx(html.parse(minutes_html(ctx)))
    if hasattr(out, "write"):
        out.write(data)
    else:
        from pathlib import Path

        Path(out).write_bytes(data)
