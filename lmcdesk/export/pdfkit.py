"""The document model as a PDF: ReportLab platypus, walked from the model.

* the shipped DejaVu Sans TTFs are registered once and embedded (subset) in
  every PDF, bullets and the canvas's initial font included, so a document
  looks the same on every PC and no font is left to the reader;
* :func:`story` turns a :class:`~lmcdesk.documents.Document` into flowables:
  headings keep with what follows, a section's heading with its first block;
  paragraphs, boxes and table rows split across pages, so text of any length
  lays out (a cell taller than a page splits inside the row);
* :class:`FurnitureCanvas` draws the page furniture after the whole document
  is laid out, which is what makes "Page x of y" possible in one pass;
* :func:`render_pdf` adds the metadata: title, author (the body), subject,
  language (``/Lang``) and a bookmark for every section and second-level heading.

User text only ever reaches ReportLab escaped (:func:`markup`): a ``<b>`` in a
minute is printed as written.
"""

from __future__ import annotations

import functools
import io
import logging
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import FrameBG

from lmcdesk import paths
from lmcdesk.documents import model as dm

log = logging.getLogger(__name__)

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
PAGE = A4
MARGIN = 18 * mm
FRAME_PADDING = 6  # ReportLab Frame's default left/right padding, in points
BODY_SIZE = 10.5
TABLE_SIZE = 9.5

#: Box kinds: background, border, text colour (None: the body's).
BOX_COLOURS = {
    "declaration": ("#fff6e0", "#b35900", None),
    "decision": ("#eaf1fb", "#1f5fa8", None),
    "part-ii": ("#fdecea", "#8b0000", "#8b0000"),
    "alert": ("#fdecea", "#b00020", "#b00020"),
    "ok": ("#eaf5ea", "#1b5e20", None),
    "signature": ("#ffffff", "#4d4d4d", None),
    "note": ("#f2f2f2", "#888888", None),
}


class TextFont(TTFont):
    """DejaVu, keeping the text of every character, drawn or not.

    ReportLab sends every character the font has no glyph for (a Chinese name,
    a rare symbol) to one shared code, so the PDF's text layer loses them: a
    search or a screen reader finds a blank.  Here each such character gets a
    code of its own that draws the font's "missing" glyph and still says which
    character it is; the export never fails for want of a glyph."""

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab API)
        if not isinstance(text, str):
            text = text.decode("utf-8")
        known = self.face.charToGlyph
        for code in {ord(ch) for ch in text if ord(ch) not in known}:
            known[code] = 0  # the .notdef glyph, under the character's own code
        return super().splitString(text, doc, encoding)


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map, with characters beyond U+FFFF written as
    UTF-16 (surrogate pairs) as the PDF reference asks; ReportLab wrote the
    code point's hex, so an emoji came back out of the PDF as another letter."""
    text = _reportlab_to_unicode(fontname, subset)
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            text = text.replace("<%02X> <%04X>" % (i, v), "<%02X> <%s>" % (i, _utf16_hex(v)))
    return text


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


@functools.cache
def register_fonts() -> str:
    if ttfonts.makeToUnicodeCMap is _reportlab_to_unicode:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    folder = paths.resources_dir() / "fonts"
    faces = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        FONT_ITALIC: "DejaVuSans-Oblique.ttf",
        FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    }
    for name, filename in faces.items():
        pdfmetrics.registerFont(TextFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("p", fontName=FONT, fontSize=BODY_SIZE, leading=14.5, spaceAfter=5,
                          bulletFontName=FONT, allowWidows=0, allowOrphans=0)
    grey = colors.HexColor("#333333")
    s = {
        "p": base,
        "h1": ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=6,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=13, leading=16.5, spaceBefore=12,
                             spaceAfter=5, textColor=colors.HexColor("#1a1a1a"), keepWithNext=1),
        "h3": ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=11.5, leading=14.5, spaceBefore=6,
                             spaceAfter=3, keepWithNext=1),
        "lead": ParagraphStyle("lead", base, fontSize=13, leading=17, spaceAfter=8),
        "meta": ParagraphStyle("meta", base, textColor=grey, spaceAfter=3),
        "small": ParagraphStyle("small", base, fontSize=9.5, leading=12.5, textColor=grey, spaceAfter=3),
        "li": ParagraphStyle("li", base, leftIndent=14, bulletIndent=3, spaceAfter=2),
        "ok": ParagraphStyle("ok", base, textColor=colors.HexColor("#1b5e20")),
        "alert": ParagraphStyle("alert", base, textColor=colors.HexColor("#b00020"), fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", base, fontSize=TABLE_SIZE, leading=12, spaceAfter=0),
        "th": ParagraphStyle("th", base, fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=12, spaceAfter=0),
        "itemtitle": ParagraphStyle("itemtitle", base, fontName=FONT_BOLD, fontSize=12.5, leading=16,
                                    spaceAfter=0),
        "ref": ParagraphStyle("ref", base, fontSize=9.5, leading=12, textColor=colors.HexColor("#555555"),
                              spaceAfter=0),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, fontSize=8, leading=10,
                                textColor=colors.white, alignment=TA_CENTER, spaceAfter=0),
    }
    return s


