"""The document model: what a document says, as plain frozen values.

Templates render small semantic HTML (``lmcdesk.documents.html`` parses it);
the PDF, Word and web renderers walk these values; approval freezes them as
canonical JSON (``lmcdesk.documents.canonical``).  User text is only ever the
``text`` of a :class:`Run`, so no text can change the structure: a " ¦ ", a
``<b>`` or a line starting with ``::`` is just text.

Blocks:

* :class:`Heading` (level 1 to 3; ``anchor`` makes a bookmark),
* :class:`Paragraph` (a ``role`` such as ``meta``, ``alert``, ``ok``, ``small``),
* :class:`ListBlock` of items, each a tuple of runs,
* :class:`Table` with header cells (repeated on every page) and ``widths``,
* :class:`Box` (``declaration``, ``decision``, ``part-ii``, ``signature`` ...)
  holding blocks, kept together with what precedes it where it fits,
* :class:`Section` (an agenda item: ``ref``, ``number``, ``title``, business
  ``kind`` with its ``label``) holding blocks,
* :class:`PageBreak`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


Runs = tuple[Run, ...]


def plain(runs: Runs) -> str:
    """The text of some runs, without formatting."""
    return "".join(r.text for r in runs)


def format_runs(runs: Runs, escape, line_break: str) -> str:
    """Runs as ``<b>``/``<i>`` markup (HTML, or ReportLab's paragraph markup):
    every text escaped with ``escape``, a newline written as ``line_break``."""
    out = []
    for r in runs:
        text = line_break.join(escape(part) for part in r.text.split("\n"))
        if r.italic:
            text = f"<i>{text}</i>"
        if r.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


@dataclass(frozen=True)
class Heading:
    level: int
    runs: Runs
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    role: str = ""  # "", "meta", "alert", "ok", "small", "lead"


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Runs, ...]


@dataclass(frozen=True)
class Cell:
    runs: Runs
    header: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; () = equal
    caption: str = ""


@dataclass(frozen=True)
class Box:
    kind: str  # "declaration", "decision", "part-ii", "alert", "ok", "signature", "note"
    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class Section:
    """An agenda item (or another numbered part) with its business kind."""

    kind: str  # business kind value ("commissioning" ...) or "" for none
    label: str  # the kind in words, printed on the coloured label
    number: str  # as printed, e.g. "4"
    title: str
    ref: str = ""  # minute reference, e.g. NLLCG/26-10-06/4
    anchor: str = ""
    blocks: tuple["Block", ...] = ()


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, ListBlock, Table, Box, Section, PageBreak]


@dataclass(frozen=True)
class Furniture:
    """What every page carries outside the flow of text."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    footer_line2: str = ""
    page_of: str = "Page {page} of {pages}"
    watermark: str = ""
    mark: str = ""  # e.g. "CONFIDENTIAL: PART II", printed top and bottom in red


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    lang: str = "en-GB"
    author: str = ""  # the body
    subject: str = ""
    kind: str = ""  # "minutes", "agenda", "register" ...
    furniture: Furniture = field(default_factory=Furniture)
    #: Colours by business kind (hex), used by the renderers for section labels.
    colours: tuple[tuple[str, str], ...] = ()

    def colour(self, kind: str, default: str = "#4d4d4d") -> str:
        return dict(self.colours).get(kind, default)

    def walk(self):
        """Every block, depth first (sections and boxes opened)."""
        stack = list(reversed(self.blocks))
        while stack:
            b = stack.pop()
            yield b
            if isinstance(b, (Box, Section)):
                stack.extend(reversed(b.blocks))

    def text(self) -> str:
        """All the words, one block a line (tests, search, checks)."""
        lines: list[str] = []
        for b in self.walk():
            if isinstance(b, (Heading, Paragraph)):
                lines.append(plain(b.runs))
            elif isinstance(b, ListBlock):
                lines.extend(plain(i) for i in b.items)
            elif isinstance(b, Table):
                for row in (b.header, *b.rows):
                    lines.append(" | ".join(plain(c.runs) for c in row))
            elif isinstance(b, Section):
                lines.append(f"{b.number}. {b.title}".strip(". "))
        return "\n".join(lines)
