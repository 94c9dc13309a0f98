"""ReportLab plumbing shared by every PDF LMC Desk writes.

* the shipped DejaVu Sans TTFs are registered once and embedded (subset) in
  every PDF, so a document looks the same on every PC;
* :func:`blocks` parses the block markup the templates produce
  (``::style text`` lines) and :func:`flowables` lays it out;
* :class:`FurnitureCanvas` draws the page furniture after the whole document
  is laid out, which is what makes "Page x of y" possible in one pass.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lmcdesk import paths

log = logging.getLogger(__name__)

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE = A4
MARGIN = 18 * mm
SEP = " ¦ "
FRAME_PADDING = 6  # ReportLab Frame's default left/right padding, in points


@functools.cache
def register_fonts() -> str:
    folder = paths.resources_dir() / "fonts"
    faces = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, filename in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic="DejaVuSans-Oblique", boldItalic="DejaVuSans-BoldOblique"
    )
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("p", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=4)
    s = {
        "p": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=12, leading=15, spaceAfter=6),
        "meta": ParagraphStyle("meta", base, fontSize=8.5, leading=11, spaceAfter=2,
                               textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=10,
                             spaceAfter=4, textColor=colors.HexColor("#1a1a1a")),
        "h3": ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=4,
                             spaceAfter=2),
        "li": ParagraphStyle("li", base, leftIndent=12, bulletIndent=2, spaceAfter=1),
        "ok": ParagraphStyle("ok", base, textColor=colors.HexColor("#1b5e20")),
        "alert": ParagraphStyle("alert", base, textColor=colors.HexColor("#b00020"), fontName=FONT_BOLD),
        "decl": ParagraphStyle("decl", base, leftIndent=8, borderPadding=(3, 4, 3, 4),
                               backColor=colors.HexColor("#fff6e0"), spaceBefore=3, spaceAfter=6),
        "decision": ParagraphStyle("decision", base, leftIndent=8, borderPadding=(4, 4, 4, 4),
                                   backColor=colors.HexColor("#eaf1fb"), borderColor=colors.HexColor("#1f5fa8"),
                                   borderWidth=0.6, spaceBefore=7, spaceAfter=12),
        "confidential": ParagraphStyle("confidential", base, fontName=FONT_BOLD, leftIndent=8, spaceBefore=14,
                                       borderPadding=(4, 4, 4, 4), backColor=colors.HexColor("#fdecea"),
                                       textColor=colors.HexColor("#8b0000"), spaceAfter=6),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "th": ParagraphStyle("th", base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5, spaceAfter=0),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, fontSize=8, leading=10,
                                textColor=colors.white, alignment=TA_CENTER, spaceAfter=0),
        "itemtitle": ParagraphStyle("itemtitle", base, fontName=FONT_BOLD, fontSize=11, leading=14,
                                    spaceAfter=0),
        "cover": ParagraphStyle("cover", base, fontName=FONT_BOLD, fontSize=22, leading=28, spaceBefore=60, spaceAfter=12),
    }
    return s


@dataclass
class Block:
    style: str
    text: str
    extra: list[str] = field(default_factory=list)


def blocks(markup: str) -> list[Block]:
    """``::style text`` blocks; lines not starting with ``::`` continue the block."""
    out: list[Block] = []
    for line in markup.splitlines():
        if line.startswith("::"):
            head, _, text = line[2:].partition(" ")
            out.append(Block(head.strip(), text.strip()))
        elif line.strip() and out:
            out[-1].text = (out[-1].text + " " + line.strip()).strip()
    return out


def _cells(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(c.strip(), style) for c in (" " + text + " ").split(SEP)]


def _table(widths: list[float], rows: list[list], header: bool, avail: float) -> Table:
    total = sum(widths) or 1
    t = Table(rows, colWidths=[avail * w / total for w in widths], repeatRows=1 if header else 0)
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b0b0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")))
    t.setStyle(TableStyle(cmds))
    t.spaceAfter = 6
    return t


class WholeParagraph(Paragraph):
    """A boxed paragraph (decision, declaration) that moves to the next page
    rather than split, unless it is too tall for any page."""

    MAX_WHOLE = 500

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab API)
        if getattr(self, "height", 0) <= self.MAX_WHOLE:
            return []
        return super().split(availWidth, availHeight)


class ItemHeading(Flowable):
    """Item number and title with the business-kind label at the right: drawn
    directly (a one-row Table costs several times as much to lay out)."""

    LABEL_W = 34 * mm

    def __init__(self, title: str, label: str, colour: str) -> None:
        super().__init__()
        s = styles()
        self.title = Paragraph(title, s["itemtitle"])
        self.label = label
        self.colour = colors.HexColor(colour)
        self.spaceBefore = 8
        self.spaceAfter = 4

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        _, th = self.title.wrap(availWidth - self.LABEL_W - 6, availHeight)
        self.height = max(th, 14) + 6
        return self.width, self.height

    def draw(self):
        c = self.canv
        self.title.drawOn(c, 0, 3 + (self.height - 6 - self.title.height))
        c.setStrokeColor(self.colour)
        c.setLineWidth(1.2)
        c.line(0, 0.6, self.width, 0.6)
        c.setFillColor(self.colour)
        top = self.height
        c.rect(self.width - self.LABEL_W, top - 17, self.LABEL_W, 17, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(FONT_BOLD, 8)
        c.drawCentredString(self.width - self.LABEL_W / 2, top - 11.5, self.label)


def _plain_label(markup: str) -> str:
    import html

    return html.unescape(markup.strip())


def flowables(markup: str, colours: dict[str, str] | None = None, pagesize=PAGE) -> list:
    """Lay out template output.  ``colours`` maps a business kind to its label colour."""
    # the width inside SimpleDocTemplate's frame, which pads 6 pt each side: a
    # table as wide as the margins stuck out past the text and item headings
    avail = pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING
    s = styles()
    colours = colours or {}
    out: list = []
    table_rows: list = []
    table_widths: list[float] = []
    table_header = False

    def flush_table() -> None:
        nonlocal table_rows, table_header
        if table_rows:
            ncol = max(len(r) for r in table_rows)
            widths = table_widths if len(table_widths) == ncol else [1.0] * ncol
            rows = [r + [""] * (ncol - len(r)) for r in table_rows]
            out.append(_table(widths, rows, table_header, avail))
        table_rows = []
        table_header = False

    for b in blocks(markup):
        if b.style in ("th", "tr"):
            if b.style == "th":
                table_header = True
            table_rows.append(_cells(b.text, s["th" if b.style == "th" else "cell"]))
            continue
        flush_table()
        if b.style == "table":
            table_widths = [float(x) for x in b.text.split(",") if x.strip()]
        elif b.style == "pagebreak":
            out.append(PageBreak())
        elif b.style == "spacer":
            out.append(Spacer(1, 6))
        elif b.style == "item":
            kind, label, title = (b.text.split(SEP, 2) + ["", ""])[:3]
            out.append(CondPageBreak(40 * mm))
            out.append(ItemHeading(title.strip(), _plain_label(label), colours.get(kind.strip(), "#4d4d4d")))
        elif b.style == "h2":
            out.append(CondPageBreak(30 * mm))
            out.append(Paragraph(b.text, s["h2"]))
        elif b.style in ("decision", "decl", "confidential"):
            out.append(WholeParagraph(b.text, s[b.style]))
        elif b.style == "li":
            out.append(Paragraph(b.text, s["li"], bulletText="•"))
        else:
            out.append(Paragraph(b.text, s.get(b.style, s["p"])))
    flush_table()
    return out


@dataclass
class Furniture:
    """What is printed on every page, outside the flow of text."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    footer_line2: str = ""
    page_of: str = "Page {page} of {pages}"
    watermark: str = ""
    mark: str = ""  # e.g. CONFIDENTIAL, printed top and bottom in red
    mark_colour: str = "#b00020"
    #: pages appended after this document (an agenda pack's papers), counted in "of y"
    extra_pages: int = 0