def markup(runs: dm.Runs) -> str:
    """Runs as ReportLab paragraph markup: user text escaped, never interpreted."""
    return dm.format_runs(runs, escape, "<br/>")


def _text(text: str) -> str:
    return escape(text)


class Para(Paragraph):
    """A Paragraph that does not break its lines again for a width it has
    already been wrapped to (platypus wraps a kept-together block twice: once
    to measure the group, once to place it)."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab API)
        if getattr(self, "_wrapped_for", None) == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size


def _bookmark(canv, outline: tuple[str, str] | None, top: float) -> None:
    """A bookmark (PDF outline entry) ``outline = (key, title)`` at ``top``."""
    if outline is not None:
        key, title = outline
        canv.bookmarkHorizontal(key, 0, top)
        canv.addOutlineEntry(title or " ", key, level=0, closed=True)


class HeadingParagraph(Para):
    """A heading that is also a bookmark (on its first part, should it split).
    The bookmark is drawn by the heading itself, not by a flowable of its own
    beside it: a zero-height neighbour would hide the heading's space before
    from ``keepWithNext`` and strand it at the foot of a page."""

    def __init__(self, text, style, outline: tuple[str, str] | None = None, **kw) -> None:
        super().__init__(text, style, **kw)
        self.outline = outline

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab API)
        parts = super().split(availWidth, availHeight)
        for k, part in enumerate(parts):
            part.outline = self.outline if k == 0 else None
        return parts

    def draw(self):
        _bookmark(self.canv, getattr(self, "outline", None), self.height)
        super().draw()


class ItemHeading(Flowable):
    """Item number and title with the business-kind label at the right (and the
    minute reference under the label): drawn directly, since a one-row Table
    costs several times as much to lay out.  A title too long for the space
    left splits into a plain heading paragraph."""

    LABEL_W = 36 * mm

    def __init__(self, title: str, label: str, colour: str, ref: str = "",
                 outline: tuple[str, str] | None = None) -> None:
        super().__init__()
        s = styles()
        self.outline = outline
        self.title_markup = title
        self.title = Paragraph(title, s["itemtitle"])
        self.label = label
        self.ref = ref
        self.colour = colors.HexColor(colour)
        self.spaceBefore = 10
        self.spaceAfter = 5
        self.keepWithNext = 1

    def _right(self) -> float:
        return self.LABEL_W + 8 if (self.label or self.ref) else 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        _, th = self.title.wrap(availWidth - self._right(), availHeight)
        right_h = (19 if self.label else 0) + (13 if self.ref else 0)
        self.height = max(th, right_h, 16) + 6
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return []
        s = styles()
        head = [Paragraph(markup((dm.Run(f"{self.label}  ·  {self.ref}".strip(" ·")),)), s["ref"])] \
            if (self.label or self.ref) else []
        return [*head, HeadingParagraph(self.title_markup, s["h2"], outline=self.outline)]

    def draw(self):
        c = self.canv
        _bookmark(c, self.outline, self.height)
        self.title.drawOn(c, 0, 3 + (self.height - 6 - self.title.height))
        c.setStrokeColor(self.colour)
        c.setLineWidth(1.2)
        c.line(0, 0.6, self.width, 0.6)
        top = self.height
        x = self.width - self.LABEL_W
        if self.label:
            c.setFillColor(self.colour)
            c.rect(x, top - 17, self.LABEL_W, 17, stroke=0, fill=1)
            c.setFillColor(colors.white)
            size = 8.0
            while size > 4 and pdfmetrics.stringWidth(self.label, FONT_BOLD, size) > self.LABEL_W - 6:
                size -= 0.5
            c.setFont(FONT_BOLD, size)
            c.drawCentredString(x + self.LABEL_W / 2, top - 11.5, _fit(self.label, FONT_BOLD, size, self.LABEL_W - 6))
        if self.ref:
            c.setFillColor(colors.HexColor("#555555"))
            c.setFont(FONT, 8)
            c.drawRightString(self.width, top - (30 if self.label else 11),
                              _fit(self.ref, FONT, 8, self.LABEL_W + 6))


class KeepWithNext(KeepTogether):
    """What ``keepWithNext`` groups: a heading and the block after it, a short
    box, a paragraph and the table it introduces.  The group moves to the next
    page unless its opening fits here: everything but the last block, and of
    the last block its first three lines (a paragraph) or its header and first
    row (a table); a block that cannot split (a short box) must fit whole.  So a
    heading never ends a page, and, unlike ReportLab's KeepTogether, a heading
    before a long paragraph or table leaves no half-empty page behind."""

    LINES = 3

    def wrap(self, aW, aH):  # noqa: N803 (ReportLab API)
        # the heights as ReportLab's _listWrapOn adds them (space between blocks
        # collapsed), without the deep copy of the frame it makes on every call
        self._dims: list[tuple[float, float]] = []
        width = height = space_after = 0.0
        first = True
        for f in self._content:
            w, h = f.wrapOn(self.canv, aW, 0xFFFFFFF)
            self._dims.append((w, h))
            if h <= 1e-6:
                continue
            width = max(width, min(w, aW))
            height += h if first else h + max(f.getSpaceBefore() - space_after, 0)
            first = False
            space_after = f.getSpaceAfter()
            height += space_after
        self._H = height - space_after
        self._H0 = self._dims[0][1] if self._dims else 0
        self._wrapInfo = aW, aH
        return width, 0xFFFFFF  # force a split

    def split(self, aW, aH):  # noqa: N803
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        frame = getattr(self, "_frame", None)
        if self._H <= aH or getattr(frame, "_atTop", False):
            return content
        last = self._dims[-1][1] if self._dims else 0
        if self._H - last + self._lead(content[-1], last) <= aH:
            return content
        return [FrameBreak(), *content]

    def _lead(self, block, height: float) -> float:
        """How much of the group's last block must share the page with the rest."""
        if isinstance(block, Paragraph):
            return min(height, self.LINES * block.style.leading)
        if isinstance(block, Table) and getattr(block, "_rowHeights", None):
            return min(height, sum(block._rowHeights[: block.repeatRows + 1]))
        return height


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to ``width`` points (page furniture is one line)."""
    text = " ".join(text.split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class _Walker:
    def __init__(self, doc: dm.Document, width: float) -> None:
        self.doc = doc
        self.width = width
        self.s = styles()
        self.bookmarks = 0

    def outline(self, title: str) -> tuple[str, str]:
        self.bookmarks += 1
        return f"b{self.bookmarks}", " ".join(title.split())[:200]

    def style(self, name: str, box: str | None) -> ParagraphStyle:
        base = self.s[name]
        if box is None:
            return base
        return _box_style(name, box)

    def blocks(self, blocks, box: str | None = None) -> list:
        out: list = []
        for b in blocks:
            out.extend(self.block(b, box))
        return out

    def block(self, b, box: str | None = None) -> list:
        s = self.s
        if isinstance(b, dm.Heading):
            style = self.style({1: "h1", 2: "h2"}.get(b.level, "h3"), box)
            outline = self.outline(dm.plain(b.runs)) if b.level == 2 and box is None else None
            return [HeadingParagraph(markup(b.runs), style, outline=outline)]
        if isinstance(b, dm.Paragraph):
            para = Para(markup(b.runs), self.style(b.role if b.role in s else "p", box))
            if box is None and dm.plain(b.runs).rstrip().endswith(":"):
                para.keepWithNext = 1  # it introduces what follows (a table, a list)
            return [para]
        if isinstance(b, dm.ListBlock):
            style = self.style("li", box)
            return [Para(markup(item), style, bulletText="•") for item in b.items]
        if isinstance(b, dm.Table):
            return self.table(b)
        if isinstance(b, dm.Box):
            return self.box(b)
        if isinstance(b, dm.Section):
            title = f"{b.number}. {b.title}" if b.number else b.title
            heading = ItemHeading(markup((dm.Run(title),)), b.label, self.doc.colour(b.kind), b.ref,
                                  outline=self.outline(title))
            return [heading, *self.blocks(b.blocks)]
        if isinstance(b, dm.PageBreak):
            return [PageBreak()]
        return []

    def table(self, t: dm.Table) -> list:
        ncol = max([len(t.header), *(len(r) for r in t.rows)] or [1]) or 1
        widths = list(t.widths) if len(t.widths) == ncol else [1.0] * ncol
        total = sum(widths) or 1.0
        s = self.s

        def cells(row, header: bool):
            out = [Para(markup(c.runs), s["th"] if (header or c.header) else s["cell"]) for c in row]
            return out + [""] * (ncol - len(out))

        data = []
        if t.header:
            data.append(cells(t.header, True))
        data.extend(cells(r, False) for r in t.rows)
        if not data:
            return []
        table = Table(data, colWidths=[self.width * w / total for w in widths],
                      repeatRows=1 if t.header else 0, splitByRow=1, splitInRow=1)
        cmds = [
            ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),  # what an empty cell is "drawn" in
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b0b0")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if t.header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")))
        table.setStyle(TableStyle(cmds))
        table.spaceBefore = 2
        table.spaceAfter = 8
        out: list = []
        if t.caption:
            out.append(Paragraph(_text(t.caption), ParagraphStyle("caption", s["h3"], keepWithNext=1)))
        out.append(table)
        return out

    def box(self, b: dm.Box) -> list:
        """A shaded, bordered box that splits across pages (the frame background
        is drawn on every page the box reaches).  A short box is one
        keep-with-next chain, so it moves whole to the next page rather than
        split; a long one keeps only its opening with what precedes it."""
        fill, stroke, _ = BOX_COLOURS.get(b.kind, BOX_COLOURS["note"])
        inner = self.blocks(b.blocks, box=b.kind)
        start = [
            Spacer(1, 4),
            FrameBG(color=colors.HexColor(fill), start=True, strokeColor=colors.HexColor(stroke), strokeWidth=0.6),
            Spacer(1, 4),
        ]
        end = [Spacer(1, 1), FrameBG(start=False), Spacer(1, 6)]
        short = sum(len(dm.plain(r)) for r in _box_runs(b)) < 600 and not any(
            isinstance(x, dm.Table) for x in b.blocks)
        chained = start + (inner + end[:-1] if short else [])
        for f in chained:
            f.keepWithNext = 1
        return start + inner + end


def _box_runs(b: dm.Box):
    for x in b.blocks:
        if isinstance(x, (dm.Heading, dm.Paragraph)):
            yield x.runs
        elif isinstance(x, dm.ListBlock):
            yield from x.items


@functools.cache
def _box_style(name: str, box: str) -> ParagraphStyle:
    base = styles()[name]
    text = BOX_COLOURS.get(box, BOX_COLOURS["note"])[2]
    extra = {"textColor": colors.HexColor(text)} if text and name not in ("ok",) else {}
    return ParagraphStyle(f"{name}-{box}", base, leftIndent=base.leftIndent + 8, rightIndent=base.rightIndent + 8,
                          keepWithNext=0, spaceBefore=min(base.spaceBefore, 2), **extra)


def story(doc: dm.Document, pagesize=PAGE) -> list:
    """The flowables of ``doc`` for a frame as wide as ``pagesize`` less the margins."""
    # the width inside SimpleDocTemplate's frame, which pads 6 pt each side
    width = pagesize[0] - 2 * MARGIN - 2 * FRAME_PADDING
    return _Walker(doc, width).blocks(doc.blocks)


def page_size(doc: dm.Document):
    """Registers are wide tables: A4 landscape; everything else A4 portrait."""
    return landscape(A4) if doc.kind == "register" else A4


def render_pdf(doc: dm.Document, *, extra_pages: int = 0) -> bytes:
    """``doc`` as PDF bytes.  ``extra_pages``: pages appended afterwards (an
    agenda pack's papers) that "Page x of y" counts."""
    pdf, _ = render_pdf_pages(doc, extra_pages=extra_pages)
    return pdf


def render_pdf_pages(doc: dm.Document, *, extra_pages: int = 0) -> tuple[bytes, int]:
    """``doc`` as PDF bytes and its page count."""
    register_fonts()
    pagesize = page_size(doc)
    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=17 * mm,
        bottomMargin=22 * mm,
        title=doc.title,
        author=doc.author,
        subject=doc.subject,
        creator="LMC Desk",
        producer="LMC Desk (ReportLab)",
        lang=doc.lang or "en-GB",
        initialFontName=FONT,
    )
    template.keepTogetherClass = KeepWithNext
    flowables = story(doc, pagesize)
    if not flowables:
        flowables = [Spacer(1, 1)]
    template.build(flowables, canvasmaker=furniture_canvas(doc.furniture, pagesize, extra_pages))
    return buf.getvalue(), template.page


