"""The document model to and from small, semantic HTML.

Templates (Jinja2, autoescape on) write HTML of this shape; :func:`parse`
turns it into a :class:`~lmcdesk.documents.model.Document`; :func:`to_html`
writes a document back as a complete, accessible web page (headings, tables
with header cells, ``lang``, meaning never carried by colour alone).

The shape::

    <html lang="en-GB"><head><title>…</title>
      <meta name="author" content="…">  <meta name="description" content="…">
      <meta name="lmcdesk-kind" content="minutes">
      <meta name="lmcdesk-header-left" content="…"> (also header-right, footer-left,
            footer-line2, page-of, watermark, mark)
      <meta name="lmcdesk-colour" content="commissioning #1f5fa8">
    </head><body>
      <h1>…</h1> <h2 id="…">…</h2> <h3>…</h3>
      <p class="meta">… <b>…</b> <i>…</i> <br> …</p>
      <ul><li>…</li></ul>
      <table data-widths="2,3,1"><caption>…</caption>
        <thead><tr><th>…</th></tr></thead><tbody><tr><td>…</td></tr></tbody></table>
      <div class="box decision">…paragraphs, lists, tables…</div>
      <section class="item" data-kind="commissioning" data-label="COMMISSIONING"
               data-number="4" data-ref="NLLCG/26-10-06/4" id="item-4">
        <h2 class="item-heading">Title</h2> …blocks…</section>
      <hr class="page-break">
    </body></html>

Anything else is read for its text.  Text is whitespace-collapsed as a browser
would, and in Unicode NFC (the canonical form freezes it so); ``<br>`` is a
line break inside a block.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import (
    Box,
    Cell,
    Document,
    Furniture,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Runs,
    Section,
    Table,
    format_runs,
)

ROLES = ("meta", "alert", "ok", "small", "lead")
_FURNITURE = {
    "lmcdesk-header-left": "header_left",
    "lmcdesk-header-right": "header_right",
    "lmcdesk-footer-left": "footer_left",
    "lmcdesk-footer-line2": "footer_line2",
    "lmcdesk-page-of": "page_of",
    "lmcdesk-watermark": "watermark",
    "lmcdesk-mark": "mark",
}
_WS = re.compile(r"[ \t\r\n\f]+")


class _Inline:
    """Collects runs for one paragraph, heading, list item or cell."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0

    def text(self, data: str) -> None:
        data = unicodedata.normalize("NFC", _WS.sub(" ", data))
        if not data:
            return
        run = Run(data, bool(self.bold), bool(self.italic))
        if self.runs and (self.runs[-1].bold, self.runs[-1].italic) == (run.bold, run.italic):
            self.runs[-1] = Run(self.runs[-1].text + data, run.bold, run.italic)
        else:
            self.runs.append(run)

    def line_break(self) -> None:
        self.runs.append(Run("\n", bool(self.bold), bool(self.italic)))

    def finish(self) -> Runs:
        """Runs with the block's leading and trailing spaces trimmed and the
        spaces around line breaks removed."""
        runs = [r for r in self.runs if r.text]
        out: list[Run] = []
        for r in runs:
            text = r.text
            if out and out[-1].text.endswith("\n"):
                text = text.lstrip(" ")
            if text == "\n" and out:
                out[-1] = Run(out[-1].text.rstrip(" "), out[-1].bold, out[-1].italic)
            if text:
                out.append(Run(text, r.bold, r.italic))
        if out:
            out[0] = Run(out[0].text.lstrip(" "), out[0].bold, out[0].italic)
            out[-1] = Run(out[-1].text.rstrip(" "), out[-1].bold, out[-1].italic)
        merged: list[Run] = []
        for r in out:
            if not r.text:
                continue
            if merged and (merged[-1].bold, merged[-1].italic) == (r.bold, r.italic):
                merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic)
            else:
                merged.append(r)
        return tuple(merged)


@dataclass
class _Container:
    kind: str  # "body", "box", "section"
    attrs: dict
    blocks: list = field(default_factory=list)
    title: Runs = ()


