"""Word minutes (same wording as the PDF) and the .ics invitation."""

from __future__ import annotations

from datetime import datetime, timezone

from docx import Document
from icalendar import Calendar

from lmcdesk.services import documents
from lmcdesk.export.ics import meeting_calendar
from sample_meeting import sample_meeting
from fakes import uow_with
from test_approval import MID


def _docx_text(path):
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    header = " ".join(p.text for p in doc.sections[0].header.paragraphs)
    footer = " ".join(p.text for p in doc.sections[0].footer.paragraphs)
    return doc, "\n".join(parts), header, footer


def test_minutes_docx_has_the_pdf_wording(tmp_path):
    d, m = sample_meeting()
    out = tmp_path / "m.docx"
    documents.write_minutes_docx(uow_with(d, m), MID, out)
    doc, text, header, footer = _docx_text(out)
    assert "Minutes of the commissioning meeting of Loamshire North Locality Commissioning Group" in text
    assert "5. Frailty service: award of locality contract" in text and "COMMISSIONING" in text
    assert "Quorum for this item: 3 voting members counted (2 excluded by conflicts); 3 required: quorate." in text
    assert "The chair withdrew; Dr Ben Sample chaired this item." in text
    assert "Dr Alys Example | Financial | Loamshire Federation Services Ltd" in text
    assert "CONFIDENTIAL" in header and "DRAFT" in header
    assert "Page" in footer
    assert doc.core_properties.title.startswith("Minutes: Loamshire North")
    assert "&amp;" not in text and "<b>" not in text
    assert "housebound patients & the transfer" in text


def test_public_docx_leaves_out_part_ii(tmp_path):
    d, m = sample_meeting()
    out = tmp_path / "p.docx"
    documents.write_minutes_docx(uow_with(d, m), MID, out, public=True)
    _, text, header, _ = _docx_text(out)
    assert "SECRET" not in text and "Staffing matter" not in text
    assert "CONFIDENTIAL" not in header


def test_ics_invitation(tmp_path):
    d, m = sample_meeting()
    cal = Calendar.from_ical(meeting_calendar(m, d, now=datetime(2025, 1, 1, tzinfo=timezone.utc)).to_ical())
    ev = next(iter(cal.walk("VEVENT")))
    assert str(ev["uid"]) == "meeting-2025-01-14@lmcdesk.invalid"
    assert ev.decoded("dtstart").isoformat() == "2025-01-14T13:30:00+00:00"
    assert ev.decoded("dtend").isoformat() == "2025-01-14T16:05:00+00:00"
    assert "Committee Room 2" in str(ev["location"])
    desc = str(ev["description"])
    assert "5. Frailty service: award of locality contract" in desc
    assert "8. Confidential item (Part II)" in desc and "Staffing" not in desc
    attendees = [str(a) for a in ev.get("attendee")]
    assert "mailto:dr-alys-example@example.invalid" in attendees
    assert "mailto:dr-gita-mock@example.invalid" not in attendees  # sent apologies
    assert any(tz["tzid"] == "Europe/London" for tz in cal.walk("VTIMEZONE"))
    out = tmp_path / "m.ics"
    documents.write_invitation(uow_with(d, m), MID, out)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