def furniture_canvas(furniture: Furniture, pagesize=PAGE):
    """A Canvas class that keeps every page's state until the end, then draws
    the furniture with the final page count ("Page x of y")."""

    class FurnitureCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):  # noqa: N802 (ReportLab API)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._draw(total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _draw(self, total: int) -> None:
            f = furniture
            w, h = pagesize
            self.saveState()
            if f.watermark:
                self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.12))
                self.setFont(FONT_BOLD, 110)
                self.translate(w / 2, h / 2)
                self.rotate(45)
                self.drawCentredString(0, -35, f.watermark)
                self.rotate(-45)
                self.translate(-w / 2, -h / 2)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#555555"))
            if f.header_left:
                self.drawString(MARGIN, h - 11 * mm, f.header_left)
            if f.header_right and not f.mark:
                self.drawRightString(w - MARGIN, h - 11 * mm, f.header_right)
            self.setStrokeColor(colors.HexColor("#bbbbbb"))
            self.setLineWidth(0.4)
            self.line(MARGIN, 13 * mm, w - MARGIN, 13 * mm)
            if f.footer_left:
                self.drawString(MARGIN, 9.5 * mm, f.footer_left)
            self.drawRightString(w - MARGIN, 9.5 * mm,
                                 f.page_of.format(page=self._pageNumber, pages=total + f.extra_pages))
            if f.footer_line2:
                self.setFont(FONT, 6.5)
                self.drawString(MARGIN, 6 * mm, f.footer_line2)
            if f.mark:
                self.setFont(FONT_BOLD, 9)
                self.setFillColor(colors.HexColor(f.mark_colour))
                self.drawRightString(w - MARGIN, h - 11 * mm, f.mark)
                self.drawCentredString(w / 2, 15 * mm, f.mark)
            self.restoreState()

    return FurnitureCanvas