@dataclass
class _TableBuilder:
    attrs: dict
    caption: str = ""
    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    row: list | None = None
    in_head: bool = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.colours: list[tuple[str, str]] = []
        self.lang = ""
        self.stack: list[_Container] = [_Container("body", {})]
        self.inline: _Inline | None = None
        self.inline_tag = ""
        self.inline_attrs: dict = {}
        self.list_items: list[Runs] | None = None
        self.table: _TableBuilder | None = None
        self.in_title = False
        self.in_caption = False
        self.skip = 0  # inside <script>, <style>, or a heading's number/badge span
        self._skip_tags: list[str] = []

    # -------------------------------------------------------------- helpers
    def _add(self, block) -> None:
        self.stack[-1].blocks.append(block)

    def _start_inline(self, tag: str, attrs: dict) -> None:
        self._end_inline()
        self.inline, self.inline_tag, self.inline_attrs = _Inline(), tag, attrs

    def _end_inline(self) -> None:
        if self.inline is None:
            return
        runs = self.inline.finish()
        tag, attrs = self.inline_tag, self.inline_attrs
        self.inline = None
        if tag == "li":
            if self.list_items is not None:
                self.list_items.append(runs)
            elif runs:
                self._add(ListBlock((runs,)))
        elif tag in ("td", "th"):
            if self.table is not None and self.table.row is not None:
                self.table.row.append(Cell(runs, header=(tag == "th")))
        elif tag in ("h1", "h2", "h3", "h4"):
            container = self.stack[-1]
            if "item-heading" in _classes(attrs) and container.kind == "section" and not container.title:
                container.title = runs or (Run(" "),)
            elif runs:
                self._add(Heading(min(int(tag[1]), 3), runs, attrs.get("id", "")))
        elif runs:  # p, or loose text
            role = next((c for c in _classes(attrs) if c in ROLES), "")
            self._add(Paragraph(runs, role))

    # -------------------------------------------------------------- events
    def handle_starttag(self, tag, attrs_list):
        attrs = {k: (v or "") for k, v in attrs_list}
        if self.skip:
            if tag == self._skip_tags[-1]:
                self._skip_tags.append(tag)
                self.skip += 1
            return
        if tag in ("script", "style") or (tag == "span" and {"item-number", "badge", "ref"} & set(_classes(attrs))
                                           and self.inline is not None and self.inline_tag.startswith("h")):
            self.skip, self._skip_tags = 1, [tag]
            return
        if tag == "html":
            self.lang = attrs.get("lang", "")
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            name, content = attrs.get("name", ""), attrs.get("content", "")
            if name == "lmcdesk-colour":
                kind, _, colour = content.partition(" ")
                self.colours.append((kind.strip(), colour.strip()))
            elif name:
                self.meta[name] = content
        elif tag in ("p", "h1", "h2", "h3", "h4"):
            self._start_inline(tag, attrs)
        elif tag in ("ul", "ol"):
            self._end_inline()
            self.list_items = []
        elif tag == "li":
            self._start_inline("li", attrs)
        elif tag == "table":
            self._end_inline()
            self.table = _TableBuilder(attrs)
        elif tag == "caption":
            self.in_caption = True
        elif tag == "thead":
            if self.table is not None:
                self.table.in_head = True
        elif tag == "tbody":
            if self.table is not None:
                self.table.in_head = False
        elif tag == "tr":
            if self.table is not None:
                self.table.row = []
        elif tag in ("td", "th"):
            self._start_inline(tag, attrs)
        elif tag in ("b", "strong"):
            if self.inline is None:
                self._start_inline("p", {})
            self.inline.bold += 1
        elif tag in ("i", "em"):
            if self.inline is None:
                self._start_inline("p", {})
            self.inline.italic += 1
        elif tag == "br":
            if self.inline is not None:
                self.inline.line_break()
        elif tag == "div" and "box" in _classes(attrs):
            self._end_inline()
            self.stack.append(_Container("box", attrs))
        elif tag == "section":
            self._end_inline()
            self.stack.append(_Container("section", attrs))
        elif tag == "hr" and "page-break" in _classes(attrs):
            self._end_inline()
            self._add(PageBreak())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self._skip_tags[-1]:
                self._skip_tags.pop()
                self.skip -= 1
            return
        if tag == "title":
            self.in_title = False
        elif tag in ("p", "h1", "h2", "h3", "h4", "li", "td", "th"):
            if self.inline is not None and self.inline_tag == tag:
                self._end_inline()
        elif tag in ("ul", "ol"):
            self._end_inline()
            if self.list_items:
                self._add(ListBlock(tuple(self.list_items)))
            self.list_items = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "tr":
            self._end_inline()
            t = self.table
            if t is not None and t.row is not None:
                if t.in_head or (not t.header and not t.rows and t.row and all(c.header for c in t.row)):
                    t.header = t.row
                else:
                    t.rows.append(tuple(t.row))
                t.row = None
        elif tag == "table":
            self._end_inline()
            t, self.table = self.table, None
            if t is not None:
                widths = tuple(float(w) for w in t.attrs.get("data-widths", "").split(",") if _number(w))
                self._add(Table(tuple(t.header), tuple(t.rows), widths, t.caption.strip()))
        elif tag in ("b", "strong"):
            if self.inline is not None and self.inline.bold:
                self.inline.bold -= 1
        elif tag in ("i", "em"):
            if self.inline is not None and self.inline.italic:
                self.inline.italic -= 1
        elif tag == "div":
            self._end_inline()
            if len(self.stack) > 1 and self.stack[-1].kind == "box":
                c = self.stack.pop()
                kind = next((k for k in _classes(c.attrs) if k != "box"), "note")
                self._add(Box(kind, tuple(c.blocks)))
        elif tag == "section":
            self._end_inline()
            if len(self.stack) > 1 and self.stack[-1].kind == "section":
                c = self.stack.pop()
                a = c.attrs
                self._add(Section(
                    kind=a.get("data-kind", ""), label=a.get("data-label", ""), number=a.get("data-number", ""),
                    title="".join(r.text for r in c.title).strip(), ref=a.get("data-ref", ""),
                    anchor=a.get("id", ""), blocks=tuple(c.blocks),
                ))

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_title:
            self.title += data
        elif self.in_caption and self.table is not None:
            self.table.caption += data
        elif self.inline is not None:
            self.inline.text(data)
        elif data.strip() and self.table is None:
            self._start_inline("p", {})
            self.inline.text(data)

    def close(self):
        super().close()
        self._end_inline()
        while len(self.stack) > 1:  # unclosed boxes or sections
            self.handle_endtag("div" if self.stack[-1].kind == "box" else "section")


