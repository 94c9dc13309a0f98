"""The minutes as a PDF: :func:`lmcdesk.export.minutes.minutes_document`
rendered by :func:`lmcdesk.export.pdfkit.render_pdf`.

``build_minutes_pdf(ctx, out)`` is the same chain for a ready-made context of
:func:`lmcdesk.export.context.build_context` (tests, the benchmark).
"""

from __future__ import annotations

import io
from pathlib import Path

from lmcdesk.documents import html

from . import jinja, pdfkit
from .minutes import minutes_html


def labels():
    return jinja.environment().get_template("minutes/labels.j2").module


def build_minutes_pdf(ctx: dict, out: str | Path | io.BytesIO) -> int:
    """Write the minutes to ``out`` (a path or a binary file); return the page count."""
    pdf, pages = pdfkit.render_pdf_pages(html.parse(minutes_html(ctx)))
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(pdf)
    else:
        out.write(pdf)
    return pages
