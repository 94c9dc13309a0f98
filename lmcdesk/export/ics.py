"""A meeting invitation as an iCalendar (.ics) file.

METHOD:PUBLISH (an announcement anyone can add to a calendar), times in
Europe/London with the VTIMEZONE included, a stable UID from the meeting id
so that a re-sent invitation updates the same calendar entry.  Part II item
titles are not put in the description: invitations get forwarded.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from lmcdesk.domain.enums import AttendanceStatus, ItemPart
from lmcdesk.domain.model import Directory, Meeting

from .context import one_line

TZ = ZoneInfo("Europe/London")
DEFAULT_LENGTH = timedelta(hours=2)


def london_vtimezone() -> Timezone:
    """Europe/London as two yearly rules (last Sunday of March / October):
    short, and valid for every year, unlike a list of dates."""
    tz = Timezone()
    tz.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1981, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def meeting_calendar(meeting: Meeting, directory: Directory, now: datetime | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//LMC Desk//Meeting invitation//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", f"{meeting.id}@lmcdesk.invalid")
    ev.add("dtstamp", now or datetime.now(timezone.utc))
    ev.add("sequence", meeting.lock_version)
    body = one_line(directory.body_name(meeting.body_id))
    title = one_line(meeting.title) or f"{meeting.kind.value} meeting"
    ev.add("summary", title if body in title else f"{body}: {title}")
    if meeting.start_time is not None:
        start = datetime.combine(meeting.date, meeting.start_time, tzinfo=TZ)
        end = (
            datetime.combine(meeting.date, meeting.end_time, tzinfo=TZ)
            if meeting.end_time is not None and meeting.end_time > meeting.start_time
            else start + DEFAULT_LENGTH
        )
        ev.add("dtstart", start)
        ev.add("dtend", end)
    else:
        ev.add("dtstart", meeting.date)
        ev.add("dtend", meeting.date + timedelta(days=1))
    if meeting.venue:
        ev.add("location", one_line(meeting.venue))
    lines = ["Agenda:"]
    for n, it in enumerate(meeting.ordered_items(), start=1):
        title = "Confidential item (Part II)" if it.part == ItemPart.PART_II else one_line(it.title)
        lines.append(f"{n}. {title}")
    lines.append("")
    lines.append("Please declare any interest in an item at the start of the meeting or at the item.")
    ev.add("description", "\n".join(lines))
    for a in meeting.attendance:
        if a.status == AttendanceStatus.APOLOGIES:
            continue
        person = directory.people.get(a.person_id)
        if person is None or not person.email:
            continue
        att = vCalAddress(f"mailto:{person.email}")
        att.params["cn"] = vText(person.name)
        att.params["role"] = vText("REQ-PARTICIPANT" if a.voting else "OPT-PARTICIPANT")
        ev.add("attendee", att, encode=0)
    if meeting.start_time is not None:
        cal.add_component(london_vtimezone())
    cal.add_component(ev)
    return cal


def build_meeting_ics(meeting: Meeting, directory: Directory, out) -> None:
    data = meeting_calendar(meeting, directory).to_ical()
    with open(out, "wb") as fh:
        fh.write(data)
