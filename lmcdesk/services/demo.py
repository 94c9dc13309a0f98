"""The fictional county of Loamshire, for ``lmcdesk demo`` and for trying the app.

Everything in it is invented and meant to look it: the county does not exist
and the people are called Example, Sample, Placeholder, Dummy and so on.
There is no patient data of any kind.

What the demo contains:

* the Loamshire LMC; the North Loamshire Locality Commissioning Group (the
  commissioner: quorum half of its voting members, members who withdraw for a
  conflict do not count); three GP federations, each with its limited company
  and its member practices; a community physiotherapy CIC and the (fictional)
  integrated care board;
* twenty people with their memberships, roles and voting rights; a register of
  interests using all four types of interest, with a nil return and one entry
  overdue for its annual review; a gifts and hospitality register;
* three past meetings, oldest first:

  1. the North Loamshire GP Federation board deciding to bid for a community
     phlebotomy service (provision business; the bid pricing is a Part II
     item; the board member who chairs the commissioning group withdraws);
  2. the locality commissioning group awarding that service to the
     federation's company: three GPs whose practices own the company declare
     and withdraw, the vice chair takes the chair, the item stays quorate, and
     a second item is managed by "discussion, no vote";
  3. a joint meeting of the locality group and the LMC, a **draft still being
     written**, which deliberately contains two genuine problems so that
     ``lmcdesk check`` shows what the tool is for: Dr Rhian Hypothetical,
     whose practice is in the federation whose company is bidding for the
     anticoagulation service, was present, did not declare and voted; and a
     Part II item has no reason recorded for excluding the public.  (It also
     warns that Dr Dafydd Dummy's register entries are overdue for review.)

  Meetings 1 and 2 are complete and raise no probity findings at all.
  ``create_demo`` stores the three minutes in the three states a record
  shows: meeting 2 approved (at meeting 3, signed by its chair: a version
  frozen and signed with the demo key, whose passphrase is
  :data:`DEMO_PASSPHRASE`), meeting 1 a clean draft awaiting approval at the
  board's next meeting (try approving it), meeting 3 a draft with errors.

The county is data, not code: ``resources/demo/loamshire.json`` is a meeting
file (docs/meeting-file.md) and is imported through
:mod:`lmcdesk.services.interchange` like any other.  This module adds what a
meeting file does not carry: the papers' files (one fictional page each, from
``resources/demo/papers.json``), the approval of meeting 2 through the real
service, and dates near today: every date in the file moves by the same whole
number of weeks, so that the newest meeting falls a week or two before
``today`` and the register looks current.  For a given ``today`` the county is
always the same (every id starts with ``demo-`` and is fixed), which is also
how ``create_demo`` recognises a record that already holds it.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import logging
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from lmcdesk import paths
from lmcdesk.domain import AgendaItem, Directory, Meeting, Paper

from .changes import DIRECTORY_KINDS, Changes

if TYPE_CHECKING:
    from lmcdesk.signing import KeyStore

    from .unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: The body whose presence in a database means the demo is already there.
DEMO_MARKER_BODY = "demo-loamshire-lmc"

#: Meeting ids, oldest first (as in the file).
MEETING_IDS = (
    "demo-meeting-federation-bid",
    "demo-meeting-locality-award",
    "demo-meeting-joint-draft",
)

#: The newest meeting falls this many days or up to a week more before ``today``.
NEWEST_MEETING_DAYS_AGO = 9


def _resource(name: str) -> dict:
    with open(paths.resources_dir() / "demo" / name, encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def _county_file() -> dict:
    return _resource("loamshire.json")


@functools.cache
def paper_texts() -> dict[str, str]:
    """What each fictional paper says, by paper id."""
    return {k: v for k, v in _resource("papers.json").items() if not k.startswith("_")}


def _on_weekday(day: date, weekday: int) -> date:
    """The last ``weekday`` (Monday 0) on or before ``day``."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _shift_dates(obj, by: timedelta) -> None:
    """Move every date (and datetime) in ``obj``'s dataclasses, lists and dicts by ``by``, in place."""
    if isinstance(obj, (list, tuple)):
        for x in obj:
            _shift_dates(x, by)
    elif isinstance(obj, dict):
        _shift_dates(list(obj.values()), by)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, date):
                setattr(obj, f.name, value + by)
            else:
                _shift_dates(value, by)


def build_demo_county(today: date | None = None) -> tuple[Directory, list[Meeting]]:
    """The Loamshire directory and its three past meetings (oldest first), read
    from ``resources/demo/loamshire.json`` with every date moved by whole weeks
    so that the newest meeting is the same weekday on or before
    ``today - NEWEST_MEETING_DAYS_AGO`` (default: the real today).

    Pure and deterministic for a given ``today``.  Papers carry titles and file
    names but no ``sha256``: ``create_demo`` renders them and stores their bytes.
    """
    from lmcdesk.interchange import from_document

    today = today or date.today()
    directory, meetings = from_document(_county_file())
    newest = max(m.date for m in meetings)
    target = _on_weekday(today - timedelta(days=NEWEST_MEETING_DAYS_AGO), newest.weekday())
    _shift_dates([directory, meetings], target - newest)
    return directory, meetings


