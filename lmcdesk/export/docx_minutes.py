"""The minutes as a Word document, for secretaries who must edit by hand.

Made from the *same* template output as the PDF (``minutes/minutes.j2``
block markup), so the wording never drifts between the two; only the layout
differs.  A Word file is editable by nature: it says so in its footer, and
the PDF with its fingerprint stays the record.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from . import jinja, pdfkit

COLOURS = {
    "ok": RGBColor(0x1B, 0x5E, 0x20),
    "alert": RGBColor(0xB0, 0x00, 0x20),
    "confidential": RGBColor(0x8B, 0x00, 0x00),
    "meta": RGBColor(0x33, 0x33, 0x33),
}


class _Runs(HTMLParser):
    """ReportLab paragraph markup -> (text, bold, italic, colour) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool, bool, str | None]] = []
        self.bold = 0
        self.italic = 0
        self.colours: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "b":
            self.bold += 1
        elif tag == "i":
            self.italic += 1
        elif tag == "br":
            self.runs.append(("\n", False, False, None))
        elif tag == "font":
            self.colours.append(a.get("color"))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.runs.append(("\n", False, False, None))

    def handle_endtag(self, tag):
        if tag == "b":
            self.bold = max(0, self.bold - 1)
        elif tag == "i":
            self.italic = max(0, self.italic - 1)
        elif tag == "font" and self.colours:
            self.colours.pop()

    def handle_data(self, data):
        colour = next((c for c in reversed(self.colours) if c), None)
        self.runs.append((data.replace("\xa0", " "), self.bold > 0, self.italic > 0, colour))


def _fill(paragraph, markup: str, colour: RGBColor | None = None, size: float | None = None) -> None:
    parser = _Runs()
    parser.feed(markup)
    parser.close()
    for text, bold, italic, c in parser.runs:
        if text == "\n":
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if c and c.startswith("#") and c.lower() != "white":
            run.font.color.rgb = RGBColor.from_string(c[1:].upper())
        elif colour is not None:
            run.font.color.rgb = colour
        if size:
            run.font.size = Pt(size)


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out."""
    run = paragraph.add_run()
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


def _shade(cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#"))
    tc_pr.append(shd)


def build_minutes_docx(ctx: dict, out) -> None:
    from .pdf_minutes import furniture_for, labels

    L = labels()
    markup = jinja.render("minutes/minutes.j2", **ctx)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    props = doc.core_properties
    props.title = f"Minutes: {ctx['body']}, {ctx['meeting']['date']}" + (" (public version)" if ctx["public"] else "")
    props.author = ctx["body"]
    props.subject = ("Approved" if ctx["version"] else "Draft") + " minutes"

    f = furniture_for(ctx)
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    _fill(head, html.escape(f.header_left + (f"  ·  {f.header_right}" if f.header_right and not f.mark else "")),
          size=8)
    if f.mark or f.watermark:
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _fill(mark, "<b>" + html.escape(" · ".join(x for x in (f.mark, f.watermark) if x)) + "</b>",
              colour=COLOURS["alert"], size=9)
    foot = section.footer.paragraphs[0]
    _fill(foot, html.escape(f.footer_left) + " · Word copy for editing; the PDF is the record · Page ", size=7)
    _field(foot, "PAGE")
    foot.add_run(" of ").font.size = Pt(7)
    _field(foot, "NUMPAGES")
    if f.footer_line2:
        _fill(section.footer.add_paragraph(), html.escape(f.footer_line2), size=6.5)

    rows: list[list[str]] = []
    header = False
    widths: list[float] = []

    def flush() -> None:
        nonlocal rows, header
        if rows:
            ncol = max(len(r) for r in rows)
            table = doc.add_table(rows=0, cols=ncol)
            table.style = "Table Grid"
            for k, r in enumerate(rows):
                cells = table.add_row().cells
                for j in range(ncol):
                    p = cells[j].paragraphs[0]
                    text = r[j] if j < len(r) else ""
                    _fill(p, f"<b>{text}</b>" if header and k == 0 else text, size=8.5)
                    if header and k == 0:
                        _shade(cells[j], "#e6e6e6")
        rows, header = [], False

    for b in pdfkit.blocks(markup):
        if b.style in ("th", "tr"):
            header = header or b.style == "th"
            rows.append([c.strip() for c in (" " + b.text + " ").split(pdfkit.SEP)])
            continue
        flush()
        if b.style == "table":
            widths = [float(x) for x in b.text.split(",") if x.strip()]
        elif b.style == "pagebreak":
            doc.add_page_break()
        elif b.style in ("title", "h2", "h3"):
            level = {"title": 0, "h2": 1, "h3": 2}[b.style]
            _fill(doc.add_heading(level=level), b.text)
        elif b.style == "subtitle":
            _fill(doc.add_paragraph(), b.text, size=12)
        elif b.style == "item":
            kind, label, title = (b.text.split(pdfkit.SEP, 2) + ["", ""])[:3]
            p = doc.add_heading(level=2)
            _fill(p, title.strip() + "  ")
            run = p.add_run(f" {html.unescape(label.strip())} ")
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            run.font.size = Pt(8)
            rpr = run._r.get_or_add_rPr()
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:fill"), L.business_colour.get(kind.strip(), "#4d4d4d").lstrip("#"))
            rpr.append(shd)
        elif b.style == "li":
            _fill(doc.add_paragraph(style="List Bullet"), b.text)
        elif b.style in ("decision", "decl", "confidential"):
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(12)
            _fill(p, b.text, colour=COLOURS.get(b.style))
        elif b.style == "spacer":
            doc.add_paragraph()
        else:
            _fill(doc.add_paragraph(), b.text, colour=COLOURS.get(b.style),
                  size=8.5 if b.style == "meta" else None)
    flush()
    del widths
    doc.save(str(out) if not hasattr(out, "write") else out)