def _classes(attrs: dict) -> list[str]:
    return attrs.get("class", "").split()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse(text: str) -> Document:
    """The document an HTML page describes."""
    p = _Parser()
    p.feed(text)
    p.close()
    meta = p.meta
    furniture = Furniture(**{attr: meta[name] for name, attr in _FURNITURE.items() if name in meta})
    return Document(
        title=_WS.sub(" ", p.title).strip(),
        blocks=tuple(p.stack[0].blocks),
        lang=p.lang or "en-GB",
        author=meta.get("author", ""),
        subject=meta.get("description", ""),
        kind=meta.get("lmcdesk-kind", ""),
        furniture=furniture,
        colours=tuple(p.colours),
    )


# --------------------------------------------------------------------------- writing

_CSS = """
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:1rem;line-height:1.45;max-width:50rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.6rem}h3{font-size:1.05rem}
.meta{color:#333;font-size:.95rem}.alert{color:#8b0000;font-weight:bold}.ok{color:#1b5e20}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#e6e6e6}caption{text-align:left;font-weight:bold}
.box{border-left:4px solid #888;background:#f5f5f5;padding:.4rem .7rem;margin:.6rem 0}
.box.decision{border-color:#1f5fa8;background:#eaf1fb}.box.declaration{border-color:#b35900;background:#fff6e0}
.box.part-ii{border-color:#8b0000;background:#fdecea}
.badge{display:inline-block;font-size:.75rem;padding:.05rem .5rem;border-radius:.6rem;color:#fff;background:#4d4d4d;margin-left:.5rem;vertical-align:middle}
.ref{display:block;font-size:.8rem;color:#555;font-weight:normal}
""".strip()


