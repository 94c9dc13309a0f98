"""The minutes as a PDF: template wording laid out with ReportLab platypus.

``build_minutes_pdf(ctx, out)`` takes the plain context of
:func:`lmcdesk.export.context.build_context`; the wording comes from
``templates/minutes/minutes.j2`` and the page furniture (draft watermark,
CONFIDENTIAL mark, version, approver and fingerprint, "Page x of y") from
``templates/minutes/labels.j2``.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from . import jinja, pdfkit

log = logging.getLogger(__name__)


def labels():
    return jinja.environment().get_template("minutes/labels.j2").module


def furniture_for(ctx: dict) -> pdfkit.Furniture:
    L = labels()
    m = ctx["meeting"]
    f = pdfkit.Furniture(
        header_left=f"{ctx['body']}: minutes of {m['date']}",
        page_of=L.page_of,
    )
    if ctx["version"]:
        v = ctx["version"]
        f.footer_left = L.approved_footer.format(
            version=v["number"], approver=v["approved_by"], date=v["approved_on"]
        )
        f.footer_line2 = L.fingerprint_footer.format(fingerprint=v["fingerprint"])
    else:
        f.footer_left = L.draft_footer
        f.watermark = L.draft_watermark
    if ctx["public"]:
        f.header_right = L.public_mark
    elif ctx["confidential"]:
        f.mark = L.confidential_mark
        f.header_right = L.confidential_mark
    return f


def build_minutes_pdf(ctx: dict, out: str | Path | io.BytesIO) -> int:
    """Write the minutes to ``out`` (a path or a binary file); return the page count."""
    markup = jinja.render("minutes/minutes.j2", **ctx)
    L = labels()
    story = pdfkit.flowables(markup, colours=L.business_colour)
    m = ctx["meeting"]
    title = f"Minutes: {ctx['body']}, {m['date']}"
    if ctx["public"]:
        title += " (public version)"
    doc = SimpleDocTemplate(
        out if isinstance(out, io.BytesIO) else str(out),
        pagesize=pdfkit.PAGE,
        leftMargin=pdfkit.MARGIN,
        rightMargin=pdfkit.MARGIN,
        topMargin=17 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=ctx["body"],
        subject=("Approved" if ctx["version"] else "Draft")
        + f" minutes of the {m['kind']} meeting held on {m['date']}",
        creator="LMC Desk",
    )
    doc.build(story, canvasmaker=pdfkit.furniture_canvas(furniture_for(ctx)))
    return doc.page