def _paper_pdf(paper: Paper, meeting: Meeting, item: AgendaItem, directory: Directory) -> bytes:
    """A one-page fictional paper (ReportLab is imported only here)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=paper.title, author="LMC Desk demonstration",
                            invariant=1)
    body_name = directory.body_name(meeting.body_id)
    story = [
        Paragraph("FICTIONAL DEMONSTRATION PAPER: Loamshire, its bodies and its people do not exist.",
                  styles["Italic"]),
        Spacer(1, 12),
        Paragraph(paper.title + (" (CONFIDENTIAL)" if paper.confidential else ""), styles["Title"]),
        Paragraph(f"{body_name}, {meeting.date:%d %B %Y}, item {item.position}: {item.title}", styles["Normal"]),
        Spacer(1, 12),
        Paragraph("Purpose", styles["Heading2"]),
        Paragraph(f"To inform the members' discussion of: {item.title}.", styles["Normal"]),
        Paragraph("Background", styles["Heading2"]),
        Paragraph(paper_texts().get(paper.id, "See the agenda."), styles["Normal"]),
        Paragraph("Organisations affected or bidding", styles["Heading2"]),
        Paragraph(", ".join(f"{directory.body_name(o.body_id)} ({o.role.value})" for o in item.organisations)
                  or "None.", styles["Normal"]),
        Paragraph("Recommendation", styles["Heading2"]),
        Paragraph("Members are asked to consider the paper and to declare any interest before the discussion.",
                  styles["Normal"]),
    ]
    doc.build(story)
    return buf.getvalue()


def _demo_present(uow: UnitOfWork) -> bool:
    return DEMO_MARKER_BODY in uow.directory.load().bodies


@dataclasses.dataclass(frozen=True)
class DemoResult:
    meeting_ids: list[str]
    changes: Changes


#: The passphrase of the demo locality group's signing key.  Obviously fictional and printed
#: wherever the demo says what it did: the key signs only the fictional county's minutes,
#: and anyone trying the demo can approve the board's draft (meeting 1) with it.
DEMO_PASSPHRASE = "loamshire demo only"


def create_demo(uow: UnitOfWork, today: date | None = None, *, keys: KeyStore | None = None) -> DemoResult:
    """Store the Loamshire demo county, commit, and return its meeting ids
    (with what changed).

    The papers' files go into the record first; the county is then imported
    as a meeting file (``services.interchange.import_document``: checked whole
    before anything is written), and the locality group's meeting is approved
    (at the joint meeting, signed by its chair) through
    ``lmcdesk.services.approval``, so the record holds approved minutes,
    frozen and signed, beside the two drafts.  ``keys``: the record's key
    store (default: ``signing.keystore_for`` the record's id, where
    ``Record.keystore`` is); the demo bodies' keys are made in it with :data:`DEMO_PASSPHRASE`
    (fictional bodies, a passphrase everyone may know: real bodies get their
    own keys and passphrases at their first approval).  Idempotent: when the
    database already holds the demo (its LMC body is there) nothing is
    written and the ids of the demo meetings still stored are returned.
    """
    from lmcdesk.interchange import to_document

    from .approval import approve
    from .audit import record
    from .interchange import import_document

    with uow:
        if _demo_present(uow):
            stored = {s.id for s in uow.meetings.summaries(ids=list(MEETING_IDS))}
            log.info("demo county already present; nothing written")
            return DemoResult([mid for mid in MEETING_IDS if mid in stored], Changes())
        directory, meetings = build_demo_county(today)
        for meeting in meetings:
            for item in meeting.items:
                for paper in item.papers:
                    data = _paper_pdf(paper, meeting, item, directory)
                    paper.sha256 = uow.papers.put(data)
                    paper.size_bytes = len(data)
        import_document(uow, to_document(directory, meetings), source="the Loamshire demo")  # commits
        record(uow, "demo", DEMO_MARKER_BODY, "create",
               f"Created the fictional Loamshire demo county with {len(meetings)} meetings")
        # The award meeting's minutes were agreed at the joint meeting (its item 3); approving
        # them through the real service gives them a version, a fingerprint and a seal.
        _, award, joint = meetings
        if keys is None:
            from lmcdesk.signing import keystore_for

            keys = keystore_for(uow.meta.record_id())
        approve(uow, award.id, chair_id=joint.chair_id, approved_on=joint.date, approving_meeting_id=joint.id,
                keys=keys, passphrase=DEMO_PASSPHRASE,
                when=datetime.combine(joint.date, time(13, 15)))  # commits
        uow.commit()
        ids = [m.id for m in meetings]
        return DemoResult(ids, Changes(meeting_list=True, meetings=ids, directory=DIRECTORY_KINDS, actions=True))