def furniture_canvas(furniture: dm.Furniture, pagesize=PAGE, extra_pages: int = 0):
    """A Canvas class that keeps every page's state until the end, then draws
    the furniture with the final page count ("Page x of y")."""

    class FurnitureCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []
            self._marks: list[tuple] = []
            self.showOutline()

        # Pages reach the PDF only in save(), so a bookmark made while a page
        # is laid out would point at the first page: keep them with the page.
        def bookmarkHorizontal(self, key, relativeX, relativeY, **kw):  # noqa: N802, N803
            left, top = self.absolutePosition(relativeX, relativeY)
            self._marks.append(("mark", key, left, top))

        def addOutlineEntry(self, title, key, level=0, closed=None):  # noqa: N802
            self._marks.append(("outline", title, key, level, closed))

        def showPage(self):  # noqa: N802 (ReportLab API)
            self._saved.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                for mark in state["_marks"]:
                    if mark[0] == "mark":
                        self.bookmarkPage(mark[1], fit="XYZ", left=mark[2], top=mark[3], zoom=0)
                    else:
                        rl_canvas.Canvas.addOutlineEntry(self, *mark[1:])
                self._draw(total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _draw(self, total: int) -> None:
            f = furniture
            w, h = pagesize
            inner = w - 2 * MARGIN
            self.saveState()
            if f.watermark:
                self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.12))
                size = 110
                while size > 20 and pdfmetrics.stringWidth(f.watermark, FONT_BOLD, size) > min(w, h) * 1.2:
                    size -= 10
                self.setFont(FONT_BOLD, size)
                self.translate(w / 2, h / 2)
                self.rotate(45)
                self.drawCentredString(0, -35, _fit(f.watermark, FONT_BOLD, size, min(w, h) * 1.3))
                self.rotate(-45)
                self.translate(-w / 2, -h / 2)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#555555"))
            right = f.mark or f.header_right
            right_w = min(pdfmetrics.stringWidth(right, FONT_BOLD if f.mark else FONT, 9 if f.mark else 8),
                          inner * 0.45) if right else 0
            if f.header_left:
                self.drawString(MARGIN, h - 11 * mm, _fit(f.header_left, FONT, 8, inner - right_w - 12))
            if f.header_right and not f.mark:
                self.drawRightString(w - MARGIN, h - 11 * mm, _fit(f.header_right, FONT, 8, right_w))
            self.setStrokeColor(colors.HexColor("#bbbbbb"))
            self.setLineWidth(0.4)
            self.line(MARGIN, 13 * mm, w - MARGIN, 13 * mm)
            page_of = f.page_of.replace("{page}", str(self._pageNumber)).replace("{pages}", str(total + extra_pages))
            page_w = pdfmetrics.stringWidth(page_of, FONT, 8)
            self.drawRightString(w - MARGIN, 9.5 * mm, page_of)
            if f.footer_left:
                self.drawString(MARGIN, 9.5 * mm, _fit(f.footer_left, FONT, 8, inner - page_w - 12))
            if f.footer_line2:
                self.setFont(FONT, 7)
                self.drawString(MARGIN, 5.5 * mm, _fit(f.footer_line2, FONT, 7, inner))
            if f.mark:
                self.setFont(FONT_BOLD, 9)
                self.setFillColor(colors.HexColor("#b00020"))
                self.drawRightString(w - MARGIN, h - 11 * mm, _fit(f.mark, FONT_BOLD, 9, right_w))
                self.drawCentredString(w / 2, 15 * mm, _fit(f.mark, FONT_BOLD, 9, inner))
            self.restoreState()

    return FurnitureCanvas
