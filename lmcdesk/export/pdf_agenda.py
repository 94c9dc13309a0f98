"""The agenda pack: cover, agenda, interests reminder, then the papers.

The front pages go through the same chain as the minutes (template
``templates/agenda/agenda.html.j2`` -> document model -> ReportLab); the attached papers (PDF bytes kept by
storage) are appended in agenda order with pypdf, and every part gets a
bookmark so a member can jump to item 5's paper from the outline.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject, TextStringObject
from lmcdesk.documents import Document, html
from lmcdesk.domain.enums import AttendanceStatus, ItemPart
from lmcdesk.domain.model import Directory, Meeting

from . import jinja, pdfkit
from .context import hhmm, long_date, one_line

log = logging.getLogger(__name__)


def agenda_context(meeting: Meeting, directory: Directory, conflicts=(), available: set[str] | None = None) -> dict:
    ordered = meeting.ordered_items()
    numbers = {it.id: n for n, it in enumerate(ordered, start=1)}
    clock = (
        datetime.combine(meeting.date, meeting.start_time) if meeting.start_time is not None else None
    )
    items = []
    for it in ordered:
        n = numbers[it.id]
        when = hhmm(clock.time()) if clock is not None else ""
        if clock is not None and it.planned_minutes:
            clock += timedelta(minutes=it.planned_minutes)
        papers = [
            {
                "ref": f"{n}{chr(ord('a') + k)}" if len(it.papers) > 1 else str(n),
                "title": one_line(p.title),
                "confidential": p.confidential,
                "sha256": p.sha256,
                "available": available is None or p.sha256 in available,
            }
            for k, p in enumerate(it.papers)
        ]
        items.append(
            {
                "number": n,
                "title": one_line(it.title),
                "kind": it.business_kind.value,
                "part_ii": it.part == ItemPart.PART_II,
                "time": when,
                "planned_minutes": it.planned_minutes,
                "presenter": one_line(directory.person_name(it.presenter_id)),
                "papers": papers,
            }
        )
    by_person: dict[str, list[dict]] = {}
    for c in conflicts:
        if c.item_id not in numbers:
            continue
        entry = {"number": numbers[c.item_id], "title": one_line(meeting.item(c.item_id).title),
                 "reason": one_line(c.reason)}
        by_person.setdefault(c.person_id, []).append(entry)
    reminders = []
    seen = set()
    for a in meeting.attendance:
        if a.status == AttendanceStatus.APOLOGIES or a.person_id in seen:
            continue
        seen.add(a.person_id)
        found = sorted(by_person.get(a.person_id, []), key=lambda e: e["number"])
        reminders.append({"name": one_line(directory.person_name(a.person_id)), "conflicts": found})
    reminders.sort(key=lambda r: (not r["conflicts"], r["name"]))
    return {
        "body": one_line(directory.body_name(meeting.body_id)),
        "meeting": {
            "kind": meeting.kind.value,
            "title": one_line(meeting.title),
            "date": long_date(meeting.date),
            "start": hhmm(meeting.start_time),
            "end": hhmm(meeting.end_time),
            "venue": one_line(meeting.venue),
            "chair": one_line(directory.person_name(meeting.chair_id)),
        },
        "items": items,
        "part_ii_numbers": [i["number"] for i in items if i["part_ii"]],
        "next_meeting": long_date(meeting.next_meeting),
        "reminders": reminders,
    }


def agenda_document(ctx: dict) -> Document:
    """The cover, agenda and interests reminder as the document model."""
    return html.parse(jinja.render("agenda/agenda.html.j2", **ctx))


def front_pages(ctx: dict, paper_pages: int = 0) -> tuple[bytes, int]:
    """The cover, agenda and reminder; ``paper_pages`` (the papers appended
    after them) count in the footer's "Page x of y", so a printed pack does
    not end at "Page 2 of 2" with the papers still to come."""
    return pdfkit.render_pdf_pages(agenda_document(ctx), extra_pages=paper_pages)


def assemble(front: bytes, ctx: dict, paper_bytes: dict[str, bytes], out) -> int:
    """Front pages then every available paper, with bookmarks; returns the page count."""
    writer = PdfWriter()
    front_reader = PdfReader(io.BytesIO(front))
    for page in front_reader.pages:
        writer.add_page(page)
    writer.add_outline_item(title="Cover", page_number=0)
    if len(front_reader.pages) > 1:
        writer.add_outline_item(title="Agenda and interests reminder", page_number=1)
    papers_root = None
    for it in ctx["items"]:
        item_mark = None
        for p in it["papers"]:
            data = paper_bytes.get(p["sha256"])
            if not data:
                continue
            try:
                reader = PdfReader(io.BytesIO(data))
                start = len(writer.pages)
                for page in reader.pages:
                    writer.add_page(page)
            except (PdfReadError, ValueError, KeyError) as exc:
                log.warning("paper %s is not a readable PDF: %s", p["title"], exc)
                continue
            if papers_root is None:
                papers_root = writer.add_outline_item(title="Papers", page_number=start)
            if item_mark is None:
                item_mark = writer.add_outline_item(title=f"{it['number']}. {it['title']}", page_number=start, parent=papers_root)
            writer.add_outline_item(title=f"Paper {p['ref']}: {p['title']}", page_number=start, parent=item_mark)
    writer.add_metadata(
        {k: v for k, v in (front_reader.metadata or {}).items() if isinstance(v, str)}
    )
    writer.page_mode = "/UseOutlines"
    writer.root_object[NameObject("/Lang")] = TextStringObject(
        str(front_reader.trailer["/Root"].get("/Lang", "en-GB")))
    writer.write(out)
    return len(writer.pages)


def build_agenda_pack(meeting: Meeting, directory: Directory, conflicts, paper_bytes: Mapping[str, bytes], out) -> int:
    """The whole pack into ``out``: ``conflicts`` from ``probity.likely_conflicts``,
    ``paper_bytes`` the stored files by sha256 (a paper without one is listed
    but not appended)."""
    ctx = agenda_context(meeting, directory, conflicts, available=set(paper_bytes))
    front, _ = front_pages(ctx, paper_pages=_paper_pages(ctx, paper_bytes))
    return assemble(front, ctx, paper_bytes, out)


def _paper_pages(ctx: dict, paper_bytes: dict[str, bytes]) -> int:
    """How many pages :func:`assemble` will append (unreadable papers are left out there too)."""
    total = 0
    for it in ctx["items"]:
        for p in it["papers"]:
            data = paper_bytes.get(p["sha256"])
            if not data:
                continue
            try:
                total += len(PdfReader(io.BytesIO(data)).pages)
            except (PdfReadError, ValueError, KeyError):
                continue
    return total
