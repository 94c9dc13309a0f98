"""Documents as values: the model (``model``), its HTML form (``html``: what
templates write and what the web version is) and its canonical, fingerprinted
form (``canonical``: what approval freezes).  Pure Python, no Qt, no database,
no ReportLab: the renderers in ``lmcdesk.export`` walk these values."""

from .approval import ApprovalFacts, PriorVersion
from .model import (
    Block,
    Box,
    Cell,
    Document,
    Furniture,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Table,
    plain,
)

__all__ = [
    "ApprovalFacts", "PriorVersion", "Block", "Box", "Cell", "Document", "Furniture", "Heading", "ListBlock", "PageBreak",
    "Paragraph", "Run", "Section", "Table", "plain",
]
