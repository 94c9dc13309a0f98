"""The minutes as a document: the context, the templates, then the model.

:func:`minutes_document` is the one place the minutes are built: the PDF and
Word renderers walk what it returns, and approval freezes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lmcdesk.documents import Document, html

from . import jinja
from .context import build_context

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.documents.approval import ApprovalFacts
    from lmcdesk.domain.model import Directory, Meeting

TEMPLATE = "minutes/minutes.html.j2"


def minutes_html(ctx: dict) -> str:
    """The minutes template's HTML for a context of :func:`build_context`."""
    return jinja.render(TEMPLATE, **ctx)


def minutes_document(meeting: Meeting, directory: Directory, findings: Sequence = (), *, public: bool,
                     approval: ApprovalFacts | None = None) -> Document:
    """The whole minutes (the confidential record, or ``public`` without Part
    II) as the document model.  ``findings``: what the draft still fails
    (approved minutes print none); ``approval``: the facts of the approved
    version being built (None for a draft)."""
    ctx = build_context(meeting, directory, findings, public=public, approval=approval)
    return html.parse(minutes_html(ctx))