def _e(text: str) -> str:
    return _html.escape(text, quote=True)


def _runs(runs: Runs) -> str:
    return format_runs(runs, _e, "<br>")


def _block(b, doc: Document, out: list[str]) -> None:
    if isinstance(b, Heading):
        anchor = f' id="{_e(b.anchor)}"' if b.anchor else ""
        out.append(f"<h{b.level}{anchor}>{_runs(b.runs)}</h{b.level}>")
    elif isinstance(b, Paragraph):
        cls = f' class="{_e(b.role)}"' if b.role else ""
        out.append(f"<p{cls}>{_runs(b.runs)}</p>")
    elif isinstance(b, ListBlock):
        out.append("<ul>" + "".join(f"<li>{_runs(i)}</li>" for i in b.items) + "</ul>")
    elif isinstance(b, Table):
        widths = f' data-widths="{",".join(f"{w:g}" for w in b.widths)}"' if b.widths else ""
        parts = [f"<table{widths}>"]
        if b.caption:
            parts.append(f"<caption>{_e(b.caption)}</caption>")
        if b.header:
            parts.append("<thead><tr>" + "".join(f'<th scope="col">{_runs(c.runs)}</th>' for c in b.header)
                         + "</tr></thead>")
        parts.append("<tbody>")
        for row in b.rows:
            parts.append("<tr>" + "".join(
                f"<th scope=\"row\">{_runs(c.runs)}</th>" if c.header else f"<td>{_runs(c.runs)}</td>" for c in row
            ) + "</tr>")
        parts.append("</tbody></table>")
        out.append("".join(parts))
    elif isinstance(b, Box):
        out.append(f'<div class="box {_e(b.kind)}">')
        for inner in b.blocks:
            _block(inner, doc, out)
        out.append("</div>")
    elif isinstance(b, Section):
        anchor = f' id="{_e(b.anchor)}"' if b.anchor else ""
        out.append(
            f'<section class="item" data-kind="{_e(b.kind)}" data-label="{_e(b.label)}" '
            f'data-number="{_e(b.number)}" data-ref="{_e(b.ref)}"{anchor}>'
        )
        ref = f'<span class="ref">{_e(b.ref)}</span> ' if b.ref else ""
        number = f'<span class="item-number">{_e(b.number)}.</span> ' if b.number else ""
        badge = (f' <span class="badge" style="background:{_e(doc.colour(b.kind))}">{_e(b.label)}</span>'
                 if b.label else "")
        out.append(f'<h2 class="item-heading">{ref}{number}{_e(b.title)}{badge}</h2>')
        for inner in b.blocks:
            _block(inner, doc, out)
        out.append("</section>")
    elif isinstance(b, PageBreak):
        out.append('<hr class="page-break">')


def to_html(doc: Document) -> str:
    """The document as a complete web page (UTF-8), which :func:`parse` reads back."""
    f = doc.furniture
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title>",
    ]
    if doc.author:
        head.append(f'<meta name="author" content="{_e(doc.author)}">')
    if doc.subject:
        head.append(f'<meta name="description" content="{_e(doc.subject)}">')
    if doc.kind:
        head.append(f'<meta name="lmcdesk-kind" content="{_e(doc.kind)}">')
    for name, attr in _FURNITURE.items():
        value = getattr(f, attr)
        if value and value != getattr(Furniture(), attr):
            head.append(f'<meta name="{name}" content="{_e(value)}">')
    for kind, colour in doc.colours:
        head.append(f'<meta name="lmcdesk-colour" content="{_e(kind)} {_e(colour)}">')
    head.append(f"<style>{_CSS}</style>")
    head.append("</head>")
    body = ["<body>", "<main>"]
    for b in doc.blocks:
        _block(b, doc, body)
    body += ["</main>", "</body>", "</html>"]
    return "\n".join(head + body) + "\n"
