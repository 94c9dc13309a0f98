"""Document commands: minutes, agenda-pack, register, approve, correct, ics.

MEETING is resolved exactly as the core commands resolve it (id, unique start
of an id, or a date).  Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import sys
from datetime import date

from lmcdesk import errors
from lmcdesk.cli import find_meeting, unit_of_work
from lmcdesk.cli import record as cli_record


def _meeting_id(uow, text: str) -> str:
    return find_meeting(uow, text).id


def _pages(n: int | None) -> str:
    return f"{n} page{'s' if n != 1 else ''}"


def cmd_minutes(args) -> int:
    from lmcdesk.services import documents

    if not args.pdf and not args.docx:
        raise errors.InvalidInput("Say where to write the minutes: --pdf OUT.pdf and/or --docx OUT.docx.")
    uow = unit_of_work(args)
    mid = _meeting_id(uow, args.meeting)
    which = "public" if args.public else "full (confidential)"
    if args.pdf:
        written = documents.write_minutes_pdf(uow, mid, args.pdf, public=args.public)
        print(f"Wrote the {which} minutes to {args.pdf} ({_pages(written.pages)}).")
    if args.docx:
        documents.write_minutes_docx(uow, mid, args.docx, public=args.public)
        print(f"Wrote the {which} minutes as Word to {args.docx}.")
    return 0


def cmd_agenda_pack(args) -> int:
    from lmcdesk.services import documents

    uow = unit_of_work(args)
    written = documents.write_agenda_pack(uow, _meeting_id(uow, args.meeting), args.out)
    print(f"Wrote the agenda pack to {args.out} ({written.pages} pages).")
    return 0


def cmd_register(args) -> int:
    from lmcdesk.services import documents

    today = date.fromisoformat(args.today) if args.today else None
    written = documents.write_register(unit_of_work(args), args.kind, args.out, today=today, published=not args.full)
    print(f"Wrote the {args.kind} register to {args.out} ({_pages(written.pages)}).")
    return 0


def cmd_approve(args) -> int:
    from lmcdesk.services import approval

    record = cli_record(args)
    uow = record.unit_of_work()
    v = approval.approve(uow, _meeting_id(uow, args.meeting), args.by).version
    print(f"Approved as version {v.version} by {v.approved_by} on {v.approved_at:%d %b %Y %H:%M}.")
    print(f"SHA-256 fingerprint: {v.fingerprint}")
    if v.change_note:
        print(v.change_note)
    # committed: the same backup the app makes after an approval (never a failure)
    out, warning = record.backup("approval")
    if warning:
        print(f"Warning: the minutes are approved, but {warning[:1].lower()}{warning[1:]}", file=sys.stderr)
    elif out is not None:
        print(f"Backed up the record to {out}")
    return 0


def cmd_correct(args) -> int:
    from lmcdesk.services import approval

    uow = unit_of_work(args)
    n = approval.begin_correction(uow, _meeting_id(uow, args.meeting), args.reason).version
    print(f"The minutes are a draft again; approving them will make version {n}.")
    return 0


def cmd_ics(args) -> int:
    from lmcdesk.services import documents

    uow = unit_of_work(args)
    documents.write_invitation(uow, _meeting_id(uow, args.meeting), args.out)
    print(f"Wrote the meeting invitation to {args.out}.")
    return 0


def register(subparsers) -> None:
    meeting_help = "meeting id, the start of one, or its date YYYY-MM-DD"

    p = subparsers.add_parser("minutes", help="write a meeting's minutes as PDF and/or Word",
                              description="Write the minutes. Without --public this is the full record, "
                                          "marked CONFIDENTIAL when it has Part II business.")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--pdf", metavar="OUT.pdf", help="write a PDF here")
    p.add_argument("--docx", metavar="OUT.docx", help="write a Word document here")
    p.add_argument("--public", action="store_true", help="leave out Part II (confidential) business")
    p.set_defaults(func=cmd_minutes)

    p = subparsers.add_parser("agenda-pack", help="write the agenda pack (agenda, interests reminder, papers)")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("out", metavar="OUT.pdf")
    p.set_defaults(func=cmd_agenda_pack)

    p = subparsers.add_parser("register", help="write a register as PDF")
    p.add_argument("kind", choices=["interests", "procurement", "gifts"])
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--full", action="store_true",
                   help="interests: include entries that ended more than 6 months ago (not for publication)")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="as it stands on this date (default: today)")
    p.set_defaults(func=cmd_register)

    p = subparsers.add_parser("approve", help="approve a meeting's minutes (locks them)",
                              description="Approve the minutes as the next version. Refused while the "
                                          "probity checks report an error.")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--by", required=True, metavar="NAME", help="who approved them (usually the chair)")
    p.set_defaults(func=cmd_approve)

    p = subparsers.add_parser("correct", help="reopen approved minutes for a correction (next version)")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("--reason", required=True, help="why they need correcting")
    p.set_defaults(func=cmd_correct)

    p = subparsers.add_parser("ics", help="write a calendar invitation (.ics) for a meeting")
    p.add_argument("meeting", metavar="MEETING", help=meeting_help)
    p.add_argument("out", metavar="OUT.ics")
    p.set_defaults(func=cmd_ics)
